import KatalogSupport

/// FSIII (Fælles Sprog III) §119 intervention codes, from `../shared/standard/fsiii-119.csv`
/// (KL Terminologi, CodeSystem `urn:oid:1.2.208.176.2.21`).
public struct FSIII: Sendable, Hashable {
    public static let system = "urn:oid:1.2.208.176.2.21"

    public let slug: String
    public let code: String
    public let display: String

    public static let all: [FSIII] = [
        .init(slug: "afklarende-samtale", code: "6eddbaf7-2a73-49d4-91e7-6138d419f58c", display: "Afklarende samtale"),
        .init(slug: "behovssamtale", code: "ee5606ac-1bed-487e-aa3c-72dcc30ec037", display: "Behovssamtale"),
        .init(slug: "afsluttende-samtale", code: "03a3ebdb-9e2d-4be1-b32b-42f0bd2a3362", display: "Afsluttende samtale"),
        .init(slug: "opfølgning", code: "d1e016b5-150a-4ac4-97ba-d3e19e28471e", display: "Opfølgning"),
        .init(slug: "sygdomshåndtering", code: "e71b7d85-5c78-49c2-8624-8499d162317b", display: "Sygdomshåndtering"),
        .init(slug: "mental-håndtering", code: "f30cab6d-2a42-4358-99d7-811127fb6e05", display: "Mental håndtering"),
        .init(slug: "færdighedstræning", code: "61692d91-69b8-4830-9453-3d58454e49d3", display: "Færdighedstræning"),
        .init(slug: "nikotin-og-tobaksafvænning", code: "6d24992e-e0a2-43e7-bc27-0234622a8655", display: "Nikotin- og tobaksafvænning"),
        .init(slug: "samtale-om-alkohol", code: "924e9828-84cf-4689-9551-0ebb6dc71b98", display: "Samtale om alkohol"),
        .init(slug: "fysisk-træning", code: "ab87c0b5-40be-4e0a-b749-d9f833bfed2d", display: "Fysisk træning"),
        .init(slug: "vejledning-fysiske-aktiviteter", code: "abe847e0-1ce0-44dc-a675-ce05b66f47e6",
            display: "Vejledning og introduktion til fysiske aktiviteter"),
        .init(slug: "kostvejledning", code: "c9a99304-1788-43b7-b7be-e187b092ae9c", display: "Kostvejledning"),
        .init(slug: "diætbehandling", code: "cf7a55c2-7061-47ed-b7c5-e29620fe93bf", display: "Diætbehandling"),
        .init(slug: "madlavning-i-praksis", code: "01a500f6-c221-4fd0-b518-cd361218b60d", display: "Madlavning i praksis"),
    ]

    public static let vocabulary = Vocabulary("fsiii", all.map { .init($0.slug, $0.display) })

    public static func named(_ slug: String) -> FSIII? { all.first { $0.slug == slug } }

    /// The default FSIII code(s) of an intervention and variant (INTEROP.md §3).
    public static func defaults(for intervention: Intervention, variant: Variant?) -> [FSIII] {
        let slugs: [String] = switch (intervention, variant) {
        case (.afklarendeSamtale, _): ["afklarende-samtale"]
        case (.sygdomsmestring, _): ["sygdomshåndtering"]
        case (.nikotinafvaenning, _): ["nikotin-og-tobaksafvænning"]
        case (.fysiskAktivitet, .superviseretTraening?): ["fysisk-træning"]
        case (.fysiskAktivitet, _): ["vejledning-fysiske-aktiviteter"]
        case (.ernaering, .diaetbehandling?): ["diætbehandling"]
        case (.ernaering, _): ["kostvejledning"]
        case (.alkohol, _): ["samtale-om-alkohol"]
        case (.andet, _): []
        }
        return slugs.compactMap(named)
    }
}
