import Foundation
import KatalogCLI
import KatalogBuild
import KatalogCore
import KatalogSupport
import KatalogLoad
import KatalogRules
import KatalogWrite
import Testing

/// What a hostile test of the safety and verdict work found, each case kept as a test.
@Suite("Hostile cases: the output folder", .serialized)
struct HostileOutputTests {
    @Test("a file added to the old site while a build runs is not deleted by the swap")
    func fileAddedDuringBuild() throws {
        let catalog = try exampleCopy()
        defer { catalog.remove() }
        #expect(catalog.run(["build", "--content", catalog.content, "--output", catalog.output, "--templates", templates]).code == 0)
        let staging = try SiteWriter(output: catalog.output, protecting: [catalog.content, templates]).begin()
        try staging.write("index.html", Data("ny".utf8))
        try "min egen".write(toFile: catalog.output + "/CNAME", atomically: true, encoding: .utf8)
        #expect(throws: SiteWriter.Failure.self) { try staging.commit() }
        #expect(try String(contentsOfFile: catalog.output + "/CNAME", encoding: .utf8) == "min egen")
        #expect(FileManager.default.fileExists(atPath: catalog.output + "/fjordby/index.html"), "the old site is back in place")
    }

    @Test("an incremental rebuild never writes over a file the session did not write, nor through a link")
    func inPlaceWrites() throws {
        let work = try Workspace()
        defer { work.remove() }
        _ = try work.session.build()
        // A page of the user's own where a new module's page would go.
        try "brugerens side".write(toFile: work.output + "/fjordby/nyt.html", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: work.content + "/fjordby/traening-paa-hold.md", toPath: work.content + "/fjordby/nyt.md")
        #expect(throws: Pipeline.Failure.self) { try work.session.build(incremental: true) }
        #expect(try String(contentsOfFile: work.output + "/fjordby/nyt.html", encoding: .utf8) == "brugerens side")
        // The next build is a complete one, which refuses a folder with a file it did not make.
        #expect(throws: Pipeline.Failure.self) { try work.session.build(incremental: true) }
        try FileManager.default.removeItem(atPath: work.output + "/fjordby/nyt.html")
        _ = try work.session.build(incremental: true)

        // A folder of the site replaced by a link to a folder elsewhere.
        let victim = work.root.appendingPathComponent("offer").path
        try FileManager.default.createDirectory(atPath: victim, withIntermediateDirectories: true)
        try "værdifuld".write(toFile: victim + "/traening-paa-hold.html", atomically: true, encoding: .utf8)
        try FileManager.default.moveItem(atPath: work.output + "/fjordby", toPath: work.root.appendingPathComponent("flyttet").path)
        try FileManager.default.createSymbolicLink(atPath: work.output + "/fjordby", withDestinationPath: victim)
        try work.edit("Content/fjordby/traening-paa-hold.md") { $0 + "\nEn ny sætning.\n" }
        #expect(throws: Pipeline.Failure.self) { try work.session.build(incremental: true) }
        #expect(try String(contentsOfFile: victim + "/traening-paa-hold.html", encoding: .utf8) == "værdifuld")
    }

    @Test("a site emptied while the session runs gets a complete build, not a few pages")
    func emptiedSite() throws {
        let work = try Workspace()
        defer { work.remove() }
        _ = try work.session.build()
        for entry in try FileManager.default.contentsOfDirectory(atPath: work.output) {
            try FileManager.default.removeItem(atPath: work.output + "/" + entry)
        }
        try work.edit("Content/fjordby/traening-paa-hold.md") { $0 + "\nEn ny sætning.\n" }
        _ = try work.session.build(incremental: true)
        #expect(FileManager.default.fileExists(atPath: work.output + "/index.html"))
        #expect(snapshot(work.output) == (try work.fullBuild()))
    }

