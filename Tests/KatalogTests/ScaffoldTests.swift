import Foundation
import KatalogCLI
import KatalogCore
import KatalogLoad
import KatalogRules
import Testing

@Suite("katalog new")
struct ScaffoldTests {
    /// As an author types them: `indsats` or `indsats/variant`.
    static let kinds = Intervention.kinds.map { kind in kind.variant.map { "\(kind.intervention.rawValue)/\($0.rawValue)" } ?? kind.intervention.rawValue }

    @Test("for every intervention and variant, a new module is flagged only for its placeholders; filled in as told, it passes")
    func everyKind() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": try String(contentsOfFile: exampleContent + "/fjordby/kommune.yml", encoding: .utf8)])
        defer { catalog.remove() }
        for (index, kind) in Self.kinds.enumerated() {
            let console = Console(capture: true)
            #expect(Katalog.run(["new", kind, "modul-\(index)", "--content", catalog.content], console: console) == 0, "\(console.errors)")
            #expect(console.output.contains("Oprettet: \(catalog.content)/testby/modul-\(index).md"))
        }
        let findings = Validator().validate(try catalog.load())
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0.rule == "UDFYLD" }, "\(findings.filter { $0.rule != "UDFYLD" }.map { "\($0.rule) \($0.location): \($0.message)" })")
        #expect(Set(findings.map(\.location.file)).count == Self.kinds.count)
        #expect(catalog.run(["check", "--content", catalog.content]).code == 1)

        // Fill in every placeholder as the comments say.
        for index in Self.kinds.indices {
            try edit(catalog, "testby/modul-\(index).md") { text in
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                for i in lines.indices where lines[i].contains("UDFYLD") {
                    if lines[i].hasPrefix("UDFYLD") {
                        lines[i] = "Du møder andre, og vi hjælper dig godt i gang. Det er gratis."
                    } else if lines[i].contains("postnummer:") {
                        lines[i] = "    postnummer: \"9990\""
                    } else if let start = lines[i].firstIndex(of: "\""), let end = lines[i].lastIndex(of: "\""), start < end {
                        lines[i].replaceSubrange(start...end, with: "\"Det skriver vi her, kort og klart.\"")
                    }
                }
                return lines.joined(separator: "\n")
            }
        }
        let after = Validator().validate(try catalog.load())
        #expect(after.isEmpty, "\(after.map { "\($0.rule) \($0.location): \($0.message)" })")
        #expect(catalog.run(["check", "--content", catalog.content, "--strict"]).code == 0)
    }

    @Test("katalog new refuses to overwrite, and explains unknown interventions and missing variants")
    func refusals() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule()])
        defer { catalog.remove() }
        let console = Console(capture: true)
        #expect(Katalog.run(["new", "alkohol", "a", "--content", catalog.content], console: console) == 2)
        #expect(console.errors.contains("findes allerede"))
        #expect(try String(contentsOfFile: catalog.content + "/testby/a.md", encoding: .utf8) == validModule())
        #expect(Katalog.run(["new", "alkhol", "b", "--content", catalog.content], console: console) == 2)
        #expect(console.errors.contains("mente du `alkohol`?"))
        #expect(Katalog.run(["new", "fysisk-aktivitet", "b", "--content", catalog.content], console: console) == 2)
        #expect(console.errors.contains("fysisk-aktivitet/vejledning eller fysisk-aktivitet/superviseret-træning"))
        #expect(Katalog.run(["new", "alkohol", "Stort Navn", "--content", catalog.content], console: console) == 2)
    }
}
