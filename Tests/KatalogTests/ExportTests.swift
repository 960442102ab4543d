import Foundation
import KatalogCLI
import KatalogCore
@testable import KatalogSupport
@testable import KatalogExport
import KatalogLoad
import Testing

/// Runs a command and returns its exit status and output.
func runTool(_ arguments: [String]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
}

@Suite("Exports for GPs and systems")
struct ExportTests {
    @Test("the example's exports validate with independent tools (fhir.resources, jsonschema, csv, XML)")
    func independentValidation() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-eksport-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        #expect(Katalog.run(["build", "--content", exampleContent, "--output", output, "--templates", templates], console: Console(capture: true)) == 0)
        let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/validate_exports.py", output])
        #expect(status == 0, "validation failed (run script/setup --test):\n\(report)")
        #expect(report.contains("fhir=31 json=31 csv=31 atom=31 danish_rows=31 ics=2 events=39"), "35 team starts of modules and 4 of the course: \(report)")
        let feeds = try FileManager.default.contentsOfDirectory(atPath: output + "/eksport").filter { $0.hasSuffix(".atom") }.sorted()
        #expect(feeds == ["fjordby.atom", "nyt.atom", "skovlund.atom"])
    }

    @Test("a module with no optional fields still exports a valid record, FHIR resource and feed entry")
    func minimalModule() throws {
        let minimal = """
        ---
        titel: Alkohol
        resume: Tal om alkohol.
        indsats: alkohol
        opdateret: 2026-01-02
        ---
        Tekst.
        """
        let catalog = try TempCatalog(["testby/kommune.yml": "navn: Testby Kommune\nkommunekode: \"0999\"\neksempeldata: true\n", "testby/a.md": minimal])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/validate_exports.py", catalog.output])
        #expect(status == 0, "\(report)")
        #expect(report.hasPrefix("fhir=1 json=1 csv=1 atom=1"))
        let record = try #require(Exporter().records(try catalog.load()).first)
        #expect(record["steder"] == .places([]) && record["telefon"] == .code(nil) && record["variant"] == .text(nil) && record["omfang"] == .text(nil))
        #expect(record["fsiii_koder"] == .texts(["924e9828-84cf-4689-9551-0ebb6dc71b98"]), "FSIII default for alkohol")
        let soft = String(decoding: FileManager.default.contents(atPath: catalog.output + "/eksport/soft.json") ?? Data(), as: UTF8.self)
        #expect(soft.contains("\"telefon\" : null"), "absent values are explicit nulls")
    }

    @Test("an offer outside the six interventions has no FSIII code, and its SOFT record still validates against the published schema")
    func outsideTheStandardExports() throws {
        let other = """
        ---
        titel: Sang for lungerne
        resume: Du synger med andre, der har KOL.
        indsats: andet
        opdateret: 2026-10-01
        ---
        Vi synger sammen en gang om ugen.
        """
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/sang.md": other])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/validate_exports.py", catalog.output])
        #expect(status == 0, "\(report)")
        #expect(report.hasPrefix("fhir=1 json=1 csv=1 atom=1"))
        let record = try #require(Exporter().records(try catalog.load()).first)
        #expect(record["fsiii_koder"] == .texts([]), "no FSIII code outside the six")
    }

    @Test("a stated waiting time is shown on the module page and exported as written; an unstated one is neither")
    func waitingTime() throws {
        let stated = validModule(extra: "adgang:\n  egen-henvendelse: true\n  ventetid-uger: 2-6")
            .replacingOccurrences(of: "adgang:\n  egen-henvendelse: true\nform", with: "form")
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": stated,
                                       "testby/b.md": validModule(titel: "Træning uden ventetid")])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let page = try String(contentsOfFile: catalog.output + "/testby/a.html", encoding: .utf8)
        #expect(page.contains("<dt>Ventetid</dt><dd>Typisk 2-6 uger fra henvisning til start.</dd>"))
        let other = try String(contentsOfFile: catalog.output + "/testby/b.html", encoding: .utf8)
        #expect(!other.contains("Ventetid"), "not stated is not shown")
        let records = Exporter().records(try catalog.load())
        #expect(records.map { $0["ventetid_uger"] } == [.text("2-6"), .text(nil)])
        let csv = String(decoding: FileManager.default.contents(atPath: catalog.output + "/eksport/soft.csv") ?? Data(), as: UTF8.self)
        #expect(csv.contains("ventetid_uger"))
        let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/validate_exports.py", catalog.output])
        #expect(status == 0, "\(report)")
        let wrong = try loadErrors(["testby/kommune.yml": validMunicipality,
                                    "testby/a.md": stated.replacingOccurrences(of: "ventetid-uger: 2-6", with: "ventetid-uger: snart")])
        #expect(wrong.map(\.message).contains { $0.contains("adgang.ventetid-uger") }, "\(wrong)")
    }

    @Test("a module with every optional field maps each of them")
    func fullModule() throws {
        let catalog = try ContentLoader.exampleCatalog()
        let fjordby = try #require(catalog.municipalities.first)
        let module = try #require(fjordby.modules.first { $0.slug == "traening-paa-hold" })
        let record = SOFTRecord(module: module, municipality: fjordby, pageURL: "https://x.example/fjordby/traening-paa-hold.html")
        #expect(record["kommunekode"] == .code("0991"))
        #expect(record["variant"] == .text("superviseret-træning"))
        #expect(record["fsiii_navne"] == .texts(["Fysisk træning"]))
        #expect(record["uger"] == .number(8) && record["gange_pr_uge"] == .number(2) && record["minutter"] == .number(60))
        #expect(record["omfang"] == .text("2 gange om ugen i 8 uger, 60 minutter hver gang"))
        #expect(record["modtager_lokationsnummer"] == .code("5790000111114") && record["modtager_sor"] == .code("411111000000001"))
        #expect(record["steder"].map { $0 == .places(module.places) } == true && module.places.first?.line == "Sundhedscenter Fjordby, Havnegade 12, 9990 Fjordby")
        #expect(record["gratis"] == .flag(true) && record["egen_henvendelse"] == .flag(true) && record["direkte_adgang"] != .flag(true)
                && record["via_afklarende_samtale"] == .flag(true))
        #expect(record["findes_ikke"] == nil)
        let service = FHIRExport.healthcareService(module, in: fjordby, pageURL: "https://x.example/fjordby/traening-paa-hold.html").rendered()
        #expect(service.contains("\"code\" : \"ab87c0b5-40be-4e0a-b749-d9f833bfed2d\""))
        #expect(service.contains("\"system\" : \"urn:oid:1.2.208.176.2.21\""))
        #expect(service.contains("\"system\" : \"urn:oid:1.2.208.176.1.1\""), "providedBy: the receiving unit by its SOR")
        #expect(FHIRExport.municipalityOrganization(fjordby).rendered()
            .contains("\"system\" : \"http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes\""))
        #expect(service.contains("\"code\" : \"R95\""), "KOL carries its ICPC-2 code")
        #expect(service.contains("\"reference\" : \"#sted-1\""))
        #expect(service.contains("\"code\" : \"free\""))
    }

    @Test("CSV quotes separators and quotes, and defuses formulas")
    func csv() {
        let text = CSV.document(header: ["a", "b"], lines: [["x;y", "sagde \"hej\""], ["=SUM(A1)", "+45 12"]].map(CSV.line))
        #expect(text == "\u{FEFF}a;b\r\n\"x;y\";\"sagde \"\"hej\"\"\"\r\n'=SUM(A1);'+45 12\r\n")
        let cells = [" foran", "bagved ", "-5", "@navn", "", "linje\nto", "komma, her", "\tfane", "æøå", "- sidst "]
        #expect(cells.map(CSV.field) == ["\" foran\"", "\"bagved \"", "'-5", "'@navn", "", "\"linje\nto\"", "\"komma, her\"",
                                         "'\tfane", "æøå", "\"'- sidst \""])
    }

    @Test("each module page carries schema.org JSON-LD that cannot close its script element")
    func jsonLD() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality,
                                       "testby/a.md": validModule(titel: "\"</script><script>alert(1)</script>\"")])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let page = String(decoding: FileManager.default.contents(atPath: catalog.output + "/testby/a.html") ?? Data(), as: UTF8.self)
        let start = try #require(page.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let json = String(page[start.upperBound..<end.lowerBound])
        #expect(!json.contains("<"))
        let webPage = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(webPage["@type"] as? String == "WebPage" && webPage["inLanguage"] as? String == "da"
                && webPage["dateModified"] as? String == "2026-10-01")
        let object = try #require(webPage["mainEntity"] as? [String: Any])
        #expect(object["@type"] as? String == "GovernmentService")
        #expect(object["name"] as? String == "</script><script>alert(1)</script>")
        #expect((object["audience"] as? [String: Any])?["@type"] as? String == "PeopleAudience")
        #expect(object["url"] as? String == "../testby/a.html")
        #expect(object["dateModified"] == nil && object["inLanguage"] == nil, "properties of a page, not of a service")
    }

    @Test("katalog export writes one format to stdout or a file; --base-url makes links absolute")
    func exportCommand() throws {
        let console = Console(capture: true)
        #expect(Katalog.run(["export", "--format", "soft-csv", "--content", exampleContent], console: console) == 0)
        #expect(console.output.hasPrefix("\u{FEFF}kommune;kommunekode;modul_id;titel;"))
        #expect(console.output.components(separatedBy: "\r\n").count == 33)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fhir-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(Katalog.run(["export", "--format", "fhir", "--content", exampleContent, "--output", file,
                             "--base-url", "https://sundhed.fjordby.example.dk"], console: console) == 0)
        let fhir = String(decoding: FileManager.default.contents(atPath: file) ?? Data(), as: UTF8.self)
        #expect(fhir.contains("\"value\" : \"https://sundhed.fjordby.example.dk/fjordby/traening-paa-hold.html\""))
        #expect(Katalog.run(["export", "--format", "pdf"], console: Console(capture: true)) == 2)
    }
}

extension ContentLoader {
    static func exampleCatalog() throws -> Catalog { try ContentLoader().load(root: exampleContent) }
}