    @Test("a marker that is a folder or a link, or names in other Unicode, do not make a folder replaceable")
    func forgedMarkers() throws {
        let catalog = try exampleCopy()
        defer { catalog.remove() }
        let root = catalog.root.path
        func refused(_ output: String) -> Bool {
            (try? OutputFolder.verify(output, protecting: [catalog.content, templates], workingDirectory: root)) == nil
        }
        try FileManager.default.createDirectory(atPath: root + "/a/.katalog-site", withIntermediateDirectories: true)
        try "noter".write(toFile: root + "/a/.katalog-site/noter.txt", atomically: true, encoding: .utf8)
        #expect(refused(root + "/a"))
        try FileManager.default.createDirectory(atPath: root + "/b", withIntermediateDirectories: true)
        try "".write(toFile: root + "/marker", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root + "/b/.katalog-site", withDestinationPath: root + "/marker")
        #expect(refused(root + "/b"))
        // A user's file whose name is the NFD twin of one the build wrote.
        try FileManager.default.createDirectory(atPath: root + "/c", withIntermediateDirectories: true)
        try "# katalog\npjece-æøå.pdf\n".write(toFile: root + "/c/.katalog-site", atomically: true, encoding: .utf8)
        try "katalogs".write(toFile: root + "/c/pjece-æøå.pdf", atomically: true, encoding: .utf8)
        #expect(!refused(root + "/c"))
        let nfd = root + "/c/" + "pjece-æøå.pdf".decomposedStringWithCanonicalMapping
        #expect(FileManager.default.createFile(atPath: nfd, contents: Data("brugerens".utf8)))
        #expect(refused(root + "/c"))
    }

    @Test("an output whose parent is a link to a folder is fine; an impossible name is told in words")
    func outputMessages() throws {
        let catalog = try exampleCopy()
        defer { catalog.remove() }
        let root = catalog.root.path
        try FileManager.default.createDirectory(atPath: root + "/ægte", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/link", withDestinationPath: root + "/ægte")
        #expect(catalog.run(["build", "--content", catalog.content, "--output", root + "/link/Site", "--templates", templates]).code == 0)
        let long = catalog.run(["build", "--content", catalog.content, "--output", root + "/ny/" + String(repeating: "x", count: 300), "--templates", templates])
        #expect(long.code == 2)
        #expect(long.console.errors.contains("navnet er for langt"), "\(long.console.errors)")
        #expect(!FileManager.default.fileExists(atPath: root + "/ny"), "no empty folders left behind")
    }
}

@Suite("Hostile cases: what a module may link to and what content may say")
struct HostileContentTests {
    func findings(_ files: [String: String], setUp: (TempCatalog) throws -> Void = { _ in }) throws -> (TempCatalog, [Finding]) {
        let catalog = try TempCatalog(files)
        try setUp(catalog)
        return (catalog, try Pipeline(options: .init(content: catalog.content)).check().findings)
    }

    @Test("a linked page, script or a file outside the municipality folders is refused, so nothing takes a page's place")
    func linkedPages() throws {
        let (catalog, found) = try findings(["testby/kommune.yml": validMunicipality,
                                             "testby/a.md": validModule() + "\n\n[a](../index.html) [b](for-laeger.html) [c](x.js) [d](../pjece.pdf)"]) { catalog in
            try catalog.write("index.html", "<html>FALSK</html>")
            try catalog.write("testby/for-laeger.html", "FALSK")
            try catalog.write("testby/x.js", "alert(1)")
            try catalog.write("pjece.pdf", "%PDF")
        }
        defer { catalog.remove() }
        let links = found.filter { $0.rule == "LINK" }.map(\.message)
        #expect(links.filter { $0.contains("en slags fil, webstedet ikke udgiver") }.count == 3, "\(links)")
        #expect(links.contains("linket `../pjece.pdf` peger på en fil uden for kommunernes mapper"), "\(links)")
        #expect(catalog.build().code == 0)
        #expect(!text(FileManager.default.contents(atPath: catalog.output + "/index.html")).contains("FALSK"))
        #expect(!text(FileManager.default.contents(atPath: catalog.output + "/testby/for-laeger.html")).contains("FALSK"))
    }

