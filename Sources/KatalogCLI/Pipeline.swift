import Foundation
import KatalogCore
import KatalogExport
import KatalogLoad
import KatalogRules
import KatalogSite
import KatalogWrite

/// The build as a readable sequence of named stages: load → parse → render → write.
/// (Validation and exports plug in between render and write.)
public struct Pipeline: Sendable {
    public struct Options: Sendable {
        public var content: String
        public var output: String
        public var templates: String
        /// Publish even when the catalog breaks a krav (a preview for authors).
        public var allowErrors: Bool
        public var lixLimit: Int?
        /// The site's public address, for absolute links in exports and feeds.
        public var baseURL: String?
        public init(content: String = "Content", output: String = "Site", templates: String = "Templates",
                    allowErrors: Bool = false, lixLimit: Int? = nil, baseURL: String? = nil) {
            self.baseURL = baseURL
            self.content = content
            self.output = output
            self.templates = templates
            self.allowErrors = allowErrors
            self.lixLimit = lixLimit
        }
    }

    public enum Failure: Error {
        /// The content or templates have problems an author must fix.
        case input(InputErrors)
        /// The catalog breaks the quality standard (and `allowErrors` is off).
        case findings([Finding], modules: Int)
        /// The output could not be written.
        case output(String)
    }

    public struct Report: Sendable {
        public let catalog: Catalog
        public let findings: [Finding]
        public let fileCount: Int
        public let timings: [(stage: String, seconds: Double)]
    }

    public let options: Options
    public init(options: Options) { self.options = options }

    public func load() throws(Failure) -> Catalog {
        do { return try ContentLoader().load(root: options.content) } catch { throw .input(error) }
    }

    public func build() throws(Failure) -> Report {
        var timings: [(String, Double)] = []
        var clock = Date()
        func lap(_ stage: String) {
            timings.append((stage, Date().timeIntervalSince(clock)))
            clock = Date()
        }
        let catalog = try load()
        lap("indlæs")
        let findings = Validator(lixLimit: options.lixLimit).validate(catalog)
        lap("tjek")
        if !options.allowErrors, findings.contains(where: { $0.severity == .error }) {
            throw .findings(findings, modules: catalog.modules.count)
        }
        let renderer: SiteRenderer
        do { renderer = try SiteRenderer(templates: options.templates) } catch { throw .input(error) }
        lap("skabeloner")
        let exporter = Exporter(baseURL: options.baseURL)
        var files = renderer.render(catalog, findings: findings, lixLimit: options.lixLimit,
                                    structuredData: exporter.structuredData(catalog))
        lap("generér")
        files.merge(exporter.files(catalog)) { site, _ in site }
        for asset in catalog.assets {
            files[asset] = files[asset] ?? FileManager.default.contents(atPath: catalog.root + "/" + asset)
        }
        lap("eksport")
        do { try SiteWriter(output: options.output).publish(files) } catch { throw .output(error.description) }
        lap("skriv")
        return Report(catalog: catalog, findings: findings, fileCount: files.count, timings: timings)
    }
}
