import Foundation

/// Where commands write. The real one writes to stdout/stderr; tests capture into strings.
public final class Console: @unchecked Sendable {
    private let lock = NSLock()
    private let capture: Bool
    public private(set) var output = ""
    public private(set) var errors = ""

    public init(capture: Bool = false) { self.capture = capture }

    public static var standard: Console { Console() }

    public func out(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        if capture { output += text + "\n" } else { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
    }

    public func err(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        if capture { errors += text + "\n" } else { FileHandle.standardError.write(Data((text + "\n").utf8)) }
    }
}

/// Exit codes, as CI expects them (and as Vale and Spectral use them).
public enum Exit {
    public static let ok: Int32 = 0
    /// The catalog has errors (findings, or content that cannot be built).
    public static let findings: Int32 = 1
    /// The tool could not run: missing folder, bad arguments, unwritable output.
    public static let usage: Int32 = 2
}
