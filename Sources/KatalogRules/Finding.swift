import KatalogCore
import KatalogSupport

/// How a rule's text words it, which fixes its severity.
public enum Basis: String, Sendable, CaseIterable {
    /// "Det er et krav, at …" (32 in the standard's text).
    case krav = "KRAV"
    /// "Det anbefales, at …" (22 in the standard's text).
    case anbefaling = "ANBEF"
    /// Another recommendation: a "bør" sentence a module can show (RULES.md, BØR rows).
    case bør = "BØR"
    /// Another clearly mandatory "skal" sentence (RULES.md, SKAL rows).
    case skal = "SKAL"
    /// A rule of this tool, not of the standard: plain language, Markdown the site cannot show.
    case tool = "VÆRKTØJ"
    /// Text from `katalog new` that the author has not replaced yet: never published.
    case placeholder = "PLADSHOLDER"

    public var severity: Severity { self == .anbefaling || self == .bør || self == .tool ? .warning : .error }
}

public enum Severity: String, Sendable, Comparable {
    case error
    case warning

    /// The Danish word authors see.
    public var danish: String { self == .error ? "fejl" : "advarsel" }

    public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
}

/// How a rule can be checked (RULES.md legend).
public enum Kind: String, Sendable, CaseIterable {
    case machine = "MACHINE"
    case machineCatalog = "MACHINE-CAT"
    case machineAttest = "MACHINE+ATTEST"
    case attest = "ATTEST"
    case organisation = "ORG"

    /// How the rule is checked, in the words authors see (the codes are RULES.md's).
    public var danish: String {
        switch self {
        case .machine: "tjekkes i filen"
        case .machineCatalog: "tjekkes på hele kataloget"
        case .machineAttest: "tjekkes i filen, som siger hvordan"
        case .attest: "filen siger hvordan"
        case .organisation: "kommune.yml siger hvordan"
        }
    }
}

/// One problem: which rule, where, what is missing and how to fix it.
public struct Finding: Sendable, Hashable {
    public let rule: String
    public let section: String
    public let severity: Severity
    public let location: SourceLocation
    public let message: String
    public let hint: String

    public init(rule: String, section: String, severity: Severity, location: SourceLocation, message: String, hint: String) {
        self.rule = rule
        self.section = section
        self.severity = severity
        // Messages quote content (and file names); what reaches a terminal or a report must not carry control characters.
        var location = location
        location.file = ControlCharacters.visible(location.file)
        self.location = location
        self.message = ControlCharacters.visible(message)
        self.hint = ControlCharacters.visible(hint)
    }

    /// Errors first, then by file and line.
    public static func ordered(_ a: Finding, _ b: Finding) -> Bool {
        (a.location, a.severity == .error ? 0 : 1, a.rule, a.message) < (b.location, b.severity == .error ? 0 : 1, b.rule, b.message)
    }
}
