import KatalogSupport

/// The Markdown body of a module after parsing: safe HTML plus what checks need.
public struct Body: Sendable, Hashable {
    public struct Link: Sendable, Hashable {
        public let destination: String
        public let line: Int
        public let column: Int
        public init(destination: String, line: Int, column: Int) {
            self.destination = destination
            self.line = line
            self.column = column
        }
    }

    public var markdown: String
    public var html: String
    /// Citizen prose (paragraphs only, no headings or lists), for readability (LIX).
    public var prose: String
    public var links: [Link]
    /// Lines (in the file) of paragraphs that look like Markdown pipe tables, which libcmark does not render.
    public var pipeTableLines: [Int]
    public var wordCount: Int
    /// The file line where the body starts.
    public var firstLine: Int = 1

    public init(markdown: String, html: String, prose: String, links: [Link], pipeTableLines: [Int], wordCount: Int) {
        self.markdown = markdown
        self.html = html
        self.prose = prose
        self.links = links
        self.pipeTableLines = pipeTableLines
        self.wordCount = wordCount
    }
}

/// One intervention module: one Markdown file under `Content/<kommune>/`. Immutable; a class so
/// that the many lists, views and caches that refer to a module share it rather than copy it.
public final class Module: Sendable, Identifiable {
    /// `<kommune>/<slug>`, stable across builds; used in URLs and exports.
    public let id: String
    public let municipalitySlug: String
    public let slug: String
    /// Path as the author sees it, e.g. `Content/fjordby/traening-paa-hold.md`.
    public let file: String
    /// Where the opening `---` of the front matter is: findings about missing keys point here.
    public let frontMatter: SourceLocation
    public let fields: FieldTable
    public let intervention: Intervention
    public let variant: Variant?
    public let body: Body
    /// A fingerprint of the module's file: its path and bytes, set by the loader (or, for a module
    /// made in code, of its content). Equal fingerprints, equal module (within one process): a
    /// session keeps what it derived from a module under it.
    public let fingerprint: Int

    public init(id: String, municipalitySlug: String, slug: String, file: String, frontMatter: SourceLocation,
                fields: FieldTable, intervention: Intervention, variant: Variant?, body: Body, fingerprint: Int? = nil) {
        self.fingerprint = fingerprint ?? KatalogSupport.fingerprint(file, id, fields, body.markdown)
        self.title = fields.text(ModuleKey.title) ?? slug
        self.summary = fields.text(ModuleKey.summary) ?? ""
        self.updated = fields.text(ModuleKey.updated) ?? ""
        self.diagnoses = fields.list(ModuleKey.diagnoses)
        self.forms = fields.list(ModuleKey.forms)
        self.formats = fields.list(ModuleKey.formats)
        self.timesOfDay = fields.list(ModuleKey.timesOfDay)
        self.elements = fields.list(ModuleKey.elements)
        self.staff = fields.list(ModuleKey.staff)
        self.selfReferral = fields.bool(ModuleKey.selfReferral) ?? false
        self.directAccess = fields.bool(ModuleKey.directAccess) ?? false
        self.referralSources = fields.list(ModuleKey.referralSources)
        self.price = fields.text(ModuleKey.price).map(Price.init)
        self.titleKey = DanishCollation.key(title)
        self.readability = LIX(summary + "\n" + body.prose)
        self.id = id
        self.municipalitySlug = municipalitySlug
        self.slug = slug
        self.file = file
        self.frontMatter = frontMatter
        self.fields = fields
        self.intervention = intervention
        self.variant = variant
        self.body = body
    }

    // Read once, when the module is loaded: lists, views and checks read them thousands of times.
    public let title: String
    public let summary: String
    public let updated: String
    public let diagnoses: [String]
    public let forms: [String]
    public let formats: [String]
    public let timesOfDay: [String]
    public let elements: [String]
    public let staff: [String]
    /// The module says the citizen may come without a referral (`egen-henvendelse: true`).
    public let selfReferral: Bool
    /// The module says the citizen may start without an afklarende samtale (`direkte: true`).
    public let directAccess: Bool
    public let referralSources: [String]
    /// The price as the module states it; nil when it does not (never a default).
    public let price: Price?

