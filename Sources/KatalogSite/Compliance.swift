import Foundation
import KatalogCore
import KatalogSupport
import KatalogRules

/// The compliance pages for staff and leaders: per module, which rules it meets (and how, by its
/// declarations) and which it misses; per catalog, where each municipality stands.
struct RuleStatusView: Hashable {
    let id: String
    let section: String
    let wording: String
    let met: Bool
    let status: String
    let messages: [String]
    /// Whether the line shows the standard's section (not for the tool's own rules).
    var showSection = true
}

struct DeclarationView: Hashable {
    let label: String
    let text: String
}

/// One module against the standard (its compliance page, and a row of its municipality's). A
/// class, as `ModuleView`: views move between the cache, dictionaries and pages by reference.
final class ModuleComplianceView: Sendable {
    let title: String
    let url: String
    let complianceURL: String
    let file: String
    let intervention: String
    /// Not one of the standard's six interventions (`indsats: andet`): only the cross-cutting rules apply.
    let outsideStandard: Bool
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
    /// A fingerprint of what the view is made from (module, settings, findings): pages hash this.
    let digest: Int

    init(title: String,
         url: String,
         complianceURL: String,
         file: String,
         intervention: String,
         outsideStandard: Bool,
         municipality: String,
         lix: Int,
         lixBand: String,
         lixOver: Bool,
         lixLimit: Int,
         requirementsMet: Int,
         requirementsTotal: Int,
         recommendationsMissed: Int,
         requirements: [RuleStatusView],
         recommendations: [RuleStatusView],
         other: [RuleStatusView],
         declarations: [DeclarationView],
         errors: Int,
         warnings: Int,
         digest: Int) {
        self.title = title
        self.url = url
        self.complianceURL = complianceURL
        self.file = file
        self.intervention = intervention
        self.outsideStandard = outsideStandard
        self.municipality = municipality
        self.lix = lix
        self.lixBand = lixBand
        self.lixOver = lixOver
        self.lixLimit = lixLimit
        self.requirementsMet = requirementsMet
        self.requirementsTotal = requirementsTotal
        self.recommendationsMissed = recommendationsMissed
        self.requirements = requirements
        self.recommendations = recommendations
        self.other = other
        self.declarations = declarations
        self.errors = errors
        self.warnings = warnings
        self.digest = digest
    }
}


/// One municipality's standing: the overview (`kvalitet/index.html`) shows the counts, the
/// municipality's own page (`kvalitet/kommune/<kommune>.html`) every module and the catalog rules.
struct MunicipalityComplianceView: Hashable {
    let name: String
    let url: String
    let modules: [ModuleComplianceView]
    let catalogRules: [RuleStatusView]
    /// Modules of the six interventions (those the standard is about).
    let moduleCount: Int
    /// Of those, the ones that meet every krav.
    let modulesComplete: Int
    /// Offers outside the six interventions (`indsats: andet`), counted apart: only the cross-cutting
    /// krav apply to them, so "meets every krav" would say less of them than of the others.
    let otherCount: Int
    let recommendationsMissed: Int
    /// The standard's krav on the catalog as a whole and the organisation (not its recommendations
    /// or the tool's own rules, which the page lists but does not count as krav).
    let catalogRulesMet: Int
    let catalogRulesTotal: Int
}

struct Compliance {
    let rules: [Rule]
    /// A fingerprint of the rules' ids.
    private let rulesKey: Int
    let lixLimit: Int?
    /// Findings by the file they point at.
    private let findingsByFile: [String: [Finding]]
    /// Each module's view (by module id), built once in parallel: the module's own page and the
    /// overview both show it.
    /// By module (object identity: hashing a pointer, not an id's text).
    private var moduleViews: [ObjectIdentifier: ModuleComplianceView] = [:]

    /// Each municipality's modules in Danish alphabetical order of title, by slug.
    private let byTitle: [String: [Module]]

    /// What the views of one kind of module (its intervention and variant) show of the rules: the
    /// rules that judge it, and the text fields those read (`declarations`). Worked out once per
    /// kind, as the rules' targets are (`Target.applies(to:_:)`).
    private struct Applicable {
        let rules: [Rule]
        let declarations: [(key: ModuleKey, label: String)]
    }

    private struct Kind: Hashable {
        let intervention: Intervention
        let variant: Variant?

        init(_ module: Module) {
            intervention = module.intervention
            variant = module.variant
        }
    }

    init(findings: [Finding], rules: [Rule], lixLimit: Int?, catalog: Catalog, memo: Memo<ModuleComplianceView>,
        byTitle: [String: [Module]] = [:]) {
        self.byTitle = byTitle
        self.rules = rules
        self.lixLimit = lixLimit
        self.findingsByFile = Dictionary(grouping: findings, by: \.location.file)
        let pairs = catalog.municipalities.flatMap { m in m.modules.map { (module: $0, municipality: m) } }
        let ruleIDs = fingerprint(rules.map(\.id))
        self.rulesKey = ruleIDs
        var kinds: [Kind: Applicable] = [:]
        for (module, _) in pairs where kinds[Kind(module)] == nil {
            let applicable = rules.filter { rule in
                if case .module = rule.check { return rule.target.applies(to: module) }
                return false
            }
            kinds[Kind(module)] = Applicable(rules: applicable, declarations: Self.declarations(applicable))
        }
        let views = Parallel.map(pairs) { [self, kinds] pair in
            // The view shows the module, its municipality's settings and the module's findings. The
            // findings are taken as they are: some depend on more than the module's own files
            // (a date rule on today's date, a link on the file it points at).
            let key = fingerprint(pair.module.fingerprint, pair.municipality.fingerprint, lixLimit, ruleIDs,
                                  findingsByFile[pair.module.file] ?? [])
            return memo.value(key) { self.build(pair.module, in: pair.municipality, kinds[Kind(pair.module)]!, digest: key) }
        }
        self.moduleViews = Dictionary(uniqueKeysWithValues: zip(pairs.map { ObjectIdentifier($0.module) }, views))
    }

