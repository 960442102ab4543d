import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import KatalogCore
import KatalogSupport
import KatalogExport
import KatalogLoad
import KatalogRules
import KatalogSite

/// libFuzzer entry: any bytes as a module file and as a kommune.yml, through the whole path a
/// module takes: front-matter parsing, Markdown, the validator, every page the site renders from
/// it (with the built-in templates) and every export. Input errors are expected; crashes, hangs
/// and sanitizer reports are bugs, and so is an output that is not well-formed (`OutputChecks`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    let fuzzed = try? MunicipalityParser.parse(data: bytes, file: "fuzz/kommune.yml", slug: "fuzz")
    guard let module = try? ModuleParser.parse(data: bytes, file: "fuzz/modul.md", municipality: "fuzz") else {
        if let fuzzed { _ = Validator().validate(Catalog(root: "fuzz", municipalities: [fuzzed])) }
        return 0
    }
    // The module in a municipality whose kommune.yml is valid, so that every page and export is made.
    let municipality = Municipality(slug: "fuzz", file: "fuzz/kommune.yml", fields: FuzzSite.municipality.fields, modules: [module])
    let catalog = Catalog(root: "fuzz", municipalities: [municipality])
    let findings = Validator().validate(catalog)
    let address = SiteAddress(baseURL: "https://sundhed.example.dk/tilbud/")
    let memo = SiteMemo()
    let site = FuzzSite.renderer.site(catalog, findings: findings, address: address, memo: memo)
    for page in site.pages { OutputChecks.check(page.path, FuzzSite.renderer.render(page)) }
    for file in site.searchFiles + [site.overviewCSV] + Exporter(address: address).outputs(catalog) {
        if let data = file.data {
            OutputChecks.checkZip(file.path, data())
        } else {
            OutputChecks.check(file.path, Data(file.make().joined().utf8))
        }
    }
    return 0
}

enum FuzzSite {
    static let renderer = try! SiteRenderer(files: SiteRenderer.defaultFiles, origin: "(indbyggede skabeloner)")
    static let municipality = try! MunicipalityParser.parse(data: Data("""
        navn: Fuzzby Kommune
        kommunekode: "0999"
        eksempeldata: true
        kontakt:
          telefon: 11 22 33 44
        tilgængelighedserklæring: https://was.digst.dk/fuzzby
        """.utf8), file: "fuzz/kommune.yml", slug: "fuzz")
    /// How many script elements the templates themselves put on a module page: content adds none.
    static let scripts = 2
}

/// What every output must be, whatever the content: free of control characters, JSON that
/// parses, XML that parses, pages whose script elements are only the templates' own.
enum OutputChecks {
    /// A binary export (`soft.xlsx`): a ZIP that starts with a local file header and ends with its
    /// end-of-central-directory record (PK\u{3}\u{4} … PK\u{5}\u{6} and 18 bytes).
    static func checkZip(_ path: String, _ data: Data) {
        let bytes = [UInt8](data)
        guard bytes.count >= 22, bytes.prefix(4) == [0x50, 0x4B, 0x03, 0x04],
              bytes[(bytes.count - 22)...].prefix(4) == [0x50, 0x4B, 0x05, 0x06] else { fatalError("\(path): not a ZIP archive") }
    }

    static func check(_ path: String, _ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        // CSV and iCalendar lines end in CRLF on purpose (RFC 4180 and Excel, RFC 5545); nothing else has a CR.
        let crlf = path.hasSuffix(".csv") || path.hasSuffix(".ics")
        let lines = crlf ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
        if path.hasSuffix(".ics") {
            // Every line ends in CRLF and is folded at 75 octets (RFC 5545, 3.1).
            let physical = text.components(separatedBy: "\r\n")
            guard physical.last == "", physical.allSatisfy({ !$0.contains("\n") && $0.utf8.count <= 75 }) else {
                fatalError("\(path): a line without CRLF or longer than 75 octets")
            }
        }
        if let bad = ControlCharacters.first(in: lines, allowingTab: true) {
            fatalError("\(path): \(ControlCharacters.name(bad.scalar)) at \(bad.line):\(bad.column)")
        }
        if path.hasSuffix(".json") {
            guard (try? JSONSerialization.jsonObject(with: data)) != nil else { fatalError("\(path): not JSON") }
        }
        if path.hasSuffix(".atom") {
            let parser = XMLParser(data: data)
            guard parser.parse() else { fatalError("\(path): not well-formed XML: \(String(describing: parser.parserError))") }
        }
        if path.hasSuffix(".html") {
            let lower = text.lowercased()
            let opened = lower.components(separatedBy: "<script").count - 1
            let closed = lower.components(separatedBy: "</script").count - 1
            guard opened == closed, opened <= FuzzSite.scripts else { fatalError("\(path): \(opened) <script, \(closed) </script") }
            guard !lower.contains("javascript:") else { fatalError("\(path): javascript: link") }
        }
    }
}

// SwiftPM links an executable target with `main` defined as `<module>_main`; we hand control to
// libFuzzer's driver from there.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@_cdecl("katalog_fuzz_main")
public func katalogFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        guard let data else { return 0 }
        return fuzzOneInput(data, size)
    }
}
