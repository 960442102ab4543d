import KatalogSupport

/// What the stages read from a module and its municipality, typed and defined once, beside the
/// schema (`Schema.swift`) and its keys (`FieldKeys.swift`). Pages, exports and rules read these,
/// not the field table, wherever a value has a meaning of its own (a contact with its fallback, a
/// place, a price). Nothing here invents a value: what a file does not state is nil or empty.

/// A place where an offer takes place (`steder`).
public struct Place: Sendable, Hashable {
    public let name: String?
    public let address: String?
    public let postcode: String?
    public let city: String?
    /// The place's physical accessibility in words (`tilgængelighed`), as stated.
    public let accessibility: String?

    init(_ record: FieldTable) {
        name = record.text(PlaceKey.name)
        address = record.text(PlaceKey.address)
        postcode = record.text(PlaceKey.postcode)
        city = record.text(PlaceKey.city)
        accessibility = record.text(PlaceKey.accessibility)
    }

    /// "Sundhedscenter Fjordby, Havnevej 2, 7999 Fjordby", of what is stated.
    public var line: String {
        [name, address, [postcode, city].compactMap { $0 }.joined(separator: " ")].compactMap { $0 }.filter { !$0.isEmpty }
            .joined(separator: ", ")
    }
}

/// A contact (`kontakt`): the module's own, or its municipality's.
public struct Contact: Sendable, Hashable {
    public let name: String?
    public let phone: String?
    public let email: String?
    public let address: String?
    public let hours: String?
}

/// The unit that receives referrals (`modtager` in kommune.yml).
public struct Receiver: Sendable, Hashable {
    public let name: String?
    public let sor: String?
    /// The EAN location number (`lokationsnummer`).
    public let ean: String?
    public let address: String?
}

/// What kommune.yml tells GPs (`læger`).
public struct DoctorsInformation: Sendable, Hashable {
    public let phone: String?
    public let contactWithinDays: Quantity?
    public let referralContents: [String]
    public let feedback: String?
}

/// One follow-up after the course (`afslutning.opfølgning`).
public struct FollowUpSession: Sendable, Hashable {
    public let afterMonths: Quantity?
    public let afterWeeks: Quantity?
    public let what: String?

    /// When, in Danish: "3 måneder efter forløbet", "1 uge efter forløbet"; nil when neither is stated.
    public var whenText: String? {
        if let months = afterMonths { return "\(months) \(months.exact == 1 ? "måned" : "måneder") efter forløbet" }
        if let weeks = afterWeeks { return "\(weeks.weeksText) efter forløbet" }
        return nil
    }

    /// When and what in one line: "3 måneder efter forløbet: Holdet mødes igen."; nil when nothing is stated.
    public var line: String? {
        switch (whenText, what) {
        case let (when?, what?): "\(when): \(what)"
        case let (when?, nil): when.prefix(1).uppercased() + when.dropFirst() + "."
        case let (nil, what?): what
        case (nil, nil): nil
        }
    }
}

/// Who runs the offer (`udbyder`), as stated: nil when the module does not write the group.
public struct Provider: Sendable, Hashable {
    /// The unit or organisation ("Sundhedscenter Fjordby", "Kræftens Bekæmpelse").
    public let name: String?
    /// Whether someone other than the municipality runs it: nil when not stated.
    public let external: Bool?
    /// Others it is run together with ("Nordjyllands Amt").
    public let partners: [String]

    public init(name: String?, external: Bool?, partners: [String]) {
        (self.name, self.external, self.partners) = (name, external, partners)
    }
}

/// Languages as offers name them in Danish ("dansk", "arabisk") and their BCP-47 codes, for FHIR
/// and schema.org. A language not in the table is exported by its name alone, never guessed.
public enum LanguageCodes {
    static let codes: [String: String] = [
        "dansk": "da", "engelsk": "en", "tysk": "de", "fransk": "fr", "spansk": "es", "italiensk": "it", "polsk": "pl",
        "rumænsk": "ro", "litauisk": "lt", "lettisk": "lv", "ukrainsk": "uk", "russisk": "ru", "tyrkisk": "tr", "arabisk": "ar",
        "somali": "so", "somalisk": "so", "urdu": "ur", "farsi": "fa", "persisk": "fa", "dari": "prs", "pashto": "ps",
        "kurdisk": "ku", "tigrinya": "ti", "vietnamesisk": "vi", "thai": "th", "tagalog": "tl", "bosnisk": "bs",
        "serbisk": "sr", "kroatisk": "hr", "albansk": "sq", "grønlandsk": "kl", "færøsk": "fo", "norsk": "no", "svensk": "sv",
        "tegnsprog": "dsl", "dansk tegnsprog": "dsl",
    ]

