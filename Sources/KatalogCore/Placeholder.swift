import KatalogSupport

/// Text that `katalog new` writes for the author to replace or decide, and `katalog init`'s
/// example values. None of it states anything: a field holding it is treated as not stated, and
/// the tool's own rules report it until it is gone (UDFYLD, EKSEMPEL).
public enum Placeholder {
    /// Free text still to write: `UDFYLD: Hvem tilbuddet er for …`.
    public static let fill = "UDFYLD"
    /// A choice still to make: `VÆLG stopdato` in a list (keep the code without `VÆLG`, or delete
    /// the line), or `VÆLG ja eller nej` for a yes/no field.
    public static let choose = "VÆLG"
    /// `katalog init`'s example values: an error unless kommune.yml says `eksempeldata: true`.
    public static let example = "EKSEMPEL"

    /// Whether the text is a placeholder to fill in or a choice to make.
    public static func isPending(_ text: String) -> Bool {
        // Every value of every file is asked: most start with neither U, u, V nor a space.
        guard let first = text.utf8.first, first == 0x55 || first == 0x75 || first == 0x56 || first == 0x20 else { return false }
        let trimmed = text.drop { $0 == " " }
        // `udfyld` and `Udfyld` too (an author's own note), as a word: "Udfyldt skema" is a real text. `VÆLG` only as
        // written, since "Vælg …" can begin a real sentence.
        if trimmed.hasPrefix(fill) || trimmed.hasPrefix(choose) { return true }
        guard trimmed.prefix(fill.count).uppercased() == fill else { return false }
        let next = trimmed.dropFirst(fill.count).first
        return next == nil || next == ":" || next == " "
    }

    /// Text that stands in for a value rather than stating one: `x`, `...`, `-`, `?`, `TODO`, `xxx`, or a
    /// field's own name (`pris: Pris`). A title, a summary, a price or a description like this says nothing.
    public static func isFiller(_ text: String, key: String) -> Bool {
        let name = key.lowercased().filter(\.isLetter)
        // More letters than any filler word or the field's name: a text, whatever follows.
        let longest = max(longestFiller, name.count)
        // One pass that stops as soon as the answer is known: every title, summary, price and target
        // description is asked, and reading all of each, three times, was 2.8 % of a 10,000-module build.
        var letters = "", count = 0
        for character in text {
            // A number says something (`pris: 0`, `pris: 50`).
            if character.isNumber { return false }
            guard character.isLetter else { continue }
            count += 1
            if count > longest { return false }
            letters.append(character)
        }
        if count < 2 { return true }
        let word = letters.lowercased()
        return fillers.contains(word) || word == name
    }

    private static let fillers: Set<String> = ["todo", "tbd", "xx", "xxx", "xxxx", "udfyld", "tekst", "test", "asdf", "lorem", "ipsum"]
    private static let longestFiller = fillers.map(\.count).max() ?? 0

    public static func isPending(_ text: Substring) -> Bool { isPending(String(text)) }

    /// The code offered by a `VÆLG` item (`VÆLG stopdato` → `stopdato`), or nil.
    public static func choice(_ text: some StringProtocol) -> String? {
        let trimmed = text.drop { $0 == " " }
        guard trimmed.hasPrefix(choose) else { return nil }
        let rest = trimmed.dropFirst(choose.count).drop { $0 == " " || $0 == ":" }
        return rest.isEmpty ? nil : String(rest)
    }
}
