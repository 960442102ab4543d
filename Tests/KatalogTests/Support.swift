import Foundation
import KatalogCLI
import KatalogCore
import KatalogSupport
import KatalogLoad

/// The repository root, found from this file's path.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// Today's date for the whole test process (`KATALOG_I_DAG`, read by `DayStamp`), set before the
/// first catalog is made: team starts before it leave the site, so no test depends on the day it runs.
/// Set once and never changed, since tests run in parallel.
let fixedToday: String = {
    setenv(DayStamp.variable, "2027-01-15", 1)
    return "2027-01-15"
}()

let exampleContent: String = {
    _ = fixedToday
    return repositoryRoot + "/Content"
}()
let templates = repositoryRoot + "/Templates"

/// A throwaway catalog on disk, written inline in the test (as Hugo's integration tests do).
struct TempCatalog {
    let root: URL
    var content: String { root.appendingPathComponent("Content").path }
    var output: String { root.appendingPathComponent("Site").path }

    init(_ files: [String: String]) throws {
        _ = fixedToday
        root = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-test-\(UUID().uuidString)")
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = root.appendingPathComponent("Content").appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func load() throws -> Catalog { try ContentLoader().load(root: content) }

    /// Runs `katalog` in-process; returns exit code and console.
    func run(_ arguments: [String]) -> (code: Int32, console: Console) {
        let console = Console(capture: true)
        let code = Katalog.run(arguments, console: console)
        return (code, console)
    }

    /// Builds as a preview (`--allow-errors`): the small inline catalogs do not meet the standard.
    func build() -> (code: Int32, console: Console) {
        run(["build", "--content", content, "--output", output, "--templates", templates, "--allow-errors"])
    }

    /// Builds as CI does: any error, in a file or against the standard, stops it.
    func strictBuild() -> (code: Int32, console: Console) {
        run(["build", "--content", content, "--output", output, "--templates", templates])
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// Testby is fictitious, so its code is no municipality's: an example catalog (`eksempeldata: true`).
let validMunicipality = """
navn: Testby Kommune
kommunekode: "0999"
eksempeldata: true
kontakt:
  telefon: 11 22 33 44
tilgængelighedserklæring: https://was.digst.dk/testby
"""

/// A small valid module; `extra` lines are added to the front matter.
func validModule(titel: String = "Træning på hold", extra: String = "") -> String {
    _ = fixedToday
    return """
    ---
    titel: \(titel)
    resume: Du træner med andre to gange om ugen.
    indsats: fysisk-aktivitet
    variant: superviseret-træning
    indhold: [aerob, styrke]
    målgruppe:
      diagnoser: [kol, type-2-diabetes]
    adgang:
      egen-henvendelse: true
    form: [hold]
    format: [fremmøde]
    test:
      start: 30 sekunders rejse-sætte-sig-test
      slut: 30 sekunders rejse-sætte-sig-test
    \(extra)
    opdateret: 2026-10-01
    ---
    Du træner med andre. Det er sjovt.
    """
}

extension InputErrors {
    var first: InputError { errors[0] }
}

/// The data of one file of a built site's search index (`soeg/NAME.js`), without its script wrapper.
func searchData(_ site: String, _ name: String) throws -> String {
    let script = try String(contentsOfFile: site + "/soeg/\(name).js", encoding: .utf8)
    let prefix = "TILBUDSSOEG.add(\"\(name)\", "
    guard let start = script.range(of: prefix), let end = script.range(of: ");\n", options: .backwards) else { return "" }
    return String(script[start.upperBound..<end.lowerBound])
}

func loadErrors(_ files: [String: String]) throws -> [InputError] {
    let catalog = try TempCatalog(files)
    defer { catalog.remove() }
    do {
        _ = try catalog.load()
        return []
    } catch let error as InputErrors {
        return error.errors
    }
}
