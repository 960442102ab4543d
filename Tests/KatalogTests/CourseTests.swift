import Foundation
import KatalogCLI
import KatalogCore
import KatalogSupport
@testable import KatalogExport
import KatalogLoad
import KatalogBuild
import KatalogRules
import Testing

/// Courses (`forløb`, issue 18): one file that combines modules into the course citizens know
/// (KOL-rehabilitering), with its own page, GP entry and exports, while every part is still a
/// module checked as its intervention, whose page links to its course.
@Suite("Courses")
struct CourseTests {
    static let course = """
        ---
        titel: KOL-rehabilitering
        resume: Et forløb for dig med KOL. Du træner og lærer om din sygdom.
        forløb: [traening.md, skole]
        målgruppe:
          diagnoser: [kol]
          beskrivelse: Voksne med KOL.
        holdstart: [2027-01-10, 2027-02-01, 2027-09-06]
        pris: Gratis
        opdateret: 2026-11-01
        ---
        Forløbet varer 12 uger.
        """

    static let school = """
        ---
        titel: KOL-skolen
        resume: Du lærer om din sygdom sammen med andre.
        indsats: sygdomsmestring
        målgruppe:
          diagnoser: [kol, type-2-diabetes]
        opdateret: 2026-10-01
        ---
        Du lærer om KOL.
        """

    static func catalog(_ extra: [String: String] = [:]) throws -> TempCatalog {
        var files = ["testby/kommune.yml": validMunicipality, "testby/traening.md": validModule(titel: "Træning ved KOL"),
                     "testby/skole.md": school, "testby/kol-rehabilitering.md": course, "testby/andet.md": validModule(titel: "Andet")]
        files.merge(extra) { $1 }
        return try TempCatalog(files)
    }

