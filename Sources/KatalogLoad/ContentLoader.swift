import Foundation
import KatalogCore
import KatalogMarkdown

/// Load + parse: turns a content folder (`<kommune>/kommune.yml` + one `.md` per module) into a
/// typed `Catalog`. Every problem in every file is collected; nothing is half-loaded.
public struct ContentLoader: Sendable {
    public init() {}

    public func load(root: String) throws(InputErrors) -> Catalog {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputErrors([InputError(SourceLocation(file: root, line: 1),
                                          "mappen `\(root)` findes ikke", hint: "angiv mappen med --content")])
        }
        var errors: [InputError] = []
        var municipalities: [Municipality] = []
        let entries = ((try? fm.contentsOfDirectory(atPath: root)) ?? []).filter { !$0.hasPrefix(".") && !$0.hasPrefix("_") }.sorted()
        for entry in entries {
            if let error = Containment.check(join(root, entry), root: root) { errors.append(error) }
        }
        let folders = entries
            .filter { Containment.check(join(root, $0), root: root) == nil }
            .filter { fm.fileExists(atPath: join(root, $0), isDirectory: &isDirectory) && isDirectory.boolValue }
        if folders.isEmpty {
            errors.append(InputError(SourceLocation(file: root, line: 1),
                                     "der er ingen kommunemapper i `\(root)`",
                                     hint: "læg hver kommune i sin egen mappe med en kommune.yml"))
        }
        for folder in folders {
            do {
                municipalities.append(try loadMunicipality(root: root, folder: folder))
            } catch {
                errors += error.errors
            }
        }
        errors += Self.crossFileErrors(municipalities)
        let (linkErrors, assets) = Self.localLinks(municipalities, root: root)
        errors += linkErrors
        guard errors.isEmpty else { throw InputErrors(errors) }
        return Catalog(root: root, municipalities: municipalities, assets: assets)
    }

    func loadMunicipality(root: String, folder: String) throws(InputErrors) -> Municipality {
        let directory = join(root, folder)
        let slug = Slug.make(folder)
        var errors: [InputError] = []
        let configFile = join(directory, "kommune.yml")
        var fields = FieldTable()
        if let data = FileManager.default.contents(atPath: configFile) {
            do {
                fields = try MunicipalityParser.parse(data: data, file: configFile, slug: slug).fields
            } catch {
                errors += error.errors
            }
        } else {
            errors.append(InputError(SourceLocation(file: configFile, line: 1),
                                     "kommunemappen `\(folder)` mangler filen kommune.yml",
                                     hint: "kopier kommune.yml fra en anden kommune og ret den til"))
        }

        let files = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".md") && $0 != "README.md" && !$0.hasPrefix(".") }
            .sorted()
            .filter { name in
                guard let error = Containment.check(join(directory, name), root: root) else { return true }
                errors.append(error)
                return false
            }
        var modules: [Module] = []
        for name in files {
            let path = join(directory, name)
            do {
                if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > SourceText.maximumBytes {
                    throw InputError(SourceLocation(file: path, line: 1),
                                     "filen er for stor (\(size / 1_000_000) MB); en modulbeskrivelse må højst fylde 1 MB")
                }
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw InputError(SourceLocation(file: path, line: 1), "filen kan ikke læses")
                }
                modules.append(try ModuleParser.parse(data: data, file: path, municipality: slug))
            } catch let error as InputErrors {
                errors += error.errors
            } catch let error as InputError {
                errors.append(error)
            } catch {
                errors.append(InputError(SourceLocation(file: path, line: 1), "filen kan ikke læses: \(error)"))
            }
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        return Municipality(slug: slug, file: configFile, fields: fields, modules: modules)
    }

    static func requiredKeys(_ keys: [String], in fields: FieldTable, at location: SourceLocation) -> [InputError] {
        keys.filter { !fields.has($0) }.map { key in
            InputError(location, "feltet `\(key)` mangler",
                       hint: (Schema.module + Schema.municipality).first { $0.key == key }?.help)
        }
    }

    /// Names the site uses itself: a municipality folder or module file may not take them.
    public static let reservedFolders: Set<String> = ["assets", "diagnose", "eksport", "format", "indsats", "kvalitet", "tidspunkt"]
    public static let reservedModules: Set<String> = ["index", "for-laeger"]

    /// Checks that need more than one file: slugs that collide, digital counterparts and links that point nowhere.
    static func crossFileErrors(_ municipalities: [Municipality]) -> [InputError] {
        var errors: [InputError] = []
        var slugs: [String: Municipality] = [:]
        for municipality in municipalities {
            if reservedFolders.contains(municipality.slug) {
                errors.append(InputError(municipality.location, "mappenavnet `\(municipality.slug)` bruges af webstedet selv",
                                         hint: "giv kommunemappen kommunens navn, fx `fjordby`"))
            }
            for module in municipality.modules where reservedModules.contains(module.slug) {
                errors.append(InputError(module.frontMatter, "filnavnet `\(module.slug).md` bruges af webstedet selv", hint: "omdøb filen"))
            }
            if let other = slugs[municipality.slug] {
                errors.append(InputError(municipality.location,
                                         "kommunemappen giver samme adresse (`\(municipality.slug)`) som \(other.file)"))
            }
            slugs[municipality.slug] = municipality
        }
        for municipality in municipalities {
            var seen: [String: Module] = [:]
            for module in municipality.modules {
                if let other = seen[module.slug] {
                    errors.append(InputError(module.frontMatter,
                                             "filnavnet giver samme adresse (`\(module.slug)`) som \(other.file)",
                                             hint: "omdøb en af filerne"))
                }
                seen[module.slug] = module
            }
            for module in municipality.modules {
                if let twin = module.fields.text("digital-pendant"), !municipality.modules.contains(where: { $0.slug == Slug.make(twin) }) {
                    errors.append(InputError(module.location(of: "digital-pendant"),
                                             "den digitale pendant `\(twin)` findes ikke i \(municipality.name)",
                                             hint: Suggestion.hint(for: twin, in: municipality.modules.map(\.slug))))
                }
            }
        }
        return errors
    }
}

