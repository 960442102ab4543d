import ArgumentParser
import Foundation
import KatalogBuild
import KatalogCore
import KatalogSupport
import KatalogLoad
import KatalogRules
import KatalogWrite
import NIOHTTP1

public struct Serve: ConsoleCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Vis webstedet lokalt, byg det igen ved hver ændring, og vis fejl direkte på siden.",
        discussion: "Åbn adressen i en browser. Siden opdaterer sig selv, når du gemmer. Stop med Ctrl-C.")

    @Option(name: .long, help: "Porten på 127.0.0.1.")
    var port = 8000

    @OptionGroup var folders: SiteFolders

    public init() {}

    public func execute(console: Console) -> Int32 {
        guard (1...65535).contains(port) else {
            console.err("Porten skal være et tal fra 1 til 65535, ikke \(port). Brug fx `katalog serve --port 8000`.")
            return Exit.usage
        }
        // The preview writes the same output folder a build does, under the same rule: only one it made.
        do { try OutputFolder.verify(folders.output, protecting: [folders.content, folders.templates]) } catch {
            console.err("fejl: \(error.description)")
            return Exit.usage
        }
        let state = PreviewState()
        let site = URL(fileURLWithPath: folders.output).standardizedFileURL.path
        // The port is taken before the first build, so a busy one is reported at once.
        do {
            try PreviewServer.start(port: port) { path in
                switch path {
                case "/__katalog/status":
                    PreviewResponse(status: .ok, contentType: "application/json; charset=utf-8", body: Array(state.statusJSON()))
                case "/__katalog/reload.js":
                    PreviewResponse(status: .ok, contentType: "text/javascript; charset=utf-8", body: Array(PreviewState.reloadScript.utf8))
                default:
                    PreviewFiles.response(for: path, in: site)
                }
            }
        } catch {
            console.err(error.description)
            return Exit.usage
        }
        let session = BuildSession(options: BuildOptions(content: folders.content, output: folders.output, templates: folders.templates,
            allowErrors: true))
        // The baseline is taken before the first build, so a save during start-up is not missed.
        let watcher = ContentWatcher(folders: [folders.content, folders.templates])
        var fingerprint = watcher.fingerprint()
        state.rebuild(session)
        console.out("Forhåndsvisning: http://127.0.0.1:\(port)/  (stop med Ctrl-C)")
        state.report(console)
        while true {
            fingerprint = watcher.waitForChange(since: fingerprint)
            // Only what the change affects is parsed, checked, rendered and written again.
            state.rebuild(session, incremental: true)
            state.report(console)
        }
    }
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
            line = """
                Bygget på \(ms) ms: \(report.catalog.modules.count) tilbud, \(report.rendered) sider genereret, \(found.count) fejl mod \
                kvalitetsstandarden.
                """
        } catch .input(let errors), .noCatalog(let errors) {
            found = errors.errors.map { Problem(.input($0)) }
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
