import Foundation
@testable import KatalogCLI
import KatalogBuild
import Testing

/// A copy of the example catalog and templates in a temporary folder, built by one session.
struct Workspace {
    let root: URL
    var content: String { root.appendingPathComponent("Content").path }
    var templates: String { root.appendingPathComponent("Templates").path }
    var output: String { root.appendingPathComponent("Site").path }
    let session: BuildSession

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-inkr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: exampleContent, toPath: root.appendingPathComponent("Content").path)
        try FileManager.default.copyItem(atPath: KatalogTests.templates, toPath: root.appendingPathComponent("Templates").path)
        session = BuildSession(options: .init(content: root.appendingPathComponent("Content").path,
                                              output: root.appendingPathComponent("Site").path,
                                              templates: root.appendingPathComponent("Templates").path, allowErrors: true))
    }

    func edit(_ path: String, _ change: (String) -> String) throws {
        let file = root.appendingPathComponent(path)
        let text = try String(contentsOf: file, encoding: .utf8)
        try change(text).write(to: file, atomically: false, encoding: .utf8)
    }

    func write(_ path: String, _ text: String) throws {
        try text.write(to: root.appendingPathComponent(path), atomically: false, encoding: .utf8)
    }

    /// What a complete build from scratch of the current content gives.
    func fullBuild() throws -> [String: Data] {
        let fresh = root.appendingPathComponent("Fuld-\(UUID().uuidString)").path
        _ = try Pipeline(options: .init(content: content, output: fresh, templates: templates, allowErrors: true)).build()
        defer { try? FileManager.default.removeItem(atPath: fresh) }
        return snapshot(fresh)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

@Suite("Incremental builds (katalog serve, build --watch)", .serialized)
struct IncrementalTests {
    @Test("after each kind of edit, an incremental build leaves exactly what a full build writes")
    func equalsFullBuild() throws {
        let work = try Workspace()
        defer { work.remove() }
        _ = try work.session.build()
        let edits: [(String, () throws -> Void)] = [
            ("body text", { try work.edit("Content/fjordby/alkoholsamtale.md") { $0 + "\nEn ny sætning om at drikke mindre.\n" } }),
            ("title", { try work.edit("Content/fjordby/traening-paa-hold.md") {
                $0.replacingOccurrences(of: "titel: Træning på hold", with: "titel: Træning sammen med andre") } }),
            ("new module", { try FileManager.default.copyItem(atPath: work.content + "/skovlund/snak-om-alkohol.md",
                                                             toPath: work.content + "/skovlund/snak-om-alkohol-aften.md") }),
            ("deleted module", { try FileManager.default.removeItem(atPath: work.content + "/skovlund/snak-om-alkohol-aften.md") }),
            ("a declaration a requirement needs", { try work.edit("Content/fjordby/alkoholsamtale.md") {
                $0.replacingOccurrences(of: "  status-til-egen-læge: true\n", with: "") } }),
            ("kommune.yml", { try work.edit("Content/skovlund/kommune.yml") {
                $0.replacingOccurrences(of: "navn: Skovlund Kommune", with: "navn: Skovlund Storkommune") } }),
            // The owner every page's header shows: changed, the file removed (two municipalities: no one), and written again.
            ("katalog.yml", { try work.edit("Content/katalog.yml") {
                $0.replacingOccurrences(of: "ejer: Sundhedsklynge Fjordby-Skovlund (eksempel)", with: "ejer: Region Eksempel") } }),
            ("a removed katalog.yml", { try FileManager.default.removeItem(atPath: work.content + "/katalog.yml") }),
            ("a new katalog.yml", { try work.write("Content/katalog.yml", "ejer: Region Eksempel\n") }),
            ("template", { try work.edit("Templates/module.mustache") { $0.replacingOccurrences(of: "<h1>", with: "<h1 class=\"titel\">") } }),
            // Front matter that lists, the GP page, exports and other modules' pages show.
            ("price", { try work.edit("Content/fjordby/alkoholsamtale.md") {
                $0.replacingOccurrences(of: "pris: Gratis", with: "pris: 50 kr. pr. gang") } }),
            ("waiting time", { try work.edit("Content/fjordby/traening-paa-hold.md") {
                $0.replacingOccurrences(of: "ventetid-uger: 2-4", with: "ventetid-uger: 6") } }),
            ("who may join", { try work.edit("Content/skovlund/kostvejledning-enkeltsamtaler.md") {
                $0.replacingOccurrences(of: "alder-fra: 18", with: "alder-fra: 20") } }),
            ("team starts", { try work.edit("Content/skovlund/mad-med-glaede.md") {
                $0.replacingOccurrences(of: "holdstart: [2027-02-01, 2027-08-16]", with: "holdstart: [2027-03-01, 2027-08-16]") } }),
            // Both example municipalities have team starts: take all of Fjordby's away first (its calendar goes) ...
            ("a municipality's last team starts (its calendar goes)", {
                for name in try FileManager.default.contentsOfDirectory(atPath: work.content + "/fjordby") where name.hasSuffix(".md") {
                    try work.edit("Content/fjordby/" + name) {
                        $0.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("holdstart:") }.joined(separator: "\n")
                    }
                }
                #expect(FileManager.default.fileExists(atPath: work.output + "/eksport/fjordby.ics"), "the calendar was there before")
            }),
            // ... so that one module's team starts make a new calendar.
            ("a municipality's first team starts (a new calendar)", {
                #expect(!FileManager.default.fileExists(atPath: work.output + "/eksport/fjordby.ics"), "the calendar went")
                try work.edit("Content/fjordby/traening-paa-hold.md") {
                    $0.replacingOccurrences(of: "optag: løbende", with: "optag: faste-hold\nholdstart: [2027-04-05]") } }),
            ("the digital counterpart's title", { try work.edit("Content/fjordby/traening-hjemme.md") {
                $0.replacingOccurrences(of: "titel: Træning hjemme med video", with: "titel: Træning hjemme med video og app") } }),
            ("postcodes", { try work.edit("Content/fjordby/kommune.yml") {
                $0.replacingOccurrences(of: "\"9992\"]", with: "\"9992\", \"9993\"]") } }),
            ("the list entry template", { try work.edit("Templates/module-item.mustache") { $0 + "\n" } }),
            ("a new course (its parts' pages link to it)", { try work.write("Content/fjordby/hjerterehabilitering.md", """
                ---
                titel: Hjerterehabilitering
                resume: Et forløb for dig med en hjertesygdom.
                forløb: [hjertetraening, diaetbehandling]
                opdateret: 2026-11-01
                ---
                Forløbet varer 12 uger.
                """) }),
            ("a course's title", { try work.edit("Content/skovlund/kol-rehabilitering.md") {
                $0.replacingOccurrences(of: "titel: KOL-rehabilitering", with: "titel: Rehabilitering ved KOL") } }),
            ("a course's parts", { try work.edit("Content/skovlund/kol-rehabilitering.md") {
                $0.replacingOccurrences(of: "kol-kost]", with: "diaetist]") } }),
            ("a deleted course", { try FileManager.default.removeItem(atPath: work.content + "/fjordby/hjerterehabilitering.md") }),
            ("an asset", { try work.edit("Templates/assets/style.css") { $0 + "\n/* ny regel */\n" } }),
        ]
        for (name, edit) in edits {
            try edit()
            let report = try work.session.build(incremental: true)
            let incremental = snapshot(work.output)
            let full = try work.fullBuild()
            #expect(Set(incremental.keys) == Set(full.keys), "after editing the \(name): other files")
            let differing = full.keys.filter { incremental[$0] != full[$0] }.sorted()
            #expect(differing.isEmpty, "after editing the \(name): \(differing.prefix(5))")
            #expect(report.rendered > 0 || name == "an asset", "after editing the \(name): nothing was rendered")
        }
    }

    @Test("a body edit parses one file and renders only that module's own pages")
    func bodyEditIsLocal() throws {
        let work = try Workspace()
        defer { work.remove() }
        let first = try work.session.build()
        #expect(first.parsed == 35, "31 modules, a course, two kommune.yml and katalog.yml")
        let unchanged = try work.session.build(incremental: true)
        #expect(unchanged.parsed == 0 && unchanged.rendered == 0 && unchanged.written == 0)
        try work.edit("Content/fjordby/alkoholsamtale.md") { $0 + "\nEn ny sætning.\n" }
        let report = try work.session.build(incremental: true)
        #expect(report.parsed == 1)
        // The module page, its compliance page and the municipality's compliance overview (LIX changed);
        // no list shows the body text, so none is rendered.
        #expect(report.rendered <= 3, "rendered \(report.rendered) pages")
        let page = text(FileManager.default.contents(atPath: work.output + "/fjordby/alkoholsamtale.html"))
        #expect(page.contains("En ny sætning."))
    }

    @Test("a file broken midway through an edit keeps its last good page and reports the problem; fixing it brings the change")
    func brokenEditKeepsSite() throws {
        let work = try Workspace()
        defer { work.remove() }
        _ = try work.session.build()
        let before = snapshot(work.output)
        let good = try String(contentsOfFile: work.content + "/fjordby/alkoholsamtale.md", encoding: .utf8)
        try work.edit("Content/fjordby/alkoholsamtale.md") { $0.replacingOccurrences(of: "titel:", with: "titel: [") }
        let report = try work.session.build(incremental: true)
        #expect(report.findings.contains { $0.rule == "YAML" && $0.location.file.hasSuffix("fjordby/alkoholsamtale.md") })
        #expect(snapshot(work.output)["fjordby/alkoholsamtale.html"] == before["fjordby/alkoholsamtale.html"])
        try (good + "\nRettet igen.\n").write(toFile: work.content + "/fjordby/alkoholsamtale.md", atomically: false, encoding: .utf8)
        _ = try work.session.build(incremental: true)
        #expect(text(FileManager.default.contents(atPath: work.output + "/fjordby/alkoholsamtale.html")).contains("Rettet igen."))
        #expect(snapshot(work.output) == (try work.fullBuild()))
    }

    @Test("a render stopped for its size leaves nothing in the session: once the content is small enough, the rebuild equals a full build")
    func stoppedRenderForgotten() throws {
        let work = try Workspace()
        defer { work.remove() }
        _ = try work.session.build()
        // 24 sections over the footer's municipalities: 2^24 renders of the name with two, 24 with one.
        try work.write("Templates/footer.mustache", String(repeating: "{{#footer}}", count: 24) + "{{name}}" + String(repeating: "{{/footer}}", count: 24))
        var stopped = false
        do { _ = try work.session.build(incremental: true) } catch { stopped = "\(error)".contains("skabelonen blev ikke færdig") }
        #expect(stopped, "two municipalities: the footer is too much work")
        try FileManager.default.removeItem(atPath: work.content + "/skovlund")
        _ = try work.session.build(incremental: true)
        let incremental = snapshot(work.output), full = try work.fullBuild()
        let differing = full.keys.filter { incremental[$0] != full[$0] }.sorted()
        #expect(Set(incremental.keys) == Set(full.keys) && differing.isEmpty, "\(differing.prefix(5))")
    }

    @Test("a module put on pause changes the overview across municipalities and its CSV in an incremental build, as in a full build")
    func overviewFollowsStatus() throws {
        let work = try Workspace()
        defer { work.remove() }
        _ = try work.session.build()
        let page = { text(FileManager.default.contents(atPath: work.output + "/oversigt/index.html")) }
        let csv = { text(FileManager.default.contents(atPath: work.output + "/oversigt/oversigt.csv")) }
        #expect(page().contains("Begge kommuner har tilbud om forebyggende samtale om alkohol."))
        try work.edit("Content/skovlund/snak-om-alkohol.md") {
            $0.replacingOccurrences(of: "pris: Gratis", with: "pris: Gratis\nstatus: sat-på-pause")
        }
        let report = try work.session.build(incremental: true)
        #expect(report.rendered > 0)
        #expect(page().contains("1 af 2 kommuner har intet tilbud om forebyggende samtale om alkohol: Skovlund Kommune (1 sat på pause)."))
        #expect(csv().contains("Skovlund Kommune;\"=\"\"0992\"\"\";Forebyggende samtale om alkohol;Ja;Nej;0;1;0;"))
        let full = try work.fullBuild()
        #expect(full["oversigt/index.html"] == Data(page().utf8) && full["oversigt/oversigt.csv"] == Data(csv().utf8))
    }

    @Test("an output folder replaced behind the session's back gets a complete build")
    func replacedOutput() throws {
        let work = try Workspace()
        defer { work.remove() }
        _ = try work.session.build()
        try FileManager.default.removeItem(atPath: work.output)
        let report = try work.session.build(incremental: true)
        let site = snapshot(work.output)
        #expect(report.written == site.count, "every file written anew")
        #expect(site == (try work.fullBuild()))
    }

    @Test("a complete rebuild keeps unchanged files as they were (same inode and time), so deploys see only changes")
    func unchangedFilesKept() throws {
        let work = try Workspace()
        defer { work.remove() }
        let options = Pipeline.Options(content: work.content, output: work.output, templates: work.templates)
        _ = try Pipeline(options: options).build()
        let page = work.output + "/skovlund/index.html"
        let before = try FileManager.default.attributesOfItem(atPath: page)
        try work.edit("Content/fjordby/alkoholsamtale.md") { $0 + "\nEn ny sætning.\n" }
        Thread.sleep(forTimeInterval: 0.02)
        _ = try Pipeline(options: options).build()
        let after = try FileManager.default.attributesOfItem(atPath: page)
        #expect(before[.systemFileNumber] as? Int == after[.systemFileNumber] as? Int)
        #expect(before[.modificationDate] as? Date == after[.modificationDate] as? Date)
        let changed = try FileManager.default.attributesOfItem(atPath: work.output + "/fjordby/alkoholsamtale.html")
        #expect((changed[.modificationDate] as? Date ?? .distantPast) > (before[.modificationDate] as? Date ?? .distantFuture))
    }
}
