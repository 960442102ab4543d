import Foundation
import KatalogCore
import Yams

/// Reads a YAML document against a schema (`[Field]`) into a `FieldTable`, collecting every
/// problem with its file line instead of stopping at the first.
struct FieldReader {
    let file: String
    /// Added to Yams' 1-based line numbers to get file lines.
    let lineOffset: Int
    var errors: [InputError] = []
    /// Guards against YAML that expands into huge trees.
    private var nodeBudget = 20_000

    init(file: String, firstLine: Int) {
        self.file = file
        self.lineOffset = firstLine - 1
    }

    /// Parses YAML text (without `---` lines) and reads it into a table.
    mutating func read(yaml: String, schema: [Field]) -> FieldTable {
        var table = FieldTable()
        if yaml.containsByte(0x09), let tab = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex(where: { $0.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") }) {
            fail(line: tab + 1, column: 1, "linjen er rykket ind med tabulator; YAML kræver mellemrum",
                 hint: "erstat tabulatoren med to mellemrum")
            return table
        }
        // Every scalar is read as text: the schema, not YAML's implicit typing, decides what a value means.
        let root: YAMLNode?
        do { root = try YAMLDocument.compose(yaml) } catch {
            record(error, yaml: yaml)
            return table
        }
        guard let root else { return table }
        guard case .mapping(let mapping, _) = root else {
            fail(at: root, "felterne skal skrives som `navn: værdi`, én pr. linje")
            return table
        }
        // Room for every field of a full module (about 50 paths), so the tables do not grow step by step.
        table.values.reserveCapacity(64)
        table.locations.reserveCapacity(64)
        readMapping(mapping, schema: schema, prefix: "", into: &table)
        return table
    }

    // MARK: - Mapping and values

    private mutating func readMapping(_ mapping: [(key: YAMLNode, value: YAMLNode)], schema: [Field], prefix: String, into table: inout FieldTable) {
        for (keyNode, valueNode) in mapping {
            guard spend(keyNode), spend(valueNode) else { return }
            guard let key = keyNode.string, case .scalar = keyNode else {
                fail(at: keyNode, "et feltnavn skal være en tekst")
                continue
            }
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            // YAML escapes ("\x1b", "\0", "\x0c") can write what the file itself may not hold.
            if let (node, scalar) = Self.controlCharacter(in: keyNode) ?? Self.controlCharacter(in: valueNode) {
                fail(at: node, "`\(path)` indeholder et usynligt styretegn (\(ControlCharacters.name(scalar)))",
                     hint: "slet tegnet (eller escape-koden i citationstegnene)")
                continue
            }
            guard let field = schema.first(where: { $0.key == key }) else {
                fail(at: keyNode, "ukendt felt `\(path)`", hint: unknownKeyHint(key, schema: schema, prefix: prefix))
                continue
            }
            table.locations[path] = location(of: keyNode)
            if isNull(valueNode) {
                if case .map = field.kind { continue }
                fail(at: keyNode, "feltet `\(path)` mangler en værdi", hint: "skriv \(field.typeName)")
                continue
            }
            readValue(valueNode, field: field, path: path, into: &table)
        }
    }

    private mutating func readValue(_ node: YAMLNode, field: Field, path: String, into table: inout FieldTable) {
        switch field.kind {
        case .text:
            guard let text = scalarText(node) else { return wrongType(node, path, field) }
            if text.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
                return fail(at: node, "feltet `\(path)` er tomt")
            }
            table.values[path] = .text(text)
        case .bool:
            guard let value = boolean(node) else { return wrongType(node, path, field) }
            table.values[path] = .bool(value)
        case .integer:
            // Integers as YAML writes them (`1_000`, `0x10`), read by Yams; a quoted "7" is text.
            guard case .scalar(let scalar, _) = node, scalar.isPlain, let value = Self.yamlInteger(scalar.string) else {
                return wrongType(node, path, field)
            }
            guard value >= 0 else { return fail(at: node, "feltet `\(path)` må ikke være negativt") }
            table.values[path] = .integer(value)
        case .date:
            guard let text = scalarText(node), Self.isDate(text) else { return wrongType(node, path, field) }
            table.values[path] = .date(text)
        case .code(let vocabulary):
            guard let code = scalarText(node) else { return wrongType(node, path, field) }
            guard vocabulary.contains(code) else { return unknownCode(code, node, path, vocabulary) }
            table.values[path] = .text(code)
        case .codes(let vocabulary):
            guard let items = listItems(node, path, field) else { return }
            var codes: [String] = []
            for (itemNode, code) in items {
                if !vocabulary.contains(code) { unknownCode(code, itemNode, path, vocabulary); continue }
                if codes.contains(code) { fail(at: itemNode, "`\(code)` står to gange i `\(path)`"); continue }
                codes.append(code)
            }
            table.values[path] = .list(codes)
        case .texts:
            guard let items = listItems(node, path, field) else { return }
            table.values[path] = .list(items.map(\.1))
        case .map(let fields):
            guard case .mapping(let mapping, _) = node else { return wrongType(node, path, field) }
            readMapping(mapping, schema: fields, prefix: path, into: &table)
        case .records(let fields):
            guard case .sequence(let sequence, _) = node else { return wrongType(node, path, field) }
            var records: [FieldTable] = []
            for item in sequence {
                guard spend(item) else { return }
                guard case .mapping(let mapping, _) = item else {
                    fail(at: item, "hvert punkt i `\(path)` skal være en gruppe af felter (navn: værdi)")
                    continue
                }
                var record = FieldTable()
                readMapping(mapping, schema: fields, prefix: "", into: &record)
                records.append(record)
            }
            table.values[path] = .records(records)
        }
    }

