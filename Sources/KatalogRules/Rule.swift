import KatalogCore
import KatalogSupport

/// What a rule looks at.
public enum Target: Sendable {
    /// Every module.
    case allModules
    /// Modules of one intervention (any variant).
    case intervention(Intervention)
    /// Modules of some interventions.
    case interventions([Intervention])
    /// Modules of one variant.
    case variant(Variant)
    /// Each municipality's catalog as a whole.
    case catalog
    /// The municipality's organisation (declared in `kommune.yml`).
    case organisation

    public func applies(to module: Module) -> Bool { applies(to: module.intervention, module.variant) }

    /// Whether the rule judges a module of this intervention and variant.
    public func applies(to intervention: Intervention, _ variant: Variant?) -> Bool {
        switch self {
        case .allModules: true
        case .intervention(let i): intervention == i
        case .interventions(let list): list.contains(intervention)
        case .variant(let v): variant == v
        case .catalog, .organisation: false
        }
    }

    /// Whether the rule reads the municipality's own settings and declarations (kommune.yml).
    public var readsSettings: Bool {
        if case .organisation = self { return true }
        return false
    }

    /// Whether the rule judges modules one by one (not a municipality's catalog or organisation).
    public var appliesToModules: Bool {
        switch self {
        case .catalog, .organisation: false
        default: true
        }
    }

    /// Danish description, for `katalog rules`.
    public var danish: String {
        switch self {
        case .allModules: "alle tilbud"
        case .intervention(let i): i.label.lowercased()
        case .interventions(let list): list.map { $0.label.lowercased() }.joined(separator: " og ")
        case .variant(let v): v.label.lowercased()
        case .catalog: "kommunens samlede katalog"
        case .organisation: "kommunen (kommune.yml)"
        }
    }
}

/// A problem a check found: the key it concerns (dotted path), or a line of the body, and a
/// Danish message.
public struct Issue: Sendable {
    /// The key's path; empty for an issue about the file or the catalog as a whole.
    public let path: String
    /// A line in the body, for issues about the Markdown text rather than a key.
    public let line: Int?
    public let message: String
    public init(_ key: ModuleKey, _ message: String) {
        self.init(path: key.path, line: nil, message)
    }
    public init(_ key: MunicipalityKey, _ message: String) {
        self.init(path: key.path, line: nil, message)
    }
    public init(line: Int, _ message: String) {
        self.init(path: "", line: line, message)
    }
    init(path: String, line: Int?, _ message: String) {
        self.path = path
        self.line = line
        self.message = message
    }
    /// An issue about the module or the municipality's catalog as a whole.
    public static func whole(_ message: String) -> Issue { Issue(path: "", line: nil, message) }
}

/// One rule of the quality standard: data (ID, section, wording, hint) plus a small check.
public struct Rule: Sendable {
    public enum Check: Sendable {
        case module(@Sendable (ModuleFacts) -> [Issue])
        case municipality(@Sendable (Municipality) -> [Issue])
    }

    public let id: String
    public let section: String
    public let basis: Basis
    public let kind: Kind
    public let target: Target
    /// The standard's own Danish wording (abridged where long), with its line in the seed text.
    public let wording: String
    public let line: Int
    /// What to do, in Danish.
    public let hint: String
    /// The fields the rule reads: the module's, and kommune.yml's (`settings`). `katalog new`
    /// writes a module's, `katalog explain` and the compliance pages name them.
    public let fields: [ModuleKey]
    public let settings: [MunicipalityKey]
    public let check: Check

    public var severity: Severity { basis.severity }

    public init(id: String, section: String, basis: Basis, kind: Kind, target: Target, wording: String, line: Int, hint: String,
                fields: [ModuleKey] = [], settings: [MunicipalityKey] = [], check: Check) {
        self.id = id
        self.section = section
        self.basis = basis
        self.kind = kind
        self.target = target
        self.wording = wording
        self.line = line
        self.hint = hint
        self.fields = fields
        self.settings = settings
        self.check = check
    }
}

/// A module seen by a check, with helpers that turn missing or wrong fields into issues.
public struct ModuleFacts: Sendable {
    public let module: Module
    public let municipality: Municipality
    /// The highest LIX accepted for citizen text (`--lix`, else `lix-grænse` in kommune.yml, else 35).
    public let lixLimit: Int
    public var fields: FieldTable { module.fields }

    public func text(_ key: ModuleKey) -> String? { fields.text(key) }
    public func bool(_ key: ModuleKey) -> Bool? { fields.bool(key) }
    public func list(_ key: ModuleKey) -> [String] { fields.list(key) }
    public func quantity(_ key: ModuleKey) -> Quantity? { fields.quantity(key) }
    public func records(_ key: ModuleKey) -> [FieldTable] { fields.records(key) }
    public func otherValues(_ key: ModuleKey) -> [String] { fields.otherValues(key) }

    /// An issue when a text declaration is absent or says nothing (see `Declaration`).
    public func declared(_ key: ModuleKey, _ what: String) -> [Issue] {
        guard let text = fields.text(key) else { return [Issue(key, "`\(key.path)` mangler: \(what)")] }
        // A code (`screening: audit`) says what it says; free text must say something.
        guard case .text? = Schema.field(key.path)?.kind else { return [] }
        guard Declaration.saysSomething(text, path: key.path) else {
            return [Issue(key, "`\(key.path)` siger ikke noget endnu (“\(text.prefix(40))”): \(what) skal beskrives med jeres egne ord")]
        }
        return []
    }

