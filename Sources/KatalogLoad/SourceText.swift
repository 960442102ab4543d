import Foundation
import KatalogCore
import KatalogSupport

/// A catalog file's text, decoded and normalised: UTF-8 required, a BOM is dropped,
/// CRLF and CR become LF, and everything is NFC (so keys typed in decomposed Unicode,
/// as macOS file systems produce them, match the schema).
public enum SourceText {
    /// Larger files are refused: a module description is a few kilobytes.
    public static let maximumBytes = 1_000_000

    /// Decodes a catalog file (too large, or not UTF-8, and it cannot be read at all). Control
    /// characters (see `ControlCharacters`) are each a problem at their line and column, and are
    /// replaced by U+FFFD, so that the rest of the file is still read and nothing they could do
    /// reaches an output. (Tabs are looked at where they matter: indentation, values.)
    public static func decode(_ data: Data, file: String) throws(InputError) -> (text: String, problems: [InputError]) {
        let text = try decodeText(data, file: file)
        let controls = ControlCharacters.perLine(in: text)
        guard !controls.isEmpty else { return (text, []) }
        let problems = controls.map { found in
            InputError(SourceLocation(file: file, line: found.line, column: found.column),
                       "linjen indeholder et usynligt styretegn (\(ControlCharacters.name(found.scalar))), som ikke må stå i filen",
                       hint: "slet tegnet; det kommer tit med, når tekst kopieres fra et andet program")
        }
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { cleaned.append(ControlCharacters.isForbidden(scalar) ? "\u{FFFD}" : scalar) }
        return (String(cleaned), problems)
    }

    static func decodeText(_ data: Data, file: String) throws(InputError) -> String {
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
        var text = text
        // Only the opening and the closing `---` are looked for, on the bytes.
        let found = text.withUTF8 { bytes -> (opened: Bool, yaml: Range<Int>, body: Int, closeLine: Int)? in
            func lineEnd(from start: Int) -> Int {
                guard start < bytes.count, let base = bytes.baseAddress, let hit = memchr(base + start, 0x0A, bytes.count - start) else {
                    return bytes.count
                }
                return base.distance(to: UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)))
            }
            let firstEnd = lineEnd(from: 0)
            guard isFence(bytes, 0..<firstEnd, closing: false) else { return (false, 0..<0, 0, 0) }
            var start = firstEnd + 1, line = 1
            let yamlStart = min(start, bytes.count)
            var previousEnd = yamlStart
            while start <= bytes.count, firstEnd < bytes.count {
                let end = lineEnd(from: start)
                if isFence(bytes, start..<end, closing: true) {
                    return (true, yamlStart..<(line > 1 ? previousEnd : yamlStart), min(end + 1, bytes.count), line)
                }
                previousEnd = end
                start = end + 1
                line += 1
            }
            return nil
        }
        guard let found, found.opened else {
            if found == nil {
                throw InputError(SourceLocation(file: file, line: 1),
                                 "felterne øverst i filen er ikke afsluttet med en linje med `---`")
            }
            if text.allSatisfy(\.isWhitespace) {
                throw InputError(SourceLocation(file: file, line: 1), "filen er tom",
                                 hint: "brug `katalog new` for at oprette et modul med alle felter")
            }
            throw InputError(SourceLocation(file: file, line: 1),
                             "filen skal starte med en linje med `---`, derefter felterne og en linje med `---` igen")
        }
        return text.withUTF8 { bytes in
            SplitDocument(
                yaml: String(decoding: UnsafeBufferPointer(rebasing: bytes[found.yaml]), as: UTF8.self),
                yamlFirstLine: 2,
                body: String(decoding: UnsafeBufferPointer(rebasing: bytes[found.body...]), as: UTF8.self),
                bodyFirstLine: found.closeLine + 2)
        }
    }

    /// Whether the line is `---` (or, closing, `...`) with only spaces and tabs around it.
    private static func isFence(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, closing: Bool) -> Bool {
        var lower = line.lowerBound, upper = line.upperBound
        while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
        while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
        guard upper - lower == 3 else { return false }
        let mark = bytes[lower]
        return (mark == 0x2D || (closing && mark == 0x2E)) && bytes[lower + 1] == mark && bytes[lower + 2] == mark
    }
}
