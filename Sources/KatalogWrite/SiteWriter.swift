import CKatalogSystem
import Foundation

/// Write: builds the output in a temporary folder beside the target and swaps it in only when
/// everything is written. On any failure, or an interrupt (SIGINT, SIGTERM), the previous output
/// is left exactly as it was and no half-written folder stays behind.
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
        let name = target.lastPathComponent
        removeLeftovers(in: parent, name: name)
        let staging = parent.appendingPathComponent(".\(name).ny-\(ProcessInfo.processInfo.processIdentifier)")
        Interrupts.shared.watch(staging.path)
        defer { Interrupts.shared.forget(staging.path) }
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            for (path, data) in files.sorted(by: { $0.key < $1.key }) {
                guard !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
                    throw Failure(description: "ugyldig sti i output: \(path)")
                }
                let url = staging.appendingPathComponent(path)
                try Interrupts.shared.uninterrupted {
                    try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    try data.write(to: url)
                }
            }
            try Interrupts.shared.uninterrupted { try swapIn(staging, target) }
        } catch let failure as Failure {
            try? fm.removeItem(at: staging)
            throw failure
        } catch {
            try? fm.removeItem(at: staging)
            throw Failure(description: "kunne ikke skrive \(output): \(error.localizedDescription)")
        }
    }

    /// Replaces `target` with `staging` in one atomic step where the system allows it (renameat2
    /// RENAME_EXCHANGE), else with two renames and a rollback.
    private func swapIn(_ staging: URL, _ target: URL) throws {
        let fm = FileManager.default
        guard fm.fileExists(atPath: target.path) else {
            try fm.moveItem(at: staging, to: target)
            return
        }
        if katalog_exchange(staging.path, target.path) == 0 {
            try? fm.removeItem(at: staging)   // now holds the previous site
            return
        }
        let previous = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).gammel-\(ProcessInfo.processInfo.processIdentifier)")
        try fm.moveItem(at: target, to: previous)
        do {
            try fm.moveItem(at: staging, to: target)
        } catch {
            try? fm.moveItem(at: previous, to: target)
            throw error
        }
        try? fm.removeItem(at: previous)
    }

    /// Staging folders of earlier builds that were killed (e.g. with SIGKILL) before they could clean up.
    private func removeLeftovers(in parent: URL, name: String) {
        let fm = FileManager.default
        for entry in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? []
        where entry.hasPrefix(".\(name).ny-") || entry.hasPrefix(".\(name).gammel-") {
            let pid = Int32(entry.split(separator: "-").last ?? "") ?? 0
            if pid > 0 && pid != ProcessInfo.processInfo.processIdentifier && kill(pid, 0) == 0 { continue }   // another build is running
            try? fm.removeItem(at: parent.appendingPathComponent(entry))
        }
    }
}

/// Removes the staging folder if the process is interrupted, then exits with the usual code.
/// Each file write and the final swap run under `step`, which the interrupt handler also takes, so
/// the handler never deletes a folder while a write is recreating it.
final class Interrupts: @unchecked Sendable {
    static let shared = Interrupts()
    private let lock = NSLock()
    private let step = NSLock()
    private var paths: Set<String> = []
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "katalog.interrupts")

    private init() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [unowned self] in
                self.step.lock()   // held until exit: no further writes
                self.lock.lock()
                let pending = self.paths
                self.lock.unlock()
                for path in pending { try? FileManager.default.removeItem(atPath: path) }
                FileHandle.standardError.write(Data("Afbrudt – intet er ændret i output-mappen.\n".utf8))
                exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }

    func uninterrupted<T>(_ work: () throws -> T) rethrows -> T {
        step.lock()
        defer { step.unlock() }
        return try work()
    }

    func watch(_ path: String) { lock.lock(); paths.insert(path); lock.unlock() }
    func forget(_ path: String) { lock.lock(); paths.remove(path); lock.unlock() }
}
