import ArgumentParser
import Foundation
import KatalogCore
import KatalogLoad
import KatalogRules

public struct Check: ConsoleCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Tjek tilbuddene mod Sundhedsstyrelsens kvalitetsstandard (2024).",
        discussion: """
        Krav giver fejl, anbefalinger giver advarsler. Exit-kode 0: ingen fejl. 1: der er fejl \
        (med --strict også advarsler). 2: indholdet kan ikke læses, eller kommandoen er brugt forkert.
        """)

    @Option(name: .long, help: "Mappen med kommunernes tilbud.")
    var content = "Content"

    @Option(name: .long, help: "Uddataformat: text, json, github, junit eller sarif.")
    var format: FindingFormat = .text

    @Option(name: .long, help: "Højeste LIX for borgerrettet tekst (ellers lix-grænse i kommune.yml, ellers 35).")
    var lix: Int?

    @Flag(name: .long, help: "Behandl advarsler som fejl.")
    var strict = false

    @Flag(name: .long, help: "Bliv ved: tjek igen, hver gang en fil i indholdsmappen gemmes (stop med Ctrl-C).")
    var watch = false

    public init() {}

    public func execute(console: Console) -> Int32 {
        guard watch else { return checkOnce(console: console) }
        let watcher = ContentWatcher(folders: [content])
        var fingerprint = watcher.fingerprint()
        // Between checks, unchanged files are not parsed and unchanged modules not checked again.
        let caches = (load: LoadCache(), findings: FragmentCache())
        while true {
            _ = checkOnce(console: console, caches: caches)
            console.out("Venter på ændringer i \(content)/ … (stop med Ctrl-C)")
            fingerprint = watcher.waitForChange(since: fingerprint)
            console.out("\n── Ændret: tjekker igen ──")
        }
    }

    func checkOnce(console: Console, caches: (load: LoadCache, findings: FragmentCache)? = nil) -> Int32 {
        let catalog: Catalog
        caches?.findings.begin()
        defer { caches?.findings.sweep() }
        do {
            catalog = try ContentLoader().load(root: content, cache: caches?.load)
        } catch {
            // Files that cannot be read are reported in the chosen format too, so CI annotates the line.
            let findings = error.errors.map { Finding.unreadable($0) }
            console.out(format.render(findings, modules: 0, strict: strict))
            return Exit.usage
        }
        let findings = Validator(lixLimit: lix).validate(catalog, cache: caches?.findings)
        let output = format.render(findings, modules: catalog.modules.count, strict: strict)
        if !output.isEmpty { console.out(output) }
        let failing = findings.contains { $0.severity == .error || strict }
        return failing ? Exit.findings : Exit.ok
    }
}

