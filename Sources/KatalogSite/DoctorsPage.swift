import KatalogCore
import KatalogSupport

/// A municipality's page for GPs (`<kommune>/for-laeger.html`): how to refer, and every offer with
/// how the citizen starts. It prints as one A4 sheet (`@media print` in style.css): the procedure,
/// and each offer with a short address a GP can type to read the rest.
struct DoctorsContext: PageContext {
    var chrome: Chrome
    let municipality: MunicipalityView
    /// The municipality's modules by intervention (the table's rows, in that order).
    let groups: [GroupView]
    /// What goes in front of a page's path to make the address a GP types: the site's public
    /// address without `https://` (`sundhed.fjordby.dk/tilbud/`), or nil without `--base-url`
    /// (the sheet then gives each offer's path on the site).
    let addressPrefix: String?
    let offerCount: Int
    /// More offers than fit one sheet in the ordinary print type: the sheet uses a smaller one.
    let long: Bool

    /// Above this many offers the sheet prints in smaller type (about 30 then fit one sheet; see style.css).
    static let longList = 16

    init(chrome: Chrome, municipality: MunicipalityView, groups: [GroupView], address: SiteAddress) {
        self.chrome = chrome
        self.municipality = municipality
        self.groups = groups
        addressPrefix = address.baseURL.map(Self.typed)
        offerCount = groups.reduce(0) { $0 + $1.modules.count }
        long = offerCount > Self.longList
    }

    /// A web address as one types it: without the scheme (`https://`) and `www.`.
    static func typed(_ url: String) -> String {
        var text = Substring(url)
        for scheme in ["https://", "http://"] where text.lowercased().hasPrefix(scheme) { text = text.dropFirst(scheme.count) }
        if text.lowercased().hasPrefix("www.") { text = text.dropFirst(4) }
        return String(text)
    }

    /// Taken directly, as `ListContext.digest`: the groups and views carry their digests.
    var digest: Int {
        fingerprint(chrome.root, chrome.pageTitle, chrome.isExample, chrome.footer.map(\.digest), municipality.digest, groups.map(\.digest),
                    addressPrefix, long)
    }

    static let keys: [String: TemplateKey<DoctorsContext>] = chromeKeys.merging([
        "municipality": key { $0.municipality },
        "groups": key { $0.groups },
        "addressPrefix": key { $0.addressPrefix },
        "offerCount": key { $0.offerCount },
        "long": key { $0.long },
    ]) { $1 }
    static var keysAreStoredProperties: Bool { false }
}
