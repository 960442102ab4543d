import KatalogSupport

/// A staff profession and what the standard's competence rules need to know about it.
public struct Profession: Sendable, Hashable {
    public let code: String
    public let label: String
    /// A health education of at least medium length (MVU) or longer, "sundhedsfaglig".
    public let healthMVU: Bool
    /// A social education of at least medium length (for A-8.5-1: "social- eller sundhedsfaglig").
    public let socialMVU: Bool
    /// A nutrition professional of at least MVU (K-7.5-1, K-7.5-2).
    public let nutritionMVU: Bool
    /// Other ways authors write the profession (plurals, specialised titles).
    public let aliases: [String]
    /// The education itself gives the four competences of §6.5 (vejlede om fysisk aktivitet,
    /// tilrettelægge, supervisere og evaluere træningen med test, rådgive om øvelser og om
    /// sygdomsspecifikke spørgsmål ved træning): a physiotherapist's core work (l.1165-1174).
    public let activityCompetences: Bool

    public init(code: String, label: String, healthMVU: Bool, socialMVU: Bool, nutritionMVU: Bool,
                aliases: [String] = [], activityCompetences: Bool = false) {
        self.code = code
        self.label = label
        self.healthMVU = healthMVU
        self.socialMVU = socialMVU
        self.nutritionMVU = nutritionMVU
        self.aliases = aliases
        self.activityCompetences = activityCompetences
    }

    public static let all: [Profession] = [
        .init(code: "fysioterapeut", label: "Fysioterapeut", healthMVU: true, socialMVU: false, nutritionMVU: false,
              aliases: ["fysioterapeuter", "fysioterapeuten", "specialiseret fysioterapeut"], activityCompetences: true),
        .init(code: "ergoterapeut", label: "Ergoterapeut", healthMVU: true, socialMVU: false, nutritionMVU: false,
            aliases: ["ergoterapeuter"]),
        .init(code: "sygeplejerske", label: "Sygeplejerske", healthMVU: true, socialMVU: false, nutritionMVU: false,
              aliases: ["sygeplejersker", "kol-sygeplejerske", "diabetessygeplejerske", "hjertesygeplejerske",
                  "sundhedsfaglig sygeplejerske"]),
        .init(code: "sundhedsplejerske", label: "Sundhedsplejerske", healthMVU: true, socialMVU: false, nutritionMVU: false,
            aliases: ["sundhedsplejersker"]),
        .init(code: "jordemoder", label: "Jordemoder", healthMVU: true, socialMVU: false, nutritionMVU: false, aliases: ["jordemødre"]),
        .init(code: "klinisk-diætist", label: "Autoriseret klinisk diætist", healthMVU: true, socialMVU: false, nutritionMVU: true,
              aliases: ["kliniske diætister", "autoriseret klinisk diætist", "autoriserede kliniske diætister"]),
        .init(code: "ernærings-og-sundhedskonsulent", label: "Ernærings- og sundhedskonsulent", healthMVU: true, socialMVU: false,
            nutritionMVU: true,
              aliases: ["ernærings- og sundhedskonsulenter", "professionsbachelor i ernæring og sundhed"]),
        .init(code: "læge", label: "Læge", healthMVU: true, socialMVU: false, nutritionMVU: false, aliases: ["læger"]),
        .init(code: "psykolog", label: "Psykolog", healthMVU: true, socialMVU: true, nutritionMVU: false, aliases: ["psykologer"]),
        .init(code: "socialrådgiver", label: "Socialrådgiver", healthMVU: false, socialMVU: true, nutritionMVU: false,
            aliases: ["socialrådgivere"]),
        .init(code: "pædagog", label: "Pædagog", healthMVU: false, socialMVU: true, nutritionMVU: false, aliases: ["pædagoger",
            "socialpædagog"]),
        .init(code: "social-og-sundhedsassistent", label: "Social- og sundhedsassistent", healthMVU: false, socialMVU: false,
            nutritionMVU: false,
              aliases: ["social- og sundhedsassistenter", "sosu-assistent"]),
        // Job titles that do not say which education the person has: they show no MVU level.
        .init(code: "diætist", label: "Diætist", healthMVU: false, socialMVU: false, nutritionMVU: false, aliases: ["diætister"]),
        .init(code: "sundhedskonsulent", label: "Sundhedskonsulent", healthMVU: false, socialMVU: false, nutritionMVU: false,
            aliases: ["sundhedskonsulenter"]),
        .init(code: "sundhedskoordinator", label: "Sundhedskoordinator", healthMVU: false, socialMVU: false, nutritionMVU: false,
            aliases: ["sundhedskoordinatorer"]),
        .init(code: "ernæringsvejleder", label: "Ernæringsvejleder", healthMVU: false, socialMVU: false, nutritionMVU: false,
            aliases: ["ernæringsvejledere", "kostvejleder", "kostvejledere"]),
        .init(code: "træner", label: "Træner eller instruktør", healthMVU: false, socialMVU: false, nutritionMVU: false,
              aliases: ["trænere", "instruktør", "instruktører", "motionsinstruktør", "idrætsinstruktør"]),
        .init(code: "rygestoprådgiver", label: "Rygestoprådgiver", healthMVU: false, socialMVU: false, nutritionMVU: false,
              aliases: ["rygestoprådgivere", "professionelle rygestoprådgivere", "rådgiver i rygestop"]),
        .init(code: "alkoholrådgiver", label: "Alkoholrådgiver", healthMVU: false, socialMVU: false, nutritionMVU: false,
            aliases: ["alkoholrådgivere"]),
        .init(code: "alkoholbehandler", label: "Alkoholbehandler", healthMVU: false, socialMVU: false, nutritionMVU: false,
            aliases: ["alkoholbehandlere"]),
        .init(code: "sexologisk-rådgiver", label: "Sexologisk rådgiver", healthMVU: false, socialMVU: false, nutritionMVU: false,
            aliases: ["sexolog"]),
        .init(code: "peer-underviser", label: "Underviser med egen kronisk sygdom", healthMVU: false, socialMVU: false, nutritionMVU: false,
              aliases: ["frivillig instruktør", "frivillige instruktører", "frivillige instruktører med egen erfaring", "peer-instruktør",
                  "lær at tackle-instruktør"]),
    ]

    public static func named(_ code: String) -> Profession? { all.first { $0.code == code } }
}
