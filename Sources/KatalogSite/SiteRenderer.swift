import Foundation
import KatalogCore
import KatalogSupport
import KatalogRules

/// Render: turns a loaded catalog into the files of the static site, using the Mustache
/// templates in `Templates/` (editable by a municipality without recompiling).
public struct SiteRenderer: Sendable {
    let library: TemplateLibrary
    /// Where the templates come from (a folder, or the built-in ones), for messages.
    private let origin: String
    let assets: [String: Data]
    private let templateFingerprint: Int

    /// The built-in templates, by path relative to a Templates/ folder.
    public static var defaultFiles: [String: Data] {
        DefaultTemplates.files.compactMapValues { Data(base64Encoded: $0) }
    }

    /// The parser's errors (swift-mustache's, see `Template`), in Danish for the municipality's web editor.
    static func danish(_ failure: Template.Failure) -> String {
        switch failure.error {
        case .sectionCloseNameIncorrect:
            failure.section.map { "sektionen `\($0)` skal lukkes med `{{/\($0)}}` her" } ?? "her lukkes en sektion, som ikke er åbnet"
        case .unfinishedName: "et mærke er ikke afsluttet (mangler }}?)"
        case .expectedSectionEnd: "sektionen `\(failure.section ?? "")` lukkes aldrig (mangler `{{/\(failure.section ?? "")}}`)"
        case .invalidSetDelimiter: "et {{=… =}}-mærke er skrevet forkert"
        case .transformAppliedToInheritanceSection: "en funktion kan ikke bruges på en arvet sektion"
        case .illegalTokenInsideInheritSection:
            "der står noget i en {{<…}}-sektion, som kun må rumme {{$…}}-blokke"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: "et {{% … }}-mærke er skrevet forkert"
        case .overflow: "skabelonen slutter, før mærket her er afsluttet (mangler }}?)"
        case .tooDeep: "sektionerne ligger mere end \(TemplateParser.maximumDepth) lag inden i hinanden"
        }
    }

    /// Small templates for the pieces pages repeat, and the overview's page. A Templates/ folder made
    /// before one of them existed gets the built-in one (its other templates do not use it).
    static let pieceTemplates = ["module-item", "compliance-rule", "footer", "header", "overview"]

