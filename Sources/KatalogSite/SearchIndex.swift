import Foundation
import KatalogCore

/// The client-side search index: a script that sets `window.TILBUDSINDEKS`, so the filter works
/// from `file://` (where fetching a JSON file is blocked) and from any static host.
enum SearchIndex {
    struct Entry: Encodable {
        let id: String
        let tekst: String
        let indsats: String
        let diagnoser: [String]
        let kommune: String
        let postnumre: [String]
        let format: [String]
        let tidspunkter: [String]
    }

    static func script(_ catalog: Catalog) -> String {
        let entries = catalog.municipalities.flatMap { municipality in
            municipality.modules.map { module in
                Entry(id: "m-" + module.id.replacingOccurrences(of: "/", with: "-"),
                      tekst: [module.title, module.summary, module.fields.text("målgruppe.beskrivelse") ?? "", module.body.prose]
                        .joined(separator: " ").lowercased(),
                      indsats: module.intervention.rawValue, diagnoser: module.diagnoses, kommune: municipality.slug,
                      postnumre: municipality.postcodes, format: module.formats, tidspunkter: module.timesOfDay)
            }
        }.sorted { $0.id < $1.id }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: (try? encoder.encode(entries)) ?? Data("[]".utf8), as: UTF8.self)
            .replacingOccurrences(of: "</", with: "<\\/")
        return "// Genereret af katalog build. Rediger ikke.\nwindow.TILBUDSINDEKS = \(json);\n"
    }
}
