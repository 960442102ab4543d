import Foundation
import KatalogCLI
import KatalogCore
import KatalogSupport
import KatalogLoad
import Testing

@Suite("Safety: nothing from outside the catalog reaches the site")
struct ContainmentTests {
    @Test("a folder link inside a municipality folder cannot smuggle /etc/passwd into the site")
    func folderLinkInsideMunicipality() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality,
                                       "testby/a.md": validModule() + "\n\n[a](up/etc/passwd) og [b](up/proc/self/environ) og [c](ud/hemmelig.pdf)"])
        defer { catalog.remove() }
        try FileManager.default.createSymbolicLink(atPath: catalog.content + "/testby/up", withDestinationPath: "../../../../../../../..")
        try Data("%PDF-1.4".utf8).write(to: catalog.root.appendingPathComponent("hemmelig.pdf"))
        try FileManager.default.createSymbolicLink(atPath: catalog.content + "/testby/ud", withDestinationPath: catalog.root.path)
        let errors = try loadErrors(catalog)
        // A file of a kind the site never publishes is refused before it is looked for; one
        // it would publish is refused because the path leaves the content folder.
        #expect(errors.map(\.message) == ["linket `up/etc/passwd` peger på en slags fil, webstedet ikke udgiver",
                                          "linket `up/proc/self/environ` peger på en slags fil, webstedet ikke udgiver",
                                          "linket `ud/hemmelig.pdf` peger uden for indholdsmappen (via et symbolsk link)"])
        #expect(errors.allSatisfy { $0.location.line == 21 && $0.location.file.hasSuffix("testby/a.md") })
        #expect(catalog.strictBuild().code == 1)
        // Not even a preview publishes it.
        #expect(catalog.build().code == 0)
        #expect(!FileManager.default.fileExists(atPath: catalog.output + "/testby/up/etc/passwd"))
        #expect(!FileManager.default.fileExists(atPath: catalog.output + "/testby/ud/hemmelig.pdf"))
    }

    @Test("a link to a javascript:, data:, vbscript: or file: address is an error at its line, not an empty link on the page",
          arguments: ["javascript:alert(3)", "JavaScript:alert(3)", "data:text/html,x", "vbscript:x", "file:///etc/passwd"])
    func unsafeScheme(_ destination: String) throws {
        let body = validModule() + "\n\n[Læs mere](https://www.sst.dk/) eller [skriv](mailto:sundhed@testby.dk) eller [ring](tel:+4511223344).\n\n"
            + "[klik her](\(destination))\n"
        let errors = try KatalogTests.loadErrors(["testby/kommune.yml": validMunicipality, "testby/a.md": body])
        let line = body.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("[klik her]") }! + 1
        #expect(errors.count == 1, "\(errors.map(\.message))")
        #expect(errors.first?.rule == "LINK" && errors.first?.location.line == line
                && errors.first?.message.contains("-adresse, som siden ikke viser") == true, "\(errors.map(\.message))")
    }

    @Test("an offer written straight into the content folder is reported, not silently ignored; the catalog's notes are not")
    func offerOutsideAMunicipality() throws {
        let errors = try KatalogTests.loadErrors(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule(),
                                                  "rod.md": validModule(titel: "Forkert sted"), "README.md": "# Vejledning\n",
                                                  "NOTER.md": "Noter om kataloget.\n"])
        #expect(errors.map(\.message) == ["`rod.md` ligger ikke i en kommunemappe, så den læses ikke"], "\(errors.map(\.message))")
        #expect(errors.first?.location.file.hasSuffix("/rod.md") == true)
    }

    @Test("a kommune.yml that is a link to a file outside the content folder is an error")
    func municipalityFileLink() throws {
        let catalog = try TempCatalog(["testby/a.md": validModule()])
        defer { catalog.remove() }
        try validMunicipality.write(toFile: catalog.root.path + "/hemmelig.yml", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: catalog.content + "/testby/kommune.yml", withDestinationPath: catalog.root.path + "/hemmelig.yml")
        let errors = try loadErrors(catalog)
        #expect(errors.map(\.message) == ["`\(catalog.content)/testby/kommune.yml` er et symbolsk link, der peger uden for indholdsmappen"])
        let check = catalog.run(["check", "--content", catalog.content])
        #expect(check.code != 0, "\(check.console.output)")
    }

    @Test("symbolic links in Templates/ are not followed out of the templates folder")
    func templateLinks() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule()])
        defer { catalog.remove() }
        let own = catalog.root.path + "/Templates"
        try FileManager.default.copyItem(atPath: templates, toPath: own)
        try FileManager.default.createSymbolicLink(atPath: own + "/assets/passwd.txt", withDestinationPath: "/etc/passwd")
        let (code, console) = catalog.run(["build", "--content", catalog.content, "--output", catalog.output, "--templates", own, "--allow-errors"])
        #expect(code == 1)
        #expect(console.errors.contains("Templates/assets/passwd.txt` er et symbolsk link, der peger uden for skabelonmappen"), "\(console.errors)")
        #expect(!FileManager.default.fileExists(atPath: catalog.output + "/assets/passwd.txt"))
    }

    @Test("a linked file must be a regular file under the size limit, which kommune.yml can change")
    func linkedFiles() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality,
                                       "testby/a.md": validModule() + "\n\n[Folder](stor.pdf) og [rør](roer.pdf)"])
        defer { catalog.remove() }
        // 3 GB that take no disk: the loader must refuse it from its size, without reading it.
        let big = catalog.content + "/testby/stor.pdf"
        #expect(FileManager.default.createFile(atPath: big, contents: nil))
        #expect(truncate(big, 3_000_000_000) == 0)
        #expect(mkfifo(catalog.content + "/testby/roer.pdf", 0o644) == 0)
        let start = Date()
        var errors = try loadErrors(catalog)
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(errors.map(\.message) == ["linket `stor.pdf` peger på en fil på 3000 MB; filer må højst fylde 50 MB",
                                          "linket `roer.pdf` peger på noget, der ikke er en almindelig fil"])
        try catalog.write("testby/kommune.yml", validMunicipality + "\nfilgrænse-mb: 4000\n")
        try FileManager.default.removeItem(atPath: catalog.content + "/testby/roer.pdf")
        try catalog.write("testby/a.md", validModule() + "\n\n[Folder](stor.pdf)")
        errors = try loadErrors(catalog)
        #expect(errors.isEmpty, "\(errors)")
    }

    func loadErrors(_ catalog: TempCatalog) throws -> [InputError] {
        do {
            _ = try catalog.load()
            return []
        } catch let error as InputErrors {
            return error.errors
        }
    }
}

