import Foundation
import KatalogCLI
import KatalogCore
import KatalogSupport
import KatalogSite
import KatalogLoad
import Testing

@Suite("schema.org JSON-LD as consumers read it")
struct StructuredDataTests {
    @Test("each module page is a WebPage whose mainEntity is the GovernmentService, every property its type's (extruct, pyld)")
    func validates() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-ld-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        #expect(Katalog.run(["build", "--content", exampleContent, "--output", output, "--templates", templates],
                            console: Console(capture: true)) == 0)
        let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/validate_jsonld.py", output])
        #expect(status == 0 && report.contains("jsonld pages=32 services=32"), "run script/setup --test (pyld, extruct):\n\(report)")
        // The check fails on what the pages had before: dateModified on the service.
        let path = output + "/fjordby/traening-paa-hold.html"
        let page = try String(contentsOfFile: path, encoding: .utf8)
        let old = "\"@type\" : \"GovernmentService\","
        #expect(page.contains(old))
        try page.replacingOccurrences(of: old, with: old + " \"dateModified\" : \"2026-10-01\",").write(toFile: path, atomically: true,
                                                                                                      encoding: .utf8)
        let (broken, why) = try runTool(["python3", repositoryRoot + "/Tests/tools/validate_jsonld.py", output])
        #expect(broken != 0 && why.contains("dateModified is not a property of GovernmentService"), "\(why)")
    }

    @Test("the service names the GP's referral channel and the at-risk audience only as kommune.yml and the module state them")
    func referralAndAudience() throws {
        let catalog = try ContentLoader.exampleCatalog()
        let fjordby = try #require(catalog.municipalities.first)
        let training = try #require(fjordby.modules.first { $0.slug == "traening-paa-hold" })
        let ld = JSONLD.page(training, in: fjordby, pageURL: "https://x.example/a.html").rendered()
        #expect(ld.contains("\"name\" : \"Henvisning fra læge (MedCom XREF15)\"") && ld.contains("\"contactType\" : \"Læger og andre fagpersoner\""))
        #expect(ld.contains("Borgeren bliver kontaktet inden for 5 hverdage efter henvisningen."))
        #expect(ld.contains("Også borgere uden kronisk sygdom"), "traening-paa-hold says i-risiko: true")
        let testby = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule()])
        defer { testby.remove() }
        let bare = try #require(try testby.load().municipalities.first)
        let plain = JSONLD.page(bare.modules[0], in: bare, pageURL: "a.html").rendered()
        #expect(!plain.contains("XREF15") && !plain.contains("Også borgere"), "not stated is not claimed: \(plain)")
    }
}
