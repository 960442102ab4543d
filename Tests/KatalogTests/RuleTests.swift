import Foundation
import KatalogCLI
import KatalogCore
import KatalogSupport
import KatalogLoad
import KatalogRules
import Testing

/// Copies the example catalog into a temp folder so a test can break one module.
func exampleCopy() throws -> TempCatalog {
    let catalog = try TempCatalog([:])
    try FileManager.default.createDirectory(at: catalog.root, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: exampleContent, toPath: catalog.content)
    return catalog
}

func edit(_ catalog: TempCatalog, _ file: String, _ transform: (String) -> String) throws {
    let path = catalog.content + "/" + file
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let changed = transform(text)
    #expect(changed != text, "the edit must change \(file)")
    try changed.write(toFile: path, atomically: true, encoding: .utf8)
}

func lineOf(_ needle: String, in catalog: TempCatalog, _ file: String) throws -> Int {
    let text = try String(contentsOfFile: catalog.content + "/" + file, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return try #require(lines.firstIndex { $0.contains(needle) }) + 1
}

func check(_ catalog: TempCatalog, _ extra: [String] = []) -> (code: Int32, findings: [Finding]) {
    let findings = (try? Validator().validate(catalog.load())) ?? []
    return (catalog.run(["check", "--content", catalog.content] + extra).code, findings)
}

@Suite("The quality standard's rules")
struct RuleTableTests {
    @Test("all 32 krav and 22 anbefalinger of the standard are encoded, with unique IDs")
    func counts() {
        let rules = Standard.rules
        #expect(rules.filter { $0.basis == .krav }.count == 32)
        #expect(rules.filter { $0.basis == .anbefaling }.count == 22)
        #expect(Set(rules.map(\.id)).count == rules.count)
        #expect(rules.allSatisfy { $0.wording.hasPrefix("Det er et krav") == ($0.basis == .krav) || $0.basis == .skal })
        #expect(rules.filter { $0.basis == .anbefaling }.allSatisfy { $0.wording.hasPrefix("Det anbefales") })
    }

    @Test("the example catalog meets every krav; its only warnings are the deliberate A-4.5-1")
    func exampleIsCompliant() throws {
        let findings = Validator().validate(try ContentLoader().load(root: exampleContent))
        #expect(findings.filter { $0.severity == .error }.isEmpty, "\(findings)")
        #expect(Set(findings.map(\.rule)) == ["A-4.5-1"])
        let console = Console(capture: true)
        #expect(Katalog.run(["check", "--content", exampleContent], console: console) == 0)
        #expect(Katalog.run(["check", "--content", exampleContent, "--strict"], console: console) == 1)
    }
}

@Suite("Rules on the example modules")
struct RuleViolationTests {
    @Test("a supervised-training module without an end test fails K-6.2-5 at the `test:` line")
    func endTest() throws {
        let catalog = try exampleCopy(); defer { catalog.remove() }
        let file = "fjordby/traening-paa-hold.md"
        try edit(catalog, file) { $0.replacingOccurrences(of: "  slut: 30 sekunders rejse-sætte-sig-test og 6 minutters gangtest\n", with: "") }
        let (code, findings) = check(catalog)
        #expect(code == 1)
        let finding = try #require(findings.first { $0.rule == "K-6.2-5" })
        #expect(finding.location.file.hasSuffix(file))
        #expect(finding.location.line == (try lineOf("test:", in: catalog, file)))
        #expect(finding.severity == .error && finding.section == "6.2")
    }

    @Test("a different end test fails K-6.3-3 at `test.slut`")
    func sameTest() throws {
        let catalog = try exampleCopy(); defer { catalog.remove() }
        let file = "skovlund/traening-aftenhold.md"
        try edit(catalog, file) { $0.replacingOccurrences(of: "  slut: 30 sekunders rejse-sætte-sig-test og håndgrebsstyrke", with: "  slut: 6 minutters gangtest") }
        let finding = try #require(check(catalog).findings.first { $0.rule == "K-6.3-3" })
        #expect(finding.location.line == (try lineOf("  slut:", in: catalog, file)))
    }

    @Test("an alcohol conversation on a team fails K-8.3-1 at `form:`")
    func alcoholIndividual() throws {
        let catalog = try exampleCopy(); defer { catalog.remove() }
        let file = "fjordby/alkoholsamtale.md"
        try edit(catalog, file) { $0.replacingOccurrences(of: "form: [individuel]", with: "form: [individuel, hold]") }
        let (code, findings) = check(catalog)
        #expect(code == 1)
        #expect(findings.first { $0.rule == "K-8.3-1" }?.location.line == (try lineOf("form:", in: catalog, file)))
    }

    @Test("a diætbehandling without a clinical dietitian fails K-7.5-3 at `personale:`")
    func dietitian() throws {
        let catalog = try exampleCopy(); defer { catalog.remove() }
        let file = "skovlund/diaetist.md"
        try edit(catalog, file) { $0.replacingOccurrences(of: "personale: [klinisk-diætist]", with: "personale: [sygeplejerske]") }
        #expect(check(catalog).findings.first { $0.rule == "K-7.5-3" }?.location.line == (try lineOf("personale:", in: catalog, file)))
    }

    @Test("a sygdomsmestring module missing an element fails K-4.2-2 and names it")
    func elements() throws {
        let catalog = try exampleCopy(); defer { catalog.remove() }
        try edit(catalog, "skovlund/kol-skolen.md") { $0.replacingOccurrences(of: ", pårørende]", with: "]") }
        let finding = try #require(check(catalog).findings.first { $0.rule == "K-4.2-2" })
        #expect(finding.message.contains("pårørende"))
        #expect(finding.location.line == 5)
    }

    @Test("a missing required declaration points at the opening ---")
    func missingDeclaration() throws {
        let catalog = try exampleCopy(); defer { catalog.remove() }
        try edit(catalog, "fjordby/rygestop-paa-hold.md") { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("differentiering:") }.joined(separator: "\n")
        }
        let finding = try #require(check(catalog).findings.first { $0.rule == "K-3.4-1" })
        #expect(finding.location.line == 1)
    }

    @Test("a municipality without an alcohol offer fails K-8.1-1 and K-2.1-1 in its kommune.yml")
    func catalogRules() throws {
        let catalog = try exampleCopy(); defer { catalog.remove() }
        try FileManager.default.removeItem(atPath: catalog.content + "/skovlund/snak-om-alkohol.md")
        let findings = check(catalog).findings.filter { $0.location.file.hasSuffix("skovlund/kommune.yml") }
        #expect(Set(findings.map(\.rule)).isSuperset(of: ["K-8.1-1", "K-2.1-1"]))
    }

    @Test("an organisation declaration missing from kommune.yml fails K-9.1-3")
    func organisation() throws {
        let catalog = try exampleCopy(); defer { catalog.remove() }
        try edit(catalog, "fjordby/kommune.yml") { text in
            text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("befolkningsdata:") }.joined(separator: "\n")
        }
        #expect(check(catalog).findings.contains { $0.rule == "K-9.1-3" && $0.location.file.hasSuffix("fjordby/kommune.yml") })
    }

    @Test("a recommendation can be switched off with a reason; a krav cannot")
    func optOut() throws {
        let catalog = try exampleCopy(); defer { catalog.remove() }
        try edit(catalog, "skovlund/kommune.yml") {
            $0 + "fravalg:\n  - regel: A-4.5-1\n    begrundelse: Vi har ingen uddannede Lær at Tackle-instruktører endnu.\n  - regel: K-8.3-1\n    begrundelse: Vi vil gerne.\n"
        }
        let findings = check(catalog).findings
        #expect(!findings.contains { $0.rule == "A-4.5-1" && $0.location.file.contains("skovlund") })
        #expect(findings.contains { $0.rule == "A-4.5-1" && $0.location.file.contains("fjordby") })
        let refused = try #require(findings.first { $0.rule == "K-8.3-1" })
        #expect(refused.message == "K-8.3-1 er et krav og kan ikke fravælges")
        #expect(refused.location.line == (try lineOf("regel: K-8.3-1", in: catalog, "skovlund/kommune.yml")))
    }

    @Test("a field that cannot be read is an error at its line in the chosen format, and every file is still checked")
    func unreadable() throws {
        let catalog = try exampleCopy(); defer { catalog.remove() }
        try edit(catalog, "fjordby/alkoholsamtale.md") { $0.replacingOccurrences(of: "form: [individuel]", with: "from: [individuel]") }
        try edit(catalog, "skovlund/snak-om-alkohol.md") { $0.replacingOccurrences(of: "form: [individuel]", with: "form: [hold]") }
        let (code, console) = catalog.run(["check", "--content", catalog.content, "--format", "github"])
        #expect(code == 1)
        let line = try lineOf("from:", in: catalog, "fjordby/alkoholsamtale.md")
        #expect(console.output.contains("::error file=\(catalog.content)/fjordby/alkoholsamtale.md,line=\(line),col=1,title=FELT::ukendt felt `from`. mente du `form`?"),
                "\(console.output)")
        #expect(console.output.contains("::error file=\(catalog.content)/skovlund/snak-om-alkohol.md,"), "the other files are still checked")
        let json = catalog.run(["check", "--content", catalog.content, "--format", "json"]).console.output
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["summary"] as? [String: Int])?["modules"] == 31, "every module is checked")
        #expect(catalog.run(["check", "--content", catalog.content + "/findes-ikke"]).code == 2)
        #expect(catalog.run(["check", "--format", "yaml"]).code == 2)
    }

    @Test("katalog rules lists all 54 IDs of the standard and the extra skal rules; explain prints one")
    func rulesCommand() throws {
        let console = Console(capture: true)
        #expect(Katalog.run(["rules", "--format", "json"], console: console) == 0)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(console.output.utf8)) as? [[String: Any]])
        let ids = Set(list.compactMap { $0["id"] as? String })
        #expect(list.filter { $0["basis"] as? String == "KRAV" }.count == 32)
        #expect(list.filter { $0["basis"] as? String == "ANBEF" }.count == 22)
        #expect(ids.isSuperset(of: ["K-6.2-5", "A-6.3-1", "K-3.1-2", "SPROG-LIX", "MD-TABEL"]))
        #expect(ids.count == list.count)
        let explain = Console(capture: true)
        #expect(Katalog.run(["explain", "a-6.3-2", "--content", exampleContent], console: explain) == 0)
        #expect(explain.output.contains("Det anbefales, at træningen foregår to til tre gange om ugen á 30-90 minutter."))
        #expect(explain.output.contains("omfang.gange-pr-uge"))
        #expect(explain.output.contains("Eksempel, der opfylder reglen: \(exampleContent)/fjordby/hjertetraening.md"))
        #expect(Katalog.run(["explain", "K-99"], console: Console(capture: true)) == 2)
        #expect(!explain.output.contains("MACHINE"), "how a rule is checked is said in Danish")
    }

    @Test("`katalog explain` explains a field too: its help, how to write it, where, and the rules that read it",
          arguments: [
            ("holdstart", ["Feltet `holdstart`", "Skrives i: et tilbuds fil, et forløbs fil (`forløb:`).", "  HOLDSTART (§-): advarsel"]),
            ("målgruppe.alder-fra", ["Skriv: et helt tal.", "Skrives i: et tilbuds fil.", "  FELT-TAL (§-): advarsel"]),
            ("forløb", ["Gør filen til et forløb", "Skrives i: et forløbs fil (`forløb:`).", "Ingen regel kræver feltet"]),
            ("test.slut", ["  K-6.2-5 (§6.2): fejl"]),
            ("modtager.sor", ["Skrives i: kommune.yml.", "  K-2.2-1 (§2.2): fejl"]),
          ])
    func explainField(path: String, expected: [String]) {
        let console = Console(capture: true)
        #expect(Katalog.run(["explain", path], console: console) == 0)
        for line in expected { #expect(console.output.contains(line), "\(line)\n\(console.output)") }
        let rule = Console(capture: true)
        #expect(Katalog.run(["explain", "HOLDSTART"], console: rule) == 0)
        #expect(rule.output.hasPrefix("HOLDSTART – katalogs egen regel"), "the rule, in capitals")
        let typo = Console(capture: true)
        #expect(Katalog.run(["explain", "holdstrat"], console: typo) == 2)
        #expect(typo.errors.contains("Ukendt regel eller felt `holdstrat`"))
    }

    @Test("text output names file, line, severity, rule and section; JSON has every field")
    func formats() throws {
        let catalog = try exampleCopy(); defer { catalog.remove() }
        try edit(catalog, "fjordby/alkoholsamtale.md") { $0.replacingOccurrences(of: "form: [individuel]", with: "form: [hold]") }
        let text = catalog.run(["check", "--content", catalog.content]).console.output
        #expect(text.contains("/fjordby/alkoholsamtale.md:\(try lineOf("form:", in: catalog, "fjordby/alkoholsamtale.md")):1: fejl: samtalen om alkohol skal være individuel; `form` er hold [K-8.3-1 §8.3]"))
        let json = catalog.run(["check", "--content", catalog.content, "--format", "json"]).console.output
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let first = try #require((object["findings"] as? [[String: Any]])?.first)
        #expect(Set(first.keys) == ["rule", "section", "severity", "file", "line", "column", "message", "hint"])
        #expect((object["summary"] as? [String: Int])?["errors"] == 1)
    }
}
