import Foundation

/// Notices changes under a folder by polling (Linux has no FSEvents, and inotify would need a C shim):
/// a fingerprint of every file's path, size and modification time, compared every `interval`.
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
