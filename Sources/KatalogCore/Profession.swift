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

    public static let all: [Profession] = [
        .init(code: "fysioterapeut", label: "Fysioterapeut", healthMVU: true, socialMVU: false, nutritionMVU: false),
        .init(code: "ergoterapeut", label: "Ergoterapeut", healthMVU: true, socialMVU: false, nutritionMVU: false),
        .init(code: "sygeplejerske", label: "Sygeplejerske", healthMVU: true, socialMVU: false, nutritionMVU: false),
        .init(code: "sundhedsplejerske", label: "Sundhedsplejerske", healthMVU: true, socialMVU: false, nutritionMVU: false),
        .init(code: "jordemoder", label: "Jordemoder", healthMVU: true, socialMVU: false, nutritionMVU: false),
        .init(code: "klinisk-diætist", label: "Autoriseret klinisk diætist", healthMVU: true, socialMVU: false, nutritionMVU: true),
        .init(code: "ernærings-og-sundhedskonsulent", label: "Ernærings- og sundhedskonsulent", healthMVU: true, socialMVU: false, nutritionMVU: true),
        .init(code: "læge", label: "Læge", healthMVU: true, socialMVU: false, nutritionMVU: false),
        .init(code: "psykolog", label: "Psykolog", healthMVU: true, socialMVU: true, nutritionMVU: false),
        .init(code: "socialrådgiver", label: "Socialrådgiver", healthMVU: false, socialMVU: true, nutritionMVU: false),
        .init(code: "pædagog", label: "Pædagog", healthMVU: false, socialMVU: true, nutritionMVU: false),
        .init(code: "social-og-sundhedsassistent", label: "Social- og sundhedsassistent", healthMVU: false, socialMVU: false, nutritionMVU: false),
        .init(code: "rygestoprådgiver", label: "Rygestoprådgiver", healthMVU: false, socialMVU: false, nutritionMVU: false),
        .init(code: "alkoholrådgiver", label: "Alkoholrådgiver", healthMVU: false, socialMVU: false, nutritionMVU: false),
        .init(code: "peer-underviser", label: "Underviser med egen kronisk sygdom", healthMVU: false, socialMVU: false, nutritionMVU: false),
    ]

    public static func named(_ code: String) -> Profession? { all.first { $0.code == code } }
}
