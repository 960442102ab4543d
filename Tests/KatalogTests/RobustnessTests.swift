import Foundation
import KatalogCLI
import KatalogCore
import KatalogSupport
import KatalogLoad
import KatalogMarkdown
import Testing

@Suite("Robustness and safety")
struct RobustnessTests {
    @Test("links must stay inside the content folder and be relative")
    func linksStayInside() throws {
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality,
                                     "testby/a.md": validModule() + "\n\n[hemmelig](../../../etc/passwd) og [rod](/fjordby/x.md)"])
        #expect(errors.map(\.message) == ["linket `../../../etc/passwd` peger uden for indholdsmappen", "linket `/fjordby/x.md` starter med /"])
        #expect(errors.allSatisfy { $0.location.line == 21 })
    }

    @Test("a linked image inside the content folder is published beside the page; a missing one is an error")
    func assets() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality,
                                       "testby/a.md": validModule() + "\n\n![Holdet i salen](billeder/hold.png)"])
        defer { catalog.remove() }
        try catalog.write("testby/billeder/hold.png", Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]))
        #expect(catalog.build().code == 0)
        #expect(FileManager.default.contents(atPath: catalog.output + "/testby/billeder/hold.png") == Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]))
        let page = String(decoding: FileManager.default.contents(atPath: catalog.output + "/testby/a.html") ?? Data(), as: UTF8.self)
        #expect(page.contains("<img src=\"billeder/hold.png\" alt=\"Holdet i salen\" />"))
        try FileManager.default.removeItem(atPath: catalog.content + "/testby/billeder/hold.png")
        let (code, console) = catalog.strictBuild()
        #expect(code == 1)
        #expect(console.errors.contains("linket `billeder/hold.png` peger på en fil, der ikke findes"))
    }

    @Test("symbolic links that leave the content folder or lead nowhere are errors")
    func symlinks() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule()])
        defer { catalog.remove() }
        let outside = catalog.root.appendingPathComponent("udenfor")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try validModule().write(to: outside.appendingPathComponent("b.md"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: catalog.content + "/testby/b.md", withDestinationPath: outside.path + "/b.md")
        try FileManager.default.createSymbolicLink(atPath: catalog.content + "/loop", withDestinationPath: catalog.content + "/loop")
        try FileManager.default.createSymbolicLink(atPath: catalog.content + "/testby/c.md", withDestinationPath: catalog.content + "/testby/a.md")
        do {
            _ = try catalog.load()
            Issue.record("expected errors")
        } catch let error as InputErrors {
            let messages = error.errors.map(\.message)
            #expect(messages.contains { $0.hasSuffix("b.md` er et symbolsk link, der peger uden for indholdsmappen") })
            #expect(messages.contains { $0.hasSuffix("loop` er et symbolsk link, der ikke fører nogen steder hen (måske en løkke)") })
            #expect(!messages.contains { $0.contains("c.md") }, "a link to a file inside the folder is fine")
        }
    }

    @Test("a 50 MB file is refused without reading it into the site")
    func hugeFile() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality])
        defer { catalog.remove() }
        var data = Data(validModule().utf8)
        data.append(Data(repeating: 0x61, count: 50_000_000))
        try catalog.write("testby/stor.md", data)
        #expect(throws: InputErrors.self) { try catalog.load() }
        do { _ = try catalog.load() } catch let error as InputErrors {
            #expect(error.first.message.hasPrefix("filen er for stor (50 MB)"))
            #expect(error.first.location.file.hasSuffix("testby/stor.md"))
        }
    }

    @Test("a billion-laughs YAML bomb is refused quickly")
    func billionLaughs() throws {
        var yaml = "---\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for (index, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].enumerated() {
            let previous = index == 0 ? "a" : ["b", "c", "d", "e", "f", "g", "h"][index - 1]
            yaml += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]\n"
        }
        yaml += "---\n"
        let start = Date()
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality, "testby/a.md": yaml])
        #expect(errors.first?.message == "en værdi starter med & eller * (ankre og aliaser bruges ikke i katalogets filer)")
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test("only web addresses are accepted where kommune.yml gives a link")
    func urls() throws {
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality.replacingOccurrences(of: "https://was.digst.dk/testby", with: "javascript:alert(1)"),
                                     "testby/a.md": validModule()])
        #expect(errors.map(\.message) == ["`tilgængelighedserklæring` er `javascript:alert(1)`, men en webadresse skal starte med https:// og have et domæne, uden mellemrum"])
    }

    @Test("data: and javascript: URLs never reach a page; images may use data:image")
    func dangerousURLs() {
        let html = Markdown.parse("[a](data:text/html;base64,PHNjcmlwdD4=) [b](JaVaScRiPt:alert(1)) ![c](data:image/png;base64,iVBOR)").html
        #expect(!html.contains("data:text/html"))
        #expect(!html.lowercased().contains("javascript:"))
        #expect(html.contains("src=\"data:image/png;base64,iVBOR\""))
    }

    @Test("every page carries a Content-Security-Policy without inline scripts or styles")
    func csp() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-csp-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        #expect(Katalog.run(["build", "--content", exampleContent, "--output", output, "--templates", templates], console: Console(capture: true)) == 0)
        for (path, data) in snapshot(output) where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self';"), "\(path)")
            #expect(!html.contains("<script>") && !html.contains(" style=\"") && !html.contains("<style"), "\(path)")
            #expect(!html.contains(" on") || !html.contains("onclick="), "\(path)")
        }
    }
}

