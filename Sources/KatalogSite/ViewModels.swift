import Foundation
import Mustache
import KatalogCore

/// What templates see. Plain values only; Mustache escapes every `{{x}}`, and only rendered
/// Markdown (`{{{body}}}`) is inserted raw.
struct LinkView: Hashable {
    let label: String
    let url: String
}

struct PlaceView: Hashable {
    let name: String?
    let address: String?
    let postcode: String?
    let city: String?

    init(_ place: Place) {
        (name, address, postcode, city) = (place.name, place.address, place.postcode, place.city)
    }
}

struct ContactView: Hashable {
    let name: String?
    let phone: String?
    let email: String?
    let hours: String?

    init?(_ contact: Contact?) {
        guard let contact else { return nil }
        (name, phone, email, hours) = (contact.name, contact.phone, contact.email, contact.hours)
    }
}

/// A module as its page shows it. A class: pages, lists and caches pass it around, and copying a
/// reference is one retain, not one per field.
final class ModuleView: Sendable {
    let id: String
    let title: String
    let summary: String
    let url: String
    let municipality: String
    let municipalityURL: String
    let intervention: String
    let interventionURL: String
    let variant: String?
    let diagnoses: [LinkView]
    /// Who the offer is for, in the module's words, with "also at risk" and special considerations.
    let targetGroup: String?
    let dietGroups: [String]
    let forms: [String]
    let formats: [String]
    let times: [String]
    let scope: String?
    let intake: String?
    let places: [PlaceView]
    let contact: ContactView?
    let price: String
    let updated: String
    let updatedISO: String
    /// The module says the citizen can contact the offer without a referral.
    let selfReferral: Bool
    /// The module says the citizen cannot (`egen-henvendelse: false`); neither, when it says nothing.
    let referralRequired: Bool
    let directAccess: Bool
    /// Nicotine cessation: starts with a conversation that agrees the course (`opstartssamtale`),
    /// and offers cutting down as a step (`reduktion`).
    let startConversation: Bool
    let reduction: Bool
    let referralSources: [String]
    let staff: [String]
    let body: String
    let digitalTwin: LinkView?
    let continuation: [String]
    let doctorsURL: String
    /// A fingerprint of what the view is made from (the module's and municipality's sources and the
    /// digital counterpart's): pages that show the module hash this, not the whole view.
    let digest: Int

    init(id: String,
         title: String,
         summary: String,
         url: String,
         municipality: String,
         municipalityURL: String,
         intervention: String,
         interventionURL: String,
         variant: String?,
         diagnoses: [LinkView],
         targetGroup: String?,
         dietGroups: [String],
         forms: [String],
         formats: [String],
         times: [String],
         scope: String?,
         intake: String?,
         places: [PlaceView],
         contact: ContactView?,
         price: String,
         updated: String,
         updatedISO: String,
         selfReferral: Bool,
         referralRequired: Bool,
         directAccess: Bool,
         startConversation: Bool,
         reduction: Bool,
         referralSources: [String],
         staff: [String],
         body: String,
         digitalTwin: LinkView?,
         continuation: [String],
         doctorsURL: String,
         digest: Int) {
        self.id = id
        self.title = title
        self.summary = summary
        self.url = url
        self.municipality = municipality
        self.municipalityURL = municipalityURL
        self.intervention = intervention
        self.interventionURL = interventionURL
        self.variant = variant
        self.diagnoses = diagnoses
        self.targetGroup = targetGroup
        self.dietGroups = dietGroups
        self.forms = forms
        self.formats = formats
        self.times = times
        self.scope = scope
        self.intake = intake
        self.places = places
        self.contact = contact
        self.price = price
        self.updated = updated
        self.updatedISO = updatedISO
        self.selfReferral = selfReferral
        self.referralRequired = referralRequired
        self.directAccess = directAccess
        self.startConversation = startConversation
        self.reduction = reduction
        self.referralSources = referralSources
        self.staff = staff
        self.body = body
        self.digitalTwin = digitalTwin
        self.continuation = continuation
        self.doctorsURL = doctorsURL
        self.digest = digest
    }
}

extension ModuleView: Digested {}

