/// A validated front-matter value.
public enum FieldValue: Sendable, Hashable {
    case text(String)
    case bool(Bool)
    case integer(Int)
    /// A number as offers state it: exact, a range or approximate.
    case quantity(Quantity)
    case date(String)
    case list([String])
    case records([FieldTable])
    /// Text from `katalog new` the author has not replaced yet (`UDFYLD …`, `VÆLG …`): the field
    /// states nothing, and rule UDFYLD reports it.
    case placeholder(String)
}

/// The validated front matter of one file: values and key locations by dotted path
/// (`målgruppe.diagnoser`, `test.slut`). Groups have a location but no value of their own.
public struct FieldTable: Sendable, Hashable {
    public var values: [String: FieldValue] = [:]
    public var locations: [String: SourceLocation] = [:]
    /// What an author wrote as `andet: …` in a field with codes: shown and exported as written,
    /// but no code, so a rule that needs one treats it as not shown.
    public var others: [String: [String]] = [:]
    /// Choices `katalog new` offered that the author has not decided yet (`VÆLG stopdato`), by path.
    public var pending: [String: [String]] = [:]

    public init() {}

    public func has(_ path: String) -> Bool { values[path] != nil }

    public func text(_ path: String) -> String? {
        switch values[path] {
        case .text(let s), .date(let s): s
        case .integer(let i): String(i)
        case .quantity(let q): q.description
        default: nil
        }
    }

    public func bool(_ path: String) -> Bool? {
        if case .bool(let b) = values[path] { return b }
        return nil
    }

    /// An exact whole number (a setting such as `lix-grænse`, or a quantity stated exactly).
    public func integer(_ path: String) -> Int? {
        switch values[path] {
        case .integer(let i): i
        case .quantity(let q): q.exact
        default: nil
        }
    }

    /// A number as stated: exact, a range or approximate.
    public func quantity(_ path: String) -> Quantity? {
        switch values[path] {
        case .quantity(let q): q
        case .integer(let i): Quantity(i)
        default: nil
        }
    }

    /// What the author wrote as `andet: …` in the field.
    public func otherValues(_ path: String) -> [String] { others[path] ?? [] }

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
