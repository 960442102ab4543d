import ArgumentParser
import Foundation
import KatalogBuild
import KatalogCore
import KatalogSupport
import KatalogExport
import KatalogLoad
import KatalogRules

extension Exporter.Format: ExpressibleByArgument {}

public struct Export: ConsoleCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Eksportér tilbuddene som felter til sundhed.dk (SOFT), som FHIR eller som nyhedsfeed.",
        discussion: """
        Formater: soft-csv (felterne til sundhed.dk, til Excel), soft-json, soft-schema (JSON Schema for soft-json), \
        fhir (FHIR R4 Bundle med kommunen og modtageren som Organization og tilbuddene som HealthcareService) og \
        atom (nyhedsfeed). sundhed.dk offentliggør intet importformat for SOFT; felterne er dem, der skal til for at \
        registrere et tilbud. `katalog build` skriver alle formater i eksport/ på webstedet.
        """)

    @Option(name: .long, help: "Formatet: soft-csv, soft-json, soft-schema, fhir eller atom.")
    var format: Exporter.Format

    @Option(name: .customLong("content"), help: "Mappen med kommunernes tilbud (standard: Content her eller i en mappe over).")
    var contentOption: String?

    var content: String { CatalogLocation.find(contentOption).content }

    @Option(name: .long, help: "Skriv til denne fil i stedet for til skærmen.")
    var output: String?

    @Option(name: .long, help: "Webstedets offentlige adresse (giver absolutte links).")
    var baseURL: String?

    @Flag(name: .customLong("overskriv"), help: "Erstat filen i --output, hvis den findes.")
    var overwrite = false

    public init() {}

    /// Refused before anything is done: a file that exists (without --overskriv), a folder, and
    /// any place inside the content folder.
    public func validate() throws {
        try BaseURL.validate(baseURL)
        guard let output else { return }
        if output.allSatisfy(\.isWhitespace) { throw ValidationError("--output er tom: angiv filen, eksporten skal skrives til") }
        let cwd = FileManager.default.currentDirectoryPath
        let file = Paths.resolved(Paths.absolute(output, from: cwd)), folder = Paths.resolved(Paths.absolute(content, from: cwd))
        if file == folder || file.hasPrefix(folder + "/") {
            throw ValidationError("--output `\(output)` ligger i indholdsmappen; skriv eksporten et andet sted, fx --output " +
                "\(format.fileName)")
        }
        switch Paths.kind(output) {
        case nil: return
        case .folder?: throw ValidationError("--output `\(output)` er en mappe; angiv et filnavn, fx --output \(format.fileName)")
        case .file? where overwrite && !Paths.isSymbolicLink(output): return
        case .file?: throw ValidationError("filen `\(output)` findes allerede; tilføj --overskriv for at erstatte den, eller vælg et " +
            "andet filnavn")
        case .other?: throw ValidationError("--output `\(output)` er ikke en almindelig fil; angiv et filnavn, fx --output " +
            "\(format.fileName)")
        }
    }

    public func execute(console: Console) -> Int32 {
        let checked: Checked
        do {
            checked = try BuildSession(options: BuildOptions(content: content), remembers: false).check()
        } catch {
            return report(error, console: console)
        }
        // An export for systems leaves nothing out silently: every file must read as written.
        guard checked.loaded.problems.isEmpty else {
            console.err(FindingFormat.text.render(checked.loaded.problems.map(Finding.input), modules: checked.catalog.modules.count))
            console.err("Eksporten er ikke lavet: ret fejlene i filerne først.")
            return Exit.findings
        }
        let catalog = checked.catalog
        let base = baseURL?.isEmpty == true ? nil : baseURL
        if base == nil, format != .softSchema {
            // No relative link is written that breaks where the file is read, but the reader should know.
            console.err("""
                Bemærk: uden --base-url er links relative til mappen eksport/ på webstedet, og FHIR-tilbuddene har intet link. \
                Angiv webstedets adresse, fx --base-url https://sundhed.kommune.dk/, for at få absolutte links.
                """)
        }
        let text = checked.export(format, baseURL: base)
        guard let output else {
            console.out(text.hasSuffix("\n") ? String(text.dropLast()) : text)
            return Exit.ok
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            console.err("Skrev \(catalog.modules.count) tilbud til \(output)")
            return Exit.ok
        } catch {
            console.err("fejl: kunne ikke skrive \(output): \(SystemError.danish(error))")
            return Exit.usage
        }
    }
}