    @Test("a course has its own page with its own facts and its parts; each part's page, the municipality and GP pages link to it")
    func pages() throws {
        let catalog = try Self.catalog()
        defer { catalog.remove() }
        let built = catalog.build()
        #expect(built.code == 0, "\(built.console.errors)")
        #expect(built.console.output.contains("Bygget: 1 kommuner, 3 tilbud, 1 forløb, "), "\(built.console.output)")
        func page(_ name: String) throws -> String { try String(contentsOfFile: catalog.output + "/" + name, encoding: .utf8) }
        let course = try page("testby/kol-rehabilitering.html")
        #expect(course.contains("<h1>KOL-rehabilitering</h1>"))
        #expect(course.contains("<dt>Hvem er det for?</dt><dd>Voksne med KOL.</dd>"))
        #expect(course.contains("<dt>Sygdomme</dt><dd><ul class=\"inline\"><li><a href=\"../diagnose/kol.html\">KOL</a></li></ul></dd>"),
                "the course's own diagnoses, not every part's")
        #expect(course.contains("Næste hold starter <time datetime=\"2027-02-01\">1. februar 2027</time>."), "past starts leave the page")
        #expect(!course.contains("2027-01-10"))
        #expect(course.contains("<dt>Pris</dt><dd>Gratis</dd>"))
        // The parts in the course's order, each with its own facts and a link.
        let training = try #require(course.range(of: "<h3><a href=\"../testby/traening.html\">Træning ved KOL</a></h3>"))
        let school = try #require(course.range(of: "<h3><a href=\"../testby/skole.html\">KOL-skolen</a></h3>"))
        #expect(training.lowerBound < school.lowerBound)
        #expect(course.contains("<p>Du lærer om din sygdom sammen med andre.</p>") || course.contains("Du lærer om din sygdom sammen med andre."))
        #expect(!course.contains("Andet"), "a module outside the course is not a part")
        #expect(course.contains("\"isRelatedTo\""), "its JSON-LD relates the course to its parts")
        for part in ["traening.html", "skole.html"] {
            #expect(try page("testby/" + part).contains(
                "<p class=\"course\">Tilbuddet er en del af forløbet <a href=\"../testby/kol-rehabilitering.html\">KOL-rehabilitering</a>.</p>"))
        }
        #expect(!(try page("testby/andet.html")).contains("class=\"course\""))
        let municipality = try page("testby/index.html")
        #expect(municipality.contains("<li><a href=\"../testby/kol-rehabilitering.html\">KOL-rehabilitering</a><p>Et forløb for dig med KOL. "
            + "Du træner og lærer om din sygdom. Forløbet består af: Træning ved KOL, KOL-skolen."), "\(municipality)")
        #expect(try page("testby/sygdom/kol.html").contains("<li><a href=\"../../testby/kol-rehabilitering.html\">KOL-rehabilitering</a>"))
        #expect(!(try page("testby/sygdom/type-2-diabetes.html")).contains("KOL-rehabilitering"),
                "the course states KOL; a part open to more does not put the course on their pages")
        let doctors = try page("testby/for-laeger.html")
        #expect(doctors.contains("<li><a href=\"../testby/kol-rehabilitering.html\">KOL-rehabilitering</a>"
            + "<span class=\"print address\"> (testby/kol-rehabilitering.html)</span>: Træning ved KOL, KOL-skolen. "
            + "Næste hold: <time datetime=\"2027-02-01\">1. februar 2027</time>.</li>"), "\(doctors)")
    }

    @Test("a course's target groups that are not a disease are under Målgruppe, as on a module's page")
    func audiences() throws {
        let catalog = try Self.catalog(["testby/kol-rehabilitering.md": Self.course.replacingOccurrences(of: "diagnoser: [kol]",
                                                                                                      with: "diagnoser: [kol, pårørende]")])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let page = try String(contentsOfFile: catalog.output + "/testby/kol-rehabilitering.html", encoding: .utf8)
        #expect(page.contains("<dt>Sygdomme</dt><dd><ul class=\"inline\"><li><a href=\"../diagnose/kol.html\">KOL</a></li></ul></dd>"))
        #expect(page.contains("<dt>Målgruppe</dt><dd><ul class=\"inline\"><li><a href=\"../diagnose/paaroerende.html\">Pårørende</a></li></ul></dd>"))
    }

    @Test("the exports carry the course: forloeb.json with its parts' ids, each part's SOFT record and FHIR program name it")
    func exports() throws {
        let catalog = try Self.catalog()
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let data = try Data(contentsOf: URL(fileURLWithPath: catalog.output + "/eksport/forloeb.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let courses = try #require(json["forløb"] as? [[String: Any]])
        #expect(courses.count == 1)
        #expect(courses[0]["forløb_id"] as? String == "testby/kol-rehabilitering")
        #expect(courses[0]["dele"] as? [String] == ["testby/traening", "testby/skole"])
        #expect(courses[0]["holdstart"] as? [String] == ["2027-02-01", "2027-09-06"])
        #expect(courses[0]["pris"] as? String == "Gratis" && courses[0]["gratis"] as? Bool == true)
        #expect(courses[0]["diagnoser"] as? [String] == ["KOL"])
        #expect(courses[0]["ventetid_uger"] is NSNull, "not stated stays not stated")
        let records = Exporter().records(try catalog.load())
        #expect(records.map { $0["forløb"] } == [.texts([]), .texts(["KOL-rehabilitering"]), .texts(["KOL-rehabilitering"])])
        // The course's own team starts are in the municipality's calendar, from today on.
        let calendar = try String(contentsOfFile: catalog.output + "/eksport/testby.ics", encoding: .utf8)
        #expect(calendar.components(separatedBy: "SUMMARY:Holdstart: KOL-rehabilitering").count == 3, "\(calendar)")
        #expect(calendar.contains("DTSTART;VALUE=DATE:20270201") && calendar.contains("DTSTART;VALUE=DATE:20270906")
                && !calendar.contains("20270110"))
        let fhir = try String(contentsOfFile: catalog.output + "/eksport/fhir-healthcareservices.json", encoding: .utf8)
        #expect(fhir.components(separatedBy: "\"text\" : \"Forløb: KOL-rehabilitering\"").count == 3, "both parts, not the third")
    }

    @Test("what a course does not state is not stated: no price, no team start, the municipality's contact")
    func notStated() throws {
        let bare = """
            ---
            titel: Hjerterehabilitering
            resume: Et forløb for dig med en hjertesygdom.
            forløb: [traening, skole]
            opdateret: 2026-11-01
            ---
            """
        let catalog = try Self.catalog(["testby/kol-rehabilitering.md": bare])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let page = try String(contentsOfFile: catalog.output + "/testby/kol-rehabilitering.html", encoding: .utf8)
        #expect(page.contains("<dt>Pris</dt><dd>Forløbet oplyser ikke en samlet pris. Se prisen under hver del, eller kontakt os.</dd>"))
        #expect(!page.contains("Gratis</dd>") && !page.contains("Næste hold"))
        #expect(page.contains("Telefon: <a href=\"tel:+4511223344\">11 22 33 44</a>"), "a phone can call it with a tap")
        let data = try Data(contentsOf: URL(fileURLWithPath: catalog.output + "/eksport/forloeb.json"))
        let course = try #require(((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["forløb"] as? [[String: Any]])?.first)
        for key in ["pris", "gratis", "holdstart", "målgruppe"] { #expect(course[key] is NSNull, "\(key)") }
        // No diagnoses stated: those every part is for (both parts are for KOL and type 2-diabetes), on the page and in the export.
        #expect(course["diagnoser"] as? [String] == ["KOL", "Type 2-diabetes"], "\(course)")
        #expect(page.contains("<dt>Sygdomme</dt><dd><ul class=\"inline\"><li><a href=\"../diagnose/kol.html\">KOL</a></li>"
            + "<li><a href=\"../diagnose/type-2-diabetes.html\">Type 2-diabetes</a></li></ul></dd>"))
    }

    @Test("a course's mistakes are findings at their line, and the rest of the catalog is still checked",
          arguments: [
            ("forløb: [traening.md, skole]", "forløb: [traening, skolen]", "forløbets del `skolen` findes ikke i Testby Kommune", "skole"),
            ("forløb: [traening.md, skole]", "forløb: [traening, traening.md]", "delen `traening.md` står mere end én gang i forløbet", nil),
            ("forløb: [traening.md, skole]", "forløb: [traening]", "et forløb skal have mindst to dele", nil),
            ("forløb: [traening.md, skole]", "forløb: []", "et forløb skal have mindst to dele", nil),
            ("pris: Gratis", "pris: Gratis\nkontakt:\n  telefon: \"12\"", "kontakt.telefon", nil),
            ("forløb: [traening.md, skole]", "forløb: [traening, kol-rehabilitering]", "`kol-rehabilitering` er selv et forløb", nil),
            ("pris: Gratis", "pris: Gratis\nindsats: fysisk-aktivitet", "ukendt felt `indsats`", "skriv `indsats` i de dele"),
            ("  diagnoser: [kol]", "  diagnoser: [kol]\n  alder-fra: 18", "ukendt felt `målgruppe.alder-fra`", "i de dele"),
            ("titel: KOL-rehabilitering\n", "", "`titel` mangler", nil),
          ] as [(String, String, String, String?)])
    func mistakes(original: String, replacement: String, message: String, hint: String?) throws {
        let broken = Self.course.replacingOccurrences(of: original, with: replacement)
        #expect(broken != Self.course)
        let catalog = try Self.catalog(["testby/kol-rehabilitering.md": broken,
                                        "testby/andet.md": validModule(titel: "Andet").replacingOccurrences(of: "indsats: fysisk-aktivitet\n", with: "")])
        defer { catalog.remove() }
        let checked = catalog.run(["check", "--content", catalog.content])
        #expect(checked.code == 1)
        let lines = checked.console.output.split(separator: "\n").map(String.init)
        let line = try #require(lines.first { $0.contains(message) }, "\(checked.console.output)")
        #expect(line.hasPrefix(catalog.content + "/testby/kol-rehabilitering.md:"))
        #expect(!line.hasPrefix(catalog.content + "/testby/kol-rehabilitering.md:1:") || message.hasSuffix("mangler"),
                "at the key's line, not the file's first")
        if let hint {
            let at = try #require(lines.firstIndex(of: line))
            #expect(lines[at + 1].contains(hint), "\(lines[at + 1])")
        }
        #expect(lines.contains { $0.hasPrefix(catalog.content + "/testby/andet.md") && $0.contains("`indsats` mangler") },
                "the other files are still checked")
        #expect(checked.console.output.contains("3 tilbud og 1 forløb tjekket") || checked.console.output.contains("2 tilbud og 1 forløb tjekket"))
    }

    @Test("`katalog new forløb` lists the municipality's modules to choose parts from; it fails `check` until written, then passes")
    func scaffold() throws {
        let catalog = try Self.catalog()
        defer { catalog.remove() }
        try FileManager.default.removeItem(atPath: catalog.content + "/testby/kol-rehabilitering.md")
        let made = catalog.run(["new", "forløb", "hjerte", "--content", catalog.content])
        #expect(made.code == 0, "\(made.console.errors)")
        let path = catalog.content + "/testby/hjerte.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("  # - traening   # Træning ved KOL") && text.contains("  # - skole   # KOL-skolen"))
        let before = catalog.run(["check", "--content", catalog.content]).console.output
        for expected in ["hjerte.md:4:1: fejl: `forløb` har ingen værdi", "`titel` er ikke udfyldt endnu [UDFYLD]",
                         "`pris` er ikke udfyldt endnu [UDFYLD]", "brødteksten er ikke skrevet endnu [UDFYLD]"] {
            #expect(before.contains(expected), "\(expected)\n\(before)")
        }
        let written = text.replacingOccurrences(of: "  # - traening ", with: "  - traening ").replacingOccurrences(of: "  # - skole ", with: "  - skole ")
            .replacingOccurrences(of: "\"UDFYLD: Tilbuddets navn på klart dansk\"", with: "Hjerterehabilitering")
            .replacingOccurrences(of: "\"UDFYLD: Én eller to korte sætninger til borgeren om, hvad tilbuddet er\"", with: "Træning og undervisning.")
            .replacingOccurrences(of: "\"UDFYLD: Pris for borgeren, fx Gratis\"", with: "Gratis")
            .replacingOccurrences(of: "UDFYLD: Fortæl på klart dansk", with: "Vi fortæller på klart dansk")
        try written.write(toFile: path, atomically: true, encoding: .utf8)
        let after = catalog.run(["check", "--content", catalog.content]).console.output
        #expect(!after.contains("hjerte.md"), "\(after)")
        #expect(after.contains("og 1 forløb tjekket"))
    }

    @Test("a title, summary, price or description that stands in for one (x, ..., udfyld, TODO) fails in a course, a module and kommune.yml")
    func fillers() throws {
        let course = Self.course.replacingOccurrences(of: "pris: Gratis", with: "pris: udfyld")
            .replacingOccurrences(of: "resume: Et forløb for dig med KOL. Du træner og lærer om din sygdom.", with: "resume: \"...\"")
        let module = validModule(titel: "x")
        let municipality = validMunicipality.replacingOccurrences(of: "navn: Testby Kommune", with: "navn: UDFYLD")
        let catalog = try Self.catalog(["testby/kol-rehabilitering.md": course, "testby/andet.md": module, "testby/kommune.yml": municipality])
        defer { catalog.remove() }
        let checked = catalog.run(["check", "--content", catalog.content])
        #expect(checked.code == 1)
        let output = checked.console.output
        for expected in ["kol-rehabilitering.md:3:1: fejl: `resume` siger ikke noget endnu (“...”) [UDFYLD]",
                         "kol-rehabilitering.md:9:1: fejl: `pris` er ikke udfyldt endnu [UDFYLD]",
                         "andet.md:2:1: fejl: `titel` siger ikke noget endnu (“x”) [UDFYLD]",
                         "kommune.yml:1:1: fejl: `navn` er ikke udfyldt endnu [UDFYLD-KOMMUNE]"] {
            #expect(output.contains(expected), "\(expected)\n\(output)")
        }
        #expect(!Placeholder.isFiller("0", key: "pris") && !Placeholder.isFiller("50", key: "pris"), "a number says something")
        #expect(!Placeholder.isFiller("Gratis", key: "pris") && !Placeholder.isFiller("KOL-skolen", key: "titel")
                && !Placeholder.isFiller("Vi", key: "resume") && Placeholder.isFiller("Pris", key: "pris") && Placeholder.isFiller("-", key: "titel"))
        #expect(Placeholder.isPending("Udfyld: pris") && Placeholder.isPending("udfyld") && !Placeholder.isPending("Vælg selv, om du vil træne"))
        #expect(!Placeholder.isPending("Udfyldt helbredsskema"), "a real word that starts like the marker")
    }

    @Test("the filler check that stops early answers as reading the whole text does")
    func fillerInOnePass() {
        // The check as it was written before it stopped early: every Character read, three times.
        func whole(_ text: String, key: String) -> Bool {
            if text.contains(where: \.isNumber) { return false }
            let letters = text.filter(\.isLetter)
            if letters.count < 2 { return true }
            let word = letters.lowercased()
            return ["todo", "tbd", "xx", "xxx", "xxxx", "udfyld", "tekst", "test", "asdf", "lorem", "ipsum"].contains(word)
                || word == key.lowercased().filter(\.isLetter)
        }
        let pieces = ["x", "X", "xx", "-", " ", ".", "...", "?", "TODO", "to do", "Lorem", "ipsum", "pris", "Pris", "målgruppe", "Mål",
                      "gruppe", "5", "½", "٣", "e\u{301}", "é", "æ", "Ø", "å", "KOL-skolen", "Gratis", "tekst", "t e s t", "udfyld", "İ", "ß"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for key in ["pris", "titel", "målgruppe.beskrivelse", "resume", ""] {
                #expect(Placeholder.isFiller(text, key: key) == whole(text, key: key), "\(text) (\(key))")
            }
        }
    }

    @Test("a course whose parts name no referrer does not tell the GP to refer to it; katalog new refuses the site's own names")
    func noReferrers() throws {
        let school = Self.school, training = validModule(titel: "Træning ved KOL").replacingOccurrences(of: "adgang:\n  egen-henvendelse: true\n", with: "")
        let catalog = try Self.catalog(["testby/traening.md": training, "testby/skole.md": school])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let page = try String(contentsOfFile: catalog.output + "/testby/kol-rehabilitering.html", encoding: .utf8)
        #expect(page.contains("<p>Forløbets dele oplyser ikke, hvem der kan henvise til dem. Kommunens henvisningsvej står på siden for læger.</p>"))
        #expect(!page.contains("Henvis med kommunehenvisningen"))
        for name in ["index", "for-laeger"] {
            let made = catalog.run(["new", "forløb", name, "--content", catalog.content])
            #expect(made.code == 2 && made.console.errors.contains("bruges af webstedet selv"), "\(name)")
        }
    }

    @Test("a course whose parts are all paused or ended says so; a part that is broken is reported as broken, not missing")
    func pausedAndBroken() throws {
        let paused = validModule(titel: "Træning ved KOL", extra: "status: sat-på-pause")
        let ended = Self.school.replacingOccurrences(of: "opdateret: 2026-10-01", with: "status: ophørt\nopdateret: 2026-10-01")
        let catalog = try Self.catalog(["testby/traening.md": paused, "testby/skole.md": ended])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let page = try String(contentsOfFile: catalog.output + "/testby/kol-rehabilitering.html", encoding: .utf8)
        #expect(page.contains("<p class=\"notice\"><strong>Ingen af forløbets dele kører lige nu: de er sat på pause eller ophørt."))
        try catalog.write("testby/traening.md", paused)
        try catalog.write("testby/skole.md", Self.school.replacingOccurrences(of: "titel: KOL-skolen", with: "titel: [KOL-skolen"))
        let checked = catalog.run(["check", "--content", catalog.content]).console.output
        #expect(checked.contains("forløbets del `skole` kan ikke læses; ret fejlen i filen først"), "\(checked)")
        #expect(!checked.contains("findes ikke"))
        // A course whose front matter cannot be read is left out of a preview, as a module is.
        try catalog.write("testby/kol-rehabilitering.md", Self.course.replacingOccurrences(of: "titel: KOL-rehabilitering", with: "titel: [KOL"))
        #expect(catalog.build().code == 0)
        #expect(!FileManager.default.fileExists(atPath: catalog.output + "/testby/kol-rehabilitering.html"))
        let running = try Self.catalog()
        defer { running.remove() }
        #expect(running.build().code == 0)
        #expect(!(try String(contentsOfFile: running.output + "/testby/kol-rehabilitering.html", encoding: .utf8)).contains("class=\"notice\""))
    }

    @Test("each part is judged as its intervention, and the course by the tool's rules on its own text only")
    func verdicts() throws {
        let placeholder = Self.course.replacingOccurrences(of: "resume: Et forløb for dig med KOL. Du træner og lærer om din sygdom.",
                                                            with: "resume: \"UDFYLD: skriv et resume\"")
        let untested = validModule(titel: "Træning ved KOL").replacingOccurrences(of: "  slut: 30 sekunders rejse-sætte-sig-test\n", with: "")
        let catalog = try Self.catalog(["testby/kol-rehabilitering.md": placeholder, "testby/traening.md": untested])
        defer { catalog.remove() }
        let findings = try Pipeline(options: .init(content: catalog.content)).check().findings
        let course = findings.filter { $0.location.file.hasSuffix("kol-rehabilitering.md") }
        #expect(course.map(\.rule) == [ToolRules.placeholder], "\(course.map { "\($0.rule) \($0.message)" })")
        #expect(course.first?.location.line == 3)
        #expect(findings.contains { $0.location.file.hasSuffix("traening.md") && $0.rule.hasPrefix("K-6") },
                "the training part still needs its end test")
    }
}
