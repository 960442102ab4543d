import Foundation
import KatalogCLI
import KatalogCore
import KatalogSupport
import KatalogLoad
import KatalogWrite
import Testing

/// Runs the debug binary in its own process, in `folder`: cases that could delete the working
/// folder or the home folder if they regressed are confined to a throwaway folder this way.
func katalog(_ arguments: [String], in folder: String, environment: [String: String] = [:]) throws -> (code: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: repositoryRoot + "/.build/debug/katalog")
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, output)
}

/// Every path under `folder` (relative), so a test can see that nothing was deleted or added.
func listing(_ folder: String) -> [String] {
    (FileManager.default.subpaths(atPath: folder) ?? []).sorted()
}

@Suite("Safety: the output folder")
struct OutputFolderTests {
    /// A project folder as a municipality has it: the catalog, a git folder and a note of its own.
    func project() throws -> TempCatalog {
        let catalog = try exampleCopy()
        try FileManager.default.createDirectory(atPath: catalog.root.path + "/.git", withIntermediateDirectories: true)
        try "ref: refs/heads/main\n".write(toFile: catalog.root.path + "/.git/HEAD", atomically: true, encoding: .utf8)
        try "Mine noter\n".write(toFile: catalog.root.path + "/notes.txt", atomically: true, encoding: .utf8)
        return catalog
    }

    @Test("`--output .` in a project folder is refused and deletes nothing", arguments: [".", "", "Content", "Content/fjordby", "notes.txt", "./"])
    func refusesProjectFolders(output: String) throws {
        let catalog = try project()
        defer { catalog.remove() }
        let before = listing(catalog.root.path)
        let (code, text) = try katalog(["build", "--content", "Content", "--output", output], in: catalog.root.path)
        #expect(code == 2, "\(output): \(text)")
        #expect(listing(catalog.root.path) == before, "nothing may be deleted or added for --output '\(output)'")
        #expect(text.contains("fejl:"), "\(text)")
        #expect(!text.contains("Bygget"))
    }

    @Test("the messages name the folder, say what is in it and how to choose another")
    func messages() throws {
        let catalog = try project()
        defer { catalog.remove() }
        let root = catalog.root.path
        try FileManager.default.createDirectory(atPath: root + "/Andet", withIntermediateDirectories: true)
        try "x".write(toFile: root + "/Andet/rapport.docx", atomically: true, encoding: .utf8)
        var (_, text) = try katalog(["build", "--output", "Andet"], in: root)
        #expect(text.contains("fejl: mappen `Andet` findes og indeholder filer, som katalog ikke har lavet (rapport.docx)"), "\(text)")
        #expect(text.contains("vælg en anden mappe med --output, fx --output Site"), "\(text)")
        (_, text) = try katalog(["build", "--output", ""], in: root)
        #expect(text.contains("fejl: --output er tom"), "\(text)")
        (_, text) = try katalog(["build", "--output", "."], in: root)
        #expect(text.contains("fejl: --output `.` er den mappe, du står i"), "\(text)")
        (_, text) = try katalog(["build", "--output", "Content"], in: root)
        #expect(text.contains("fejl: --output `Content` er indholdsmappen"), "\(text)")
        (_, text) = try katalog(["build", "--output", "Content/fjordby"], in: root)
        #expect(text.contains("fejl: --output `Content/fjordby` ligger inde i indholdsmappen"), "\(text)")
        (_, text) = try katalog(["build", "--output", "notes.txt"], in: root)
        #expect(text.contains("fejl: --output `notes.txt` er en fil, ikke en mappe"), "\(text)")
    }