    @Test("links are URLs: %-escapes are decoded, and a file stored in NFD is found and published in NFC")
    func linkNames() throws {
        let (catalog, found) = try findings(["testby/kommune.yml": validMunicipality,
                                             "testby/a.md": validModule() + "\n\n[a](med%20mellemrum.pdf) [b](pjece-æøå.pdf)"]) { catalog in
            try catalog.write("testby/med mellemrum.pdf", "%PDF a")
            try catalog.write("testby/" + "pjece-æøå.pdf".decomposedStringWithCanonicalMapping, "%PDF b")
        }
        defer { catalog.remove() }
        #expect(found.filter { $0.rule == "LINK" }.isEmpty, "\(found.filter { $0.rule == "LINK" }.map(\.message))")
        #expect(catalog.build().code == 0)
        #expect(FileManager.default.contents(atPath: catalog.output + "/testby/med mellemrum.pdf") == Data("%PDF a".utf8))
        let names = try FileManager.default.contentsOfDirectory(atPath: catalog.output + "/testby")
        #expect(names.contains { Array($0.utf8) == Array("pjece-æøå.pdf".utf8) }, "published under the NFC name the link uses")
    }

    @Test("control characters in file and folder names are errors, and never reach the terminal")
    func controlNames() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/tr\u{1B}[31mrod.md": validModule(), "testby/a.md": validModule()])
        defer { catalog.remove() }
        let (code, console) = catalog.run(["check", "--content", catalog.content])
        #expect(code == 1)
        #expect(console.output.contains("navnet indeholder et usynligt styretegn"), "\(console.output)")
        #expect(!console.output.contains("\u{1B}"))
        let github = catalog.run(["check", "--content", catalog.content, "--format", "github"]).console.output
        #expect(!github.contains("\u{1B}"))
    }