    /// A list of scalars; a single scalar is read as a list of one.
    private mutating func listItems(_ node: YAMLNode, _ path: String, _ field: Field) -> [(YAMLNode, String)]? {
        switch node {
        case .scalar:
            guard let text = scalarText(node) else { wrongType(node, path, field); return nil }
            return [(node, text)]
        case .sequence(let sequence, _):
            var items: [(YAMLNode, String)] = []
            for item in sequence {
                guard spend(item) else { return nil }
                guard let text = scalarText(item) else {
                    fail(at: item, "punkterne i `\(path)` skal være enkle værdier", hint: "skriv \(field.typeName)")
                    continue
                }
                items.append((item, text))
            }
            return items
        default:
            wrongType(node, path, field)
            return nil
        }
    }

    // MARK: - Scalars

    /// The first scalar in `node`, or among its items, that holds a control character (a tab
    /// too: in front matter it can only come from an escape or a paste). Groups are looked at
    /// key by key, as they are read.
    static func controlCharacter(in node: YAMLNode) -> (YAMLNode, Unicode.Scalar)? {
        switch node {
        case .scalar(let scalar, _):
            return ControlCharacters.first(in: scalar.string, allowingTab: false).map { (node, $0.scalar) }
        case .sequence(let items, _):
            for item in items { if case .scalar = item, let found = controlCharacter(in: item) { return found } }
            return nil
        case .mapping:
            return nil
        }
    }

    private func scalarText(_ node: YAMLNode) -> String? {
        guard case .scalar(let scalar, _) = node, !isNull(node) else { return nil }
        return scalar.string
    }

    private func boolean(_ node: YAMLNode) -> Bool? {
        guard case .scalar(let scalar, _) = node else { return nil }
        switch scalar.string.lowercased() {
        case "true", "ja", "yes": return true
        case "false", "nej", "no": return false
        default: return nil
        }
    }

    private func isNull(_ node: YAMLNode) -> Bool {
        guard case .scalar(let scalar, _) = node, scalar.isPlain else { return false }
        switch scalar.string {
        case "", "~", "null", "Null", "NULL": return true
        default: return false
        }
    }

