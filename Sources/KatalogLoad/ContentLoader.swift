import Foundation
import KatalogCore
import KatalogSupport
import KatalogMarkdown

/// Load + parse: turns a content folder (`<kommune>/kommune.yml` + one `.md` per module) into a
/// typed `Catalog`. Every file is read and every problem in it collected: a bad value is left out
/// and reported at its line, and the rest of the file and every other file are still read.
public struct ContentLoader: Sendable {
    public init() {}

    /// What a content folder holds: the catalog of everything that could be read, and the
    /// problems found on the way (each at its file and line).
    public struct Loaded: Sendable {
        public let catalog: Catalog
        public let problems: [InputError]
        /// Modules left out of the catalog because the site could not place them (a second file
        /// with the same address, a folder named like one of the site's own): still checked.
        public var unplaced: [(module: Module, municipality: Municipality)] = []
    }

    /// Reads the catalog; with a `cache`, files unchanged since the last load are not parsed again.
    /// Throws only when there is no catalog to read (the folder is missing or holds no
    /// municipality folders).
    public func read(root: String, cache: LoadCache? = nil) throws(InputErrors) -> Loaded {
        cache?.begin()
        defer { cache?.end() }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputErrors([InputError(SourceLocation(file: root, line: 1),
                                          "mappen `\(root)` findes ikke", hint: "angiv mappen med --content, eller kør kommandoen i " +
                                              "katalogets mappe")])
        }
        var problems: [InputError] = []
        let entries = ((try? fm.contentsOfDirectory(atPath: root)) ?? []).filter { !$0.hasPrefix(".") && !$0.hasPrefix("_") }.sorted()
        var folders: [String] = []
        for entry in entries {
            let path = join(root, entry)
            if entry == CatalogSettingsParser.fileName {
                continue  // read below, as the catalog's settings
            } else if let error = Self.misnamedSettings(entry, at: path) {
                problems.append(error)
            } else if let error = Containment.check(path, root: root) {
                problems.append(error)
            } else if fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                if let error = Self.tooLong(entry, at: path,
                    limit: Self.longestFolderName) { problems.append(error) } else { folders.append(entry) }
            } else if entry.lowercased().hasSuffix(".md"), Self.hasFrontMatter(path) {
                // An offer (a file with front matter) written straight into the content folder belongs to no municipality,
                // and would not be read; notes and READMEs there are the catalog's own documents.
                problems.append(InputError(SourceLocation(file: path, line: 1),
                                           "`\(entry)` ligger ikke i en kommunemappe, så den læses ikke",
                                           hint: "flyt filen ind i kommunens mappe, fx `\(root)/fjordby/\(entry)`"))
            }
        }
        if folders.isEmpty {
            throw InputErrors(problems + [InputError(SourceLocation(file: root, line: 1),
                                                     "der er ingen kommunemapper i `\(root)`",
                                                     hint: "læg hver kommune i sin egen mappe med en kommune.yml")])
        }
        let settingsFile = join(root, CatalogSettingsParser.fileName)
        let settings = SettingsFile.load(settingsFile, root: root, cache: cache) { data, _ in
            CatalogSettingsParser.read(data: data, file: settingsFile)
        }?.value
        problems += settings?.problems ?? []
        // Each folder's kommune.yml and file list first; then every module file, parsed in parallel.
        let listings = Parallel.map(folders) { listMunicipality(root: root, folder: $0, cache: cache) }
        let paths = listings.flatMap { listing in
            let slug = Slug.make(listing.folder)
            return listing.files.map { (path: $0, slug: slug) }
        }
        let parsed = Parallel.map(paths) { Self.parseModule(at: $0.path, municipality: $0.slug, cache: cache) }
        cache?.keep(only: paths.map(\.path) + folders.map { join(join(root, $0), "kommune.yml") } + [settingsFile])
        var municipalities: [Municipality] = []
        var next = 0
        for listing in listings {
            problems += listing.config.problems + listing.errors
            var modules: [Module] = []
            var courses: [Course] = []
            for path in listing.files {
                problems += parsed[next].problems
                if let course = parsed[next].course {
                    courses.append(course)
                } else if let module = cache?.module(parsed[next], at: path) ?? parsed[next].module {
                    modules.append(module)
                }
                next += 1
            }
            let slug = Slug.make(listing.folder)
            var municipality = Municipality(slug: slug, file: join(join(root, listing.folder), "kommune.yml"),
                fields: listing.config.fields, modules: modules)
            municipality.courses = courses
            municipality.fingerprint = courses.isEmpty ? listing.fingerprint : fingerprint(listing.fingerprint, courses.map(\.fingerprint))
            municipality.settingsRead = !listing.config.fields.locations.isEmpty
            municipalities.append(municipality)
        }
        // Files that were read but could not be placed (their front matter is broken), by municipality: a course that
        // names one is told the part is broken, not missing.
        var unreadable: [String: Set<String>] = [:]
        next = 0
        for listing in listings {
            for path in listing.files {
                if parsed[next].module == nil && parsed[next].course == nil {
                    unreadable[Slug.make(listing.folder), default: []].insert(Slug.make((path as NSString).lastPathComponent))
                }
                next += 1
            }
        }
        let (crossProblems, kept, unplaced) = Self.crossFileProblems(municipalities, unreadable: unreadable)
        problems += crossProblems
        let (linkProblems, assets) = Self.localLinks(kept, root: root)
        problems += linkProblems
        var catalog = Catalog(root: root, municipalities: kept, assets: assets)
        catalog.owner = settings?.fields.text(CatalogKey.owner)
        return Loaded(catalog: catalog, problems: problems.sorted { $0.location < $1.location }, unplaced: unplaced)
    }

    /// The catalog, or every problem in it (for callers that need a catalog without any).
    public func load(root: String, cache: LoadCache? = nil) throws(InputErrors) -> Catalog {
        let loaded = try read(root: root, cache: cache)
        guard loaded.problems.isEmpty else { throw InputErrors(loaded.problems) }
        return loaded.catalog
    }

    /// A municipality folder's settings (`kommune.yml`) and its module files, not yet parsed.
    struct Listing {
        let folder: String
        let config: (fields: FieldTable, problems: [InputError])
        let fingerprint: Int
        let files: [String]
        let errors: [InputError]
    }

    func listMunicipality(root: String, folder: String, cache: LoadCache?) -> Listing {
        let directory = join(root, folder)
        let slug = Slug.make(folder)
        var errors: [InputError] = []
        let configFile = join(directory, "kommune.yml")
        let config: (fields: FieldTable, problems: [InputError])
        var fingerprint = 0
        func parse(_ data: Data, _: Int) -> (fields: FieldTable, problems: [InputError]) {
            let (municipality, problems) = MunicipalityParser.read(data: data, file: configFile, slug: slug)
            return (municipality.fields, problems)
        }
        if let read = SettingsFile.load(configFile, root: root, cache: cache, parse: parse) {
            (config, fingerprint) = read
        } else {
            config = (FieldTable(), [InputError(SourceLocation(file: configFile, line: 1),
                                                "kommunemappen `\(folder)` mangler filen kommune.yml",
                                                hint: "kopier kommune.yml fra en anden kommune og ret den til")])
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        errors += Self.unreadModules(entries, in: directory)
        let files = entries
            .filter { $0.hasSuffix(".md") && $0 != "README.md" && !$0.hasPrefix(".") }
            .sorted()
            .compactMap { name -> String? in
                let path = join(directory, name)
                if let error = Containment.check(path, root: root) ?? Self.tooLong(name, at: path) {
                    errors.append(error)
                    return nil
                }
                return path
            }
        return Listing(folder: folder, config: config, fingerprint: fingerprint, files: files, errors: errors)
    }

    /// A file in the content folder named almost like `katalog.yml` (`Katalog.yml`, `katalog.yaml`), which would not be read.
    static func misnamedSettings(_ entry: String, at path: String) -> InputError? {
        let lower = entry.lowercased().trimmingCharacters(in: .whitespaces)
        guard lower == "katalog.yml" || lower == "katalog.yaml" else { return nil }
        return InputError(SourceLocation(file: path, line: 1), "filen `\(entry)` bliver ikke læst",
                          hint: "katalogets indstillinger skal ligge i `\(CatalogSettingsParser.fileName)` med små bogstaver")
    }

    /// Files that look like modules but would not be read: another spelling of `.md` (`x.MD`,
    /// `x.markdown`, `x.md ` with a space), or a `.md` file in a folder inside the municipality's.
    static func unreadModules(_ entries: [String], in directory: String) -> [InputError] {
        var errors: [InputError] = []
        for name in entries where !name.hasPrefix(".") && !name.hasSuffix(".md") {
            let lower = name.lowercased().trimmingCharacters(in: .whitespaces)
            if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") || lower.hasSuffix(".mdown") {
                errors.append(InputError(SourceLocation(file: join(directory, name), line: 1), "filen `\(name)` bliver ikke læst",
                                         hint: "et tilbud skal have endelsen .md med små bogstaver og intet efter"))
            }
        }
        for name in entries where !name.hasPrefix(".") && Paths.kind(join(directory,
            name)) == .folder && !Paths.isSymbolicLink(join(directory, name)) {
            Paths.walk(join(directory, name)) { relative, isDirectory in
                if !isDirectory, relative.hasSuffix(".md") {
                    errors.append(InputError(SourceLocation(file: join(join(directory, name), relative), line: 1),
                                             "`\(name)/\(relative)` ligger i en undermappe og bliver ikke læst",
                                             hint: "læg tilbuddet direkte i kommunens mappe; undermapper er til billeder og pjecer"))
                }
                return !relative.hasPrefix(".")
            }
        }
        return errors
    }

    /// Reads and parses one module file; a pure function of the file, so files are parsed in parallel.
    static func parseModule(at path: String, municipality slug: String, cache: LoadCache? = nil) -> ModuleParser.Parsed {
        func parse(_ data: Data, _ fingerprint: Int) -> ModuleParser.Parsed {
            ModuleParser.read(data: data, file: path, municipality: slug, fingerprint: fingerprint)
        }
        func failure(_ message: String, hint: String? = nil) -> ModuleParser.Parsed {
            ModuleParser.Parsed(module: nil, problems: [InputError(SourceLocation(file: path, line: 1), message, hint: hint)])
        }
        // One stat serves the size check and the cache's stamp.
        let stamp = LoadCache.Stamp.of(path)
        if let stamp, !stamp.isRegular {
            return failure("`\((path as NSString).lastPathComponent)` er ikke en almindelig fil",
                hint: "et tilbud skal være en tekstfil med endelsen .md")
        }
        if let size = stamp?.size, size > SourceText.maximumBytes {
            return failure("filen er for stor (\(size / 1_000_000) MB); en modulbeskrivelse må højst fylde 1 MB")
        }
        if let cache {
            return cache.module(path, stamp: stamp, parse: parse) ?? failure("filen kan ikke læses")
        }
        guard let data = FileManager.default.contents(atPath: path) else { return failure("filen kan ikke læses") }
        return parse(data, LoadCache.fingerprint(path, data))
    }

    /// Whether a file starts with front matter (`---`, after a byte-order mark): an offer, not a note.
    static func hasFrontMatter(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 6)) ?? Data()
        let text = head.starts(with: [0xEF, 0xBB, 0xBF]) ? head.dropFirst(3) : head[...]
        return text.starts(with: Array("---".utf8))
    }

    /// The longest file name (without `.md`) and municipality folder name a catalog may use: the
    /// site's longest page name, `kvalitet/<kommune>-<tilbud>.html`, must fit the 255 bytes a file
    /// system allows, with room to spare.
    public static let longestModuleName = 100
    public static let longestFolderName = 60

    static func tooLong(_ name: String, at path: String, limit: Int = longestModuleName) -> InputError? {
        if ControlCharacters.first(in: name, allowingTab: false) != nil {
            return InputError(SourceLocation(file: path, line: 1), "navnet indeholder et usynligt styretegn",
                              hint: "omdøb filen eller mappen, så navnet kun har almindelige tegn")
        }
        let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        guard stem.count > limit || Slug.make(stem).utf8.count > limit else { return nil }
        return InputError(SourceLocation(file: path, line: 1), "filnavnet er for langt (\(stem.count) tegn); brug højst \(limit) tegn",
                          hint: "giv filen et kortere navn; navnet bliver en del af sidens adresse")
    }

    /// An error when something other than a regular file (a folder, a pipe, a device) stands where
    /// a catalog file is read, or the file is too large to be one.
    static func notAFile(_ path: String) -> InputError? {
        switch Paths.kind(path) {
        case nil: return nil
        case .file(let size) where size > SourceText.maximumBytes:
            return InputError(SourceLocation(file: path, line: 1), "filen er for stor (\(size / 1_000_000) MB); den må højst fylde 1 MB")
        case .file: return nil
        default: return InputError(SourceLocation(file: path, line: 1),
            "`\((path as NSString).lastPathComponent)` er ikke en almindelig fil")
        }
    }

    /// Keys every file of its kind needs; one written with a value that could not be read is reported as that.
    static func requiredKeys<Key: FieldKey>(_ keys: [Key], in fields: FieldTable, at location: SourceLocation) -> [InputError] {
        keys.filter { !fields.isWritten($0) }.map { key in
            InputError(location, "`\(key.path)` mangler",
                       hint: Key.schema.first { $0.key == key.path }.map { "skriv `\(key.path):` øverst i filen. \($0.help)" },
                       rule: "FELT")
        }
    }

    /// Names the site uses itself: a municipality folder or module file may not take them.
    public static let reservedFolders: Set<String> = ["assets", "diagnose", "eksport", "format", "indsats", "kvalitet", "tidspunkt"]
    public static let reservedModules: Set<String> = ["index", "for-laeger"]

    /// Checks that need more than one file: slugs that collide, names the site uses itself, and
    /// digital counterparts that point nowhere. What would collide on the site (a second module
    /// with the same address, a folder named like one of the site's own) is left out of the
    /// catalog, and reported.
    static func crossFileProblems(_ municipalities: [Municipality], unreadable: [String: Set<String>] = [:])
        -> ([InputError], [Municipality], [(module: Module,
        municipality: Municipality)]) {
        var problems: [InputError] = []
        var kept: [Municipality] = []
        var unplaced: [(module: Module, municipality: Municipality)] = []
        var slugs: [String: Municipality] = [:]
        for var municipality in municipalities {
            for module in municipality.modules where reservedModules.contains(module.slug) {
                problems.append(InputError(module.frontMatter, "filnavnet `\(module.slug).md` bruges af webstedet selv",
                    hint: "omdøb filen"))
            }
            if reservedFolders.contains(municipality.slug) {
                problems.append(InputError(municipality.location, "mappenavnet `\(municipality.slug)` bruges af webstedet selv",
                                           hint: "giv kommunemappen kommunens navn, fx `fjordby`"))
                unplaced += municipality.modules.map { ($0, municipality) }
                continue
            }
            if let other = slugs[municipality.slug] {
                problems.append(InputError(municipality.location,
                                           "kommunemappen giver samme adresse (`\(municipality.slug)`) som \(other.file)",
                                           hint: "omdøb en af mapperne"))
                unplaced += municipality.modules.map { ($0, municipality) }
                continue
            }
            slugs[municipality.slug] = municipality
            var seen: [String: Module] = [:]
            let all = municipality
            municipality.modules = municipality.modules.filter { module in
                if reservedModules.contains(module.slug) { unplaced.append((module, all)); return false }
                if let other = seen[module.slug] {
                    problems.append(InputError(module.frontMatter, "filnavnet giver samme adresse (`\(module.slug)`) som \(other.file)",
                                               hint: "omdøb en af filerne"))
                    unplaced.append((module, all))
                    return false
                }
                seen[module.slug] = module
                return true
            }
            let slugsHere = Set(municipality.modules.map(\.slug))
            let (courseProblems, courses) = Self.courseProblems(municipality, taken: seen, unreadable: unreadable[municipality.slug] ?? [])
            problems += courseProblems
            municipality.courses = courses
            for module in municipality.modules {
                if let twin = module.digitalTwinName, !slugsHere.contains(Slug.make(twin)) {
                    problems.append(InputError(module.location(of: "digital-pendant"),
                                               "den digitale pendant `\(twin)` findes ikke i \(municipality.name)",
                                               hint: Suggestion.hint(for: twin, in: municipality.modules.map(\.slug)), rule: "FELT"))
                }
            }
            kept.append(municipality)
        }
        return (problems, kept, unplaced)
    }
}

