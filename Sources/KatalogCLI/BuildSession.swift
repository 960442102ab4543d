import Foundation
import KatalogCore
import KatalogExport
import KatalogLoad
import KatalogRules
import KatalogSite
import KatalogWrite

/// The build, load → validate → render → export → write, keeping what it computed between runs.
///
/// The first build (and every `katalog build`) writes a complete new site beside the old one and
/// swaps it in. Later builds of the same session (`katalog serve`, `katalog build --watch`) are
/// incremental: they parse only files that changed, check only modules whose sources changed,
/// render only pages whose view model changed, and write only files whose bytes changed. What a
/// page shows is in its view model, so "its view is unchanged" is exactly "it need not be rendered".
public final class BuildSession: @unchecked Sendable {
    public let options: Pipeline.Options
    private let loadCache = LoadCache()
    /// Module views, compliance views, findings and export records, by fingerprint of their sources
    /// (nil for a session that builds once: keeping them would only cost time and memory).
    private let fragments: FragmentCache?
    /// What the output folder holds, as this session wrote it.
    private var written: [String: Written] = [:]
    /// The parsed templates, by a fingerprint of their files (parsed again only when one changes).
    private var renderer: (key: Int, value: SiteRenderer)?
    private var output: FolderIdentity?
    /// The output's marker as this session last wrote it.
    private var markerStamp: MarkerStamp?

    struct MarkerStamp: Equatable {
        let inode: UInt
        let size: Int
        let modified: Int
        let nanoseconds: Int

        static func of(_ path: String) -> MarkerStamp? {
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            return MarkerStamp(inode: UInt(info.st_ino), size: Int(info.st_size), modified: info.st_mtim.tv_sec, nanoseconds: info.st_mtim.tv_nsec)
        }
    }

    struct Written {
        /// Fingerprint of the page's view model (nil for files that are not pages).
        var view: Int?
        /// Hash of the bytes.
        var bytes: Int
        /// The page's input key (see `SiteRenderer.PageJob.inputKey`), when it has one.
        var input: Int? = nil
    }

    struct FolderIdentity: Equatable {
        let device: UInt
        let inode: UInt

        static func of(_ path: String) -> FolderIdentity? {
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
            return FolderIdentity(device: UInt(info.st_dev), inode: UInt(info.st_ino))
        }
    }

    /// A hash of all of the bytes (Data's own hash need not read them all).
    static func hash(_ data: Data) -> Int {
        var hasher = Hasher()
        data.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }

    /// Writes the output folder; never the content or templates folder, nor one that contains them.
    private var writer: SiteWriter { SiteWriter(output: options.output, protecting: [options.content, options.templates]) }

    /// `remembers`: keep what builds compute for the next build (`serve`, `build --watch`).
    public init(options: Pipeline.Options, remembers: Bool = true) {
        self.options = options
        self.fragments = remembers ? FragmentCache() : nil
    }