    public init(files: [String: Data], origin: String) throws(InputErrors) {
        var files = files
        for piece in Self.pieceTemplates where files[piece + ".mustache"] == nil {
            files[piece + ".mustache"] = Self.defaultFiles[piece + ".mustache"]
        }
        var errors: [InputError] = []
        var library: [String: Template] = [:]
        let templates = files.keys.filter { !$0.contains("/") && $0.hasSuffix(".mustache") }.sorted()
        for name in templates {
            do throws(Template.Failure) {
                // A byte order mark (some Windows editors write one) is not part of the page.
                var text = String(decoding: files[name]!, as: UTF8.self)
                if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
                let template = try Template(parsing: text), named = String(name.dropLast(".mustache".count))
                library[named] = template
                errors += Self.retired(template, named, text: text, origin: origin)
            } catch {
                errors.append(InputError(SourceLocation(file: origin + "/" + name, line: error.line, column: error.column),
                                         "skabelonen kan ikke læses: \(Self.danish(error))"))
            }
        }
        for required in ["layout", "index", "module", "municipality", "list", "doctors", "search", "postcodes", "compliance",
            "compliance-index", "compliance-municipality"]
        where !templates.contains("\(required).mustache") {
            errors.append(InputError(SourceLocation(file: origin, line: 1), "skabelonen `\(required).mustache` mangler"))
        }
        // A partial that names no template renders nothing: almost always a misspelt name.
        for (name, template) in library.sorted(by: { $0.key < $1.key }) {
            for partial in template.partials.sorted() where !templates.contains(partial + ".mustache") {
                errors.append(InputError(SourceLocation(file: Self.file(name, in: origin), line: 1), partial.isEmpty
                    ? "et {{>…}}- eller {{<…}}-mærke mangler navnet på den skabelon, det skal indsætte"
                    : "skabelonen indsætter `\(partial)`, som ikke findes (der er ingen `\(partial).mustache`)"))
            }
        }
        if errors.isEmpty, let cycle = TemplateLibrary.cycle(in: library) {
            errors.append(InputError(SourceLocation(file: Self.file(cycle[0], in: origin), line: 1),
                "skabelonen indsætter sig selv (\(cycle.map { "`\($0)`" }.joined(separator: " → "))), så siden ville aldrig blive færdig"))
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        self.library = TemplateLibrary(templates: library)
        self.origin = origin
        self.assets = files.filter { $0.key.hasPrefix("assets/") }
        var hasher = Hasher()
        for (name, data) in files.sorted(by: { $0.key < $1.key }) {
            hasher.combine(name)
            hasher.combine(data)
        }
        self.templateFingerprint = hasher.finalize()
    }

    /// One page of the site: its path, its template, what it shows (its context) and a
    /// fingerprint of that, which a session compares with the page it wrote last time.
    public struct Page: Sendable {
        public let path: String
        let template: String
        let context: any PageContext
        /// Equal keys, equal pages: a fingerprint of the template, the templates and what the page
        /// shows, taken when first asked for (a one-time build never asks).
        private let digest: Once<Int>
        public var key: Int { digest.value }

        init(path: String, template: String, context: any PageContext, templates: Int) {
            self.path = path
            self.template = template
            self.context = context
            digest = Once { fingerprint(template, templates, context.digest) }
        }
    }

    /// The site: its pages, the templates' assets, and the search index.
    public struct Site: Sendable {
        public let pages: [Page]
        /// The templates' assets (`assets/…`), by path.
        public let assets: [String: Data]
        /// The search's index (`soeg/…`).
        public let searchFiles: [GeneratedFile]
        /// The overview across municipalities as CSV (`Overview.csvPath`), made from the overview its page shows.
        public let overviewCSV: GeneratedFile
    }

    /// The site of a catalog. `findings` (from the validator) feed the compliance pages for staff.
    /// The session's `memo` keeps the views of unchanged modules.
    public func site(_ catalog: Catalog, findings: [Finding], rules: [Rule] = Standard.rules + ToolRules.rules, lixLimit: Int? = nil,
                     address: SiteAddress = SiteAddress(), memo: SiteMemo) -> Site {
        let byTitle = Dictionary(catalog.municipalities.map { ($0.slug, memo.byTitle($0.modules)) }) { first, _ in first }
        let compliance = Compliance(findings: findings, rules: rules, lixLimit: lixLimit, catalog: catalog, memo: memo.compliance,
            byTitle: byTitle)
        let model = SiteModel(catalog: catalog, compliance: compliance, address: address, byTitle: byTitle, memo: memo)
        // Every page's header names the catalog's owner: a page is rendered again when it changes, as when the templates do.
        let templates = fingerprint(templateFingerprint, model.owner)
        func pages(_ kind: PageKind, _ made: PageKind.Made) -> [Page] {
            made.map { Page(path: $0.path, template: kind.template, context: $0.context, templates: templates) }
        }
        let kinds = PageKind.all
        let national = Parallel.map(kinds) { kind -> [Page] in
            if case .site(let made) = kind.scope { pages(kind, made(model)) } else { [] }
        }
        // Each municipality's pages, by kind, kept while it is unchanged (with their keys: a session
        // neither makes nor hashes the pages of the municipalities an edit did not touch).
        let local = Parallel.map(catalog.municipalities) { municipality in
            memo.pages.value(model.pagesKey(municipality, templates: templates)) {
                kinds.map { kind in
                    if case .municipality(let made) = kind.scope { pages(kind, made(model, municipality)) } else { [] }
                }
            }
        }
        let pages = kinds.indices.flatMap { index in national[index] + local.flatMap { $0[index] } }
        let overviewCSV = GeneratedFile(path: Overview.csvPath, key: { fingerprint(Overview.csvPath, model.overview.value.rows) }) {
            [model.overview.value.csv]
        }
        return Site(pages: pages, assets: assets, searchFiles: model.searchFiles(), overviewCSV: overviewCSV)
    }

    /// The page's bytes.
    public func render(_ page: Page) -> Data {
        var context = page.context
        context.prepare()
        return Data(context.render(library, template: page.template).utf8)
    }

    /// The templates whose render was stopped since `startBuild()`, as errors at their files: a
    /// build with any writes none of its pages.
    public var stoppedTemplates: [InputError] {
        library.stopped.all.map { name, stop in
            let why = switch stop.limit {
            case .depth:
                "skabeloner og sektioner lå mere end \(TemplateRenderer.maximumDepth) lag inden i hinanden "
                    + "(indsætter den sig selv, fx gennem en blok?)"
            case .work: "siden blev for stor (indsætter skabelonerne hinanden mange gange, eller gentages en lang liste inden i sig selv?)"
            }
            // The way in, so that a partial the page inserts can be found (the first few of a long chain).
            let way = stop.trail.isEmpty ? "" : "; den var nået til "
                + (stop.trail.prefix(4).map { "`\($0)`" } + (stop.trail.count > 4 ? ["…"] : [])).joined(separator: " → ")
            return InputError(SourceLocation(file: file(name), line: 1), "skabelonen blev ikke færdig: \(why)\(way)")
        }
    }

    /// Starts a build: forgets the templates stopped in the session's last build.
    public func startBuild() { library.stopped.removeAll() }

    /// Names that templates of earlier versions read and that now read nothing, with what to write
    /// instead (by template; nil: in any template). Without this, a page would lose its header or
    /// its lists without a word.
    static let retiredNames: [(template: String?, name: String, instead: String)] = [
        (nil, "html", "{{> compliance-rule}} for hver regel"),
        (nil, "headerHTML", "{{> header}}"),
        (nil, "footerHTML", "{{> footer}}"),
        (nil, "itemLines", "{{#modules}}{{> module-item}}{{/modules}}"),
        (nil, "requirementLines", "{{#requirements}}{{> compliance-rule}}{{/requirements}}"),
        (nil, "recommendationLines", "{{#recommendations}}{{> compliance-rule}}{{/recommendations}}"),
        (nil, "otherLines", "{{#other}}{{> compliance-rule}}{{/other}}"),
        ("module-item", "module", "tilbuddets felter direkte, fx {{title}} og {{url}} (uden {{#module}} om dem)"),
    ]

    /// An error at each tag of the template `name` (parsed from `text`) that reads a retired name.
    private static func retired(_ template: Template, _ name: String, text: String, origin: String) -> [InputError] {
        template.names.compactMap { use in
            guard let retired = retiredNames.first(where: { ($0.template == nil || $0.template == name) && $0.name == use.name })
            else { return nil }
            var scanner = Scanner(text)
            scanner.position = use.tag ?? text.startIndex
            let (line, column) = scanner.location
            return InputError(SourceLocation(file: file(name, in: origin), line: line, column: column),
                "`\(retired.name)` findes ikke længere i skabelonerne og ville ikke vise noget: skriv \(retired.instead)")
        }
    }

    /// A template's file, for messages.
    private func file(_ name: String) -> String { Self.file(name, in: origin) }
    private static func file(_ name: String, in origin: String) -> String { origin + "/" + name + ".mustache" }

    /// A fingerprint of the templates and assets: when they change, every page must be rendered again.
    public var templatesFingerprint: Int { templateFingerprint }
}

/// What the site keeps between the builds of a session, each value under what it is made from.
public final class SiteMemo: Sendable {
    /// Each module's views (by the module, its municipality and its digital counterpart).
    let modules: Memo<SiteModel.ModuleParts>
    /// Each municipality's view (by kommune.yml and its modules).
    let municipalities: Memo<MunicipalityView>
    /// Each module's compliance view (by the module, its municipality and the rules).
    let compliance: Memo<ModuleComplianceView>
    /// Each module's JSON-LD (as its views).
    let structuredData: Memo<RawText>
    /// Each municipality's part of the search (by its files).
    let search: Memo<SearchIndex.Part>
    /// Each municipality's pages, by page kind (by `SiteModel.pagesKey`).
    let pages: Memo<[[SiteRenderer.Page]]>
    /// Each municipality's modules in Danish alphabetical order of title, as positions (by the modules).
    let titleOrders: Memo<[Int]>
    private let group: MemoGroup