@Suite("Safety: content cannot break the outputs")
struct WellFormedTests {
    @Test("YAML escapes for control characters are an error at their line", arguments: ["\\x0c", "\\0", "\\x1b[31m", "\\u0085", "\\x7f", "\\uFFFE"])
    func escapedControls(escape: String) throws {
        let module = validModule().replacingOccurrences(of: "titel: Træning på hold", with: "titel: \"Træning \(escape) på hold\"")
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality, "testby/a.md": module])
        #expect(errors.count == 1)
        #expect(errors.first?.message.hasPrefix("`titel` indeholder et usynligt styretegn (U+") == true, "\(errors)")
        #expect(errors.first?.location.line == 2)
    }

    @Test("a control character in the file itself is an error at its line and column, in Danish")
    func rawControls() throws {
        var errors = try loadErrors(["testby/kommune.yml": validMunicipality,
                                     "testby/a.md": validModule() + "\n\nFarver \u{1B}[31mrød\u{1B}[0m."])
        #expect(errors.map(\.description) == [
            "\(errors.first?.location.file ?? ""):21:8: fejl: linjen indeholder et usynligt styretegn (U+001B), som ikke må stå i filen (slet tegnet; det kommer tit med, når tekst kopieres fra et andet program)",
        ])
        errors = try loadErrors(["testby/kommune.yml": validMunicipality,
                                 "testby/a.md": validModule().replacingOccurrences(of: "resume: Du", with: "resume: \u{0C}Du")])
        #expect(errors.first?.message == "linjen indeholder et usynligt styretegn (U+000C), som ikke må stå i filen")
        #expect(errors.first?.location.line == 3)
        // A tab in the body is fine.
        errors = try loadErrors(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule() + "\n\nTid:\tkl. 10"])
        #expect(errors.isEmpty)
    }

    @Test("a character reference to a control character in the body is an error too")
    func controlReferences() throws {
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule() + "\n\nFarve &#x1b;[31m og &#27;"])
        #expect(errors.map(\.message) == ["teksten indeholder `&#x1b;`, et usynligt styretegn (U+001B)",
                                          "teksten indeholder `&#27;`, et usynligt styretegn (U+001B)"])
    }

    @Test("check --format markdown escapes what content says, so a pull-request comment shows it as text")
    func markdownEscapes() throws {
        let module = validModule().replacingOccurrences(of: "format: [fremmøde]", with: "format: [\"<img src=x onerror=alert(1)>\", \"[klik](https://ondt.example)\", \"x` <b>fed</b> `\"]")
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": module])
        defer { catalog.remove() }
        let output = catalog.run(["check", "--content", catalog.content, "--format", "markdown"]).console.output
        #expect(output.contains("er ikke en af de værdier"), "\(output)")
        #expect(!output.contains("<img"), "\(output)")
        #expect(!output.contains("<b>"), "\(output)")
        #expect(!output.contains("](https://ondt.example)"), "\(output)")
        #expect(output.contains("<code>&lt;img src\\=x onerror\\=alert\\(1\\)&gt;</code>"), "\(output)")
    }

    @Test("--base-url takes only http and https addresses", arguments: ["javascript:alert(1)", "data:text/html,x", "ftp://x.dk/", "//ondt.example", "sundhed.dk", "https://", "https://x.dk/ a"])
    func baseURL(url: String) throws {
        let catalog = try exampleCopy()
        defer { catalog.remove() }
        let build = catalog.run(["build", "--content", catalog.content, "--output", catalog.output, "--templates", templates, "--base-url", url])
        #expect(build.code == 2)
        #expect(build.console.errors.contains("--base-url skal være en webadresse, der starter med https://"), "\(build.console.errors)")
        #expect(!FileManager.default.fileExists(atPath: catalog.output))
        let export = catalog.run(["export", "--format", "atom", "--content", catalog.content, "--base-url", url])
        #expect(export.code == 2)
    }

    @Test("a file name too long for the site's pages is reported by check, in Danish")
    func longFileName() throws {
        let name = String(repeating: "a", count: 249) + ".md"
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/\(name)": validModule()])
        defer { catalog.remove() }
        let check = catalog.run(["check", "--content", catalog.content])
        #expect(check.code != 0)
        #expect(check.console.output.contains("fejl: filnavnet er for langt (249 tegn); brug højst 100 tegn [FIL]"), "\(check.console.output)")
        let build = catalog.build()
        #expect(!build.console.errors.contains("File name too long"), "\(build.console.errors)")
    }

    @Test("kommunekode takes the digits 0-9 only")
    func asciiDigits() throws {
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality.replacingOccurrences(of: "\"0999\"", with: "\"٠٩٩١\""),
                                     "testby/a.md": validModule()])
        #expect(errors.map(\.message) == ["`kommunekode` er `٠٩٩١`, men en kommunekode er fire cifre fra 0 til 9"])
        let console = Console(capture: true)
        #expect(Katalog.run(["init", FileManager.default.temporaryDirectory.path + "/ny-\(UUID())", "--kommune", "X", "--kommunekode", "٠٩٩١"], console: console) == 2)
    }

    @Test("init writes a valid kommune.yml whatever characters the name has")
    func initQuotesTheName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-init-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let name = "Ø-by: \"Nord\" #1 [x] {y} & *z ! | > % @ `q` \\ Kommune"
        let console = Console(capture: true)
        #expect(Katalog.run(["init", folder, "--kommune", name, "--kommunekode", "0999"], console: console) == 0, "\(console.errors)")
        let catalog = try ContentLoader().load(root: folder + "/Content")
        #expect(catalog.municipalities.map(\.name) == [name])
        #expect(Katalog.run(["init", folder + "2", "--kommune", "Ny\u{1B}[2J By", "--kommunekode", "0999"], console: Console(capture: true)) == 2)
    }

    @Test("libyaml's problems are told in Danish with a line", arguments: [
        ("titel: [" + String(repeating: "[", count: 2000), "for dybt indlejrede"),
        ("titel: \"a\nresume: b", "et citationstegn er ikke lukket"),
    ])
    func yamlInDanish(yaml: String, expected: String) throws {
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality, "testby/a.md": "---\n" + yaml + "\n---\nTekst.\n"])
        #expect(errors.first?.message.contains(expected) == true, "\(errors)")
        #expect(errors.allSatisfy { $0.location.line >= 2 })
        #expect(!errors.contains { $0.message.contains("Maximum") || $0.message.contains("found") || $0.message.contains("while") })
    }

    @Test("misuse of the command line is told in Danish and exits 2")
    func argumentsInDanish() throws {
        let folder = FileManager.default.temporaryDirectory.path
        var (code, text) = try katalog(["build", "--ukendt"], in: folder)
        #expect(code == 2)
        #expect(text.contains("fejl: ukendt tilvalg '--ukendt'"), "\(text)")
        (code, text) = try katalog(["init"], in: folder)
        #expect(code == 2)
        #expect(text.contains("fejl: mangler"), "\(text)")
        (code, text) = try katalog(["check", "--format", "pdf"], in: folder)
        #expect(code == 2)
        #expect(text.contains("fejl: værdien 'pdf' passer ikke til '--format"), "\(text)")
        (code, text) = try katalog(["--help"], in: folder)
        #expect(code == 0)
        #expect(text.contains("BRUG:") && text.contains("UNDERKOMMANDOER:") && !text.contains("USAGE:"), "\(text)")
        (code, text) = try katalog(["build", "--help"], in: folder)
        #expect(text.contains("TILVALG:") && text.contains("Vis hjælp") && !text.contains("Show help"), "\(text)")
    }
}
