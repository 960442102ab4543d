import Foundation
import KatalogSupport
import KatalogWrite

/// Write: the files into the output folder. The first build of a session (and every `katalog
/// build`) writes a complete new folder beside the old one and swaps it in. Later builds of the
/// session update the folder in place: a file whose key is the one it was written under is not
/// made again, and a file whose bytes did not change is not written. In place only into the
/// folder the session wrote, with its marker as the session left it; a folder emptied or
/// replaced meanwhile gets a complete build, checked as any other.
public final class WriteStage: Stage, @unchecked Sendable {
    /// Where this build writes: a new folder (swapped in when complete), or the folder in place.
    public enum Target {
        case complete(SiteWriter.Staging)
        case inPlace
    }

    public struct Outcome: Sendable {
        /// Pages rendered (files made from data with a key), and files written.
        public let rendered: Int
        public let written: Int
    }

    let writer: SiteWriter
    /// Whether the session builds again (and so compares bytes with what it wrote).
    let remembers: Bool
    /// What the output folder holds, as this session wrote it: each file's key and bytes' hash.
    private var written: [String: (key: Int?, bytes: Int)] = [:]
    private var folder: FolderIdentity?
    /// The output's marker as this session last wrote it.
    private var marker: MarkerStamp?

    init(writer: SiteWriter, remembers: Bool) {
        self.writer = writer
        self.remembers = remembers
    }

    /// Chooses the target before anything else is done: a complete build checks the output
    /// folder first (`OutputFolder`), and nothing is touched if it is refused.
    func prepare(incremental: Bool) throws(BuildFailure) -> Target {
        let markerPath = writer.output + "/" + OutputFolder.marker
        if incremental, folder != nil, FolderIdentity.of(writer.output) == folder, marker != nil, MarkerStamp.of(markerPath) == marker {
            return .inPlace
        }
        do { return .complete(try writer.begin()) } catch { throw .output(error.description) }
    }

    public func run(_ input: (files: [OutputFile], target: Target)) throws(BuildFailure) -> Outcome {
        try run(input) { () throws(BuildFailure) in }
    }

    /// `verify`: called when every file is made and before any is published (a failure leaves the
    /// output folder as it was).
    public func run(_ input: (files: [OutputFile], target: Target),
                    verify: () throws(BuildFailure) -> Void) throws(BuildFailure) -> Outcome {
        switch input.target {
        case .complete(let staging): try replace(input.files, staging, verify: verify)
        case .inPlace: try update(input.files, verify: verify)
        }
    }

    /// A complete new output folder, swapped in when everything is written.
    private func replace(_ files: [OutputFile], _ staging: SiteWriter.Staging,
                         verify: () throws(BuildFailure) -> Void) throws(BuildFailure) -> Outcome {
        let remembers = self.remembers
        let results = Parallel.map(files) { file -> Result<(key: Int?, bytes: Int), SiteWriter.Failure> in
            do throws(SiteWriter.Failure) {
                switch file.contents {
                case .data(let make):
                    let data = make()
                    try staging.write(file.path, data)
                    return .success(remembers ? (file.key?(), Self.hash(data)) : (nil, 0))
                case .parts(let make):
                    let parts = make()
                    try staging.write(file.path, parts: parts)
                    guard remembers else { return .success((nil, 0)) }
                    let key = file.key?()
                    return .success((key, key ?? Self.hash(parts)))
                }
            } catch {
                return .failure(error)
            }
        }
        try verify()
        var record: [String: (key: Int?, bytes: Int)] = [:]
        do throws(SiteWriter.Failure) {
            for (file, result) in zip(files, results) { record[file.path] = try result.get() }
            try staging.commit()
        } catch {
            staging.discard()
            throw .output(error.description)
        }
        written = record
        folder = FolderIdentity.of(writer.output)
        marker = MarkerStamp.of(writer.output + "/" + OutputFolder.marker)
        return Outcome(rendered: files.count { if case .data = $0.contents { $0.key != nil } else { false } }, written: staging.written)
    }

    /// Updates the output folder in place: makes files whose key changed, writes files whose
    /// bytes changed, deletes files the site no longer has.
    private func update(_ files: [OutputFile], verify: () throws(BuildFailure) -> Void) throws(BuildFailure) -> Outcome {
        enum Change { case data(Data), parts([String]) }
        let previous = written
        let results = Parallel.map(files) { file -> (record: (key: Int?, bytes: Int), change: Change?, rendered: Bool) in
            let old = previous[file.path]
            let key = file.key?()
            if let key, let old, old.key == key { return (old, nil, false) }
            // A file made of pieces is keyed by its pieces' hashes, so a new key means new bytes
            // (the search index and the exports run to megabytes: they are not hashed again).
            let (hash, change): (Int, Change) = switch file.contents {
            case .data(let make): { let data = make(); return (Self.hash(data), .data(data)) }()
            case .parts(let make): { let parts = make(); return (key ?? Self.hash(parts), .parts(parts)) }()
            }
            let page = if case .data = file.contents { key != nil } else { false }
            return ((key, hash), old?.bytes == hash ? nil : change, page)
        }
        var record: [String: (key: Int?, bytes: Int)] = [:]
        var changed: [String: Data] = [:], changedParts: [String: [String]] = [:]
        for (file, result) in zip(files, results) {
            record[file.path] = result.record
            switch result.change {
            case .data(let data)?: changed[file.path] = data
            case .parts(let parts)?: changedParts[file.path] = parts
            case nil: break
            }
        }
        try verify()
        let removed = previous.keys.filter { record[$0] == nil }
        // The marker lists the files: written again only when the list changed.
        let listChanged = !removed.isEmpty || record.count != previous.count
        do {
            try writer.update(changed: changed, parts: changedParts, removed: removed, files: record.keys, listChanged: listChanged,
                              previous: { previous[$0] != nil })
        } catch {
            // The folder may now be partly updated: the next build replaces it completely.
            folder = nil
            throw .output(error.description)
        }
        written = record
        marker = MarkerStamp.of(writer.output + "/" + OutputFolder.marker)
        return Outcome(rendered: results.count(where: \.rendered), written: changed.count + changedParts.count)
    }

    /// A hash of all of the bytes (Data's own hash need not read them all).
    static func hash(_ data: Data) -> Int {
        var hasher = Hasher()
        data.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }

    static func hash(_ parts: [String]) -> Int {
        var hasher = Hasher()
        for var part in parts { part.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) } }
        return hasher.finalize()
    }

    struct MarkerStamp: Equatable {
        let inode: UInt
        let size: Int
        let modified: Int
        let nanoseconds: Int

        static func of(_ path: String) -> MarkerStamp? {
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            return MarkerStamp(inode: UInt(info.st_ino), size: Int(info.st_size), modified: info.st_mtim.tv_sec,
                nanoseconds: info.st_mtim.tv_nsec)
        }
    }

    struct FolderIdentity: Equatable {
        let device: UInt
        let inode: UInt

        static func of(_ path: String) -> FolderIdentity? {
            var info = stat()
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
            return FolderIdentity(device: UInt(info.st_dev), inode: UInt(info.st_ino))
        }
    }
}