/// A module as lists show it (municipality pages, lists by intervention, diagnosis, format and
/// time, the search page, the GP page): its facts and summary, not its full text. Lists hash
/// these values, so editing a module's body text re-renders its own page but no list. A class:
/// lists hold tens of thousands of them, and copying a reference is one retain, not eighteen.
final class ModuleSummaryView: Sendable {
    /// The fields of `ModuleView` that lists show (its key table, narrowed to these names).
    static let fields: Set<String> = [
        "id", "title", "summary", "url", "municipality", "municipalityURL", "intervention", "interventionURL", "variant",
        "diagnoses", "forms", "formats", "times", "price", "updated", "updatedISO", "selfReferral", "referralRequired", "directAccess",
    ]

    let view: ModuleView
    /// Hashed once, so the lists that show thousands of entries hash one number per entry.
    /// `fieldwise`: from every field lists show, so that a list whose entries look the same keeps
    /// its fingerprint (what a session that builds again needs). Otherwise from the module view's
    /// digest, which is as unique (equal digests, equal fields) and costs nothing.
    let digest: Int

    init(_ view: ModuleView, fieldwise: Bool = true) {
        self.view = view
        guard fieldwise else {
            digest = fingerprint("ModuleSummaryView", view.digest)
            return
        }
        var hasher = Hasher()
        for name in Self.fields.sorted() {
            ViewFingerprint.combine(name, into: &hasher)
            ViewFingerprint.combine(view[keyPath: ModuleView.keys[name]!.path], into: &hasher)
        }
        self.digest = hasher.finalize()
    }
}

extension ModuleSummaryView: Digested {}

struct MunicipalityView {
    let slug: String
    let name: String
    let url: String
    let code: String
    let isExample: Bool
    let contact: ContactView?
    let accessibilityStatement: String?
    let website: String?
    let receiver: String?
    let receiverSOR: String?
    let receiverLocation: String?
    let doctorsPhone: String?
    let contactWithinDays: Int?
    let referralContents: [String]
    let feedback: String?
    let postcodes: String
    let doctorsURL: String
    /// Offers a citizen can start without an afklarende samtale (nicotine, alcohol).
    let directOffers: [LinkView]
    /// "Tilbud ved KOL i …" pages.
    let diagnoses: [LinkView]
    /// Hashed once (every page's footer shows a municipality): see `ModuleSummaryView.digest`.
    var digest = 0
}

extension MunicipalityView: Digested {}

struct PostcodeView: Hashable {
    let postcode: String
    let municipality: String
    let url: String
}

struct GroupView: Hashable {
    let heading: String
    let url: String?
    var doctorsURL: String? = nil
    let modules: [ModuleSummaryView]
    /// The modules' entries rendered with `module-item.mustache` (lists and municipality pages).
    var items: [RawText] = []
    /// `items`, each followed by a newline, for one `{{{itemLines}}}` instead of a section per entry.
    var itemLines = RawText(text: "")
}

/// What `module-item.mustache` sees: the module's summary and the page's root.
struct ModuleItemView: Hashable {
    let root: String
    let module: ModuleSummaryView
}

/// What `footer.mustache` sees: the municipalities a page's footer shows.
/// What `header.mustache` shows: links from a page at this depth.
struct HeaderView: Hashable {
    let root: String
}

struct FooterView: Hashable {
    let footer: [MunicipalityView]
}

/// Pieces that many pages repeat, each rendered once and inserted raw: list entries
/// (`module-item.mustache`, once per module and page depth), footers (`footer.mustache`, once
/// per set of municipalities; a page shows its own municipality's, a national page all 98) and
/// the page top (`header.mustache`, once per page depth). In a session they are kept until what
/// they show changes.
final class PageFragments: @unchecked Sendable {
    private let renderItem: (ModuleItemView) -> String
    private let renderFooter: (FooterView) -> String
    private let renderHeader: (HeaderView) -> String
    private let cache: FragmentCache?
    private let templates: Int
    private let lock = NSLock()
    private var memo: [Int: RawText] = [:]

