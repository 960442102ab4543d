import Foundation
import KatalogCLI
import KatalogCore
import KatalogSupport
@testable import KatalogExport
import KatalogLoad
import Testing

@Suite("Atom feeds a GP practice can follow")
struct FeedTests {
    func atom(_ catalog: TempCatalog, _ arguments: [String] = []) -> String {
        let (code, console) = catalog.run(["export", "--format", "atom", "--content", catalog.content] + arguments)
        #expect(code == 0, "\(console.errors)")
        return console.output
    }

    func ids(_ feed: String) -> [String] {
        feed.components(separatedBy: "<id>").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    @Test("feed and entry ids are unique per deployment: the site's URLs with --base-url, else UUIDs of kommunekode and module")
    func uniqueIDs() throws {
        let first = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule()])
        let other = try TempCatalog(["testby/kommune.yml": validMunicipality.replacingOccurrences(of: "0999", with: "0998"),
                                     "testby/a.md": validModule()])
        defer { first.remove(); other.remove() }
        let plain = ids(atom(first)), otherPlain = ids(atom(other))
        #expect(plain.count == 2 && plain.allSatisfy { $0.hasPrefix("urn:uuid:") }, "\(plain)")
        #expect(Set(plain).isDisjoint(with: otherPlain), "two municipalities that deploy the tool share no id")
        #expect(plain == ids(atom(first)), "stable")
        let deployed = ids(atom(first, ["--base-url", "https://sundhed.testby.dk"]))
        #expect(deployed == ["https://sundhed.testby.dk/eksport/nyt.atom", "https://sundhed.testby.dk/testby/a.html"])
        #expect(!atom(first).contains("urn:tilbudskatalog"))
    }

    @Test("an entry is updated when the offer changed (ændret), not when it was reviewed again; published and a Danish summary as stated")
    func changes() throws {
        let changed = validModule(extra: "oprettet: 2025-03-01\nændret: 2026-09-01\nændring: Nye holdstarter i foråret.")
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": changed,
                                       "testby/b.md": validModule(titel: "Træning om aftenen")])
        defer { catalog.remove() }
        let before = atom(catalog)
        #expect(before.contains("<published>2025-03-01T00:00:00Z</published>\n    <updated>2026-09-01T00:00:00Z</updated>"), "\(before)")
        #expect(before.contains("<summary>Ændret 1. september 2026. Nye holdstarter i foråret. Du træner med andre to gange om ugen.</summary>"))
        // b states no change: its updated is its review date, it has no published, and its summary claims no change.
        let b = try #require(before.components(separatedBy: "<entry>").first { $0.contains("Træning om aftenen") })
        #expect(b.contains("<updated>2026-10-01T00:00:00Z</updated>") && !b.contains("<published>") && !b.contains("Ændret"), "\(b)")
        #expect(before.range(of: "Træning om aftenen")!.lowerBound < before.range(of: "Træning på hold")!.lowerBound,
                "most recently changed first: b (2026-10-01) before a (2026-09-01)")
        // A re-review bumps `opdateret` only: a's entry is unchanged.
        try catalog.write("testby/a.md", changed.replacingOccurrences(of: "opdateret: 2026-10-01", with: "opdateret: 2026-11-20"))
        let after = atom(catalog)
        let entryA = { (feed: String) in feed.components(separatedBy: "<entry>").first { $0.contains("Træning på hold") } }
        #expect(entryA(after) == entryA(before))
        let (status, report) = try runTool(["python3", "-c", """
            import feedparser
            d = feedparser.parse(\(String(reflecting: after)))
            assert not d.bozo, d.bozo_exception
            assert all(e.id and e.updated for e in d.entries), d.entries
            print(len(d.entries), d.entries[1].published)
            """])
        #expect(status == 0 && report.contains("2 2025-03-01T00:00:00Z"), "feedparser: \(report)")
    }
}
