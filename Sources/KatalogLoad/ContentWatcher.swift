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

    public func fingerprint() -> [String: String] {
        var result: [String: String] = [:]
        let fm = FileManager.default
        for folder in folders {
            guard let enumerator = fm.enumerator(atPath: folder) else { continue }
            for case let relative as String in enumerator {
                let path = folder + "/" + relative
                guard let attributes = try? fm.attributesOfItem(atPath: path) else { continue }
                let size = (attributes[.size] as? Int) ?? 0
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                result[path] = "\(size)@\(modified)"
            }
        }
        return result
    }

    /// Blocks until something changes (and has been quiet for `debounce`), then returns the new fingerprint.
    public func waitForChange(since previous: [String: String]) -> [String: String] {
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
