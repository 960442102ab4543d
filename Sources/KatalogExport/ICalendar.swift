import KatalogCore
import KatalogSupport

/// An iCalendar feed (RFC 5545) of one municipality's team starts (`holdstart`), from the build's
/// day on: one all-day event per start, so a health centre's or a GP clinic's calendar can
/// subscribe. Deterministic: a start's UID is made from its module and date, its DTSTAMP from the
/// module's `opdateret`, so the same content gives the same bytes. Lines end in CRLF and are
/// folded at 75 octets; text values are escaped (`\`, `;`, `,` and newlines).
public enum ICalendar {
    /// The calendar's head and foot, around the events.
    static func head(name: String) -> String {
        lines([
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Tilbudskatalog//Holdstarter//DA", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "NAME:" + escape(name), "X-WR-CALNAME:" + escape(name),
        ])
    }

    static let foot = lines(["END:VCALENDAR"])

    /// A module's events: one per team start from `today` on (empty when it has none).
    /// `pageURL`: the module's page, absolute (an iCalendar URL must be a URI), else nil.
    static func events(_ module: Module, today: String, pageURL: String?) -> String {
        events(id: module.id, title: module.title, summary: module.summary, updated: module.updated,
               starts: module.upcomingTeamStarts(from: today), placesPerTeam: module.placesPerTeam, places: module.places, pageURL: pageURL)
    }

    /// A course's own team starts (its parts' are their own events), at its parts' places.
    static func events(_ course: Course, parts: [Module], today: String, pageURL: String?) -> String {
        events(id: course.id, title: course.title, summary: course.summary, updated: course.updated,
               starts: course.upcomingTeamStarts(from: today), placesPerTeam: nil, places: parts.flatMap(\.places), pageURL: pageURL)
    }

    static func events(id: String, title: String, summary: String, updated: String, starts: [String], placesPerTeam: Quantity?,
                       places: [Place], pageURL: String?) -> String {
        guard !starts.isEmpty else { return "" }
        let stamp = compact(updated) + "T000000Z"
        var description = summary.isEmpty ? [] : [summary]
        if let places = placesPerTeam { description.append("Pladser på holdet: \(places).") }
        if let pageURL { description.append("Læs mere: \(pageURL)") }
        var seen: Set<String> = []
        let location = places.map(\.line).filter { !$0.isEmpty && seen.insert($0).inserted }.joined(separator: "; ")
        // Every start has the same summary, description, location and page: written once.
        var shared = ["SUMMARY:" + escape("Holdstart: \(title)")]
        if !description.isEmpty { shared.append("DESCRIPTION:" + escape(description.joined(separator: "\n"))) }
        if !location.isEmpty { shared.append("LOCATION:" + escape(location)) }
        if let pageURL { shared.append("URL:" + pageURL) }
        let tail = lines(shared + ["TRANSP:TRANSPARENT", "END:VEVENT"])
        let uid = id.replacingASCII { $0 == 0x2F ? "-" : nil }
        return starts.map { start in
            lines([
                "BEGIN:VEVENT",
                "UID:" + escape("holdstart-\(compact(start))-\(uid)@tilbudskatalog"),
                "DTSTAMP:" + stamp,
                "DTSTART;VALUE=DATE:" + compact(start),
            ]) + tail
        }.joined()
    }

    /// "2027-02-01" → "20270201".
    static func compact(_ iso: String) -> String { iso.replacingASCII { $0 == 0x2D ? "" : nil } }

    /// A TEXT value (RFC 5545 §3.3.11): `\`, `;` and `,` escaped, a newline as `\n`; other control
    /// characters (which loading refuses already) are dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Content lines, each folded and ended with CRLF.
    static func lines(_ lines: [String]) -> String { lines.map { fold($0) + "\r\n" }.joined() }

    /// Folds a content line (RFC 5545 §3.1): no line longer than 75 octets, a continuation line
    /// starting with one space, never inside a UTF-8 sequence.
    public static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = "", width = 0
        for scalar in line.unicodeScalars {
            let size = UTF8.width(scalar)
            if width + size > 75 {
                out += "\r\n "
                width = 1
            }
            out.unicodeScalars.append(scalar)
            width += size
        }
        return out
    }
}
