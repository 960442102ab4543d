import Foundation
import KatalogCLI
import KatalogCore
import KatalogSupport
@testable import KatalogExport
import KatalogLoad
import KatalogRules
import KatalogBuild
import KatalogSite
import Testing

/// The facts of real offers that GPs and citizens ask about (issue 18): who may join, when the
/// next team starts. Each is shown where it is stated and nowhere else, and exported as stated.
@Suite("Who may join and when teams start")
struct OfferFieldsTests {
    static let limited = validModule(extra: """
        målgruppe:
          diagnoser: [kol]
          alder-fra: 18
          alder-til: 80
          bopæl: Du skal bo i Testby Kommune.
          kriterier: [GOLD 2-4, kan selv transportere sig]
          ikke-for: [borgere med aktivt misbrug]
        """).replacingOccurrences(of: "målgruppe:\n  diagnoser: [kol, type-2-diabetes]\n", with: "")

    @Test("stated limits on who may join are shown on the module and GP pages and exported; unstated ones are neither")
    func eligibility() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": Self.limited,
                                       "testby/b.md": validModule(titel: "Træning for alle")])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let page = try String(contentsOfFile: catalog.output + "/testby/a.html", encoding: .utf8)
        #expect(page.contains("""
            <dt>Hvem kan deltage</dt><dd><ul><li>Alder: 18-80 år.</li><li>Du skal bo i Testby Kommune.</li>\
            <li>GOLD 2-4</li><li>kan selv transportere sig</li></ul></dd>
            """), "\(page)")
        #expect(page.contains("<dt>Hvem kan ikke deltage</dt><dd><ul><li>borgere med aktivt misbrug</li></ul></dd>"))
        let other = try String(contentsOfFile: catalog.output + "/testby/b.html", encoding: .utf8)
        #expect(!other.contains("Hvem kan deltage") && !other.contains("Hvem kan ikke deltage"), "not stated is not shown")
        // The search filters by age: the index carries the stated limits, and only those.
        let ages = try searchData(catalog.output, "f/alder")
        #expect(ages == "[[0,18,80]]" || ages == "[[1,18,80]]", "one offer states limits, the other is not in the file: \(ages)")
        let search = try String(contentsOfFile: catalog.output + "/soeg.html", encoding: .utf8)
        #expect(search.contains("<label for=\"f-alder\">Din alder</label><input id=\"f-alder\" name=\"alder\" inputmode=\"numeric\""))
        let doctors = try String(contentsOfFile: catalog.output + "/testby/for-laeger.html", encoding: .utf8)
        #expect(doctors.contains("""
            <td class="noprint"><span class="cell-label">Hvem kan deltage: </span>Alder: 18-80 år. Du skal bo i Testby Kommune. GOLD 2-4. kan selv transportere sig. \
            Ikke for: borgere med aktivt misbrug.</td>
            """), "\(doctors)")

        let records = Exporter().records(try catalog.load())
        #expect(records.map { $0["alder_fra"] } == [.number(18), .number(nil)])
        #expect(records.map { $0["alder_til"] } == [.number(80), .number(nil)])
        #expect(records.map { $0["bopæl"] } == [.text("Du skal bo i Testby Kommune."), .text(nil)])
        #expect(records.map { $0["kriterier"] } == [.statedTexts(["GOLD 2-4", "kan selv transportere sig"]), .statedTexts(nil)])
        #expect(records.map { $0["ikke_for"] } == [.statedTexts(["borgere med aktivt misbrug"]), .statedTexts(nil)])
        let json = String(decoding: FileManager.default.contents(atPath: catalog.output + "/eksport/soft.json") ?? Data(), as: UTF8.self)
        #expect(json.contains("\"kriterier\" : null") && json.contains("\"alder_fra\" : null"), "not stated is null, never a default")
        let csv = String(decoding: FileManager.default.contents(atPath: catalog.output + "/eksport/soft.csv") ?? Data(), as: UTF8.self)
        #expect(csv.contains("GOLD 2-4 | kan selv transportere sig") && csv.contains("alder_fra;alder_til;bopæl;kriterier;ikke_for"))

        let loaded = try catalog.load()
        let testby = try #require(loaded.municipalities.first)
        let withLimits = try #require(testby.modules.first { $0.slug == "a" })
        let service = FHIRExport.healthcareService(withLimits, in: testby, pageURL: "a.html").rendered()
        for (code, comment) in [("Alder", "18-80 år"), ("Bopæl", "Du skal bo i Testby Kommune."), ("Kriterium", "GOLD 2-4"),
                                ("Kriterium", "kan selv transportere sig"), ("Ikke for", "borgere med aktivt misbrug")] {
            let entry = "{\"code\":{\"text\":\"\(code)\"},\"comment\":\"\(comment)\"}"
            #expect(service.filter { !$0.isWhitespace }.contains(entry.filter { !$0.isWhitespace }), "\(code): \(service)")
        }
        let plain = try #require(testby.modules.first { $0.slug == "b" })
        #expect(!FHIRExport.healthcareService(plain, in: testby, pageURL: "b.html").rendered().contains("Alder"))
        let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/validate_exports.py", catalog.output])
        #expect(status == 0, "FHIR R4, SOFT JSON Schema: \(report)")
        let ld = JSONLD.governmentService(withLimits, in: testby, pageURL: "a.html").rendered().filter { !$0.isWhitespace }
        #expect(ld.contains("\"suggestedMaxAge\":80,\"suggestedMinAge\":18"), "schema.org PeopleAudience: \(ld)")
        #expect(!JSONLD.governmentService(plain, in: testby, pageURL: "b.html").rendered().contains("suggested"))
    }

    @Test("an age limit that is not a whole number is refused at its line, naming the key")
    func wrongAge() throws {
        let text = Self.limited.replacingOccurrences(of: "alder-fra: 18", with: "alder-fra: atten")
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("alder-fra") }) + 1
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality, "testby/a.md": text])
        let error = try #require(errors.first { $0.message.contains("målgruppe.alder-fra") }, "\(errors)")
        #expect(error.message.contains("skal være et helt tal") && error.location.line == line, "\(error)")
    }

    @Test("an age range no one fits, or an unusual age, is a FELT-TAL warning at `alder-fra`")
    func ageSanity() throws {
        let swapped = Self.limited.replacingOccurrences(of: "alder-fra: 18", with: "alder-fra: 80")
            .replacingOccurrences(of: "alder-til: 80", with: "alder-til: 18")
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": swapped,
                                       "testby/b.md": Self.limited.replacingOccurrences(of: "alder-til: 80", with: "alder-til: 180"),
                                       "testby/c.md": Self.limited])
        defer { catalog.remove() }
        let findings = try Pipeline(options: .init(content: catalog.content)).check().findings.filter { $0.rule == ToolRules.number }
        let line = try #require(swapped.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("alder-fra") }) + 1
        #expect(findings.map(\.message) == ["`målgruppe.alder-fra` er 80, men `målgruppe.alder-til` er 18: så kan ingen deltage – er tallene byttet om?",
                                           "`målgruppe.alder-til` er 180; det er usædvanligt (normalt 0-110) – er tallet rigtigt?"])
        #expect(findings.first?.location.line == line && findings.allSatisfy { $0.severity == .warning })
    }

    @Test("katalog new offers the limits on who may join as comments: nothing is stated until the author removes the #")
    func scaffoldOffersLimits() throws {
        let text = Scaffold.module(.fysiskAktivitet, .superviseretTraening, updated: "2026-10-01")
        for key in ["alder-fra: 18", "alder-til: 65", "bopæl:", "kriterier:", "ikke-for:"] {
            #expect(text.contains("\n  # \(key)"), "\(key)")
        }
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": text.replacingOccurrences(of: "\n  # ", with: "\n  ")
            .replacingOccurrences(of: "\n  Er der grænser", with: "\n  # Er der grænser")])
        defer { catalog.remove() }
        let module = try #require(catalog.load().municipalities.first?.modules.first)
        let eligible = module.eligibility
        #expect(eligible.minimumAge == 18 && eligible.maximumAge == 65 && eligible.residence == "Du skal bo i kommunen")
        #expect(eligible.criteria == ["HbA1c over 48", "kan selv komme frem til holdet"] && eligible.notFor == ["borgere med aktivt misbrug"])
    }

    static let teams = validModule(extra: """
        optag: faste-hold
        holdstart: [2027-08-16, 2026-09-01, 2027-02-01]
        pladser-pr-hold: 12
        """)

    @Test("team starts from today on are shown in Danish on the module and GP pages and exported; past ones are left out")
    func teamStarts() throws {
        #expect(fixedToday == "2027-01-15" && DayStamp.today() == fixedToday && DayStamp.today(offsetDays: 17) == "2027-02-01")
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": Self.teams,
                                       "testby/b.md": validModule(titel: "Træning uden hold")])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let page = try String(contentsOfFile: catalog.output + "/testby/a.html", encoding: .utf8)
        #expect(page.contains("<dt>Næste hold</dt><dd>Næste hold starter <time datetime=\"2027-02-01\">1. februar 2027</time>.</dd>"))
        #expect(page.contains("<dt>Senere hold</dt><dd><time datetime=\"2027-08-16\">16. august 2027</time>. </dd>"))
        #expect(page.contains("<dt>Pladser</dt><dd>12 pladser på hvert hold.</dd>"))
        #expect(!page.contains("2026-09-01") && !page.contains("september 2026"), "a past start leaves the site")
        let other = try String(contentsOfFile: catalog.output + "/testby/b.html", encoding: .utf8)
        #expect(!other.contains("Næste hold") && !other.contains("Pladser"))
        let doctors = try String(contentsOfFile: catalog.output + "/testby/for-laeger.html", encoding: .utf8)
        #expect(doctors.contains("<td><span class=\"cell-label\">Næste hold: </span><time datetime=\"2027-02-01\">1. februar 2027</time>"
            + "<span class=\"noprint\"> (12 pladser pr. hold)</span></td>"))

        let records = Exporter().records(try catalog.load())
        #expect(records.map { $0["holdstart"] } == [.statedTexts(["2027-02-01", "2027-08-16"]), .statedTexts(nil)])
        #expect(records.map { $0["pladser_pr_hold"] } == [.text("12"), .text(nil)])
        let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/validate_exports.py", catalog.output])
        #expect(status == 0, "\(report)")
    }

    @Test("a module whose team starts have all passed warns at `holdstart`, in Danish, and shows no start; one future start is enough")
    func allStartsPast() throws {
        let past = Self.teams.replacingOccurrences(of: "[2027-08-16, 2026-09-01, 2027-02-01]", with: "[2026-09-01, 2026-11-02]")
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": past, "testby/b.md": Self.teams])
        defer { catalog.remove() }
        let findings = try Pipeline(options: .init(content: catalog.content)).check().findings.filter { $0.rule == ToolRules.teamStarts }
        let line = try #require(past.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("holdstart") }) + 1
        #expect(findings.count == 1, "\(findings)")
        let finding = try #require(findings.first)
        #expect(finding.severity == .warning && finding.location.file.hasSuffix("testby/a.md") && finding.location.line == line)
        #expect(finding.message == "alle holdstarter i `holdstart` er gået (den sidste var 2. november 2026), så siden viser ingen holdstart")
        #expect(finding.hint.contains("optag: løbende"))
        #expect(catalog.build().code == 0)
        let page = try String(contentsOfFile: catalog.output + "/testby/a.html", encoding: .utf8)
        #expect(!page.contains("Næste hold") && !page.contains("november 2026"))
        #expect(Exporter().records(try catalog.load()).first?["holdstart"] == .statedTexts([]), "stated, none to come")
    }

    @Test("team starts beside `optag: løbende` warn at `holdstart`")
    func teamStartsWithContinuousIntake() throws {
        let continuous = Self.teams.replacingOccurrences(of: "optag: faste-hold", with: "optag: løbende")
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": continuous, "testby/b.md": Self.teams])
        defer { catalog.remove() }
        let findings = try Pipeline(options: .init(content: catalog.content)).check().findings.filter { $0.rule == ToolRules.teamStarts }
        #expect(findings.map(\.message) == [
            "`holdstart` står sammen med `optag: løbende`; skriv `optag: faste-hold`, hvis holdene starter på faste datoer"])
        #expect(findings.first?.location.file.hasSuffix("testby/a.md") == true)
    }

    @Test("`optag: faste-hold` with no team start warns at `optag`: the page cannot say when the next team starts")
    func fixedTeamsWithoutStarts() throws {
        let none = Self.teams.replacingOccurrences(of: "holdstart: [2027-08-16, 2026-09-01, 2027-02-01]\n", with: "")
        #expect(none != Self.teams)
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": none, "testby/b.md": Self.teams])
        defer { catalog.remove() }
        let findings = try Pipeline(options: .init(content: catalog.content)).check().findings.filter { $0.rule == ToolRules.teamStarts }
        #expect(findings.map(\.message) == [
            "`optag` er `faste-hold`, men `holdstart` nævner ingen datoer, så siden viser ikke, hvornår næste hold starter"])
        let line = try #require(none.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("optag:") }) + 1
        #expect(findings.first?.location.file.hasSuffix("testby/a.md") == true && findings.first?.location.line == line)
    }

    @Test("a team start that is not a date is refused at its line, naming the key, in Danish")
    func wrongTeamStart() throws {
        let text = Self.teams.replacingOccurrences(of: "[2027-08-16, 2026-09-01, 2027-02-01]", with: "[snart]")
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("holdstart") }) + 1
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality, "testby/a.md": text])
        let error = try #require(errors.first { $0.message.contains("`holdstart`") }, "\(errors)")
        #expect(error.message == "`holdstart` skal være en liste med datoer (ÅÅÅÅ-MM-DD), fx [2027-02-01, 2027-08-16], men der står `snart`")
        #expect(error.location.line == line)
        let twice = try loadErrors(["testby/kommune.yml": validMunicipality,
                                    "testby/a.md": Self.teams.replacingOccurrences(of: "2026-09-01", with: "2027-02-01")])
        #expect(twice.map(\.message) == ["`2027-02-01` står to gange i `holdstart`"])
    }

    @Test("katalog new offers team starts and places as comments after `optag`")
    func scaffoldOffersTeams() {
        let text = Scaffold.module(.sygdomsmestring, nil, updated: "2026-10-01")
        #expect(text.contains("\n# holdstart: [2027-02-01, 2027-08-16]   # ") && text.contains("\n# pladser-pr-hold: 12   # "))
        let optag = text.range(of: "\noptag:")!, holdstart = text.range(of: "\n# holdstart:")!
        #expect(optag.lowerBound < holdstart.lowerBound)
    }

    @Test("katalog explain HOLDSTART explains the warning and points to an example module with team starts")
    func explainTeamStarts() {
        let console = Console(capture: true)
        #expect(Katalog.run(["explain", "HOLDSTART", "--content", exampleContent], console: console) == 0)
        #expect(console.output.contains("Holdstarter i `holdstart`, der er gået, vises ikke på siden."))
        #expect(console.output.contains("Eksempel, der opfylder reglen: \(exampleContent)/fjordby/diabetesskolen.md"), "\(console.output)")
    }

    static let calendarModule = Self.teams
        .replacingOccurrences(of: "titel: Træning på hold", with: "titel: 'Træning; på hold, for dig med KOL \\ hjertesygdom og ældre'")
        + "\n"

    static func calendarCatalog() throws -> TempCatalog {
        let place = "steder:\n  - navn: Sundhedshuset, sal 2; indgang B\n    adresse: Havnevej 2\n    postnummer: \"9990\"\n    by: Testby\n"
        return try TempCatalog(["testby/kommune.yml": validMunicipality,
                                "testby/a.md": Self.calendarModule.replacingOccurrences(of: "opdateret:", with: place + "opdateret:"),
                                "testby/b.md": validModule(titel: "Træning uden hold"),
                                "andeby/kommune.yml": "navn: Andeby Kommune\nkommunekode: \"0998\"\neksempeldata: true\n",
                                "andeby/c.md": validModule(titel: "Træning i Andeby")])
    }

    @Test("each municipality with team starts gets an iCalendar feed of its starts from today on, linked from its page, byte-identical on rebuild")
    func calendar() throws {
        let catalog = try Self.calendarCatalog()
        defer { catalog.remove() }
        let build = { (output: String) in
            catalog.run(["build", "--content", catalog.content, "--output", output, "--templates", templates, "--allow-errors",
                         "--base-url", "https://sundhed.testby.dk/"]).code
        }
        #expect(build(catalog.output) == 0)
        let bytes = try #require(FileManager.default.contents(atPath: catalog.output + "/eksport/testby.ics"))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!FileManager.default.fileExists(atPath: catalog.output + "/eksport/andeby.ics"), "no team starts, no calendar")
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.last == "" && lines.dropLast().allSatisfy { !$0.contains("\n") && !$0.contains("\r") && $0.utf8.count <= 75 })
        #expect(text.components(separatedBy: "BEGIN:VEVENT").count == 3, "two starts to come; the one in 2026 has passed")
        #expect(text.contains("UID:holdstart-20270201-testby-a@tilbudskatalog\r\nDTSTAMP:20261001T000000Z\r\nDTSTART;VALUE=DATE:20270201\r\n"))
        #expect(!text.contains("20260901"))
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:Holdstart: Træning\\; på hold\\, for dig med KOL \\\\ hjertesygdom og ældre\r\n"), "\(unfolded)")
        #expect(unfolded.contains("LOCATION:Sundhedshuset\\, sal 2\\; indgang B\\, Havnevej 2\\, 9990 Testby\r\n"))
        #expect(unfolded.contains("\\nPladser på holdet: 12.\\nLæs mere: https://sundhed.testby.dk/testby/a.html\r\n"))
        #expect(unfolded.contains("URL:https://sundhed.testby.dk/testby/a.html\r\n"))
        #expect(text != unfolded, "the long lines are folded")

        let page = try String(contentsOfFile: catalog.output + "/testby/index.html", encoding: .utf8)
        #expect(page.contains("<a href=\"../eksport/testby.ics\">Holdstarter i Testby Kommune som kalender</a>"))
        let other = try String(contentsOfFile: catalog.output + "/andeby/index.html", encoding: .utf8)
        #expect(!other.contains(".ics"))

        let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/validate_exports.py", catalog.output])
        #expect(status == 0 && report.contains("ics=1 events=2"), "icalendar: \(report)")
        let again = catalog.root.appendingPathComponent("Site2").path
        #expect(build(again) == 0)
        #expect(FileManager.default.contents(atPath: again + "/eksport/testby.ics") == bytes, "repeat builds are byte-identical")
    }

    @Test("iCalendar text is escaped (\\ ; , newline), control characters dropped, and lines folded at 75 octets, never inside a character")
    func calendarText() {
        #expect(ICalendar.escape("a,b;c\\d\ne\u{7}f") == "a\\,b\\;c\\\\d\\ne" + "f")
        let line = "DESCRIPTION:" + String(repeating: "æøå ", count: 40)
        let folded = ICalendar.fold(line)
        let parts = folded.components(separatedBy: "\r\n")
        #expect(parts.count > 2 && parts.allSatisfy { $0.utf8.count <= 75 } && parts.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(parts.first.map { $0.utf8.count >= 74 } == true, "a line is filled before it is folded")
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
        #expect(ICalendar.fold("SUMMARY:kort") == "SUMMARY:kort")
    }

    @Test("a control character in a module with team starts is refused at load; the preview's calendar holds none and validates")
    func calendarControlCharacters() throws {
        let text = Self.teams.replacingOccurrences(of: "resume: Du træner med andre to gange om ugen.", with: "resume: \"Du træner\\x1b[31m\"")
            .replacingOccurrences(of: "opdateret:", with: "steder:\n  - navn: \"Sal\\x07 2\"\n    by: Testby\nopdateret:")
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality, "testby/a.md": text])
        #expect(errors.contains { $0.message.contains("`resume` indeholder et usynligt styretegn") }, "\(errors)")
        #expect(errors.contains { $0.message.contains("`navn` indeholder et usynligt styretegn") }, "\(errors)")
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": text])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let ics = String(decoding: try #require(FileManager.default.contents(atPath: catalog.output + "/eksport/testby.ics")), as: UTF8.self)
        #expect(ics.contains("DTSTART;VALUE=DATE:20270201") && !ics.contains("DESCRIPTION:\r\n"))
        #expect(!ics.unicodeScalars.contains { $0.value < 0x20 && $0 != "\r" && $0 != "\n" })
        let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/validate_exports.py", catalog.output])
        #expect(status == 0, "\(report)")
    }

    @Test("a subsidy and medication handed out are shown and exported when stated; an unstated price stays \"Kontakt os om prisen\"")
    func subsidyAndMedication() throws {
        let subsidised = validModule(extra: "tilskud: Du kan få tilskud til rygestopmedicin i op til 8 uger.\nmedicin-udleveres: true")
        let without = validModule(titel: "Træning uden pris", extra: "medicin-udleveres: false")
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": subsidised, "testby/b.md": without,
                                       "testby/c.md": validModule(titel: "Træning for alle")])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let page = try String(contentsOfFile: catalog.output + "/testby/a.html", encoding: .utf8)
        #expect(page.contains("<dt>Pris</dt><dd>Kontakt os om prisen</dd>"), "a subsidy is not a price")
        #expect(page.contains("<dt>Tilskud</dt><dd>Du kan få tilskud til rygestopmedicin i op til 8 uger.</dd>"))
        #expect(page.contains("<dt>Medicin</dt><dd>Du får medicinen udleveret her.</dd>"))
        let other = try String(contentsOfFile: catalog.output + "/testby/b.html", encoding: .utf8)
        #expect(other.contains("<dt>Medicin</dt><dd>Medicinen udleveres ikke her.</dd>") && !other.contains("Tilskud"))
        let plain = try String(contentsOfFile: catalog.output + "/testby/c.html", encoding: .utf8)
        #expect(!plain.contains("Tilskud") && !plain.contains("<dt>Medicin</dt>"))
        let records = Exporter().records(try catalog.load())
        #expect(records.map { $0["tilskud"] } == [.text("Du kan få tilskud til rygestopmedicin i op til 8 uger."), .text(nil), .text(nil)])
        #expect(records.map { $0["medicin_udleveres"] } == [.flag(true), .flag(false), .flag(nil)])
        #expect(records.map { $0["pris"] } == [.text(nil), .text(nil), .text(nil)] && records.allSatisfy { $0["gratis"] == .flag(nil) })
        let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/validate_exports.py", catalog.output])
        #expect(status == 0, "\(report)")
        let nicotine = Scaffold.module(.nikotinafvaenning, nil, updated: "2026-10-01")
        #expect(nicotine.contains("\n# tilskud: ") && nicotine.contains("\n# medicin-udleveres: true   # "))
        #expect(!Scaffold.module(.alkohol, nil, updated: "2026-10-01").contains("# tilskud:"))
    }
}
