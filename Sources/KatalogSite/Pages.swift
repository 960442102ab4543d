import KatalogCore
import KatalogSupport

/// What `layout.mustache` shows around every page's content: where the page is (`root`, for
/// relative links), its title, the municipalities in its footer, and the page's JSON-LD.
struct Chrome: Hashable {
    let root: String
    let pageTitle: String
    let footer: [MunicipalityView]
    let isExample: Bool
    /// Whose catalog it is, for the header (`SiteModel.owner`).
    var owner: String? = nil
    /// schema.org JSON-LD, already escaped for a script element.
    var structuredData: RawText? = nil
}

/// What one page's template sees: the chrome and the page's own values.
protocol PageContext: TemplateView, Sendable {
    var chrome: Chrome { get set }
    /// Fills in what is made only when the page is rendered (a module page's JSON-LD).
    mutating func prepare()
    /// A fingerprint of everything the page shows (not of what `prepare()` fills in): a session
    /// renders a page again only when this changes.
    var digest: Int { get }
}

extension PageContext {
    mutating func prepare() {}

    /// The chrome's keys, for a context's key table (`layout.mustache` reads them on every page).
    static var chromeKeys: [String: TemplateKey<Self>] {
        [
            "root": key { $0.chrome.root },
            "pageTitle": key { $0.chrome.pageTitle },
            "footer": key { $0.chrome.footer },
            "isExample": key { $0.chrome.isExample },
            "owner": key { $0.chrome.owner },
            "structuredData": key { $0.chrome.structuredData },
        ]
    }

    /// The digest of every value the template can read, through the key table.
    var digest: Int { Self.contentHash(self) }
}

/// The front page: entry by need, by diagnosis, by municipality, by format and time of day.
struct FrontContext: PageContext {
    var chrome: Chrome
    var heading: String? = nil
    let interventions: [InterventionEntry]
    let diagnoses: [InterventionEntry]
    let municipalities: [MunicipalityView]
    let formats: [InterventionEntry]
    let times: [InterventionEntry]
    /// A postcode of the catalog, for the search page's example.
    var examplePostcode: String? = nil
}

/// A list of modules in groups: a municipality's page, the GP page, and the lists by
/// intervention, diagnosis, format and time of day.
struct ListContext: PageContext {
    var chrome: Chrome
    var heading: String? = nil
    var lead: String? = nil
    var municipality: MunicipalityView? = nil
    /// Courses that belong on the list (a municipality's courses for one diagnosis).
    var courses: [CourseEntryView] = []
    var groups: [GroupView]
    /// A national list too long to show offer by offer: how many each municipality has.
    var overview: [PlaceCount] = []

    /// Taken directly (98 municipalities have several lists each): groups and views carry their digests.
    var digest: Int {
        fingerprint(chrome.root, chrome.pageTitle, chrome.isExample, chrome.footer.map(\.digest), heading, lead, municipality?.digest,
                    courses, groups.map(\.digest), overview)
    }
}

/// One module's page.
struct ModuleContext: PageContext {
    var chrome: Chrome
    let module: ModuleView
    let municipality: MunicipalityView
    /// The page's JSON-LD, made when the page is rendered.
    let structuredData: @Sendable () -> RawText

    mutating func prepare() { chrome.structuredData = structuredData() }

    /// Taken directly (a catalog has thousands of these pages): the views' digests cover what they
    /// show, and the module's digest covers its JSON-LD, made from the same module.
    var digest: Int {
        fingerprint(chrome.root, chrome.pageTitle, chrome.isExample, chrome.footer.map(\.digest), module.digest, municipality.digest)
    }
}

/// Postcodes and their municipalities.
struct PostcodesContext: PageContext {
    var chrome: Chrome
    let heading: String
    let postcodes: [PostcodeView]
}

/// One module against the standard, for staff.
struct ComplianceContext: PageContext {
    var chrome: Chrome
    let compliance: ModuleComplianceView

