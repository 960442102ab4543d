/// A closed list of codes an author may write in a front-matter field, each with the Danish words
/// the site and the messages show. Codes are lower case, hyphenated Danish, as in `../shared/DOMAIN.md`.
public struct Vocabulary: Sendable {
    public struct Term: Sendable, Hashable {
        public let code: String
        public let label: String
        public init(_ code: String, _ label: String) {
            self.code = code
            self.label = label
        }
    }

    public let name: String
    public let terms: [Term]

    public init(_ name: String, _ terms: [Term]) {
        self.name = name
        self.terms = terms
    }

    public var codes: [String] { terms.map(\.code) }
    public func contains(_ code: String) -> Bool { terms.contains { $0.code == code } }
    public func label(_ code: String) -> String { terms.first { $0.code == code }?.label ?? code }
}

/// The vocabularies of the quality standard (see `../shared/standard/RULES.md`, section A5).
public enum Vocabularies {
    public static let interventions = Vocabulary("indsats", Intervention.allCases.map { .init($0.rawValue, $0.label) })
    public static let variants = Vocabulary("variant", Variant.allCases.map { .init($0.rawValue, $0.label) })

    public static let diagnoses = Vocabulary("diagnose", [
        .init("kol", "KOL"),
        .init("type-2-diabetes", "Type 2-diabetes"),
        .init("hjerte-kar-sygdom", "Hjerte-kar-sygdom"),
        .init("kræft", "Kræft"),
        .init("muskel-skelet", "Muskel- og skeletsygdom, fx lænde- og rygsmerter"),
        // Local extensions some municipalities use (001 l.53-91); not part of the standard's target group.
        .init("prædiabetes", "Prædiabetes"),
        .init("let-til-moderat-depression", "Let til moderat depression"),
    ])

    public static let referralSources = Vocabulary("henvisning-fra", [
        .init("almen-praksis", "Egen læge (almen praksis)"),
        .init("speciallæge", "Praktiserende speciallæge"),
        .init("sygehus", "Sygehus"),
        .init("kommune", "Andre afdelinger i kommunen"),
        .init("jobcenter", "Jobcenter"),
    ])

    public static let forms = Vocabulary("form", [
        .init("hold", "På hold"),
        .init("individuel", "Alene med en medarbejder"),
    ])

    public static let formats = Vocabulary("format", [
        .init("fremmøde", "Du møder op"),
        .init("digital", "Digitalt (video eller app)"),
        .init("telefon", "Over telefonen"),
        .init("forening", "I en forening"),
        .init("egen-træning", "Egen træning med vejledning"),
    ])

    public static let timesOfDay = Vocabulary("tidspunkt", [
        .init("dag", "I dagtimerne"),
        .init("aften", "Om aftenen"),
        .init("weekend", "I weekenden"),
    ])

    public static let intensities = Vocabulary("intensitet", [
        .init("lav", "Lav"),
        .init("moderat", "Moderat"),
        .init("moderat-høj", "Moderat til høj"),
        .init("høj", "Høj"),
    ])

    public static let intakes = Vocabulary("optag", [
        .init("løbende", "Du kan starte, når det passer dig"),
        .init("faste-hold", "Holdene starter på faste datoer"),
    ])

    public static let professions = Vocabulary("personale", Profession.all.map { .init($0.code, $0.label) })

    public static let continuations = Vocabulary("videreførelse", [
        .init("forening", "Forening"),
        .init("idrætsforening", "Idrætsforening"),
        .init("aftenskole", "Aftenskole"),
        .init("frivillig-forening", "Frivillig social forening"),
        .init("patientforening", "Patientforening"),
        .init("privat-aktør", "Privat aktør, fx fitnesscenter"),
        .init("socialøkonomisk-virksomhed", "Socialøkonomisk virksomhed"),
        .init("egen-træning", "Egen træning"),
        .init("digitalt-tilbud", "Digitalt tilbud"),
    ])