    /// The title's Danish collation key, for sorting lists (see `DanishCollation`).
    public let titleKey: [UInt32]
    /// The readability (LIX) of the citizen text: the summary and the prose of the body.
    public let readability: LIX

    /// FSIII codes: the declared ones, else the defaults of the intervention and variant.
    public var fsiii: [FSIII] {
        let declared = fields.list(ModuleKey.fsiii).compactMap(FSIII.named)
        return declared.isEmpty ? FSIII.defaults(for: intervention, variant: variant) : declared
    }

    /// The location of a key; of its group when the key is missing; else the opening `---`.
    public func location(of path: String) -> SourceLocation {
        fields.location(of: path) ?? frontMatter
    }

    public func location(of key: ModuleKey) -> SourceLocation { location(of: key.rawValue) }
}

/// One municipality: `Content/<kommune>/kommune.yml` and its modules.
public struct Municipality: Sendable, Identifiable {
    public let slug: String
    public let file: String
    public let fields: FieldTable
    public var modules: [Module]
    /// The municipality's courses (`forløb`), each combining some of its modules.
    public var courses: [Course] = []
    public let location: SourceLocation
    /// A fingerprint of `kommune.yml`'s path and bytes and of its courses' files (not of the
    /// modules), set by the loader (or, for a municipality made in code, of its fields). A course
    /// shows on its parts' pages and in their exports, so what is kept under a municipality's
    /// fingerprint is made again when one of its courses changes.
    public var fingerprint: Int
    /// Whether kommune.yml could be read (when it is missing or unreadable, that one problem is
    /// reported, not every declaration it would have held).
    public var settingsRead = true

    public init(slug: String, file: String, fields: FieldTable, modules: [Module], fingerprint: Int? = nil) {
        self.fingerprint = fingerprint ?? KatalogSupport.fingerprint(file, fields)
        self.slug = slug
        self.file = file
        self.fields = fields
        self.modules = modules
        self.location = SourceLocation(file: file, line: 1, column: 1)
    }

    public var id: String { slug }

    /// The location of a key in kommune.yml; of its group when the key is missing; else line 1.
    public func location(of path: String) -> SourceLocation {
        fields.location(of: path) ?? location
    }

    public func location(of key: MunicipalityKey) -> SourceLocation { location(of: key.rawValue) }
}

/// A whole catalog: every municipality folder under the content root.
public struct Catalog: Sendable {
    /// The content folder as given, e.g. `Content`.
    public let root: String
    public let municipalities: [Municipality]
    /// Files the modules link to (images, PDFs …); published as they are.
    public let assets: [Asset]
    /// Whose catalog it is (`ejer` in `katalog.yml`): a municipality or a region; nil when not stated.
    public var owner: String?

    public init(root: String, municipalities: [Municipality], assets: [Asset] = []) {
        self.root = root
        self.municipalities = municipalities
        self.assets = assets
        self.modules = municipalities.flatMap(\.modules)
        self.courses = municipalities.flatMap(\.courses)
    }

    /// Every module of every municipality, in catalog order.
    public let modules: [Module]
    /// Every course of every municipality, in catalog order.
    public let courses: [Course]
}

extension Module {
    /// The module's page, relative to the site root.
    public var pagePath: String { "\(municipalitySlug)/\(slug).html" }
}

/// A file a module links to (an image, a leaflet), published beside the pages.
public struct Asset: Sendable, Hashable {
    /// The file on disk.
    public let source: String
    /// Where the site publishes it, relative to the site's root (as the link names it).
    public let path: String

    public init(source: String, path: String) {
        self.source = source
        self.path = path
    }
}
