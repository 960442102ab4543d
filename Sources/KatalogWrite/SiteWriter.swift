import Foundation

/// Write: builds the output in a temporary folder beside the target and swaps it in only when
/// everything is written. On any failure the previous output is left exactly as it was.
public struct SiteWriter: Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let output: String

    public init(output: String) {
        self.output = output
    }

    /// Writes `files` (relative path → bytes) as the new content of `output`.
    public func publish(_ files: [String: Data]) throws(Failure) {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: output).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        let stamp = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt64(Date().timeIntervalSince1970 * 1000))"
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).ny-\(stamp)")
        let previous = parent.appendingPathComponent(".\(target.lastPathComponent).gammel-\(stamp)")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            for (path, data) in files.sorted(by: { $0.key < $1.key }) {
                guard !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
                    throw Failure(description: "ugyldig sti i output: \(path)")
                }
                let url = staging.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
            if fm.fileExists(atPath: target.path) {
                try fm.moveItem(at: target, to: previous)
            }
            do {
                try fm.moveItem(at: staging, to: target)
            } catch {
                if fm.fileExists(atPath: previous.path) { try? fm.moveItem(at: previous, to: target) }
                throw error
            }
            try? fm.removeItem(at: previous)
        } catch let failure as Failure {
            try? fm.removeItem(at: staging)
            throw failure
        } catch {
            try? fm.removeItem(at: staging)
            throw Failure(description: "kunne ikke skrive \(output): \(error.localizedDescription)")
        }
    }
}