    @Test("the home folder is refused, whatever it holds")
    func home() throws {
        let catalog = try exampleCopy()
        defer { catalog.remove() }
        let home = catalog.root.path + "/hjem"
        try FileManager.default.createDirectory(atPath: home + "/.ssh", withIntermediateDirectories: true)
        try "nøgle".write(toFile: home + "/.ssh/id_ed25519", atomically: true, encoding: .utf8)
        let (code, text) = try katalog(["build", "--content", catalog.content, "--output", home], in: catalog.root.path, environment: ["HOME": home])
        #expect(code == 2)
        #expect(text.contains("er din hjemmemappe"), "\(text)")
        #expect(FileManager.default.fileExists(atPath: home + "/.ssh/id_ed25519"))
    }

    @Test("the check refuses `/`, the working folder and folders that contain the catalog, marker or not")
    func verify() throws {
        let catalog = try exampleCopy()
        defer { catalog.remove() }
        let root = catalog.root.path
        func reason(_ output: String, cwd: String = "/tmp/ingen-steder", home: String? = nil) -> String? {
            do {
                try OutputFolder.verify(output, protecting: [catalog.content, templates], workingDirectory: cwd, home: home)
                return nil
            } catch { return error.description }
        }
        #expect(reason("/")?.contains("er hele filsystemets rod") == true)
        #expect(reason(root)?.contains("indeholder indholdsmappen") == true)
        #expect(reason(root + "/x/..")?.contains("indeholder indholdsmappen") == true)
        #expect(reason(repositoryRoot)?.contains("indeholder skabelonmappen") == true)
        #expect(reason(templates + "/assets")?.contains("ligger inde i skabelonmappen") == true)
        #expect(reason(root + "/ny", cwd: root + "/ny")?.contains("er den mappe, du står i") == true)
        #expect(reason(root + "/ny/a", cwd: root + "/ny/a/b")?.contains("indeholder den mappe, du står i") == true)
        #expect(reason(root + "/hjem", home: root + "/hjem")?.contains("er din hjemmemappe") == true)
        #expect(reason(root + "/Site") == nil, "a folder that does not exist yet is fine")
        try FileManager.default.createDirectory(atPath: root + "/Tom", withIntermediateDirectories: true)
        #expect(reason(root + "/Tom") == nil, "an empty folder is fine")
        // A marker does not make the catalog's own folders replaceable.
        try "".write(toFile: catalog.content + "/" + OutputFolder.marker, atomically: true, encoding: .utf8)
        #expect(reason(catalog.content)?.contains("er indholdsmappen") == true)
        // A symbolic link is not followed and replaced.
        try FileManager.default.createSymbolicLink(atPath: root + "/Link", withDestinationPath: root + "/Tom")
        #expect(reason(root + "/Link")?.contains("er et symbolsk link") == true)
    }

    @Test("a site katalog built is replaced by the next build; a file added to it by hand stops the build")
    func rebuildsItsOwnSite() throws {
        let catalog = try exampleCopy()
        defer { catalog.remove() }
        let site = catalog.output
        let first = catalog.run(["build", "--content", catalog.content, "--output", site, "--templates", templates])
        #expect(first.code == 0, "\(first.console.errors)")
        #expect(FileManager.default.fileExists(atPath: site + "/" + OutputFolder.marker))
        let second = catalog.run(["build", "--content", catalog.content, "--output", site, "--templates", templates])
        #expect(second.code == 0, "rebuilding an earlier site stays one command: \(second.console.errors)")
        try "example.org".write(toFile: site + "/CNAME", atomically: true, encoding: .utf8)
        let before = listing(site)
        let third = catalog.run(["build", "--content", catalog.content, "--output", site, "--templates", templates])
        #expect(third.code == 2)
        #expect(third.console.errors.contains("indeholder filer, som katalog ikke har lavet (CNAME)"), "\(third.console.errors)")
        #expect(listing(site) == before)
    }

