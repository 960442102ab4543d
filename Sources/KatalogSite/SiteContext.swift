import KatalogCore

/// Builds the view models of each page from the catalog. URLs are relative to the site root
/// (templates prefix `{{root}}`), so the site works from `file://` and from any folder on a host.
/// A class: each of the thousands of page jobs captures it by one reference.
final class SiteContext: @unchecked Sendable {
    let catalog: Catalog
    let footerAll: [MunicipalityView]
    /// Every module's view, by module (object identity), built once (in parallel): a module appears
    /// on its own page and in several lists.
    private let moduleViews: [ObjectIdentifier: ModuleView]
    /// Every module's list entry, by module.
    private let summaryViews: [ObjectIdentifier: ModuleSummaryView]
    /// Every municipality's view, by slug.
    private let municipalityViews: [String: MunicipalityView]
    /// Each municipality's modules in Danish alphabetical order of title, by slug; lists filter these.
    private let sortedModules: [String: [Module]]
    /// The municipalities in Danish alphabetical order.
    private let sortedMunicipalities: [Municipality]

    init(catalog: Catalog, cache: FragmentCache? = nil) {
        self.catalog = catalog
        // A municipality's view shows its kommune.yml and its modules' front matter (titles, diagnoses …).
        self.footerAll = catalog.municipalities.map { m in
            guard let cache, m.fingerprint != 0, m.modules.allSatisfy({ $0.factsFingerprint != 0 }) else { return Self.municipalityView(m) }
            return cache.value("MunicipalityView", fingerprint(m.fingerprint, m.modules.map(\.factsFingerprint))) { Self.municipalityView(m) }
        }
        self.municipalityViews = Dictionary(zip(catalog.municipalities.map(\.slug), footerAll)) { first, _ in first }
        self.sortedModules = Dictionary(catalog.municipalities.map { ($0.slug, $0.modules.sortedByTitle(cache: cache)) }) { first, _ in first }
        self.sortedMunicipalities = catalog.municipalities.sortedDanish(by: \.name)
        let pairs = catalog.municipalities.flatMap { m in m.modules.map { (module: $0, municipality: m) } }
        let views = Parallel.map(pairs) { pair in
            let digest = Self.digest(pair.module, in: pair.municipality)
            guard let cache, pair.module.fingerprint != 0 else { return Self.buildModuleView(pair.module, in: pair.municipality, digest: digest) }
            return cache.value("ModuleView", digest) { Self.buildModuleView(pair.module, in: pair.municipality, digest: digest) }
        }
        let identities = pairs.map { ObjectIdentifier($0.module) }
        self.moduleViews = Dictionary(uniqueKeysWithValues: zip(identities, views))
        let summaries = Parallel.map(views) { view in
            cache?.value("ModuleSummaryView", view.digest) { ModuleSummaryView(view) } ?? ModuleSummaryView(view, fieldwise: false)
        }
        self.summaryViews = Dictionary(uniqueKeysWithValues: zip(identities, summaries))
    }

    func summaryView(_ module: Module, in municipality: Municipality) -> ModuleSummaryView {
        summaryViews[ObjectIdentifier(module)] ?? ModuleSummaryView(moduleView(module, in: municipality))
    }

    func municipalityView(_ municipality: Municipality) -> MunicipalityView {
        municipalityViews[municipality.slug] ?? Self.municipalityView(municipality)
    }

    static func modulePath(_ module: Module) -> String { module.pagePath }
    static func interventionPath(_ intervention: Intervention) -> String { "indsats/\(codeSlug(intervention.rawValue)).html" }
    static func diagnosisPath(_ code: String) -> String { "diagnose/\(codeSlug(code)).html" }
    static func municipalityPath(_ municipality: Municipality) -> String { "\(municipality.slug)/index.html" }
    static func doctorsPath(_ municipality: Municipality) -> String { "\(municipality.slug)/for-laeger.html" }
    static func municipalityDiagnosisPath(_ municipality: Municipality, _ code: String) -> String { "\(municipality.slug)/sygdom/\(codeSlug(code)).html" }
    static func formatPath(_ code: String) -> String { "format/\(codeSlug(code)).html" }
    static func timePath(_ code: String) -> String { "tidspunkt/\(codeSlug(code)).html" }

    /// Slugs of the vocabularies' codes, made once: pages ask for these paths thousands of times.
    private static let codeSlugs: [String: String] = {
        let codes = Intervention.allCases.map(\.rawValue) + Vocabularies.diagnoses.codes + Vocabularies.formats.codes + Vocabularies.timesOfDay.codes
        return Dictionary(codes.map { ($0, Slug.make($0)) }) { first, _ in first }
    }()

    static func codeSlug(_ code: String) -> String { codeSlugs[code] ?? Slug.make(code) }
    static let searchPath = "soeg.html"
    static let postcodesPath = "postnumre.html"

