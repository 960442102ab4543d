import ArgumentParser
import Foundation
import KatalogCore
import KatalogExport
import KatalogLoad
import KatalogRules
import KatalogSite
import KatalogWrite

/// The build's settings and its one-shot form. The stages, load → validate → render → export →
/// write, are in `BuildSession`, which also keeps what they computed for incremental rebuilds.
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
        /// There is no catalog to read: the content folder is missing or holds no municipality folders.
        case noCatalog(InputErrors)
        /// The templates have problems the municipality must fix.
        case input(InputErrors)
        /// The catalog has errors: files that cannot be read as written, or krav of the quality
        /// standard it breaks (and `allowErrors` is off).
        case findings([Finding], modules: Int)
        /// The output could not be written.
        case output(String)
    }

    public struct Report: Sendable {
        public let catalog: Catalog
        public let findings: [Finding]
        public let fileCount: Int
        public let timings: [(stage: String, seconds: Double)]
        /// Files parsed (not reused from the session's previous build).
        public var parsed = 0
        /// Pages rendered, and files written, by this build.
        public var rendered = 0
        public var written = 0
    }

    public let options: Options
    public init(options: Options) { self.options = options }

    /// The catalog as it loads, and every finding: the problems of reading it and the rules it breaks.
    public func check(cache: LoadCache? = nil, findings: FragmentCache? = nil) throws(Failure) -> (catalog: Catalog, findings: [Finding]) {
        let loaded: ContentLoader.Loaded
        do { loaded = try ContentLoader().read(root: options.content, cache: cache) } catch { throw .noCatalog(error) }
        return (loaded.catalog, Self.findings(loaded, Validator(lixLimit: options.lixLimit), cache: findings))
    }

    /// Every finding of a loaded catalog: its problems and the rules, over the catalog and over the
    /// modules it could not place (a file hidden by a name that collides is still checked).
    static func findings(_ loaded: ContentLoader.Loaded, _ validator: Validator, cache: FragmentCache?) -> [Finding] {
        let unplaced = loaded.unplaced.flatMap { validator.validate($0.module, in: $0.municipality, disabled: validator.optOuts($0.municipality).0) }
        return findings(loaded, validator.validate(loaded.catalog, cache: cache) + unplaced)
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

    /// A complete build: the first build of a new session.
    public func build() throws(Failure) -> Report {
        try BuildSession(options: options, remembers: false).build()
    }
}

/// `--lix N`: the highest LIX for citizen text, as `lix-grænse` in kommune.yml allows it.
enum LIXOption {
    static func validate(_ value: Int?) throws {
        if let value, !(1...100).contains(value) { throw ValidationError("--lix skal være et tal fra 1 til 100") }
    }
}

/// `--base-url`: the site's public address, which exports and feeds put in front of every link,
/// so only an absolute http(s) address with a host (never `javascript:`, `data:` or a relative path).
enum BaseURL {
    static let rule = "--base-url skal være en webadresse, der starter med https:// (eller http://) og har et domæne, uden ? og #, fx https://sundhed.fjordby.dk/tilbud/"

    static func isValid(_ text: String) -> Bool {
        guard !text.contains(where: { $0.isWhitespace || "\"<>\\`".contains($0) }), ControlCharacters.first(in: text, allowingTab: false) == nil,
              let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty,
              components.query == nil, components.fragment == nil, components.user == nil else { return false }
        return true
    }

    /// For `validate()` of a command: nil and "" mean no base URL (an unset CI variable).
    static func validate(_ text: String?) throws {
        if let text, !text.isEmpty, !isValid(text) { throw ValidationError(rule) }
    }
}