    /// Builds the site. `incremental`: update the output in place, touching only what changed
    /// (falls back to a complete build the first time, or when the output folder was replaced).
    public func build(incremental: Bool = false) throws(Pipeline.Failure) -> Pipeline.Report {
        var timings: [(String, Double)] = []
        var clock = Date()
        func lap(_ stage: String) {
            timings.append((stage, Date().timeIntervalSince(clock)))
            clock = Date()
        }
        fragments?.begin()
        // A complete build stages its new site from the start: the output folder is checked
        // (`OutputFolder`) before anything else is done, and nothing is touched if it is refused.
        // In place only into the folder this session wrote, with its marker as the session left it
        // (a folder emptied or replaced meanwhile gets a complete build, checked as any other).
        let inPlace = incremental && output != nil && FolderIdentity.of(options.output) == output
            && markerStamp != nil && MarkerStamp.of(options.output + "/" + OutputFolder.marker) == markerStamp
        var staging: SiteWriter.Staging? = nil
        if !inPlace {
            do { staging = try writer.begin() } catch { throw .output(error.description) }
        }
        var finished = false
        defer { if !finished { staging?.discard() } }
        let loaded: ContentLoader.Loaded
        do { loaded = try ContentLoader().read(root: options.content, cache: loadCache) } catch { throw .noCatalog(error) }
        let catalog = loaded.catalog
        lap("indlæs")
        // A file that cannot be read as written is an error like a broken krav: the site is built
        // only without errors, or as a preview (--allow-errors) of whatever loaded.
        let findings = Pipeline.findings(loaded, Validator(lixLimit: options.lixLimit), cache: fragments)
        lap("tjek")
        if !options.allowErrors, findings.contains(where: { $0.severity == .error }) {
            throw .findings(findings, modules: catalog.modules.count)
        }
        let source: (files: [String: Data], origin: String)
        do {
            let folder = try TemplateFiles.read(options.templates)
            source = folder.map { ($0, options.templates) } ?? (SiteRenderer.defaultFiles, "(indbyggede skabeloner)")
        } catch { throw .input(error) }
        let sourceKey = fingerprint(source.origin, source.files)
        let previous = self.renderer?.value.templatesFingerprint
        let renderer: SiteRenderer
        if let kept = self.renderer, kept.key == sourceKey {
            renderer = kept.value
        } else {
            do { renderer = try SiteRenderer(files: source.files, origin: source.origin) } catch { throw .input(error) }
            self.renderer = (sourceKey, renderer)
        }
        if renderer.templatesFingerprint != previous {
            // Other templates: every page must be rendered again.
            for path in written.keys { written[path]?.view = nil; written[path]?.input = nil }
        }
        lap("skabeloner")
        let exporter = Exporter(baseURL: options.baseURL, cache: fragments)
        let plan = renderer.plan(catalog, findings: findings, lixLimit: options.lixLimit,
                                 structuredData: exporter.structuredData(catalog), cache: fragments)
        var files = plan.files
        for asset in catalog.assets {
            files[asset.path] = files[asset.path] ?? FileManager.default.contents(atPath: asset.source)
        }
        let generated = plan.generated + exporter.outputs(catalog)
        lap("planlæg")

        let outcome = if let staging { try replace(plan, files, generated, renderer, into: staging) } else { try update(plan, files, generated, renderer) }
        finished = true
        lap(inPlace ? "skriv ændringer" : "generér, skriv")
        fragments?.sweep()
        // What this build planned is released on another thread: thousands of page jobs and views
        // take a while to free, and the output is complete already.
        let planned = (plan, files, generated, renderer)
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(planned) {} }
        return Pipeline.Report(catalog: catalog, findings: findings, fileCount: plan.pages.count + files.count + generated.count,
                               timings: timings, parsed: loadCache.parsedLastTime,
                               rendered: outcome.rendered, written: outcome.written)
    }

    /// A complete new output folder, swapped in when everything is written. Pages are written as
    /// they are rendered (in parallel), so the site is never held in memory as a whole.
    private func replace(_ plan: SiteRenderer.Plan, _ files: [String: Data], _ generated: [GeneratedFile], _ renderer: SiteRenderer,
                         into staging: SiteWriter.Staging) throws(Pipeline.Failure) -> (rendered: Int, written: Int) {
        let results = Parallel.map(plan.pages) { job -> Result<Written, SiteWriter.Failure> in
            let page = job.prepare()
            let data = renderer.render(page)
            do throws(SiteWriter.Failure) { try staging.write(job.path, data) } catch { return .failure(error) }
            // Only a session that builds again compares bytes with what it wrote.
            return .success(Written(view: page.fingerprint, bytes: fragments == nil ? 0 : Self.hash(data), input: job.inputKey))
        }
        let made = Parallel.map(generated) { file -> Result<Written, SiteWriter.Failure> in
            do throws(SiteWriter.Failure) { try staging.write(file.path, parts: file.make()) } catch { return .failure(error) }
            return .success(Written(view: file.fingerprint, bytes: 0))
        }
        var record: [String: Written] = [:]
        do throws(SiteWriter.Failure) {
            for (job, result) in zip(plan.pages, results) { record[job.path] = try result.get() }
            for (file, result) in zip(generated, made) { record[file.path] = try result.get() }
            for (path, data) in files.sorted(by: { $0.key < $1.key }) {
                try staging.write(path, data)
                record[path] = Written(view: nil, bytes: fragments == nil ? 0 : Self.hash(data))
            }
            try staging.commit()
        } catch {
            staging.discard()
            throw .output(error.description)
        }
        written = record
        output = FolderIdentity.of(options.output)
        markerStamp = MarkerStamp.of(options.output + "/" + OutputFolder.marker)
        return (plan.pages.count, staging.written)
    }

    /// Updates the output folder in place: renders pages whose view changed, writes files whose
    /// bytes changed, deletes files the site no longer has.
    private func update(_ plan: SiteRenderer.Plan, _ files: [String: Data], _ generated: [GeneratedFile], _ renderer: SiteRenderer)
        throws(Pipeline.Failure) -> (rendered: Int, written: Int) {
        let previous = written
        let results = Parallel.map(plan.pages) { job -> (Written, Data?, rendered: Bool) in
            // Same inputs: the page is what it was, without building it. Else build its view model;
            // same view model: the page is what it was, without rendering it.
            if let key = job.inputKey, let old = previous[job.path], old.input == key { return (old, nil, false) }
            let page = job.prepare()
            if var old = previous[job.path], old.view == page.fingerprint {
                old.input = job.inputKey
                return (old, nil, false)
            }
            let data = renderer.render(page)
            let hash = Self.hash(data)
            return (Written(view: page.fingerprint, bytes: hash, input: job.inputKey), previous[job.path]?.bytes == hash ? nil : data, true)
        }
        var record: [String: Written] = [:]
        var changed: [String: Data] = [:]
        var changedParts: [String: [String]] = [:]
        for (job, result) in zip(plan.pages, results) {
            record[job.path] = result.0
            if let data = result.1 { changed[job.path] = data }
        }
        let stale = generated.filter { previous[$0.path]?.view != $0.fingerprint }
        let made = Parallel.map(stale) { $0.make() }
        for file in generated { record[file.path] = Written(view: file.fingerprint, bytes: 0) }
        for (file, parts) in zip(stale, made) { changedParts[file.path] = parts }
        for (path, data) in files {
            let hash = Self.hash(data)
            record[path] = Written(view: nil, bytes: hash)
            if previous[path]?.bytes != hash { changed[path] = data }
        }
        let removed = previous.keys.filter { record[$0] == nil }
        do { try writer.update(changed: changed, parts: changedParts, removed: removed, files: record.keys, previous: Set(previous.keys)) } catch {
            // The folder may now be partly updated: the next build replaces it completely.
            output = nil
            throw .output(error.description)
        }
        written = record
        markerStamp = MarkerStamp.of(options.output + "/" + OutputFolder.marker)
        return (results.filter(\.rendered).count, changed.count + changedParts.count)
    }
}
