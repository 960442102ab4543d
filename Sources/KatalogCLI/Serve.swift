import ArgumentParser
import Foundation
import KatalogCore
import KatalogLoad
import KatalogRules

#if canImport(FlyingFox)
import FlyingFox

public struct Serve: ConsoleCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Vis webstedet lokalt, byg det igen ved hver ændring, og vis fejl direkte på siden.",
        discussion: "Åbn adressen i en browser. Siden opdaterer sig selv, når du gemmer. Stop med Ctrl-C.")

    @Option(name: .long, help: "Porten på 127.0.0.1.")
    var port = 8000

    @OptionGroup var folders: SiteFolders

    public init() {}

    public func execute(console: Console) -> Int32 {
        let state = PreviewState()
        let session = BuildSession(options: Pipeline.Options(content: folders.content, output: folders.output, templates: folders.templates, allowErrors: true))
        // The baseline is taken before the first build, so a save during start-up is not missed.
        let watcher = ContentWatcher(folders: [folders.content, folders.templates])
        var fingerprint = watcher.fingerprint()
        state.rebuild(session)
        guard let portNumber = UInt16(exactly: port), let address = try? sockaddr_in.inet(ip4: "127.0.0.1", port: portNumber) else {
            console.err("Ugyldig port \(port).")
            return Exit.usage
        }
        let server = HTTPServer(address: address, logger: .disabled)
        let site = URL(fileURLWithPath: folders.output).standardizedFileURL.path
        let started = DispatchSemaphore(value: 0)
        let failed = FailureBox()
        Task {
            await server.appendRoute("GET /__katalog/status") { _ in
                HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"], body: state.statusJSON())
            }
            await server.appendRoute("GET /__katalog/reload.js") { _ in
                HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"], body: Data(PreviewState.reloadScript.utf8))
            }
            await server.appendRoute("GET *") { request in PreviewFiles.response(for: request.path, in: site) }
            started.signal()
            do { try await server.run() } catch { failed.set("\(error)") }
        }
        started.wait()
        Thread.sleep(forTimeInterval: 0.2)
        if let error = failed.value {
            console.err("Kunne ikke starte serveren på port \(port): \(error)")
            return Exit.usage
        }
        console.out("Forhåndsvisning: http://127.0.0.1:\(port)/  (stop med Ctrl-C)")
        state.report(console)
        while failed.value == nil {
            fingerprint = watcher.waitForChange(since: fingerprint)
            // Only what the change affects is parsed, checked, rendered and written again.
            state.rebuild(session, incremental: true)
            state.report(console)
        }
        console.err("Serveren stoppede: \(failed.value ?? "")")
        return Exit.usage
    }
}

final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var message: String?
    var value: String? { lock.lock(); defer { lock.unlock() }; return message }
    func set(_ text: String) { lock.lock(); message = text; lock.unlock() }
}

/// The last build's outcome: a version that changes with every rebuild, and the problems to overlay.
final class PreviewState: @unchecked Sendable {
    struct Problem: Encodable {
        let file: String
        let line: Int
        let column: Int
        let rule: String
        let severity: String
        let message: String
        let hint: String

        init(_ finding: Finding) {
            file = finding.location.file
            line = finding.location.line
            column = finding.location.column
            rule = finding.rule
            severity = finding.severity.danish
            message = finding.message
            hint = finding.hint
        }
    }

    private let lock = NSLock()
    private var version = 0
    private var problems: [Problem] = []
    private var summary = ""

    func rebuild(_ session: BuildSession, incremental: Bool = false) {
        var found: [Problem] = []
        var line: String
        let started = Date()
        do {
            let report = try session.build(incremental: incremental)
            found = report.findings.filter { $0.severity == .error }.map(Problem.init)
            let ms = Int((Date().timeIntervalSince(started) * 1000).rounded())
            line = "Bygget på \(ms) ms: \(report.catalog.modules.count) tilbud, \(report.rendered) sider genereret, \(found.count) fejl mod kvalitetsstandarden."
        } catch .input(let errors) {
            found = errors.errors.map { Problem(.unreadable($0, hint: "")) }
            line = "Fejl i filerne – siden viser den sidste gode version: " + errors.errors.map(\.description).joined(separator: "; ")
        } catch {
            line = "Kunne ikke bygge: \(error)"
        }
        lock.lock()
        version += 1
        problems = found
        summary = line
        lock.unlock()
    }