extension ContentLoader {
    /// A municipality's courses against its modules: each part must be a module of the same
    /// municipality, named once; a course needs two parts; a course's address may not be a module's
    /// or the site's own. A course whose address is taken is left out; a part that does not exist
    /// is reported at the course's `forløb` and left out of it.
    static func courseProblems(_ municipality: Municipality, taken modules: [String: Module],
                               unreadable: Set<String> = []) -> ([InputError], [Course]) {
        var problems: [InputError] = []
        var kept: [Course] = []
        var courseSlugs: [String: Course] = [:]
        for course in municipality.courses {
            if reservedModules.contains(course.slug) {
                problems.append(InputError(course.frontMatter, "filnavnet `\(course.slug).md` bruges af webstedet selv",
                                           hint: "omdøb filen"))
                continue
            }
            if let other = modules[course.slug]?.file ?? courseSlugs[course.slug]?.file {
                problems.append(InputError(course.frontMatter, "filnavnet giver samme adresse (`\(course.slug)`) som \(other)",
                                           hint: "omdøb en af filerne"))
                continue
            }
            courseSlugs[course.slug] = course
            kept.append(course)
            let at = course.location(of: CourseKey.parts)
            var named: Set<String> = []
            for (name, slug) in zip(course.partNames, course.partSlugs) {
                if !named.insert(slug).inserted {
                    problems.append(InputError(at, "delen `\(name)` står mere end én gang i forløbet", hint: "slet den ene", rule: "FELT"))
                } else if municipality.courses.contains(where: { $0.slug == slug }) {
                    problems.append(InputError(at, "`\(name)` er selv et forløb; et forløbs dele skal være tilbud",
                                               hint: "skriv forløbets dele direkte", rule: "FELT"))
                } else if modules[slug] == nil, unreadable.contains(slug) {
                    problems.append(InputError(at, "forløbets del `\(name)` kan ikke læses; ret fejlen i filen først", rule: "FELT"))
                } else if modules[slug] == nil {
                    problems.append(InputError(at, "forløbets del `\(name)` findes ikke i \(municipality.name)",
                                               hint: Suggestion.hint(for: name, in: modules.keys.sorted())
                                                   ?? "skriv filnavnet på et tilbud i samme mappe, fx `kol-traening`", rule: "FELT"))
                }
            }
            // (A `forløb` with no value at all is reported as such by the reader; `[]` and one part are reported here.)
            if course.fields.values[CourseKey.parts.path] != nil, named.count < 2 {
                problems.append(InputError(at, "et forløb skal have mindst to dele",
                                           hint: "skriv filnavnene på forløbets dele, fx [kol-traening, kol-skolen]", rule: "FELT"))
            }
        }
        return (problems, kept)
    }

