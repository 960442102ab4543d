import KatalogCore

/// What a list of offers is by, beside the intervention: a diagnosis (or target group), a way of
/// taking part, or a time of day. Each has a national list and one list per municipality.
enum ListFacet: Sendable, CaseIterable {
    case diagnosis, format, time

    var vocabulary: Vocabulary {
        switch self {
        case .diagnosis: Vocabularies.diagnoses
        case .format: Vocabularies.formats
        case .time: Vocabularies.timesOfDay
        }
    }

    func codes(_ module: Module) -> [String] {
        switch self {
        case .diagnosis: module.diagnoses
        case .format: module.formats
        case .time: module.timesOfDay
        }
    }

    /// The folder of a municipality's lists (`fjordby/sygdom/kol.html`).
    var folder: String {
        switch self {
        case .diagnosis: "sygdom"
        case .format: "format"
        case .time: "tidspunkt"
        }
    }

    /// The list's heading, across the country (`municipality` nil) or in one municipality.
    func heading(_ term: Vocabulary.Term, in municipality: String?) -> String {
        let place = municipality.map { " i \($0)" } ?? ""
        switch self {
        case .diagnosis: return "Tilbud ved \(term.label.lowercasedFirstWordUnlessAcronym)\(place)"
        case .format: return "Tilbud\(place): \(term.label.lowercased())"
        case .time: return "Tilbud\(place) \(term.label.lowercased())"
        }
    }

    func lead(_ term: Vocabulary.Term, in municipality: String?) -> String {
        let name = term.label.lowercasedFirstWordUnlessAcronym, place = municipality.map { " i \($0)" } ?? ""
        switch self {
        case .diagnosis:
            let group = Vocabularies.targetGroups.contains(term.code)
            guard let municipality else { return "Her er tilbuddene \(group ? "for" : "for borgere med") \(name), sorteret efter kommune." }
            return "Her er tilbuddene i \(municipality) \(group ? "for" : "til borgere med") \(name)."
        case .format: return "Tilbud\(place), hvor det foregår sådan: \(term.label.lowercased())."
        case .time: return "Tilbud\(place), der foregår \(term.label.lowercased())."
        }
    }
}