    init(cache: FragmentCache?, templates: Int, item: @escaping (ModuleItemView) -> String, footer: @escaping (FooterView) -> String,
         header: @escaping (HeaderView) -> String) {
        self.cache = cache
        self.templates = templates
        self.renderItem = item
        self.renderFooter = footer
        self.renderHeader = header
    }

    /// `trim`: without trailing newlines (a list entry; a footer keeps its final newline).
    private func fragment(_ kind: String, _ key: Int, trim: Bool, _ render: @escaping () -> String) -> RawText {
        let make = { () -> RawText in
            var text = render()
            if trim { while text.last?.isNewline == true { text.removeLast() } }
            return RawText(text: text)
        }
        if let cache { return cache.value(kind, key, make) }
        let memoKey = fingerprint(kind, key)
        if let fragment = lock.withLock({ memo[memoKey] }) { return fragment }
        let fragment = make()
        lock.withLock { memo[memoKey] = fragment }
        return fragment
    }

    func item(_ module: ModuleSummaryView, root: String) -> RawText {
        fragment("ModuleItem", fingerprint(module.digest, root, templates), trim: true) { self.renderItem(ModuleItemView(root: root, module: module)) }
    }

    func footer(_ municipalities: [MunicipalityView]) -> RawText {
        fragment("Footer", fingerprint(municipalities.map(\.digest), templates), trim: false) { self.renderFooter(FooterView(footer: municipalities)) }
    }

    func header(root: String) -> RawText {
        fragment("Header", fingerprint(root, templates), trim: true) { self.renderHeader(HeaderView(root: root)) }
    }

    /// Fills the page's header and footer and, with `items`, the `items` of every group.
    func fill(_ page: inout Page, items: Bool) {
        page.headerHTML = header(root: page.root)
        page.footerHTML = footer(page.footer)
        guard items else { return }
        for index in page.groups.indices {
            let items = page.groups[index].modules.map { item($0, root: page.root) }
            page.groups[index].items = items
            page.groups[index].itemLines = RawText(lines: items)
        }
    }
}

struct InterventionEntry: Hashable {
    /// The front-matter code, used as the value of the search filters.
    var code: String = ""
    let label: String
    let everyday: String
    let description: String
    let url: String
    let count: Int
}

/// The context of every page: where the site root is, the page title, and the footer.
struct Page: Hashable {
    let root: String
    var pageTitle: String
    let footer: [MunicipalityView]
    let isExample: Bool
    var module: ModuleView? = nil
    var municipality: MunicipalityView? = nil
    var groups: [GroupView] = []
    var interventions: [InterventionEntry] = []
    var diagnoses: [InterventionEntry] = []
    var municipalities: [MunicipalityView] = []
    var formats: [InterventionEntry] = []
    var times: [InterventionEntry] = []
    var postcodes: [PostcodeView] = []
    var heading: String? = nil
    var lead: String? = nil
    var compliance: ModuleComplianceView? = nil
    /// schema.org JSON-LD, already escaped for a script element.
    var structuredData: RawText? = nil
    var complianceMunicipalities: [MunicipalityComplianceView] = []
    /// `footer` rendered with `footer.mustache` (filled in when the page is rendered).
    var footerHTML = RawText(text: "")
    var headerHTML = RawText(text: "")
}

/// Text a template inserts as it is (`{{{structuredData}}}`): renders as its text, and hashes its
/// UTF-8 bytes (the standard String hash normalises Unicode first, several times slower).
struct RawText: Hashable, MustacheCustomRenderable, MustacheParent {
    let text: String
    var renderText: String { text }
    /// No fields (so Mustache does not reflect on it when it is a section's value).
    func child(named name: String) -> Any? { nil }

    init(text: String) { self.text = text }

    /// Texts joined, each followed by a newline.
    init(lines: [RawText]) {
        var text = ""
        text.reserveCapacity(lines.reduce(0) { $0 + $1.text.utf8.count + 1 })
        for line in lines { text += line.text; text += "\n" }
        self.text = text
    }
    var isNull: Bool { false }

    static func == (a: RawText, b: RawText) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
    func hash(into hasher: inout Hasher) {
        var text = text
        hasher.combine(text.utf8.count)
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
