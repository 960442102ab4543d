import KatalogCore

/// What templates see. Plain values only; Mustache escapes every `{{x}}`, and only rendered
/// Markdown (`{{{body}}}`) is inserted raw.
struct LinkView {
    let label: String
    let url: String
}

struct PlaceView {
    let name: String?
    let address: String?
    let postcode: String?
    let city: String?
}

struct ContactView {
    let name: String?
    let phone: String?
    let email: String?
    let hours: String?
}

struct ModuleView {
    let id: String
    let title: String
    let summary: String
    let url: String
    let municipality: String
    let municipalityURL: String
    let intervention: String
    let interventionURL: String
    let variant: String?
    let diagnoses: [LinkView]
    let targetGroup: String?
    let forms: [String]
    let formats: [String]
    let times: [String]
    let scope: String?
    let intake: String?
    let places: [PlaceView]
    let contact: ContactView?
    let price: String
    let updated: String
    let updatedISO: String
    let selfReferral: Bool
    let directAccess: Bool
    let referralSources: [String]
    let staff: [String]
    let body: String
    let digitalTwin: LinkView?
    let continuation: [String]
    let doctorsURL: String
}

struct MunicipalityView {
    let slug: String
    let name: String
    let url: String
    let code: String
    let isExample: Bool
    let contact: ContactView?
    let accessibilityStatement: String?
    let website: String?
    let receiver: String?
    let receiverSOR: String?
    let receiverLocation: String?
    let doctorsPhone: String?
    let contactWithinDays: Int?
    let referralContents: [String]
    let feedback: String?
    let postcodes: String
    let doctorsURL: String
    /// Offers a citizen can start without an afklarende samtale (nicotine, alcohol).
    let directOffers: [LinkView]
    /// "Tilbud ved KOL i …" pages.
    let diagnoses: [LinkView]
}

struct PostcodeView {
    let postcode: String
    let municipality: String
    let url: String
}

struct GroupView {
    let heading: String
    let url: String?
    var doctorsURL: String? = nil
    let modules: [ModuleView]
}

struct InterventionEntry {
    /// The front-matter code, used as the value of the search filters.
    var code: String = ""
    let label: String
    let everyday: String
    let description: String
    let url: String
    let count: Int
}

/// The context of every page: where the site root is, the page title, and the footer.
struct Page {
    let root: String
    var pageTitle: String
    let footer: [MunicipalityView]
    let isExample: Bool
    var module: ModuleView? = nil
    var municipality: MunicipalityView? = nil
    var groups: [GroupView] = []
    var interventions: [InterventionEntry] = []
    var diagnoses: [InterventionEntry] = []
    var municipalities: [MunicipalityView] = []
    var formats: [InterventionEntry] = []
    var times: [InterventionEntry] = []
    var postcodes: [PostcodeView] = []
    var heading: String? = nil
    var lead: String? = nil
    var compliance: ModuleComplianceView? = nil
    /// schema.org JSON-LD, already escaped for a script element.
    var structuredData: String? = nil
    var complianceMunicipalities: [MunicipalityComplianceView] = []
}