    /// Links and images in module bodies that point at local files: a module must exist; any other
    /// file must exist inside the content folder, and is then published beside the pages (its path
    /// relative to the content folder is returned). Nothing may point outside the content folder.
    static func localLinks(_ municipalities: [Municipality], root: String) -> ([InputError], [Asset]) {
        var errors: [InputError] = []
        var assets: [String: Asset] = [:]
        // Made only when a link to a module is met (most catalogs have few links, the files are many).
        lazy var modules = Set(municipalities.flatMap { $0.modules.map(\.file) + $0.courses.map(\.file) }.map(Containment.normalised))
        let rootPath = Containment.normalised(root)
        let folders = Set(municipalities.map { Containment.normalised(($0.file as NSString).deletingLastPathComponent) })
        let limits = Dictionary(municipalities.map { ($0.slug, $0.fileLimitMB) }) { a, _ in a }
        // Modules' and courses' bodies alike.
        let bodies = municipalities.flatMap { m in
            m.modules.map { (file: $0.file, body: $0.body, municipalitySlug: m.slug) }
                + m.courses.map { (file: $0.file, body: $0.body, municipalitySlug: m.slug) }
        }
        for module in bodies {
            for link in module.body.links {
                let location = SourceLocation(file: module.file, line: link.line, column: link.column)
                if link.destination.hasPrefix("/") && !link.destination.hasPrefix("//") {
                    errors.append(InputError.link(location, "linket `\(link.destination)` starter med /",
                        hint: "brug et relativt link, fx `andet-tilbud.md`"))
                    continue
                }
                // A link to another kind of address than a web page, an e-mail or a phone number (`javascript:`, `data:`,
                // `file:`): libcmark writes an empty link, so the reader would find nothing; say so at its line.
                if let scheme = LinkTarget.scheme(link.destination), !["http", "https", "mailto", "tel"].contains(scheme) {
                    errors.append(InputError.link(location,
                        "linket `\(link.destination.prefix(60))` er en `\(scheme):`-adresse, som siden ikke viser",
                        hint: "link til en side (https://…), en e-mailadresse (mailto:) eller et telefonnummer (tel:)"))
                    continue
                }
                // A link is a URL: the browser asks for the file with its %-escapes decoded.
                guard let target = LinkTarget.localFile(link.destination,
                    from: module.file).map({ $0.removingPercentEncoding ?? $0 }) else { continue }
                let path = Containment.normalised(target)
                guard path.hasPrefix(rootPath + "/") else {
                    errors.append(InputError.link(location, "linket `\(link.destination)` peger uden for indholdsmappen"))
                    continue
                }
                if path.hasSuffix(".md") {
                    if !modules.contains(path) {
                        errors.append(InputError.link(location, "linket `\(link.destination)` peger på et tilbud, der ikke findes"))
                    }
                    continue
                }
                // Only files a page links to as files (not pages, scripts or styles, which would
                // take the place of the site's own or run in it), from a municipality's folder.
                let name = (path as NSString).lastPathComponent
                let ext = (name as NSString).pathExtension.lowercased()
                guard !name.hasPrefix("."), Self.linkableExtensions.contains(ext) else {
                    errors.append(InputError.link(location, "linket `\(link.destination)` peger på en slags fil, webstedet ikke udgiver",
                                                  hint: """
                                                      link til billeder og dokumenter \
                                                      (\(Self.linkableExtensions.sorted().joined(separator: ", "))); en side skrives som \
                                                      et tilbud (.md)
                                                      """))
                    continue
                }
                guard folders.contains(where: { path.hasPrefix($0 + "/") }) else {
                    errors.append(InputError.link(location, "linket `\(link.destination)` peger på en fil uden for kommunernes mapper",
                                                  hint: "læg filen i kommunens mappe, fx `Content/fjordby/billeder/`"))
                    continue
                }
                // What the site publishes must really be inside the content folder (every link
                // resolved, at every level of the path), a regular file, and not too large. A name
                // stored decomposed (NFD, as macOS writes it) is found by its NFC form.
                guard let source = Self.existing(target) else {
                    errors.append(InputError.link(location, "linket `\(link.destination)` peger på en fil, der ikke findes"))
                    continue
                }
                guard Paths.isInside(source, root) else {
                    errors.append(InputError.link(location,
                        "linket `\(link.destination)` peger uden for indholdsmappen (via et symbolsk link)",
                                                  hint: "kopier filen ind i kommunens mappe i stedet"))
                    continue
                }
                guard case .file(let size)? = Paths.kind(source) else {
                    errors.append(InputError.link(location, "linket `\(link.destination)` peger på noget, der ikke er en almindelig fil"))
                    continue
                }
                let limit = limits[module.municipalitySlug] ?? LinkedFiles.defaultLimitMB
                guard size <= limit * 1_000_000 else {
                    errors.append(InputError.link(location,
                        "linket `\(link.destination)` peger på en fil på \(size / 1_000_000) MB; filer må højst fylde \(limit) MB",
                                                  hint: "gør filen mindre, eller sæt `filgrænse-mb` i kommune.yml"))
                    continue
                }
                let relative = String(path.dropFirst(rootPath.count + 1))
                assets[relative] = Asset(source: source, path: relative)
            }
        }
        return (errors, assets.keys.sorted().map { assets[$0]! })
    }

