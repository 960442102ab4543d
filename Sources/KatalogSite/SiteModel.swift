import KatalogCore
import KatalogSupport

/// The catalog as the site shows it: every module's and municipality's view, built once (in
/// parallel) and kept in the session's memo, and the context of each page. URLs are relative to
/// the site root (templates prefix `{{root}}`), so the site works from `file://` and from any
/// folder on a host. A class: each of the thousands of pages captures it by one reference.
final class SiteModel: @unchecked Sendable {
    let catalog: Catalog
    let address: SiteAddress
    let compliance: Compliance
    let footerAll: [MunicipalityView]
    /// Whose catalog it is, as the header shows it: `ejer` in katalog.yml; else the one
    /// municipality of a catalog of one; else nil (nothing is made up).
    let owner: String?
    /// Every module, in catalog order.
    private let allModules: [Module]
    /// Every module's views, by module (object identity), built once: a module appears on its own
    /// page and in several lists.
    private let parts: [ObjectIdentifier: ModuleParts]
    /// Every municipality's view, by slug.
    private let municipalityViews: [String: MunicipalityView]
    /// Each municipality's modules in Danish alphabetical order of title, by slug; lists filter these.
    private let sortedModules: [String: [Module]]
    /// The municipalities in Danish alphabetical order.
    private let sortedMunicipalities: [Municipality]
    /// Each intervention's, diagnosis', format's and time of day's modules, by municipality (both in
    /// Danish alphabetical order), gathered in one pass: the front page counts them, the national lists show them.
    private let listed: [Listing: [(municipality: Municipality, modules: [Module])]]

    private let memo: SiteMemo
    /// The site's address and today's date, hashed: what every module's views are kept under, beside the module.
    private let settingsKey: Int

    /// The diagnoses, formats and times of day that some module carries (each has list pages).
    let diagnoses: [Vocabulary.Term]
    let formats: [Vocabulary.Term]
    let times: [Vocabulary.Term]
    /// The overview across municipalities (`Overview`), made once for its page and its CSV.
    let overview: Once<Overview>

    init(catalog: Catalog, compliance: Compliance, address: SiteAddress, byTitle: [String: [Module]], memo: SiteMemo) {
        self.memo = memo
        self.catalog = catalog
        self.address = address
        self.compliance = compliance
        self.owner = catalog.owner ?? (catalog.municipalities.count == 1 ? catalog.municipalities[0].name : nil)
        // A municipality's view shows its kommune.yml and what its modules say (titles, diagnoses …).
        // Its courses' next team starts too, so it is kept under today's date.
        let today = DayStamp.today()
        overview = Once { Overview(catalog, today: today) }
        self.footerAll = catalog.municipalities.map { m in
            memo.municipalities.value(fingerprint(m.fingerprint, m.modules.map(\.fingerprint), today)) {
                Self.municipalityView(m, today: today)
            }
        }
        self.municipalityViews = Dictionary(zip(catalog.municipalities.map(\.slug), footerAll)) { first, _ in first }
        self.sortedModules = byTitle
        self.sortedMunicipalities = catalog.municipalities.sortedDanish(by: \.name)
        listed = Self.listings(sortedMunicipalities, byTitle)
        // Every module with its municipality, in catalog order.
        let modules = catalog.municipalities.flatMap { m in m.modules.map { ($0, m) } }
        allModules = modules.map(\.0)
        diagnoses = Self.used(Vocabularies.diagnoses, modules.map(\.0.diagnoses))
        formats = Self.used(Vocabularies.formats, modules.map(\.0.formats))
        times = Self.used(Vocabularies.timesOfDay, modules.map(\.0.timesOfDay))
        // A module's view shows the team starts from today on, so it is kept under today's date too.
        let settingsKey = fingerprint(address, today)
        self.settingsKey = settingsKey
        let parts = Parallel.map(modules) { module, municipality in
            let twin = Self.twin(of: module, in: municipality)
            let key = fingerprint(module.fingerprint, municipality.fingerprint, twin?.fingerprint, settingsKey)
            return memo.modules.value(key) { ModuleParts(module, in: municipality, twin: twin, today: today, key: key) }
        }
        self.parts = Dictionary(uniqueKeysWithValues: zip(modules.map { ObjectIdentifier($0.0) }, parts))
    }

