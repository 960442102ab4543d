import Foundation
import KatalogCore
import KatalogSupport

/// Reads a YAML document against a schema (`[Field]`) into a `FieldTable`, collecting every
/// problem with its file line instead of stopping at the first. A value that cannot be read is
/// left out of the table (and reported); every other field is still read.
struct FieldReader {
    let file: String
    /// Added to libyaml's 1-based line numbers (within the front matter) to get file lines.
    let lineOffset: Int
    var errors: [InputError] = []
    /// The YAML's lines, for messages that quote what the author wrote (split when first needed).
    private var yaml = ""
    /// Whether the YAML has a ` #` at all (only then can a text have been cut by a comment).
    private var hasComment = false
    private var split: [Substring]?
    private var lines: [Substring] {
        mutating get {
            if let split { return split }
            let made = yaml.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
            split = made
            return made
        }
    }
    /// Reading a course file: a module key there is explained as belonging to the parts.
    var isCourse = false
    /// Guards against YAML that expands into huge trees.
    private var nodeBudget = 20_000

    init(file: String, firstLine: Int) {
        self.file = file
        self.lineOffset = firstLine - 1
    }

    /// Parses YAML text (without `---` lines) and reads it into a table.
    mutating func read(yaml: String, schema: [Field]) -> FieldTable {
        var table = FieldTable()
        self.yaml = yaml
        self.hasComment = yaml.containsText(" #")
        if yaml.containsByte(0x09), let tab = lines.firstIndex(where: { $0.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") }) {
            fail(line: tab + 1, column: 1, "linjen er rykket ind med tabulator; felterne skal rykkes ind med mellemrum",
                 hint: "erstat tabulatoren med to mellemrum", rule: "YAML")
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
            fail(at: root, "felterne skal skrives som `navn: værdi`, én pr. linje", rule: "YAML")
            return table
        }
        // Room for every field of a full module (about 50 paths), so the tables do not grow step by step.
        table.values.reserveCapacity(64)
        table.locations.reserveCapacity(64)
        readMapping(mapping, schema: schema, prefix: "", into: &table)
        return table
    }

    // MARK: - Mapping and values

    private mutating func readMapping(_ mapping: [(key: YAMLNode, value: YAMLNode)], schema: [Field], prefix: String,
        into table: inout FieldTable) {
        for (keyNode, valueNode) in mapping {
            guard spend(keyNode), spend(valueNode) else { return }
            guard let key = keyNode.string, case .scalar = keyNode else {
                fail(at: keyNode, "et feltnavn skal være et ord, fx `titel`")
                continue
            }
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            guard let field = schema.first(where: { $0.key == key }) else {
                fail(at: keyNode, "ukendt felt `\(path)`", hint: unknownKeyHint(key, schema: schema, prefix: prefix))
                continue
            }
            table.locations[path] = location(of: keyNode)
            // YAML escapes ("\x1b", "\0", "\x0c") can write what the file itself may not hold.
            if let (node, scalar) = Self.controlCharacter(in: valueNode) {
                fail(at: node, "`\(path)` indeholder et usynligt styretegn (\(ControlCharacters.name(scalar)))",
                     hint: "slet tegnet (eller escape-koden i citationstegnene)")
                continue
            }
            if isNull(valueNode) {
                if case .map = field.kind { continue }
                fail(at: keyNode, "`\(path)` har ingen værdi", hint: "skriv \(field.typeName) efter kolon, eller slet linjen")
                continue
            }
            if case .scalar(let scalar, _) = valueNode, Placeholder.isPending(scalar.string), !field.isGroup {
                table.values[path] = .placeholder(scalar.string)
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
                return fail(at: node, "`\(path)` er tom", hint: "skriv teksten efter kolon, eller slet linjen")
            }
            checkCut(node, path)
            table.values[path] = .text(text)
        case .bool:
            guard let value = boolean(node) else { return wrongType(node, path, field) }
            table.values[path] = .bool(value)
        case .integer:
            guard case .scalar(let scalar, _) = node, scalar.isPlain, let value = Self.decimal(scalar.string) else {
                return wrongType(node, path, field)
            }
            guard value >= 0 else { return fail(at: node, "`\(path)` må ikke være negativ") }
            table.values[path] = .integer(value)
        case .quantity:
            guard let text = scalarText(node), let quantity = Quantity.parse(text) else { return wrongType(node, path, field) }
            table.values[path] = .quantity(quantity)
        case .date:
            guard let text = scalarText(node), Self.isDate(text) else { return wrongType(node, path, field) }
            table.values[path] = .date(text)
        case .dates:
            guard let items = listItems(node, path, field) else { return }
            var dates: [String] = []
            for item in items {
                switch item.value {
                case .pending(let text): table.pending[path, default: []].append(text)
                case .written(let text) where Self.isDate(text):
                    if dates.contains(text) { fail(at: item.node, "`\(text)` står to gange i `\(path)`", hint: "slet den ene"); continue }
                    dates.append(text)
                case .written(let text), .other(let text):
                    fail(at: item.node, "`\(path)` skal være \(field.typeName), men der står `\(text)`", hint: field.help)
                }
            }
            table.values[path] = .list(dates)
        case .code(let vocabulary):
            if let other = otherValue(node) {
                table.others[path] = [other]
                return
            }
            guard let written = scalarText(node) else { return wrongType(node, path, field) }
            guard let code = vocabulary.resolve(written) else { return unknownCode(written, node, path, vocabulary, single: true) }
            table.values[path] = .text(code)
        case .codes(let vocabulary):
            guard let items = listItems(node, path, field) else { return }
            var codes: [String] = []
            for item in items {
                switch item.value {
                case .other(let text):
                    table.others[path, default: []].append(text)
                case .pending(let text):
                    table.pending[path, default: []].append(Placeholder.choice(text) ?? text)
                case .written(let written):
                    guard let code = vocabulary.resolve(written) else {
                        unknownCode(written, item.node, path, vocabulary, single: false)
                        continue
                    }
                    if codes.contains(code) { fail(at: item.node, "`\(written)` står to gange i `\(path)`",
                        hint: "slet den ene"); continue }
                    codes.append(code)
                }
            }
            table.values[path] = .list(codes)
        case .texts:
            guard let items = listItems(node, path, field) else { return }
            var texts: [String] = []
            for item in items {
                switch item.value {
                case .written(let text), .other(let text): texts.append(text)
                case .pending(let text): table.pending[path, default: []].append(text)
                }
            }
            table.values[path] = .list(texts)
        case .map(let fields):
            guard case .mapping(let mapping, _) = node else { return wrongType(node, path, field) }
            readMapping(mapping, schema: fields, prefix: path, into: &table)
        case .records(let fields):
            guard case .sequence(let sequence, _) = node else { return wrongType(node, path, field) }
            var records: [FieldTable] = []
            for item in sequence {
                guard spend(item) else { return }
                guard case .mapping(let mapping, _) = item else {
                    fail(at: item, "hvert punkt i `\(path)` skal være en gruppe af felter (`navn: …` osv.)")
                    continue
                }
                var record = FieldTable()
                readMapping(mapping, schema: fields, prefix: "", into: &record)
                records.append(record)
            }
            table.values[path] = .records(records)
        }
    }

    /// An item of a list as written: a value, `andet: …` (a value the vocabulary lacks, written
    /// out) or a choice `katalog new` offered that is still to be made (`VÆLG …`).
    enum Item {
        case written(String)
        case other(String)
        case pending(String)
    }

    struct ListItem {
        let node: YAMLNode
        let value: Item
    }

    /// The items of a list; a single value is read as a list of one. A plain value with commas
    /// is a list written without `[ ]`, which YAML reads as one text: say so.
    private mutating func listItems(_ node: YAMLNode, _ path: String, _ field: Field) -> [ListItem]? {
        switch node {
        case .scalar(let scalar, _):
            guard let text = scalarText(node) else { wrongType(node, path, field); return nil }
            if scalar.isPlain, text.contains(","), case .codes = field.kind {
                let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
                fail(at: node, "flere værdier i `\(path)` skal skrives som en liste i kantede parenteser",
                     hint: "skriv `\(path.split(separator: ".").last ?? ""): [\(items)]`")
                return nil
            }
            return [ListItem(node: node, value: Placeholder.isPending(text) ? .pending(text) : .written(text))]
        case .sequence(let sequence, _):
            var items: [ListItem] = []
            for item in sequence {
                guard spend(item) else { return nil }
                if let other = otherValue(item) {
                    items.append(ListItem(node: item, value: .other(other)))
                    continue
                }
                guard let text = scalarText(item) else {
                    fail(at: item, "hvert punkt i `\(path)` skal være én værdi", hint: "skriv \(field.typeName)")
                    continue
                }
                items.append(ListItem(node: item, value: Placeholder.isPending(text) ? .pending(text) : .written(text)))
            }
            return items
        case .mapping:
            if let other = otherValue(node) { return [ListItem(node: node, value: .other(other))] }
            wrongType(node, path, field)
            return nil
        }
    }

    /// `andet: <text>` (a mapping with that one key): a value the vocabulary does not have.
    private func otherValue(_ node: YAMLNode) -> String? {
        guard case .mapping(let pairs, _) = node, pairs.count == 1, pairs[0].key.string == "andet",
              let text = scalarText(pairs[0].value), !text.allSatisfy(\.isWhitespace) else { return nil }
        return text
    }

    /// A plain text value that YAML cut at ` #` (a comment), where the author meant the `#`:
    /// `titel: Hold #2 (tirsdag)` reads as "Hold". A comment is ` # ` with a space after it.
    private mutating func checkCut(_ node: YAMLNode, _ path: String) {
        guard hasComment, case .scalar(let scalar, let meta) = node, scalar.isPlain, meta.line - 1 < lines.count else { return }
        let line = lines[meta.line - 1]
        guard line.containsText(" #"), let hash = line.range(of: " #") else { return }
        let after = line[hash.upperBound...]
        guard let next = after.first, next != " " else { return }
        fail(at: node, "`\(path)` bliver skåret af ved `#\(after)`, fordi # starter en kommentar",
             hint: "sæt hele teksten i citationstegn: `\(path.split(separator: ".").last ?? ""): \"\(scalar.string) #\(after)\"`")
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

    /// A whole number as authors write one: the digits 0-9 only (no `0x10`, `1_000` or `+5`,
    /// which YAML would also read, and no digits of other scripts), at most nine of them.
    static func decimal(_ text: String) -> Int? {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= 9, utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(text)
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
            if nodeBudget == -1 { fail(at: node, "felterne er for store eller for dybt indlejrede", rule: "YAML") }
            return false
        }
        return true
    }

    private func location(of node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.meta.line + lineOffset, column: node.meta.column)
    }

