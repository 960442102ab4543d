import KatalogSupport

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

    // Values are read by key (`FieldKey`), never by a string: see `FieldKeys.swift`.

    public func has(_ key: some FieldKey) -> Bool { values[key.rawValue] != nil }

    public func text(_ key: some FieldKey) -> String? {
        switch values[key.rawValue] {
        case .text(let s), .date(let s): s
        case .integer(let i): String(i)
        case .quantity(let q): q.description
        default: nil
        }
    }

    public func bool(_ key: some FieldKey) -> Bool? {
        if case .bool(let b) = values[key.rawValue] { return b }
        return nil
    }

    /// An exact whole number (a setting such as `lix-grænse`, or a quantity stated exactly).
    public func integer(_ key: some FieldKey) -> Int? {
        switch values[key.rawValue] {
        case .integer(let i): i
        case .quantity(let q): q.exact
        default: nil
        }
    }

    /// A number as stated: exact, a range or approximate.
    public func quantity(_ key: some FieldKey) -> Quantity? {
        switch values[key.rawValue] {
        case .quantity(let q): q
        case .integer(let i): Quantity(i)
        default: nil
        }
    }

    /// What the author wrote as `andet: …` in the field.
    public func otherValues(_ key: some FieldKey) -> [String] { others[key.rawValue] ?? [] }

    /// A list field; empty when absent.
    public func list(_ key: some FieldKey) -> [String] {
        if case .list(let l) = values[key.rawValue] { return l }
        return []
    }

    public func records(_ key: some FieldKey) -> [FieldTable] {
        if case .records(let r) = values[key.rawValue] { return r }
        return []
    }

    /// Whether the key itself is written (a group: whether the group is), whatever its value.
    public func isWritten(_ key: some FieldKey) -> Bool { locations[key.rawValue] != nil }

    /// Choices `katalog new` offered for the key that the author has not decided yet.
    public func isPending(_ key: some FieldKey) -> Bool { pending[key.rawValue] != nil }

    public func location(of key: some FieldKey) -> SourceLocation? { location(of: key.rawValue) }

    /// The location of a key, or of the nearest group above it that is present.
    public func location(of path: String) -> SourceLocation? {
        var parts = path.split(separator: ".")
        while !parts.isEmpty {
            if let location = locations[parts.joined(separator: ".")] { return location }
            parts.removeLast()
        }
        return nil
    }

}
