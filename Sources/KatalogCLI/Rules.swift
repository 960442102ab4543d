import ArgumentParser
import Foundation
import KatalogBuild
import KatalogCore
import KatalogSupport
import KatalogLoad
import KatalogRules

/// Every rule the validator knows, in one list: the standard's, then the tool's own.
let allRules = Standard.rules + ToolRules.rules

public struct Rules: ConsoleCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Vis alle regler: kvalitetsstandardens krav og anbefalinger og værktøjets egne.")

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable { case text, json }

    @Option(name: .long, help: "Uddataformat: text eller json.")
    var format: Format = .text

    public init() {}

    struct Item: Encodable {
        let id, section, basis, severity, kind, appliesTo, wording, hint: String
        let line: Int
    }

    public func execute(console: Console) -> Int32 {
        switch format {
        case .json:
            console.out(encode(allRules.map {
                Item(id: $0.id, section: $0.section, basis: $0.basis.rawValue, severity: $0.severity.rawValue,
                     kind: $0.kind.rawValue, appliesTo: $0.target.danish, wording: $0.wording, hint: $0.hint, line: $0.line)
            }))
        case .text:
            for rule in allRules {
                console.out("""
                    \(rule.id.padding(toLength: 10, withPad: " ", startingAt: 0)) \
                    §\(rule.section.padding(toLength: 4, withPad: " ", startingAt: 0)) \
                    \(rule.severity.danish.padding(toLength: 8, withPad: " ", startingAt: 0)) \
                    \(rule.kind.danish.padding(toLength: 34, withPad: " ", startingAt: 0)) \(rule.target.danish)
                    """)
                console.out("    \(rule.wording)")
            }
            let count = { (basis: Basis) in allRules.filter { $0.basis == basis }.count }
            console.out("""
                \(allRules.count) regler: \(count(.krav)) krav og \(count(.anbefaling)) anbefalinger fra standardens tekst, \
                \(count(.skal)) andre skal-regler, \(count(.bør)) bør-regler og \(count(.tool) + count(.placeholder)) af værktøjets egne.
                """)
            console.out("")
            console.out("Og \(Identifiers.rules.count) tjek af id'er og adresser, når filerne læses " +
                "(fejl; en forkert værdi eksporteres ikke):")
            for rule in Identifiers.rules {
                console.out("\(rule.id.padding(toLength: 15, withPad: " ", startingAt: 0)) \(Explain.fields(of: rule))")
            }
        }
        return Exit.ok
    }
}

