import KatalogSupport

/// The front-matter keys as code names them. Every field of `Schema` has one case (a group such
/// as `omfang` only when code reads the group itself), whose raw value is the dotted path an author
/// writes (`målgruppe.diagnoser`); the stages read fields by these cases only, so a misspelt key
/// does not compile. `SchemaKeyTests` holds the cases and the schema to each other both ways: every
/// case names a field, every field has a case, and every case is read somewhere in `Sources/`.
public protocol FieldKey: RawRepresentable<String>, CaseIterable, Sendable, Hashable {
    /// The schema the keys are paths into: the module's, kommune.yml's, or one record's fields.
    static var schema: [Field] { get }
    /// For the keys of a record (`steder`, `fravalg` …): the record list's path, which the test
    /// puts in front of each key to find its field. Empty for the keys of a file.
    static var recordPath: String { get }
}

extension FieldKey {
    public static var recordPath: String { "" }
    /// The dotted path, as messages show it.
    public var path: String { rawValue }
}

/// The keys of a module's front matter.
public enum ModuleKey: String, FieldKey {
    public static var schema: [Field] { Schema.module }

    case title = "titel"
    case summary = "resume"
    case intervention = "indsats"
    case variant
    case elements = "indhold"
    case diagnoses = "målgruppe.diagnoser"
    case requiresChronicDisease = "målgruppe.kræver-kronisk-sygdom"
    case atRisk = "målgruppe.i-risiko"
    case targetDescription = "målgruppe.beskrivelse"
    case dietGroups = "målgruppe.ernæring"
    case specialConsiderations = "målgruppe.særlige-hensyn"
    case sociallyVulnerable = "målgruppe.socialt-udsatte"
    case minimumAge = "målgruppe.alder-fra"
    case maximumAge = "målgruppe.alder-til"
    case residence = "målgruppe.bopæl"
    case criteria = "målgruppe.kriterier"
    case notFor = "målgruppe.ikke-for"
    case referralSources = "adgang.henvisning-fra"
    case selfReferral = "adgang.egen-henvendelse"
    case directAccess = "adgang.direkte"
    case viaClarifyingConversation = "adgang.via-afklarende-samtale"
    case contactWithinDays = "adgang.kontakt-inden-dage"
    case waitingWeeks = "adgang.ventetid-uger"
    case forms = "form"
    case formats = "format"
    case timesOfDay = "tidspunkter"
    case intake = "optag"
    case teamStarts = "holdstart"
    case placesPerTeam = "pladser-pr-hold"
    case weeks = "omfang.uger"
    case timesPerWeek = "omfang.gange-pr-uge"
    case minutes = "omfang.minutter"
    case lessons = "omfang.lektioner"
    case participantsPerInstructor = "omfang.deltagere-pr-instruktør"
    case teamSize = "omfang.holdstørrelse"
    case intensity = "intensitet"
    case intensityReason = "intensitet-begrundelse"
    case testStart = "test.start"
    case testEnd = "test.slut"
    case testSetting = "test.omgivelser"
    case trainingPlan = "træningsplan"
    case planWithGoals = "plan-med-mål"
    case relativesIncluded = "pårørende-inddrages"
    case staff = "personale"
    case courses = "kurser"
    case competences = "kompetencer"
    case healthPedagogy = "sundhedspædagogik"
    case differentiation = "differentiering"
    case guidelines = "retningslinjer"
    case ending = "afslutning"
    case evaluation = "afslutning.evaluering"
    case statusToGP = "afslutning.status-til-egen-læge"
    case finalConversation = "afslutning.afsluttende-samtale"
    case followUpConversation = "afslutning.opfølgende-samtale"
    case continuations = "afslutning.videreførelse"
    case followUps = "afslutning.opfølgning"
    case retention = "afslutning.fastholdelse"
    case nicotineProducts = "nikotin.produkter"
    case nicotineUse = "nikotin.brug"
    case productAdvice = "nikotin.produktrådgivning"
    case nicotineManual = "nikotin.manual"
    case stopBase = "nikotin.stopbasen"
    case startConversation = "nikotin.opstartssamtale"
    case nicotineWaitDays = "nikotin.ventetid-dage"
    case interimFollowUp = "nikotin.mellemliggende-opfølgning"
    case reduction = "nikotin.reduktion"
    case alcoholScreening = "alkohol.screening"
    case onwardReferral = "alkohol.videre-henvisning"
    case pregnant = "alkohol.gravide"
    case initialAssessment = "ernæring.indledende-vurdering"
    case nutritionBasis = "ernæring.grundlag"
    case individualPart = "ernæring.individuel-del"
    case firstConversationFormat = "ernæring.første-samtale-format"
    case firstConversationMinutes = "ernæring.første-samtale-minutter"
    case followUpMinutes = "ernæring.opfølgning-minutter"
    case followUpEveryMonths = "ernæring.opfølgning-hver-måneder"
    case reassessmentMonths = "ernæring.revurdering-måneder"
    case places = "steder"
    case contact = "kontakt"
    case contactName = "kontakt.navn"
    case contactPhone = "kontakt.telefon"
    case contactEmail = "kontakt.e-mail"
    case contactAddress = "kontakt.adresse"
    case contactHours = "kontakt.åbningstid"
    case price = "pris"
    case subsidy = "tilskud"
    case medicationHandedOut = "medicin-udleveres"
    case provider = "udbyder"
    case providerName = "udbyder.navn"
    case providerExternal = "udbyder.ekstern"
    case providerPartners = "udbyder.i-samarbejde-med"
    case languages = "sprog"
    case interpreter = "tolk"
    case anonymous = "anonym"
    case status
    case validUntil = "gyldig-til"
    case project = "projekt"
    case projectEnd = "projekt-slut"
    case fsiii
    case digitalTwin = "digital-pendant"
    case updated = "opdateret"
    case published = "oprettet"
    case changed = "ændret"
    case change = "ændring"
}

