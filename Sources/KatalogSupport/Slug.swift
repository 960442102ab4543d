import Foundation

/// URL-safe names: lower case, æ/ø/å spelt out, anything else a hyphen. Case-folded, so
/// `Træning.md` and `træning.md` collide (as they would on a case-insensitive web server).
public enum Slug {
    public static func make(_ name: String) -> String {
        var stem = (name.isKnownNFC ? name : name.precomposedStringWithCanonicalMapping).lowercased()
        if stem.hasSuffix(".md") { stem.removeLast(3) }
        var out = ""
        for ch in stem {
            switch ch {
            case "æ": out += "ae"
            case "ø": out += "oe"
            case "å": out += "aa"
            case "a"..."z", "0"..."9": out.append(ch)
            default: if !out.hasSuffix("-") { out += "-" }
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        while out.hasPrefix("-") { out.removeFirst() }
        return out.isEmpty ? "modul" : out
    }
}