    /// What a list of offers is by: an intervention, or a term of a facet (a diagnosis, a format, a time of day).
    enum Listing: Hashable {
        case intervention(Intervention)
        case term(ListFacet, String)

        /// The lists a module is on (a code written twice in a module puts it there once).
        static func of(_ module: Module) -> Set<Listing> {
            Set([.intervention(module.intervention)] + ListFacet.allCases.flatMap { facet in facet.codes(module).map { .term(facet, $0) } })
        }
    }

    private static func listings(_ municipalities: [Municipality], _ byTitle: [String: [Module]])
        -> [Listing: [(municipality: Municipality, modules: [Module])]] {
        var listed: [Listing: [(municipality: Municipality, modules: [Module])]] = [:]
        for municipality in municipalities {
            var here: [Listing: [Module]] = [:]
            for module in byTitle[municipality.slug] ?? municipality.modules.sortedByTitle() {
                for listing in Listing.of(module) { here[listing, default: []].append(module) }
            }
            for (listing, modules) in here { listed[listing, default: []].append((municipality, modules)) }
        }
        return listed
    }

    /// How many modules are on a list.
    private func count(_ listing: Listing) -> Int { listed[listing]?.reduce(0) { $0 + $1.modules.count } ?? 0 }

    /// What the site shows of one module, made once per module (and kept while the module, its
    /// municipality and its digital counterpart are unchanged): its page's view and its list entry.
    struct ModuleParts: Sendable {
        let view: ModuleView
        let summary: ModuleSummaryView
        /// The key the parts are kept under (what they are made from).
        let key: Int

        init(_ module: Module, in municipality: Municipality, twin: Module?, today: String, key: Int) {
            view = ModuleView(module, in: municipality, twin: twin, today: today, digest: key)
            summary = ModuleSummaryView(view)
            self.key = key
        }
    }

    /// What a municipality's own pages (`PageKind.Scope.municipality`) are made from: the
    /// templates, the site's address and today's date, kommune.yml and its courses, its modules,
    /// and what the standard's rules found on them (`Compliance.key`).
    func pagesKey(_ municipality: Municipality, templates: Int) -> Int {
        fingerprint(templates, settingsKey, municipality.fingerprint, municipality.modules.map(\.fingerprint),
                    compliance.key(municipality))
    }

    /// The module's schema.org JSON-LD for its page's head, made when the page is rendered (a
    /// static function of what it needs: a kept page must not hold the whole model of its build).
    static func structuredData(_ module: Module, in municipality: Municipality, key: Int, address: SiteAddress,
                               memo: SiteMemo) -> RawText {
        memo.structuredData.value(key) {
            let pageURL = address.url(module.pagePath, from: module.municipalitySlug)
            return RawText(text: JSONLD.scriptBody(JSONLD.page(module, in: municipality, pageURL: pageURL)))
        }
    }

    /// The search's files: each municipality's part, made from its entries (its modules by title,
    /// then its courses) and kept while its files are unchanged.
    func searchFiles() -> [GeneratedFile] {
        SearchIndex.files(Parallel.map(sortedMunicipalities) { municipality in
            let modules = sorted(municipality)
            return (municipality, memo.search.value(fingerprint(municipality.fingerprint, modules.map { parts($0).key })) {
                SearchIndex.Part(modules.map { SearchIndex.entry($0, summaryView($0), in: municipality) }
                    + municipality.courses.sortedDanish(by: \.title).map {
                        SearchIndex.entry($0, parts: municipality.parts(of: $0), in: municipality)
                    })
            })
        })
    }

    func parts(_ module: Module) -> ModuleParts { parts[ObjectIdentifier(module)]! }

    func summaryView(_ module: Module) -> ModuleSummaryView { parts(module).summary }

    func municipalityView(_ municipality: Municipality) -> MunicipalityView {
        municipalityViews[municipality.slug]!
    }

