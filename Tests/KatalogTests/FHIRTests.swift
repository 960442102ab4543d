import Foundation
import KatalogCLI
import KatalogCore
import KatalogSupport
@testable import KatalogExport
import KatalogLoad
import Testing

@Suite("FHIR as DK Core and MedCom describe it")
struct FHIRTests {
    func bundle(_ path: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try #require(object["entry"] as? [[String: Any]]).compactMap { $0["resource"] as? [String: Any] }
    }

    @Test("the receiving unit is an Organization with SOR and EAN, part of the municipality's, and provides every service")
    func organisations() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-fhir-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        #expect(Katalog.run(["build", "--content", exampleContent, "--output", output, "--templates", templates,
                             "--base-url", "https://sundhed.fjordby.example.dk"], console: Console(capture: true)) == 0)
        let resources = try bundle(output + "/eksport/fhir-healthcareservices.json")
        let organisations = resources.filter { $0["resourceType"] as? String == "Organization" }
        #expect(organisations.count == 4, "each municipality and its receiving unit")
        let receiver = try #require(organisations.first { $0["id"] as? String == "modtager-fjordby" })
        let identifiers = try #require(receiver["identifier"] as? [[String: String]])
        #expect(identifiers.contains { $0["system"] == "urn:oid:1.2.208.176.1.1" && $0["value"] == "411111000000001" })
        #expect(identifiers.contains { $0["system"] == "http://www.gs1.org/gln" && $0["value"] == "5790000111114" })
        let service = try #require(resources.first { $0["id"] as? String == "fjordby-traening-paa-hold" })
        let providedBy = try #require(service["providedBy"] as? [String: Any])
        #expect(providedBy["display"] as? String == "Sundhedscenter Fjordby")
        let telecom = try #require(service["telecom"] as? [[String: String]])
        #expect(telecom.contains { $0["system"] == "url" && $0["value"] == "https://sundhed.fjordby.example.dk/fjordby/traening-paa-hold.html" })
        let characteristic = try #require(service["characteristic"] as? [[String: Any]])
        #expect("\(characteristic)".contains("2865f123-15a7-4a36-a514-32ea37c400ca"), "KL's code for Gruppebaseret indsats")
        #expect((service["extraDetails"] as? String)?.contains("Skriv dette i henvisningen:") == true)
        #expect("\(service["eligibility"] ?? "")".contains("Også for borgere uden kronisk sygdom"), "i-risiko: true")
        let conversation = try #require(resources.first { $0["id"] as? String == "fjordby-afklarende-samtale" })
        #expect(!"\(conversation["eligibility"] ?? "")".contains("Også for borgere"), "not stated, not claimed")
        let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/validate_exports.py", output])
        #expect(status == 0, "\(report)")
    }

    @Test("without --base-url the services carry no link (a relative one would 404 from eksport/)")
    func noRelativeLinks() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule()])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let text = try String(contentsOfFile: catalog.output + "/eksport/fhir-healthcareservices.json", encoding: .utf8)
        #expect(!text.contains("\"url\"") && !text.contains("testby/a.html"), "\(text)")
        let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/validate_exports.py", catalog.output])
        #expect(status == 0, "\(report)")
    }

    @Test("katalog export without --base-url says in Danish that its links are relative to eksport/; with it, nothing")
    func exportNote() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule()])
        defer { catalog.remove() }
        let plain = catalog.run(["export", "--format", "soft-json", "--content", catalog.content])
        #expect(plain.code == 0 && plain.console.errors.contains("uden --base-url er links relative til mappen eksport/"))
        #expect(plain.console.output.contains("\"side\" : \"../testby/a.html\""), "relative to eksport/, where the file lies")
        let absolute = catalog.run(["export", "--format", "soft-json", "--content", catalog.content, "--base-url", "https://sundhed.testby.dk"])
        #expect(absolute.code == 0 && !absolute.console.errors.contains("--base-url"))
        #expect(absolute.console.output.contains("\"side\" : \"https://sundhed.testby.dk/testby/a.html\""))
    }

    @Test("a long file name gives a FHIR id of at most 64 characters, stable and unique")
    func longIDs() throws {
        let long = String(repeating: "traening-for-borgere-med-kol-", count: 3)
        #expect(FHIRExport.id("testby/\(long)a").count == 64 && FHIRExport.id("testby/\(long)a") == FHIRExport.id("testby/\(long)a"))
        #expect(FHIRExport.id("testby/\(long)a") != FHIRExport.id("testby/\(long)b"))
        #expect(FHIRExport.id("testby/kort") == "testby-kort" && FHIRExport.id("æ/ø") == "-----")
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/\(long)a.md": validModule(),
                                       "testby/\(long)b.md": validModule(titel: "Træning b")])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/validate_exports.py", catalog.output])
        #expect(status == 0, "\(report)")
    }

    @Test("the rule checks fail on a bundle that breaks them (an id over 64 characters, a bad GLN, a relative link)")
    func checksCanFail() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-fhir-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        #expect(Katalog.run(["build", "--content", exampleContent, "--output", output, "--templates", templates,
                             "--base-url", "https://sundhed.fjordby.example.dk"], console: Console(capture: true)) == 0)
        let path = output + "/eksport/fhir-healthcareservices.json"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let breakages = [
            ("\"id\" : \"fjordby-traening-paa-hold\"", "\"id\" : \"\(String(repeating: "x", count: 65))\"", "R4 id rule"),
            ("\"value\" : \"5790000111114\"", "\"value\" : \"5790000111111\"", "gln-modulus-10"),
            ("\"value\" : \"https://sundhed.fjordby.example.dk/fjordby/traening-paa-hold.html\"",
             "\"value\" : \"fjordby/traening-paa-hold.html\"", "relative url"),
            ("\"value\" : \"411111000000001\"", "\"value\" : \"4111\"", "min-digits-sor"),
        ]
        for (old, new, rule) in breakages {
            #expect(original.contains(old), "\(old)")
            try original.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
            let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/validate_exports.py", output])
            #expect(status != 0 && report.contains(rule), "\(rule): \(report)")
        }
    }
}
