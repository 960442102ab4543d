import Foundation
import KatalogSupport

/// One file of the site as the writer receives it: its path and how to make its bytes, made only
/// when the writer needs them (in parallel), so a 10,000-module site is never held in memory at
/// once.
public struct OutputFile: Sendable {
    public enum Contents: Sendable {
        case data(@Sendable () -> Data)
        /// Text in parts, written one after another (a 60 MB export is never assembled).
        case parts(@Sendable () -> [String])
    }

    public let path: String
    /// A fingerprint of what the file is made from, for files that cost to make (pages, exports): a
    /// session that wrote the file under the same key does not make it again. Without one (assets),
    /// a file is made every build and written when its bytes change. Taken only by a session.
    public let key: (@Sendable () -> Int)?
    public let contents: Contents

    public init(path: String, key: (@Sendable () -> Int)? = nil, data: @escaping @Sendable () -> Data) {
        self.path = path
        self.key = key
        self.contents = .data(data)
    }

    public init(_ file: GeneratedFile) {
        self.path = file.path
        self.key = file.key
        self.contents = file.data.map(Contents.data) ?? .parts(file.make)
    }
}
