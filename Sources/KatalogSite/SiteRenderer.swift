import Foundation
import KatalogCore
import KatalogRules
import Mustache

/// Render: turns a loaded catalog into the files of the static site, using the Mustache
/// templates in `Templates/` (editable by a municipality without recompiling).
public struct SiteRenderer: Sendable {
    let library: MustacheLibrary
    let assets: [String: Data]
    private let templateFingerprint: Int

    /// The built-in templates, by path relative to a Templates/ folder.
    public static var defaultFiles: [String: Data] {
        DefaultTemplates.files.compactMapValues { Data(base64Encoded: $0) }
    }

    /// swift-mustache's parser errors, in Danish for the municipality's web editor.
    static func danish(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "skabelonen er skrevet forkert" }
        return switch error {
        case .sectionCloseNameIncorrect: "en sektion lukkes med et andet navn, end den blev åbnet med ({{/…}})"
        case .unfinishedName: "et mærke er ikke afsluttet (mangler }}?)"
        case .expectedSectionEnd: "en sektion er ikke lukket (mangler {{/…}}?)"
        case .invalidSetDelimiter: "et {{=… =}}-mærke er skrevet forkert"
        case .transformAppliedToInheritanceSection: "en funktion kan ikke bruges på en arvet sektion"
        case .illegalTokenInsideInheritSection, .textInsideInheritSection: "der står noget i en {{<…}}-sektion, som kun må rumme {{$…}}-blokke"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: "et {{% … }}-mærke er skrevet forkert"
        }
    }

    /// Put in front of every template, as a line of its own (see `init`).
    static let contentType = "{{% CONTENT_TYPE: HTML }}\n"

    /// Small templates for the pieces pages repeat. A Templates/ folder made before one of them
    /// existed gets the built-in one (its other templates do not use it).
    static let pieceTemplates = ["module-item", "compliance-rule", "footer", "header"]

    public init(files: [String: Data], origin: String) throws(InputErrors) {
        // Every template is HTML escaped with `FastHTMLEscaping`, not swift-mustache's default
        // (which leaves `"` or `<` raw when a combining mark follows it): the renderer puts the
        // content-type tag in front of each template, so no template needs to say it.
        MustacheContentTypes.register(FastHTMLEscaping(), named: "HTML")
        var files = files
        for piece in Self.pieceTemplates where files[piece + ".mustache"] == nil {
            files[piece + ".mustache"] = Self.defaultFiles[piece + ".mustache"]
        }
        var errors: [InputError] = []
        var library = MustacheLibrary()
        let templates = files.keys.filter { !$0.contains("/") && $0.hasSuffix(".mustache") }.sorted()
        for name in templates {
            let path = origin + "/" + name
            do {
                try library.register(Self.contentType + String(decoding: files[name]!, as: UTF8.self), named: String(name.dropLast(".mustache".count)))
            } catch let error as MustacheTemplate.ParserError {
                // The tag in front is a line of its own: lines are the template's one less.
                errors.append(InputError(SourceLocation(file: path, line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber),
                                         "skabelonen kan ikke læses: \(Self.danish(error.error))"))
            } catch {
                errors.append(InputError(SourceLocation(file: path, line: 1), "skabelonen kan ikke læses"))
            }
        }
        for required in ["layout", "index", "module", "municipality", "list", "doctors", "search", "postcodes", "compliance", "compliance-index", "compliance-municipality"]
        where !templates.contains("\(required).mustache") {
            errors.append(InputError(SourceLocation(file: origin, line: 1), "skabelonen `\(required).mustache` mangler"))
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        self.library = library
        self.assets = files.filter { $0.key.hasPrefix("assets/") }
        var hasher = Hasher()
        for (name, data) in files.sorted(by: { $0.key < $1.key }) {
            hasher.combine(name)
            hasher.combine(data)
        }
        self.templateFingerprint = hasher.finalize()
    }

    /// Every output file of the site, by path relative to the output folder. `findings` (from the
    /// validator) feed the compliance pages for staff.
    /// `structuredData` is the schema.org JSON-LD of each module (by the module's identity) for its page's head.
    public func render(_ catalog: Catalog, findings: [Finding] = [], rules: [Rule] = Standard.rules + ToolRules.rules,
                       lixLimit: Int? = nil, structuredData: [ObjectIdentifier: String] = [:]) -> [String: Data] {
        let plan = plan(catalog, findings: findings, rules: rules, lixLimit: lixLimit, structuredData: structuredData)
        var files = plan.files
        for file in plan.generated { files[file.path] = Data(concatenating: file.make()) }
        let pages = Parallel.map(plan.pages) { render($0.prepare()) }
        for (job, data) in zip(plan.pages, pages) { files[job.path] = data }
        return files
    }

    /// What a build of `catalog` consists of: the pages to render (each built on demand) and the
    /// files that are not pages (assets, the search index).
    public struct Plan: Sendable {
        public let pages: [PageJob]
        /// The templates' assets.
        public let files: [String: Data]
        /// Files made from the whole catalog (the search index).
        public let generated: [GeneratedFile]
    }

    /// One page of the site: its path, and how to build its view model.
    public struct PageJob: Sendable {
        public let path: String
        let template: String
        let make: @Sendable () -> Page
        /// Completes the view model for rendering (after the fingerprint is taken).
        var finish: (@Sendable (inout Page) -> Void)? = nil
        /// A fingerprint of what the page is made from, known without building the page. Equal keys,
        /// equal pages, so a session skips even building those whose key has not changed. For a
        /// page that shows one module (its page, its compliance page): the digests of its views;
        /// for the lists and the other citizen and GP pages: the front matter of every module and
        /// every `kommune.yml` (which is all they show), so editing a body builds none of them.
        public var inputKey: Int? = nil

        /// Builds the view model. Its fingerprint is equal for equal view models, so a page whose
        /// fingerprint has not changed since it was last written need not be rendered again.
        public func prepare() -> PreparedPage {
            let page = make()
            return PreparedPage(path: path, template: template, page: page, fingerprint: fingerprint(template, page), finish: finish)
        }
    }

    public struct PreparedPage: Sendable {
        public let path: String
        let template: String
        let page: Page
        public let fingerprint: Int
        let finish: (@Sendable (inout Page) -> Void)?
    }

    public func render(_ prepared: PreparedPage) -> Data {
        var page = prepared.page
        prepared.finish?(&page)
        return Data((library.render(ViewBox(page), withTemplate: prepared.template) ?? "").utf8)
    }

    /// The pages and other files of the site. With a `cache`, views of unchanged modules (and
    /// their search entries) are reused from the previous build of the session.
    public func plan(_ catalog: Catalog, findings: [Finding] = [], rules: [Rule] = Standard.rules + ToolRules.rules,
                     lixLimit: Int? = nil, structuredData: [ObjectIdentifier: String] = [:], cache: FragmentCache? = nil) -> Plan {
        let files = assets
        let context = SiteContext(catalog: catalog, cache: cache)
        let library = self.library
        let lines = RuleLines { view in library.render(ViewBox(view), withTemplate: "compliance-rule") ?? "" }
        let compliance = Compliance(findings: findings, rules: rules, lixLimit: lixLimit, catalog: catalog, cache: cache, ruleLines: lines)
        let fragments = PageFragments(cache: cache, templates: templateFingerprint,
                                      item: { library.render(ViewBox($0), withTemplate: "module-item") ?? "" },
                                      footer: { library.render(ViewBox($0), withTemplate: "footer") ?? "" },
                                      header: { library.render(ViewBox($0), withTemplate: "header") ?? "" })
        // What the pages made from front matter and kommune.yml are made from (nil when modules
        // were not loaded from files and so have no fingerprints).
        let facts = catalog.modules.contains(where: { $0.factsFingerprint == 0 }) ? nil
            : fingerprint(catalog.municipalities.map(\.fingerprint), catalog.modules.map(\.factsFingerprint))
        var jobs: [PageJob] = []
        func emit(_ path: String, _ template: String, _ page: @autoclosure @escaping @Sendable () -> Page) {
            // The footer and list entries are filled in only when the page is rendered: they follow
            // from the municipalities, modules and root, which the fingerprint already covers.
            let items = Self.itemTemplates.contains(template)
            jobs.append(PageJob(path: path, template: template, make: page, finish: { fragments.fill(&$0, items: items) },
                                inputKey: Self.factsTemplates.contains(template) ? facts.map { fingerprint(template, path, $0) } : nil))
        }

        emit("index.html", "index", context.frontPage())
        emit(SiteContext.searchPath, "search", context.searchPage())
        emit(SiteContext.postcodesPath, "postcodes", context.postcodesPage())
        let index = GeneratedFile(path: "assets/soegeindeks.js",
                                  fingerprint: fingerprint("soegeindeks", catalog.modules.map(\.fingerprint), catalog.municipalities.map(\.fingerprint))) {
            SearchIndex.script(catalog, cache: cache)
        }
        for municipality in catalog.municipalities {
            emit("\(municipality.slug)/index.html", "municipality", context.municipalityPage(municipality))
            emit(SiteContext.doctorsPath(municipality), "doctors", context.doctorsPage(municipality))
            for diagnosis in Vocabularies.diagnoses.terms where municipality.modules.contains(where: { $0.diagnoses.contains(diagnosis.code) }) {
                emit(SiteContext.municipalityDiagnosisPath(municipality, diagnosis.code), "list", context.municipalityDiagnosisPage(diagnosis, in: municipality))
            }
        }
        for intervention in Intervention.allCases where intervention.isInStandard || catalog.modules.contains(where: { $0.intervention == .andet }) {
            emit(SiteContext.interventionPath(intervention), "list", context.interventionPage(intervention))
        }
        for diagnosis in Vocabularies.diagnoses.terms where catalog.modules.contains(where: { $0.diagnoses.contains(diagnosis.code) }) {
            emit(SiteContext.diagnosisPath(diagnosis.code), "list", context.diagnosisPage(diagnosis))
        }
        for term in Vocabularies.formats.terms where catalog.modules.contains(where: { $0.formats.contains(term.code) }) {
            emit(SiteContext.formatPath(term.code), "list", context.formatPage(term))
        }
        for term in Vocabularies.timesOfDay.terms where catalog.modules.contains(where: { $0.timesOfDay.contains(term.code) }) {
            emit(SiteContext.timePath(term.code), "list", context.timePage(term))
        }
        // The compliance overview and each municipality's page show the compliance views of its
        // modules, its own findings and its footer.
        let complianceKeys = catalog.municipalities.map { compliance.municipalityKey($0) }
        emit("kvalitet/index.html", "compliance-index", context.complianceIndex(compliance))
        jobs[jobs.count - 1].inputKey = fingerprint("compliance-index", complianceKeys, context.footerAll.map(\.digest))
        for (municipality, key) in zip(catalog.municipalities, complianceKeys) {
            emit(Compliance.path(municipality), "compliance-municipality", context.complianceMunicipalityPage(municipality, compliance))
            jobs[jobs.count - 1].inputKey = fingerprint("compliance-municipality", key, context.municipalityView(municipality).digest)
        }
        // Each module's page and compliance page, planned in parallel (a catalog has thousands).
        let fill: @Sendable (inout Page) -> Void = { fragments.fill(&$0, items: false) }
        jobs += Parallel.map(catalog.municipalities) { municipality -> [PageJob] in
            let footer = context.municipalityView(municipality).digest
            return municipality.modules.flatMap { module -> [PageJob] in
                let data = structuredData[ObjectIdentifier(module)].map(RawText.init)
                return [
                    // The JSON-LD is made from the same module and municipality (and the session's
                    // base URL, which does not change), so the view digests cover it.
                    PageJob(path: SiteContext.modulePath(module), template: "module", make: {
                        var page = context.modulePage(module, in: municipality)
                        page.structuredData = data
                        return page
                    }, finish: fill, inputKey: fingerprint("module", context.moduleView(module, in: municipality).digest, footer)),
                    PageJob(path: Compliance.path(module), template: "compliance",
                            make: { context.compliancePage(module, in: municipality, compliance) }, finish: fill,
                            inputKey: fingerprint("compliance", compliance.module(module, in: municipality).digest, footer)),
                ]
            }
        }.flatMap { $0 }
        return Plan(pages: jobs, files: files, generated: [index])
    }

    /// The templates of pages that show only what front matter and `kommune.yml` say.
    static let factsTemplates: Set<String> = ["index", "search", "postcodes", "municipality", "doctors", "list"]

    /// The templates whose module lists use `module-item.mustache` (`{{{itemLines}}}`).
    static let itemTemplates: Set<String> = ["list", "municipality"]

    /// A fingerprint of the templates and assets: when they change, every page must be rendered again.
    public var templatesFingerprint: Int { templateFingerprint }
}

/// HTML escaping for `{{value}}`: every `<`, `>`, `&`, `"` and `'` byte becomes `&lt;`, `&gt;`,
/// `&amp;`, `&quot;` or `&#39;`, working on UTF-8 bytes; text with none of them is returned as it is.
/// This is what swift-mustache's own escaping writes, with one difference: swift-mustache looks up
/// whole Characters, so one of the five in a larger grapheme cluster (`"` followed by U+0301, say)
/// is left raw, a `"` that can end an attribute value; here it is escaped (DifferentialTests).
/// The library's lookup of every Character in a dictionary was also a sixth of a large build.
struct FastHTMLEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String {
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