    /// swift-mustache escapes per Character, so `"` followed by a combining mark is one Character
    /// it leaves raw; every template (none says `{{% CONTENT_TYPE %}}` any more) gets the escaper
    /// that escapes bytes.
    @Test("a quote followed by a combining mark cannot end an attribute, in any template")
    func combiningMarkAfterQuote() throws {
        let title = "Træning\"\u{301} onmouseover=alert(1) x=\"\u{301}"
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule(titel: title)])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let page = text(FileManager.default.contents(atPath: catalog.output + "/testby/index.html"))
        let escaped = "Træning&quot;" + "\u{301}" + " onmouseover=alert(1)", raw = "\"" + "\u{301}" + " onmouseover"
        #expect(page.contains(escaped), "\(page)")
        #expect(!page.contains(raw))
    }

    @Test("the markdown summary does not let GitHub link an e-mail address or a scheme from content")
    func markdownAutolinks() throws {
        let module = validModule().replacingOccurrences(of: "format: [fremmøde]", with: "format: [\"ondt@ondt.example\", \"xmpp:ondt@ondt.example\"]")
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": module])
        defer { catalog.remove() }
        let output = catalog.run(["check", "--content", catalog.content, "--format", "markdown"]).console.output
        #expect(!output.contains("ondt@") && !output.contains("xmpp:"), "\(output)")
        #expect(output.contains("ondt&#64;ondt\\.example"), "\(output)")
    }

    @Test("--base-url with ? or # is refused; --lix outside 1-100 too")
    func options() throws {
        let catalog = try exampleCopy()
        defer { catalog.remove() }
        for url in ["https://x.example/#frag", "https://x.example/?a=b", "https://bruger@x.example/"] {
            #expect(catalog.run(["build", "--content", catalog.content, "--output", catalog.output, "--base-url", url]).code == 2, "\(url)")
        }
        #expect(catalog.run(["check", "--content", catalog.content, "--lix=-1"]).code == 2)
        #expect(catalog.run(["build", "--content", catalog.content, "--output", catalog.output, "--lix", "500"]).code == 2)
    }

    @Test("an absurd filgrænse-mb is a finding, not a crash")
    func hugeLimit() throws {
        let (catalog, found) = try findings(["testby/kommune.yml": validMunicipality + "\nfilgrænse-mb: 10000000000000\n",
                                             "testby/a.md": validModule() + "\n\n![x](b.png)"]) { try $0.write("testby/b.png", "PNG") }
        defer { catalog.remove() }
        #expect(found.contains { $0.rule == "FELT" && $0.message.contains("filgrænse-mb") }, "\(found.map(\.message))")
        #expect(catalog.run(["check", "--content", catalog.content]).code == 1)
    }

    @Test("a module that says nothing about access is not exported or shown as taking referrals")
    func noReferralClaims() throws {
        let module = validModule().replacingOccurrences(of: "adgang:\n  egen-henvendelse: true\n", with: "")
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": module])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let fhir = text(FileManager.default.contents(atPath: catalog.output + "/eksport/fhir-healthcareservices.json"))
        #expect(!fhir.contains("appointmentRequired") && !fhir.contains("referralMethod"), "\(fhir)")
        let page = text(FileManager.default.contents(atPath: catalog.output + "/testby/a.html"))
        #expect(page.contains("Tilbuddet oplyser ikke, hvem der kan henvise til det."))
        #expect(!page.contains("Henvis med kommunehenvisningen"))
        #expect(!page.contains("Du skal henvises"))
    }

    @Test("a file hidden by a name that collides is still checked")
    func collisionsAreChecked() throws {
        let broken = validModule().replacingOccurrences(of: "titel: Træning på hold", with: "titel: \"UDFYLD: titel\"")
        let (catalog, found) = try findings(["testby/kommune.yml": validMunicipality, "testby/diaetist.md": validModule(), "testby/diætist.md": broken])
        defer { catalog.remove() }
        #expect(found.contains { $0.message.contains("samme adresse") })
        #expect(found.contains { $0.rule == "UDFYLD" && $0.location.file.hasSuffix("diætist.md") }, "\(found.map { "\($0.rule) \($0.location.file)" })")
    }

    @Test("files that look like modules but would not be read are told so", arguments: ["x.MD", "x.markdown", "x.md ", "undermappe/x.md"])
    func unreadFiles(name: String) throws {
        let (catalog, found) = try findings(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule(), "testby/\(name)": validModule()])
        defer { catalog.remove() }
        #expect(found.contains { $0.rule == "FIL" && $0.message.contains("bliver ikke læst") }, "\(found.map(\.message))")
    }

    @Test("an unclosed quote is reported where it opens; a line separator is an error")
    func quotesAndSeparators() throws {
        let open = validModule().replacingOccurrences(of: "resume: Du træner med andre to gange om ugen.", with: "resume: \"Du træner med andre")
        var (catalog, found) = try findings(["testby/kommune.yml": validMunicipality, "testby/a.md": open])
        catalog.remove()
        let quote = found.first { $0.rule == "YAML" }
        #expect(quote?.location.line == 3 && quote?.message == "et citationstegn er ikke lukket", "\(found.map { "\($0.location.line) \($0.message)" })")
        (catalog, found) = try findings(["testby/kommune.yml": validMunicipality,
                                         "testby/a.md": validModule().replacingOccurrences(of: "titel: Træning på hold", with: "titel: Træning\u{2028}på hold")])
        catalog.remove()
        #expect(found.contains { $0.message == "linjen indeholder et usynligt styretegn (U+2028), som ikke må stå i filen" && $0.location.line == 2 },
                "\(found.filter { $0.severity == .error }.map { "\($0.location.line) \($0.rule) \($0.message)" })")
    }

    @Test("a key and its value without the colon, inside { }, say so; a missing kommune.yml is one problem, not fifteen")
    func moreMessages() throws {
        var (catalog, found) = try findings(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule(extra: "omfang: {uger: 8, minutter 60}")])
        catalog.remove()
        #expect(found.first { $0.rule == "FELT" }?.hint == "der mangler et kolon efter `minutter`: skriv `minutter: 60`", "\(found.map(\.hint))")
        // Without kommune.yml the only new finding is that it is missing: nothing that reads its settings is judged.
        (catalog, found) = try findings(["testby/a.md": validModule()])
        catalog.remove()
        let (withSettings, foundWith) = try findings(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule()])
        withSettings.remove()
        let extra = Set(found.map { "\($0.rule) \($0.message)" }).subtracting(foundWith.map { "\($0.rule) \($0.message)" })
        #expect(extra == ["FIL kommunemappen `testby` mangler filen kommune.yml"], "\(extra)")
    }
}