    /// `keeps`: keep values for the session's next build (false for a build that is not kept).
    public init(keeps: Bool = true) {
        let group = MemoGroup(keeps: keeps)
        self.group = group
        modules = group.memo()
        municipalities = group.memo()
        compliance = group.memo()
        structuredData = group.memo()
        search = group.memo()
        pages = group.memo()
        titleOrders = group.memo()
    }

    /// Ends a build: drops what it did not use.
    public func endBuild() { group.endBuild() }
}

extension PageContext {
    /// Renders the context with a template (a method of the context, so the view is passed with its type).
    func render(_ library: TemplateLibrary, template: String) -> String { library.render(self, with: template) }
}

/// HTML escaping for `{{value}}`: every `<`, `>`, `&`, `"` and `'` byte becomes `&lt;`, `&gt;`,
/// `&amp;`, `&quot;` or `&#39;`, working on UTF-8 bytes; text with none of them is returned as it is.
/// This is what swift-mustache's own escaping writes, with one difference: swift-mustache looks up
/// whole Characters, so one of the five in a larger grapheme cluster (`"` followed by U+0301, say)
/// is left raw, a `"` that can end an attribute value; here it is escaped (DifferentialTests).
/// The library's lookup of every Character in a dictionary was also a sixth of a large build.
enum FastHTMLEscaping {
    static func escape(_ text: String) -> String {
        guard text.containsByte(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension SiteMemo {
    /// `modules` in Danish alphabetical order of title; the order is kept while they are unchanged
    /// (a municipality's lists and its compliance page show it, on every rebuild).
    func byTitle(_ modules: [Module]) -> [Module] {
        // The order depends on the titles (their bytes, in this order) only: a body edit keeps it.
        var titles = Hasher()
        for module in modules {
            var title = module.title
            title.withUTF8 { titles.combine(bytes: UnsafeRawBufferPointer($0)) }
            titles.combine(0xFF as UInt8)
        }
        let order = titleOrders.value(titles.finalize()) {
            let position = Dictionary(uniqueKeysWithValues: modules.enumerated().map { (ObjectIdentifier($1), $0) })
            return modules.sortedByTitle().map { position[ObjectIdentifier($0)]! }
        }
        return order.map { modules[$0] }
    }
}
