import Foundation
import KatalogCore
import KatalogExport
import KatalogLoad
import KatalogRules
import KatalogSite
import KatalogSupport
import KatalogWrite

/// A stage of the build: a value with a typed input and output. The build is these stages in
/// order (`BuildSession.build`): load → validate → render → export → write.
public protocol Stage: Sendable {
    associatedtype Input
    associatedtype Output
    func run(_ input: Input) throws(BuildFailure) -> Output
}

/// Why a build stopped.
public enum BuildFailure: Error {
    /// There is no catalog to read: the content folder is missing or holds no municipality folders.
    case noCatalog(InputErrors)
    /// The templates have problems the municipality must fix.
    case input(InputErrors)
    /// The catalog has errors: files that cannot be read as written, or krav of the quality
    /// standard it breaks (and the build does not allow errors).
    case findings([Finding], modules: Int)
    /// The output could not be written.
    case output(String)
}

/// The catalog as it loaded and every finding: the problems of reading it and the rules it breaks.
public struct Checked: Sendable {
    public let loaded: ContentLoader.Loaded
    public let findings: [Finding]
    public var catalog: Catalog { loaded.catalog }
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }
}

/// Load: the content folder into a catalog. The session's cache parses only files that changed.
public struct LoadStage: Stage {
    let content: String
    let cache: LoadCache

    public func run(_: Void) throws(BuildFailure) -> ContentLoader.Loaded {
        do { return try ContentLoader().read(root: content, cache: cache) } catch { throw .noCatalog(error) }
    }
}

/// Validate: the standard's rules over the catalog, and over the modules it could not place (a
/// file hidden by a name that collides is still checked).
public struct ValidateStage: Stage {
    let validator: Validator
    let memo: ValidationMemo

    public func run(_ loaded: ContentLoader.Loaded) -> Checked {
        let unplaced = loaded.unplaced.flatMap { validator.validate($0.module, in: $0.municipality,
            disabled: validator.optOuts($0.municipality).0) }
        return Checked(loaded: loaded, findings: Self.findings(loaded, validator.validate(loaded.catalog, memo: memo) + unplaced))
    }

    /// The problems of reading a catalog, as findings, with the validator's findings, in order.
    /// A value that could not be read is reported once: a rule's finding on the same line (the
    /// field it needs is missing because of it) would only say it again.
    static func findings(_ loaded: ContentLoader.Loaded, _ validated: [Finding]) -> [Finding] {
        guard !loaded.problems.isEmpty else { return validated }
        let unreadable = Set(loaded.problems.filter { $0.rule == "FELT" }.map { "\($0.location.file):\($0.location.line)" })
        let kept = validated.filter { !unreadable.contains("\($0.location.file):\($0.location.line)") }
        return (loaded.problems.map(Finding.input) + kept).sorted(by: Finding.ordered)
    }
}

/// Render: the site's pages (each made when the writer asks for its bytes), the templates'
/// assets, the search index and the files modules link to.
public struct RenderStage: Stage {
    let renderer: SiteRenderer
    let lixLimit: Int?
    let address: SiteAddress
    let memo: SiteMemo

    public func run(_ checked: Checked) -> [OutputFile] {
        let site = renderer.site(checked.catalog, findings: checked.findings, lixLimit: lixLimit, address: address, memo: memo)
        let renderer = self.renderer
        return site.pages.map { page in OutputFile(path: page.path, key: { page.key }) { renderer.render(page) } }
            + site.assets.sorted { $0.key < $1.key }.map { path, data in OutputFile(path: path) { data } }
            + site.searchFiles.map(OutputFile.init)
            + [OutputFile(site.overviewCSV)]
            + checked.catalog.assets.filter { site.assets[$0.path] == nil }.map { asset in
                OutputFile(path: asset.path) { FileManager.default.contents(atPath: asset.source) ?? Data() }
            }
    }
}

/// Export: the files for GPs and systems under `eksport/`.
public struct ExportStage: Stage {
    let exporter: Exporter

    public func run(_ checked: Checked) -> [OutputFile] {
        exporter.outputs(checked.catalog).map(OutputFile.init)
    }
}
