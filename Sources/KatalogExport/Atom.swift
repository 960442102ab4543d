import Foundation
import KatalogCore
import KatalogSupport

/// An Atom feed (RFC 4287) of the modules, newest `opdateret` first, so a GP practice can follow
/// its municipalities in any feed reader. Deterministic: dates come from the content, not the clock.
public enum AtomFeed {
    /// Modules newest first (by `opdateret`, then id), as a feed lists them.
    typealias Item = (module: Module, municipality: Municipality, key: Int)

    static func sorted(_ items: [Item]) -> [Item] {
        // Indices are sorted, not the items: moving an item copies a municipality.
        let modules = items.map(\.module)
        return items.indices.sorted { a, b in (modules[a].updated, modules[b].id) > (modules[b].updated, modules[a].id) }.map { items[$0] }
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

    static func entry(_ module: Module, _ municipality: Municipality, _ url: String) -> String {
        var xml = "  <entry>\n"
        xml += "    <title>\(escape(module.title)) (\(escape(municipality.name)))</title>\n"
        xml += "    <id>urn:uuid:\(StableUUID.make(module.id))</id>\n"
        xml += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(escape(url))\"/>\n"
        xml += "    <updated>\(module.updated)T00:00:00Z</updated>\n"
        xml += "    <author><name>\(escape(municipality.name))</name></author>\n"
        xml += "    <category term=\"\(escape(module.intervention.rawValue))\" label=\"\(escape(module.intervention.label))\"/>\n"
        xml += "    <summary>\(escape(module.summary))</summary>\n"
        xml += "  </entry>\n"
        return xml
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