    static func modulePath(_ module: Module) -> String { module.pagePath }
    static func coursePath(_ course: Course) -> String { course.pagePath }
    static func interventionPath(_ intervention: Intervention) -> String { "indsats/\(codeSlug(intervention.rawValue)).html" }
    static func diagnosisPath(_ code: String) -> String { "diagnose/\(codeSlug(code)).html" }
    static func municipalityPath(_ municipality: Municipality) -> String { "\(municipality.slug)/index.html" }
    /// The id of a municipality page's section for one intervention, and the address of that section.
    static func interventionAnchor(_ intervention: Intervention) -> String { codeSlug(intervention.rawValue) }
    static func interventionSectionPath(_ municipalitySlug: String, _ intervention: Intervention) -> String {
        "\(municipalitySlug)/index.html#\(interventionAnchor(intervention))"
    }
    static func doctorsPath(_ municipality: Municipality) -> String { "\(municipality.slug)/for-laeger.html" }
    static func municipalityDiagnosisPath(_ municipality: Municipality, _ code: String) -> String {
        municipalityListPath(municipality, .diagnosis, code)
    }
    static func municipalityListPath(_ municipality: Municipality, _ facet: ListFacet, _ code: String) -> String {
        "\(municipality.slug)/\(facet.folder)/\(codeSlug(code)).html"
    }
    static func formatPath(_ code: String) -> String { "format/\(codeSlug(code)).html" }
    static func timePath(_ code: String) -> String { "tidspunkt/\(codeSlug(code)).html" }

    /// Slugs of the vocabularies' codes, made once: pages ask for these paths thousands of times.
    private static let codeSlugs: [String: String] = {
        let codes = Intervention.allCases.map(\.rawValue) + Vocabularies.diagnoses.codes + Vocabularies.formats.codes
            + Vocabularies.timesOfDay.codes
        return Dictionary(codes.map { ($0, Slug.make($0)) }) { first, _ in first }
    }()

    static func codeSlug(_ code: String) -> String { codeSlugs[code] ?? Slug.make(code) }
    static let searchPath = "soeg.html"
    static let postcodesPath = "postnumre.html"

    private var isExample: Bool { catalog.municipalities.contains(where: \.isExample) }

    // MARK: What the site has pages for

    /// The interventions with a list page: the six always (a missing one is itself worth seeing),
    /// other offers when there are any.
    var interventions: [Intervention] {
        Intervention.allCases.filter { $0.isInStandard || allModules.contains(where: { $0.intervention == .andet }) }
    }

    /// The terms of a vocabulary that some module carries, in the vocabulary's order.
    private static func used(_ vocabulary: Vocabulary, _ codes: [[String]]) -> [Vocabulary.Term] {
        let used = Set(codes.joined())
        return vocabulary.terms.filter { used.contains($0.code) }
    }

    // MARK: Pages

    private func chrome(root: String, title: String, footer: [MunicipalityView]? = nil, example: Bool? = nil) -> Chrome {
        Chrome(root: root, pageTitle: title, footer: footer ?? footerAll, isExample: example ?? isExample, owner: owner)
    }

    private func chrome(root: String, title: String, in municipality: Municipality) -> Chrome {
        chrome(root: root, title: title, footer: [municipalityView(municipality)], example: municipality.isExample)
    }

    func frontPage() -> FrontContext {
        let interventions = Intervention.allCases.compactMap { intervention -> InterventionEntry? in
            let count = count(.intervention(intervention))
            // The six always (a missing one is itself worth seeing); other offers when there are any.
            guard intervention.isInStandard || count > 0 else { return nil }
            return InterventionEntry(code: intervention.rawValue, label: intervention.label, everyday: intervention.everydayLabel,
                                     description: intervention.everydayDescription, url: Self.interventionPath(intervention), count: count)
        }
        return FrontContext(chrome: chrome(root: "", title: "Forebyggelsestilbud til borgere med kronisk sygdom"),
                            interventions: interventions, diagnoses: facet(.diagnosis, path: Self.diagnosisPath),
                            municipalities: sortedMunicipalities.map(municipalityView),
                            formats: facet(.format, path: Self.formatPath), times: facet(.time, path: Self.timePath))
    }

