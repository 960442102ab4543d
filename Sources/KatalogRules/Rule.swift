import KatalogCore

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

    public func applies(to module: Module) -> Bool {
        switch self {
        case .allModules: true
        case .intervention(let i): module.intervention == i
        case .interventions(let list): list.contains(module.intervention)
        case .variant(let v): module.variant == v
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

/// A problem a check found: the key it concerns (dotted path) and a Danish message.
public struct Issue: Sendable {
    public let path: String
    /// A line in the body, for issues about the Markdown text rather than a key.
    public let line: Int?
    public let message: String
    public init(_ path: String, _ message: String) {
        self.path = path
        self.line = nil
        self.message = message
    }
    public init(line: Int, _ message: String) {
        self.path = ""
        self.line = line
        self.message = message
    }
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
    public let check: Check

    public var severity: Severity { basis.severity }
}

/// A module seen by a check, with helpers that turn missing or wrong fields into issues.
public struct ModuleFacts: Sendable {
    public let module: Module
    public let municipality: Municipality
    /// The highest LIX accepted for citizen text (`--lix`, else `lix-grænse` in kommune.yml, else 35).
    public let lixLimit: Int
    public var fields: FieldTable { module.fields }

    /// An issue when a text declaration is absent or says nothing (see `Declaration`).
    public func declared(_ path: String, _ what: String) -> [Issue] {
        guard let text = fields.text(path) else { return [Issue(path, "`\(path)` mangler: \(what)")] }
        // A code (`screening: audit`) says what it says; free text must say something.
        guard case .text? = Schema.field(path)?.kind else { return [] }
        guard Declaration.saysSomething(text, path: path) else {
            return [Issue(path, "`\(path)` siger ikke noget endnu (“\(text.prefix(40))”): \(what) skal beskrives med jeres egne ord")]
        }
        return []
    }

    /// Whether a text declaration says something (for rules that accept it among other ways to show a krav).
    public func says(_ path: String) -> Bool {
        fields.text(path).map { Declaration.saysSomething($0, path: path) } ?? false
    }

    /// An issue when a yes/no field is not `true`.
    public func yes(_ path: String, _ what: String) -> [Issue] {
        fields.bool(path) == true ? [] : [Issue(path, fields.bool(path) == false ? "`\(path)` er nej: \(what)" : "`\(path)` mangler: \(what)")]
    }

    /// An issue naming every required code a list lacks.
    public func includes(_ path: String, _ required: [String], from vocabulary: Vocabulary, _ what: String) -> [Issue] {
        let have = Set(fields.list(path))
        let missing = required.filter { !have.contains($0) }
        guard !missing.isEmpty else { return [] }
        return [Issue(path, "\(what) mangler i `\(path)`: \(missing.map { "\($0) (\(vocabulary.label($0)))" }.joined(separator: ", "))")]
    }

    /// An issue when a number is absent or lies outside the standard's range. A range or an
    /// approximate number is judged as stated: inside passes; partly or wholly outside does not,
    /// and the message says which (`uger: 8-16` against 6-12 weeks).
    public func number(_ path: String, in range: ClosedRange<Int>, _ what: String) -> [Issue] {
        guard let value = fields.quantity(path) else { return [Issue(path, "`\(path)` mangler: \(what)")] }
        switch value.fit(range) {
        case .inside: return []
        case .partly: return [Issue(path, "`\(path)` er \(value), som kun delvis ligger inden for \(range.lowerBound)-\(range.upperBound): \(what)")]
        case .outside: return [Issue(path, "`\(path)` er \(value), men \(what)")]
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
            let isLetter = scalar.isASCII ? (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") : scalar.properties.isAlphabetic
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
