/// Code points that no output of the catalog may carry: C0 controls (but tab and newline), DEL,
/// C1 controls, and Unicode's noncharacters. XML 1.0 cannot hold most of them even escaped (an
/// Atom feed with one is not well-formed), HTML calls them parse errors, and in a terminal they
/// are escape sequences. Catalog files may not contain them; messages that quote content show
/// them as `U+XXXX` instead.
public enum ControlCharacters {
    /// Whether the scalar may not appear. `tab`: whether a tab is allowed here (in a body, yes).
    public static func isForbidden(_ scalar: Unicode.Scalar, allowingTab tab: Bool = true) -> Bool {
        let value = scalar.value
        switch value {
        case 0x09: return !tab
        case 0x0A: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0xFDD0...0xFDEF: return true
        default: return value & 0xFFFE == 0xFFFE
        }
    }

    /// The first forbidden scalar in `text`, with its line and column (1-based; columns count
    /// characters as an author's editor does). Nil when the text is clean. Most text is plain:
    /// a scan of the bytes finds nothing that could start a forbidden scalar, and the scalars are
    /// looked at only when it does (0xC2 leads C1 controls, 0xEF and 0xF0-0xF4 noncharacters).
    public static func first(in text: String, allowingTab tab: Bool = true) -> (scalar: Unicode.Scalar, line: Int, column: Int)? {
        let suspicious = text.containsByte { byte in
            (byte < 0x20 && byte != 0x0A && (byte != 0x09 || !tab)) || byte == 0x7F || byte == 0xC2 || byte == 0xEF || byte >= 0xF0
        }
        guard suspicious else { return nil }
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            if isForbidden(scalar, allowingTab: tab) { return (scalar, line, column) }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return nil
    }

    /// The first forbidden scalar of each line that has one.
    public static func perLine(in text: String, allowingTab tab: Bool = true) -> [(scalar: Unicode.Scalar, line: Int, column: Int)] {
        guard first(in: text, allowingTab: tab) != nil else { return [] }
        var found: [(scalar: Unicode.Scalar, line: Int, column: Int)] = []
        var line = 1, column = 1
        for scalar in text.unicodeScalars {
            if isForbidden(scalar, allowingTab: tab), found.last?.line != line { found.append((scalar, line, column)) }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return found
    }

    /// `U+001B`.
    public static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The text with every forbidden scalar (and tab) written as `U+XXXX`, for messages that
    /// quote content: they reach terminals, XML reports and pull-request comments.
    public static func visible(_ text: String) -> String {
        guard first(in: text, allowingTab: false) != nil else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isForbidden(scalar, allowingTab: false) { out.append(contentsOf: name(scalar).unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }
}
