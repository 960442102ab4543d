import Foundation
import KatalogCore
import KatalogSupport
@testable import KatalogExport
import KatalogLoad
import KatalogRules
@testable import KatalogSite
import Testing

/// Who runs an offer, its languages, an interpreter, the place's accessibility and anonymity
/// (issue 18): shown where stated, exported as stated, and never assumed.
@Suite("Provider, languages, interpreter, accessibility and anonymity")
struct OfferAccessTests {
    static let stated = validModule(extra: """
        udbyder:
          navn: Foreningen Fjordbo
          ekstern: true
          i-samarbejde-med: [Region Fjordland]
        sprog: [dansk, arabisk, klingonsk]
        tolk: true
        anonym: true
        steder:
          - navn: Sundhedshuset
            by: Testby
            tilgængelighed: Elevator og handicaptoilet
        """)

    @Test("stated provider, languages, interpreter, accessibility and anonymity are shown on the module and GP pages; unstated are not")
    func pages() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": Self.stated,
                                       "testby/b.md": validModule(titel: "Træning for alle")])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let page = try String(contentsOfFile: catalog.output + "/testby/a.html", encoding: .utf8)
        for line in ["<dt>Sprog</dt><dd>Dansk, arabisk og klingonsk.</dd>", "<dt>Tolk</dt><dd>Du kan få en tolk.</dd>",
                     "<dt>Anonymt</dt><dd>Du kan deltage anonymt.</dd>",
                     "<dt>Hvem står for det</dt><dd>Foreningen Fjordbo, som ikke er en del af kommunen. I samarbejde med Region Fjordland.</dd>",
                     "Testby<br>Adgangsforhold: Elevator og handicaptoilet</p>"] {
            #expect(page.contains(line), "\(line)")
        }
        let other = try String(contentsOfFile: catalog.output + "/testby/b.html", encoding: .utf8)
        for absent in ["<dt>Sprog</dt>", "<dt>Tolk</dt>", "<dt>Anonymt</dt>", "Hvem står for det", "Adgangsforhold"] {
            #expect(!other.contains(absent), "not stated is not shown: \(absent)")
        }
        let doctors = try String(contentsOfFile: catalog.output + "/testby/for-laeger.html", encoding: .utf8)
        #expect(doctors.contains("<th scope=\"col\" class=\"noprint\">Sprog og tolk</th>"))
        #expect(doctors.contains("<td class=\"noprint\"><span class=\"cell-label\">Sprog og tolk: </span>Dansk, arabisk og klingonsk. Tolk kan fås.</td>"), "\(doctors)")
        #expect(doctors.contains("""
            Borgeren kan selv henvende sig.<span class="noprint"> Anonymt. Udbyder: Foreningen Fjordbo, som ikke er en del af kommunen. \
            I samarbejde med Region Fjordland.</span></td>
            """))
    }

    @Test("SOFT, FHIR and JSON-LD carry the stated facts and null (or nothing) where none are stated")
    func exports() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": Self.stated,
                                       "testby/b.md": validModule(titel: "Træning for alle")])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let loaded = try catalog.load()
        let records = Exporter().records(loaded)
        #expect(records.map { $0["udbyder"] } == [.text("Foreningen Fjordbo"), .text(nil)])
        #expect(records.map { $0["udbyder_ekstern"] } == [.flag(true), .flag(nil)])
        #expect(records.map { $0["udbyder_samarbejde"] } == [.statedTexts(["Region Fjordland"]), .statedTexts(nil)])
        #expect(records.map { $0["sprog"] } == [.statedTexts(["dansk", "arabisk", "klingonsk"]), .statedTexts(nil)])
        #expect(records.map { $0["tolk"] } == [.flag(true), .flag(nil)])
        #expect(records.map { $0["anonym"] } == [.flag(true), .flag(nil)])
        let json = String(decoding: FileManager.default.contents(atPath: catalog.output + "/eksport/soft.json") ?? Data(), as: UTF8.self)
        #expect(json.contains("\"tilgængelighed\" : \"Elevator og handicaptoilet\""))
        #expect(json.contains("\"anonym\" : null") && json.contains("\"sprog\" : null"), "not stated is null, never a default")
        let csv = String(decoding: FileManager.default.contents(atPath: catalog.output + "/eksport/soft.csv") ?? Data(), as: UTF8.self)
        #expect(csv.contains("udbyder;udbyder_ekstern;udbyder_samarbejde;sprog;tolk;anonym"))
        #expect(csv.contains("Sundhedshuset, Testby (tilgængelighed: Elevator og handicaptoilet)") && csv.contains("dansk | arabisk"))

        let testby = try #require(loaded.municipalities.first)
        let module = try #require(testby.modules.first { $0.slug == "a" })
        let plain = try #require(testby.modules.first { $0.slug == "b" })
        let service = FHIRExport.healthcareService(module, in: testby, pageURL: "a.html").rendered().filter { !$0.isWhitespace }
        #expect(service.contains("""
            "communication":[{"coding":[{"code":"da","display":"dansk","system":"urn:ietf:bcp:47"}],"text":"dansk"},\
            {"coding":[{"code":"ar","display":"arabisk","system":"urn:ietf:bcp:47"}],"text":"arabisk"},{"text":"klingonsk"}]
            """), "a known language has its BCP-47 code, an unknown one its name only: \(service)")
        #expect(service.contains("{\"text\":\"Borgerenkandeltageanonymt\"}") && service.contains("{\"text\":\"Tolkkanfås\"}"))
        let plainService = FHIRExport.healthcareService(plain, in: testby, pageURL: "b.html").rendered()
        #expect(!plainService.contains("communication") && !plainService.contains("anonymt"), "no language is assumed: \(plainService)")
        let ld = JSONLD.governmentService(module, in: testby, pageURL: "a.html").rendered().filter { !$0.isWhitespace }
        #expect(ld.contains("\"availableLanguage\":[\"da\",\"ar\",\"klingonsk\"]"), "\(ld)")
        #expect(ld.contains("\"serviceOperator\":{\"@type\":\"Organization\",\"name\":\"ForeningenFjordbo\"}"))
        let plainLD = JSONLD.governmentService(plain, in: testby, pageURL: "b.html").rendered()
        #expect(!plainLD.contains("availableLanguage") && !plainLD.contains("serviceOperator"))
        let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/validate_exports.py", catalog.output])
        #expect(status == 0, "FHIR R4, SOFT JSON Schema: \(report)")
    }

    @Test("the search index carries anonymity, languages and interpreter as stated; the search page offers them as filters")
    func search() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": Self.stated,
                                       "testby/b.md": validModule(titel: "Træning for alle")])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        // Offers are numbered by title: "Træning for alle" (b) is 0, the stated offer ("Træning på hold") 1.
        #expect(try searchData(catalog.output, "f/anonym") == "\"1\"" && searchData(catalog.output, "f/tolk") == "\"1\"")
        #expect(try searchData(catalog.output, "f/sprog/arabisk") == "\"1\"" && searchData(catalog.output, "f/sprog/klingonsk") == "\"1\"")
        let start = try searchData(catalog.output, "start")
        #expect(start.contains("\"sprog\":[[\"arabisk\",\"arabisk\"],[\"klingonsk\",\"klingonsk\"]]"), "Danish is not a choice: \(start)")
        let page = try String(contentsOfFile: catalog.output + "/soeg.html", encoding: .utf8)
        #expect(page.contains("<input id=\"f-anonym\" name=\"anonym\" type=\"checkbox\" value=\"anonym\"> <label for=\"f-anonym\">Du kan være anonym</label>"))
        #expect(page.contains("<input id=\"f-tolk\" name=\"tolk\" type=\"checkbox\" value=\"tolk\">")
                && page.contains("<label for=\"f-sprog\">På andre sprog end dansk</label>"))
        #expect(page.contains("<form id=\"soeg\" class=\"search\" role=\"search\" hidden>"), "without JavaScript the ways to browse show")
        let script = try String(contentsOfFile: catalog.output + "/assets/soeg.js", encoding: .utf8)
        #expect(script.contains("\"f/\" + value(name)") && script.contains("language[1]"))
    }

    @Test("a module page puts how to start and the GP box first, names who the citizen meets, links phones, and says when it states no way in")
    func pageOrder() throws {
        let bare = """
            ---
            titel: Samtale
            resume: Du taler med en sygeplejerske.
            indsats: afklarende-samtale
            målgruppe:
              diagnoser: [kol, pårørende]
            omfang:
              holdstørrelse: 10-12
            personale: [sygeplejerske, andet: sexologisk rådgiver]
            opdateret: 2026-10-01
            ---
            Vi taler sammen.
            """
        let municipality = validMunicipality.replacingOccurrences(of: "kontakt:\n  telefon: 11 22 33 44\n", with: "")
        let catalog = try TempCatalog(["testby/kommune.yml": municipality, "testby/a.md": validModule(), "testby/b.md": bare])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let page = try String(contentsOfFile: catalog.output + "/testby/a.html", encoding: .utf8)
        let start = try #require(page.range(of: "<h2 id=\"start\">Sådan kommer du i gang</h2>")).lowerBound
        let gp = try #require(page.range(of: "<h2 id=\"laege\">For læger</h2>")).lowerBound
        let facts = try #require(page.range(of: "<dl class=\"facts\">")).lowerBound
        let body = try #require(page.range(of: "<div class=\"body\">")).lowerBound
        #expect(start < gp && gp < facts && facts < body, "how to start and the GP box before the facts and the text")
        #expect(page.contains("<li><a href=\"../soeg.html\">Søg</a></li>\n<li><a href=\"../index.html#laeger\">For læger</a></li>"),
                "the menu has Søg and For læger")
        let front = try String(contentsOfFile: catalog.output + "/index.html", encoding: .utf8)
        #expect(front.contains("<h2 id=\"laeger\">For læger</h2>") && front.contains("<li><a href=\"testby/for-laeger.html\">Henvisning i Testby Kommune</a></li>"))
        let other = try String(contentsOfFile: catalog.output + "/testby/b.html", encoding: .utf8)
        #expect(other.contains("<p>Tilbuddet oplyser ikke, hvordan du kommer i gang. Spørg Testby Kommune.</p>"), "no empty box")
        #expect(!page.contains("Tilbuddet oplyser ikke, hvordan du kommer i gang"))
        #expect(other.contains("<dt>Hvem du møder</dt><dd>Sygeplejerske. sexologisk rådgiver. </dd>"), "\(other)")
        #expect(other.contains("<dt>Sygdomme</dt><dd><ul class=\"inline\"><li><a href=\"../diagnose/kol.html\">KOL</a></li></ul></dd>"))
        #expect(other.contains("<dt>Målgruppe</dt><dd><ul class=\"inline\"><li><a href=\"../diagnose/paaroerende.html\">Pårørende</a></li></ul></dd>"))
        #expect(other.contains("<dt>Omfang</dt><dd>10-12 på holdet</dd>"), "a range is not a maximum")
        let records = Exporter().records(try catalog.load())
        #expect(records.map { $0["personale"] } == [.texts([]), .texts(["Sygeplejerske", "sexologisk rådgiver"])],
                "SOFT names who the citizen meets, as written; none stated, none exported")
    }

    @Test("phone numbers become tel: links a phone can call; what is not a number a phone can dial stays text",
          arguments: [("86 12 34 56", "+4586123456"), ("+45 86 12 34 56", "+4586123456"), ("0045 86-12-34-56", "+4586123456"),
                      ("(+45) 86.12.34.56", "+4586123456"), ("+46 8 123 456 78", "+46812345678"), ("86 12 34", nil),
                      ("86 12 34 56 lokal 12", nil), ("ring 1813", nil), ("", nil),
                      ("97 40 50 60 (tast 2 for fagpersoner)", "+4597405060"), ("97 40 50 60, hverdage", "+4597405060")] as [(String, String?)])
    func telephone(phone: String, uri: String?) {
        #expect(ContactView.telephoneURI(phone) == uri)
    }

    @Test("a provider of the municipality's own is named without a claim about who it is not")
    func ownProvider() {
        #expect(ModuleView.providerText(Provider(name: "Sundhedscenter Fjordby", external: false, partners: [])) == "Sundhedscenter Fjordby.")
        #expect(ModuleView.providerText(Provider(name: nil, external: true, partners: [])) == "En udbyder uden for kommunen.")
    }

    @Test("anonym and tolk that are not yes/no are refused at their line, naming the key")
    func wrongYesNo() throws {
        for (key, value) in [("anonym", "måske"), ("tolk", "Tolk kan bestilles")] {
            let text = validModule(extra: "\(key): \(value)")
            let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(key) }) + 1
            let errors = try loadErrors(["testby/kommune.yml": validMunicipality, "testby/a.md": text])
            let error = try #require(errors.first { $0.message.contains("`\(key)`") }, "\(errors)")
            #expect(error.message.contains("skal være ja/nej") && error.location.line == line, "\(error)")
        }
    }

    @Test("katalog new offers provider, languages, interpreter, anonymity and accessibility as comments: nothing is stated until the # goes")
    func scaffold() throws {
        let text = Scaffold.module(.nikotinafvaenning, nil, updated: "2026-10-01")
        for line in ["# udbyder:", "#   navn: Sundhedscenter Fjordby", "#   ekstern: false", "# sprog: [dansk, engelsk]", "# tolk: true",
                     "# anonym: true", "    # tilgængelighed: Elevator og handicaptoilet", "Rygestop og alkoholsamtaler er tit anonyme."] {
            #expect(text.contains(line), "\(line)")
        }
        #expect(!text.contains("tilgængelighed: \"UDFYLD"), "accessibility is never asked as a placeholder")
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": text])
        defer { catalog.remove() }
        let module = try #require(catalog.load().municipalities.first?.modules.first)
        #expect(module.provider == nil && module.languages.isEmpty && module.interpreter == nil && module.anonymous == nil)
    }
}