    private var isExample: Bool { catalog.municipalities.contains(where: \.isExample) }

    // MARK: Pages

    func frontPage() -> Page {
        var page = Page(root: "", pageTitle: "Forebyggelsestilbud til borgere med kronisk sygdom", footer: footerAll, isExample: isExample)
        page.interventions = Intervention.allCases.compactMap { intervention in
            let count = catalog.modules.count { $0.intervention == intervention }
            // The six always (a missing one is itself worth seeing); other offers when there are any.
            guard intervention.isInStandard || count > 0 else { return nil }
            return InterventionEntry(code: intervention.rawValue, label: intervention.label, everyday: intervention.everydayLabel,
                                     description: intervention.everydayDescription, url: Self.interventionPath(intervention), count: count)
        }
        page.diagnoses = Vocabularies.diagnoses.terms.compactMap { term in
            let count = catalog.modules.count { $0.diagnoses.contains(term.code) }
            guard count > 0 else { return nil }
            return InterventionEntry(code: term.code, label: term.label, everyday: term.label, description: "", url: Self.diagnosisPath(term.code), count: count)
        }
        page.municipalities = sortedMunicipalities.map(municipalityView)
        page.formats = facet(Vocabularies.formats, path: Self.formatPath) { $0.formats }
        page.times = facet(Vocabularies.timesOfDay, path: Self.timePath) { $0.timesOfDay }
        return page
    }

    /// Entries for a vocabulary, with the number of modules that carry each code (codes with none left out).
    private func facet(_ vocabulary: Vocabulary, path: (String) -> String, _ codes: (Module) -> [String]) -> [InterventionEntry] {
        vocabulary.terms.compactMap { term in
            let count = catalog.modules.count { codes($0).contains(term.code) }
            return count == 0 ? nil : InterventionEntry(code: term.code, label: term.label, everyday: term.label, description: "", url: path(term.code), count: count)
        }
    }

    func municipalityPage(_ municipality: Municipality) -> Page {
        let view = municipalityView(municipality)
        var page = Page(root: "../", pageTitle: "Tilbud i \(municipality.name)", footer: [view], isExample: municipality.isExample)
        page.municipality = view
        page.groups = interventionGroups(municipality, heading: \.everydayLabel)
        return page
    }

    /// A municipality's modules grouped by intervention, in the standard's order; empty groups left out.
    private func interventionGroups(_ municipality: Municipality, heading: (Intervention) -> String,
                                    where include: (Module) -> Bool = { _ in true }) -> [GroupView] {
        Intervention.allCases.compactMap { intervention in
            let modules = sorted(municipality).filter { $0.intervention == intervention && include($0) }
            guard !modules.isEmpty else { return nil }
            return GroupView(heading: heading(intervention), url: Self.interventionPath(intervention),
                             modules: modules.map { summaryView($0, in: municipality) })
        }
    }

    func modulePage(_ module: Module, in municipality: Municipality) -> Page {
        let view = municipalityView(municipality)
        var page = Page(root: "../", pageTitle: "\(module.title) – \(municipality.name)", footer: [view], isExample: municipality.isExample)
        page.module = moduleView(module, in: municipality)
        page.municipality = view
        return page
    }

    func interventionPage(_ intervention: Intervention) -> Page {
        listPage(heading: intervention.everydayLabel,
                 lead: "\(intervention.everydayDescription) I standarden hedder indsatsen: \(intervention.label).") {
            $0.intervention == intervention
        }
    }

    func diagnosisPage(_ diagnosis: Vocabulary.Term) -> Page {
        let name = diagnosis.label.lowercasedFirstWordUnlessAcronym
        let who = Vocabularies.targetGroups.contains(diagnosis.code) ? "for \(name)" : "for borgere med \(name)"
        return listPage(heading: "Tilbud ved \(name)", lead: "Her er tilbuddene \(who), sorteret efter kommune.",
                        groupHeading: { "Tilbud ved \(name) i \($0.name)" },
                        groupURL: { Self.municipalityDiagnosisPath($0, diagnosis.code) }) {
            $0.diagnoses.contains(diagnosis.code)
        }
    }

    /// "Tilbud ved KOL i Fjordby Kommune": one municipality's offers for one diagnosis.
    func municipalityDiagnosisPage(_ diagnosis: Vocabulary.Term, in municipality: Municipality) -> Page {
        let name = diagnosis.label.lowercasedFirstWordUnlessAcronym
        let view = municipalityView(municipality)
        var page = Page(root: "../../", pageTitle: "Tilbud ved \(name) i \(municipality.name)", footer: [view], isExample: municipality.isExample)
        page.heading = "Tilbud ved \(name) i \(municipality.name)"
        page.lead = "Her er tilbuddene i \(municipality.name) " + (Vocabularies.targetGroups.contains(diagnosis.code) ? "for \(name)." : "til borgere med \(name).")
        page.municipality = view
        page.groups = interventionGroups(municipality, heading: \.everydayLabel) { $0.diagnoses.contains(diagnosis.code) }
        return page
    }

