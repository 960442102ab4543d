import Foundation
import KatalogCore
import KatalogSupport

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
    let accessibility: String?
    /// What the page shows, one line each: the name, the address ("Havnevej 2, 7999 Fjordby"), the
    /// accessibility; only what is stated, with no empty line or stray space.
    let lines: [String]

    init(_ place: Place) {
        (name, address, postcode, city, accessibility) = (place.name, place.address, place.postcode, place.city, place.accessibility)
        let town = [place.postcode, place.city].compactMap { $0 }.joined(separator: " ")
        let street = [place.address, town.isEmpty ? nil : town].compactMap { $0 }.joined(separator: ", ")
        lines = [place.name, street.isEmpty ? nil : street, place.accessibility.map { "Adgangsforhold: \($0)" }].compactMap { $0 }
    }
}

/// A date as a page shows it: in Danish words, with its ISO form for `<time datetime>`.
struct DateView: Hashable {
    let iso: String
    let label: String

    init(_ iso: String) {
        self.iso = iso
        label = DanishDate.long(iso)
    }
}

struct ContactView: Hashable {
    let name: String?
    let phone: String?
    /// The phone number as a `tel:` URI's number (`+4586123456`), so a phone can call it with a tap; nil
    /// when the number is not one a phone can dial as written.
    let phoneURI: String?
    let email: String?
    let hours: String?

    init?(_ contact: Contact?) {
        guard let contact else { return nil }
        (name, phone, email, hours) = (contact.name, contact.phone, contact.email, contact.hours)
        phoneURI = contact.phone.flatMap(Self.telephoneURI)
    }

