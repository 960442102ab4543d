import Foundation
import KatalogCLI
import KatalogBuild
import KatalogCore
import KatalogSupport
import KatalogRules
import KatalogLoad
@testable import KatalogExport
import Testing

/// The 15 real offers of `Tests/RealOffers/` (written as modules from their public facts), checked
/// as a municipality's CI would, against the verdicts a careful reader of the standard expects
/// (`expected.json`, written from the standard's text before the tool was run; see REVIEW.md).
@Suite("Real offers")
struct RealOffersTests {
    static let folder = repositoryRoot + "/Tests/RealOffers"

    static func expected() throws -> [String: [String: String]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/expected.json"))
        return try JSONDecoder().decode([String: [String: String]].self, from: data)
    }

    @Test("every real offer loads as its page writes it: no file, field or YAML problem")
    func loads() throws {
        let result = try Pipeline(options: .init(content: Self.folder)).check()
        #expect(result.catalog.modules.count == 15)
        let problems = result.findings.filter { ["FIL", "FELT", "YAML", "LINK"].contains($0.rule) }
        #expect(problems.isEmpty, "\(problems.map { "\($0.location): \($0.message)" })")
    }

    @Test("the tool's verdict equals the expected one, offer by offer and rule by rule")
    func verdicts() throws {
        let findings = try Pipeline(options: .init(content: Self.folder)).check().findings
        var mismatches: [String] = []
        var compared = 0
        for (file, rules) in try Self.expected() {
            for (rule, verdict) in rules {
                let own = findings.filter { $0.rule == rule && $0.location.file == Self.folder + "/" + file }
                let tool = own.contains { $0.severity == .error } ? "fejl" : own.isEmpty ? "opfyldt" : "advarsel"
                if tool != verdict { mismatches.append("\(file) \(rule): expected \(verdict), tool \(tool)") }
                compared += 1
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.sorted().joined(separator: "\n"))")
        #expect(compared >= 180)
    }

    @Test("who may join, medication subsidies, anonymity and partners are on the real offers' pages, GP pages and SOFT records")
    func eligibility() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-real-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let console = Console(capture: true)
        #expect(Katalog.run(["build", "--content", Self.folder, "--output", output, "--templates", templates, "--allow-errors"],
                            console: console) == 0, "\(console.errors)")
        let page = try String(contentsOfFile: output + "/hedensted/kol-gruppeforloeb.html", encoding: .utf8)
        #expect(page.contains("<li>Alder: 18 år eller ældre.</li><li>Du skal bo i Hedensted Kommune.</li>"))
        #expect(page.contains("<li>borgere, der har svært ved dansk</li><li>borgere, der har et aktuelt misbrug</li>"))
        #expect(page.contains("<li>3 måneder efter forløbet: Opfølgning i gruppen.</li><li>12 måneder efter forløbet: Opfølgning i gruppen.</li>"))
        let doctors = try String(contentsOfFile: output + "/holstebro/for-laeger.html", encoding: .utf8)
        #expect(doctors.contains("HbA1c fra 42 til under 48 mmol/mol."))
        let records = Exporter().records(try ContentLoader().load(root: Self.folder))
        let byID = Dictionary(uniqueKeysWithValues: records.compactMap { r in
            if case .text(let id?) = r["modul_id"] { return (id, r) } else { return nil } })
        #expect(byID["hedensted/kol-gruppeforloeb"]?["alder_fra"] == .number(18))
        #expect(byID["hedensted/kol-gruppeforloeb"]?["bopæl"] == .text("Du skal bo i Hedensted Kommune."))
        #expect(byID["furesoe/kostvejledning-smaa-skridt"]?["alder_fra"] == .number(18))
        #expect(byID["holstebro/praediabeteskursus"]?["kriterier"] == .statedTexts(["HbA1c fra 42 til under 48 mmol/mol"]))
        #expect(byID["holbaek/kort-raadgivende-samtale-om-alkohol"]?["alder_fra"] == .number(nil), "not stated stays not stated")
        #expect(byID["aabenraa/rygestopforloeb-med-tilskud"]?["tilskud"]
                == .text("Du kan få tilskud til rygestopmedicin eller nikotinerstatning i op til 8 uger."))
        #expect(byID["koebenhavn/online-rygestopkursus"]?["tilskud"] == .text("Du kan få tilskud til rygestopmedicin."))
        #expect(byID["koebenhavn/online-rygestopkursus"]?["pris"] == .text(nil), "a subsidy is not a price")
        let copenhagen = try String(contentsOfFile: output + "/koebenhavn/online-rygestopkursus.html", encoding: .utf8)
        #expect(copenhagen.contains("<dt>Pris</dt><dd>Kontakt os om prisen</dd>")
                && copenhagen.contains("<dt>Tilskud</dt><dd>Du kan få tilskud til rygestopmedicin.</dd>"))
        #expect(byID["holbaek/kort-raadgivende-samtale-om-alkohol"]?["anonym"] == .flag(true))
        #expect(byID["hedensted/kol-gruppeforloeb"]?["opfølgning"]?.csv
                == "3 måneder efter forløbet: Opfølgning i gruppen. | 12 måneder efter forløbet: Opfølgning i gruppen.")
        #expect(byID["koebenhavn/online-rygestopkursus"]?["anonym"] == .flag(nil), "not stated stays not stated")
        #expect(byID["loekken-vraa/motion-paa-recept"]?["udbyder_samarbejde"] == .statedTexts(["Nordjyllands Amt"]))
        let holbaek = try String(contentsOfFile: output + "/holbaek/kort-raadgivende-samtale-om-alkohol.html", encoding: .utf8)
        #expect(holbaek.contains("<dt>Anonymt</dt><dd>Du kan deltage anonymt.</dd>"))
        let loekken = try String(contentsOfFile: output + "/loekken-vraa/motion-paa-recept.html", encoding: .utf8)
        #expect(loekken.contains("<dt>Hvem står for det</dt><dd>I samarbejde med Nordjyllands Amt.</dd>"))
        #expect(loekken.contains("<strong>Tilbuddet er ophørt.</strong>") && loekken.contains("Tilbuddet er et tidsbegrænset projekt."))
        #expect(byID["loekken-vraa/motion-paa-recept"]?["status"] == .text("ophørt"))
        #expect(byID["holstebro/praediabeteskursus"]?["projekt"] == .flag(true))
        #expect(byID["holstebro/praediabeteskursus"]?["status"] == .text(nil), "whether the project still runs is not stated")
    }

    @Test("no module-level rule of the standard reports an offer the expectations leave out")
    func nothingUnexpected() throws {
        let expected = try Self.expected()
        let findings = try Pipeline(options: .init(content: Self.folder)).check().findings
        let unexpected = findings.filter { finding in
            guard Standard.rule(finding.rule).map({ $0.target.appliesToModules }) == true else { return false }
            let file = String(finding.location.file.dropFirst(Self.folder.count + 1))
            return expected[file]?[finding.rule] == nil
        }
        #expect(unexpected.isEmpty, "\(unexpected.map { "\($0.location.file) \($0.rule)" })")
    }
}
