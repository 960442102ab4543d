@testable import KatalogCore
import KatalogSupport
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

    @Test("counting on UTF-8 bytes gives what the definition on Unicode scalars gives")
    func bytesEqualScalars() throws {
        var texts = try ContentLoader().load(root: exampleContent).modules.map { $0.summary + "\n" + $0.body.prose }
        texts += ["Æbler, ØL og Åer. Én café – ½ pris! 3. maj. ١٢٣ tal. Ωmega ß×÷ straße.", "kl. 10. F.eks. nej.\n\n", "\u{1F600} 😀ø.\tx"]
        // Random text over the kinds of scalars the counter tells apart.
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "Z", "æ", "Ø", "é", "×", "½", "ß", "Ω", "٣", "😀", "3", ".", "!", "?", ":", "-", " ", "\t", "\n", "(", "\"", "fx.", "kl.", "bl.a."]
        for _ in 0..<300 { texts.append((0..<Int.random(in: 0..<80, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()) }
        // The counter skips the abbreviation check for tokens with more than five ASCII letters.
        #expect(LIX.abbreviations.allSatisfy { $0.filter(\.isLetter).count <= 5 })
        texts.append("Deltagerne. Holdet. Fx. INKL. abcdef. abcde. 12345678. 1.2.3-4. Ωmegaer.")
        for text in texts {
            let lix = LIX(text), reference = Self.reference(text)
            #expect(lix.words == reference.words && lix.sentences == reference.sentences && lix.longWords == reference.longWords, "\(text)")
        }
    }

    /// LIX counted on Unicode scalars and Characters, as first written: the definition the
    /// byte-level counter must match.
    static func reference(_ text: String) -> (words: Int, sentences: Int, longWords: Int) {
        func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter].contains(scalar.properties.generalCategory)
        }
        var words = 0, sentences = 0, long = 0, open = false
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            for token in paragraph.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                let letters = token.unicodeScalars.filter(isLetter).count
                let digit = token.unicodeScalars.contains { !isLetter($0) && $0.properties.numericType != nil }
                guard letters > 0 || digit else { continue }
                words += 1
                open = true
                if letters > 6 { long += 1 }
                guard let last = token.unicodeScalars.last, ".!?:".unicodeScalars.contains(last) else { continue }
                if last == "." {
                    var bare = Substring(token.lowercased())
                    while let c = bare.first, "().!?:;,\"'".contains(c) { bare.removeFirst() }
                    while let c = bare.last, "().!?:;,\"'".contains(c) { bare.removeLast() }
                    if LIX.abbreviations.contains(String(bare)) || bare.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) { continue }
                }
                sentences += 1
                open = false
            }
            if open { sentences += 1 }
            open = false
        }
        return (words, sentences, long)
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
        #expect(Validator(lixLimit: 100).validate(try catalog.load()).allSatisfy { $0.rule != "SPROG-LIX" })
        try catalog.write("testby/kommune.yml", validMunicipality + "\nlix-grænse: 100\n")
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
