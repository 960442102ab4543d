import Foundation
import KatalogCLI
import KatalogBuild
import Testing
import Yams

@Suite("katalog init")
struct InitTests {
    func newFolder() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("katalog-init-\(UUID().uuidString)").path
    }

    @Test("init then check passes; a violation fails with a GitHub annotation on its line")
    func initThenCheck() throws {
        let folder = newFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let console = Console(capture: true)
        #expect(Katalog.run(["init", folder, "--kommune", "Norddal", "--kommunekode", "0999"], console: console) == 0, "\(console.errors)")
        let content = folder + "/Content"
        let modules = try FileManager.default.contentsOfDirectory(atPath: content + "/norddal").filter { $0.hasSuffix(".md") }
        #expect(modules.count == 8)
        #expect(!FileManager.default.fileExists(atPath: folder + "/Templates"), "templates only when asked")

        let check = Console(capture: true)
        #expect(Katalog.run(["check", "--content", content, "--strict"], console: check) == 0, "\(check.output)")

        let file = content + "/norddal/eksempel-alkohol.md"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "  - individuel\nformat:", with: "  - hold\nformat:").write(toFile: file, atomically: true, encoding: .utf8)
        let broken = Console(capture: true)
        #expect(Katalog.run(["check", "--content", content, "--format", "github"], console: broken) == 1)
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("form:") }) + 1
        #expect(broken.output.hasPrefix("::error file=\(file),line=\(line),col=1,title=K-8.3-1 §8.3::"))
    }

    @Test("init's examples are marked: with eksempeldata: false, check fails at each example value")
    func examplesAreMarked() throws {
        let folder = newFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(Katalog.run(["init", folder, "--kommune", "Norddal", "--kommunekode", "0999"], console: Console(capture: true)) == 0)
        let file = folder + "/Content/norddal/kommune.yml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        try text.replacingOccurrences(of: "eksempeldata: true", with: "eksempeldata: false").write(toFile: file, atomically: true, encoding: .utf8)
        let findings = try Pipeline(options: .init(content: folder + "/Content")).check().findings.filter { $0.rule.hasPrefix("EKSEMPEL") }
        // Every line of kommune.yml that holds an example value, and every example module.
        let exampleLines = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { $0.element.contains("EKSEMPEL") && !$0.element.hasPrefix("#") }.map { $0.offset + 1 }
        let flagged = Set(findings.filter { $0.location.file == file }.map(\.location.line))
        #expect(flagged == Set(exampleLines), "example values not reported: \(Set(exampleLines).subtracting(flagged).sorted())")
        #expect(exampleLines.count >= 20, "name, code and nothing else are the municipality's own")
        let modules = Set(findings.filter { $0.location.file.hasSuffix(".md") }.map(\.location.file))
        #expect(modules.count == 8)
        #expect(findings.allSatisfy { $0.severity == .error })
    }

    @Test("the GitHub workflow and GitLab file are valid YAML, and the commands they run work")
    func ciFiles() throws {
        let folder = newFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(Katalog.run(["init", folder, "--kommune", "Norddal Kommune", "--kommunekode", "0999", "--med-skabeloner"], console: Console(capture: true)) == 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/Templates/layout.mustache"))

        let workflow = try #require(try Yams.load(yaml: String(contentsOfFile: folder + "/.github/workflows/katalog.yml", encoding: .utf8)) as? [String: Any])
        let jobs = try #require(workflow["jobs"] as? [String: Any])
        #expect(Set(jobs.keys) == ["tjek", "udgiv"])
        let steps = try #require((jobs["tjek"] as? [String: Any])?["steps"] as? [[String: Any]])
        let commands = steps.compactMap { $0["run"] as? String }.filter { $0.hasPrefix("./katalog ") }
        #expect(commands == ["./katalog check --format github",
                             "./katalog check --format markdown >> \"$GITHUB_STEP_SUMMARY\" || true",
                             "./katalog check --format sarif > katalog.sarif || true",
                             "./katalog build --allow-errors",
                             "./katalog build --base-url \"${KATALOG_BASE_URL:-https://$GITHUB_REPOSITORY_OWNER.github.io/${GITHUB_REPOSITORY#*/}/}\""])
        // The site is built with its published address (GitHub Pages' for the repository unless KATALOG_BASE_URL says
        // otherwise), so the exports' links are absolute.
        let gitlab = try #require(try Yams.load(yaml: String(contentsOfFile: folder + "/.gitlab-ci.yml", encoding: .utf8)) as? [String: Any])
        #expect((gitlab["pages"] as? [String: Any])?["script"] as? [String] == ["./katalog build --output public --base-url \"$CI_PAGES_URL\""])
        #expect((gitlab["tjek"] as? [String: Any])?["script"] as? [String] == ["./katalog check --format text"])
        #expect(((gitlab["tjek"] as? [String: Any])?["artifacts"] as? [String: Any]).flatMap { ($0["reports"] as? [String: Any])?["junit"] as? String } == "katalog-junit.xml")

        // The same commands, with the folder's paths spelt out (CI runs them from the folder; tests
        // run in parallel and must not change the working directory).
        let paths = ["--content", folder + "/Content"]
        for format in ["github", "markdown", "sarif", "junit", "text"] {
            let console = Console(capture: true)
            #expect(Katalog.run(["check", "--format", format] + paths, console: console) == 0, "\(format): \(console.output)")
        }
        let site = paths + ["--templates", folder + "/Templates"]
        #expect(Katalog.run(["build", "--output", folder + "/Site"] + site, console: Console(capture: true)) == 0)
        #expect(Katalog.run(["build", "--output", folder + "/public", "--base-url", ""] + site, console: Console(capture: true)) == 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/Site/norddal/eksempel-alkohol.html"))
        #expect(FileManager.default.fileExists(atPath: folder + "/public/eksport/soft.csv"))
    }

    @Test("the CI files pass actionlint and GitLab CI's schema, as do this repository's workflows")
    func ciFilesLint() throws {
        let folder = newFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(Katalog.run(["init", folder, "--kommune", "Norddal Kommune", "--kommunekode", "0999"], console: Console(capture: true)) == 0)
        let workflows = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot + "/.github/workflows")
            .filter { $0.hasSuffix(".yml") }.map { repositoryRoot + "/.github/workflows/" + $0 }
        #expect(workflows.count == 2, "ci.yml and release.yml")
        let (lint, report) = try runTool(["actionlint", "-no-color", folder + "/.github/workflows/katalog.yml"] + workflows)
        #expect(lint == 0, "actionlint (run script/setup --test):\n\(report)")
        let (schema, schemaReport) = try runTool(["check-jsonschema", "--builtin-schema", "vendor.gitlab-ci", folder + "/.gitlab-ci.yml"])
        #expect(schema == 0, "GitLab CI schema:\n\(schemaReport)")
        // The checks can fail: an action on Node 20, and a job GitLab does not know.
        let old = folder + "/old.yml"
        try String(contentsOfFile: folder + "/.github/workflows/katalog.yml", encoding: .utf8)
            .replacingOccurrences(of: "actions/checkout@v5", with: "actions/checkout@v4").write(toFile: old, atomically: true, encoding: .utf8)
        #expect(try runTool(["actionlint", "-no-color", old]).0 != 0)
        try "tjek:\n  skript: [true]\n".write(toFile: folder + "/bad-gitlab.yml", atomically: true, encoding: .utf8)
        #expect(try runTool(["check-jsonschema", "--builtin-schema", "vendor.gitlab-ci", folder + "/bad-gitlab.yml"]).0 != 0)
    }

    @Test("the CI files fetch the release of the version that wrote them and refuse a binary whose checksum differs")
    func fetchesTheRelease() throws {
        let folder = newFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(Katalog.run(["init", folder, "--kommune", "Norddal Kommune", "--kommunekode", "0999"], console: Console(capture: true)) == 0)
        let workflow = try String(contentsOfFile: folder + "/.github/workflows/katalog.yml", encoding: .utf8)
        #expect(workflow.contains("KATALOG_RELEASE: https://github.com/\(KatalogVersion.repository)/releases/download/v\(KatalogVersion.version)"))
        let gitlab = try #require(try Yams.load(yaml: String(contentsOfFile: folder + "/.gitlab-ci.yml", encoding: .utf8)) as? [String: Any])
        let before = try #require((gitlab["default"] as? [String: Any])?["before_script"] as? [String]).dropFirst()
        #expect(Array(before) == Init.fetchCommands)
        #expect(workflow.contains(Init.fetchCommands.map { "          " + $0 }.joined(separator: "\n")), "the same commands on GitHub")
        // A release folder with a stand-in program and its checksum, fetched over file:// as curl would over https.
        let release = folder + "/release"
        try FileManager.default.createDirectory(atPath: release, withIntermediateDirectories: true)
        try "#!/bin/sh\necho \"katalog \(KatalogVersion.version)\"\n".write(toFile: release + "/katalog", atomically: true, encoding: .utf8)
        _ = try runTool(["bash", "-c", "cd '\(release)' && sha256sum katalog > katalog.sha256"])
        func fetch(_ environment: String) throws -> (Int32, String) {
            let work = folder + "/ci-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            return try runTool(["bash", "-c", "set -e; cd '\(work)'; export KATALOG_RELEASE='file://\(release)' \(environment); "
                                + Init.fetchCommands.joined(separator: "\n")])
        }
        let good = try fetch("KATALOG_URL= KATALOG_SHA256=")
        #expect(good.0 == 0 && good.1.contains("katalog \(KatalogVersion.version)"), "\(good.1)")
        #expect(try fetch("KATALOG_URL= KATALOG_SHA256=\(String(repeating: "0", count: 64))").0 != 0, "a pinned checksum that differs")
        try "#!/bin/sh\necho forfalsket\n".write(toFile: release + "/katalog", atomically: true, encoding: .utf8)
        let tampered = try fetch("KATALOG_URL= KATALOG_SHA256=")
        #expect(tampered.0 != 0 && !tampered.1.contains("forfalsket"), "\(tampered.1)")
        let other = try fetch("KATALOG_URL='file://\(release)/katalog' KATALOG_SHA256=")
        #expect(other.0 == 0 && other.1.contains("forfalsket"), "KATALOG_URL overrides the release")
    }

    @Test("init refuses a folder that is not empty")
    func refusesNonEmpty() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality])
        defer { catalog.remove() }
        let console = Console(capture: true)
        #expect(Katalog.run(["init", catalog.root.path, "--kommune", "X", "--kommunekode", "0999"], console: console) == 2)
        #expect(console.errors.contains("er ikke tom"))
    }

    @Test("check --format markdown summarises per file with links to the standard")
    func markdown() throws {
        let catalog = try exampleCopy(); defer { catalog.remove() }
        try edit(catalog, "fjordby/alkoholsamtale.md") { $0.replacingOccurrences(of: "form: [individuel]", with: "form: [hold]") }
        let output = catalog.run(["check", "--content", catalog.content, "--format", "markdown"]).console.output
        #expect(output.hasPrefix("## Kvalitetsstandarden: 1 fejl og 3 advarsler i 31 tilbud"))
        #expect(output.contains("/fjordby/alkoholsamtale\\.md</code> | 1 | 0 |"), "\(output)")
        #expect(output.contains("- ❌ **Fejl** [K-8.3-1 (§8.3)](https://www.sst.dk/"))
    }
}
