import KatalogSupport
import Foundation

/// A closed list of codes an author may write in a front-matter field, each with the Danish words
/// the site and the messages show. Codes are lower case, hyphenated Danish, as in `../shared/DOMAIN.md`.
public struct Vocabulary: Sendable {
    public struct Term: Sendable, Hashable {
        public let code: String
        public let label: String
        /// Other ways authors write the same thing (plurals, everyday words: `egen læge`, `online`).
        public let aliases: [String]
        public init(_ code: String, _ label: String, aliases: [String] = []) {
            self.code = code
            self.label = label
            self.aliases = aliases
        }
    }

    public let name: String
    public let terms: [Term]
    /// Every code and alias, normalised (`Vocabulary.normalised`), to its code.
    private let lookup: [String: String]

    public init(_ name: String, _ terms: [Term]) {
        self.name = name
        self.terms = terms
        var lookup: [String: String] = [:]
        for term in terms {
            for written in [term.code] + term.aliases where lookup[Self.normalised(written)] == nil {
                lookup[Self.normalised(written)] = term.code
            }
        }
        self.lookup = lookup
    }

    public var codes: [String] { terms.map(\.code) }
    public func contains(_ code: String) -> Bool { terms.contains { $0.code == code } }
    public func label(_ code: String) -> String { terms.first { $0.code == code }?.label ?? code }

    /// The code an author means by `written`: the code itself, or an alias, in any case and with
    /// spaces for hyphens (`KOL`, `klinisk diætist`, `Type 2-diabetes`, `fysioterapeuter`).
    public func resolve(_ written: String) -> String? {
        // Most values are written as the code itself.
        lookup[written] ?? lookup[Self.normalised(written)]
    }