@Suite("Interrupted builds")
struct InterruptTests {
    let binary = repositoryRoot + "/.build/debug/katalog"

    func build(_ content: String, _ output: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["build", "--content", content, "--output", output, "--templates", templates]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test("SIGTERM or SIGINT at any moment leaves either the old or the new site, complete, and nothing half-written")
    func interrupted() throws {
        #expect(FileManager.default.isExecutableFile(atPath: binary), "build the package first (swift build)")
        let catalog = try exampleCopy()
        defer { catalog.remove() }
        // The old site, and what the new one must look like.
        let old = try build(catalog.content, catalog.output); old.waitUntilExit()
        #expect(old.terminationStatus == 0)
        let before = snapshot(catalog.output)
        try edit(catalog, "fjordby/traening-paa-hold.md") { $0.replacingOccurrences(of: "titel: Træning på hold", with: "titel: Træning på hold om formiddagen") }
        let reference = catalog.root.appendingPathComponent("Reference").path
        let started = Date()
        let new = try build(catalog.content, reference); new.waitUntilExit()
        // Kill times spread from the start to twice a full build's duration (measured now, under the same load).
        let duration = Date().timeIntervalSince(started)
        let after = snapshot(reference)
        #expect(before != after)

        var outcomes: [String: Int] = [:]
        for attempt in 0..<16 {
            if attempt % 4 == 3 {
                // Reset to the old site now and then, so later attempts interrupt a real replacement.
                try? FileManager.default.removeItem(atPath: catalog.output)
                try FileManager.default.copyItem(atPath: catalog.root.appendingPathComponent("Site-old").path, toPath: catalog.output)
            }
            if attempt == 0 { try FileManager.default.copyItem(atPath: catalog.output, toPath: catalog.root.appendingPathComponent("Site-old").path) }
            let process = try build(catalog.content, catalog.output)
            usleep(useconds_t(duration * 2_000_000 * Double(attempt) / 15))
            kill(process.processIdentifier, attempt % 2 == 0 ? SIGTERM : SIGINT)
            process.waitUntilExit()
            let site = snapshot(catalog.output)
            let state = site == before ? "gammel" : (site == after ? "ny" : "ødelagt")
            outcomes[state, default: 0] += 1
            #expect(state != "ødelagt", "attempt \(attempt): the site is neither the old nor the new one")
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: catalog.root.path).filter { $0.hasPrefix(".Site.") }
            #expect(leftovers.isEmpty, "attempt \(attempt) left \(leftovers)")
        }
        #expect(outcomes["ødelagt"] == nil)
        #expect(outcomes["gammel", default: 0] > 0 && outcomes["ny", default: 0] > 0, "the attempts should interrupt both early and late: \(outcomes)")
        print("interrupt outcomes: \(outcomes)")
    }

    @Test("a staging folder left by a killed build is cleaned up by the next build")
    func leftovers() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule()])
        defer { catalog.remove() }
        let stale = catalog.root.appendingPathComponent(".Site.ny-999999")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        #expect(catalog.build().code == 0)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
    }
}

@Suite("katalog check --watch")
struct WatchTests {
    @Test("check --watch reports a broken save and then the fix (times printed, not asserted tightly)")
    func watch() throws {
        let binary = repositoryRoot + "/.build/debug/katalog"
        #expect(FileManager.default.isExecutableFile(atPath: binary), "build the package first (swift build)")
        let catalog = try exampleCopy()
        defer { catalog.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["check", "--watch", "--content", catalog.content]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let output = OutputBuffer()
        pipe.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }

        #expect(output.waitFor("Venter på ændringer", count: 1, seconds: 10))
        let file = "fjordby/alkoholsamtale.md"
        var start = Date()
        try edit(catalog, file) { $0.replacingOccurrences(of: "form: [individuel]", with: "form: [hold]") }
        #expect(output.waitFor("[K-8.3-1 §8.3]", count: 1, seconds: 10), "\(output.text)")
        let broken = Date().timeIntervalSince(start)
        start = Date()
        try edit(catalog, file) { $0.replacingOccurrences(of: "form: [hold]", with: "form: [individuel]") }
        #expect(output.waitFor("31 tilbud og 1 forløb tjekket: 0 fejl", count: 2, seconds: 10), "\(output.text)")
        print(String(format: "watch: save to finding %.2f s, save to all clear %.2f s", broken, Date().timeIntervalSince(start)))
    }
}

/// Collects a child process's output for tests that wait for a line.
final class OutputBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    var text: String { lock.lock(); defer { lock.unlock() }; return String(decoding: data, as: UTF8.self) }
    private var finished = false
    func append(_ more: Data) { lock.lock(); data.append(more); lock.unlock() }
    /// The writer closed its end: everything it wrote is here.
    func finish() { lock.lock(); finished = true; lock.unlock() }
    var isFinished: Bool { lock.lock(); defer { lock.unlock() }; return finished }
    /// Waits until `needle` occurs at least `count` times.
    func waitFor(_ needle: String, count: Int, seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if text.components(separatedBy: needle).count - 1 >= count { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }
}