/// The keys of `katalog.yml`.
public enum CatalogKey: String, FieldKey {
    public static var schema: [Field] { Schema.catalog }

    case owner = "ejer"
}

/// The keys of `kommune.yml`.
public enum MunicipalityKey: String, FieldKey {
    public static var schema: [Field] { Schema.municipality }

    case name = "navn"
    case code = "kommunekode"
    case isExample = "eksempeldata"
    case postcodes = "postnumre"
    case website = "hjemmeside"
    case lixLimit = "lix-grænse"
    case fileLimitMB = "filgrænse-mb"
    case accessibilityStatement = "tilgængelighedserklæring"
    case receiver = "modtager"
    case receiverName = "modtager.navn"
    case receiverSOR = "modtager.sor"
    case receiverEAN = "modtager.lokationsnummer"
    case receiverAddress = "modtager.adresse"
    case contact = "kontakt"
    case contactName = "kontakt.navn"
    case contactPhone = "kontakt.telefon"
    case contactEmail = "kontakt.e-mail"
    case contactAddress = "kontakt.adresse"
    case contactHours = "kontakt.åbningstid"
    case doctorsPhone = "læger.telefon"
    case doctorsContactWithinDays = "læger.kontakt-inden-dage"
    case referralContents = "læger.henvisning"
    case feedback = "læger.tilbagemelding"
    case organisation
    case coordination = "organisation.koordinering"
    case sundhedDK = "organisation.sundhed-dk"
    case contactAfterReferral = "organisation.kontakt-efter-henvisning"
    case referrerFeedback = "organisation.tilbagemelding"
    case participation = "organisation.deltagelse"
    case peerSupport = "organisation.sparring"
    case specialists = "organisation.specialister"
    case organisationalHealthLiteracy = "organisation.organisatorisk-sundhedskompetence"
    case civilSociety = "organisation.civilsamfund"
    case monitoring = "organisation.monitorering"
    case populationData = "organisation.befolkningsdata"
    case fsiiiReporting = "organisation.fsiii-indberetning"
    case indicators = "organisation.indikatorer"
    case research = "organisation.forskning"
    case optOuts = "fravalg"
}

/// The keys only a course file has (`Schema.course`); the rest of a course's keys are module keys
/// with the same paths (a course's `titel` is read as `ModuleKey.title`).
public enum CourseKey: String, FieldKey {
    public static var schema: [Field] { Schema.course }

    case parts = "forløb"
}

/// The keys of one place in `steder`.
public enum PlaceKey: String, FieldKey {
    public static var schema: [Field] { Schema.module }
    public static var recordPath: String { ModuleKey.places.rawValue }

    case name = "navn"
    case address = "adresse"
    case postcode = "postnummer"
    case city = "by"
    case accessibility = "tilgængelighed"
}

/// The keys of one follow-up in `afslutning.opfølgning`.
public enum FollowUpKey: String, FieldKey {
    public static var schema: [Field] { Schema.module }
    public static var recordPath: String { ModuleKey.followUps.rawValue }

    case afterMonths = "efter-måneder"
    case afterWeeks = "efter-uger"
    case what = "hvad"
}

/// The keys of one opt-out in kommune.yml's `fravalg`.
public enum OptOutKey: String, FieldKey {
    public static var schema: [Field] { Schema.municipality }
    public static var recordPath: String { MunicipalityKey.optOuts.rawValue }

    case rule = "regel"
    case reason = "begrundelse"
}
