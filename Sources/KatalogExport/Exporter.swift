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
    /// Export records of unchanged modules, kept between the builds of a session.
    let cache: FragmentCache?

    public init(baseURL: String? = nil, cache: FragmentCache? = nil) {
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        self.cache = cache
    }

    /// `make()`, or its cached value for this module in this municipality (with this base URL).
    private func cached<T>(_ kind: String, _ module: Module, _ municipality: Municipality, _ make: () -> T) -> T {
        guard let cache, module.fingerprint != 0 else { return make() }
        return cache.value(kind, fingerprint(module.fingerprint, municipality.fingerprint, baseURL), make)
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
        return Parallel.map(pairs) { pair in
            cached("SOFTRecord", pair.module, pair.municipality) {
                SOFTRecord(module: pair.module, municipality: pair.municipality, pageURL: url(pair.module.pagePath))
            }
        }
    }

    public func render(_ format: Format, _ catalog: Catalog) -> String {
        parts(format, catalog).joined()
    }

    /// The file in parts, to be concatenated (large exports are assembled without copying each byte
    /// several times).
    func parts(_ format: Format, _ catalog: Catalog) -> [String] {
        switch format {
        case .softCSV:
            let lines = Parallel.map(records(catalog), \.csvLine)
            return [CSV.document(header: SOFT.fields.map(\.name), lines: lines)]
        case .softJSON:
            // `{"$schema", "standard", "tilbud": [...]}`, pretty and sorted; the records are
            // written in parallel and indented into place.
            let records = Parallel.map(records(catalog)) { "    " + $0.json.rendered(pruning: false, indent: 4) }
            let head: JSONValue = ["$schema": "soft.schema.json", "standard": .string(Self.softStandard)]
            let opening = String(head.rendered(pruning: false).dropLast(2)) + ",\n  \"tilbud\" : [\n"
            return [opening] + (records.isEmpty ? ["\n"] : records.interleaved(with: ",\n") + ["\n"]) + ["  ]\n}\n"]
        case .softSchema:
            return [SOFT.schema.rendered(pruning: false) + "\n"]
        case .fhir:
            let exporter = self
            return FHIRExport.bundleText(catalog, cache: cache) { exporter.url($0.pagePath) } + ["\n"]
        case .atom:
            return [AtomFeed.feed(title: "Nye og ændrede forebyggelsestilbud", id: "urn:tilbudskatalog:alle",
                                 selfURL: url("eksport/nyt.atom", from: baseURL == nil ? "eksport" : ""),
                                 entries: catalog.municipalities.flatMap { m in m.modules.map { ($0, m, url($0.pagePath, from: "eksport")) } },
                                 cache: cache)]
        }
    }

    /// The export files: the catalog-wide formats and each municipality's feed.
    public func outputs(_ catalog: Catalog) -> [GeneratedFile] {
        // FHIR carries each module's text; the other formats only what the front matter says.
        // A file's fingerprints cover its path, hence its id: ids count only for modules made in code.
        let loaded = !catalog.modules.contains { $0.fingerprint == 0 || $0.factsFingerprint == 0 }
        let municipalities = catalog.municipalities.map(\.fingerprint), ids = loaded ? [] : catalog.modules.map(\.id)
        let everything = fingerprint(municipalities, catalog.modules.map(\.fingerprint), ids, baseURL)
        let facts = fingerprint(municipalities, catalog.modules.map(\.factsFingerprint), ids, baseURL)
        // The catalog's feed and each municipality's feed share their entries (kept for the build
        // when the session keeps nothing between builds).
        let feeds = Exporter(baseURL: baseURL, cache: cache ?? FragmentCache())
        var outputs = Format.allCases.map { format in
            GeneratedFile(path: "eksport/" + format.fileName, fingerprint: fingerprint(format.rawValue, format == .fhir ? everything : facts)) {
                (format == .atom ? feeds : self).parts(format, catalog)
            }
        }
        for municipality in catalog.municipalities {
            let path = feedPath(municipality)
            let key = fingerprint(path, municipality.fingerprint, municipality.modules.map(\.factsFingerprint),
                                  loaded ? [] : municipality.modules.map(\.id), baseURL)
            outputs.append(GeneratedFile(path: path, fingerprint: key) {
                [AtomFeed.feed(
                    title: "Nye og ændrede forebyggelsestilbud i \(municipality.name)", id: "urn:tilbudskatalog:\(municipality.slug)",
                    selfURL: url(path, from: baseURL == nil ? "eksport" : ""),
                    entries: municipality.modules.map { ($0, municipality, url($0.pagePath, from: "eksport")) }, cache: feeds.cache)]
            })
        }
        return outputs
    }

    func feedPath(_ municipality: Municipality) -> String { "eksport/\(municipality.slug).atom" }

    /// schema.org JSON-LD per module id, for the module pages.
    /// By module (object identity).
    public func structuredData(_ catalog: Catalog) -> [ObjectIdentifier: String] {
        let pairs = catalog.municipalities.flatMap { m in m.modules.map { (module: $0, municipality: m) } }
        let bodies = Parallel.map(pairs) { pair in
            cached("JSONLD", pair.module, pair.municipality) {
                JSONLD.scriptBody(JSONLD.governmentService(pair.module, in: pair.municipality,
                                                           pageURL: url(pair.module.pagePath, from: pair.module.municipalitySlug)))
            }
        }
        return Dictionary(uniqueKeysWithValues: zip(pairs.map { ObjectIdentifier($0.module) }, bodies))
    }
}
