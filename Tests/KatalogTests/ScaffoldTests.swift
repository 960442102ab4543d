import Foundation
import KatalogCLI
import KatalogBuild
import KatalogCore
import KatalogSupport
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

        // Every choice decided as the standard asks and every text written (what init's examples
        // are made of, with a real title): then it passes.
        for (index, kind) in Intervention.kinds.enumerated() {
            let text = Scaffold.example(kind.intervention, kind.variant, updated: "2026-10-01", postcode: "9990")
                .replacingOccurrences(of: "EKSEMPEL: ", with: "Vores tilbud: ").replacingOccurrences(of: "EKSEMPEL fra", with: "Teksten fra")
            try text.write(toFile: catalog.content + "/testby/modul-\(index).md", atomically: true, encoding: .utf8)
        }
        let after = Validator().validate(try catalog.load())
        #expect(after.filter { $0.severity == .error }.isEmpty, "\(after.map { "\($0.rule) \($0.location): \($0.message)" })")
        #expect(catalog.run(["check", "--content", catalog.content]).code == 0)
    }

    @Test("katalog new states nothing on the author's behalf: with every placeholder replaced by x, every kind fails")
    func noEmptyPasses() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": try String(contentsOfFile: exampleContent + "/fjordby/kommune.yml", encoding: .utf8)])
        defer { catalog.remove() }
        for (index, kind) in Self.kinds.enumerated() {
            #expect(Katalog.run(["new", kind, "modul-\(index)", "--content", catalog.content], console: Console(capture: true)) == 0)
            try edit(catalog, "testby/modul-\(index).md") { text in
                text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                    var line = String(line)
                    if line.hasPrefix("UDFYLD") { return "x" }
                    // Every text to write and every choice to make, answered with "x".
                    if let start = line.range(of: "\"UDFYLD"), let end = line.lastIndex(of: "\""), start.lowerBound < end {
                        line.replaceSubrange(start.lowerBound...end, with: "x")
                    }
                    if let choice = line.range(of: "VÆLG") { line = String(line[..<choice.lowerBound]) + "x" }
                    return line
                }.joined(separator: "\n")
            }
        }
        let findings = try Pipeline(options: .init(content: catalog.content)).check().findings
        for index in Self.kinds.indices {
            let own = findings.filter { $0.location.file.hasSuffix("/modul-\(index).md") && $0.severity == .error }
            #expect(!own.isEmpty, "\(Self.kinds[index]) filled with x passes")
        }
        // The declarations are judged, not only found: "x" is no competence.
        #expect(findings.contains { $0.rule == "K-3.2-1" && $0.message.contains("siger ikke noget endnu") })

        // And keeping every offered choice (deleting only VÆLG) while writing "x" for the texts still fails.
        for index in Self.kinds.indices {
            let kind = Intervention.kinds[index]
            try Scaffold.module(kind.intervention, kind.variant, updated: "2026-10-01")
                .replacingOccurrences(of: "VÆLG ja eller nej", with: "true")
                .replacingOccurrences(of: "- VÆLG ", with: "- ")
                .split(separator: "\n", omittingEmptySubsequences: false)
                .map { line in
                    if let choice = line.range(of: "VÆLG ") {
                        // A single choice: the first option offered.
                        return String(line[..<choice.lowerBound]) + (line[choice.upperBound...].split(separator: " ").first.map(String.init) ?? "")
                    }
                    guard let start = line.range(of: "\"UDFYLD") else { return line.hasPrefix("UDFYLD") ? "x" : String(line) }
                    return String(line[..<start.lowerBound]) + "x"
                }.joined(separator: "\n")
                .write(toFile: catalog.content + "/testby/modul-\(index).md", atomically: true, encoding: .utf8)
        }
        let kept = try Pipeline(options: .init(content: catalog.content)).check().findings
        for index in Self.kinds.indices {
            #expect(kept.contains { $0.location.file.hasSuffix("/modul-\(index).md") && $0.severity == .error },
                    "\(Self.kinds[index]) with every choice kept and x for every text passes")
        }
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
