import Foundation

/// URL-safe names: lower case, æ/ø/å spelt out, anything else a hyphen. Case-folded, so
/// `Træning.md` and `træning.md` collide (as they would on a case-insensitive web server).
public enum Slug {
    public static func make(_ name: String) -> String {
        var stem = (name.isKnownNFC ? name : name.precomposedStringWithCanonicalMapping).lowercased()
        if stem.hasSuffix(".md") { stem.removeLast(3) }
        // By scalar, not by Character: a Character range ("a"..."z") compares strings, which made
        // this a tenth of a rebuild (every file name is checked on every load). After NFC the two
        // differ only for a letter with a combining mark that has no precomposed form, which now
        // becomes a hyphen like any other character outside a-z.
        var out = ""
        for scalar in stem.unicodeScalars {
            switch scalar {
            case "æ": out += "ae"
            case "ø": out += "oe"
            case "å": out += "aa"
            case "a"..."z", "0"..."9": out.unicodeScalars.append(scalar)
            default: if out.utf8.last != 0x2D { out += "-" }
            }
        }
        while out.utf8.last == 0x2D { out.removeLast() }
        while out.utf8.first == 0x2D { out.removeFirst() }
        return out.isEmpty ? "modul" : out
    }
}

