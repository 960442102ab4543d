import Foundation
import KatalogCore

/// A catalog file's text, decoded and normalised: UTF-8 required, a BOM is dropped,
/// CRLF and CR become LF, and everything is NFC (so keys typed in decomposed Unicode,
/// as macOS file systems produce them, match the schema).
public enum SourceText {
    /// Larger files are refused: a module description is a few kilobytes.
    public static let maximumBytes = 1_000_000

    public static func decode(_ data: Data, file: String) throws(InputError) -> String {
        if data.count > maximumBytes {
            throw InputError(SourceLocation(file: file, line: 1),
                             "filen er for stor (\(data.count / 1_000_000) MB); en modulbeskrivelse må højst fylde 1 MB")
        }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputError(SourceLocation(file: file, line: invalidUTF8Line(bytes)),
                             "filen er ikke gemt som UTF-8",
                             hint: "gem filen med tegnsættet UTF-8 i din editor")
        }
        return normalise(text)
    }

    public static func normalise(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
            .precomposedStringWithCanonicalMapping
    }

    /// The line of the first byte sequence that is not valid UTF-8.
    static func invalidUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }
}

/// A module file split into its YAML front matter and its Markdown body.
struct SplitDocument {
    let yaml: String
    /// File line of the first YAML line (the line after the opening `---`).
    let yamlFirstLine: Int
    let body: String
    /// File line where the body starts.
    let bodyFirstLine: Int

    static func split(_ text: String, file: String) throws(InputError) -> SplitDocument {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == "---" else {
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw InputError(SourceLocation(file: file, line: 1), "filen er tom",
                                 hint: "brug `katalog new` for at oprette et modul med alle felter")
            }
            throw InputError(SourceLocation(file: file, line: 1),
                             "filen skal starte med en linje med `---`, derefter felterne og en linje med `---` igen")
        }
        guard let close = lines.indices.dropFirst().first(where: {
            let line = lines[$0].trimmingCharacters(in: .whitespaces)
            return line == "---" || line == "..."
        }) else {
            throw InputError(SourceLocation(file: file, line: 1),
                             "felterne øverst i filen er ikke afsluttet med en linje med `---`")
        }
        return SplitDocument(
            yaml: lines[1..<close].joined(separator: "\n"),
            yamlFirstLine: 2,
            body: lines[(close + 1)...].joined(separator: "\n"),
            bodyFirstLine: close + 2)
    }
}
