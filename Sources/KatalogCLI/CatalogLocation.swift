import Foundation
import KatalogCore
import KatalogSupport

/// Where the catalog is when no `--content` is given, found as git finds its repository: the
/// folder `Content` here or in any folder above, or, from inside a municipality folder (one with a
/// kommune.yml), the folder above it. The site and the templates then default to the catalog's
/// project folder (the one holding `Content`), not to wherever the command was run.
public struct CatalogLocation: Sendable, Equatable {
    /// The content folder, relative to the working folder where that is shorter (`../../Content`).
    public let content: String
    /// The project folder that holds it, for the defaults of `--output` and `--templates`.
    public let project: String

    static let defaultName = "Content"

    public init(content: String, project: String) {
        self.content = content
        self.project = project
    }

    /// `explicit`: `--content` as given (nil when left out).
    public static func find(_ explicit: String?, from folder: String = FileManager.default.currentDirectoryPath) -> CatalogLocation {
        if let explicit { return CatalogLocation(content: explicit, project: ".") }
        let start = Paths.absolute(folder, from: "/")
        func relative(_ path: String) -> String {
            guard path != start else { return "." }
            if path.hasPrefix(start + "/") { return String(path.dropFirst(start.count + 1)) }
            var up = start, steps = 0
            while !(path == up || path.hasPrefix(up == "/" ? "/" : up + "/")) {
                up = (up as NSString).deletingLastPathComponent
                steps += 1
            }
            let rest = path == up ? "" : String(path.dropFirst(up == "/" ? 1 : up.count + 1))
            return (Array(repeating: "..", count: steps) + (rest.isEmpty ? [] : [rest])).joined(separator: "/")
        }
        func isFolder(_ path: String) -> Bool { Paths.kind(path) == .folder }
        func isFile(_ path: String) -> Bool { if case .file? = Paths.kind(path) { return true }; return false }
        var here = start
        while true {
            if isFolder(here + "/" + defaultName) {
                return CatalogLocation(content: relative(here + "/" + defaultName), project: relative(here))
            }
            // A municipality folder: the catalog is the folder above it.
            if isFile(here + "/kommune.yml"), here != "/" {
                let root = (here as NSString).deletingLastPathComponent
                return CatalogLocation(content: relative(root), project: relative((root as NSString).deletingLastPathComponent))
            }
            guard here != "/" else { break }
            here = (here as NSString).deletingLastPathComponent
        }
        return CatalogLocation(content: defaultName, project: ".")
    }

    /// A default path (`Site`, `Templates`) inside the project folder.
    public func inProject(_ name: String) -> String { project == "." ? name : project + "/" + name }
}
