import ArgumentParser
import Foundation
import KatalogBuild
import KatalogCore
import KatalogSupport
import KatalogLoad
import KatalogRules

public struct Check: ConsoleCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Tjek tilbuddene mod Sundhedsstyrelsens kvalitetsstandard (2024).",
        discussion: """
        Krav giver fejl, anbefalinger giver advarsler. Hver fil og hvert felt tjekkes, også når andre \
        har fejl. Exit-kode 0: ingen fejl. 1: der er fejl (med --strict også advarsler). 2: der er intet \
        katalog at tjekke, eller kommandoen er brugt forkert.
        """)

    @Option(name: .customLong("content"), help: "Mappen med kommunernes tilbud (standard: Content her eller i en mappe over).")
    var contentOption: String?

    var content: String { CatalogLocation.find(contentOption).content }

    @Option(name: .long, help: "Uddataformat: text, json, github, junit eller sarif.")
    var format: FindingFormat = .text

    @Option(name: .long, help: "Højeste LIX for borgerrettet tekst (ellers lix-grænse i kommune.yml, ellers 35).")
    var lix: Int?

    @Flag(name: .long, help: "Behandl advarsler som fejl.")
    var strict = false

    @Flag(name: .long, help: "Bliv ved: tjek igen, hver gang en fil i indholdsmappen gemmes (stop med Ctrl-C).")
    var watch = false

    public init() {}

    public func validate() throws { try LIXOption.validate(lix) }

    public func execute(console: Console) -> Int32 {
        let session = BuildSession(options: BuildOptions(content: content, lixLimit: lix))
        guard watch else { return checkOnce(session, console: console) }
        let watcher = ContentWatcher(folders: [content])
        var fingerprint = watcher.fingerprint()
        // Between checks, unchanged files are not parsed and unchanged modules not checked again.
        while true {
            _ = checkOnce(session, console: console)
            console.out("Venter på ændringer i \(content)/ … (stop med Ctrl-C)")
            fingerprint = watcher.waitForChange(since: fingerprint)
            console.out("\n── Ændret: tjekker igen ──")
        }
    }

    func checkOnce(_ session: BuildSession, console: Console) -> Int32 {
        let result: Checked
        do {
            result = try session.check()
        } catch {
            // No catalog to check: said in the chosen format too, so CI shows it where it looks.
            guard case .noCatalog(let errors) = error else { return Exit.usage }
            console.out(format.render(errors.errors.map(Finding.input), modules: 0, strict: strict))
            return Exit.usage
        }
        let output = format.render(result.findings, modules: result.catalog.modules.count, courses: result.catalog.courses.count,
                                   strict: strict)
        if !output.isEmpty { console.out(output) }
        let failing = result.findings.contains { $0.severity == .error || strict }
        return failing ? Exit.findings : Exit.ok
    }
}