    /// The BCP-47 code of a language named in Danish, nil when the table does not know it.
    public static func code(_ name: String) -> String? {
        codes[name.trimmingWhitespace.lowercased()]
    }
}

/// Whether an offer runs, as of a day: from `status`, `gyldig-til` and `projekt`/`projekt-slut`.
public struct Validity: Sendable, Hashable {
    /// The status code as stated (`aktiv`, `sat-på-pause`, `ophørt`); nil when not stated.
    public let status: String?
    /// The last day the offer exists (`gyldig-til`), ISO.
    public let validUntil: String?
    /// Whether it is a time-limited project (`projekt`): nil when not stated.
    public let project: Bool?
    public let projectEnd: String?
    /// The day the validity is judged on.
    public let today: String

    /// Ended: `status: ophørt`, or `gyldig-til` has passed (the last day itself still counts).
    public var hasEnded: Bool { status == "ophørt" || validUntil.map { $0 < today } == true }
    public var isPaused: Bool { !hasEnded && status == "sat-på-pause" }
    /// The status as of `today`: `ophørt` once `gyldig-til` has passed, else as stated (nil when not stated).
    public var effectiveStatus: String? { hasEnded ? "ophørt" : status }
    /// `gyldig-til` while it is still ahead (or today), for "Tilbuddet slutter …".
    public var upcomingEnd: String? { hasEnded ? nil : validUntil }
}

/// How much and how long (`omfang`), as stated.
public struct Scope: Sendable, Hashable {
    public let weeks: Quantity?
    public let timesPerWeek: Quantity?
    public let minutes: Quantity?
    public let lessons: Quantity?
    public let participantsPerInstructor: Quantity?
    public let teamSize: Quantity?
}

/// Who the offer is for (`målgruppe`), beyond its diagnoses.
public struct TargetGroup: Sendable, Hashable {
    public let description: String?
    public let requiresChronicDisease: Bool?
    /// Also for citizens at risk of chronic disease.
    public let atRisk: Bool?
    /// The groups a diet treatment is for (codes).
    public let dietGroups: [String]
    public let specialConsiderations: String?
    public let sociallyVulnerable: Bool?
}

/// Who may join (`målgruppe.alder-fra`, `alder-til`, `bopæl`, `kriterier`, `ikke-for`), as stated:
/// nil and empty where the module says nothing, never a default.
public struct Eligibility: Sendable, Hashable {
    public let minimumAge: Int?
    public let maximumAge: Int?
    public let residence: String?
    /// Clinical and practical criteria in words ("HbA1c over 48", "kan selv transportere sig").
    public let criteria: [String]
    /// Who cannot join ("aktivt misbrug").
    public let notFor: [String]

    /// Whether the module states anything about who may join.
    public var isStated: Bool {
        minimumAge != nil || maximumAge != nil || residence != nil || !criteria.isEmpty || !notFor.isEmpty
    }

    /// The age limits in Danish: "18 år eller ældre", "65 år eller yngre", "18-65 år"; nil without limits.
    public var ageText: String? {
        switch (minimumAge, maximumAge) {
        case let (from?, to?): "\(from)-\(to) år"
        case let (from?, nil): "\(from) år eller ældre"
        case let (nil, to?): "\(to) år eller yngre"
        case (nil, nil): nil
        }
    }
}

/// How a nicotine cessation course starts (`nikotin`, §5.3).
public struct NicotineCourse: Sendable, Hashable {
    public let startConversation: Bool?
    /// The longest wait, in days, from the start conversation to the course.
    public let waitDays: Quantity?
    /// Follow-up during a wait of more than 14 days.
    public let interimFollowUp: Bool?
    /// Cutting down offered as a step towards stopping.
    public let reduction: Bool?
}

/// A module's price as stated (`pris`): nil when the module does not say, never a default.
public struct Price: Sendable, Hashable {
    public let text: String

    /// Whether the stated price says the offer is free.
    public var isFree: Bool {
        let lowered = text.lowercased()
        return lowered.hasPrefix("gratis") || lowered == "0 kr." || text == "0"
    }
}

