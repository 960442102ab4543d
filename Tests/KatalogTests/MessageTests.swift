import Foundation
import KatalogCLI
import KatalogBuild
import KatalogCore
import KatalogSupport
import KatalogLoad
import KatalogRules
import Testing

/// Messages an author can act on: the line of the mistake itself, said in words.
@Suite("Messages an author can act on")
struct MessageTests {
    /// The one finding of rule `rule` in a catalog of one module written as `module`.
    func findings(_ module: String, name: String = "a.md") throws -> [Finding] {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/\(name)": module])
        defer { catalog.remove() }
        return try Pipeline(options: .init(content: catalog.content)).check().findings
    }

    func described(_ finding: Finding?) -> String {
        guard let finding else { return "(ingen)" }
        return "\(finding.location.line):\(finding.location.column) \(finding.message) → \(finding.hint)"
    }

    @Test("a missing colon is reported on its own line, with the key named")
    func missingColon() throws {
        let minutes = validModule(extra: "omfang:\n  uger: 8\n  minutter 60\n  gange-pr-uge: 2")
        var found = try findings(minutes).first { $0.rule == "YAML" }
        #expect(described(found) == "18:3 der mangler et kolon efter `minutter` → skriv `minutter: 60`")
        let price = validModule(extra: "pris Gratis")
        found = try findings(price).first { $0.rule == "YAML" }
        #expect(described(found) == "16:1 der mangler et kolon efter `pris` → skriv `pris: Gratis`")
        let title = validModule().replacingOccurrences(of: "titel: Træning på hold", with: "titel Træning på hold")
        found = try findings(title).first { $0.rule == "YAML" }
        #expect(described(found) == "2:1 der mangler et kolon efter `titel` → skriv `titel: Træning på hold`")
    }

    @Test("typographic quotes are recognised, and the advice says to use plain ones")
    func smartQuotes() throws {
        let module = validModule().replacingOccurrences(of: "titel: Træning på hold", with: "titel: “Træning: på hold”")
        let found = try findings(module).first { $0.rule == "YAML" }
        #expect(described(found) == "2:16 et kolon står i en tekst, der ikke er sat i almindelige citationstegn → brug almindelige citationstegn (\") om teksten; din editor har lavet dem om til “ ”")
    }

    @Test("a list written with commas but no brackets says how to write a list")
    func commaList() throws {
        let module = validModule().replacingOccurrences(of: "diagnoser: [kol, type-2-diabetes]", with: "diagnoser: kol, type-2-diabetes")
        let found = try findings(module).first { $0.rule == "FELT" }
        #expect(described(found) == "8:14 flere værdier i `målgruppe.diagnoser` skal skrives som en liste i kantede parenteser → skriv `diagnoser: [kol, type-2-diabetes]`")
    }

    @Test("a # that cuts a text is explained")
    func hashCut() throws {
        let module = validModule().replacingOccurrences(of: "titel: Træning på hold", with: "titel: Hold #2 (tirsdag)")
        let found = try findings(module).first { $0.rule == "FELT" }
        #expect(described(found) == "2:8 `titel` bliver skåret af ved `#2 (tirsdag)`, fordi # starter en kommentar → sæt hele teksten i citationstegn: `titel: \"Hold #2 (tirsdag)\"`")
    }

    @Test("a value of the wrong kind says what is wanted and what is there, in words")
    func wrongKind() throws {
        let module = validModule(extra: "omfang:\n  uger: otte")
        let found = try findings(module).first { $0.rule == "FELT" }
        #expect(described(found) == "17:9 `omfang.uger` skal være et tal eller et interval, fx 8 eller 8-12, men der står `otte` → Forløbets længde i uger.")
        #expect(!(found?.message.contains("forkert type") ?? true))
    }

    @Test("the rule and the section come at the end of the line, never §-")
    func ruleAtTheEnd() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule(extra: "farve: blå")])
        defer { catalog.remove() }
        let output = catalog.run(["check", "--content", catalog.content]).console.output
        #expect(output.contains("/testby/a.md:16:1: fejl: ukendt felt `farve` [FELT]\n    → felterne her er: "), "\(output)")
        #expect(!output.contains("§-") && !output.contains("ret filen"), "\(output)")
    }

    @Test("numbers and dates outside sensible ranges warn", arguments: [
        ("omfang:\n  uger: 0", "`omfang.uger` er 0; det er usædvanligt (normalt 1-26) – er tallet rigtigt?"),
        ("omfang:\n  uger: 52", "`omfang.uger` er 52; det er usædvanligt (normalt 1-26) – er tallet rigtigt?"),
        ("omfang:\n  gange-pr-uge: 14", "`omfang.gange-pr-uge` er 14; det er usædvanligt (normalt 1-7) – er tallet rigtigt?"),
    ])
    func sensibleNumbers(extra: String, expected: String) throws {
        let found = try findings(validModule(extra: extra)).first { $0.rule == ToolRules.number }
        #expect(found?.message == expected)
        #expect(found?.severity == .warning)
    }

    @Test("a date before the 2024 standard, or in the future, warns")
    func dates() throws {
        let old = validModule().replacingOccurrences(of: "opdateret: 2026-10-01", with: "opdateret: 2019-05-01")
        #expect(try findings(old).first { $0.rule == ToolRules.date }?.message == "teksten er sidst gennemgået 2019-05-01, før Sundhedsstyrelsens kvalitetsstandard fra 2024")
        let future = validModule().replacingOccurrences(of: "opdateret: 2026-10-01", with: "opdateret: 2099-01-01")
        #expect(try findings(future).first { $0.rule == ToolRules.date }?.message == "`opdateret` er 2099-01-01, som ligger i fremtiden")
    }

    @Test("a file name that looks like a copy warns", arguments: ["traening kopi.md", "kopi af traening.md", "traening (1).md", "traening - Copy.md"])
    func copies(name: String) throws {
        let found = try findings(validModule(), name: name).first { $0.rule == ToolRules.copy }
        #expect(found?.message == "filnavnet `\(name)` ligner en kopi af et andet tilbud")
        #expect(found?.severity == .warning)
        #expect(try findings(validModule(), name: "hold-1.md").first { $0.rule == ToolRules.copy } == nil)
    }

    @Test("check finds the catalog from any folder inside it, as git finds its repository")
    func findsTheCatalog() throws {
        let catalog = try exampleCopy()
        defer { catalog.remove() }
        let (code, output) = try katalog(["check"], in: catalog.content + "/fjordby")
        #expect(code == 0, "\(output)")
        #expect(output.contains("31 tilbud og 1 forløb tjekket"), "\(output)")
        #expect(CatalogLocation.find(nil, from: catalog.content + "/fjordby") == CatalogLocation(content: "..", project: "../.."))
        #expect(CatalogLocation.find(nil, from: catalog.root.path) == CatalogLocation(content: "Content", project: "."))
        try FileManager.default.createDirectory(atPath: catalog.root.path + "/noter/2026", withIntermediateDirectories: true)
        #expect(CatalogLocation.find(nil, from: catalog.root.path + "/noter/2026") == CatalogLocation(content: "../../Content", project: "../.."))
        #expect(CatalogLocation.find("Andet", from: catalog.root.path) == CatalogLocation(content: "Andet", project: "."))
        // From inside a municipality folder, the site still goes beside Content, not into the catalog.
        let build = try katalog(["build"], in: catalog.content + "/skovlund")
        #expect(build.code == 0, "\(build.output)")
        #expect(FileManager.default.fileExists(atPath: catalog.root.path + "/Site/index.html"))
    }
}
