import CKatalogSystem
import KatalogCore
import KatalogSupport
import Foundation

/// Write: builds the output in a temporary folder beside the target and swaps it in only when
/// everything is written. On any failure, or an interrupt (SIGINT, SIGTERM), the previous output
/// is left exactly as it was and no half-written folder stays behind.
public struct SiteWriter: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let output: String
    /// The content and templates folders: never replaced, nor any folder that contains them.
    public let protecting: [String]

    public init(output: String, protecting: [String] = []) {
        self.output = output
        self.protecting = protecting
    }

    /// Starts a new version of `output` in a staging folder beside it: write files into it (from
    /// any thread, as they are rendered), then `commit` swaps it in, or `discard` drops it.
    /// Refuses, before anything is touched, an output folder the build did not make (`OutputFolder`).
    public func begin() throws(Failure) -> Staging {
        try OutputFolder.verify(output, protecting: protecting)
        let fm = FileManager.default
        let target = URL(fileURLWithPath: output).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        removeLeftovers(in: parent, name: name)
        let staging = parent.appendingPathComponent(".\(name).ny-\(ProcessInfo.processInfo.processIdentifier)")
        Interrupts.shared.watch(staging.path)
        // The folders above the output that do not exist yet: made now, removed again if the build fails.
        var created: [String] = []
        var missing = parent.path
        while !fm.fileExists(atPath: missing), missing != "/" {
            created.append(missing)
            missing = (missing as NSString).deletingLastPathComponent
        }
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            Self.remove(staging.path)
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
            // Marked from the start, so a staging folder left by a killed build is known as ours.
            try Self.write(staging.path + "/" + OutputFolder.marker, data: Data(OutputFolder.header.utf8))
        } catch {
            Self.remove(staging.path)
            Interrupts.shared.forget(staging.path)
            for folder in created { rmdir(folder) }
            throw Failure(description: "kunne ikke skrive \(output): \(Self.danish(error))")
        }
        return Staging(writer: self, staging: staging, target: target, createdParents: created)
    }

    /// A new version of the output being written. A file whose bytes equal the current output's
    /// is hard-linked rather than written again, so unchanged files keep their modification time
    /// (deploys with rsync and caches see only what changed).
    public final class Staging: @unchecked Sendable {
        let writer: SiteWriter
        let staging: URL
        let target: URL
        private let lock = NSLock()
        private var directories: Set<String> = []
        /// Every file stored, for the marker's list (and, as bytes, to refuse a path stored twice).
        private var paths: [String] = []
        private var stored: Set<[UInt8]> = []
        /// Files written and files kept (linked) from the previous output.
        public private(set) var written = 0
        public private(set) var kept = 0

        /// Folders above the output that this build made (removed again if it fails).
        let createdParents: [String]

        init(writer: SiteWriter, staging: URL, target: URL, createdParents: [String] = []) {
            self.writer = writer
            self.staging = staging
            self.target = target
            self.createdParents = createdParents
        }

        /// Writes a file given as text in parts.
        public func write(_ path: String, parts: [String]) throws(Failure) {
            try store(path, same: { Self.sameBytes($0, parts) }) { try SiteWriter.write($0, parts: parts) }
        }

        public func write(_ path: String, _ data: Data) throws(Failure) {
            try store(path, same: { Self.sameBytes($0, data) }) { try SiteWriter.write($0, data: data) }
        }

        /// Writes one file into the staging folder, or links the current output's copy when `same`
        /// finds that it already has these bytes.
        private func store(_ path: String, same: (String) -> Bool, write: (String) throws -> Void) throws(Failure) {
            guard !path.hasPrefix("/"), !path.isEmpty, !path.split(separator: "/").contains(".."), path != OutputFolder.marker else {
                throw Failure(description: "ugyldig sti i output: \(path)")
            }
            let fresh = lock.withLock { stored.insert(Array(path.utf8)).inserted }
            guard fresh else { throw Failure(description: "to filer skal skrives til samme sted i webstedet: \(path)") }
            lock.withLock { paths.append(path) }
            let file = staging.path + "/" + path
            let previous = target.path + "/" + path
            do {
                try Interrupts.shared.uninterrupted {
                    try makeParent(of: path)
                    if same(previous), link(previous, file) == 0 {
                        lock.withLock { kept += 1 }
                        return
                    }
                    try write(file)
                    lock.withLock { written += 1 }
                }
            } catch {
                throw Failure(description: "kunne ikke skrive \(path): \(SiteWriter.danish(error))")
            }
        }

        public func commit() throws(Failure) {
            defer { Interrupts.shared.forget(staging.path) }
            do {
                let manifest = OutputFolder.manifest(lock.withLock { paths })
                try SiteWriter.write(staging.path + "/" + OutputFolder.marker, data: Data(manifest.utf8))
                lock.withLock { written += 1 }
                try Interrupts.shared.uninterrupted { try writer.swapIn(staging, target) }
            } catch let failure as Failure {
                SiteWriter.remove(staging.path)
                throw failure
            } catch {
                SiteWriter.remove(staging.path)
                throw Failure(description: "kunne ikke skrive \(writer.output): \(SiteWriter.danish(error))")
            }
        }

        public func discard() {
            SiteWriter.remove(staging.path)
            Interrupts.shared.forget(staging.path)
            for folder in createdParents { rmdir(folder) }
        }

        private func makeParent(of path: String) throws {
            guard let slash = path.lastIndex(of: "/") else { return }
            let folder = String(path[..<slash])
            if lock.withLock({ directories.contains(folder) }) { return }
            try FileManager.default.createDirectory(atPath: staging.path + "/" + folder, withIntermediateDirectories: true)
            lock.withLock { _ = directories.insert(folder) }
        }

        /// A new file in the staging folder (nothing else sees it until the swap, so it is written
        /// in place, with one open, write and close).

        /// Whether the file at `path` holds exactly the parts' bytes, one after another.
        static func sameBytes(_ path: String, _ parts: [String]) -> Bool {
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                  Int(info.st_size) == parts.reduce(0, { $0 + $1.utf8.count }),
                  let existing = FileManager.default.contents(atPath: path) else { return false }
            return existing.withUnsafeBytes { file in
                var offset = 0
                for var part in parts {
                    let same = part.withUTF8 { bytes in
                        bytes.isEmpty || memcmp(file.baseAddress! + offset, bytes.baseAddress!, bytes.count) == 0
                    }
                    guard same else { return false }
                    offset += part.utf8.count
                }
                return true
            }
        }

        /// Whether the file at `path` holds exactly `data` (sizes first, so most changes cost one stat).
        static func sameBytes(_ path: String, _ data: Data) -> Bool {
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == data.count else { return false }
            guard let existing = FileManager.default.contents(atPath: path) else { return false }
            return existing == data
        }
    }

    /// Updates `output` in place: writes the `changed` files (each atomically: a temporary file
    /// renamed over the old one) and deletes `removed`. For the incremental builds of a session.
    /// `parts`: files given as text in parts, written one part after another.
    /// `files`: every file of the site after the update, for the marker's list.
    /// `previous`: the files the session wrote last time. Nothing else in the folder is touched: a
    /// file to write that exists but is not one of them, or a path through a symbolic link, stops
    /// the update (the session then makes a complete build, which refuses such a folder).
    /// `files`: every file the folder now holds, written to the marker's list when `listChanged`
    /// (files were added or removed); `previous`: whether the session wrote a path before.
    public func update(changed: [String: Data], parts: [String: [String]] = [:], removed: [String],
                       files: some Sequence<String>, listChanged: Bool, previous: (String) -> Bool) throws(Failure) {
        let root = URL(fileURLWithPath: output).standardizedFileURL.path
        let paths = Set(changed.keys).union(parts.keys).sorted()
        try Self.checkInPlace(paths + removed, in: root, previous: previous)
        // The files are written in parallel (a body edit rewrites two large exports).
        let failures = Parallel.map(paths) { path -> Failure? in
            do throws(Failure) {
                try Self.replace(path, in: root, data: changed[path], parts: parts[path])
                return nil
            } catch {
                return error
            }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        for path in removed where !path.split(separator: "/").contains("..") && path != OutputFolder.marker {
            unlink(root + "/" + path)
        }
        guard listChanged else { return }
        do {
            try Self.write(root + "/" + OutputFolder.marker, data: Data(OutputFolder.manifest(files).utf8))
        } catch {
            throw Failure(description: "kunne ikke skrive \(OutputFolder.marker): \(Self.danish(error))")
        }
    }

    /// Refuses an in-place update that would write or delete through a symbolic link, or write
    /// over a file the session did not write.
    static func checkInPlace(_ paths: [String], in root: String, previous: (String) -> Bool) throws(Failure) {
        guard let realRoot = Paths.real(root) else { throw Failure(description: "output-mappen `\(root)` findes ikke mere") }
        var folders: Set<String> = []
        for path in paths {
            if let slash = path.lastIndex(of: "/") { folders.insert(String(path[..<slash])) }
            if !previous(path), Paths.kind(root + "/" + path) != nil || Paths.isSymbolicLink(root + "/" + path) {
                throw Failure(description: "`\(path)` i output-mappen er ikke lavet af katalog, så katalog skriver ikke over den")
            }
        }
        for folder in folders {
            // Each folder of the path must be where it looks: inside the output, not through a link.
            var parts = folder.split(separator: "/")
            while !parts.isEmpty {
                let relative = parts.joined(separator: "/")
                if let real = Paths.real(root + "/" + relative), Array(real.utf8) != Array((realRoot + "/" + relative).utf8) {
                    throw Failure(description: "`\(relative)` i output-mappen er et symbolsk link, så katalog skriver ikke igennem den")
                }
                parts.removeLast()
            }
        }
    }

    /// Replaces one file of the output atomically (a temporary file beside it, renamed over it).
    private static func replace(_ path: String, in root: String, data: Data?, parts: [String]?) throws(Failure) {
        guard !path.hasPrefix("/"), !path.isEmpty, !path.split(separator: "/").contains("..") else {
            throw Failure(description: "ugyldig sti i output: \(path)")
        }
        do {
            let file = URL(fileURLWithPath: root + "/" + path)
            try Interrupts.shared.uninterrupted {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                if let data {
                    try data.write(to: file, options: .atomic)
                } else if let parts {
                    let temporary = file.deletingLastPathComponent().path + "/.\(file.lastPathComponent).ny-\(getpid())"
                    do {
                        try write(temporary, parts: parts)
                        guard rename(temporary, file.path) == 0 else { throw Failure(description: SystemError.danish(errno)) }
                    } catch {
                        unlink(temporary)
                        throw error
                    }
                }
            }
        } catch {
            throw Failure(description: "kunne ikke skrive \(path): \(danish(error))")
        }
    }

    /// A new file at `path` (created, or truncated) holding the parts' UTF-8 one after another,
    /// gathered into writes of about a megabyte (a 60 MB export has tens of thousands of parts).
    static func write(_ path: String, parts: [String]) throws(Failure) {
        try writeNew(path) { descriptor in
            let chunk = 1 << 20
            var buffer: [UInt8] = []
            buffer.reserveCapacity(chunk)
            var failure: Int32 = 0
            func flush() {
                guard failure == 0, !buffer.isEmpty else { return }
                failure = buffer.withUnsafeBufferPointer { writeAll(descriptor, $0) }
                buffer.removeAll(keepingCapacity: true)
            }
            for var part in parts where failure == 0 {
                part.withUTF8 { bytes in
                    if buffer.count + bytes.count > chunk { flush() }
                    if bytes.count >= chunk {
                        if failure == 0 { failure = writeAll(descriptor, bytes) }
                    } else {
                        buffer.append(contentsOf: bytes)
                    }
                }
            }
            flush()
            return failure
        }
    }

    /// A new file at `path` (created, or truncated) holding `data`, with one open, write and close.
    static func write(_ path: String, data: Data) throws(Failure) {
        try writeNew(path) { descriptor in
            data.withUnsafeBytes { writeAll(descriptor, $0.bindMemory(to: UInt8.self)) }
        }
    }

    /// Opens a new file at `path` (mode 0666 less the umask), lets `body` write it (returning 0 or
    /// an error number) and closes it.
    private static func writeNew(_ path: String, _ body: (Int32) -> Int32) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw Failure(description: SystemError.danish(errno)) }
        var failure = body(descriptor)
        if close(descriptor) != 0, failure == 0, errno != EINTR { failure = errno }
        guard failure == 0 else { throw Failure(description: SystemError.danish(failure)) }
    }

    /// Writes all of `bytes` (retrying short and interrupted writes); 0, or the error number.
    private static func writeAll(_ descriptor: Int32, _ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        var next = bytes.baseAddress, left = bytes.count
        while left > 0, let start = next {
            let done = Glibc.write(descriptor, start, left)
            if done < 0 {
                if errno == EINTR { continue }
                return errno
            }
            next = start + done
            left -= done
        }
        return 0
    }

    /// Replaces `target` with `staging` in one atomic step where the system allows it (renameat2
    /// RENAME_EXCHANGE), else with two renames and a rollback.
    func swapIn(_ staging: URL, _ target: URL) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: target.path) else {
            try fm.moveItem(at: staging, to: target)
            return
        }
        if katalog_exchange(staging.path, target.path) == 0 {
            // `staging` now holds the previous site, which nothing can reach by its old path any more:
            // if a file was added to it while this build ran, put it back and stop.
            let foreign = OutputFolder.foreignEntries(staging.path)
            guard foreign.isEmpty else {
                _ = katalog_exchange(staging.path, target.path)
                throw Failure(description: """
                    der er kommet filer i `\(output)`, mens webstedet blev bygget (\(foreign.prefix(5).joined(separator: ", "))); katalog \
                    erstatter hele mappen og ville slette dem: flyt dem, og byg igen
                    """)
            }
            Self.remove(staging.path)
            return
        }
        let process = ProcessInfo.processInfo.processIdentifier
        let previous = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).gammel-\(process)")
        try fm.moveItem(at: target, to: previous)
        let foreign = OutputFolder.foreignEntries(previous.path)
        guard foreign.isEmpty else {
            try? fm.moveItem(at: previous, to: target)
            throw Failure(description: """
                der er kommet filer i `\(output)`, mens webstedet blev bygget (\(foreign.prefix(5).joined(separator: ", "))); katalog \
                erstatter hele mappen og ville slette dem: flyt dem, og byg igen
                """)
        }
        do {
            try fm.moveItem(at: staging, to: target)
        } catch {
            try? fm.moveItem(at: previous, to: target)
            throw error
        }
        Self.remove(previous.path)
    }

    /// Staging folders of earlier builds that were killed (e.g. with SIGKILL) before they could
    /// clean up: only folders with this build's name pattern that carry the marker (or are empty).
    private func removeLeftovers(in parent: URL, name: String) {
        let fm = FileManager.default
        for entry in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? []
        where entry.hasPrefix(".\(name).ny-") || entry.hasPrefix(".\(name).gammel-") {
            let pid = Int32(entry.split(separator: "-").last ?? "") ?? 0
            if pid > 0 && pid != ProcessInfo.processInfo.processIdentifier && kill(pid, 0) == 0 { continue }   // another build is running
            let path = parent.appendingPathComponent(entry).path
            if fm.fileExists(atPath: path + "/" + OutputFolder.marker) { Self.remove(path) } else { rmdir(path) }
        }
    }

    /// Removes a folder this writer made (a staging folder, or the previous site after the swap),
    /// also where a folder in it was made read-only.
    static func remove(_ path: String) {
        let fm = FileManager.default
        guard (try? fm.removeItem(atPath: path)) == nil, fm.fileExists(atPath: path) else { return }
        Paths.walk(path) { relative, isDirectory in
            if isDirectory { chmod(path + "/" + relative, 0o755) }
            return true
        }
        chmod(path, 0o755)
        try? fm.removeItem(atPath: path)
    }

    /// An error from the file system, in Danish.
    static func danish(_ error: any Error) -> String {
        (error as? Failure)?.description ?? SystemError.danish(error)
    }
}