    func report(_ console: Console) {
        lock.lock(); let text = summary; lock.unlock()
        console.out(text)
    }

    func statusJSON() -> Data {
        struct Status: Encodable { let version: Int; let problems: [Problem] }
        lock.lock(); defer { lock.unlock() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(Status(version: version, problems: problems))) ?? Data("{}".utf8)
    }

    /// Polls the status; reloads the page when a rebuild finished, and overlays the current problems.
    static let reloadScript = """
    (function () {
      "use strict";
      var seen = null;
      function overlay(problems) {
        var box = document.getElementById("katalog-fejl");
        if (!problems.length) { if (box) { box.remove(); } return; }
        if (!box) {
          box = document.createElement("section");
          box.id = "katalog-fejl";
          box.setAttribute("role", "alert");
          box.setAttribute("aria-label", "Fejl i kataloget");
          var s = box.style;
          s.position = "fixed"; s.left = "0"; s.right = "0"; s.bottom = "0"; s.maxHeight = "50vh"; s.overflow = "auto";
          s.background = "#1a1a1a"; s.color = "#fff"; s.padding = "1rem"; s.zIndex = "1000"; s.fontFamily = "monospace";
          document.body.appendChild(box);
        }
        box.textContent = "";
        var heading = document.createElement("h2");
        heading.textContent = problems.length === 1 ? "1 fejl i kataloget" : problems.length + " fejl i kataloget";
        box.appendChild(heading);
        var list = document.createElement("ul");
        problems.forEach(function (p) {
          var item = document.createElement("li");
          item.textContent = p.file + ":" + p.line + ":" + p.column + " [" + p.rule + "] " + p.message + (p.hint ? " – " + p.hint : "");
          list.appendChild(item);
        });
        box.appendChild(list);
      }
      function poll() {
        fetch("/__katalog/status", { cache: "no-store" }).then(function (r) { return r.json(); }).then(function (status) {
          if (seen !== null && status.version !== seen) { location.reload(); return; }
          seen = status.version;
          overlay(status.problems);
          setTimeout(poll, 300);
        }).catch(function () { setTimeout(poll, 1000); });
      }
      poll();
    })();
    """
}

/// Serves the built site; HTML pages get the reload script.
enum PreviewFiles {
    static let types = ["html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
                        "json": "application/json; charset=utf-8", "xml": "application/xml", "atom": "application/atom+xml",
                        "csv": "text/csv; charset=utf-8", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
                        "svg": "image/svg+xml", "pdf": "application/pdf"]

    static func response(for requestPath: String, in site: String) -> HTTPResponse {
        var path = requestPath.removingPercentEncoding ?? requestPath
        if path.hasSuffix("/") { path += "index.html" }
        let parts = path.split(separator: "/").map(String.init)
        guard !parts.contains(".."), !parts.contains(where: { $0.hasPrefix(".") }) else {
            return HTTPResponse(statusCode: .forbidden)
        }
        var file = site + "/" + parts.joined(separator: "/")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue { file += "/index.html" }
        guard var data = FileManager.default.contents(atPath: file) else {
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: Data("Siden findes ikke.".utf8))
        }
        let ext = (file as NSString).pathExtension.lowercased()
        if ext == "html", let marker = data.range(of: Data("</body>".utf8), options: .backwards) {
            data.replaceSubrange(marker.lowerBound..<marker.lowerBound, with: Data("<script src=\"/__katalog/reload.js\"></script>\n".utf8))
        }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: types[ext] ?? "application/octet-stream", .cacheControl: "no-store"], body: data)
    }
}

#else

/// The self-contained binary leaves out the live preview (see Package.swift).
public struct Serve: ConsoleCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Vis webstedet lokalt (ikke med i den selvstændige udgave af katalog).")

    @Option(name: .long, help: "Porten på 127.0.0.1.")
    var port = 8000

    @OptionGroup var folders: SiteFolders

    public init() {}

    public func execute(console: Console) -> Int32 {
        console.err("Forhåndsvisningen er ikke med i denne udgave af katalog. Brug `katalog check --watch`, eller byg katalog fra kildekoden.")
        return Exit.usage
    }
}
#endif
