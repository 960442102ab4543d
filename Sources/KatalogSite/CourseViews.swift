import KatalogCore
import KatalogSupport

/// One part of a course as the course's page shows it: the part's own facts, with a link to its page.
struct CoursePartView: Hashable {
    let title: String
    let url: String
    let intervention: String
    let summary: String
    let scope: String?
    let staff: [String]
    let price: String

    init(_ view: ModuleView) {
        (title, url, intervention, summary, scope, staff, price) = (view.title, view.url, view.intervention, view.summary, view.scope,
                                                                    view.staff, view.price)
    }
}

/// A course as its page shows it (`course.mustache`). What the course file states is shown as
/// stated; what the parts state is shown part by part, never added up into a claim of the whole
/// (the parts' places are listed together, since each part's are stated; a course that states no
/// diagnoses is shown for those every part is for).
struct CourseView: Hashable {
    let id: String
    let title: String
    let summary: String
    let url: String
    let municipality: String
    let municipalityURL: String
    let targetGroup: String?
    /// The diagnoses the course states; when it states none, those every part is for; in the vocabulary's order.
    /// Groups that are not a disease (rygere, pårørende) apart, as on a module's page.
    let diagnoses: [LinkView]
    let audiences: [LinkView]
    let parts: [CoursePartView]
    /// When no part runs (each is paused or has ended, as of the build's day), the page says so.
    let partsNotice: String?
    let nextTeamStart: DateView?
    let laterTeamStarts: [DateView]
    let waitingTime: String?
    /// The course's own price; when it states none, the page says so (the parts' prices are in the parts).
    let price: String
    let contact: ContactView?
    /// The parts' places, each once.
    let places: [PlaceView]
    /// Who may refer to some part, each once.
    let referralSources: [String]
    let selfReferral: Bool
    let body: String
    let updated: String
    let updatedISO: String
    let doctorsURL: String

    init(_ course: Course, in municipality: Municipality, parts: [ModuleView], today: String) {
        id = "f-" + course.id.replacingASCII { $0 == 0x2F ? "-" : nil }
        title = course.title
        summary = course.summary
        url = course.pagePath
        self.municipality = municipality.name
        municipalityURL = SiteModel.municipalityPath(municipality)
        targetGroup = course.targetDescription
        let diagnosed = municipality.diagnoses(of: course)
        (diagnoses, audiences) = SiteModel.diagnosisLinks(Vocabularies.diagnoses.codes.filter(diagnosed.contains))
        self.parts = parts.map(CoursePartView.init)
        partsNotice = !parts.isEmpty && parts.allSatisfy { $0.statusNotice != nil }
            ? "Ingen af forløbets dele kører lige nu: de er sat på pause eller ophørt. Se hver del nedenfor." : nil
        let starts = course.upcomingTeamStarts(from: today).map(DateView.init)
        nextTeamStart = starts.first
        laterTeamStarts = Array(starts.dropFirst())
        waitingTime = course.waitingWeeks?.weeksText
        price = course.price?.text ?? "Forløbet oplyser ikke en samlet pris. Se prisen under hver del, eller kontakt os."
        contact = ContactView(course.contact(in: municipality))
        places = parts.flatMap(\.places).uniqued()
        referralSources = parts.flatMap(\.referralSources).uniqued()
        selfReferral = parts.contains(where: \.selfReferral)
        body = course.body.html
        updated = DanishDate.long(course.updated)
        updatedISO = course.updated
        doctorsURL = SiteModel.doctorsPath(municipality)
    }
}

/// A course in a municipality's lists (its page, the GP page) and on its parts' pages.
struct CourseEntryView: Hashable {
    let title: String
    let url: String
    let summary: String
    /// The parts' titles, in the course's order.
    let parts: [LinkView]
    let nextTeamStart: DateView?

    init(_ course: Course, parts: [Module], today: String) {
        title = course.title
        url = course.pagePath
        summary = course.summary
        self.parts = parts.map { LinkView(label: $0.title, url: $0.pagePath) }
        nextTeamStart = course.upcomingTeamStarts(from: today).first.map(DateView.init)
    }
}

/// A course's page.
struct CourseContext: PageContext {
    var chrome: Chrome
    let course: CourseView
    let municipality: MunicipalityView
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}

extension CoursePartView: TemplateView {
    static let keys: [String: TemplateKey<CoursePartView>] = [
        "title": key { $0.title },
        "url": key { $0.url },
        "intervention": key { $0.intervention },
        "summary": key { $0.summary },
        "scope": key { $0.scope },
        "staff": key { $0.staff },
        "price": key { $0.price },
    ]
}

extension CourseView: TemplateView {
    static let keys: [String: TemplateKey<CourseView>] = [
        "id": key { $0.id },
        "title": key { $0.title },
        "summary": key { $0.summary },
        "url": key { $0.url },
        "municipality": key { $0.municipality },
        "municipalityURL": key { $0.municipalityURL },
        "targetGroup": key { $0.targetGroup },
        "diagnoses": key { $0.diagnoses },
        "audiences": key { $0.audiences },
        "parts": key { $0.parts },
        "partsNotice": key { $0.partsNotice },
        "nextTeamStart": key { $0.nextTeamStart },
        "laterTeamStarts": key { $0.laterTeamStarts },
        "waitingTime": key { $0.waitingTime },
        "price": key { $0.price },
        "contact": key { $0.contact },
        "places": key { $0.places },
        "referralSources": key { $0.referralSources },
        "selfReferral": key { $0.selfReferral },
        "body": key { $0.body },
        "updated": key { $0.updated },
        "updatedISO": key { $0.updatedISO },
        "doctorsURL": key { $0.doctorsURL },
    ]
}

extension CourseEntryView: TemplateView {
    static let keys: [String: TemplateKey<CourseEntryView>] = [
        "title": key { $0.title },
        "url": key { $0.url },
        "summary": key { $0.summary },
        "parts": key { $0.parts },
        "nextTeamStart": key { $0.nextTeamStart },
    ]
}

extension CourseContext {
    static let keys: [String: TemplateKey<CourseContext>] = chromeKeys.merging([
        "course": key { $0.course },
        "municipality": key { $0.municipality },
    ]) { $1 }
    static var keysAreStoredProperties: Bool { false }
}
