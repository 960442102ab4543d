import Foundation
import KatalogCore
import KatalogSupport
import KatalogLoad
@testable import KatalogRules
import Testing

/// Each rule declares the fields it reads (`Rule.fields`, `Rule.settings`); `katalog new`,
/// `katalog explain` and the compliance pages use that list. A rule that reports a finding on a
/// field it does not declare has a list that drifted from its check.
@Suite("Rules declare the fields they read")
struct RuleFieldsTests {
    /// Rules that read every field (placeholders, example markers) or only the body and file name.
    static let generic: Set<String> = [ToolRules.placeholder, ToolRules.example, ToolRules.example + "-KOMMUNE", ToolRules.placeholder + "-KOMMUNE", ToolRules.table, ToolRules.copy]

    /// Whether an issue's path is a declared field, or the group of one (a missing field is
    /// reported at its group: `afslutning` for `afslutning.videreførelse`).
    static func covered(_ path: String, by declared: [String]) -> Bool {
        path.isEmpty || declared.contains { $0 == path || $0.hasPrefix(path + ".") }
    }

    /// Modules that break many rules and modules that meet them: every kind written with nothing
    /// but its required keys, the example catalog, and the real offers.
    static func probes() throws -> [(Module, Municipality)] {
        let example = try ContentLoader().load(root: exampleContent)
        let real = try ContentLoader().load(root: RealOffersTests.folder)
        let municipality = try #require(example.municipalities.first)
        let catalog = try TempCatalog(Dictionary(uniqueKeysWithValues: Intervention.kinds.enumerated().map { index, kind in
            ("testby/m\(index).md", "---\ntitel: Tom\nresume: Intet endnu.\nindsats: \(kind.intervention.rawValue)\n"
                + (kind.variant.map { "variant: \($0.rawValue)\n" } ?? "") + "opdateret: 2026-10-01\n---\nTekst.\n")
        } + [("testby/kommune.yml", validMunicipality)]))
        defer { catalog.remove() }
        let empty = try ContentLoader().read(root: catalog.content).catalog
        return empty.modules.map { ($0, municipality) }
            + [example, real].flatMap { c in c.municipalities.flatMap { m in m.modules.map { ($0, m) } } }
    }

    @Test("every issue a module rule reports is on a field it declares")
    func moduleRules() throws {
        let probes = try Self.probes()
        var undeclared: Set<String> = []
        for rule in Standard.rules + ToolRules.rules where !Self.generic.contains(rule.id) {
            guard case .module(let check) = rule.check else { continue }
            #expect(!rule.fields.isEmpty, "\(rule.id) declares no field")
            for (module, municipality) in probes where rule.target.applies(to: module) {
                for issue in check(ModuleFacts(module: module, municipality: municipality, lixLimit: 35))
                where issue.line == nil && !Self.covered(issue.path, by: rule.fields.map(\.path)) {
                    undeclared.insert("\(rule.id): \(issue.path)")
                }
            }
        }
        #expect(undeclared.isEmpty, "\(undeclared.sorted())")
    }

    @Test("every issue a rule of kommune.yml reports is on a setting it declares")
    func municipalityRules() throws {
        let example = try ContentLoader().load(root: exampleContent)
        let bare = Municipality(slug: "tom", file: "tom/kommune.yml", fields: FieldTable(), modules: [])
        var undeclared: Set<String> = []
        for rule in Standard.rules + ToolRules.rules where !Self.generic.contains(rule.id) {
            guard case .municipality(let check) = rule.check else { continue }
            #expect(!rule.fields.isEmpty || !rule.settings.isEmpty, "\(rule.id) declares nothing it reads")
            for municipality in example.municipalities + [bare] {
                for issue in check(municipality) where !Self.covered(issue.path, by: rule.settings.map(\.path)) {
                    undeclared.insert("\(rule.id): \(issue.path)")
                }
            }
        }
        #expect(undeclared.isEmpty, "\(undeclared.sorted())")
    }

    @Test("the check can fail: a rule that reports on a field it does not declare is caught")
    func canFail() {
        #expect(!Self.covered("omfang.uger", by: ["omfang.minutter"]))
        #expect(Self.covered("afslutning", by: ["afslutning.videreførelse"]))
    }

    @Test("katalog new writes every field the rules of its kind read, except the alternatives of K-3.5-4")
    func scaffoldHasTheRulesFields() throws {
        for kind in Intervention.kinds {
            let text = Scaffold.module(kind.intervention, kind.variant, updated: "2026-10-01")
            for rule in Standard.rules where rule.target.applies(to: kind.intervention, kind.variant) {
                for key in rule.fields where key != .followUps {
                    let leaf = String(key.path.split(separator: ".").last!)
                    #expect(text.contains("\n\(leaf):") || text.contains("  \(leaf):") || key == .intervention || key == .variant,
                            "\(kind) lacks \(key.path) (\(rule.id))")
                }
            }
        }
    }
}
