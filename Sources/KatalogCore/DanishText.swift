import KatalogSupport

/// Scope as plain facts: "2 gange om ugen i 8 uger, 60 minutter hver gang"; ranges and
/// approximations as stated ("i 8-12 uger", "ca. 8 på holdet").
public enum ScopeText {
    public static func describe(_ scope: Scope) -> String? {
        var parts: [String] = []
        let weeks = scope.weeks
        if let perWeek = scope.timesPerWeek {
            var text = perWeek.exact == 1 ? "1 gang om ugen" : "\(perWeek) gange om ugen"
            if let weeks { text += " i \(plural(weeks, "uge", "uger"))" }
            parts.append(text)
        } else if let weeks {
            parts.append("i \(plural(weeks, "uge", "uger"))")
        }
        let lessons = scope.lessons
        let single = lessons?.exact == 1
        if let lessons, !single { parts.append("\(lessons) gange i alt") }
        if let minutes = scope.minutes {
            parts.append(single && scope.timesPerWeek == nil ? "1 gang på \(minutes) minutter" : "\(minutes) minutter hver gang")
        } else if single {
            parts.append("1 gang")
        }
        // Only one exact number is a maximum; "ca. 8" and "10-12" are as stated.
        if let size = scope.teamSize { parts.append(size.exact == nil ? "\(size) på holdet" : "højst \(size) på holdet") }
        guard !parts.isEmpty else { return nil }
        let text = parts.joined(separator: ", ")
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    static func plural(_ n: Quantity, _ one: String, _ many: String) -> String { n.exact == 1 ? "1 \(one)" : "\(n) \(many)" }
}

/// "2026-10-01" → "1. oktober 2026".
public enum DanishDate {
    static let months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november",
        "december"]
    public static func long(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]) else { return iso }
        return "\(parts[2]). \(months[parts[1] - 1]) \(parts[0])"
    }
}