    /// `86 12 34 56` → `+4586123456` (eight digits are a Danish number), `+45 86 12 34 56` and
    /// `0045 86 12 34 56` → `+4586123456`; spaces, dashes, dots and brackets are dropped; anything
    /// else (letters, an extension, too few digits) gives nil, and the number is shown without a link.
    static func telephoneURI(_ phone: String) -> String? {
        // An explanation after the number, in parentheses or after a comma ("97 40 50 60 (tast 2)"), is not dialled.
        var phone = Substring(phone)
        if let cut = phone.dropFirst().firstIndex(where: { $0 == "(" || $0 == "," }), phone[..<cut].contains(where: \.isNumber) {
            phone = phone[..<cut]
        }
        var digits = phone.filter { !" -.()\u{00A0}".contains($0) }
        if digits.hasPrefix("00") { digits = "+" + digits.dropFirst(2) }
        let number = digits.hasPrefix("+") ? digits.dropFirst() : Substring(digits)
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if !digits.hasPrefix("+") { return number.count == 8 ? "+45" + number : nil }
        return (8...15).contains(number.count) ? "+" + number : nil
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
    /// The diagnoses the module is for, and the groups that are not a disease (rygere, pårørende …).
    let diagnoses: [LinkView]
    let audiences: [LinkView]
    /// Who the offer is for, in the module's words, with "also at risk" and special considerations.
    let targetGroup: String?
    let dietGroups: [String]
    /// Who may join, one line each: the age limits, residence and criteria, as stated.
    let eligibility: [String]
    /// Who cannot join, as stated.
    let notFor: [String]
    /// Both in one text, for the GP page's table ("Alder: 18 år eller ældre. Ikke for: aktivt misbrug.").
    let eligibilitySummary: String?
    let forms: [String]
    let formats: [String]
    let times: [String]
    let scope: String?
    let intake: String?
    /// The next team start, and those after it (from today on; past starts are not shown).
    let nextTeamStart: DateView?
    let laterTeamStarts: [DateView]
    /// Places on each team, as stated ("12 pladser").
    let placesPerTeam: String?
    /// The usual wait from referral to start, as stated (`4 uger`, `2-6 uger`).
    let waitingTime: String?
    let places: [PlaceView]
    let contact: ContactView?
    let price: String
    /// A subsidy, as stated.
    let subsidy: String?
    /// Whether medication is handed out, in words; nil when the module does not say.
    let medication: String?
    /// Who runs the offer, in words ("Kræftens Bekæmpelse, som ikke er en del af kommunen."); nil when not stated.
    let provider: String?
    /// The languages as a sentence ("Dansk, engelsk og arabisk."), whether an interpreter can be had and whether
    /// the citizen can be anonymous, in words; each nil when not stated.
    let languages: String?
    let interpreter: String?
    let anonymous: String?
    /// For the GP page's table: languages and interpreter in one text, and anonymity and provider in one text.
    let languageSummary: String?
    let accessSummary: String?
    /// "Tilbuddet er sat på pause." or "Tilbuddet er ophørt." (as of the build's day); nil for an offer that runs.
    let statusNotice: String?
    /// "Tilbuddet slutter 30. juni 2027." while `gyldig-til` is ahead; a project and its end, in words.
    let ending: String?
    let project: String?
    /// Follow-up after the course (`afslutning.opfølgning`), one line each; and when, for the GP page's table.
    let followUps: [String]
    let followUpSummary: String?
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
    /// Whether the module says anything about how to start (else the page says it does not).
    let startStated: Bool
    let staff: [String]
    let body: String
    let digitalTwin: LinkView?
    /// The courses (`forløb`) the module is a part of.
    let courses: [LinkView]
    let continuation: [String]
    let doctorsURL: String
    /// A fingerprint of what the view is made from (the module's and municipality's sources and the
    /// digital counterpart's): pages that show the module hash this, not the whole view.
    let digest: Int

    /// The view of `module` in `municipality`; `twin` is the digital counterpart it names.
    /// A field the page shows is a property here, a line below and a key in `keys`.
    init(_ module: Module, in municipality: Municipality, twin: Module?, today: String, digest: Int) {
        id = "m-" + module.id.replacingASCII { $0 == 0x2F ? "-" : nil }
        title = module.title
        summary = module.summary
        url = SiteModel.modulePath(module)
        self.municipality = municipality.name
        municipalityURL = SiteModel.municipalityPath(municipality)
        intervention = module.intervention.everydayLabel
        interventionURL = SiteModel.interventionPath(module.intervention)
        variant = module.variant?.label
        (diagnoses, audiences) = SiteModel.diagnosisLinks(module.diagnoses)
        targetGroup = SiteModel.whoFor(module.targetGroup)
        dietGroups = module.targetGroup.dietGroups.map(Vocabularies.dietGroups.label)
        let eligible = module.eligibility
        eligibility = [eligible.ageText.map { "Alder: \($0)." }, eligible.residence].compactMap { $0 } + eligible.criteria
        notFor = eligible.notFor
        eligibilitySummary = Self.summary(eligibility, notFor)
        forms = module.forms.map(Vocabularies.forms.label) + module.otherForms
        formats = module.formats.map(Vocabularies.formats.label) + module.otherFormats
        times = module.timesOfDay.map(Vocabularies.timesOfDay.label)
        scope = ScopeText.describe(module.scope)
        intake = module.intake.map(Vocabularies.intakes.label)
        let starts = module.upcomingTeamStarts(from: today).map(DateView.init)
        nextTeamStart = starts.first
        laterTeamStarts = Array(starts.dropFirst())
        placesPerTeam = module.placesPerTeam.map { "\($0) \($0.exact == 1 ? "plads" : "pladser")" }
        waitingTime = module.fields.quantity(ModuleKey.waitingWeeks)?.weeksText
        places = module.places.map(PlaceView.init)
        contact = ContactView(module.contact(in: municipality))
        // Not stated is shown as not stated, never as a default.
        price = module.price?.text ?? "Kontakt os om prisen"
        subsidy = module.subsidy
        medication = module.medicationHandedOut.map { $0 ? "Du får medicinen udleveret her." : "Medicinen udleveres ikke her." }
        provider = module.provider.map(Self.providerText)
        languages = module.languages.isEmpty ? nil : Self.sentence(Self.listed(module.languages))
        interpreter = module.interpreter.map { $0 ? "Du kan få en tolk." : "Du kan ikke få en tolk." }
        anonymous = module.anonymous.map { $0 ? "Du kan deltage anonymt." : "Du kan ikke deltage anonymt." }
        languageSummary = [languages, module.interpreter.map { $0 ? "Tolk kan fås." : "Ingen tolk." }].compactMap { $0 }
            .joined(separator: " ").nilIfEmpty
        accessSummary = [module.anonymous.map { $0 ? "Anonymt." : "Ikke anonymt." },
                         module.provider.map { "Udbyder: " + Self.providerText($0) }].compactMap { $0 }.joined(separator: " ").nilIfEmpty
        let validity = module.validity(on: today)
        let endedOn = validity.validUntil.map { " Det sluttede \(DanishDate.long($0))." } ?? ""
        statusNotice = validity.hasEnded ? "Tilbuddet er ophørt." + endedOn
            : validity.isPaused ? "Tilbuddet er sat på pause." : nil
        ending = validity.upcomingEnd.map { "Tilbuddet slutter \(DanishDate.long($0))." }
        project = validity.project == true
            ? "Tilbuddet er et tidsbegrænset projekt" + (validity.projectEnd.map { ", som slutter \(DanishDate.long($0))" } ?? "") + "."
            : nil
        followUps = module.followUps.compactMap(\.line)
        followUpSummary = module.followUps.compactMap { $0.whenText ?? $0.what }.joined(separator: "; ").nilIfEmpty.map(Self.sentence)
        updated = DanishDate.long(module.updated)
        updatedISO = module.updated
        selfReferral = module.selfReferral
        referralRequired = module.selfReferralStated == false
        directAccess = module.directAccess
        startConversation = module.nicotine.startConversation == true
        reduction = module.nicotine.reduction == true
        referralSources = module.referralSources.map(Vocabularies.referralSources.label)
        staff = module.staff.map(Vocabularies.professions.label) + module.otherStaff
        startStated = selfReferral || referralRequired || directAccess || startConversation || reduction || !referralSources.isEmpty
            || contact != nil
        body = module.body.html
        digitalTwin = twin.map { LinkView(label: $0.title, url: SiteModel.modulePath($0)) }
        courses = municipality.courses(of: module).map { LinkView(label: $0.title, url: $0.pagePath) }
        continuation = module.continuations.map(Vocabularies.continuations.label)
        doctorsURL = SiteModel.doctorsPath(municipality)
        self.digest = digest
    }
}

extension ModuleView {
    /// Lines as sentences, then "Ikke for: a, b."; nil when both are empty.
    static func summary(_ lines: [String], _ notFor: [String]) -> String? {
        func bare(_ text: String) -> String {
            var text = text.trimmingCharacters(in: .whitespaces)
            while text.last == "." { text.removeLast() }
            return text
        }
        var parts = lines.map { bare($0) + "." }
        if !notFor.isEmpty { parts.append("Ikke for: " + notFor.map(bare).joined(separator: ", ") + ".") }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}

extension ModuleView {
    /// "a, b og c".
    static func listed(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " og " + items.last!
    }

