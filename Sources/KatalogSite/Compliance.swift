import KatalogCore
import KatalogRules

/// The compliance pages for staff and leaders: per module, which rules it meets (and how, by its
/// declarations) and which it misses; per catalog, where each municipality stands.
struct RuleStatusView {
    let id: String
    let section: String
    let wording: String
    let met: Bool
    let status: String
    let messages: [String]
}

struct DeclarationView {
    let label: String
    let text: String
}

struct ModuleComplianceView {
    let title: String
    let url: String
    let complianceURL: String
    let file: String
    let intervention: String
    let municipality: String
    let lix: Int
    let lixBand: String
    let lixOver: Bool
    let lixLimit: Int
    let requirementsMet: Int
    let requirementsTotal: Int
    let recommendationsMissed: Int
    let requirements: [RuleStatusView]
    let recommendations: [RuleStatusView]
    let other: [RuleStatusView]
    let declarations: [DeclarationView]
    let errors: Int
    let warnings: Int
}

struct MunicipalityComplianceView {
    let name: String
    let modules: [ModuleComplianceView]
    let catalogRules: [RuleStatusView]
}

struct Compliance {
    let rules: [Rule]
    let lixLimit: Int?
    /// Findings by the file they point at.
    private let findingsByFile: [String: [Finding]]
    /// Each module's view (by module id), built once in parallel: the module's own page and the
    /// overview both show it.
    private var moduleViews: [String: ModuleComplianceView] = [:]

    init(findings: [Finding], rules: [Rule], lixLimit: Int?, catalog: Catalog) {
        self.rules = rules
        self.lixLimit = lixLimit
        self.findingsByFile = Dictionary(grouping: findings, by: \.location.file)
        let pairs = catalog.municipalities.flatMap { m in m.modules.map { (module: $0, municipality: m) } }
        let views = Parallel.map(pairs) { [self] in self.build($0.module, in: $0.municipality) }
        self.moduleViews = Dictionary(zip(pairs.map(\.module.id), views)) { first, _ in first }
    }

    /// The ATTEST declarations a module makes, shown as "how" it meets the requirements.
    static let declarationKeys: [(String, String)] = [
        ("differentiering", "Differentiering (§3.4)"),
        ("sundhedspædagogik", "Sundhedspædagogik (§3.2)"),
        ("kompetencer", "Personalets kompetencer"),
        ("afslutning.evaluering", "Evaluering af forløbet (§3.5)"),
        ("afslutning.fastholdelse", "Støtte til at fortsætte (§3.5)"),
        ("test.omgivelser", "Testens omgivelser (§6.3)"),
        ("intensitet-begrundelse", "Begrundelse for intensitet (§6.3)"),
        ("alkohol.gravide", "Gravide med positiv screening (§8.2)"),
    ]

    func module(_ module: Module, in municipality: Municipality) -> ModuleComplianceView {
        moduleViews[module.id] ?? build(module, in: municipality)
    }

    private func build(_ module: Module, in municipality: Municipality) -> ModuleComplianceView {
        let own = findingsByFile[module.file] ?? []
        let applicable = rules.filter { rule in
            if case .module = rule.check { return rule.target.applies(to: module) }
            return false
        }
        let statuses = applicable.map { rule in status(rule, own.filter { $0.rule == rule.id }) }
        let requirements = zip(applicable, statuses).filter { $0.0.basis == .krav || $0.0.basis == .skal }.map(\.1)
        let recommendations = zip(applicable, statuses).filter { $0.0.basis == .anbefaling }.map(\.1)
        let other = zip(applicable, statuses).filter { $0.0.basis == .tool || $0.0.basis == .placeholder }.map(\.1)
        let lix = LIX.readability(of: module)
        let limit = lixLimit ?? municipality.fields.integer("lix-grænse") ?? Validator.defaultLIXLimit
        return ModuleComplianceView(
            title: module.title, url: SiteContext.modulePath(module), complianceURL: Self.path(module), file: module.file,
            intervention: module.variant?.label ?? module.intervention.label, municipality: municipality.name,
            lix: lix.score, lixBand: lix.band, lixOver: lix.score > limit, lixLimit: limit,
            requirementsMet: requirements.filter(\.met).count, requirementsTotal: requirements.count,
            recommendationsMissed: recommendations.filter { !$0.met }.count,
            requirements: requirements, recommendations: recommendations, other: other,
            declarations: Self.declarationKeys.compactMap { key, label in
                module.fields.text(key).map { DeclarationView(label: label, text: $0) }
            },
            errors: own.filter { $0.severity == .error }.count, warnings: own.filter { $0.severity == .warning }.count)
    }

    func municipality(_ municipality: Municipality) -> MunicipalityComplianceView {
        let own = findingsByFile[municipality.file] ?? []
        let catalogRules = rules.filter { if case .municipality = $0.check { return true } else { return false } }
        return MunicipalityComplianceView(
            name: municipality.name,
            modules: municipality.modules.sortedDanish(by: \.title).map { module($0, in: municipality) },
            catalogRules: catalogRules.map { rule in status(rule, own.filter { $0.rule == rule.id }) })
    }

    private func status(_ rule: Rule, _ findings: [Finding]) -> RuleStatusView {
        let met = findings.isEmpty
        let status = switch (met, rule.basis) {
        case (true, .anbefaling): "Fulgt"
        case (true, _): "Opfyldt"
        case (false, .anbefaling), (false, .tool): "Ikke fulgt"
        case (false, .placeholder): "Ikke udfyldt"
        case (false, _): "Ikke opfyldt"
        }
        return RuleStatusView(id: rule.id, section: rule.section, wording: rule.wording, met: met, status: status,
                              messages: findings.map { "Linje \($0.location.line): \($0.message)" })
    }

    static func path(_ module: Module) -> String { "kvalitet/\(module.municipalitySlug)-\(module.slug).html" }
}
