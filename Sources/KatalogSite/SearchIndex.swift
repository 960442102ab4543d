import Foundation
import KatalogCore

/// The client-side search index: a script that sets `window.TILBUDSINDEKS`, so the filter works
/// from `file://` (where fetching a JSON file is blocked) and from any static host.
enum SearchIndex {
    /// Entries are encoded one by one (in parallel, and reused from `cache` for unchanged modules)
    /// and joined: the same bytes as encoding the sorted array at once.
    /// The script's text, in parts.
    static func script(_ catalog: Catalog, cache: FragmentCache? = nil) -> [String] {
        let ids = catalog.modules.map(entryID)
        let order = ids.indices.sorted { ids[$0] < ids[$1] }
        let all = catalog.municipalities.flatMap { m in m.modules.map { (module: $0, municipality: m) } }
        let pairs = order.map { all[$0] }
        let encoded = Parallel.map(pairs) { pair in
            guard let cache, pair.module.fingerprint != 0 else { return entryJSON(pair.module, in: pair.municipality) }
            return cache.value("SearchIndex.Entry", fingerprint(pair.module.fingerprint, pair.municipality.fingerprint)) {
                entryJSON(pair.module, in: pair.municipality)
            }
        }
        return ["// Genereret af katalog build. Rediger ikke.\nwindow.TILBUDSINDEKS = ["] + encoded.interleaved(with: ",") + ["];\n"]
    }

    static func entryID(_ module: Module) -> String {
        "m-" + module.id.replacingASCII { $0 == 0x2F ? "-" : nil }
    }

    private static func entryJSON(_ module: Module, in municipality: Municipality) -> String {
        let texts = { (values: [String]) in JSONValue.array(values.map(JSONValue.string)) }
        let entry: JSONValue = [
            "id": .string(entryID(module)),
            "tekst": .string([module.title, module.summary, module.targetDescription ?? "", module.body.prose].joined(separator: " ").lowercasedLatin1),
            "indsats": .string(module.intervention.rawValue), "diagnoser": texts(module.diagnoses), "kommune": .string(municipality.slug),
            "postnumre": texts(municipality.postcodes), "format": texts(module.formats), "tidspunkter": texts(module.timesOfDay),
        ]
        let json = entry.compact
        // "</" would end the script element early.
        return json.containsByte(0x3C) ? json.replacingOccurrences(of: "</", with: "<\\/") : json
    }
}
