import Foundation
import KatalogCore
import KatalogExport
import KatalogLoad
import KatalogRules
import KatalogSite
import KatalogSupport
import KatalogWrite

/// The build's settings.
public struct BuildOptions: Sendable {
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
        self.content = content
        self.output = output
        self.templates = templates
        self.allowErrors = allowErrors
        self.lixLimit = lixLimit
        self.baseURL = baseURL
    }
}

/// What a build did.
public struct BuildReport: Sendable {
    public let catalog: Catalog
    public let findings: [Finding]
    /// Files of the site.
    public let fileCount: Int
    public let timings: [(stage: String, seconds: Double)]
    /// Files parsed (not reused from the session's previous build).
    public let parsed: Int
    /// Pages rendered, and files written, by this build.
    public let rendered: Int
    public let written: Int
}

/// The build, load → validate → render → export → write, and what it keeps between the builds of
/// a session (`katalog serve`, `katalog build --watch`): the load cache (files parsed only when
/// they change), each stage's memo (what it derived from each module, under the module's
/// content) and what the writer wrote (a page is rendered again only when what it shows changed,
/// a file written again only when its bytes changed).
public final class BuildSession: @unchecked Sendable {
    public let options: BuildOptions
    private let load: LoadStage
    private let validation: ValidationMemo
    private let site: SiteMemo
    private let exports: ExportMemo
    private let write: WriteStage
    /// The parsed templates, by a fingerprint of their files (parsed again only when one changes).
    private var renderer: (key: Int, value: SiteRenderer)?

    /// `remembers`: keep what builds compute for the next build (`serve`, `build --watch`).
    public init(options: BuildOptions, remembers: Bool = true) {
        self.options = options
        self.load = LoadStage(content: options.content, cache: LoadCache())
        validation = ValidationMemo(keeps: remembers)
        site = SiteMemo(keeps: remembers)
        exports = ExportMemo(keeps: remembers)
        // Writes the output folder; never the content or templates folder, nor one that contains them.
        self.write = WriteStage(writer: SiteWriter(output: options.output, protecting: [options.content, options.templates]),
            remembers: remembers)
    }

    /// Builds the site. `incremental`: update the output in place, touching only what changed
    /// (a complete build the first time, or when the output folder was replaced).
    public func build(incremental: Bool = false) throws(BuildFailure) -> BuildReport {
        var timings: [(String, Double)] = []
        var clock = Date()
        func lap(_ stage: String) {
            timings.append((stage, Date().timeIntervalSince(clock)))
            clock = Date()
        }
        let target = try write.prepare(incremental: incremental)
        var finished = false
        defer {
            if !finished, case .complete(let staging) = target { staging.discard() }
        }
        let loaded = try load.run(())
        lap("indlæs")
        // A file that cannot be read as written is an error like a broken krav: the site is built
        // only without errors, or as a preview (--allow-errors) of whatever loaded.
        let checked = ValidateStage(validator: Validator(lixLimit: options.lixLimit), memo: validation).run(loaded)
        lap("tjek")
        if !options.allowErrors, checked.hasErrors {
            throw .findings(checked.findings, modules: checked.catalog.modules.count)
        }
        let address = SiteAddress(baseURL: options.baseURL)
        let renderer = try templates()
        renderer.startBuild()
        let pages = RenderStage(renderer: renderer, lixLimit: options.lixLimit, address: address, memo: site).run(checked)
        lap("sider")
        let exported = ExportStage(exporter: Exporter(address: address, memo: exports)).run(checked)
        lap("eksport")
        let files = pages + exported
        // A template that would never finish is stopped where it stands; then no page is published.
        let outcome = try write.run((files, target)) { () throws(BuildFailure) in
            let stopped = renderer.stoppedTemplates
            if !stopped.isEmpty { throw .input(InputErrors(stopped)) }
        }
        finished = true
        lap(incremental ? "skriv ændringer" : "generér, skriv")
        validation.endBuild()
        site.endBuild()
        exports.endBuild()
        // What this build planned is released on another thread: thousands of pages take a while
        // to free, and the output is complete already.
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(files) {} }
        return BuildReport(catalog: checked.catalog, findings: checked.findings, fileCount: files.count, timings: timings,
                           parsed: load.cache.parsedLastTime, rendered: outcome.rendered, written: outcome.written)
    }

    /// The templates folder (or the built-in templates), parsed again only when a file changed.
    private func templates() throws(BuildFailure) -> SiteRenderer {
        let source: (files: [String: Data], origin: String)
        do {
            let folder = try TemplateFiles.read(options.templates)
            source = folder.map { ($0, options.templates) } ?? (SiteRenderer.defaultFiles, "(indbyggede skabeloner)")
        } catch { throw .input(error) }
        let key = fingerprint(source.origin, source.files)
        if let kept = renderer, kept.key == key { return kept.value }
        do {
            let parsed = try SiteRenderer(files: source.files, origin: source.origin)
            renderer = (key, parsed)
            return parsed
        } catch { throw .input(error) }
    }

    /// The catalog and every finding, without writing anything (`katalog check`). A session that
    /// checks again (`check --watch`) parses only changed files and checks only changed modules.
    public func check() throws(BuildFailure) -> Checked {
        let checked = ValidateStage(validator: Validator(lixLimit: options.lixLimit), memo: validation).run(try load.run(()))
        validation.endBuild()
        return checked
    }
}

extension Checked {
    /// One export of the catalog (`katalog export`).
    public func export(_ format: Exporter.Format, baseURL: String?) -> String {
        Exporter(address: SiteAddress(baseURL: baseURL)).render(format, catalog)
    }
}

/// The build once (`katalog build`, `katalog check`, tests): a session that keeps nothing.
public struct Pipeline: Sendable {
    public typealias Options = BuildOptions
    public typealias Failure = BuildFailure

    public let options: BuildOptions
    public init(options: BuildOptions) { self.options = options }

    public func build() throws(BuildFailure) -> BuildReport { try BuildSession(options: options, remembers: false).build() }
    public func check() throws(BuildFailure) -> Checked { try BuildSession(options: options, remembers: false).check() }
}
