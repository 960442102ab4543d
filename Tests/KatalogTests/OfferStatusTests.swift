import Foundation
import KatalogCLI
import KatalogCore
import KatalogSupport
@testable import KatalogExport
import KatalogLoad
import KatalogBuild
import KatalogRules
import KatalogSite
import Testing

/// Whether an offer runs (issue 18): paused, ended on a date or by its status, a time-limited
/// project. Judged as of `DayStamp.today()`, which the tests fix to 2027-01-15.
@Suite("Status and validity")
struct OfferStatusTests {
    static let paused = validModule(titel: "Træning på pause", extra: "status: sat-på-pause")
    static let ended = validModule(titel: "Træning, der sluttede", extra: "gyldig-til: 2027-01-14")
    static let ending = validModule(titel: "Træning, der slutter", extra: "gyldig-til: 2027-01-15\nprojekt: true\nprojekt-slut: 2027-12-31")
    static let plain = validModule(titel: "Træning for alle")

    static func catalog() throws -> TempCatalog {
        try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": paused, "testby/b.md": ended, "testby/c.md": ending,
                         "testby/d.md": plain])
    }

    @Test("a paused or ended offer says so on its page, in lists and on the GP page; an end ahead and a project are facts; else nothing")
    func pages() throws {
        #expect(fixedToday == "2027-01-15" && DayStamp.today() == fixedToday)
        let catalog = try Self.catalog()
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        func page(_ name: String) throws -> String { try String(contentsOfFile: catalog.output + "/testby/\(name)", encoding: .utf8) }
        #expect(try page("a.html").contains("<p class=\"notice\"><strong>Tilbuddet er sat på pause.</strong></p>"))
        #expect(try page("b.html").contains("<p class=\"notice\"><strong>Tilbuddet er ophørt. Det sluttede 14. januar 2027.</strong></p>"))
        let last = try page("c.html")
        #expect(!last.contains("class=\"notice\""), "the last day itself still runs")
        #expect(last.contains("<dt>Slutter</dt><dd>Tilbuddet slutter 15. januar 2027.</dd>"))
        #expect(last.contains("<dt>Projekt</dt><dd>Tilbuddet er et tidsbegrænset projekt, som slutter 31. december 2027.</dd>"))
        let other = try page("d.html")
        for absent in ["class=\"notice\"", "<dt>Slutter</dt>", "<dt>Projekt</dt>", "pause", "ophørt"] {
            #expect(!other.contains(absent), "not stated is not shown: \(absent)")
        }
        let doctors = try page("for-laeger.html")
        #expect(doctors.contains("<td><span class=\"cell-label\">Sådan kommer borgeren i gang: </span>"
            + "<strong>Tilbuddet er sat på pause.</strong> Borgeren kan selv henvende sig.</td>"), "\(doctors)")
        let list = try page("index.html")
        #expect(list.contains("<p><strong>Tilbuddet er ophørt. Det sluttede 14. januar 2027.</strong> Du træner med andre"), "\(list)")
    }

    @Test("SOFT exports the status as of today, the end date and the project; FHIR active is false for a paused or ended offer")
    func exports() throws {
        let catalog = try Self.catalog()
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let loaded = try catalog.load()
        let records = Exporter().records(loaded)
        #expect(records.map { $0["status"] } == [.text("sat-på-pause"), .text("ophørt"), .text(nil), .text(nil)])
        #expect(records.map { $0["gyldig_til"] } == [.date(nil), .date("2027-01-14"), .date("2027-01-15"), .date(nil)])
        #expect(records.map { $0["projekt"] } == [.flag(nil), .flag(nil), .flag(true), .flag(nil)])
        #expect(records.map { $0["projekt_slut"] } == [.date(nil), .date(nil), .date("2027-12-31"), .date(nil)])
        let testby = try #require(loaded.municipalities.first)
        let active = testby.modules.sorted { $0.slug < $1.slug }.map { module in
            FHIRExport.healthcareService(module, in: testby, pageURL: "x.html").rendered().filter { !$0.isWhitespace }
                .contains("\"active\":true")
        }
        #expect(active == [false, false, true, true])
        let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/validate_exports.py", catalog.output])
        #expect(status == 0, "FHIR R4, SOFT JSON Schema: \(report)")
    }

    @Test("GYLDIG warns at the line of a passed `gyldig-til`, at `status: ophørt` and at a passed `projekt-slut`, in Danish")
    func warnings() throws {
        let stopped = validModule(extra: "status: ophørt")
        let projectOver = validModule(extra: "projekt: true\nprojekt-slut: 2026-12-31")
        let projectGoesOn = validModule(extra: "status: aktiv\nprojekt: true\nprojekt-slut: 2026-12-31")
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": Self.ended, "testby/b.md": stopped,
                                       "testby/c.md": projectOver, "testby/d.md": projectGoesOn, "testby/e.md": Self.ending,
                                       "testby/f.md": Self.paused])
        defer { catalog.remove() }
        let findings = try Pipeline(options: .init(content: catalog.content)).check().findings.filter { $0.rule == ToolRules.validity }
            .sorted { $0.location.file < $1.location.file }
        #expect(findings.map(\.message) == [
            "`gyldig-til` er 14. januar 2027, som er gået, så siden viser \"Tilbuddet er ophørt\"",
            "`status` er `ophørt`, så siden viser \"Tilbuddet er ophørt\"",
            "projektet sluttede 31. december 2026 (`projekt-slut`); skriv, om tilbuddet kører videre",
        ])
        let line = { (text: String, key: String) in
            (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(key) } ?? -2) + 1
        }
        #expect(findings.map(\.location.line) == [line(Self.ended, "gyldig-til"), line(stopped, "status"), line(projectOver, "projekt-slut")])
        #expect(findings.map { String($0.location.file.suffix(4)) } == ["a.md", "b.md", "c.md"])
        #expect(findings.allSatisfy { $0.severity == .warning })
        let console = Console(capture: true)
        #expect(Katalog.run(["explain", "GYLDIG", "--content", exampleContent], console: console) == 0)
        #expect(console.output.contains("Er tilbuddet ophørt, så slet filen."), "\(console.output)")
    }

    @Test("an ended offer shows and exports no team start, nor a start after `gyldig-til`, which GYLDIG reports at `holdstart`")
    func teamStartsOfEndedOffers() throws {
        let stopped = validModule(titel: "Hold, der er ophørt", extra: "status: ophørt\noptag: faste-hold\nholdstart: [2027-02-01]")
        let late = validModule(titel: "Hold til marts", extra: "gyldig-til: 2027-03-01\noptag: faste-hold\nholdstart: [2027-02-01, 2027-04-01]")
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": stopped, "testby/b.md": late])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let stoppedPage = try String(contentsOfFile: catalog.output + "/testby/a.html", encoding: .utf8)
        #expect(!stoppedPage.contains("Næste hold") && stoppedPage.contains("Tilbuddet er ophørt."))
        let latePage = try String(contentsOfFile: catalog.output + "/testby/b.html", encoding: .utf8)
        #expect(latePage.contains("<time datetime=\"2027-02-01\">") && !latePage.contains("2027-04-01") && !latePage.contains("april 2027"))
        let records = Exporter().records(try catalog.load())
        #expect(records.map { $0["holdstart"] } == [.statedTexts([]), .statedTexts(["2027-02-01"])])
        let calendar = try String(contentsOfFile: catalog.output + "/eksport/testby.ics", encoding: .utf8)
        #expect(calendar.components(separatedBy: "BEGIN:VEVENT").count == 2, "one start, of the offer that runs: \(calendar)")
        let findings = try Pipeline(options: .init(content: catalog.content)).check().findings
        let validity = findings.filter { $0.rule == ToolRules.validity }.sorted { $0.location.file < $1.location.file }
        #expect(validity.map(\.message) == ["`status` er `ophørt`, så siden viser \"Tilbuddet er ophørt\"",
                                            "holdstarten 1. april 2027 ligger efter `gyldig-til` (1. marts 2027), så den vises ikke"])
        let line = (late.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("holdstart") } ?? -2) + 1
        #expect(validity.last?.location.line == line)
        #expect(findings.filter { $0.rule == ToolRules.teamStarts }.isEmpty, "HOLDSTART says nothing untrue about starts that lie ahead")
    }

    @Test("an end date that is not a date, or a status the vocabulary does not know, is reported at its line naming the key")
    func wrongValues() throws {
        let text = validModule(extra: "gyldig-til: til sommer")
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality, "testby/a.md": text])
        let error = try #require(errors.first { $0.message.contains("`gyldig-til`") }, "\(errors)")
        #expect(error.message == "`gyldig-til` skal være en dato (ÅÅÅÅ-MM-DD), men der står `til sommer`")
        #expect(error.location.line == text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("gyldig") }! + 1)
        let unknown = validModule(extra: "status: måske")
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": unknown])
        defer { catalog.remove() }
        let findings = try Pipeline(options: .init(content: catalog.content)).check().findings.filter { $0.message.contains("`status`") }
        #expect(findings.contains { $0.message.contains("måske") }, "\(findings.map(\.message))")
    }

    @Test("katalog new offers status, gyldig-til, projekt and projekt-slut as comments")
    func scaffold() throws {
        let text = Scaffold.module(.sygdomsmestring, nil, updated: "2026-10-01")
        for line in ["\n# status: sat-på-pause   # ", "\n# gyldig-til: 2027-06-30   # ", "\n# projekt: true   # ", "\n# projekt-slut: 2027-12-31"] {
            #expect(text.contains(line), "\(line)")
        }
    }
}