    private mutating func fail(at node: YAMLNode, _ message: String, hint: String? = nil, rule: String = "FELT") {
        errors.append(InputError(location(of: node), message, hint: hint, rule: rule))
    }

    private mutating func fail(line: Int, column: Int, _ message: String, hint: String? = nil, rule: String = "FELT") {
        errors.append(InputError(SourceLocation(file: file, line: line + lineOffset, column: column), message, hint: hint, rule: rule))
    }

    /// "`omfang.uger` skal være et tal …, men der står en liste": what is wanted and what is there.
    private mutating func wrongType(_ node: YAMLNode, _ path: String, _ field: Field) {
        let found: String
        switch node {
        case .scalar(let scalar, _): found = "`\(scalar.string)`"
        case .sequence: found = "en liste"
        case .mapping: found = "en gruppe af felter"
        }
        fail(at: node, "`\(path)` skal være \(field.typeName), men der står \(found)", hint: field.help)
    }

    private mutating func unknownCode(_ written: String, _ node: YAMLNode, _ path: String, _ vocabulary: Vocabulary, single: Bool) {
        var hint = Suggestion.hint(for: Vocabulary.normalised(written), in: vocabulary.codes)
            ?? "mulige værdier: \(vocabulary.codes.joined(separator: ", "))"
        hint += (hint.hasSuffix("?") ? " " : ". ")
            + """
                Findes værdien ikke på listen, så skriv den som \
                \(single ? "`\(path.split(separator: ".").last ?? ""): {andet: \(written)}`" : "`andet: \(written)`")
                """
        fail(at: node, "`\(written)` er ikke en af de værdier, `\(path)` kan have", hint: hint)
    }

