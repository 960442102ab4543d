import KatalogCore
import KatalogSupport
import KatalogMarkdown
import Testing

@Suite("Markdown through libcmark")
struct MarkdownTests {
    @Test("raw HTML and script never reach the page")
    func rawHTML() {
        let body = Markdown.parse("Hej <script>alert(1)</script>\n\n<div onclick=\"x()\">boks</div>\n")
        #expect(!body.html.contains("<script"))
        #expect(!body.html.contains("onclick"))
        #expect(body.html.contains("raw HTML omitted"))
    }

    @Test("javascript: and vbscript: links lose their href")
    func unsafeLinks() {
        let body = Markdown.parse("[klik](javascript:alert(1)) [vb](vbscript:msgbox) [ok](https://sst.dk)")
        #expect(!body.html.contains("javascript:"))
        #expect(!body.html.contains("vbscript:"))
        #expect(body.html.contains("href=\"https://sst.dk\""))
    }

    @Test("body headings start at h2, because the page title is the only h1")
    func headingShift() {
        let html = Markdown.parse("# Hvad er det?\n\n## Hvem er det for?\n\n###### Lille").html
        #expect(html.contains("<h2>Hvad er det?</h2>"))
        #expect(html.contains("<h3>Hvem er det for?</h3>"))
        #expect(html.contains("<h6>Lille</h6>"))
        #expect(!html.contains("<h1>"))
    }

    @Test("prose for readability leaves out headings and lists")
    func prose() {
        let body = Markdown.parse("# Overskrift\n\nFørste afsnit her.\nAnden linje.\n\n- punkt et\n- punkt to\n\nSidste *afsnit*.")
        #expect(body.prose == "Første afsnit her. Anden linje.\nSidste afsnit.")
        #expect(body.wordCount == 12)
    }

    @Test("a pipe table is found with its file line, and is not counted as prose")
    func pipeTable() {
        let body = Markdown.parse("Tekst.\n\n| Dag | Tid |\n|---|---|\n| Man | 10 |\n", firstLine: 20)
        #expect(body.pipeTableLines == [22])
        #expect(body.prose == "Tekst.")
    }

    @Test("links keep their file line and can be rewritten")
    func links() {
        let body = Markdown.parse("Tekst\n\nSe [kost](kost-hold.md#start).", firstLine: 10) { destination in
            destination.hasSuffix(".md#start") ? "kost-hold.html#start" : nil
        }
        #expect(body.links == [Body.Link(destination: "kost-hold.md#start", line: 12, column: 4)])
        #expect(body.html.contains("href=\"kost-hold.html#start\""))
    }
}

@Suite("Danish words")
struct DanishTests {
    @Test("æ, ø and å sort after z")
    func collation() {
        let names = ["Århus", "Odense", "Ærø", "Zealand", "Østerbro", "Aabenraa", "ballerup"]
        #expect(names.sortedDanish(by: { $0 }) == ["Aabenraa", "ballerup", "Odense", "Zealand", "Ærø", "Østerbro", "Århus"])
    }

    @Test("slugs spell out æ, ø and å and fold case")
    func slugs() {
        #expect(Slug.make("Træning på hold.md") == "traening-paa-hold")
        #expect(Slug.make("Røgfri SAMMEN") == "roegfri-sammen")
        #expect(Slug.make("--x--") == "x")
    }

    @Test("slugs by scalar equal slugs by Character (the earlier code) on 20,000 names without combining marks")
    func slugsAsBefore() {
        // The earlier implementation, by Character.
        func byCharacter(_ name: String) -> String {
            var stem = name.precomposedStringWithCanonicalMapping.lowercased()
            if stem.hasSuffix(".md") { stem.removeLast(3) }
            var out = ""
            for ch in stem {
                switch ch {
                case "æ": out += "ae"
                case "ø": out += "oe"
                case "å": out += "aa"
                case "a"..."z", "0"..."9": out.append(ch)
                default: if !out.hasSuffix("-") { out += "-" }
                }
            }
            while out.hasSuffix("-") { out.removeLast() }
            while out.hasPrefix("-") { out.removeFirst() }
            return out.isEmpty ? "modul" : out
        }
        let alphabet = Array("abcxyzABCXYZ019 -_.æøåÆØÅéüÖ½ß#(1)kopi.md/\u{2028}ĳﬁ")
        var generator = SystemRandomNumberGenerator()
        var names = ["Træning på hold.md", "KOL-skole (1).md", "rygestop kopi.md", "Årsmøde", "ﬁlm", ""]
        for _ in 0..<20_000 {
            names.append(String((0..<Int.random(in: 1...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }))
        }
        let differing = names.filter { Slug.make($0) != byCharacter($0) }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
        // A letter with a combining mark and no precomposed form becomes a hyphen now.
        #expect(Slug.make("q\u{0303}x") == "q-x")
    }

    @Test("'mente du' finds near misses and ignores far ones")
    func suggestions() {
        #expect(Suggestion.closest(to: "malgruppe", in: ["målgruppe", "adgang"]) == "målgruppe")
        #expect(Suggestion.closest(to: "personel", in: ["personale", "pris"]) == "personale")
        #expect(Suggestion.closest(to: "farve", in: ["målgruppe", "adgang"]) == nil)
    }
}