    public static let courses = Vocabulary("kurser", [
        .init("grundkursus-individuel-rygestop", "Grundkursus: Individuel rådgivning om rygestop"),
        .init("grundkursus-rygestop-grupper", "Grundkursus: Rådgivning om rygestop i grupper"),
        .init("rygestop-socialt-udsatte", "Rygestop for mennesker i social udsat position"),
        .init("lær-at-tackle", "Instruktøruddannelse i Lær at Tackle"),
        .init("forebyggende-samtale-om-alkohol", "Forebyggende samtale om alkohol"),
        .init("den-motiverende-samtale", "Den Motiverende Samtale"),
    ])

    public static let nicotineProducts = Vocabulary("produkter", [
        .init("cigaretter", "Cigaretter"),
        .init("pibe", "Pibe"),
        .init("cerutter", "Cerutter og cigarer"),
        .init("vandpibe", "Vandpibe"),
        .init("opvarmet-tobak", "Opvarmet tobak"),
        .init("e-cigaretter", "E-cigaretter"),
        .init("snus", "Snus"),
        .init("tyggetobak", "Tyggetobak"),
        .init("nikotinposer", "Nikotinposer"),
    ])

    public static let nicotineUse = Vocabulary("brug", [
        .init("dagligt", "Dagligt"),
        .init("lejlighedsvis", "Af og til"),
    ])

    public static let productAdvice = Vocabulary("produktrådgivning", [
        .init("apotek", "På apoteket"),
        .init("kommunal-rådgiver", "Hos kommunens rådgiver"),
    ])

    public static let nicotineManuals = Vocabulary("manual", [
        .init("røgfrit-liv-grupper", "Røgfrit liv – rygestop i grupper"),
        .init("røgfrit-liv-individuelt", "Røgfrit liv – individuelt rygestop"),
        .init("kom-og-kvit", "Kom & Kvit"),
    ])

    public static let alcoholScreening = Vocabulary("screening", [
        .init("audit", "AUDIT"),
        .init("andet-valideret", "Andet valideret screeningsværktøj"),
    ])

    public static let onwardReferral = Vocabulary("videre-henvisning", [
        .init("alkoholbehandling", "Alkoholbehandling"),
        .init("familieambulatorium", "Familieambulatorium"),
        .init("egen-læge", "Egen læge"),
    ])

    public static let initialAssessment = Vocabulary("indledende-vurdering", [
        .init("vægt", "Vægt"),
        .init("bmi", "BMI"),
        .init("vægtudvikling", "Vægtens udvikling over tid"),
        .init("viden-og-motivation", "Viden, færdigheder og motivation"),
    ])

    public static let dietGroups = Vocabulary("målgruppe.ernæring", [
        .init("ernæring-central", "Kronisk sygdom, hvor kosten er en vigtig del af forebyggelsen"),
        .init("svær-overvægt", "Kronisk sygdom og svær overvægt (BMI 30 eller mere)"),
        .init("uplanlagt-vægttab", "Kronisk sygdom og uplanlagt vægttab eller underernæring"),
    ])

    public static let nutritionBasis = Vocabulary("ernæring.grundlag", [
        .init("de-officielle-kostråd", "De officielle Kostråd"),
        .init("kostråd-65-plus", "Supplerende kostanbefalinger for ældre fra 65 år"),
        .init("fakd-rammeplaner", "FaKDs rammeplaner"),
        .init("espen", "ESPEN-retningslinjer"),
        .init("nationale-kliniske-retningslinjer", "Nationale kliniske retningslinjer"),
        .init("den-nationale-kosthåndbog", "Den Nationale Kosthåndbog"),
    ])

    /// Every code an author may write in `indhold`, across all interventions.
    public static let allElements = Vocabulary("indhold", Intervention.allCases.flatMap { intervention in
        intervention.elementVocabularies.flatMap(\.terms)
    }.reduce(into: [Vocabulary.Term]()) { list, term in
        if !list.contains(where: { $0.code == term.code }) { list.append(term) }
    })
}