    /// A plain scalar as a YAML integer: plain decimal digits directly (no leading zero, which YAML
    /// 1.1 reads as octal), everything else (`1_000`, `0x10`, `+5`) by Yams.
    static func yamlInteger(_ text: String) -> Int? {
        let utf8 = text.utf8
        if !utf8.isEmpty, utf8.count <= 18, utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), utf8.count == 1 || utf8.first != 0x30 {
            return Int(text)
        }
        return Int.construct(from: Node.Scalar(text))
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return false }
        let days = [31, (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...12).contains(month) && (1...days[month - 1]).contains(day)
    }

    // MARK: - Errors

    /// Counts nodes (the composer has refused anchors and aliases, which could expand a small
    /// file into a huge tree).
    private mutating func spend(_ node: YAMLNode) -> Bool {
        nodeBudget -= 1
        if nodeBudget < 0 {
            if nodeBudget == -1 { fail(at: node, "felterne er for store eller for dybt indlejrede") }
            return false
        }
        return true
    }

    private func location(of node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.meta.line + lineOffset, column: node.meta.column)
    }

    private mutating func fail(at node: YAMLNode, _ message: String, hint: String? = nil) {
        errors.append(InputError(location(of: node), message, hint: hint))
    }

    private mutating func fail(line: Int, column: Int, _ message: String, hint: String? = nil) {
        errors.append(InputError(SourceLocation(file: file, line: line + lineOffset, column: column), message, hint: hint))
    }

    private mutating func wrongType(_ node: YAMLNode, _ path: String, _ field: Field) {
        fail(at: node, "feltet `\(path)` har forkert type", hint: "skriv \(field.typeName)")
    }

    private mutating func unknownCode(_ code: String, _ node: YAMLNode, _ path: String, _ vocabulary: Vocabulary) {
        let hint = Suggestion.hint(for: code, in: vocabulary.codes)
            ?? "tilladte værdier: \(vocabulary.codes.joined(separator: ", "))"
        fail(at: node, "ukendt værdi `\(code)` i `\(path)`", hint: hint)
    }

    private func unknownKeyHint(_ key: String, schema: [Field], prefix: String) -> String {
        if let near = Suggestion.closest(to: key, in: schema.map(\.key)) {
            return "mente du `\(prefix.isEmpty ? near : prefix + "." + near)`?"
        }
        // A key that exists elsewhere in the schema, e.g. `diagnoser` written at the top level.
        for field in Schema.module + Schema.municipality {
            if case .map(let children) = field.kind, children.contains(where: { $0.key == key }) {
                return "`\(key)` hører under `\(field.key)`"
            }
        }
        return "tilladte felter her: \(schema.map(\.key).joined(separator: ", "))"
    }

    private mutating func record(_ error: YAMLProblem, yaml: String) {
        switch error {
        case .syntax(let problem, let context, let contextLine, let line, let column):
            let message = YAMLMessages.danish(problem: problem, context: context)
            // An unclosed quote is reported where it opens, not where the file ends.
            let at = message.line == .context && contextLine > 0 ? (contextLine, 1) : (line, column)
            fail(line: at.0, column: at.1, "felterne er ikke gyldig YAML: \(message.text)", hint: message.hint)
        case .duplicateKeys(let duplicates):
            for key in duplicates {
                let line = Self.secondOccurrence(of: key, in: yaml) ?? 1
                fail(line: line, column: 1, "feltet `\(key)` står to gange", hint: "slet den ene")
            }
        case .tooDeep(let line, let column):
            fail(line: line, column: column, "felterne er for store eller for dybt indlejrede")
        case .anchor(let line, let column):
            fail(line: line, column: column, "ankre (&) og aliaser (*) bruges ikke i katalogets filer", hint: "skriv værdien ud hvert sted")
        case .reader(let problem, let offset):
            let line = yaml.utf8.prefix(offset).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            fail(line: line, column: 1, "felterne kunne ikke læses: \(YAMLMessages.danish(problem: problem, context: nil).text)")
        case .other(let problem):
            fail(line: 1, column: 1, "felterne kunne ikke læses: \(problem)")
        }
    }

    private static func secondOccurrence(of key: String, in yaml: String) -> Int? {
        var seen = false
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop(while: { $0 == " " })
            if trimmed.hasPrefix("\(key):") {
                if seen { return index + 1 }
                seen = true
            }
        }
        return nil
    }
}
