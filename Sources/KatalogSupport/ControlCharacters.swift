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
        // Line and paragraph separators: invisible, and YAML counts them as line breaks.
        case 0x2028, 0x2029: return true
        default: return value & 0xFFFE == 0xFFFE
        }
    }

    /// The first forbidden scalar in `text`, with its line and column (1-based; columns count
    /// scalars, as an author's editor counts characters). Nil when the text is clean. The bytes are
    /// scanned, and only a byte that can start a forbidden scalar is looked at closer: below 0x20,
    /// 0x7F, 0xC2 (C1 controls), 0xEF (U+FDD0-FDEF, U+FFFE-FFFF) and 0xF0-0xF4 (the planes' ends).
    public static func first(in text: String, allowingTab tab: Bool = true) -> (scalar: Unicode.Scalar, line: Int, column: Int)? {
        guard let offset = firstOffset(in: text, allowingTab: tab) else { return nil }
        var line = 1, column = 1
        var index = text.utf8.startIndex
        for scalar in text.unicodeScalars {
            if text.utf8.distance(from: text.utf8.startIndex, to: index) == offset { return (scalar, line, column) }
            index = text.utf8.index(index, offsetBy: String(scalar).utf8.count)
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return nil
    }

    /// The byte offset of the first forbidden scalar, found on the bytes.
    static func firstOffset(in text: String, allowingTab tab: Bool) -> Int? {
        func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            var offset = 0
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte < 0x20 {
                    if byte != 0x0A && (byte != 0x09 || !tab) { return offset }
                } else if byte == 0x7F {
                    return offset
                } else if byte == 0xC2 || (byte == 0xE2 && offset + 1 < bytes.count && bytes[offset + 1] == 0x80) || byte == 0xEF
                    || byte >= 0xF0 {
                    // Read the whole scalar and judge it.
                    let length = min(byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2, bytes.count - offset)
                    let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<offset + length]),
                        as: UTF8.self).unicodeScalars.first
                    if let scalar, isForbidden(scalar, allowingTab: tab) { return offset }
                    offset += length
                    continue
                }
                offset += 1
            }
            return nil
        }
        if let found = text.utf8.withContiguousStorageIfAvailable({ scan($0) }) { return found }
        var copy = text
        return copy.withUTF8 { scan($0) }
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