    /// Entries for a facet's terms, with the number of modules that carry each (terms with none left out).
    private func facet(_ facet: ListFacet, path: (String) -> String) -> [InterventionEntry] {
        facet.vocabulary.terms.compactMap { term in
            let count = count(.term(facet, term.code))
            return count == 0 ? nil : InterventionEntry(code: term.code, label: term.label, everyday: term.label, description: "",
                                                        url: path(term.code), count: count)
        }
    }

    func municipalityPage(_ municipality: Municipality) -> ListContext {
        ListContext(chrome: chrome(root: "../", title: "Tilbud i \(municipality.name)", in: municipality),
            municipality: municipalityView(municipality),
                    groups: interventionGroups(municipality, heading: \.everydayLabel))
    }

    /// A municipality's modules grouped by intervention, in the standard's order; empty groups left out.
    private func interventionGroups(_ municipality: Municipality, heading: (Intervention) -> String,
                                    where include: (Module) -> Bool = { _ in true }) -> [GroupView] {
        Intervention.allCases.compactMap { intervention in
            let modules = sorted(municipality).filter { $0.intervention == intervention && include($0) }
            guard !modules.isEmpty else { return nil }
            return GroupView(heading: heading(intervention), url: Self.interventionPath(intervention),
                             anchor: Self.interventionAnchor(intervention), modules: modules.map(summaryView))
        }
    }

    func modulePage(_ module: Module, in municipality: Municipality) -> ModuleContext {
        ModuleContext(chrome: chrome(root: "../", title: "\(module.title) – \(municipality.name)", in: municipality),
                      module: parts(module).view, municipality: municipalityView(municipality)) {
            [key = parts(module).key, address, memo] in
            Self.structuredData(module, in: municipality, key: key, address: address, memo: memo)
        }
    }

    /// A course's page: its own facts and its parts' (made from the parts' views, so it follows them).
    func coursePage(_ course: Course, in municipality: Municipality) -> CourseContext {
        let modules = municipality.parts(of: course)
        let view = CourseView(course, in: municipality, parts: modules.map { parts($0).view }, today: DayStamp.today())
        let pageURL = address.url(course.pagePath, from: course.municipalitySlug)
        let json = JSONLD.page(course, parts: modules, in: municipality, pageURL: pageURL) { [address] in
            address.url($0.pagePath, from: course.municipalitySlug)
        }
        var chrome = chrome(root: "../", title: "\(course.title) – \(municipality.name)", in: municipality)
        chrome.structuredData = RawText(text: JSONLD.scriptBody(json))
        return CourseContext(chrome: chrome, course: view, municipality: municipalityView(municipality))
    }

    func interventionPage(_ intervention: Intervention) -> ListContext {
        nationalList(heading: intervention.everydayLabel,
                     lead: "\(intervention.everydayDescription) I standarden hedder indsatsen: \(intervention.label).",
                     municipalityURL: { Self.interventionSectionPath($0.slug, intervention) }, listing: .intervention(intervention))
    }

    func diagnosisPage(_ diagnosis: Vocabulary.Term) -> ListContext {
        nationalList(ListFacet.diagnosis, diagnosis)
    }

    func formatPage(_ term: Vocabulary.Term) -> ListContext { nationalList(ListFacet.format, term) }

    func timePage(_ term: Vocabulary.Term) -> ListContext { nationalList(ListFacet.time, term) }

    /// "Tilbud ved KOL i Fjordby Kommune", "Tilbud i Fjordby Kommune om aftenen": one municipality's
    /// offers with one diagnosis, way of taking part or time of day, by intervention.
    func municipalityList(_ facet: ListFacet, _ term: Vocabulary.Term, in municipality: Municipality) -> ListContext {
        let heading = facet.heading(term, in: municipality.name)
        let courses = facet != .diagnosis ? [] : municipalityView(municipality).courses.filter { entry in
            municipality.courses.contains { $0.pagePath == entry.url && municipality.diagnoses(of: $0).contains(term.code) }
        }
        return ListContext(chrome: chrome(root: "../../", title: heading, in: municipality), heading: heading,
                           lead: facet.lead(term, in: municipality.name), municipality: municipalityView(municipality), courses: courses,
                           groups: interventionGroups(municipality, heading: \.everydayLabel) { facet.codes($0).contains(term.code) })
    }

