/// An output file made from many modules (an export, the search index): its path, and how to make
/// its text in parts, which the writer writes one after another (a 60 MB export is never
/// assembled in memory). A session writes it again only when its bytes change.
public struct GeneratedFile: Sendable {
    public let path: String
    public let make: @Sendable () -> [String]

    public init(path: String, make: @escaping @Sendable () -> [String]) {
        self.path = path
        self.make = make
    }
}
