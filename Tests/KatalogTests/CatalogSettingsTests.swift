import Foundation
import KatalogCLI
import KatalogCore
import KatalogLoad
import Testing

/// `katalog.yml`: the catalog's own settings (whose catalog it is), read as `kommune.yml` is.
@Suite("The catalog's settings (katalog.yml)")
struct CatalogSettingsTests {
    func problems(_ catalog: TempCatalog) throws -> [InputError] {
        do {
            _ = try catalog.load()
            return []
        } catch let error as InputErrors {
            return error.errors
        }
    }

    func page(_ catalog: TempCatalog, _ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: catalog.output + "/" + path) ?? Data(), as: UTF8.self)
    }

    /// The header's owner on a page, or nil when it shows none.
    func owner(_ html: String) -> String? {
        guard let start = html.range(of: "<span class=\"owner\"><span aria-hidden=\"true\"> ·</span> "),
              let end = html[start.upperBound...].range(of: "</span>") else { return nil }
        return String(html[start.upperBound..<end.lowerBound])
    }

    @Test("the header of every page names the owner from katalog.yml; of a catalog of one municipality, that municipality; else no one")
    func ownerInHeader() throws {
        let two = try TempCatalog(["katalog.yml": "ejer: Region Eksempel\n", "testby/kommune.yml": validMunicipality,
                                   "testby/a.md": validModule(),
                                   "andeby/kommune.yml": validMunicipality.replacingOccurrences(of: "Testby", with: "Andeby")
                                       .replacingOccurrences(of: "0999", with: "0998"), "andeby/b.md": validModule()])
        defer { two.remove() }
        #expect(two.build().code == 0)
        for path in ["index.html", "soeg.html", "testby/index.html", "testby/for-laeger.html", "testby/a.html",
                     "kvalitet/index.html"] {
            #expect(owner(page(two, path)) == "Region Eksempel", "\(path)")
        }
        #expect(page(two, "index.html").contains("Forebyggelsestilbud<span class=\"owner\">"))
        // Without the file: two municipalities are no one's catalog in particular.
        try FileManager.default.removeItem(atPath: two.content + "/katalog.yml")
        #expect(two.build().code == 0)
        #expect(owner(page(two, "index.html")) == nil && !page(two, "index.html").contains("class=\"owner\""))
        // One municipality's catalog is that municipality's.
        try FileManager.default.removeItem(atPath: two.content + "/andeby")
        #expect(two.build().code == 0)
        #expect(owner(page(two, "index.html")) == "Testby Kommune")
        #expect(owner(page(two, "testby/for-laeger.html")) == "Testby Kommune")
    }

    @Test("a bad value or an unknown key in katalog.yml is a Danish error at its line, and the rest of the catalog is still checked")
    func badSettings() throws {
        let errors = try loadErrors(["katalog.yml": "# Kataloget\nejr: Region Eksempel\n", "testby/kommune.yml": validMunicipality,
                                     "testby/a.md": validModule(extra: "pris: [1, 2]")])
        let settings = errors.filter { $0.location.file.hasSuffix("/katalog.yml") }
        #expect(settings.map(\.message) == ["ukendt felt `ejr`"], "\(errors.map(\.message))")
        #expect(settings.first?.location.line == 2)
        #expect(settings.first?.hint?.contains("ejer") == true, "\(settings.first?.hint ?? "")")
        #expect(errors.contains { $0.location.file.hasSuffix("testby/a.md") }, "the module is still checked: \(errors.map(\.message))")

        for (text, line) in [("ejer: [Region, Kommune]\n", 1), ("\n\nejer:\n  navn: Region\n", 4), ("ejer: \"  \"\n", 1)] {
            let errors = try loadErrors(["katalog.yml": text, "testby/kommune.yml": validMunicipality, "testby/a.md": validModule()])
            #expect(errors.count == 1 && errors.first?.location.line == line && errors.first?.location.file.hasSuffix("katalog.yml") == true,
                    "\(text): \(errors.map { "\($0.location.line): \($0.message)" })")
        }
        let broken = try loadErrors(["katalog.yml": "ejer: Region: Eksempel: [\n", "testby/kommune.yml": validMunicipality,
                                     "testby/a.md": validModule()])
        #expect(broken.count == 1 && broken.first?.rule == "YAML", "\(broken.map(\.message))")
        // A catalog with a good katalog.yml has no problem with it.
        #expect(try loadErrors(["katalog.yml": "ejer: Region Eksempel\n", "testby/kommune.yml": validMunicipality,
                                "testby/a.md": validModule()]).isEmpty)
    }

    @Test("katalog.yml must be a regular file inside the content folder; a misspelt name is reported, not ignored")
    func containment() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule()])
        defer { catalog.remove() }
        try "ejer: Hemmelig\n".write(toFile: catalog.root.path + "/hemmelig.yml", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: catalog.content + "/katalog.yml", withDestinationPath: catalog.root.path + "/hemmelig.yml")
        var errors = try problems(catalog)
        #expect(errors.map(\.message) == ["`\(catalog.content)/katalog.yml` er et symbolsk link, der peger uden for indholdsmappen"])
        #expect(catalog.build().code == 0)
        #expect(owner(page(catalog, "index.html")) == "Testby Kommune", "the file outside is not read")

        try FileManager.default.removeItem(atPath: catalog.content + "/katalog.yml")
        try FileManager.default.createDirectory(atPath: catalog.content + "/katalog.yml", withIntermediateDirectories: true)
        errors = try problems(catalog)
        #expect(errors.map(\.message) == ["`katalog.yml` er ikke en almindelig fil"], "\(errors.map(\.message))")

        try FileManager.default.removeItem(atPath: catalog.content + "/katalog.yml")
        try catalog.write("Katalog.yaml", "ejer: Region Eksempel\n")
        errors = try problems(catalog)
        #expect(errors.map(\.message) == ["filen `Katalog.yaml` bliver ikke læst"], "\(errors.map(\.message))")
    }

    @Test("the example catalog's katalog.yml is read, and nothing in the content folder is reported")
    func example() throws {
        let loaded = try ContentLoader().read(root: exampleContent)
        #expect(loaded.catalog.owner == "Sundhedsklynge Fjordby-Skovlund (eksempel)")
        #expect(loaded.problems.isEmpty, "\(loaded.problems.map(\.message))")
    }
}