    /// Whether a text declaration says something (for rules that accept it among other ways to show a krav).
    public func says(_ key: ModuleKey) -> Bool {
        fields.text(key).map { Declaration.saysSomething($0, path: key.path) } ?? false
    }

    /// An issue when a yes/no field is not `true`.
    public func yes(_ key: ModuleKey, _ what: String) -> [Issue] {
        switch fields.bool(key) {
        case true?: []
        case false?: [Issue(key, "`\(key.path)` er nej: \(what)")]
        case nil: [Issue(key, "`\(key.path)` mangler: \(what)")]
        }
    }

    /// An issue naming every required code a list lacks.
    public func includes(_ key: ModuleKey, _ required: [String], from vocabulary: Vocabulary, _ what: String) -> [Issue] {
        let have = Set(fields.list(key))
        let missing = required.filter { !have.contains($0) }
        guard !missing.isEmpty else { return [] }
        return [Issue(key, "\(what) mangler i `\(key.path)`: \(missing.map { "\($0) (\(vocabulary.label($0)))" }.joined(separator: ", "))")]
    }

    /// An issue when a number is absent or lies outside the standard's range. A range or an
    /// approximate number is judged as stated: inside passes; partly or wholly outside does not,
    /// and the message says which (`uger: 8-16` against 6-12 weeks).
    public func number(_ key: ModuleKey, in range: ClosedRange<Int>, _ what: String) -> [Issue] {
        guard let value = fields.quantity(key) else { return [Issue(key, "`\(key.path)` mangler: \(what)")] }
        switch value.fit(range) {
        case .inside: return []
        case .partly: return [Issue(key,
            "`\(key.path)` er \(value), som kun delvis ligger inden for \(range.lowerBound)-\(range.upperBound): \(what)")]
        case .outside: return [Issue(key, "`\(key.path)` er \(value), men \(what)")]
        }
    }

    /// Staff who satisfy a profession requirement.
    public func staff(where predicate: (Profession) -> Bool) -> [Profession] {
        module.staff.compactMap(Profession.named).filter(predicate)
    }
}

/// What a declaration must be to show a krav: something said, not a placeholder, not a few
/// letters (`kompetencer: x`), and not the schema's or `katalog new`'s own words copied back.
public enum Declaration {
    /// Answers that say nothing, however they are written.
    static let empty: Set<String> = ["x", "xx", "xxx", "-", "--", "ja", "nej", "ok", "tbd", "todo", "n/a", "na", "ikke relevant",
                                     "se ovenfor", "se nedenfor", "følger", "kommer", "udfyldes", "udfyldes senere", "?", "..."]

    public static func saysSomething(_ text: String, path: String) -> Bool {
        // Words of two letters or more, and letters, counted in one pass over the scalars.
        var words = 0, letters = 0, run = 0
        for scalar in text.unicodeScalars {
            let isLetter = scalar.isASCII ? (scalar >= "a" && scalar <= "z") || (scalar >= "A"
                && scalar <= "Z") : scalar.properties.isAlphabetic
            if isLetter {
                letters += 1
                run += 1
            } else {
                if run >= 2 { words += 1 }
                run = 0
            }
        }
        if run >= 2 { words += 1 }
        guard words >= 3, letters >= 15, !Placeholder.isPending(text) else { return false }
        if text.utf8.count < 30, empty.contains(Vocabulary.normalised(text).replacingOccurrences(of: "-", with: " ")) { return false }
        // The help text of the field (what `katalog new` asks), copied back as the answer.
        if let help = helpPrefixes[path], let first = help.first, text.first.map({ $0.lowercased() == String(first) }) == true,
           normalised(text.prefix(help.count * 2)).hasPrefix(help) { return false }
        return true
    }

    /// The first 30 letters and spaces of each text field's help, normalised, by path.
    static let helpPrefixes: [String: String] = {
        var prefixes: [String: String] = [:]
        func add(_ fields: [Field], _ prefix: String) {
            for field in fields {
                let path = prefix.isEmpty ? field.key : prefix + "." + field.key
                switch field.kind {
                case .text: prefixes[path] = String(normalised(field.help).prefix(30))
                case .map(let children): add(children, path)
                default: break
                }
            }
        }
        add(Schema.module, "")
        add(Schema.municipality, "")
        return prefixes
    }()

    static func normalised(_ text: some StringProtocol) -> String {
        String(text.lowercased().filter { $0.isLetter || $0 == " " })
    }
}

/// K-6.3-3 asks for "samme test som i starten" (l.1104-1105): the same test, not the same
/// characters. Names are compared without case, punctuation or hyphens, and an end test written
/// as "samme som ved start" is the start test.
public enum SameTest {
    public static func same(_ start: String, _ end: String) -> Bool {
        let a = normalised(start), b = normalised(end)
        if a == b { return true }
        return b.contains("samme") && (b.contains("start") || b.contains("test") || b.contains("begyndelse"))
    }

    static func normalised(_ text: String) -> String {
        text.lowercased().map { $0.isLetter || $0.isNumber ? String($0) : " " }.joined()
            .split(separator: " ").joined(separator: " ")
    }
}
