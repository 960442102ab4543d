import KatalogSupport
import Foundation

/// A number as offers state it: exactly (`8`), as a range (`8-12`) or roughly (`ca. 13`).
public struct Quantity: Sendable, Hashable, CustomStringConvertible {
    public let lower: Int
    public let upper: Int
    /// Written with "ca." (or "cirka", "omkring").
    public let approximate: Bool

    public init(_ lower: Int, _ upper: Int? = nil, approximate: Bool = false) {
        self.lower = lower
        self.upper = max(lower, upper ?? lower)
        self.approximate = approximate
    }

    /// The single number, when it is one and exact.
    public var exact: Int? { lower == upper && !approximate ? lower : nil }

    /// As Danish text: `8`, `8-12`, `ca. 13`.
    public var description: String {
        (approximate ? "ca. " : "") + (lower == upper ? "\(lower)" : "\(lower)-\(upper)")
    }

    /// How the quantity lies against a recommended range: inside it, partly inside, or outside.
    public enum Fit { case inside, partly, outside }

    public func fit(_ range: ClosedRange<Int>) -> Fit {
        if range.contains(lower) && range.contains(upper) { return .inside }
        if upper < range.lowerBound || lower > range.upperBound { return .outside }
        return .partly
    }

    /// Reads `8`, `8-12`, `8–12`, `8 til 12`, `ca. 13`, `cirka 13`, `omkring 13` (digits 0-9 only).
    public static func parse(_ text: String) -> Quantity? {
        // Most quantities are a plain number.
        if !text.isEmpty, text.utf8.count <= 9, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return Int(text).map { Quantity($0) } }
        var rest = Substring(text.trimmingCharacters(in: .whitespaces)).lowercased()[...]
        var approximate = false
        for prefix in ["ca. ", "ca ", "cirka ", "omkring ", "ca."] where rest.hasPrefix(prefix) {
            approximate = true
            rest = rest.dropFirst(prefix.count).drop { $0 == " " }
            break
        }
        func number(_ part: Substring) -> Int? {
            let digits = part.trimmingCharacters(in: .whitespaces)
            guard !digits.isEmpty, digits.count <= 9, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return Int(digits)
        }
        for separator in ["-", "–", " til "] {
            let parts = rest.components(separatedBy: separator)
            if parts.count == 2, let low = number(Substring(parts[0])), let high = number(Substring(parts[1])), low <= high {
                return Quantity(low, high, approximate: approximate)
            }
        }
        return number(rest).map { Quantity($0, approximate: approximate) }
    }
}

extension Quantity {
    /// "1 uge", "4 uger", "2-6 uger", "ca. 8 uger": the number as stated, with the right word.
    public var weeksText: String { "\(self) \(exact == 1 ? "uge" : "uger")" }
}