extension ContentLoader {
    /// Links and images in module bodies that point at local files: a module must exist; any other
    /// file must exist inside the content folder, and is then published beside the pages (its path
    /// relative to the content folder is returned). Nothing may point outside the content folder.
    static func localLinks(_ municipalities: [Municipality], root: String) -> ([InputError], [String]) {
        var errors: [InputError] = []
        var assets: Set<String> = []
        let modules = Set(municipalities.flatMap { $0.modules.map { Containment.normalised($0.file) } })
        let rootPath = Containment.normalised(root)
        for module in municipalities.flatMap(\.modules) {
            for link in module.body.links {
                let location = SourceLocation(file: module.file, line: link.line, column: link.column)
                if link.destination.hasPrefix("/") && !link.destination.hasPrefix("//") {
                    errors.append(InputError(location, "linket `\(link.destination)` starter med /", hint: "brug et relativt link, fx `andet-tilbud.md`"))
                    continue
                }
                guard let target = LinkTarget.localFile(link.destination, from: module.file) else { continue }
                let path = Containment.normalised(target)
                guard path.hasPrefix(rootPath + "/") else {
                    errors.append(InputError(location, "linket `\(link.destination)` peger uden for indholdsmappen"))
                    continue
                }
                if path.hasSuffix(".md") {
                    if !modules.contains(path) {
                        errors.append(InputError(location, "linket `\(link.destination)` peger på et tilbud, der ikke findes"))
                    }
                } else if let error = Containment.check(target, root: root, location: location) {
                    errors.append(error)
                } else if !FileManager.default.fileExists(atPath: target) {
                    errors.append(InputError(location, "linket `\(link.destination)` peger på en fil, der ikke findes"))
                } else {
                    assets.insert(String(path.dropFirst(rootPath.count + 1)))
                }
            }
        }
        return (errors, assets.sorted())
    }
}

/// Keeps the loader inside the content folder: symbolic links that lead outside it, or nowhere
/// (a loop, a missing target), are errors rather than silently followed or skipped.
enum Containment {
    static func normalised(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    static func check(_ path: String, root: String, location: SourceLocation? = nil) -> InputError? {
        let fm = FileManager.default
        let at = location ?? SourceLocation(file: path, line: 1)
        guard let type = (try? fm.attributesOfItem(atPath: path))?[.type] as? FileAttributeType, type == .typeSymbolicLink else {
            return nil
        }
        guard fm.fileExists(atPath: path) else {
            return InputError(at, "`\(path)` er et symbolsk link, der ikke fører nogen steder hen (måske en løkke)")
        }
        let rootPath = resolved(root)
        let target = resolved(path)
        guard target.hasPrefix(rootPath + "/") else {
            return InputError(at, "`\(path)` er et symbolsk link, der peger uden for indholdsmappen", hint: "kopier filen ind i stedet")
        }
        return nil
    }
}

func join(_ a: String, _ b: String) -> String {
    a.hasSuffix("/") ? a + b : a + "/" + b
}

/// Local (relative) link destinations in module bodies.
enum LinkTarget {
    /// The file a relative link points at, or nil for external links, anchors and absolute paths.
    static func localFile(_ destination: String, from file: String) -> String? {
        guard !destination.isEmpty, !destination.hasPrefix("#"), !destination.hasPrefix("/"),
              !destination.contains(":") else { return nil }
        let path = destination.split(separator: "#", maxSplits: 1).first.map(String.init) ?? destination
        guard !path.isEmpty else { return nil }
        var parts = file.split(separator: "/").dropLast().map(String.init)
        for part in path.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(String(part))
            }
        }
        return (file.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    /// `anden.md#x` → `anden.html#x` with the slugged name, so links between modules work on the site.
    static func rewrite(_ destination: String) -> String? {
        guard !destination.contains(":"), !destination.hasPrefix("#") else { return nil }
        let pieces = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(pieces[0])
        guard path.hasSuffix(".md") else { return nil }
        var components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        components[components.count - 1] = Slug.make(components[components.count - 1]) + ".html"
        if components.count >= 2, components[components.count - 2] != ".." && components[components.count - 2] != "." {
            components[components.count - 2] = Slug.make(components[components.count - 2])
        }
        return components.joined(separator: "/") + (pieces.count > 1 ? "#" + pieces[1] : "")
    }
}
