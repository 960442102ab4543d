import CKatalogSystem
import Foundation

/// Notices changes under folders. It waits for the kernel to report a change (inotify, through the
/// C shim in CKatalogSystem), then compares a fingerprint of every file's path, size and
/// modification time. Where inotify is not available (another system, a network file system that
/// sends no events), it compares the fingerprint every `interval`; with inotify it still compares
/// every two seconds, in case an event was missed.
public struct ContentWatcher: Sendable {
    public let folders: [String]
    public let interval: TimeInterval
    /// Quiet time after a change before reporting it, so one save of several files gives one rebuild.
    public let debounce: TimeInterval

    public init(folders: [String], interval: TimeInterval = 0.15, debounce: TimeInterval = 0.1) {
        self.folders = folders
        self.interval = interval
        self.debounce = debounce
    }

    /// A file's size and modification time (to the nanosecond).
    public struct Stamp: Equatable, Sendable {
        let size: Int
        let seconds: Int
        let nanoseconds: Int
    }

    /// Every file under the folders with its stamp. Walked with `readdir` and `lstat` directly:
    /// FileManager's attribute dictionaries cost ten times more, which matters at thousands of files.
    public func fingerprint() -> [String: Stamp] {
        var result: [String: Stamp] = [:]
        for folder in folders { walk(folder, into: &result, depth: 0) }
        return result
    }

    private func walk(_ folder: String, into result: inout [String: Stamp], depth: Int) {
        guard depth < 32, let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                walk(path, into: &result, depth: depth + 1)
            } else {
                result[path] = Stamp(size: Int(info.st_size), seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec))
            }
        }
    }

    /// Blocks until something changes (and has been quiet for `debounce`), then returns the new fingerprint.
    public func waitForChange(since previous: [String: Stamp]) -> [String: Stamp] {
        let events = katalog_watch_open()
        guard events >= 0 else { return pollForChange(since: previous) }
        defer { katalog_watch_close(events) }
        while true {
            // (Re)watch every folder, new ones included; then look, so nothing between the last
            // fingerprint and the watches is missed.
            for folder in folders { watchFolders(folder, with: events, depth: 0) }
            var current = fingerprint()
            if current == previous {
                _ = katalog_watch_wait(events, 2000)
                current = fingerprint()
                if current == previous { continue }
            }
            // Quiet for `debounce`: one save of several files gives one rebuild.
            while katalog_watch_wait(events, Int32(debounce * 1000)) > 0 {}
            let settled = fingerprint()
            if settled != previous { return settled }
        }
    }

    private func watchFolders(_ folder: String, with events: Int32, depth: Int) {
        guard depth < 32, katalog_watch_add(events, folder) == 0, let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            guard entry.pointee.d_type == DT_DIR || entry.pointee.d_type == DT_UNKNOWN else { continue }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = folder + "/" + name
            var info = stat()
            if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { watchFolders(path, with: events, depth: depth + 1) }
        }
    }

    /// Without inotify: compares the fingerprint every `interval`.
    func pollForChange(since previous: [String: Stamp]) -> [String: Stamp] {
        var current = previous
        while current == previous {
            Thread.sleep(forTimeInterval: interval)
            current = fingerprint()
        }
        while true {
            Thread.sleep(forTimeInterval: debounce)
            let settled = fingerprint()
            if settled == current { return settled }
            current = settled
        }
    }
}
