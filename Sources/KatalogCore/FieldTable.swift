/// A validated front-matter value.
public enum FieldValue: Sendable, Hashable {
    case text(String)
    case bool(Bool)
    case integer(Int)
    case date(String)
    case list([String])
    case records([FieldTable])
}

/// The validated front matter of one file: values and key locations by dotted path
/// (`målgruppe.diagnoser`, `test.slut`). Groups have a location but no value of their own.
public struct FieldTable: Sendable, Hashable {
    public var values: [String: FieldValue] = [:]
    public var locations: [String: SourceLocation] = [:]

    public init() {}

    public func has(_ path: String) -> Bool { values[path] != nil }

    public func text(_ path: String) -> String? {
        switch values[path] {
        case .text(let s), .date(let s): s
        case .integer(let i): String(i)
        default: nil
        }
    }

    public func bool(_ path: String) -> Bool? {
        if case .bool(let b) = values[path] { return b }
        return nil
    }

    public func integer(_ path: String) -> Int? {
        if case .integer(let i) = values[path] { return i }
        return nil
    }

    /// A list field; empty when absent.
    public func list(_ path: String) -> [String] {
        if case .list(let l) = values[path] { return l }
        return []
    }

    public func records(_ path: String) -> [FieldTable] {
        if case .records(let r) = values[path] { return r }
        return []
    }

    /// The location of a key, or of the nearest group above it that is present.
    public func location(of path: String) -> SourceLocation? {
        var parts = path.split(separator: ".")
        while !parts.isEmpty {
            if let location = locations[parts.joined(separator: ".")] { return location }
            parts.removeLast()
        }
        return nil
    }

    /// True when any key below `prefix.` is present (or the group itself).
    public func hasGroup(_ prefix: String) -> Bool {
        locations[prefix] != nil
    }
}
