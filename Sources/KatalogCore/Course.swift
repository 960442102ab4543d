import KatalogSupport

/// A course (`forløb`): the offer as citizens know it (KOL-rehabilitering), made of modules of
/// the same municipality (training, patient education, diet). One Markdown file whose front matter
/// names its parts (`forløb: [kol-traening, kol-skole]`). The course says what holds for the whole
/// (title, summary, when teams start, price, contact); each part is still a module, checked as its
/// intervention. The course itself is not one of the standard's interventions, so no rule of the
/// standard judges it.
public final class Course: Sendable, Identifiable {
    /// `<kommune>/<slug>`, as a module's.
    public let id: String
    public let municipalitySlug: String
    public let slug: String
    public let file: String
    public let frontMatter: SourceLocation
    public let fields: FieldTable
    public let body: Body
    public let fingerprint: Int

    public let title: String
    public let summary: String
    public let updated: String
    /// The parts as written (`kol-traening.md` or `kol-traening`), in the course's order.
    public let partNames: [String]
    /// The parts' slugs, in the same order.
    public let partSlugs: [String]
    /// The title's Danish collation key.
    public let titleKey: [UInt32]

    public init(id: String, municipalitySlug: String, slug: String, file: String, frontMatter: SourceLocation,
                fields: FieldTable, body: Body, fingerprint: Int? = nil) {
        self.fingerprint = fingerprint ?? KatalogSupport.fingerprint(file, id, fields, body.markdown)
        self.id = id
        self.municipalitySlug = municipalitySlug
        self.slug = slug
        self.file = file
        self.frontMatter = frontMatter
        self.fields = fields
        self.body = body
        title = fields.text(ModuleKey.title) ?? slug
        summary = fields.text(ModuleKey.summary) ?? ""
        updated = fields.text(ModuleKey.updated) ?? ""
        partNames = fields.list(CourseKey.parts)
        partSlugs = partNames.map(Slug.make)
        titleKey = DanishCollation.key(title)
    }

    /// The course's page, relative to the site root.
    public var pagePath: String { "\(municipalitySlug)/\(slug).html" }

    /// The diagnoses the course is for, as it states them (a KOL course of parts open to all); empty when not stated.
    public var diagnoses: [String] { fields.list(ModuleKey.diagnoses) }
    /// Who the course is for, in its own words.
    public var targetDescription: String? { fields.text(ModuleKey.targetDescription) }
    /// The days the course's teams start, ISO and in order.
    public var teamStarts: [String] { fields.list(ModuleKey.teamStarts).sorted() }
    public func upcomingTeamStarts(from today: String) -> [String] { teamStarts.filter { $0 >= today } }
    public var waitingWeeks: Quantity? { fields.quantity(ModuleKey.waitingWeeks) }
    /// The price of the whole course as stated; nil when the course does not say (never a default,
    /// and never the parts' prices added up).
    public var price: Price? { fields.text(ModuleKey.price).map(Price.init) }
    public var ownContact: Contact? { Contact(fields, ModuleKey.self) }
    public func contact(in municipality: Municipality) -> Contact? { ownContact ?? municipality.contact }
    /// The location of a key; else the opening `---`.
    public func location(of key: some FieldKey) -> SourceLocation { fields.location(of: key) ?? frontMatter }
}

extension Municipality {
    /// The courses a module is a part of, in the municipality's order.
    public func courses(of module: Module) -> [Course] { courses.filter { $0.partSlugs.contains(module.slug) } }

    /// The diagnoses a course is for: those it states, else those every part is for (a citizen joins
    /// the whole course only where each part takes them: a KOL-only part makes the course KOL-only).
    public func diagnoses(of course: Course) -> Set<String> {
        guard course.diagnoses.isEmpty else { return Set(course.diagnoses) }
        let parts = parts(of: course)
        guard let first = parts.first else { return [] }
        return parts.dropFirst().reduce(Set(first.diagnoses)) { $0.intersection($1.diagnoses) }
    }

    /// A course's parts that exist, in the course's order.
    public func parts(of course: Course) -> [Module] {
        course.partSlugs.compactMap { slug in modules.first { $0.slug == slug } }
    }
}
