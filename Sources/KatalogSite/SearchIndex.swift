import Foundation
import KatalogCore
import KatalogSupport

/// The client-side search index: a script that sets `window.TILBUDSINDEKS`, so the filter works
/// from `file://` (where fetching a JSON file is blocked) and from any static host.
enum SearchIndex {
    /// The script's text, in parts: the entries (each module's, made once per module) in order of
    /// their ids, as the sorted array would be encoded at once.
    static func script(_ entries: [String]) -> [String] {
        ["// Genereret af katalog build. Rediger ikke.\nwindow.TILBUDSINDEKS = ["] + entries.interleaved(with: ",") + ["];\n"]
    }

    static func entryID(_ module: Module) -> String {
        "m-" + module.id.replacingASCII { $0 == 0x2F ? "-" : nil }
    }

    static func entryJSON(_ module: Module, in municipality: Municipality) -> String {
        let texts = { (values: [String]) in JSONValue.array(values.map(JSONValue.string)) }
        let entry: JSONValue = [
            "id": .string(entryID(module)),
            "tekst": .string([module.title, module.summary, module.targetDescription ?? "",
                module.body.prose].joined(separator: " ").lowercasedLatin1),
            "indsats": .string(module.intervention.rawValue), "diagnoser": texts(module.diagnoses), "kommune": .string(municipality.slug),
            "postnumre": texts(municipality.postcodes), "format": texts(module.formats), "tidspunkter": texts(module.timesOfDay),
            // Only what is stated: an offer that does not say it is anonymous, or names no language, is not found by these filters.
            "sprog": texts(module.languages.map { $0.trimmingWhitespace.lowercased() }), "anonym": .bool(module.anonymous == true),
            "tolk": .bool(module.interpreter == true),
            // Age limits as stated; an offer that states none is not left out by the age filter.
            "alderFra": module.eligibility.minimumAge.map(JSONValue.number) ?? .null,
            "alderTil": module.eligibility.maximumAge.map(JSONValue.number) ?? .null,
        ]
        let json = entry.compact
        // "</" would end the script element early.
        return json.containsByte(0x3C) ? json.replacingOccurrences(of: "</", with: "<\\/") : json
    }
}
