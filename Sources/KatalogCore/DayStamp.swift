import Foundation

/// Today's date as a build sees it (ISO, `2027-01-15`): the one place that reads the clock for
/// dates. `KATALOG_I_DAG=2027-01-15` fixes the day (tests, or a build repeated as of a given day);
/// otherwise it is today's date in UTC. Start dates before it leave the site and the exports.
public enum DayStamp {
    /// The environment variable that fixes today's date.
    public static let variable = "KATALOG_I_DAG"

    /// Today, or `offsetDays` from today.
    public static func today(offsetDays: Int = 0) -> String {
        var seconds = time(nil)
        if let fixed = getenv(variable).map({ String(cString: $0) }), let day = midnight(fixed) { seconds = day }
        var now = seconds + offsetDays * 86_400
        var parts = tm()
        gmtime_r(&now, &parts)
        return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }

    /// Midnight UTC of an ISO date, nil when the text is not one.
    static func midnight(_ iso: String) -> time_t? {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int32(parts[0]), let month = Int32(parts[1]), let day = Int32(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var date = tm()
        date.tm_year = year - 1900
        date.tm_mon = month - 1
        date.tm_mday = day
        return timegm(&date)
    }
}
