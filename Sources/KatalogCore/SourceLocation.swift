import KatalogSupport

/// A place in a catalog file, as people count: lines and columns start at 1.
/// `file` is relative to the catalog root's parent, e.g. `Content/fjordby/traening.md`.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// A problem with the input that stops a build: broken YAML, an unknown key, a wrong type, a duplicate id.
/// Messages are Danish because content authors read them.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String
    /// An optional suggestion, e.g. "mente du `målgruppe`?"
    public var hint: String?
    /// What kind of problem it is, as the rule ID of its finding: `FIL` (the file as a whole),
    /// `FELT` (a key or a value), `YAML` (how the fields are written), `LINK` (a link in the text).
    public var rule: String

    public init(_ location: SourceLocation, _ message: String, hint: String? = nil, rule: String = "FIL") {
        self.rule = rule
        self.location = location
        // Messages quote content; what reaches a terminal or a report must not carry control characters.
        self.location.file = ControlCharacters.visible(location.file)
        self.message = ControlCharacters.visible(message)
        self.hint = hint.map(ControlCharacters.visible)
    }

    /// A problem with a link in a module's text.
    public static func link(_ location: SourceLocation, _ message: String, hint: String? = nil) -> InputError {
        InputError(location, message, hint: hint, rule: "LINK")
    }

    public var description: String {
        var text = "\(location): fejl: \(message)"
        if let hint { text += " (\(hint))" }
        return text
    }
}

/// Several input errors, collected so an author sees all of them at once rather than one per run.
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public var errors: [InputError]
    public init(_ errors: [InputError]) { self.errors = errors.sorted { $0.location < $1.location } }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
