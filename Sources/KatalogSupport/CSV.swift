/// CSV for Danish Excel: `;` as separator (Danish Excel uses `,` as the decimal mark and `;` as
/// the list separator, so it opens `;`-files in columns on double-click), UTF-8 with a byte-order
/// mark (without it Excel reads the file as Windows-1252 and æ, ø, å break), CRLF line endings and
/// RFC 4180 quoting. A value starting with = + - or @ gets a leading ' so Excel never runs it
/// as a formula; identifiers and phone numbers are written as text cells (`Cell.text`), so neither
/// the guard nor Excel's number parsing changes them.
public enum CSV {
    public static let separator = ";"
    public static let byteOrderMark = "\u{FEFF}"

    /// The document from rows already written with `line`.
    public static func document(header: [String], lines: [String]) -> String {
        byteOrderMark + ([line(header)] + lines).joined(separator: "\r\n") + "\r\n"
    }

    /// One row, fields quoted as needed and separated (without the line ending).
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: separator)
    }

    /// A cell of a row: a value, or text that Excel and Calc must keep exactly (see `text`).
    public enum Cell: Sendable, Equatable {
        case value(String)
        /// An identifier or a phone number, written as the formula `="0991"`: the only formula this
        /// CSV writes, a string literal that shows the text itself. Bare, Danish Excel and Calc read
        /// `0991` as 991, a 16-digit SOR code rounded to 15 digits, an EAN as 5,79E+12, `+45 …` as a formula.
        case text(String)
    }

    public static func line(_ cells: [Cell]) -> String {
        cells.map { cell in
            switch cell {
            case .value(let value): field(value)
            // Empty stays empty (not stated); quotes inside are doubled for the formula, then for the CSV.
            case .text(let text): text.isEmpty ? "" : "\"=\"\"" + text.replacingASCII { $0 == 0x22 ? "\"\"\"\"" : nil } + "\"\"\""
            }
        }.joined(separator: separator)
    }

    static func field(_ raw: String) -> String {
        var raw = raw
        let (formula, needsQuotes) = raw.withUTF8 { bytes -> (Bool, Bool) in
            guard let first = bytes.first else { return (false, false) }
            // OWASP CSV injection: a cell starting with = + - @ (or tab, CR) would run as a formula in Excel.
            let formula = first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D
            // Separators, quotes and line breaks need quotes; so do spaces at either end.
            let quotes = bytes.contains { $0 == 0x3B || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x2C }
                || (!formula && first == 0x20) || bytes.last == 0x20
            return (formula, quotes)
        }
        let value = formula ? "'" + raw : raw
        return needsQuotes ? "\"" + value.replacingASCII { $0 == 0x22 ? "\"\"" : nil } + "\"" : value
    }
}
