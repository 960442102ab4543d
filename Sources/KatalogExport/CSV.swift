import KatalogCore

/// CSV for Danish Excel: `;` as separator (Danish Excel uses `,` as the decimal mark and `;` as
/// the list separator, so it opens `;`-files in columns on double-click), UTF-8 with a byte-order
/// mark (without it Excel reads the file as Windows-1252 and æ, ø, å break), CRLF line endings and
/// RFC 4180 quoting. A value starting with = + - or @ gets a leading ' so Excel never runs it
/// as a formula.
public enum CSV {
    public static let separator = ";"
    public static let byteOrderMark = "\u{FEFF}"

    public static func document(header: [String], rows: [[String]]) -> String {
        document(header: header, lines: rows.map(line))
    }

    /// The document from rows already written with `line`.
    public static func document(header: [String], lines: [String]) -> String {
        byteOrderMark + ([line(header)] + lines).joined(separator: "\r\n") + "\r\n"
    }

    /// One row, fields quoted as needed and separated (without the line ending).
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: separator)
    }

    static func field(_ raw: String) -> String {
        // OWASP CSV injection: a cell starting with = + - @ would run as a formula in Excel.
        let value = raw.first.map { "=+-@\t\r".contains($0) } == true ? "'" + raw : raw
        let needsQuotes = value.containsByte(where: { $0 == 0x3B || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x2C })
            || value.hasPrefix(" ") || value.hasSuffix(" ")
        return needsQuotes ? "\"" + value.replacingASCII { $0 == 0x22 ? "\"\"" : nil } + "\"" : value
    }
}
