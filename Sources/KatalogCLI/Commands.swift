import ArgumentParser
import Foundation
import KatalogBuild
import KatalogCore
import KatalogSupport
import KatalogLoad

/// A command that runs against a `Console` and returns an exit code, so tests run it in-process.
public protocol ConsoleCommand: ParsableCommand {
    func execute(console: Console) -> Int32
}

extension ConsoleCommand {
    public func run() throws {
        let code = execute(console: .standard)
        if code != 0 { throw ExitCode(code) }
    }
}

public struct Katalog: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "katalog",
        abstract: "Tilbudskatalog: forebyggelsestilbud til borgere med kronisk sygdom (sundhedslovens §119).",
        discussion: """
        Kataloget læses fra en mappe med én mappe pr. kommune (kommune.yml og én .md-fil pr. tilbud) \
        og bliver til et tilgængeligt websted.
        """,
        version: KatalogVersion.description,
        subcommands: [Init.self, Build.self, Check.self, New.self, Serve.self, Export.self, Rules.self, Explain.self],
        defaultSubcommand: nil)

    public init() {}

    /// Parses `arguments` and runs the command against `console`; returns the exit code.
    public static func run(_ arguments: [String], console: Console) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            if let command = command as? any ConsoleCommand {
                return command.execute(console: console)
            }
            try command.run()
            return Exit.ok
        } catch {
            // Help, the version and misuse, in Danish; misuse exits 2 (as the README says), not 64.
            let code = exitCode(for: error)
            let message = DanishArguments.translate(fullMessage(for: error))
            if !message.isEmpty { (code == ExitCode.success ? console.out : console.err)(message) }
            return code == .success ? Exit.ok : Exit.usage
        }
    }
}


/// The folders a command that builds the site reads from and writes to.
public struct SiteFolders: ParsableArguments {
    @Option(name: .customLong("content"), help: "Mappen med kommunernes tilbud (standard: Content her eller i en mappe over).")
    var contentOption: String?

    @Option(name: .customLong("output"), help: "Mappen, webstedet skrives til (standard: Site ved siden af Content).")
    var outputOption: String?

    @Option(name: .customLong("templates"),
        help: "Mappen med skabeloner (Mustache); uden den bruges de indbyggede (standard: Templates ved siden af Content).")
    var templatesOption: String?

    public init() {}

    var location: CatalogLocation { CatalogLocation.find(contentOption) }
    var content: String { location.content }
    var output: String { outputOption ?? location.inProject("Site") }
    var templates: String { templatesOption ?? location.inProject("Templates") }
}

public struct Build: ConsoleCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Byg webstedet fra indholdsmappen.",
        discussion: "Ved fejl vises fil og linje, og det tidligere websted bliver stående uændret.")

    @OptionGroup var folders: SiteFolders

    @Flag(name: .long, help: "Byg også, selv om tilbuddene bryder et krav (forhåndsvisning).")
    var allowErrors = false

    @Option(name: .long, help: "Højeste LIX for borgerrettet tekst (ellers lix-grænse i kommune.yml, ellers 35).")
    var lix: Int?

    @Option(name: .long, help: """
        Webstedets offentlige adresse, fx https://sundhed.fjordby.dk/tilbud/ (giver absolutte links i eksport og feeds).
        """)
    var baseURL: String?

    @Flag(name: .long, help: "Vis tid for hvert trin.")
    var verbose = false

    @Flag(name: .long, help: """
        Bliv ved: byg igen, hver gang en fil i indholdsmappen eller skabelonerne gemmes. Kun det, der er ændret, bygges igen (stop med \
        Ctrl-C).
        """)
    var watch = false

    public init() {}

    public func validate() throws {
        try BaseURL.validate(baseURL)
        try LIXOption.validate(lix)
    }

    public func execute(console: Console) -> Int32 {
        let session = BuildSession(options: BuildOptions(content: folders.content, output: folders.output, templates: folders.templates,
                                                  allowErrors: allowErrors, lixLimit: lix, baseURL: baseURL?.isEmpty == true
                                                      ? nil : baseURL),
                                   remembers: watch)
        guard watch else { return buildOnce(session, incremental: false, console: console) }
        let watcher = ContentWatcher(folders: [folders.content, folders.templates])
        var fingerprint = watcher.fingerprint()
        _ = buildOnce(session, incremental: false, console: console)
        while true {
            console.out("Venter på ændringer i \(folders.content)/ og \(folders.templates)/ … (stop med Ctrl-C)")
            fingerprint = watcher.waitForChange(since: fingerprint)
            _ = buildOnce(session, incremental: true, console: console)
        }
    }

    private func buildOnce(_ session: BuildSession, incremental: Bool, console: Console) -> Int32 {
        let started = Date()
        do {
            let report = try session.build(incremental: incremental)
            let catalog = report.catalog
            if incremental {
                let ms = Int((Date().timeIntervalSince(started) * 1000).rounded())
                console.out("""
                    Bygget igen på \(ms) ms: \(report.parsed) filer læst, \(report.rendered) sider genereret, \(report.written) filer \
                    skrevet.
                    """)
            } else {
                console.out("""
                    Bygget: \(catalog.municipalities.count) kommuner, \(catalog.modules.count) tilbud, \
                    \(catalog.courses.isEmpty ? "" : "\(catalog.courses.count) forløb, ")\(report.fileCount) filer i \
                    \(folders.output)/
                    """)
            }
            let errors = report.findings.filter { $0.severity == .error }.count
            if errors > 0 {
                console.err("Bemærk: \(errors) fejl mod kvalitetsstandarden er bygget med, fordi --allow-errors er sat. Kør `katalog " +
                    "check`.")
            } else if !report.findings.isEmpty {
                console.out("\(report.findings.count) advarsler mod kvalitetsstandarden. Kør `katalog check` for detaljer.")
            }
            if verbose {
                for (stage, seconds) in report.timings {
                    let name = stage.padding(toLength: 14, withPad: " ", startingAt: 0)
                    console.out("  \(name)" + String(format: "%8.1f ms", seconds * 1000))
                }
            }
            return Exit.ok
        } catch {
            return report(error, console: console)
        }
    }
}

func report(_ failure: BuildFailure, console: Console) -> Int32 {
    switch failure {
    case .noCatalog(let errors):
        for error in errors.errors { console.err(error.description) }
        return Exit.usage
    case .input(let errors):
        for error in errors.errors { console.err(error.description) }
        console.err("\(errors.errors.count) fejl – intet er ændret i output-mappen.")
        return Exit.findings
    case .findings(let findings, let modules):
        console.err(FindingFormat.text.render(findings, modules: modules))
        console.err("Kataloget har fejl – intet er ændret i output-mappen. Ret fejlene, eller byg en forhåndsvisning med --allow-errors.")
        return Exit.findings
    case .output(let message):
        console.err("fejl: \(message)")
        return Exit.usage
    }
}
