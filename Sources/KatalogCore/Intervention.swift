import KatalogSupport

/// The six interventions every municipality must offer (standard §2.1), as written in `indsats:`,
/// and `andet`: an offer outside the six (a prediabetes course, a choir for people with KOL),
/// which only the standard's cross-cutting rules judge.
public enum Intervention: String, CaseIterable, Sendable, Hashable, Comparable {
    case afklarendeSamtale = "afklarende-samtale"
    case sygdomsmestring = "sygdomsmestring"
    case nikotinafvaenning = "nikotinafvænning"
    case fysiskAktivitet = "fysisk-aktivitet"
    case ernaering = "ernæring"
    case alkohol = "alkohol"
    case andet = "andet"

    /// The six interventions of the standard (§2.1).
    public static let standard: [Intervention] = allCases.filter { $0 != .andet }

    /// Whether the standard describes this intervention (all but `andet`).
    public var isInStandard: Bool { self != .andet }

    public static func < (a: Intervention, b: Intervention) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The name used in the standard.
    public var label: String {
        switch self {
        case .afklarendeSamtale: "Afklarende samtale"
        case .sygdomsmestring: "Sygdomsmestring"
        case .nikotinafvaenning: "Nikotinafvænning"
        case .fysiskAktivitet: "Fysisk aktivitet"
        case .ernaering: "Ernæringsindsats"
        case .alkohol: "Forebyggende samtale om alkohol"
        case .andet: "Andet tilbud"
        }
    }

    /// Everyday words for citizens ("Hvad har du brug for?").
    public var everydayLabel: String {
        switch self {
        case .afklarendeSamtale: "En samtale om, hvad du har brug for"
        case .sygdomsmestring: "Lær at leve med din sygdom"
        case .nikotinafvaenning: "Stop med at ryge, dampe eller snuse"
        case .fysiskAktivitet: "Kom i gang med at bevæge dig"
        case .ernaering: "Hjælp til mad og vægt"
        case .alkohol: "Tal om dine alkoholvaner"
        case .andet: "Andre tilbud"
        }
    }

    public var everydayDescription: String {
        switch self {
        case .afklarendeSamtale:
            "Du taler med en medarbejder om dit helbred og din hverdag. Sammen finder I ud af, hvad der kan hjælpe dig."
        case .sygdomsmestring: "Du får viden om din sygdom og lærer at klare hverdagen bedre. Du møder andre i samme situation."
        case .nikotinafvaenning: "Du får råd og støtte til at stoppe med tobak og nikotin. Også hvis du ikke har en kronisk sygdom."
        case .fysiskAktivitet: "Du får vejledning eller træner på hold med en fysioterapeut, så du bliver stærkere."
        case .ernaering: "Du får råd om mad og måltider. Nogle får hjælp af en klinisk diætist."
        case .alkohol: "Du taler alene med en rådgiver om, hvor meget du drikker, og hvad du selv vil ændre."
        case .andet: "Andre tilbud til dig med kronisk sygdom, fx kor for lungerne eller et kursus om prædiabetes."
        }
    }

    /// The chapter of the standard that describes it.
    public var section: String {
        switch self {
        case .afklarendeSamtale: "3.1"
        case .sygdomsmestring: "4"
        case .nikotinafvaenning: "5"
        case .fysiskAktivitet: "6"
        case .ernaering: "7"
        case .alkohol: "8"
        case .andet: "-"
        }
    }

    public var variants: [Variant] { Variant.allCases.filter { $0.intervention == self } }

    /// Every kind of module: each intervention, split into its variants where it has them.
    public static var kinds: [(intervention: Intervention, variant: Variant?)] {
        standard.flatMap { i in i.variants.isEmpty ? [(i, nil)] : i.variants.map { (i, $0) } }
    }

    /// The element codes `indhold:` may hold for this intervention (and variant).
    public var elementVocabularies: [Vocabulary] {
        switch self {
        case .afklarendeSamtale: [Elements.assessmentAreas]
        case .sygdomsmestring: [Elements.diseaseManagement]
        case .nikotinafvaenning: [Elements.nicotineCounselling]
        case .fysiskAktivitet: [Elements.trainingTypes, Elements.activityGuidance]
        case .ernaering: [Elements.dietTreatment, Elements.dietaryAdvice]
        case .alkohol: [Elements.alcoholConversation]
        case .andet: []
        }
    }

    public func elementVocabulary(for variant: Variant?) -> Vocabulary {
        switch (self, variant) {
        case (.fysiskAktivitet, .superviseretTraening?): Elements.trainingTypes
        case (.fysiskAktivitet, .vejledning?): Elements.activityGuidance
        case (.ernaering, .diaetbehandling?): Elements.dietTreatment
        case (.ernaering, .kostvejledning?): Elements.dietaryAdvice
        default:
            Self.combinedElements[self] ?? Vocabulary("indhold", [])
        }
    }

    /// Each intervention's elements in one vocabulary, made once (checks ask for it per module).
    private static let combinedElements: [Intervention: Vocabulary] = Dictionary(uniqueKeysWithValues: allCases.map {
        ($0, Vocabulary("indhold", $0.elementVocabularies.flatMap(\.terms)))
    })
}

