import Foundation
import KatalogCore
import KatalogSupport
@testable import KatalogExport
import KatalogLoad
import KatalogSite
import Testing

/// Follow-up after the course (`afslutning.opfølgning`, issue 18), which counts for K-3.5-4: shown
/// in Danish on the module page and the GP page, and exported in SOFT.
@Suite("Follow-up after the course")
struct FollowUpTests {
    static let followedUp = validModule(extra: """
        afslutning:
          opfølgning:
            - efter-måneder: 3
              hvad: Holdet mødes igen og taler om, hvordan det går.
            - efter-måneder: 12
            - efter-uger: 1
              hvad: En telefonsamtale.
        """)

    @Test("stated follow-ups are shown on the module and GP pages and exported in SOFT; a module without any shows and exports none")
    func followUps() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": Self.followedUp,
                                       "testby/b.md": validModule(titel: "Træning for alle")])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let page = try String(contentsOfFile: catalog.output + "/testby/a.html", encoding: .utf8)
        #expect(page.contains("""
            <h2 id="opfoelgning">Opfølgning efter forløbet</h2>
            <ul><li>3 måneder efter forløbet: Holdet mødes igen og taler om, hvordan det går.</li>\
            <li>12 måneder efter forløbet.</li><li>1 uge efter forløbet: En telefonsamtale.</li></ul>
            """), "\(page)")
        let other = try String(contentsOfFile: catalog.output + "/testby/b.html", encoding: .utf8)
        #expect(!other.contains("Opfølgning efter forløbet"))
        let doctors = try String(contentsOfFile: catalog.output + "/testby/for-laeger.html", encoding: .utf8)
        #expect(doctors.contains("<td class=\"noprint\"><span class=\"cell-label\">Opfølgning: </span>"
            + "3 måneder efter forløbet; 12 måneder efter forløbet; 1 uge efter forløbet.</td>"), "\(doctors)")

        let records = Exporter().records(try catalog.load())
        #expect(records.map { $0["opfølgning"] == .followUps([]) } == [false, true])
        let json = String(decoding: FileManager.default.contents(atPath: catalog.output + "/eksport/soft.json") ?? Data(), as: UTF8.self)
        #expect(json.contains("\"efter_måneder\" : \"3\"") && json.contains("\"hvad\" : \"Holdet mødes igen og taler om, hvordan det går.\""))
        #expect(json.contains("\"opfølgning\" : null"), "none stated is null: \(json)")
        let csv = String(decoding: FileManager.default.contents(atPath: catalog.output + "/eksport/soft.csv") ?? Data(), as: UTF8.self)
        #expect(csv.contains("3 måneder efter forløbet: Holdet mødes igen og taler om, hvordan det går. | 12 måneder efter forløbet."))
        let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/validate_exports.py", catalog.output])
        #expect(status == 0, "SOFT JSON Schema: \(report)")
    }
}