    /// The text with a capital first letter and a full stop.
    static func sentence(_ text: String) -> String {
        let text = text.prefix(1).uppercased() + text.dropFirst()
        return text.hasSuffix(".") ? text : text + "."
    }

    /// Who runs the offer, as stated: the name, whether it is outside the municipality, and partners.
    static func providerText(_ provider: Provider) -> String {
        var text: String
        switch (provider.name, provider.external) {
        case let (name?, true?): text = "\(name), som ikke er en del af kommunen."
        case let (name?, _): text = sentence(name)
        case (nil, true?): text = "En udbyder uden for kommunen."
        case (nil, false?): text = "Kommunen selv."
        case (nil, nil): text = ""
        }
        if !provider.partners.isEmpty { text += (text.isEmpty ? "" : " ") + "I samarbejde med " + listed(provider.partners) + "." }
        return text
    }
}

extension String {
    /// nil for the empty string.
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

extension ModuleView: Digested {}

extension ModuleView: TemplateView {
    static let keys: [String: TemplateKey<ModuleView>] = [
        "id": key { $0.id },
        "title": key { $0.title },
        "summary": key { $0.summary },
        "url": key { $0.url },
        "municipality": key { $0.municipality },
        "municipalityURL": key { $0.municipalityURL },
        "intervention": key { $0.intervention },
        "interventionURL": key { $0.interventionURL },
        "variant": key { $0.variant },
        "diagnoses": key { $0.diagnoses },
        "audiences": key { $0.audiences },
        "targetGroup": key { $0.targetGroup },
        "dietGroups": key { $0.dietGroups },
        "eligibility": key { $0.eligibility },
        "notFor": key { $0.notFor },
        "eligibilitySummary": key { $0.eligibilitySummary },
        "forms": key { $0.forms },
        "formats": key { $0.formats },
        "times": key { $0.times },
        "scope": key { $0.scope },
        "intake": key { $0.intake },
        "nextTeamStart": key { $0.nextTeamStart },
        "laterTeamStarts": key { $0.laterTeamStarts },
        "placesPerTeam": key { $0.placesPerTeam },
        "waitingTime": key { $0.waitingTime },
        "places": key { $0.places },
        "contact": key { $0.contact },
        "price": key { $0.price },
        "subsidy": key { $0.subsidy },
        "medication": key { $0.medication },
        "provider": key { $0.provider },
        "languages": key { $0.languages },
        "interpreter": key { $0.interpreter },
        "anonymous": key { $0.anonymous },
        "languageSummary": key { $0.languageSummary },
        "accessSummary": key { $0.accessSummary },
        "statusNotice": key { $0.statusNotice },
        "followUps": key { $0.followUps },
        "followUpSummary": key { $0.followUpSummary },
        "ending": key { $0.ending },
        "project": key { $0.project },
        "updated": key { $0.updated },
        "updatedISO": key { $0.updatedISO },
        "selfReferral": key { $0.selfReferral },
        "referralRequired": key { $0.referralRequired },
        "directAccess": key { $0.directAccess },
        "startConversation": key { $0.startConversation },
        "reduction": key { $0.reduction },
        "referralSources": key { $0.referralSources },
        "startStated": key { $0.startStated },
        "staff": key { $0.staff },
        "body": key { $0.body },
        "digitalTwin": key { $0.digitalTwin },
        "courses": key { $0.courses },
        "continuation": key { $0.continuation },
        "doctorsURL": key { $0.doctorsURL },
    ]
}


/// A module as lists show it (municipality pages, lists by intervention, diagnosis, format and
/// time, the search page, the GP page): its facts and summary, not its full text. Lists hash
/// these values, so editing a module's body text re-renders its own page but no list. A class:
/// lists hold tens of thousands of them, and copying a reference is one retain, not eighteen.
final class ModuleSummaryView: Sendable {
    /// The fields of `ModuleView` that lists show (its key table, narrowed to these names).
    static let fields: Set<String> = [
        "id", "title", "summary", "url", "municipality", "municipalityURL", "intervention", "interventionURL", "variant",
        "diagnoses", "forms", "formats", "times", "price", "updated", "updatedISO", "selfReferral", "referralRequired", "directAccess",
        "eligibilitySummary", "nextTeamStart", "placesPerTeam", "languageSummary", "accessSummary",
        "statusNotice", "followUpSummary",
    ]

