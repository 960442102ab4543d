import KatalogCore

/// Validate: runs every rule over every module and each municipality's catalog, and collects
/// all findings (Vale- and Spectral-style: nothing stops at the first problem).
public struct Validator: Sendable {
    public let rules: [Rule]
    /// Overrides every municipality's `lix-grænse` when set.
    public let lixLimit: Int?

    public static let defaultLIXLimit = 35

    public init(rules: [Rule] = Standard.rules + ToolRules.rules, lixLimit: Int? = nil) {
        self.rules = rules
        self.lixLimit = lixLimit
    }

    public func validate(_ catalog: Catalog) -> [Finding] {
        var findings: [Finding] = []
        for municipality in catalog.municipalities {
            let (disabled, optOutFindings) = optOuts(municipality)
            findings += optOutFindings
            for rule in rules where !disabled.contains(rule.id) {
                switch rule.check {
                case .module(let check):
                    for module in municipality.modules where rule.target.applies(to: module) {
                        let limit = lixLimit ?? municipality.fields.integer("lix-grænse") ?? Self.defaultLIXLimit
                        let facts = ModuleFacts(module: module, municipality: municipality, lixLimit: limit)
                        // A placeholder is reported once, by UDFYLD, not again by every rule that reads the field.
                        let issues = check(facts).filter { issue in
                            rule.id == ToolRules.placeholder || !(module.fields.values[issue.path].map(placeholderText) ?? false)
                        }
                        findings += issues.map { issue in
                            let location = issue.line.map { SourceLocation(file: module.file, line: $0) } ?? module.location(of: issue.path)
                            return finding(rule, issue.message, at: location)
                        }
                    }
                case .municipality(let check):
                    findings += check(municipality).map { issue in
                        finding(rule, issue.message, at: issue.path.isEmpty ? municipality.location : municipality.location(of: issue.path))
                    }
                }
            }
        }
        return findings.sorted(by: Finding.ordered)
    }

    private func finding(_ rule: Rule, _ message: String, at location: SourceLocation) -> Finding {
        Finding(rule: rule.id, section: rule.section, severity: rule.severity, location: location, message: message, hint: rule.hint)
    }

    /// Recommendations a municipality has switched off in `kommune.yml` (`fravalg:`), with a reason.
    /// A krav cannot be switched off; asking to is itself an error.
    private func optOuts(_ municipality: Municipality) -> (Set<String>, [Finding]) {
        var disabled: Set<String> = []
        var findings: [Finding] = []
        let location = municipality.location(of: "fravalg")
        for record in municipality.fields.records("fravalg") {
            let at = record.locations["regel"] ?? location
            guard let id = record.text("regel") else {
                findings.append(Finding(rule: ToolRules.optOut, section: "-", severity: .error, location: at,
                                        message: "et fravalg mangler `regel`", hint: "skriv fx `regel: A-6.3-1`"))
                continue
            }
            guard let rule = rules.first(where: { $0.id == id }) else {
                findings.append(Finding(rule: ToolRules.optOut, section: "-", severity: .error, location: at,
                                        message: "ukendt regel `\(id)` i fravalg",
                                        hint: Suggestion.hint(for: id, in: rules.map(\.id)) ?? "se `katalog rules`"))
                continue
            }
            guard rule.basis == .anbefaling else {
                findings.append(Finding(rule: rule.id, section: rule.section, severity: .error, location: at,
                                        message: "\(rule.id) er et krav og kan ikke fravælges", hint: "slet fravalget og opfyld kravet"))
                continue
            }
            guard record.text("begrundelse") != nil else {
                findings.append(Finding(rule: rule.id, section: rule.section, severity: .error, location: at,
                                        message: "fravalget af \(rule.id) mangler en `begrundelse`", hint: "skriv, hvorfor kommunen har valgt anbefalingen fra"))
                continue
            }
            disabled.insert(rule.id)
        }
        return (disabled, findings)
    }
}
