import Foundation
import KatalogCore
import KatalogSupport

/// An Atom feed (RFC 4287) of the modules, most recently changed first, so a GP practice can follow
/// its municipalities in any feed reader. Deterministic: dates come from the content, not the clock.
///
/// Ids are permanent and unique per deployment: with the site's address they are its URLs (the
/// feed's own, each offer's page); without it, UUIDs made from the municipality's kommunekode and the
/// module's id, so two municipalities that deploy the tool never share one. An entry is `updated` when
/// the offer changed (`ændret`), not when its text was merely reviewed again (`opdateret` is the
/// fallback when `ændret` is not stated); `published` is `oprettet`, when stated.
public enum AtomFeed {
    /// Modules most recently changed first (by `lastChanged`, then id), as a feed lists them.
    typealias Item = (module: Module, municipality: Municipality, key: Int)

    static func sorted(_ items: [Item]) -> [Item] {
        // Indices are sorted, not the items: moving an item copies a municipality.
        let modules = items.map(\.module)
        let dates = modules.map(\.lastChanged)
        return items.indices.sorted { a, b in (dates[a], modules[b].id) > (dates[b], modules[a].id) }.map { items[$0] }
    }

    /// The feed's id: its URL with the site's address, else a UUID of its path and municipalities' codes and slugs.
    static func feedID(path: String, municipalities: [Municipality], address: SiteAddress) -> String {
        if let base = address.baseURL { return base + path }
        let who = municipalities.map { $0.code + ":" + $0.slug }.joined(separator: ",")
        return "urn:uuid:" + StableUUID.make("atom:" + path + ":" + who)
    }

    /// An entry's id: the offer's page with the site's address, else a UUID of the kommunekode and the module's id.
    static func entryID(_ module: Module, _ municipality: Municipality, address: SiteAddress) -> String {
        if let base = address.baseURL { return base + module.pagePath }
        return "urn:uuid:" + StableUUID.make("atom:" + municipality.code + ":" + module.id)
    }

    /// The feed of `entries` (each `entry(…)`, newest first); `updated`: the newest entry's date.
    public static func feed(title: String, id: String, selfURL: String, updated: String?, entries: [String]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"da\">\n"
        xml += "  <title>\(escape(title))</title>\n"
        xml += "  <id>\(escape(id))</id>\n"
        xml += "  <link rel=\"self\" href=\"\(escape(selfURL))\"/>\n"
        xml += "  <updated>\(updated ?? "2024-01-01")T00:00:00Z</updated>\n"
        xml += "  <author><name>Tilbudskatalog</name></author>\n"
        for entry in entries { xml += entry }
        return xml + "</feed>\n"
    }

    static func entry(_ module: Module, _ municipality: Municipality, _ url: String, id: String) -> String {
        var xml = "  <entry>\n"
        xml += "    <title>\(escape(module.title)) (\(escape(municipality.name)))</title>\n"
        xml += "    <id>\(escape(id))</id>\n"
        xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(escape(url))\"/>\n"
        if let published = module.fields.text(ModuleKey.published) { xml += "    <published>\(published)T00:00:00Z</published>\n" }
        xml += "    <updated>\(module.lastChanged)T00:00:00Z</updated>\n"
        xml += "    <author><name>\(escape(municipality.name))</name></author>\n"
        xml += "    <category term=\"\(escape(module.intervention.rawValue))\" label=\"\(escape(module.intervention.label))\"/>\n"
        xml += "    <summary>\(escape(summary(module)))</summary>\n"
        xml += "  </entry>\n"
        return xml
    }

    /// In Danish: what changed and when, as the module states it (`ændret`, `ændring`), then what the offer is.
    /// Without `ændret` nothing is said about a change: the feed cannot know what a re-review changed.
    static func summary(_ module: Module) -> String {
        guard let changed = module.fields.text(ModuleKey.changed) else { return module.summary }
        let what = module.fields.text(ModuleKey.change).map { " " + $0 } ?? ""
        return "Ændret \(DanishDate.long(changed)).\(what) \(module.summary)"
    }

    static func escape(_ text: String) -> String {
        text.replacingASCII { byte in
            switch byte {
            case 0x26: "&amp;"
            case 0x3C: "&lt;"
            case 0x3E: "&gt;"
            case 0x22: "&quot;"
            default: nil
            }
        }
    }
}