    func formatPage(_ term: Vocabulary.Term) -> Page {
        listPage(heading: "Tilbud: \(term.label.lowercased())", lead: "Tilbud, hvor det foregår sådan: \(term.label.lowercased()).") {
            $0.formats.contains(term.code)
        }
    }

    func timePage(_ term: Vocabulary.Term) -> Page {
        listPage(heading: "Tilbud \(term.label.lowercased())", lead: "Tilbud, der foregår \(term.label.lowercased()).") {
            $0.timesOfDay.contains(term.code)
        }
    }

    private func sorted(_ municipality: Municipality) -> [Module] {
        sortedModules[municipality.slug] ?? municipality.modules.sortedByTitle()
    }

    private func listPage(heading: String, lead: String,
                          groupHeading: (Municipality) -> String = { $0.name },
                          groupURL: (Municipality) -> String = SiteContext.municipalityPath,
                          where include: (Module) -> Bool) -> Page {
        var page = Page(root: "../", pageTitle: heading, footer: footerAll, isExample: isExample)
        page.heading = heading
        page.lead = lead
        page.groups = sortedMunicipalities.compactMap { municipality in
            let modules = sorted(municipality).filter(include)
            guard !modules.isEmpty else { return nil }
            return GroupView(heading: groupHeading(municipality), url: groupURL(municipality),
                             doctorsURL: Self.doctorsPath(municipality),
                             modules: modules.map { summaryView($0, in: municipality) })
        }
        return page
    }

    /// How GPs refer in one municipality: XREF15, the receiving unit, what to include, and every offer.
    func doctorsPage(_ municipality: Municipality) -> Page {
        let view = municipalityView(municipality)
        var page = Page(root: "../", pageTitle: "For læger: henvisning i \(municipality.name)", footer: [view], isExample: municipality.isExample)
        page.municipality = view
        page.groups = interventionGroups(municipality, heading: \.label)
        return page
    }

    /// Every module in one list with filters: works without JavaScript (the whole list, and links to
    /// the pre-rendered filter pages); with JavaScript the form filters the list in place.
    func searchPage() -> Page {
        var page = frontPage()
        page.pageTitle = "Find et tilbud"
        page.heading = "Find et tilbud"
        page.groups = [GroupView(heading: "Alle tilbud", url: nil, doctorsURL: nil,
                                 modules: catalog.modules.sortedByTitle().compactMap { summaryViews[ObjectIdentifier($0)] })]
        return page
    }

    /// Postcode → municipality, for citizens and GPs who know the postcode but not the municipality.
    func postcodesPage() -> Page {
        var page = Page(root: "", pageTitle: "Find din kommune ud fra postnummer", footer: footerAll, isExample: isExample)
        page.heading = "Find din kommune ud fra postnummer"
        page.postcodes = catalog.municipalities.flatMap { m in m.postcodes.map { PostcodeView(postcode: $0, municipality: m.name, url: Self.municipalityPath(m)) } }
            .sorted { ($0.postcode, $0.municipality) < ($1.postcode, $1.municipality) }
        return page
    }

    func complianceIndex(_ compliance: Compliance) -> Page {
        var page = Page(root: "../", pageTitle: "Opfyldelse af kvalitetsstandarden", footer: footerAll, isExample: isExample)
        page.heading = "Opfyldelse af kvalitetsstandarden"
        page.complianceMunicipalities = sortedMunicipalities.map { compliance.municipality($0, listing: false) }
        return page
    }

    /// One municipality's modules against the standard, and its catalog as a whole.
    func complianceMunicipalityPage(_ municipality: Municipality, _ compliance: Compliance) -> Page {
        var page = Page(root: "../../", pageTitle: "Kvalitetsstandarden: \(municipality.name)",
                        footer: [municipalityView(municipality)], isExample: municipality.isExample)
        page.heading = "Kvalitetsstandarden i \(municipality.name)"
        page.complianceMunicipalities = [compliance.municipality(municipality)]
        return page
    }

    func compliancePage(_ module: Module, in municipality: Municipality, _ compliance: Compliance) -> Page {
        var page = Page(root: "../", pageTitle: "Kvalitetsstandarden: \(module.title) – \(municipality.name)",
                        footer: [municipalityView(municipality)], isExample: municipality.isExample)
        page.compliance = compliance.module(module, in: municipality)
        return page
    }

    // MARK: Views

