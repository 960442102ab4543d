import Foundation

/// A small JSON tree for documents whose shape is set by an outside standard (FHIR, schema.org):
/// built with literals, encoded with sorted keys so the same catalog gives byte-identical files.
/// Objects keep their members sorted from the start (`JSONObject`), so writing neither hashes nor sorts.
public enum JSONValue: Encodable, Equatable, Sendable,
    ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String)
    case number(Int)
    case bool(Bool)
    case array([JSONValue])
    case object(JSONObject)
    case null

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements))
    }

    /// Drops null members and empty arrays and objects (FHIR forbids empty elements).
    public var pruned: JSONValue? {
        switch self {
        case .null: return nil
        case .array(let items):
            let kept = items.compactMap(\.pruned)
            return kept.isEmpty ? nil : .array(kept)
        case .object(let object):
            let kept = object.members.compactMap { member in member.value.pruned.map { (member.key, $0) } }
            return kept.isEmpty ? nil : .object(JSONObject(sorted: kept))
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
        case .object(let o): try container.encode(Dictionary(o.members, uniquingKeysWith: { _, last in last }))
        case .null: try container.encodeNil()
        }
    }

    /// Pretty, sorted, with `/` unescaped; empty and null members dropped unless `pruning` is off.
    /// Byte for byte what Foundation's JSONEncoder writes with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`
    /// (JSONTests compares them), several times faster.
    /// `indent`: the indentation of the line the value starts on (for a value placed inside a
    /// container by hand); nested lines are indented from there.
    public func rendered(pruning: Bool = true, indent: Int = 0) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        if pruning {
            if !writePruned(to: &out, indent: indent) { out.append(contentsOf: "null".utf8) }
        } else {
            write(to: &out, indent: indent)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// On one line, keys sorted, as JSONEncoder writes with `.sortedKeys` (no null members dropped).
    public var compact: String {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        writeCompact(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func writeCompact(to out: inout [UInt8]) {
        switch self {
        case .array(let items):
            out.append(0x5B)
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(0x2C) }
                item.writeCompact(to: &out)
            }
            out.append(0x5D)
        case .object(let object):
            out.append(0x7B)
            for (index, member) in object.members.enumerated() {
                if index > 0 { out.append(0x2C) }
                Self.writeString(member.key, to: &out)
                out.append(0x3A)
                member.value.writeCompact(to: &out)
            }
            out.append(0x7D)
        default:
            write(to: &out, indent: 0)
        }
    }

    /// Writes the value pretty-printed, everything in it.
    private func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .string(let s): Self.writeString(s, to: &out)
        case .number(let n): out.append(contentsOf: String(n).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let items) where items.count >= 256:
            // Long arrays (a bundle of thousands of services) are written element by element in parallel.
            let parts = Parallel.map(items) { item in
                var part: [UInt8] = []
                item.write(to: &part, indent: indent + 2)
                return part
            }
            Self.writeContainer(items.count, open: 0x5B, close: 0x5D, indent: indent, to: &out) { index, out in
                out.append(contentsOf: parts[index])
            }
        case .array(let items):
            Self.writeContainer(items.count, open: 0x5B, close: 0x5D, indent: indent, to: &out) { index, out in
                items[index].write(to: &out, indent: indent + 2)
            }
        case .object(let object):
            let members = object.members
            Self.writeContainer(members.count, open: 0x7B, close: 0x7D, indent: indent, to: &out) { index, out in
                Self.writeString(members[index].key, to: &out)
                out.append(contentsOf: " : ".utf8)
                members[index].value.write(to: &out, indent: indent + 2)
            }
        }
    }

    /// Writes the value as `pruned` leaves it, in one pass: each element is written and taken back
    /// if it turns out empty. Returns false, having written nothing, when nothing is left.
    private func writePruned(to out: inout [UInt8], indent: Int) -> Bool {
        switch self {
        case .null: return false
        case .string(let s) where s.isEmpty: return false
        case .string, .number, .bool:
            write(to: &out, indent: indent)
            return true
        case .array(let items) where items.count >= 256:
            let parts = Parallel.map(items) { item -> [UInt8]? in
                var part: [UInt8] = []
                return item.writePruned(to: &part, indent: indent + 2) ? part : nil
            }
            let kept = parts.compactMap { $0 }
            guard !kept.isEmpty else { return false }
            Self.writeContainer(kept.count, open: 0x5B, close: 0x5D, indent: indent, to: &out) { index, out in
                out.append(contentsOf: kept[index])
            }
            return true
        case .array(let items):
            return Self.writePrunedContainer(items.count, open: 0x5B, close: 0x5D, indent: indent, to: &out) { index, out in
                items[index].writePruned(to: &out, indent: indent + 2)
            }
        case .object(let object):
            let members = object.members
            return Self.writePrunedContainer(members.count, open: 0x7B, close: 0x7D, indent: indent, to: &out) { index, out in
                Self.writeString(members[index].key, to: &out)
                out.append(contentsOf: " : ".utf8)
                return members[index].value.writePruned(to: &out, indent: indent + 2)
            }
        }
    }

    /// `writeContainer` for elements that may come out empty (`element` returns false): those are
    /// taken back, and so is the container when none is left (then false).
    private static func writePrunedContainer(_ count: Int, open: UInt8, close: UInt8, indent: Int, to out: inout [UInt8],
                                             _ element: (Int, inout [UInt8]) -> Bool) -> Bool {
        let start = out.count
        out.append(open)
        out.append(0x0A)
        var written = 0
        for index in 0..<count {
            let mark = out.count
            if written > 0 {
                out.append(0x2C)
                out.append(0x0A)
            }
            out.append(contentsOf: repeatElement(0x20, count: indent + 2))
            if element(index, &out) { written += 1 } else { out.removeLast(out.count - mark) }
        }
        guard written > 0 else {
            out.removeLast(out.count - start)
            return false
        }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: indent))
        out.append(close)
        return true
    }

    private static func writeContainer(_ count: Int, open: UInt8, close: UInt8, indent: Int, to out: inout [UInt8],
                                       _ element: (Int, inout [UInt8]) -> Void) {
        out.append(open)
        out.append(0x0A)
        if count == 0 { out.append(0x0A) }
        for index in 0..<count {
            out.append(contentsOf: repeatElement(0x20, count: indent + 2))
            element(index, &out)
            if index < count - 1 { out.append(0x2C) }
            out.append(0x0A)
        }
        out.append(contentsOf: repeatElement(0x20, count: indent))
        out.append(close)
    }

    private static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            // Runs without a byte to escape are copied whole.
            var start = 0
            for index in 0..<bytes.count where bytes[index] == 0x22 || bytes[index] == 0x5C || bytes[index] < 0x20 {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                escape(bytes[index], to: &out)
                start = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        out.append(0x22)
    }

    private static func escape(_ byte: UInt8, to out: inout [UInt8]) {
        switch byte {
        case 0x22: out.append(contentsOf: #"\""#.utf8)
        case 0x5C: out.append(contentsOf: #"\\"#.utf8)
        case 0x0A: out.append(contentsOf: #"\n"#.utf8)
        case 0x0D: out.append(contentsOf: #"\r"#.utf8)
        case 0x09: out.append(contentsOf: #"\t"#.utf8)
        case 0x08: out.append(contentsOf: #"\b"#.utf8)
        case 0x0C: out.append(contentsOf: #"\f"#.utf8)
        default:
            let hex = Array("0123456789abcdef".utf8)
            out.append(contentsOf: #"\u00"#.utf8)
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0x0F)])
        }
    }
}

/// A JSON object's members, sorted as Foundation's `.sortedKeys` sorts them (by the keys' UTF-8
/// bytes), each key once.
public struct JSONObject: Equatable, Sendable, ExpressibleByDictionaryLiteral {
    public typealias Member = (key: String, value: JSONValue)
    public let members: [Member]

    /// Members in any order; of a repeated key, the last one counts (as in a dictionary literal).
    /// An array rather than any sequence: called from another module, a generic initializer runs
    /// unspecialised, reading its sequence through witness tables (the SOFT records' `zip` took
    /// 2.8 % of a 10,000-module build's CPU samples there).
    public init(_ members: [(String, JSONValue)]) {
        var items = members
        guard items.count > 1 else {
            self.members = items.map { Member(key: $0.0, value: $0.1) }
            return
        }
        // Keys that are equal as Swift compares text but differ in their bytes (canonically
        // equivalent: `é` and `e\u{301}`) are one key, as in a Dictionary and so in JSONEncoder: the
        // first spelling with the last value. Only keys that NFC could change can be such keys.
        if !items.allSatisfy({ $0.0.isKnownNFC }) {
            var positions: [String: Int] = [:]
            var unique: [(String, JSONValue)] = []
            for (key, value) in items {
                if let position = positions[key] {
                    unique[position].1 = value
                } else {
                    positions[key] = unique.count
                    unique.append((key, value))
                }
            }
            items = unique
        }
        // Positions sorted by key, and a repeated key by position, so the last of each run is the
        // one to keep. Keys are told apart by their first eight bytes where they can be.
        let prefixes = items.map { Self.prefix($0.0) }
        let order = items.indices.sorted { a, b in
            if prefixes[a] != prefixes[b] { return prefixes[a] < prefixes[b] }
            let order = Self.compare(items[a].0, items[b].0)
            return order == 0 ? a < b : order < 0
        }
        var unique: [Member] = []
        unique.reserveCapacity(items.count)
        for index in order {
            let (key, value) = items[index]
            if let last = unique.last, last.key == key { unique[unique.count - 1] = (key, value) } else { unique.append((key, value)) }
        }
        self.members = unique
    }

    /// The first eight UTF-8 bytes as a big-endian number (zeros after a shorter key), so that
    /// comparing prefixes compares keys by their bytes as far as they go.
    private static func prefix(_ key: String) -> UInt64 {
        var value: UInt64 = 0, count = 0
        for byte in key.utf8 {
            if count == 8 { break }
            value = value << 8 | UInt64(byte)
            count += 1
        }
        return count == 0 ? 0 : value << (8 * (8 - count))
    }

    public init(_ dictionary: [String: JSONValue]) {
        self.init(dictionary.map { ($0.key, $0.value) })
    }

    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }

    /// Members already sorted and unique (taken from another object).
    init(sorted members: [(String, JSONValue)]) {
        self.members = members.map { Member(key: $0.0, value: $0.1) }
    }

    /// The order of two keys by their UTF-8 bytes (negative, zero, positive).
    static func compare(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                if common > 0 {
                    let order = memcmp(x.baseAddress!, y.baseAddress!, common)
                    if order != 0 { return Int(order) }
                }
                return x.count - y.count
            }
        }
    }

    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        a.members.count == b.members.count && zip(a.members, b.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

extension Optional where Wrapped == String {
    public var json: JSONValue { map(JSONValue.string) ?? .null }
}
