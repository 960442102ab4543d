import Foundation
import KatalogCore
import KatalogSupport

/// A settings file of the catalog, YAML without front matter read against its schema: a
/// municipality's `kommune.yml` and the catalog's own `katalog.yml`. Both are found, read and
/// cached the same way: inside the content folder (no symbolic link out of it), a regular file of
/// at most 1 MB, every problem reported at its line and a bad value left out.
enum SettingsFile {
    typealias Parsed = (fields: FieldTable, problems: [InputError])

    /// The fields that could be read, and every problem; `yamlRead`: the YAML itself could be read
    /// (else only that is reported, not the keys it lacks).
    static func read(data: Data, file: String, schema: [Field]) -> (parsed: Parsed, yamlRead: Bool) {
        let text: String
        var problems: [InputError]
        do { (text, problems) = try SourceText.decode(data, file: file) } catch {
            return ((FieldTable(), [error]), false)
        }
        var reader = FieldReader(file: file, firstLine: 1)
        let fields = reader.read(yaml: text, schema: schema)
        problems += reader.errors
        return ((fields, problems), !reader.errors.contains { $0.rule == "YAML" })
    }

    /// The file at `path` parsed with `parse` (through `cache`, which parses it again only when it
    /// changed) and the fingerprint of its bytes; an error when it is a symbolic link out of `root`
    /// or not a regular file; nil when there is no file to read.
    static func load(_ path: String, root: String, cache: LoadCache?, parse: (Data, Int) -> Parsed) -> (value: Parsed, fingerprint: Int)? {
        if let error = Containment.check(path, root: root) ?? ContentLoader.notAFile(path) {
            return ((FieldTable(), [error]), 0)
        }
        if let cache { return cache.config(path, parse: parse) }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let fingerprint = LoadCache.fingerprint(path, data)
        return (parse(data, fingerprint), fingerprint)
    }
}

/// Parses `katalog.yml`, the catalog's own settings (optional): a pure function of its bytes.
public enum CatalogSettingsParser {
    /// The file's name, in the content folder.
    public static let fileName = "katalog.yml"

    public static func read(data: Data, file: String) -> (fields: FieldTable, problems: [InputError]) {
        var ((fields, problems), _) = SettingsFile.read(data: data, file: file, schema: Schema.catalog)
        if let owner = fields.text(CatalogKey.owner), owner.trimmingCharacters(in: .whitespaces).isEmpty,
           let location = fields.location(of: CatalogKey.owner) {
            problems.append(InputError(location, "`ejer` er tom", hint: "skriv, hvem kataloget tilhører, fx `ejer: Region Nordjylland`",
                                       rule: "FELT"))
            fields.values[CatalogKey.owner.path] = nil
        }
        return (fields, problems)
    }
}