extension Module {
    public var targetGroup: TargetGroup {
        TargetGroup(description: fields.text(ModuleKey.targetDescription),
            requiresChronicDisease: fields.bool(ModuleKey.requiresChronicDisease),
                    atRisk: fields.bool(ModuleKey.atRisk), dietGroups: fields.list(ModuleKey.dietGroups),
                    specialConsiderations: fields.text(ModuleKey.specialConsiderations),
                    sociallyVulnerable: fields.bool(ModuleKey.sociallyVulnerable))
    }
    public var eligibility: Eligibility {
        Eligibility(minimumAge: fields.integer(ModuleKey.minimumAge), maximumAge: fields.integer(ModuleKey.maximumAge),
                    residence: fields.text(ModuleKey.residence), criteria: fields.list(ModuleKey.criteria),
                    notFor: fields.list(ModuleKey.notFor))
    }
    public var targetDescription: String? { fields.text(ModuleKey.targetDescription) }
    /// Whether the citizen must have a chronic disease: nil when the module does not say.
    public var requiresChronicDisease: Bool? { fields.bool(ModuleKey.requiresChronicDisease) }
    public var nicotine: NicotineCourse {
        NicotineCourse(startConversation: fields.bool(ModuleKey.startConversation), waitDays: fields.quantity(ModuleKey.nicotineWaitDays),
                       interimFollowUp: fields.bool(ModuleKey.interimFollowUp), reduction: fields.bool(ModuleKey.reduction))
    }
    /// Whether the citizen may contact the offer without a referral, as stated (nil: not stated).
    public var selfReferralStated: Bool? { fields.bool(ModuleKey.selfReferral) }
    public var directAccessStated: Bool? { fields.bool(ModuleKey.directAccess) }
    public var viaClarifyingConversation: Bool? { fields.bool(ModuleKey.viaClarifyingConversation) }
    /// The intake code (`optag`).
    public var intake: String? { fields.text(ModuleKey.intake) }
    /// The days teams start (`holdstart`), ISO and in order; empty when the module states none.
    public var teamStarts: [String] { fields.list(ModuleKey.teamStarts).sorted() }
    /// The team starts from `today` on (a team that starts today is still shown), none after the offer's
    /// last day (`gyldig-til`) and none once it has ended: what the site, the exports and the calendar show.
    public func upcomingTeamStarts(from today: String) -> [String] {
        let validity = validity(on: today)
        guard !validity.hasEnded else { return [] }
        return teamStarts.filter { start in start >= today && validity.validUntil.map { start <= $0 } ?? true }
    }
    /// Places on each team (`pladser-pr-hold`), as stated.
    public var placesPerTeam: Quantity? { fields.quantity(ModuleKey.placesPerTeam) }
    public var scope: Scope {
        Scope(weeks: fields.quantity(ModuleKey.weeks), timesPerWeek: fields.quantity(ModuleKey.timesPerWeek),
              minutes: fields.quantity(ModuleKey.minutes), lessons: fields.quantity(ModuleKey.lessons),
              participantsPerInstructor: fields.quantity(ModuleKey.participantsPerInstructor),
              teamSize: fields.quantity(ModuleKey.teamSize))
    }
    public var places: [Place] { fields.records(ModuleKey.places).map(Place.init) }
    /// The module's own contact (`kontakt`), when it has one.
    public var ownContact: Contact? { Contact(fields, ModuleKey.self) }
    /// Who to contact about the offer: the module's own contact, else its municipality's.
    public func contact(in municipality: Municipality) -> Contact? { ownContact ?? municipality.contact }
    /// Forms, formats and staff written as `andet: …`, shown as written.
    public var otherForms: [String] { fields.otherValues(ModuleKey.forms) }
    public var otherFormats: [String] { fields.otherValues(ModuleKey.formats) }
    public var otherStaff: [String] { fields.otherValues(ModuleKey.staff) }
    /// Where the citizen can continue afterwards (`afslutning.videreførelse`): codes, and what is written as `andet: …`.
    public var continuations: [String] { fields.list(ModuleKey.continuations) }
    public var otherContinuations: [String] { fields.otherValues(ModuleKey.continuations) }
    public var followUps: [FollowUpSession] {
        fields.records(ModuleKey.followUps).map {
            FollowUpSession(afterMonths: $0.quantity(FollowUpKey.afterMonths), afterWeeks: $0.quantity(FollowUpKey.afterWeeks),
                            what: $0.text(FollowUpKey.what))
        }
    }
    /// A subsidy the citizen can get (`tilskud`), as stated; never implied by the price.
    public var subsidy: String? { fields.text(ModuleKey.subsidy) }
    /// Whether medication is handed out (`medicin-udleveres`): nil when the module does not say.
    public var medicationHandedOut: Bool? { fields.bool(ModuleKey.medicationHandedOut) }
    /// Who runs the offer (`udbyder`); nil when the module does not say.
    public var provider: Provider? {
        guard fields.isWritten(ModuleKey.provider) else { return nil }
        let provider = Provider(name: fields.text(ModuleKey.providerName), external: fields.bool(ModuleKey.providerExternal),
                                partners: fields.list(ModuleKey.providerPartners))
        return provider.name == nil && provider.external == nil && provider.partners.isEmpty ? nil : provider
    }
    /// The languages the offer is held in (`sprog`), as written; empty when not stated (never "dansk" by default).
    public var languages: [String] { fields.list(ModuleKey.languages) }
    /// Whether the citizen can get an interpreter (`tolk`): nil when not stated.
    public var interpreter: Bool? { fields.bool(ModuleKey.interpreter) }
    /// Whether the citizen can take part anonymously (`anonym`): nil when not stated.
    public var anonymous: Bool? { fields.bool(ModuleKey.anonymous) }
    /// Whether the offer runs on `today` (`status`, `gyldig-til`, `projekt`, `projekt-slut`).
    public func validity(on today: String) -> Validity {
        Validity(status: fields.text(ModuleKey.status), validUntil: fields.text(ModuleKey.validUntil),
                 project: fields.bool(ModuleKey.project), projectEnd: fields.text(ModuleKey.projectEnd), today: today)
    }
    /// When the offer last changed for a citizen or a GP (`ændret`), else when its text was last
    /// reviewed (`opdateret`): what a feed reader is told.
    public var lastChanged: String { fields.text(ModuleKey.changed) ?? updated }
    /// The name (file name without .md) of the module's digital counterpart.
    public var digitalTwinName: String? { fields.text(ModuleKey.digitalTwin) }
}