public struct Explain: ConsoleCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Forklar en regel eller et felt: standardens ordlyd, afsnit, og hvad et tilbud skal indeholde.",
        discussion: "Eksempler: `katalog explain K-6.2-5` og `katalog explain holdstart` "
            + "(et felt, med punktum i en gruppe: `målgruppe.alder-fra`).")

    @Argument(help: "Reglens ID, fx K-6.2-5, eller et felt, fx holdstart.")
    var rule: String

    @Option(name: .long, help: "Mappen med kommunernes tilbud (til at finde et eksempel, der opfylder reglen).")
    var content = "Content"

    public init() {}

    public func execute(console: Console) -> Int32 {
        if let check = Identifiers.rules.first(where: { $0.id.caseInsensitiveCompare(self.rule) == .orderedSame }) {
            console.out("\(check.id) – værktøjets tjek af et id eller en adresse, når filen læses")
            console.out("Art: fejl – en forkert værdi vises ved sin linje og kommer ikke med i eksporten")
            console.out("Kilde: \(check.source)")
            console.out("")
            console.out("Felter: \(Self.fields(of: check))")
            console.out("")
            console.out("Sådan retter du det:")
            console.out("  \(check.hint.prefix(1).uppercased() + check.hint.dropFirst()).")
            return Exit.ok
        }
        // A field written as in a file (`holdstart`) is the field, though a rule has the same name in capitals (HOLDSTART).
        if self.rule != self.rule.uppercased(), let field = Schema.field(self.rule) {
            return explain(field: field, path: self.rule, console: console)
        }
        let ids = allRules.map(\.id) + Identifiers.rules.map(\.id)
        guard let rule = allRules.first(where: { $0.id.caseInsensitiveCompare(self.rule) == .orderedSame }) else {
            if let field = Schema.field(self.rule) { return explain(field: field, path: self.rule, console: console) }
            console.err("Ukendt regel eller felt `\(self.rule)`" + (Suggestion.hint(for: self.rule,
                in: ids + Self.fieldPaths).map { " (\($0))" } ?? "") + ". Se `katalog rules`.")
            return Exit.usage
        }
        let basis = switch rule.basis {
        case .krav: "krav (\"Det er et krav\") – fejl, kan ikke fravælges"
        case .anbefaling: "anbefaling (\"Det anbefales\") – advarsel, kan fravælges med begrundelse i kommune.yml"
        case .bør: "anbefaling (\"bør\" i standardens tekst) – advarsel, kan fravælges med begrundelse i kommune.yml"
        case .skal: "skal-regel i standardens tekst – fejl"
        case .tool: "værktøjets egen regel – advarsel"
        case .placeholder: "pladsholder fra `katalog new` – fejl, indtil teksten er skrevet"
        }
        console.out(rule.section == "-" ? "\(rule.id) – katalogs egen regel" : "\(rule.id) – kvalitetsstandarden §\(rule.section)")
        console.out("Art: \(basis)")
        console.out("Gælder: \(rule.target.danish) (\(rule.kind.danish))")
        if rule.line > 0 { console.out("Kilde: Sundhedsstyrelsen 2024, linje \(rule.line) i standardens tekst") }
        console.out("")
        console.out("Standarden siger:")
        console.out("  \(rule.wording)")
        console.out("")
        console.out("Sådan opfylder et tilbud reglen:")
        console.out("  \(rule.hint)")
        let fields = rule.fields.map(\.path) + rule.settings.map { "kommune.yml: \($0.path)" }
        let described = rule.fields.compactMap { key in Schema.field(key.path).map { (key.path, $0) } }
            + rule.settings.compactMap { key in Schema.field(key.path).map { ("kommune.yml: \(key.path)", $0) } }
        if !fields.isEmpty {
            console.out("")
            console.out("Felter, reglen læser:")
            for (path, field) in described { console.out("  \(path): \(field.help) Skriv \(field.typeName).") }
        }
        if let example = Self.compliantExample(for: rule, content: content) {
            console.out("")
            console.out("Eksempel, der opfylder reglen: \(example)")
        }
        return Exit.ok
    }

    /// Every field's dotted path, in the module's, kommune.yml's and a course's schema.
    static let fieldPaths: [String] = {
        func paths(_ fields: [Field], _ prefix: String) -> [String] {
            fields.flatMap { field -> [String] in
                let path = prefix.isEmpty ? field.key : prefix + "." + field.key
                switch field.kind {
                case .map(let children), .records(let children): return [path] + paths(children, path)
                default: return [path]
                }
            }
        }
        var seen: Set<String> = []
        return (paths(Schema.module, "") + paths(Schema.municipality, "") + paths(Schema.course, "")).filter { seen.insert($0).inserted }
    }()

    /// A field: what it means, how to write it, where it is written, and the rules that read it.
    func explain(field: Field, path: String, console: Console) -> Int32 {
        let inModule = Self.has(Schema.module, path), inCourse = Self.has(Schema.course, path)
        let inMunicipality = Self.has(Schema.municipality, path)
        console.out("Feltet `\(path)`")
        console.out("  \(field.help)")
        console.out("Skriv: \(field.typeName).")
        let places = [inModule ? "et tilbuds fil" : nil, inCourse ? "et forløbs fil (`forløb:`)" : nil,
                      inMunicipality ? "kommune.yml" : nil].compactMap { $0 }
        console.out("Skrives i: \(places.joined(separator: ", ")).")
        let readers = allRules.filter { rule in
            rule.fields.contains { $0.path == path || $0.path.hasPrefix(path + ".") }
                || rule.settings.contains { $0.path == path || $0.path.hasPrefix(path + ".") }
        }
        if readers.isEmpty {
            console.out("Ingen regel kræver feltet; det vises på siden og i eksporten, når det er skrevet.")
        } else {
            console.out("Regler, der læser feltet:")
            for rule in readers { console.out("  \(rule.id) (§\(rule.section)): \(rule.severity == .error ? "fejl" : "advarsel")") }
        }
        return Exit.ok
    }

    static func has(_ schema: [Field], _ path: String) -> Bool {
        var fields = schema
        for key in path.split(separator: ".").map(String.init) {
            guard let field = fields.first(where: { $0.key == key }) else { return false }
            switch field.kind {
            case .map(let children), .records(let children): fields = children
            default: fields = []
            }
        }
        return true
    }

    /// The fields an identifier check reads, kommune.yml's then a module's.
    static func fields(of check: IdentifierRule) -> String {
        (check.municipalityPaths.map { "kommune.yml: \($0)" } + check.modulePaths.map { "tilbud: \($0)" }).joined(separator: ", ")
    }

    /// The first module (or kommune.yml) in the content folder that the rule applies to and that meets it.
    static func compliantExample(for rule: Rule, content: String) -> String? {
        guard let checked = try? BuildSession(options: BuildOptions(content: content), remembers: false).check() else { return nil }
        let catalog = checked.catalog
        let failing = Set(checked.findings.filter { $0.rule == rule.id }.map(\.location.file))
        switch rule.target {
        case .catalog, .organisation:
            return catalog.municipalities.first { !failing.contains($0.file) }?.file
        default:
            // Preferably one that writes the rule's first field, else another it reads (a module without team starts
            // says nothing about HOLDSTART).
            let passing = catalog.modules.filter { rule.target.applies(to: $0) && !failing.contains($0.file) }
            let writesFirst = passing.first { module in rule.fields.first.map { module.fields.isWritten($0) } ?? false }
            return (writesFirst ?? passing.first { module in rule.fields.contains { module.fields.isWritten($0) } } ?? passing.first)?.file
        }
    }
}
