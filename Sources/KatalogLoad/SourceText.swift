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
        var text = text
        if text.containsByte(0x0D) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return text.isKnownNFC ? text : text.precomposedStringWithCanonicalMapping
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
        // Lines as ranges of the text; only the opening and closing `---` are looked for.
        var lines: [Range<String.Index>] = []
        var start = text.startIndex
        let utf8 = text.utf8
        var index = utf8.startIndex
        var close: Int?
        while index < utf8.endIndex {
            if utf8[index] == 0x0A {
                lines.append(start..<index)
                start = utf8.index(after: index)
                if lines.count > 1, close == nil, Self.isClosing(text[lines[lines.count - 1]]) { close = lines.count - 1; break }
            }
            index = utf8.index(after: index)
        }
        if close == nil {
            lines.append(start..<text.endIndex)
            if lines.count > 1, Self.isClosing(text[lines[lines.count - 1]]) { close = lines.count - 1 }
        }
        guard let first = lines.first, text[first].trimmingSpaces == "---" else {
            if text.allSatisfy(\.isWhitespace) {
                throw InputError(SourceLocation(file: file, line: 1), "filen er tom",
                                 hint: "brug `katalog new` for at oprette et modul med alle felter")
            }
            throw InputError(SourceLocation(file: file, line: 1),
                             "filen skal starte med en linje med `---`, derefter felterne og en linje med `---` igen")
        }
        guard let close else {
            throw InputError(SourceLocation(file: file, line: 1),
                             "felterne øverst i filen er ikke afsluttet med en linje med `---`")
        }
        let yamlStart = lines.count > 1 ? lines[1].lowerBound : lines[close].lowerBound
        let yamlEnd = close > 1 ? lines[close - 1].upperBound : yamlStart
        let bodyStart = lines[close].upperBound < text.endIndex ? text.utf8.index(after: lines[close].upperBound) : text.endIndex
        return SplitDocument(
            yaml: String(text[yamlStart..<yamlEnd]),
            yamlFirstLine: 2,
            body: String(text[bodyStart...]),
            bodyFirstLine: close + 2)
    }

    private static func isClosing(_ line: Substring) -> Bool {
        let trimmed = line.trimmingSpaces
        return trimmed == "---" || trimmed == "..."
    }
}
