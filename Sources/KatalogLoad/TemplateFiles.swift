import Foundation
import KatalogCore
import KatalogSupport

/// Reads a templates folder (`*.mustache` and `assets/`) for the renderer, inside the same walls
/// as the content: every file, every symbolic link resolved, lies inside the folder, is a regular
/// file, and is not larger than `maximumBytes`.
public enum TemplateFiles {
    public static let maximumBytes = 50_000_000

    /// The folder's files by path relative to it; nil when there is no such folder (the build
    /// then uses the built-in templates).
    public static func read(_ folder: String) throws(InputErrors) -> [String: Data]? {
        guard Paths.kind(folder) == .folder else { return nil }
        var files: [String: Data] = [:]
        var errors: [InputError] = []
        Paths.walk(folder) { relative, isDirectory in
            let path = folder + "/" + relative
            if isDirectory { return true }
            if let error = Containment.check(path, root: folder, rootName: "skabelonmappen") {
                errors.append(error)
                return false
            }
            switch Paths.kind(path) {
            case .file(let size)? where size > maximumBytes:
                errors.append(InputError(SourceLocation(file: path, line: 1),
                    "filen er for stor (\(size / 1_000_000) MB); en skabelon eller et asset må højst fylde \(maximumBytes / 1_000_000) MB"))
            case .file?:
                if let data = FileManager.default.contents(atPath: path) {
                    files[relative] = data
                } else {
                    errors.append(InputError(SourceLocation(file: path, line: 1), "filen kan ikke læses"))
                }
            default:
                errors.append(InputError(SourceLocation(file: path, line: 1), "`\(relative)` i skabelonmappen er ikke en almindelig fil",
                                         hint: "læg kun skabeloner og filer (ikke links til mapper) i skabelonmappen"))
            }
            return false
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        return files
    }
}
