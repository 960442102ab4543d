import Foundation
import KatalogCore
import KatalogSupport

/// What the loader read last time, so a rebuild (`katalog serve`, `build --watch`, `check --watch`)
/// parses only files that changed. A file is reused when its size, modification time, inode and
/// status-change time are all the same; else it is read again, and reparsed only if its bytes differ.
public final class LoadCache: @unchecked Sendable {
    struct Stamp: Equatable {
        let size: Int
        let modified: timespec
        let changed: timespec
        let inode: UInt
        /// A regular file (not a folder, pipe or device), links followed.
        var isRegular = true

        static func == (a: Stamp, b: Stamp) -> Bool {
            a.size == b.size && a.inode == b.inode
                && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
                && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
        }

        /// The file's stamp (following symbolic links), or nil when it cannot be read.
        static func of(_ path: String) -> Stamp? {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            return Stamp(size: Int(info.st_size), modified: info.st_mtim, changed: info.st_ctim, inode: UInt(info.st_ino),
                         isRegular: info.st_mode & S_IFMT == S_IFREG)
        }
    }

    struct Entry<Value> {
        let stamp: Stamp
        let fingerprint: Int
        let value: Value
    }

    private let lock = NSLock()
    private var modules: [String: Entry<ModuleParser.Parsed>] = [:]
    private var configs: [String: Entry<(fields: FieldTable, problems: [InputError])>] = [:]
    /// The last version of each module file that could be placed in the catalog: while a file
    /// cannot be read at all (a save midway through an edit), a session shows its last good version.
    private var lastGood: [String: Module] = [:]
    /// How many files the last load parsed (rather than reused); for `--verbose` and tests.
    public private(set) var parsedLastTime = 0
    private var parsedNow = 0
    /// Entries read or stored since the last `keep` (each current file once).
    private var touched = 0

    public init() {}

    func begin() { lock.withLock { parsedNow = 0; touched = 0 } }
    func end() { lock.withLock { parsedLastTime = parsedNow } }

    /// The cached result for `path` if the file is unchanged; else `parse(bytes, fingerprint)` of its current bytes.
    /// `stamp`: the file's stamp when the caller has just taken it (saves a second `stat`).
    func module(_ path: String, stamp: Stamp? = nil, parse: (Data, Int) -> ModuleParser.Parsed) -> ModuleParser.Parsed? {
        cached(path, stamp: stamp, in: \.modules, parse: parse)?.value
    }

    /// The settings of `kommune.yml` and the fingerprint of its bytes.
    func config(_ path: String, parse: (Data, Int) -> (fields: FieldTable, problems: [InputError])) -> (value: (fields: FieldTable,
        problems: [InputError]), fingerprint: Int)? {
        cached(path, in: \.configs, parse: parse)
    }

    /// Nil when the file cannot be read at all (the caller reports it).
    private func cached<Value>(_ path: String, stamp known: Stamp? = nil, in table: ReferenceWritableKeyPath<LoadCache,
        [String: Entry<Value>]>,
                               parse: (Data, Int) -> Value) -> (value: Value, fingerprint: Int)? {
        guard let stamp = known ?? Stamp.of(path), stamp.isRegular else { return nil }
        let previous = lock.withLock { self[keyPath: table][path] }
        if let previous, previous.stamp == stamp {
            lock.withLock { touched += 1 }
            return (previous.value, previous.fingerprint)
        }
        guard stamp.size <= SourceText.maximumBytes else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let fingerprint = Self.fingerprint(path, data)
        if let previous, previous.fingerprint == fingerprint {
            lock.withLock {
                self[keyPath: table][path] = Entry(stamp: stamp, fingerprint: fingerprint, value: previous.value)
                touched += 1
            }
            return (previous.value, fingerprint)
        }
        let value = parse(data, fingerprint)
        lock.withLock {
            self[keyPath: table][path] = Entry(stamp: stamp, fingerprint: fingerprint, value: value)
            parsedNow += 1
            touched += 1
        }
        return (value, fingerprint)
    }

    /// The module read from `path` now, or, when the file cannot be placed in the catalog at the
    /// moment, its last good version (its problems are still reported).
    func module(_ parsed: ModuleParser.Parsed, at path: String) -> Module? {
        lock.withLock {
            if let module = parsed.module { lastGood[path] = module; return module }
            return lastGood[path]
        }
    }

    /// Forgets files that are gone, so a deleted and re-created file is read afresh.
    /// (When every entry was read or stored since the last call, all are current: nothing to filter.)
    func keep(only paths: [String]) {
        lock.withLock {
            defer { touched = 0 }
            guard modules.count + configs.count > touched else { return }
            let paths = Set(paths)
            modules = modules.filter { paths.contains($0.key) }
            configs = configs.filter { paths.contains($0.key) }
            lastGood = lastGood.filter { paths.contains($0.key) }
        }
    }

    static func fingerprint(_ path: String, _ data: Data) -> Int {
        var hasher = Hasher()
        hasher.combine(path)
        data.withUnsafeBytes { hasher.combine(bytes: $0) }
        return hasher.finalize()
    }
}