extension Municipality {
    public var name: String { fields.text(MunicipalityKey.name) ?? slug }
    public var code: String { fields.text(MunicipalityKey.code) ?? "" }
    /// The municipality's calendar of team starts (iCalendar), which its page links to.
    public var calendarPath: String { "eksport/\(slug).ics" }
    /// Whether any of its modules states team starts (then its page links to the calendar).
    public var hasTeamStarts: Bool { modules.contains { !$0.teamStarts.isEmpty } || courses.contains { !$0.teamStarts.isEmpty } }
    public var isExample: Bool { fields.bool(MunicipalityKey.isExample) ?? false }
    public var postcodes: [String] { fields.list(MunicipalityKey.postcodes) }
    public var website: String? { fields.text(MunicipalityKey.website) }
    public var accessibilityStatement: String? { fields.text(MunicipalityKey.accessibilityStatement) }
    public var contact: Contact? { Contact(fields, MunicipalityKey.self) }
    public var receiver: Receiver {
        Receiver(name: fields.text(MunicipalityKey.receiverName), sor: fields.text(MunicipalityKey.receiverSOR),
                 ean: fields.text(MunicipalityKey.receiverEAN), address: fields.text(MunicipalityKey.receiverAddress))
    }
    public var doctors: DoctorsInformation {
        DoctorsInformation(phone: fields.text(MunicipalityKey.doctorsPhone),
            contactWithinDays: fields.quantity(MunicipalityKey.doctorsContactWithinDays),
                           referralContents: fields.list(MunicipalityKey.referralContents), feedback: fields.text(MunicipalityKey.feedback))
    }
    /// The largest file (MB) a module may link to: `filgrænse-mb`, else `LinkedFiles.defaultLimitMB`.
    public var fileLimitMB: Int { fields.integer(MunicipalityKey.fileLimitMB) ?? LinkedFiles.defaultLimitMB }

    /// The highest LIX for citizen text: `override` (`--lix`), else `lix-grænse`, else `LIX.defaultLimit`.
    public func lixLimit(_ override: Int?) -> Int { override ?? fields.integer(MunicipalityKey.lixLimit) ?? LIX.defaultLimit }
}

public enum LinkedFiles {
    /// The largest file (MB) a module may link to when kommune.yml does not say.
    public static let defaultLimitMB = 50
}

/// The keys of a contact group (the module's `kontakt` and kommune.yml's have the same fields).
public protocol ContactKeys: FieldKey {
    static var contact: Self { get }
    static var contactName: Self { get }
    static var contactPhone: Self { get }
    static var contactEmail: Self { get }
    static var contactAddress: Self { get }
    static var contactHours: Self { get }
}

extension ModuleKey: ContactKeys {}
extension MunicipalityKey: ContactKeys {}

extension Contact {
    /// The contact group of a file, nil when the file does not write the group.
    init?<Key: ContactKeys>(_ fields: FieldTable, _: Key.Type) {
        guard fields.isWritten(Key.contact) else { return nil }
        self.init(name: fields.text(Key.contactName), phone: fields.text(Key.contactPhone), email: fields.text(Key.contactEmail),
                  address: fields.text(Key.contactAddress), hours: fields.text(Key.contactHours))
    }
}
