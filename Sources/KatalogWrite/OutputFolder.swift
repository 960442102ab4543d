import Foundation
import KatalogCore
import KatalogSupport

/// Which folder a build may replace. A build swaps a whole new site in for the output folder, so
/// it may replace only what it made itself: a folder that does not exist yet, an empty one, or a
/// site an earlier build wrote (it carries `marker`, which lists the files that build wrote) that
/// holds nothing else. Never the catalog's own folders, a folder containing them, the working
/// folder or the home folder, whatever they hold (Zola learned this from a user who wiped a whole
/// project with `--output-dir ..`: getzola/zola#1378).
public enum OutputFolder {
    /// The file a build leaves in the site: its presence says "katalog made this folder", and its
    /// lines name every file the build wrote.
    public static let marker = ".katalog-site"

    static let header = """
        # Dette websted er bygget af katalog. Mappen erstattes helt ved næste build, så læg ikke egne filer her.
        # Filerne nedenfor er dem, katalog har skrevet.

        """

    /// The marker's text for a site of these files.
    static func manifest(_ paths: some Sequence<String>) -> String {
        header + paths.sorted().joined(separator: "\n") + "\n"
    }

    /// Refuses, before anything is touched, an output folder the build may not replace.
    /// `protecting`: the content and templates folders (in that order).
    public static func verify(_ output: String, protecting: [String],
                              workingDirectory: String = FileManager.default.currentDirectoryPath,
                              home: String? = ProcessInfo.processInfo.environment["HOME"]) throws(SiteWriter.Failure) {
        func fail(_ text: String) -> SiteWriter.Failure { SiteWriter.Failure(description: text) }
        guard !output.allSatisfy(\.isWhitespace) else {
            throw fail("--output er tom: angiv mappen, webstedet skal skrives til, fx --output Site (er en variabel i CI ikke sat?)")
        }
        let absolute = Paths.absolute(output, from: workingDirectory)
        if Paths.isSymbolicLink(absolute) {
            throw fail("--output `\(output)` er et symbolsk link; angiv den mappe, det peger på, eller en anden mappe")
        }
        let real = Paths.resolved(absolute)
        guard real != "/" else { throw fail("--output `\(output)` er hele filsystemets rod; vælg en mappe til webstedet, fx --output " +
            "Site") }

        let names = ["indholdsmappen", "skabelonmappen"]
        var guarded: [(name: String, path: String, mayHoldOutput: Bool)] = zip(names, protecting).compactMap { name, path in
            FileManager.default.fileExists(atPath: path) ? (name, Paths.resolved(Paths.absolute(path, from: workingDirectory)), false) : nil
        }
        guarded.append(("den mappe, du står i", Paths.resolved(workingDirectory), true))
        if let home, !home.isEmpty { guarded.append(("din hjemmemappe", Paths.resolved(home), true)) }
        for folder in guarded where folder.path == real {
            throw fail("--output `\(output)` er \(folder.name); katalog erstatter hele output-mappen, så vælg en anden, fx --output Site")
        }
        for folder in guarded where folder.path.hasPrefix(real + "/") {
            throw fail("--output `\(output)` indeholder \(folder.name); katalog erstatter hele output-mappen, så vælg en anden, fx " +
                "--output Site")
        }
        for folder in guarded where !folder.mayHoldOutput && real.hasPrefix(folder.path + "/") {
            throw fail("--output `\(output)` ligger inde i \(folder.name); vælg en mappe uden for den, fx --output Site")
        }

        var info = stat()
        guard lstat(absolute, &info) == 0 else {
            // Does not exist yet: the build makes it, in the nearest folder that does.
            var parent = (absolute as NSString).deletingLastPathComponent
            while lstat(parent, &info) != 0, parent != "/" { parent = (parent as NSString).deletingLastPathComponent }
            switch Paths.kind(parent) {
            case .folder?: break
            case nil: throw fail("--output `\(output)` kan ikke laves: `\(parent)` er et symbolsk link, der ikke fører nogen steder hen")
            default: throw fail("--output `\(output)` kan ikke laves: `\(parent)` er en fil, ikke en mappe")
            }
            if (absolute as NSString).lastPathComponent.utf8.count > 200 {
                throw fail("--output `\(output)`: navnet er for langt; vælg et kortere, fx --output Site")
            }
            return
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw fail("--output `\(output)` er en fil, ikke en mappe; vælg en mappe til webstedet, fx --output Site")
        }
        guard info.st_mode & 0o200 != 0, access(absolute, W_OK) == 0 else {
            throw fail("""
                mappen `\(output)` er skrivebeskyttet, så katalog ændrer den ikke; giv skriveadgang (chmod u+w \(output)) eller vælg en \
                anden mappe med --output
                """)
        }
        let extra = foreignEntries(absolute)
        guard !extra.isEmpty else { return }
        let shown = extra.prefix(5).joined(separator: ", ") + (extra.count > 5 ? " og \(extra.count - 5) flere" : "")
        if case .file? = Paths.kind(absolute + "/" + marker), !Paths.isSymbolicLink(absolute + "/" + marker) {
            throw fail("""
                mappen `\(output)` indeholder filer, som katalog ikke har lavet (\(shown)); katalog erstatter hele mappen og ville slette \
                dem: flyt dem, eller vælg en anden mappe med --output, fx --output Site
                """)
        }
        var message = """
            mappen `\(output)` findes og indeholder filer, som katalog ikke har lavet (\(shown)); katalog erstatter kun en mappe, det selv \
            har bygget, eller en tom mappe: vælg en anden mappe med --output, fx --output Site, eller tøm mappen selv
            """
        if ["index.html", "kvalitet", "eksport", "assets"].allSatisfy({ FileManager.default.fileExists(atPath: absolute + "/" + $0) }) {
            message += ". Er det et websted fra en ældre udgave af katalog, så slet mappen, og byg igen"
        }
        throw fail(message)
    }

    /// What the folder holds that the build which left its marker did not write (everything, in a
    /// folder without a marker). Relative paths, sorted; symbolic links are not followed.
    /// Names are compared as bytes: a user's file whose name is another's in other Unicode (NFD
    /// beside NFC) is not the file katalog wrote.
    static func foreignEntries(_ folder: String) -> [String] {
        var written: Set<[UInt8]> = []
        let markerIsFile = Paths.isSymbolicLink(folder + "/" + marker) == false && { if case .file? = Paths.kind(folder + "/"
            + marker) { return true }; return false }()
        if markerIsFile, let data = FileManager.default.contents(atPath: folder + "/" + marker) {
            for line in data.split(separator: 0x0A) where line.first != 0x23 { written.insert(Array(line)) }
        }
        var folders: Set<[UInt8]> = []
        for path in written {
            var parts = path.split(separator: 0x2F).dropLast()
            while !parts.isEmpty {
                folders.insert(Array(parts.joined(separator: [0x2F])))
                parts.removeLast()
            }
        }
        var extra: [String] = []
        Paths.walk(folder) { relative, isDirectory in
            if relative == marker && markerIsFile { return false }
            let bytes = Array(relative.utf8)
            let ours = isDirectory ? folders.contains(bytes) : written.contains(bytes)
            if !ours { extra.append(relative) }
            return ours   // a foreign folder is named once, not file by file
        }
        return extra.sorted()
    }
}