    /// Taken directly (a catalog has thousands of these pages), as `ModuleContext.digest`.
    var digest: Int { fingerprint(chrome.root, chrome.pageTitle, chrome.isExample, chrome.footer.map(\.digest), compliance.digest) }
}

/// The municipalities against the standard (the overview), or one municipality's modules.
struct ComplianceOverviewContext: PageContext {
    var chrome: Chrome
    let heading: String
    let complianceMunicipalities: [MunicipalityComplianceView]

    /// Taken directly (the national overview lists every module): the municipalities' views hash
    /// all they hold, each module's compliance by its digest.
    var digest: Int {
        fingerprint(chrome.root, chrome.pageTitle, chrome.isExample, chrome.footer.map(\.digest), heading, complianceMunicipalities)
    }
}

/// A kind of page: its template, and its pages in a site (each a path and its context). Adding
/// a page kind is a context (above, with its keys in `TemplateView.swift`), a kind here, and a
/// template.
struct PageKind: Sendable {
    typealias Made = [(path: String, context: any PageContext)]
    /// Where a kind's pages come from: the site as a whole, or one municipality each.
    enum Scope: Sendable {
        case site(@Sendable (SiteModel) -> Made)
        /// Pages that show one municipality and its modules, and nothing of other municipalities:
        /// a session keeps them, with their keys, while the municipality is unchanged
        /// (`SiteModel.pagesKey`).
        case municipality(@Sendable (SiteModel, Municipality) -> Made)
    }

    let template: String
    let scope: Scope

    init(template: String, site pages: @escaping @Sendable (SiteModel) -> Made) {
        self.template = template
        scope = .site(pages)
    }

    init(template: String, municipality pages: @escaping @Sendable (SiteModel, Municipality) -> Made) {
        self.template = template
        scope = .municipality(pages)
    }

    /// Every kind of page of the site.
    static let all: [PageKind] = [
        PageKind(template: "index") { [("index.html", $0.frontPage())] },
        PageKind(template: "search") { [(SiteModel.searchPath, $0.searchPage())] },
        PageKind(template: "postcodes") { [(SiteModel.postcodesPath, $0.postcodesPage())] },
        PageKind(template: "municipality") { site, m in [(SiteModel.municipalityPath(m), site.municipalityPage(m))] },
        PageKind(template: "doctors") { site, m in [(SiteModel.doctorsPath(m), site.doctorsPage(m))] },
        PageKind(template: "list") { site, m in
            ListFacet.allCases.flatMap { facet in
                site.terms(facet, in: m).map { term in
                    (SiteModel.municipalityListPath(m, facet, term.code), site.municipalityList(facet, term, in: m) as any PageContext)
                }
            }
        },
        PageKind(template: "list") { site in
            Parallel.map(site.interventions) { (SiteModel.interventionPath($0), site.interventionPage($0) as any PageContext) }
                + Parallel.map(site.diagnoses) { (SiteModel.diagnosisPath($0.code), site.diagnosisPage($0) as any PageContext) }
                + Parallel.map(site.formats) { (SiteModel.formatPath($0.code), site.formatPage($0) as any PageContext) }
                + Parallel.map(site.times) { (SiteModel.timePath($0.code), site.timePage($0) as any PageContext) }
        },
        PageKind(template: "overview") { [(Overview.path, $0.overviewPage())] },
        PageKind(template: "compliance-index") { [("kvalitet/index.html", $0.complianceIndex())] },
        PageKind(template: "compliance-municipality") { site, m in [(Compliance.path(m), site.complianceMunicipalityPage(m))] },
        PageKind(template: "module") { site, m in
            m.modules.map { module in (module.pagePath, site.modulePage(module, in: m) as any PageContext) }
        },
        PageKind(template: "course") { site, m in
            m.courses.map { (SiteModel.coursePath($0), site.coursePage($0, in: m) as any PageContext) }
        },
        PageKind(template: "compliance") { site, m in
            m.modules.map { module in (Compliance.path(module), site.compliancePage(module, in: m) as any PageContext) }
        },
    ]
}
