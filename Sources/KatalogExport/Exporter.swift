import Foundation
import KatalogCore
import KatalogSupport

/// Export: the catalog as files for GPs and systems, written under `eksport/` by `katalog build`
/// and available one at a time from `katalog export`.
public struct Exporter: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        case softCSV = "soft-csv"
        case softJSON = "soft-json"
        case softSchema = "soft-schema"
        case fhir
        case atom
        case courses = "forloeb"

        /// The file under `eksport/` that `katalog build` writes.
        public var fileName: String {
            switch self {
            case .softCSV: "soft.csv"
            case .softJSON: "soft.json"
            case .softSchema: "soft.schema.json"
            case .fhir: "fhir-healthcareservices.json"
            case .atom: "nyt.atom"
            case .courses: "forloeb.json"
            }
        }
    }

    /// Where the site is published (links are relative without a base URL).
    public let address: SiteAddress
    /// Each module's records, kept between the builds of a session.
    let memo: ExportMemo
    /// Today's date: team starts before it are not exported.
    let today: String
    /// The address and today's date, hashed once: every record's key includes them.
    private let settingsKey: Int

    public init(address: SiteAddress = SiteAddress(), memo: ExportMemo = ExportMemo()) {
        self.address = address
        self.memo = memo
        today = DayStamp.today()
        settingsKey = fingerprint(address, today)
    }

    /// Each module with its municipality, and the key its records are kept under (the module, its
    /// municipality, the site's address and today's date are all they are made from).
    typealias Keyed = (module: Module, municipality: Municipality, key: Int)

    private func keyed(_ catalog: Catalog) -> [Keyed] {
        catalog.municipalities.flatMap { m in m.modules.map { ($0, m, fingerprint($0.fingerprint, m.fingerprint, settingsKey)) } }
    }

    static let softStandard = "Sundhedsstyrelsen 2024: Kvalitetsstandarder for forebyggelsestilbud til borgere med kronisk sygdom"

    public func records(_ catalog: Catalog) -> [SOFTRecord] { rows(keyed(catalog)).map(\.record) }

    /// Each module's SOFT record with its CSV line and its JSON, made once per module.
    private func rows(_ keyed: [Keyed]) -> [SOFTRow] {
        Parallel.map(keyed) { module, municipality, key in
            memo.soft.value(key) { SOFTRow(SOFTRecord(module: module, municipality: municipality,
                                                          pageURL: address.url(module.pagePath, from: "eksport"),
                                                          today: today)) }
        }
    }

    /// Each module's FHIR entry, made once per module. Links only when absolute (see `FHIRExport.healthcareService`).
    private func fhirEntries(_ keyed: [Keyed]) -> [Piece] {
        let absolute = address.baseURL != nil
        return Parallel.map(keyed) { module, municipality, key in
            memo.fhir.value(key) {
                Piece(FHIRExport.entry(module, in: municipality, pageURL: absolute ? address.url(module.pagePath) : nil)
                    .rendered(indent: 4))
            }
        }
    }

    public func render(_ format: Format, _ catalog: Catalog) -> String {
        let keyed = keyed(catalog)
        let (pieces, assemble) = file(format, keyed, soft: Once { rows(keyed) }, fhir: Once { fhirEntries(keyed) })
        return assemble(pieces.map(\.text)).joined()
    }

    /// A format's pieces (one per module, kept in the memo) and how the file is put together from
    /// their texts, in parts (large exports are assembled without copying each byte several times).
    /// `soft`: the SOFT rows, made once for the files that need them; `fhir`: each module's FHIR entry.
    private func file(_ format: Format, _ keyed: [Keyed], soft: Once<[SOFTRow]>, fhir: Once<[Piece]>)
        -> ([Piece], @Sendable ([String]) -> [String]) {
        switch format {
        case .softCSV:
            return (soft.value.map(\.csvLine), { [CSV.document(header: SOFT.fields.map(\.name), lines: $0)] })
        case .softJSON:
            // `{"$schema", "standard", "tilbud": [...]}`, pretty and sorted, the records indented into place.
            return (soft.value.map(\.json), { records in
                let head: JSONValue = ["$schema": "soft.schema.json", "standard": .string(Self.softStandard)]
                let opening = String(head.rendered(pruning: false).dropLast(2)) + ",\n  \"tilbud\" : [\n"
                return [opening] + (records.isEmpty ? ["\n"] : records.interleaved(with: ",\n") + ["\n"]) + ["  ]\n}\n"]
            })
        case .softSchema:
            return ([], { _ in [SOFT.schema.rendered(pruning: false) + "\n"] })
        case .fhir:
            let entries = fhir.value
            // Each municipality's Organizations first, once, in catalog order.
            var seen: Set<String> = []
            let organisations = keyed.filter { seen.insert($0.municipality.slug).inserted }.flatMap { item in
                FHIRExport.organisationEntries(item.municipality).map { Piece($0.rendered(indent: 4)) }
            }
            return (organisations + entries, { FHIRExport.bundleText($0) + ["\n"] })
        case .atom:
            var seen: Set<String> = []
            let municipalities = keyed.map(\.municipality).filter { seen.insert($0.slug).inserted }
            let path = "eksport/nyt.atom"
            return feed(keyed, title: "Nye og ændrede forebyggelsestilbud",
                        id: AtomFeed.feedID(path: path, municipalities: municipalities, address: address), path: path)
        case .courses:
            // Few and small: made whole from the municipalities (whose fingerprints cover their courses).
            var seen: Set<String> = []
            let municipalities = keyed.map(\.municipality).filter { seen.insert($0.slug).inserted }
            let text = CourseExport.document(municipalities, pageURL: { address.url($0.pagePath, from: "eksport") }, today: today)
            return ([Piece(text)], { $0 })
        }
    }

    /// The export files: the catalog-wide formats, each municipality's feed and calendar. Each is keyed by
    /// its pieces, so a session makes again only the files whose pieces changed.
    public func outputs(_ catalog: Catalog) -> [GeneratedFile] {
        // A file's pieces are found once, for its key and then its bytes.
        func generated(_ path: String, _ file: @escaping @Sendable () -> ([Piece], @Sendable ([String]) -> [String])) -> GeneratedFile {
            let pieces = Once(file)
            return GeneratedFile(path: path, key: { fingerprint(path, pieces.value.0.map(\.hash)) }, make: {
                let (pieces, assemble) = pieces.value
                return assemble(pieces.map(\.text))
            })
        }
        // Every file's pieces come from the same keyed modules: found once for all of them, and the SOFT rows once for
        // the CSV, the JSON and the workbook.
        let keyed = keyed(catalog)
        let byMunicipality = Dictionary(grouping: keyed) { $0.municipality.slug }
        // The records every module gives are made here, across all cores; the files are put together
        // from them while the site is written (made lazily there, they were made on one core while
        // the other waited for them).
        let softRows = rows(keyed), fhirEntries = fhirEntries(keyed)
        let soft = Once { softRows }, fhir = Once { fhirEntries }
        // The SOFT records as a workbook too (identifiers as text cells, dates as dates), from the same rows.
        let workbook = GeneratedFile(path: "eksport/soft.xlsx", key: { fingerprint("eksport/soft.xlsx", soft.value.map(\.csvLine.hash)) },
                                     data: { XLSX.workbook(header: SOFT.fields.map(\.name),
                                                           rows: soft.value.map { $0.record.values.map(\.xlsxCell) }) })
        let formats = Format.allCases.map { format in
            generated("eksport/" + format.fileName) { file(format, keyed, soft: soft, fhir: fhir) }
        }
        return formats + [workbook]
            + catalog.municipalities.map { municipality in
                generated(feedPath(municipality)) {
                    feed(byMunicipality[municipality.slug] ?? [],
                         title: "Nye og ændrede forebyggelsestilbud i \(municipality.name)",
                         id: AtomFeed.feedID(path: feedPath(municipality), municipalities: [municipality], address: address),
                         path: feedPath(municipality))
                }
            }
            // A calendar for each municipality with team starts (whose page links to it).
            + catalog.municipalities.filter(\.hasTeamStarts).map { municipality in
                generated(municipality.calendarPath) { calendar(municipality, byMunicipality[municipality.slug] ?? []) }
            }
    }

    /// A municipality's team starts from today on as an iCalendar feed: a piece per module.
    private func calendar(_ municipality: Municipality, _ keyed: [Keyed]) -> ([Piece], @Sendable ([String]) -> [String]) {
        let head = ICalendar.head(name: "Holdstarter i \(municipality.name)")
        let events = keyed.map { module, _, key in
            memo.calendar.value(key) {
                Piece(ICalendar.events(module, today: today, pageURL: address.baseURL == nil ? nil : address.url(module.pagePath)))
            }
        }
        // The courses' own team starts too (few: made each time).
        let courses = municipality.courses.map { course in
            Piece(ICalendar.events(course, parts: municipality.parts(of: course), today: today,
                                   pageURL: address.baseURL == nil ? nil : address.url(course.pagePath)))
        }
        return ([Piece(head)] + events + courses, { texts in texts + [ICalendar.foot] })
    }

    /// An Atom feed of the catalog's modules, newest first, with each module's entry kept in the memo.
    private func feed(_ keyed: [Keyed], title: String, id: String, path: String) -> ([Piece], @Sendable ([String]) -> [String]) {
        let newestFirst = AtomFeed.sorted(keyed)
        let entries = newestFirst.map { module, municipality, key in
            memo.atom.value(key) {
                Piece(AtomFeed.entry(module, municipality, address.url(module.pagePath, from: "eksport"),
                                     id: AtomFeed.entryID(module, municipality, address: address)))
            }
        }
        let updated = newestFirst.first?.module.lastChanged
        let selfURL = address.url(path, from: address.baseURL == nil ? "eksport" : "")
        return ([Piece(title + id + selfURL + (updated ?? ""))] + entries, { texts in
            [AtomFeed.feed(title: title, id: id, selfURL: selfURL, updated: updated, entries: Array(texts.dropFirst()))]
        })
    }

    func feedPath(_ municipality: Municipality) -> String { "eksport/\(municipality.slug).atom" }
}

/// What the exports keep between the builds of a session: each module's SOFT record, FHIR entry
/// and Atom entry, under the module, its municipality and the site's address.
public final class ExportMemo: Sendable {
    let soft: Memo<SOFTRow>
    let fhir: Memo<Piece>
    let atom: Memo<Piece>
    let calendar: Memo<Piece>
    private let group: MemoGroup

    /// `keeps`: keep values for the session's next build (false for a build that is not kept).
    public init(keeps: Bool = true) {
        let group = MemoGroup(keeps: keeps)
        self.group = group
        soft = group.memo()
        fhir = group.memo()
        atom = group.memo()
        calendar = group.memo()
    }

    /// Ends a build: drops what it did not use.
    public func endBuild() { group.endBuild() }
}

/// A module's SOFT record as the CSV and the JSON write it.
struct SOFTRow: Sendable {
    let record: SOFTRecord
    let csvLine: Piece
    /// Indented to its place in `soft.json`'s list.
    let json: Piece

    init(_ record: SOFTRecord) {
        self.record = record
        csvLine = Piece(record.csvLine)
        json = Piece("    " + record.json.rendered(pruning: false, indent: 4))
    }
}
