import Foundation
import KatalogCore

/// Export: the catalog as files for GPs and systems, written under `eksport/` by `katalog build`
/// and available one at a time from `katalog export`.
public struct Exporter: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        case softCSV = "soft-csv"
        case softJSON = "soft-json"
        case softSchema = "soft-schema"
        case fhir
        case atom

        /// The file under `eksport/` that `katalog build` writes.
        public var fileName: String {
            switch self {
            case .softCSV: "soft.csv"
            case .softJSON: "soft.json"
            case .softSchema: "soft.schema.json"
            case .fhir: "fhir-healthcareservices.json"
            case .atom: "nyt.atom"
            }
        }
    }

    /// The site's public address (e.g. `https://sundhed.fjordby.dk/tilbud/`); links are relative without it.
    public let baseURL: String?

    public init(baseURL: String? = nil) {
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    }

    /// A site path as seen from a file in `folder` (e.g. `eksport`): absolute with a base URL, else relative.
    public func url(_ path: String, from folder: String = "") -> String {
        if let baseURL { return baseURL + path }
        let depth = folder.split(separator: "/").count
        return String(repeating: "../", count: depth) + path
    }

    static let softStandard = "Sundhedsstyrelsen 2024: Kvalitetsstandarder for forebyggelsestilbud til borgere med kronisk sygdom"

    public func records(_ catalog: Catalog) -> [SOFTRecord] {
        let pairs = catalog.municipalities.flatMap { m in m.modules.map { (module: $0, municipality: m) } }
        return Parallel.map(pairs) { SOFTRecord(module: $0.module, municipality: $0.municipality, pageURL: url($0.module.pagePath)) }
    }

    public func render(_ format: Format, _ catalog: Catalog) -> String {
        switch format {
        case .softCSV:
            let records = records(catalog)
            let header = records.first?.columns.map(\.0) ?? []
            return CSV.document(header: header, rows: records.map { $0.columns.map(\.1) })
        case .softJSON:
            // `{"$schema", "standard", "tilbud": [...]}` as JSONEncoder writes it pretty and sorted;
            // the records are encoded in parallel and indented into place (JSON strings hold no raw
            // newlines, so indenting line by line is exact).
            let records = Parallel.map(records(catalog)) { record in
                deterministicJSON(record).split(separator: "\n", omittingEmptySubsequences: false)
                    .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
            }
            let head = deterministicJSON(["$schema": "soft.schema.json", "standard": Self.softStandard])
            return head.dropLast(2) + ",\n  \"tilbud\" : [\n" + (records.isEmpty ? "\n" : records.joined(separator: ",\n") + "\n") + "  ]\n}\n"
        case .softSchema:
            return SOFTSchema.document.rendered(pruning: false) + "\n"
        case .fhir:
            return FHIRExport.bundle(catalog) { url($0.pagePath) }.rendered() + "\n"
        case .atom:
            return AtomFeed.feed(title: "Nye og ændrede forebyggelsestilbud", id: "urn:tilbudskatalog:alle",
                                 selfURL: url("eksport/nyt.atom", from: baseURL == nil ? "eksport" : ""),
                                 entries: catalog.municipalities.flatMap { m in m.modules.map { ($0, m, url($0.pagePath, from: "eksport")) } })
        }
    }

    /// Every export file, by path relative to the site root.
    public func files(_ catalog: Catalog) -> [String: Data] {
        // The catalog-wide files and each municipality's feed, built in parallel.
        let formats = Format.allCases
        let catalogWide = Parallel.map(formats) { Data(render($0, catalog).utf8) }
        let feeds = Parallel.map(catalog.municipalities) { municipality in
            Data(AtomFeed.feed(
                title: "Nye og ændrede forebyggelsestilbud i \(municipality.name)", id: "urn:tilbudskatalog:\(municipality.slug)",
                selfURL: url(feedPath(municipality), from: baseURL == nil ? "eksport" : ""),
                entries: municipality.modules.map { ($0, municipality, url($0.pagePath, from: "eksport")) }).utf8)
        }
        var files: [String: Data] = [:]
        for (format, data) in zip(formats, catalogWide) { files["eksport/" + format.fileName] = data }
        for (municipality, data) in zip(catalog.municipalities, feeds) { files[feedPath(municipality)] = data }
        return files
    }

    func feedPath(_ municipality: Municipality) -> String { "eksport/\(municipality.slug).atom" }

    /// schema.org JSON-LD per module id, for the module pages.
    public func structuredData(_ catalog: Catalog) -> [String: String] {
        let pairs = catalog.municipalities.flatMap { m in m.modules.map { (module: $0, municipality: m) } }
        let bodies = Parallel.map(pairs) { pair in
            JSONLD.scriptBody(JSONLD.governmentService(pair.module, in: pair.municipality,
                                                       pageURL: url(pair.module.pagePath, from: pair.module.municipalitySlug)))
        }
        return Dictionary(zip(pairs.map(\.module.id), bodies)) { first, _ in first }
    }
}
