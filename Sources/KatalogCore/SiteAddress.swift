import KatalogSupport

/// Where the site is published: its public address (`--base-url`), when the build knows it.
/// Links in exports and feeds are absolute with it, relative to the file that holds them without.
public struct SiteAddress: Sendable, Hashable {
    /// Ends with `/` (e.g. `https://sundhed.fjordby.dk/tilbud/`); nil: links are relative.
    public let baseURL: String?

    public init(baseURL: String? = nil) {
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    }

    /// A site path as seen from a file in `folder` (e.g. `eksport`): absolute with a base URL, else relative.
    public func url(_ path: String, from folder: String = "") -> String {
        if let baseURL { return baseURL + path }
        let depth = folder.split(separator: "/").count
        return String(repeating: "../", count: depth) + path
    }
}