/// Variants of the interventions that have them (§6.1, §7.1).
public enum Variant: String, CaseIterable, Sendable, Hashable {
    case vejledning = "vejledning"
    case superviseretTraening = "superviseret-træning"
    case kostvejledning = "kostvejledning"
    case diaetbehandling = "diætbehandling"

    public var intervention: Intervention {
        switch self {
        case .vejledning, .superviseretTraening: .fysiskAktivitet
        case .kostvejledning, .diaetbehandling: .ernaering
        }
    }

    public var label: String {
        switch self {
        case .vejledning: "Vejledning om fysisk aktivitet"
        case .superviseretTraening: "Superviseret fysisk træning"
        case .kostvejledning: "Kostvejledning"
        case .diaetbehandling: "Diætbehandling"
        }
    }
}

/// The content-element lists of the standard, verbatim codes from RULES.md A5.
public enum Elements {
    /// L2, §3.1: four overlapping areas of the afklarende samtale.
    public static let assessmentAreas = Vocabulary("indhold (afklarende samtale)", [
        .init("funktionsevne", "Funktionsevne"),
        .init("hverdagsliv", "Hverdagsliv"),
        .init("risikofaktorer", "Risikofaktorer"),
        .init("sygdomssituation", "Sygdomssituation"),
    ])
    /// L9, §4.2: seven required elements of sygdomsmestring.
    public static let diseaseManagement = Vocabulary("indhold (sygdomsmestring)", [
        .init("sygdomskendskab", "Sygdomskendskab"),
        .init("sygdomsforværring", "Sygdomsforværring"),
        .init("andre-forebyggende-indsatser", "Betydningen af andre forebyggende indsatser"),
        .init("mental-sundhed", "Mental sundhed"),
        .init("sociale-forhold", "Sociale forhold"),
        .init("mestring-i-hverdagen", "Mestring af sygdommen i hverdagen"),
        .init("pårørende", "Pårørende"),
    ])
    /// L11, §5.2: nine counselling elements of nikotinafvænning.
    public static let nicotineCounselling = Vocabulary("indhold (nikotinafvænning)", [
        .init("stopdato", "Fastsættelse af stopdato"),
        .init("afhængighed-og-abstinenser", "Afhængighed, abstinenser og afvænningsprocessen"),
        .init("medicin", "Vejledning om medicin til nikotinafvænning og nedtrapning"),
        .init("valideret-test", "Valideret test af nikotinafhængighed"),
        .init("fastholdelse", "Fastholdelse af motivation og nikotinstop"),
        .init("risikosituationer-og-tilbagefald", "Risikosituationer, tilbagefald og stress"),
        .init("søvn-væske-åndedræt-og-aktivitet", "Søvn, væskebalance, åndedræt og fysisk aktivitet"),
        .init("ernæring-og-vægt", "Ernæring, blodsukker og vægt"),
        .init("helbred", "Betydningen af rygning og nikotin for helbredet"),
    ])
    /// L14, §6.2: training types of superviseret træning.
    public static let trainingTypes = Vocabulary("indhold (superviseret træning)", [
        .init("aerob", "Konditionstræning"),
        .init("styrke", "Styrketræning"),
        .init("motorisk", "Balance og motorisk træning"),
    ])
    /// §6.2 (vejledning, l.1001-1006): motivation, options, barriers.
    public static let activityGuidance = Vocabulary("indhold (vejledning)", [
        .init("motivation", "Hvad motiverer dig"),
        .init("aktivitetsmuligheder", "Muligheder for aktivitet i nærområdet"),
        .init("barrierer", "Hvordan du kommer over det, der står i vejen"),
    ])
    /// L22, §7.2: three parts of diætbehandling.
    public static let dietTreatment = Vocabulary("indhold (diætbehandling)", [
        .init("udredning", "Udredning"),
        .init("ernæringsbehandling", "Ernæringsbehandling"),
        .init("opfølgning", "Opfølgning"),
    ])
    /// §7.2 (A-7.2-1, l.1269-1270): kostvejledning content.
    public static let dietaryAdvice = Vocabulary("indhold (kostvejledning)", [
        .init("mad-og-måltidsvaner", "Dine mad- og måltidsvaner"),
        .init("madvalg", "Råd om madvalg og sammensætning af måltider"),
    ])
    /// L26, §8.2: eleven recommended elements of the alcohol conversation.
    public static let alcoholConversation = Vocabulary("indhold (alkohol)", [
        .init("kort-undersøgelse", "Kort undersøgelse af alkoholproblemets karakter"),
        .init("alkoholens-rolle", "Alkoholens rolle i dine problemer"),
        .init("hverdagsliv", "Alkoholens påvirkning af hverdagslivet"),
        .init("helbredsrisici", "Helbredsrisici"),
        .init("kroppens-påvirkning", "Kroppens påvirkning"),
        .init("motivation", "Motivation for at drikke mindre"),
        .init("mål", "Mål for reduktion eller stop"),
        .init("dagbog", "Dagbog over alkoholindtag"),
        .init("strategier", "Strategier til at drikke mindre eller stoppe"),
        .init("støttemuligheder", "Støttemuligheder"),
        .init("opfølgning", "Tilbud om opfølgning"),
    ])
}
