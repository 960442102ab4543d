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

    /// An issue when a text declaration is absent.
    public func declared(_ path: String, _ what: String) -> [Issue] {
        fields.text(path) == nil ? [Issue(path, "`\(path)` mangler: \(what)")] : []
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

    /// An issue when a number is absent or outside a range.
    public func number(_ path: String, in range: ClosedRange<Int>, _ what: String) -> [Issue] {
        guard let value = fields.integer(path) else { return [Issue(path, "`\(path)` mangler: \(what)")] }
        return range.contains(value) ? [] : [Issue(path, "`\(path)` er \(value), men \(what)")]
    }

    /// Staff who satisfy a profession requirement.
    public func staff(where predicate: (Profession) -> Bool) -> [Profession] {
        module.staff.compactMap(Profession.named).filter(predicate)
    }
}