    /// The extensions of files a module may link to and the site publishes.
    public static let linkableExtensions: Set<String> = ["pdf", "png", "jpg", "jpeg", "gif", "webp", "avif", "doc", "docx", "odt",
                                                          "xls", "xlsx", "ods", "ppt", "pptx", "odp", "txt", "mp3", "m4a", "mp4", "webm"]

    /// The file at `path`, or the one in its folder whose name is the same in NFC.
    static func existing(_ path: String) -> String? {
        if Paths.kind(path) != nil { return path }
        let folder = (path as NSString).deletingLastPathComponent, name = (path as NSString).lastPathComponent
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        let wanted = Array(name.precomposedStringWithCanonicalMapping.utf8)
        return entries.first { Array($0.precomposedStringWithCanonicalMapping.utf8) == wanted }.map { folder + "/" + $0 }
    }
}

/// Keeps the loader inside its folders: a symbolic link that leads outside the content folder
/// (or the templates folder), or nowhere (a loop, a missing target), is an error rather than
/// silently followed or skipped. Folders are checked as they are listed, so for an entry of a
/// folder already known to be inside, only a symbolic link needs resolving.
enum Containment {
    static func normalised(_ path: String) -> String {
        // Most paths are already normal (no `.` or `..` parts, no doubled or trailing slash).
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        if !absolute.hasSuffix("/"), !absolute.containsText("//"),
           !absolute.split(separator: "/").contains(where: { $0 == "." || $0 == ".." }) {
            return absolute
        }
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// An entry of a folder inside `root`: an error when it is a symbolic link that leads outside
    /// `root` (`rootName` says which folder that is) or nowhere.
    static func check(_ path: String, root: String, rootName: String = "indholdsmappen", location: SourceLocation? = nil) -> InputError? {
        guard Paths.isSymbolicLink(path) else { return nil }
        let at = location ?? SourceLocation(file: path, line: 1)
        guard Paths.real(path) != nil else {
            return InputError(at, "`\(path)` er et symbolsk link, der ikke fører nogen steder hen (måske en løkke)")
        }
        guard Paths.isInside(path, root) else {
            return InputError(at, "`\(path)` er et symbolsk link, der peger uden for \(rootName)", hint: "kopier filen ind i stedet")
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
    /// The URL scheme of a link (`https`, `javascript`), lowercased; nil for a relative link.
    static func scheme(_ destination: String) -> String? {
        guard let colon = destination.firstIndex(of: ":") else { return nil }
        let scheme = destination[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return nil }
        return scheme.lowercased()
    }

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