    /// The terms of a facet that some module of the municipality carries, each a list page.
    func terms(_ facet: ListFacet, in municipality: Municipality) -> [Vocabulary.Term] {
        facet.vocabulary.terms.filter { term in municipality.modules.contains { facet.codes($0).contains(term.code) } }
    }

    private func sorted(_ municipality: Municipality) -> [Module] {
        sortedModules[municipality.slug] ?? municipality.modules.sortedByTitle()
    }

    /// A national list of a diagnosis, format or time of day, each municipality linking to its own list.
    private func nationalList(_ facet: ListFacet, _ term: Vocabulary.Term) -> ListContext {
        nationalList(heading: facet.heading(term, in: nil), lead: facet.lead(term, in: nil),
                     groupHeading: { facet.heading(term, in: $0.name) },
                     municipalityURL: { Self.municipalityListPath($0, facet, term.code) }, listing: .term(facet, term.code))
    }

    /// The offers of one kind across the country, by municipality. Up to `nationalListLimit` offers
    /// are listed; a longer list (a national catalog) is an overview that says how many each
    /// municipality has and links to its own list, so the page stays light.
    private func nationalList(heading: String, lead: String, groupHeading: (Municipality) -> String = { $0.name },
                              municipalityURL: (Municipality) -> String, listing: Listing) -> ListContext {
        let found = listed[listing] ?? []
        let total = count(listing)
        var page = ListContext(chrome: chrome(root: "../", title: heading), heading: heading, lead: lead, groups: [])
        guard total > Self.nationalListLimit else {
            page.groups = found.map { municipality, modules in
                GroupView(heading: groupHeading(municipality), url: municipalityURL(municipality),
                          doctorsURL: Self.doctorsPath(municipality), modules: modules.map(summaryView))
            }
            return page
        }
        page.lead = lead + " \(total) tilbud i \(found.count) af \(sortedMunicipalities.count) kommuner."
            + " Vælg en kommune for at se dens tilbud."
        page.overview = found.map { municipality, modules in
            PlaceCount(name: municipality.name, url: municipalityURL(municipality), count: modules.count,
                       doctorsURL: Self.doctorsPath(municipality))
        }
        return page
    }

    /// The most offers a national list shows one by one.
    static let nationalListLimit = 100

    /// How GPs refer in one municipality: XREF15, the receiving unit, what to include, and every offer.
    func doctorsPage(_ municipality: Municipality) -> DoctorsContext {
        DoctorsContext(chrome: chrome(root: "../", title: "For læger: henvisning i \(municipality.name)", in: municipality),
                       municipality: municipalityView(municipality), groups: interventionGroups(municipality, heading: \.label),
                       address: address)
    }

    /// Every module in one list with filters: works without JavaScript (the whole list, and links to
    /// the pre-rendered filter pages); with JavaScript the form filters the list in place.
    func searchPage() -> FrontContext {
        let front = frontPage()
        var page = FrontContext(chrome: chrome(root: "", title: "Find et tilbud"), heading: "Find et tilbud",
            interventions: front.interventions,
                                diagnoses: front.diagnoses, municipalities: front.municipalities, formats: front.formats,
                                times: front.times)
        page.examplePostcode = sortedMunicipalities.lazy.compactMap(\.postcodes.first).first
        return page
    }

    /// Postcode → municipality, for citizens and GPs who know the postcode but not the municipality.
    func postcodesPage() -> PostcodesContext {
        PostcodesContext(chrome: chrome(root: "", title: "Find din kommune ud fra postnummer"),
            heading: "Find din kommune ud fra postnummer",
                         postcodes: catalog.municipalities.flatMap { m in
                             m.postcodes.map { PostcodeView(postcode: $0, municipality: m.name, url: Self.municipalityPath(m)) }
                         }.sorted { ($0.postcode, $0.municipality) < ($1.postcode, $1.municipality) })
    }