    let view: ModuleView
    /// A fingerprint of every field lists show, hashed once: a list whose entries look the same
    /// keeps its fingerprint when a module's body changes, and a list of thousands hashes one
    /// number per entry.
    let digest: Int

    init(_ view: ModuleView) {
        self.view = view
        var hasher = Hasher()
        for name in Self.fields.sorted() {
            ViewFingerprint.combine(name, into: &hasher)
            ViewFingerprint.combine(ModuleView.keys[name]!.read(view), into: &hasher)
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
    let doctorsPhoneURI: String?
    let contactWithinDays: Int?
    let referralContents: [String]
    let feedback: String?
    let postcodes: String
    let doctorsURL: String
    /// Offers a citizen can start without an afklarende samtale (nicotine, alcohol).
    let directOffers: [LinkView]
    /// "Tilbud ved KOL i …" pages.
    let diagnoses: [LinkView]
    /// The calendar of team starts (`eksport/<kommune>.ics`), when a module states team starts.
    let calendarURL: String?
    /// The municipality's courses (`forløb`), in Danish alphabetical order.
    let courses: [CourseEntryView]
    /// Hashed once (every page's footer shows a municipality): see `ModuleSummaryView.digest`.
    var digest = 0
}

extension MunicipalityView: Digested {}

struct PostcodeView: Hashable {
    let postcode: String
    let municipality: String
    let url: String
}

/// A heading and its modules, on a list page.
struct GroupView {
    let heading: String
    let url: String?
    let doctorsURL: String?
    /// The section's id, for links to it (a municipality's offers of one intervention).
    let anchor: String?
    let modules: [ModuleSummaryView]
    /// A fingerprint of what the group shows, taken once: a list of thousands hashes one number
    /// per group, not one per entry.
    let digest: Int

    init(heading: String, url: String?, doctorsURL: String? = nil, anchor: String? = nil, modules: [ModuleSummaryView]) {
        self.heading = heading
        self.url = url
        self.doctorsURL = doctorsURL
        self.anchor = anchor
        self.modules = modules
        self.digest = fingerprint(heading, url, doctorsURL, anchor, modules.map(\.digest))
    }
}

extension GroupView: Digested {}

/// A municipality in a national overview: how many offers it has of one kind, and its own list.
struct PlaceCount: Hashable {
    let name: String
    let url: String
    let count: Int
    let doctorsURL: String
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

/// Text a template inserts as it is (`{{{structuredData}}}`): renders as its text, and hashes its
/// UTF-8 bytes (the standard String hash normalises Unicode first, several times slower).
struct RawText: Hashable {
    let text: String

    init(text: String) { self.text = text }

    static func == (a: RawText, b: RawText) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }
    func hash(into hasher: inout Hasher) {
        var text = text
        hasher.combine(text.utf8.count)
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