    /// Lower case, trimmed, a final full stop dropped, spaces and underscores as hyphens. (Catalog
    /// text is NFC already: the loader normalises every file.)
    public static func normalised(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.lowercased().unicodeScalars {
            switch scalar {
            case " ", "_", "\u{A0}", "–", "-", "\t":
                if !out.isEmpty, !out.hasSuffix("-") { out.unicodeScalars.append("-") }
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        while out.hasSuffix(".") || out.hasSuffix("-") { out.removeLast() }
        return out
    }
}

/// The vocabularies of the quality standard (see `../shared/standard/RULES.md`, section A5).
public enum Vocabularies {
    public static let interventions = Vocabulary("indsats", Intervention.allCases.map { .init($0.rawValue, $0.label) })
    public static let variants = Vocabulary("variant", Variant.allCases.map { .init($0.rawValue, $0.label) })

    /// Who an offer is for: the standard's five disease groups, other diseases municipalities
    /// offer for, and target groups that are not a diagnosis (`Term.isDiagnosis`).
    public static let diagnoses = Vocabulary("diagnose", [
        .init("kol", "KOL", aliases: ["kronisk obstruktiv lungesygdom", "rygerlunger"]),
        .init("type-2-diabetes", "Type 2-diabetes", aliases: ["type 2 diabetes", "type2-diabetes", "t2d", "diabetes type 2",
            "type 2-sukkersyge"]),
        .init("hjerte-kar-sygdom", "Hjerte-kar-sygdom", aliases: ["hjertesygdom", "hjerte-karsygdom", "hjertekarsygdom",
            "hjerte- og karsygdom", "hjerte-kar-sygdomme", "hjertesygdomme"]),
        .init("kræft", "Kræft", aliases: ["cancer", "kræftsygdom"]),
        .init("muskel-skelet", "Muskel- og skeletsygdom, fx lænde- og rygsmerter",
              aliases: ["muskel- og skeletsygdom", "muskel-skeletsygdom", "lænde- og rygsmerter", "rygsmerter", "lænderygsmerter",
                  "ondt i ryggen", "artrose", "slidgigt"]),
        // Diseases beyond the standard's five that municipalities offer for (001 l.53-91, real offers).
        .init("diabetes", "Diabetes (type ikke angivet)", aliases: ["sukkersyge"]),
        .init("prædiabetes", "Prædiabetes", aliases: ["forstadier til diabetes", "præ-diabetes"]),
        .init("astma", "Astma"),
        .init("anden-lungesygdom", "Anden lungesygdom", aliases: ["anden nedsat lungefunktion", "nedsat lungefunktion", "lungesygdom"]),
        .init("osteoporose", "Knogleskørhed (osteoporose)", aliases: ["knogleskørhed"]),
        .init("kroniske-smerter", "Kroniske smerter", aliases: ["langvarige smerter", "kronisk smerte"]),
        .init("angst-og-depression", "Angst og depression", aliases: ["angst", "depression", "angst eller depression"]),
        .init("let-til-moderat-depression", "Let til moderat depression"),
        // Target groups that are not a disease.
        .init("rygere", "Rygere og andre, der bruger tobak eller nikotin", aliases: ["ryger", "storrygere", "tobaksbrugere",
            "nikotinbrugere"]),
        .init("alkoholforbrug", "Borgere, der vil ændre deres alkoholvaner", aliases: ["alkoholoverforbrug",
            "borgere med alkoholoverforbrug"]),
        .init("borgere-i-risiko", "Borgere i risiko for kronisk sygdom", aliases: ["i risiko", "risikogrupper"]),
        .init("alle-borgere", "Alle borgere", aliases: ["alle"]),
        .init("pårørende", "Pårørende", aliases: ["pårørende til langvarigt syge", "pårørende til syge"]),
    ])

    /// Codes of `diagnoses` that name a target group rather than a disease (no diagnosis pages for them).
    public static let targetGroups: Set<String> = ["rygere", "alkoholforbrug", "borgere-i-risiko", "alle-borgere", "pårørende"]

    public static let referralSources = Vocabulary("henvisning-fra", [
        .init("almen-praksis", "Egen læge (almen praksis)",
              aliases: ["egen læge", "læge", "lægen", "praktiserende læge", "din læge", "almen praksis", "egen praktiserende læge",
                  "alment praktiserende læge"]),
        .init("speciallæge", "Praktiserende speciallæge", aliases: ["praktiserende speciallæge", "speciallæger"]),
        .init("sygehus", "Sygehus", aliases: ["hospital", "hospitalet", "sygehuset", "hospitalsafdeling"]),
        .init("kommune", "Andre afdelinger i kommunen",
              aliases: ["kommunale medarbejdere", "kommunen", "andre kommunale forvaltninger", "hjemmeplejen",
                  "kommunale forvaltningsområder"]),
        .init("jobcenter", "Jobcenter"),
    ])

    public static let forms = Vocabulary("form", [
        .init("hold", "På hold", aliases: ["gruppe", "grupper", "gruppeforløb", "holdforløb"]),
        .init("individuel", "Alene med en medarbejder", aliases: ["individuelt", "enkeltsamtaler", "individuelle samtaler"]),
    ])

    public static let formats = Vocabulary("format", [
        .init("fremmøde", "Du møder op", aliases: ["fysisk fremmøde", "fremmøde på stedet"]),
        .init("digital", "Digitalt (video eller app)", aliases: ["online", "video", "videosamtale", "app", "virtuelt", "digitalt"]),
        .init("telefon", "Over telefonen", aliases: ["telefonisk", "telefonsamtale", "sms"]),
        .init("forening", "I en forening", aliases: ["i en forening"]),
        .init("egen-træning", "Egen træning med vejledning", aliases: ["selvtræning", "hjemmetræning"]),
    ])

    public static let timesOfDay = Vocabulary("tidspunkt", [
        .init("dag", "I dagtimerne", aliases: ["dagtimerne", "dagtid", "formiddag", "eftermiddag"]),
        .init("aften", "Om aftenen", aliases: ["aftener", "aftenhold", "om aftenen"]),
        .init("weekend", "I weekenden", aliases: ["weekender", "lørdag", "søndag"]),
    ])

    public static let intensities = Vocabulary("intensitet", [
        .init("lav", "Lav"),
        .init("moderat", "Moderat"),
        .init("moderat-høj", "Moderat til høj", aliases: ["moderat til høj"]),
        .init("høj", "Høj"),
    ])

    public static let intakes = Vocabulary("optag", [
        .init("løbende", "Du kan starte, når det passer dig"),
        .init("faste-hold", "Holdene starter på faste datoer"),
    ])

    /// Whether an offer runs (`status`).
    public static let statuses = Vocabulary("status", [
        .init("aktiv", "Tilbuddet kører", aliases: ["aktivt", "kører"]),
        .init("sat-på-pause", "Tilbuddet er sat på pause", aliases: ["pause", "på pause", "sat på pause"]),
        .init("ophørt", "Tilbuddet er ophørt", aliases: ["ophører", "lukket", "nedlagt"]),
    ])

    public static let professions = Vocabulary("personale", Profession.all.map { .init($0.code, $0.label, aliases: $0.aliases) })

    public static let continuations = Vocabulary("videreførelse", [
        .init("forening", "Forening", aliases: ["foreninger", "lokale foreninger"]),
        .init("idrætsforening", "Idrætsforening", aliases: ["idrætsforeninger", "sportsklub"]),
        .init("aftenskole", "Aftenskole", aliases: ["aftenskoler"]),
        .init("frivillig-forening", "Frivillig social forening", aliases: ["frivillige sociale foreninger", "frivillig social forening"]),
        .init("patientforening", "Patientforening", aliases: ["patientforeninger"]),
        .init("privat-aktør", "Privat aktør, fx fitnesscenter", aliases: ["private aktører", "fitnesscenter"]),
        .init("socialøkonomisk-virksomhed", "Socialøkonomisk virksomhed", aliases: ["socialøkonomiske virksomheder"]),
        .init("egen-træning", "Egen træning", aliases: ["selvtræning", "træning på egen hånd"]),
        .init("digitalt-tilbud", "Digitalt tilbud", aliases: ["online-program", "app"]),
    ])

    public static let courses = Vocabulary("kurser", [
        .init("grundkursus-individuel-rygestop", "Grundkursus: Individuel rådgivning om rygestop"),
        .init("grundkursus-rygestop-grupper", "Grundkursus: Rådgivning om rygestop i grupper"),
        .init("rygestop-socialt-udsatte", "Rygestop for mennesker i social udsat position"),
        .init("lær-at-tackle", "Instruktøruddannelse i Lær at Tackle", aliases: ["lær at tackle-uddannelse", "lær at tackle-instruktør"]),
        .init("forebyggende-samtale-om-alkohol", "Forebyggende samtale om alkohol"),
        .init("den-motiverende-samtale", "Den Motiverende Samtale", aliases: ["motiverende samtale", "mi"]),
    ])

    public static let nicotineProducts = Vocabulary("produkter", [
        .init("cigaretter", "Cigaretter", aliases: ["cigaret", "smøger"]),
        .init("pibe", "Pibe", aliases: ["piber"]),
        .init("cerutter", "Cerutter og cigarer", aliases: ["cerut", "cigarer", "cigar"]),
        .init("vandpibe", "Vandpibe", aliases: ["vandpiber", "shisha"]),
        .init("opvarmet-tobak", "Opvarmet tobak"),
        .init("e-cigaretter", "E-cigaretter", aliases: ["e-cigaret", "dampere", "vape"]),
        .init("snus", "Snus"),
        .init("tyggetobak", "Tyggetobak"),
        .init("nikotinposer", "Nikotinposer", aliases: ["nikotinpose", "nikotinpuder"]),
    ])

    public static let nicotineUse = Vocabulary("brug", [
        .init("dagligt", "Dagligt", aliases: ["daglig"]),
        .init("lejlighedsvis", "Af og til", aliases: ["lejlighedsvist", "af og til"]),
    ])

    public static let productAdvice = Vocabulary("produktrådgivning", [
        .init("apotek", "På apoteket", aliases: ["apoteket"]),
        .init("kommunal-rådgiver", "Hos kommunens rådgiver", aliases: ["kommunens rådgiver", "rygestoprådgiveren", "rådgiveren"]),
    ])

    public static let nicotineManuals = Vocabulary("manual", [
        .init("røgfrit-liv-grupper", "Røgfrit liv – rygestop i grupper"),
        .init("røgfrit-liv-individuelt", "Røgfrit liv – individuelt rygestop"),
        .init("kom-og-kvit", "Kom & Kvit"),
    ])

    public static let alcoholScreening = Vocabulary("screening", [
        .init("audit", "AUDIT", aliases: ["audit-test", "audit-c"]),
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
        .init("de-officielle-kostråd", "De officielle Kostråd", aliases: ["kostrådene", "de officielle kostråd", "officielle kostråd"]),
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
