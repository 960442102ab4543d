import KatalogCore
import KatalogLoad
import KatalogMarkdown
import KatalogRules
import Testing

@Suite("Plain language (LIX)")
struct ReadabilityTests {
    @Test("LIX counts words, sentences and words of more than six letters")
    func formula() {
        // 13 words, 2 sentences, 3 long words (træning, fysioterapeut, deltagere): 13/2 + 100*3/13 = 29.6.
        let lix = LIX("Du får træning med en fysioterapeut. Der er otte deltagere på holdet nu.")
        #expect(lix.words == 13)
        #expect(lix.sentences == 2)
        #expect(lix.longWords == 3)
        #expect(lix.score == 30)
        #expect(lix.band == "let")
    }

    @Test("abbreviations and numbers do not end sentences; a paragraph does")
    func sentences() {
        #expect(LIX("Vi mødes fx kl. 10 og bl.a. om aftenen. Det er gratis").sentences == 2)
        #expect(LIX("Første afsnit uden punktum\nAndet afsnit.").sentences == 2)
        #expect(LIX("").score == 0)
    }

    @Test("every example module is easy to read (LIX at most 35)")
    func example() throws {
        for module in try ContentLoader().load(root: exampleContent).modules {
            let lix = LIX.readability(of: module)
            #expect(lix.score <= 35, "\(module.file): LIX \(lix.score)")
            #expect(lix.score >= 20, "\(module.file): LIX \(lix.score) is suspiciously low")
        }
    }

    @Test("a hard text warns SPROG-LIX at `resume`, and the limit can be raised per municipality")
    func warning() throws {
        let hard = "Sundhedspædagogiske kompetenceudviklingsforløb understøtter rehabiliteringsindsatsens implementering og kvalitetssikring gennem tværsektoriel koordinering"
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality,
                                       "testby/a.md": validModule() + "\n\n" + hard])
        defer { catalog.remove() }
        let findings = Validator().validate(try catalog.load()).filter { $0.rule == "SPROG-LIX" }
        #expect(findings.count == 1)
        #expect(findings.first?.location.line == 3)
        #expect(findings.first?.severity == .warning)
        #expect(Validator(lixLimit: 200).validate(try catalog.load()).allSatisfy { $0.rule != "SPROG-LIX" })
        try catalog.write("testby/kommune.yml", validMunicipality + "\nlix-grænse: 200\n")
        #expect(Validator().validate(try catalog.load()).allSatisfy { $0.rule != "SPROG-LIX" })
    }

    @Test("a Markdown pipe table warns MD-TABEL at its line")
    func table() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality,
                                       "testby/a.md": validModule() + "\n\n| Dag | Tid |\n|---|---|\n| Mandag | 10 |\n"])
        defer { catalog.remove() }
        let finding = try #require(Validator().validate(try catalog.load()).first { $0.rule == "MD-TABEL" })
        #expect(finding.location.line == 21)
    }
}
