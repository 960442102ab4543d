import Foundation

/// A small JSON tree for documents whose shape is set by an outside standard (FHIR, schema.org):
/// built with literals, encoded with sorted keys so the same catalog gives byte-identical files.
public indirect enum JSONValue: Encodable, Equatable, Sendable,
    ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String)
    case number(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// Drops null members and empty arrays and objects (FHIR forbids empty elements).
    public var pruned: JSONValue? {
        switch self {
        case .null: return nil
        case .array(let items):
            let kept = items.compactMap(\.pruned)
            return kept.isEmpty ? nil : .array(kept)
        case .object(let members):
            let kept = members.compactMapValues(\.pruned)
            return kept.isEmpty ? nil : .object(kept)
        case .string(let s): return s.isEmpty ? nil : self
        default: return self
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let s): try container.encode(s)
        case .number(let n): try container.encode(n)
        case .bool(let b): try container.encode(b)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        case .null: try container.encodeNil()
        }
    }

    /// Pretty, sorted, with `/` unescaped; empty and null members dropped unless `pruning` is off.
    public func rendered(pruning: Bool = true) -> String {
        deterministicJSON(pruning ? (pruned ?? .null) : self)
    }
}

extension Optional where Wrapped == String {
    var json: JSONValue { map(JSONValue.string) ?? .null }
}

/// Pretty-printed JSON with sorted keys and `/` unescaped: the same input always gives the same bytes.
func deterministicJSON(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
}