/// Removes the staging folder if the process is interrupted, then exits with the usual code.
/// Each file write and the final swap run under `step`, which the interrupt handler also takes, so
/// the handler never deletes a folder while a write is recreating it.
final class Interrupts: @unchecked Sendable {
    static let shared = Interrupts()
    private let lock = NSLock()
    /// Writes hold it shared (many at once, from the render threads); the interrupt handler exclusively.
    private let step: UnsafeMutablePointer<pthread_rwlock_t> = .allocate(capacity: 1)
    private var paths: Set<String> = []
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "katalog.interrupts")

    private init() {
        step.initialize(to: pthread_rwlock_t())
        pthread_rwlock_init(step, nil)
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [unowned self] in
                pthread_rwlock_wrlock(self.step)   // held until exit: no further writes
                self.lock.lock()
                let pending = self.paths
                self.lock.unlock()
                for path in pending { SiteWriter.remove(path) }
                // Only a complete build, which stages its new site, leaves the old one as it was.
                let message = pending.isEmpty ? "Stoppet.\n" : "Afbrudt – intet er ændret i output-mappen.\n"
                FileHandle.standardError.write(Data(message.utf8))
                exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }

    func uninterrupted<T>(_ work: () throws -> T) rethrows -> T {
        pthread_rwlock_rdlock(step)
        defer { pthread_rwlock_unlock(step) }
        return try work()
    }

    func watch(_ path: String) { lock.lock(); paths.insert(path); lock.unlock() }
    func forget(_ path: String) { lock.lock(); paths.remove(path); lock.unlock() }
}