    private func unknownKeyHint(_ key: String, schema: [Field], prefix: String) -> String {
        if isCourse, Schema.field(prefix.isEmpty ? key : prefix + "." + key) != nil {
            return "et forløb siger kun, hvad der gælder hele forløbet; skriv `\(prefix.isEmpty ? key : prefix + "." + key)` " +
                "i de dele (filer), det gælder for. Felterne her er: \(schema.map(\.key).joined(separator: ", "))"
        }
        // `minutter 60` inside { }: a key, a space and a value, without the colon.
        if let space = key.firstIndex(of: " "), schema.contains(where: { $0.key == key[..<space] }) {
            return "der mangler et kolon efter `\(key[..<space])`: skriv `\(key[..<space]):\(key[space...])`"
        }
        if let near = Suggestion.closest(to: key, in: schema.map(\.key)) {
            return "mente du `\(prefix.isEmpty ? near : prefix + "." + near)`?"
        }
        // A key that exists elsewhere in the schema, e.g. `diagnoser` written at the top level.
        for field in Schema.module + Schema.municipality {
            if case .map(let children) = field.kind, children.contains(where: { $0.key == key }) {
                return "`\(key)` hører under `\(field.key)`"
            }
        }
        return "felterne her er: \(schema.map(\.key).joined(separator: ", "))"
    }