    func complianceIndex() -> ComplianceOverviewContext {
        ComplianceOverviewContext(chrome: chrome(root: "../", title: "Opfyldelse af kvalitetsstandarden"),
            heading: "Opfyldelse af kvalitetsstandarden",
                                  complianceMunicipalities: sortedMunicipalities.map { compliance.municipality($0, listing: false) })
    }

    /// One municipality's modules against the standard, and its catalog as a whole.
    func complianceMunicipalityPage(_ municipality: Municipality) -> ComplianceOverviewContext {
        ComplianceOverviewContext(chrome: chrome(root: "../../", title: "Kvalitetsstandarden: \(municipality.name)", in: municipality),
                                  heading: "Kvalitetsstandarden i \(municipality.name)",
                                  complianceMunicipalities: [compliance.municipality(municipality)])
    }

    func compliancePage(_ module: Module, in municipality: Municipality) -> ComplianceContext {
        ComplianceContext(chrome: chrome(root: "../", title: "Kvalitetsstandarden: \(module.title) – \(municipality.name)",
            in: municipality),
                          compliance: compliance.module(module, in: municipality))
    }

    // MARK: Views

    /// The digital counterpart a module names (`digital-pendant`), if it exists.
    private static func twin(of module: Module, in municipality: Municipality) -> Module? {
        guard let name = module.digitalTwinName else { return nil }
        let slug = Slug.make(name)
        return municipality.modules.first { $0.slug == slug }
    }

    /// Links to the diagnoses' pages, in the order given: the diseases, and apart the groups that are not one
    /// (rygere, pårørende), which a page shows under "Målgruppe".
    static func diagnosisLinks(_ codes: [String]) -> (diseases: [LinkView], groups: [LinkView]) {
        let links = codes.map { (code: $0, link: LinkView(label: Vocabularies.diagnoses.label($0), url: diagnosisPath($0))) }
        return (links.filter { !Vocabularies.targetGroups.contains($0.code) }.map(\.link),
                links.filter { Vocabularies.targetGroups.contains($0.code) }.map(\.link))
    }

    /// "Hvem er det for?": the module's description, whether it is also for citizens at risk, and
    /// its special considerations, as one text (nil when the module says none of them).
    static func whoFor(_ group: TargetGroup) -> String? {
        let parts = [group.description, group.atRisk == true ? "Også for borgere, der er i risiko for at få en kronisk sygdom." : nil,
                     group.specialConsiderations].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    static func municipalityView(_ m: Municipality, today: String) -> MunicipalityView {
        var view = MunicipalityView(
            slug: m.slug, name: m.name, url: municipalityPath(m), code: m.code, isExample: m.isExample,
            contact: ContactView(m.contact),
            accessibilityStatement: m.accessibilityStatement,
            website: m.website,
            receiver: m.receiver.name,
            receiverSOR: m.receiver.sor,
            receiverLocation: m.receiver.ean,
            doctorsPhone: m.doctors.phone,
            doctorsPhoneURI: m.doctors.phone.flatMap(ContactView.telephoneURI),
            contactWithinDays: m.doctors.contactWithinDays?.exact,
            referralContents: m.doctors.referralContents,
            feedback: m.doctors.feedback,
            postcodes: m.postcodes.joined(separator: ", "),
            doctorsURL: doctorsPath(m),
            directOffers: m.modules.filter(\.directAccess).sortedByTitle().map { LinkView(label: $0.title, url: $0.pagePath) },
            diagnoses: Vocabularies.diagnoses.terms.filter { term in m.modules.contains { $0.diagnoses.contains(term.code) } }
                .map { LinkView(label: $0.label, url: municipalityDiagnosisPath(m, $0.code)) },
            calendarURL: m.hasTeamStarts ? m.calendarPath : nil,
            courses: m.courses.sortedDanish(by: \.title).map { CourseEntryView($0, parts: m.parts(of: $0), today: today) })
        view.digest = MunicipalityView.contentHash(view)
        return view
    }

}

extension String {
    /// "Kræft" → "kræft", but "KOL" stays "KOL".
    var lowercasedFirstWordUnlessAcronym: String {
        let first = prefix { $0 != " " }
        if first.count > 1 && first == first.uppercased() { return self }
        return prefix(1).lowercased() + dropFirst()
    }
}