    func moduleView(_ module: Module, in municipality: Municipality) -> ModuleView {
        moduleViews[ObjectIdentifier(module)] ?? Self.buildModuleView(module, in: municipality, digest: Self.digest(module, in: municipality))
    }

    /// The digital counterpart a module names (`digital-pendant`), if it exists.
    private static func twin(of module: Module, in municipality: Municipality) -> Module? {
        guard let name = module.digitalTwinName else { return nil }
        let slug = Slug.make(name)
        return municipality.modules.first { $0.slug == slug }
    }

    /// What a module's view is made from: the module, its municipality's settings and its digital
    /// counterpart (whose title it shows). Without loader fingerprints (catalogs built in code), the content itself.
    static func digest(_ module: Module, in municipality: Municipality) -> Int {
        let twin = twin(of: module, in: municipality)
        guard module.fingerprint != 0 else {
            return fingerprint(module.id, module.fields, module.body.markdown, municipality.fields, twin?.title)
        }
        return fingerprint(module.fingerprint, municipality.fingerprint, twin?.fingerprint)
    }

    private static func buildModuleView(_ module: Module, in municipality: Municipality, digest: Int) -> ModuleView {
        let twin = Self.twin(of: module, in: municipality)
        return ModuleView(
            id: "m-" + module.id.replacingASCII { $0 == 0x2F ? "-" : nil },
            title: module.title,
            summary: module.summary,
            url: Self.modulePath(module),
            municipality: municipality.name,
            municipalityURL: Self.municipalityPath(municipality),
            intervention: module.intervention.everydayLabel,
            interventionURL: Self.interventionPath(module.intervention),
            variant: module.variant?.label,
            diagnoses: module.diagnoses.map { LinkView(label: Vocabularies.diagnoses.label($0), url: Self.diagnosisPath($0)) },
            targetGroup: Self.whoFor(module.targetGroup),
            dietGroups: module.targetGroup.dietGroups.map(Vocabularies.dietGroups.label),
            forms: module.forms.map(Vocabularies.forms.label) + module.otherForms,
            formats: module.formats.map(Vocabularies.formats.label) + module.otherFormats,
            times: module.timesOfDay.map(Vocabularies.timesOfDay.label),
            scope: ScopeText.describe(module.scope),
            intake: module.intake.map(Vocabularies.intakes.label),
            places: module.places.map(PlaceView.init),
            contact: ContactView(module.contact(in: municipality)),
            // Not stated is shown as not stated, never as a default.
            price: module.price?.text ?? "Kontakt os om prisen",
            updated: DanishDate.long(module.updated),
            updatedISO: module.updated,
            selfReferral: module.selfReferral,
            referralRequired: module.selfReferralStated == false,
            directAccess: module.directAccess,
            startConversation: module.nicotine.startConversation == true,
            reduction: module.nicotine.reduction == true,
            referralSources: module.referralSources.map(Vocabularies.referralSources.label),
            staff: module.staff.map(Vocabularies.professions.label) + module.otherStaff,
            body: module.body.html,
            digitalTwin: twin.map { LinkView(label: $0.title, url: Self.modulePath($0)) },
            continuation: module.continuations.map(Vocabularies.continuations.label),
            doctorsURL: Self.doctorsPath(municipality),
            digest: digest)
    }

    /// "Hvem er det for?": the module's description, whether it is also for citizens at risk, and
    /// its special considerations, as one text (nil when the module says none of them).
    static func whoFor(_ group: TargetGroup) -> String? {
        let parts = [group.description, group.atRisk == true ? "Også for borgere, der er i risiko for at få en kronisk sygdom." : nil,
                     group.specialConsiderations].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    static func municipalityView(_ m: Municipality) -> MunicipalityView {
        var view = MunicipalityView(
            slug: m.slug, name: m.name, url: municipalityPath(m), code: m.code, isExample: m.isExample,
            contact: ContactView(m.contact),
            accessibilityStatement: m.accessibilityStatement,
            website: m.website,
            receiver: m.receiver.name,
            receiverSOR: m.receiver.sor,
            receiverLocation: m.receiver.ean,
            doctorsPhone: m.doctors.phone,
            contactWithinDays: m.doctors.contactWithinDays?.exact,
            referralContents: m.doctors.referralContents,
            feedback: m.doctors.feedback,
            postcodes: m.postcodes.joined(separator: ", "),
            doctorsURL: doctorsPath(m),
            directOffers: m.modules.filter(\.directAccess).sortedByTitle().map { LinkView(label: $0.title, url: $0.pagePath) },
            diagnoses: Vocabularies.diagnoses.terms.filter { term in m.modules.contains { $0.diagnoses.contains(term.code) } }
                .map { LinkView(label: $0.label, url: municipalityDiagnosisPath(m, $0.code)) })
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
