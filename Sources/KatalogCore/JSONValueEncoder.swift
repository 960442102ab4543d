import Foundation

/// Encodes `Encodable` values into `JSONValue` trees, which `JSONValue.rendered` writes byte for
/// byte as Foundation's JSONEncoder would (pretty and sorted, or compact and sorted) but several
/// times faster: the SOFT records and the search index are encoded once per module.
/// Supports what the exports use (strings, integers, booleans, null, arrays, objects); any other
/// value throws, and `deterministicJSON` then falls back to JSONEncoder.
enum JSONValueEncoder {
    struct Unsupported: Error {}

    static func encode(_ value: some Encodable) throws -> JSONValue {
        let root = Slot()
        try value.encode(to: TreeEncoder(slot: root, codingPath: []))
        return root.value
    }
}

/// Where an encoded value goes: containers hold slots of their elements and assemble the tree
/// when it is read.
private final class Slot {
    private var scalar: JSONValue = .null
    /// In the order encoded; of a key encoded twice the last counts, as with JSONEncoder.
    private var members: [(String, Slot)]?
    private var items: [Slot]?

    var value: JSONValue {
        if let members { return .object(JSONObject(members.lazy.map { ($0.0, $0.1.value) })) }
        if let items { return .array(items.map(\.value)) }
        return scalar
    }

    func set(_ value: JSONValue) {
        scalar = value
        members = nil
        items = nil
    }

    func object() -> Slot {
        if members == nil { members = []; items = nil }
        return self
    }

    func array() -> Slot {
        if items == nil { items = []; members = nil }
        return self
    }

    func member(_ key: String) -> Slot {
        let slot = Slot()
        members?.append((key, slot))
        return slot
    }

    func append() -> Slot {
        let slot = Slot()
        items?.append(slot)
        return slot
    }

    var count: Int { items?.count ?? 0 }
}

private struct TreeEncoder: Encoder {
    let slot: Slot
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedTree<Key>(slot: slot.object(), codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        UnkeyedTree(slot: slot.array(), codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer {
        SingleTree(slot: slot, codingPath: codingPath)
    }
}

/// The scalar cases (and optional scalars and lists of text, which the exports have many of);
/// anything else is encoded through its own `encode(to:)`. Exact types are recognised by their
/// metatype, which costs far less than a cast to a protocol.
private func scalar<T: Encodable>(_ value: T) throws -> JSONValue? {
    if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
    if T.self == String?.self { return unsafeBitCast(value, to: String?.self).map(JSONValue.string) ?? .null }
    if T.self == [String].self { return .array(unsafeBitCast(value, to: [String].self).map(JSONValue.string)) }
    if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
    if T.self == Int.self { return .number(unsafeBitCast(value, to: Int.self)) }
    if T.self == Int?.self { return unsafeBitCast(value, to: Int?.self).map(JSONValue.number) ?? .null }
    switch value {
    case let number as any BinaryInteger:
        guard let exact = Int(exactly: number) else { throw JSONValueEncoder.Unsupported() }
        return .number(exact)
    case is Double, is Float, is Decimal: throw JSONValueEncoder.Unsupported()
    default: return nil
    }
}

private func encode(_ value: some Encodable, into slot: Slot, codingPath: @autoclosure () -> [CodingKey]) throws {
    if let scalar = try scalar(value) {
        slot.set(scalar)
    } else {
        try value.encode(to: TreeEncoder(slot: slot, codingPath: codingPath()))
    }
}

private struct KeyedTree<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    let codingPath: [CodingKey]

    mutating func encodeNil(forKey key: Key) throws { slot.member(key.stringValue).set(.null) }
    mutating func encode(_ value: String, forKey key: Key) throws { slot.member(key.stringValue).set(.string(value)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { slot.member(key.stringValue).set(.bool(value)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { slot.member(key.stringValue).set(.number(value)) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try KatalogCore.encode(value, into: slot.member(key.stringValue), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedTree<NestedKey>(slot: slot.member(key.stringValue).object(), codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        UnkeyedTree(slot: slot.member(key.stringValue).array(), codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> Encoder { TreeEncoder(slot: slot.member("super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> Encoder { TreeEncoder(slot: slot.member(key.stringValue), codingPath: codingPath + [key]) }
}

private struct UnkeyedTree: UnkeyedEncodingContainer {
    let slot: Slot
    let codingPath: [CodingKey]
    var count: Int { slot.count }

    mutating func encodeNil() throws { slot.append().set(.null) }
    mutating func encode(_ value: String) throws { slot.append().set(.string(value)) }
    mutating func encode(_ value: Bool) throws { slot.append().set(.bool(value)) }
    mutating func encode(_ value: Int) throws { slot.append().set(.number(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try KatalogCore.encode(value, into: slot.append(), codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedTree<NestedKey>(slot: slot.append().object(), codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        UnkeyedTree(slot: slot.append().array(), codingPath: codingPath)
    }

    mutating func superEncoder() -> Encoder { TreeEncoder(slot: slot.append(), codingPath: codingPath) }
}

private struct SingleTree: SingleValueEncodingContainer {
    let slot: Slot
    let codingPath: [CodingKey]

    mutating func encodeNil() throws { slot.set(.null) }
    mutating func encode(_ value: String) throws { slot.set(.string(value)) }
    mutating func encode(_ value: Bool) throws { slot.set(.bool(value)) }
    mutating func encode(_ value: Int) throws { slot.set(.number(value)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try KatalogCore.encode(value, into: slot, codingPath: codingPath)
    }
}