    private mutating func record(_ error: YAMLProblem, yaml: String) {
        switch error {
        case .syntax(let problem, let context, let contextLine, let line, let column):
            let explained = YAMLMessages.explain(problem: problem, context: context, contextLine: contextLine, line: line, column: column,
                lines: lines)
            fail(line: explained.line, column: explained.column, explained.text, hint: explained.hint, rule: "YAML")
        case .duplicateKeys(let duplicates):
            for key in duplicates {
                let line = Self.secondOccurrence(of: key, in: yaml) ?? 1
                fail(line: line, column: 1, "feltet `\(key)` står to gange", hint: "slet det ene", rule: "YAML")
            }
        case .tooDeep(let line, let column):
            fail(line: line, column: column, "felterne er for store eller for dybt indlejrede", rule: "YAML")
        case .anchor(let line, let column):
            fail(line: line, column: column, "en værdi starter med & eller * (ankre og aliaser bruges ikke i katalogets filer)",
                 hint: "sæt teksten i citationstegn, eller skriv værdien ud hvert sted", rule: "YAML")
        case .reader(let problem, let offset):
            let line = yaml.utf8.prefix(offset).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            let message = YAMLMessages.danish(problem: problem, context: nil)
            fail(line: line, column: 1, "felterne kan ikke læses: \(message.text)", hint: message.hint, rule: "YAML")
        case .other(let problem):
            fail(line: 1, column: 1, "felterne kan ikke læses: \(problem)", rule: "YAML")
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

extension Field {
    /// A group of fields (`målgruppe:`), whose value is the fields under it.
    var isGroup: Bool {
        if case .map = kind { return true }
        return false
    }
}