    @Test("a read-only output folder is refused with a Danish message, and no staging folder is left behind")
    func readOnly() throws {
        let catalog = try exampleCopy()
        defer {
            chmod(catalog.output, 0o755)
            catalog.remove()
        }
        #expect(catalog.run(["build", "--content", catalog.content, "--output", catalog.output, "--templates", templates]).code == 0)
        let before = listing(catalog.output)
        chmod(catalog.output, 0o555)
        let (code, console) = catalog.run(["build", "--content", catalog.content, "--output", catalog.output, "--templates", templates])
        #expect(code == 2)
        #expect(console.errors.contains("er skrivebeskyttet"), "\(console.errors)")
        #expect(listing(catalog.output) == before)
        #expect(listing(catalog.root.path).filter { $0.hasPrefix(".Site") }.isEmpty, "\(listing(catalog.root.path))")
    }

    @Test("a failure of the file system is told in Danish, without Foundation's error codes")
    func systemErrorsInDanish() throws {
        let catalog = try exampleCopy()
        defer { catalog.remove() }
        try "x".write(toFile: catalog.root.path + "/fil", atomically: true, encoding: .utf8)
        let (code, console) = catalog.run(["build", "--content", catalog.content, "--output", catalog.root.path + "/fil/Site", "--templates", templates])
        #expect(code == 2)
        #expect(console.errors.contains("er en fil, ikke en mappe"), "\(console.errors)")
        #expect(!console.errors.contains("NSCocoaErrorDomain") && !console.errors.contains("The operation"), "\(console.errors)")
        #expect(SystemError.danish(ENOSPC) == "der er ikke mere plads på disken")
        #expect(SystemError.danish(EACCES) == "adgang nægtet")
        #expect(SystemError.danish(ENAMETOOLONG) == "navnet er for langt til filsystemet")
    }
}

@Suite("Safety: the other commands write only what they make")
struct OtherCommandsTests {
    @Test("export --output refuses an existing file (unless --overskriv), a folder and the content folder")
    func exportOutput() throws {
        let catalog = try exampleCopy()
        defer { catalog.remove() }
        let notes = catalog.root.path + "/noter.txt"
        try "Mine noter\n".write(toFile: notes, atomically: true, encoding: .utf8)
        var run = catalog.run(["export", "--format", "soft-csv", "--content", catalog.content, "--output", notes])
        #expect(run.code == 2)
        #expect(run.console.errors.contains("fejl: filen `\(notes)` findes allerede; tilføj --overskriv for at erstatte den"), "\(run.console.errors)")
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "Mine noter\n")
        run = catalog.run(["export", "--format", "soft-csv", "--content", catalog.content, "--output", catalog.content + "/fjordby/kommune.yml", "--overskriv"])
        #expect(run.code == 2)
        #expect(run.console.errors.contains("ligger i indholdsmappen"), "\(run.console.errors)")
        run = catalog.run(["export", "--format", "soft-csv", "--content", catalog.content, "--output", catalog.root.path])
        #expect(run.code == 2)
        #expect(run.console.errors.contains("er en mappe"), "\(run.console.errors)")
        let csv = catalog.root.path + "/soft.csv"
        #expect(catalog.run(["export", "--format", "soft-csv", "--content", catalog.content, "--output", csv]).code == 0)
        #expect(catalog.run(["export", "--format", "soft-csv", "--content", catalog.content, "--output", csv, "--overskriv"]).code == 0)
    }

    @Test("a template that cannot be parsed is reported in Danish at its line")
    func templateErrors() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule()])
        defer { catalog.remove() }
        let own = catalog.root.path + "/Templates"
        try FileManager.default.copyItem(atPath: templates, toPath: own)
        try "{{% CONTENT_TYPE: HTML }}\n<p>\n{{#items}}\n".write(toFile: own + "/postcodes.mustache", atomically: true, encoding: .utf8)
        let (code, console) = catalog.run(["build", "--content", catalog.content, "--output", catalog.output, "--templates", own, "--allow-errors"])
        #expect(code == 1)
        // At the tag that opened the section (line 3), not at the end of the file.
        #expect(console.errors.contains("postcodes.mustache:3:1: fejl: skabelonen kan ikke læses: sektionen `items` lukkes aldrig (mangler `{{/items}}`)"),
                "\(console.errors)")
    }
}