    /// The fields whose text a module's view shows as "how" it meets the rules that read them:
    /// every text field the given rules of the standard read, each labelled with their sections.
    private static func declarations(_ rules: [Rule]) -> [(key: ModuleKey, label: String)] {
        var sections: [ModuleKey: [String]] = [:]
        var order: [ModuleKey] = []
        for rule in rules where rule.basis != .tool && rule.basis != .placeholder {
            for key in rule.fields {
                guard case .text? = Schema.field(key.path)?.kind else { continue }
                if sections[key] == nil { order.append(key) }
                if sections[key]?.contains(rule.section) != true { sections[key, default: []].append(rule.section) }
            }
        }
        return order.map { key in (key, "\(key.path) (§\(sections[key]!.joined(separator: ", §")))") }
    }

    /// What a municipality's compliance views are made from: the rules, the LIX limit, the
    /// findings on kommune.yml and its modules' views (each keyed by its module and findings).
    func key(_ municipality: Municipality) -> Int {
        fingerprint(rulesKey, lixLimit, findingsByFile[municipality.file] ?? [],
                    municipality.modules.map { moduleViews[ObjectIdentifier($0)]!.digest })
    }

    func module(_ module: Module, in municipality: Municipality) -> ModuleComplianceView {
        moduleViews[ObjectIdentifier(module)]!
    }

    private func build(_ module: Module, in municipality: Municipality, _ kind: Applicable, digest: Int) -> ModuleComplianceView {
        let own = findingsByFile[module.file] ?? []
        let applicable = kind.rules
        let statuses = applicable.map { rule in status(rule, own.filter { $0.rule == rule.id }) }
        let requirements = zip(applicable, statuses).filter { $0.0.basis == .krav || $0.0.basis == .skal }.map(\.1)
        let recommendations = zip(applicable, statuses).filter { $0.0.basis == .anbefaling || $0.0.basis == .bør }.map(\.1)
        let other = zip(applicable, statuses).filter { $0.0.basis == .tool || $0.0.basis == .placeholder }.map(\.1)
            .map { view in
                var view = view
                view.showSection = false
                return view
            }
        let lix = LIX.readability(of: module)
        let limit = municipality.lixLimit(lixLimit)
        return ModuleComplianceView(
            title: module.title, url: SiteModel.modulePath(module), complianceURL: Self.path(module), file: module.file,
            intervention: module.variant?.label ?? module.intervention.label, outsideStandard: !module.intervention.isInStandard,
            municipality: municipality.name,
            lix: lix.score, lixBand: lix.band, lixOver: lix.score > limit, lixLimit: limit,
            requirementsMet: requirements.filter(\.met).count, requirementsTotal: requirements.count,
            recommendationsMissed: recommendations.filter { !$0.met }.count,
            requirements: requirements, recommendations: recommendations, other: other,
            declarations: kind.declarations.compactMap { slot in
                module.fields.text(slot.key).map { DeclarationView(label: slot.label, text: $0) }
            },
            errors: own.filter { $0.severity == .error }.count, warnings: own.filter { $0.severity == .warning }.count,
            digest: digest)
    }

    /// `listing`: whether the view lists the modules (the municipality's page) or only counts
    /// them (the overview, which then need not be rendered again when one module changes).
    func municipality(_ municipality: Municipality, listing: Bool = true) -> MunicipalityComplianceView {
        let own = findingsByFile[municipality.file] ?? []
        let applicable = rules.filter { if case .municipality = $0.check { return true } else { return false } }
        let catalogRules = applicable.map { rule in status(rule, own.filter { $0.rule == rule.id }) }
        let requirements = zip(applicable, catalogRules).filter { $0.0.basis == .krav || $0.0.basis == .skal }.map(\.1)
        let listed = listing ? byTitle[municipality.slug] ?? municipality.modules.sortedByTitle() : municipality.modules
        let modules = listed.map { module($0, in: municipality) }
        let inStandard = modules.filter { !$0.outsideStandard }
        return MunicipalityComplianceView(
            name: municipality.name, url: Self.path(municipality), modules: listing ? modules : [], catalogRules: catalogRules,
            moduleCount: inStandard.count, modulesComplete: inStandard.count { $0.requirementsMet == $0.requirementsTotal },
            otherCount: modules.count - inStandard.count,
            recommendationsMissed: modules.reduce(0) { $0 + $1.recommendationsMissed },
            catalogRulesMet: requirements.count(where: \.met), catalogRulesTotal: requirements.count)
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
    static func path(_ municipality: Municipality) -> String { "kvalitet/kommune/\(municipality.slug).html" }
}
