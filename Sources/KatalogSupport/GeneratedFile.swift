import Foundation

/// An output file made from many modules (an export, the search index): its path, how to make
/// its text in parts, which the writer writes one after another (a 60 MB export is never
/// assembled in memory), and a fingerprint of what it is made from: a session that wrote the file
/// under the same key does not make it again.
public struct GeneratedFile: Sendable {
    public let path: String
    public let key: @Sendable () -> Int
    public let make: @Sendable () -> [String]
    /// The bytes of a binary file (a spreadsheet), made at once; nil for a file of text parts.
    public let data: (@Sendable () -> Data)?

    public init(path: String, key: @escaping @Sendable () -> Int, make: @escaping @Sendable () -> [String]) {
        self.path = path
        self.key = key
        self.make = make
        data = nil
    }

    public init(path: String, key: @escaping @Sendable () -> Int, data: @escaping @Sendable () -> Data) {
        self.path = path
        self.key = key
        make = { [] }
        self.data = data
    }
}

/// A piece of a generated file (one module's record, entry or line) with a hash of its bytes,
/// taken once when the piece is made: a file's key is its pieces' hashes.
public struct Piece: Sendable {
    public let text: String
    public let hash: Int

    public init(_ text: String) {
        self.text = text
        var hasher = Hasher()
        var bytes = text
        bytes.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hash = hasher.finalize()
    }
}
