import Foundation
@testable import KatalogCore
import KatalogSupport
import KatalogExport
import KatalogLoad
import Testing

/// The exports' JSON is written by the program's own writer (for speed); it must be byte for byte
/// what Foundation's JSONEncoder writes, which is what the files were specified against.
@Suite("JSON writing")
struct JSONTests {
    /// Awkward values: escapes, control characters, `</script>`, an empty list, a null, big and
    /// negative numbers, keys Foundation sorts by their bytes.
    static let tricky: JSONValue = [
        "text": "citat \" skråstreg / omvendt \\ linje\n tab\t kontrol \u{1} æøå € </script>",
        "empty": [], "none": .null, "number": -42, "big": .number(9_000_000_000), "flag": true,
        "nested": ["b": [1, 2], "a": [], "å": [3], "B": [4]],
        "objects": [["navn": .null], ["navn": "x"]],
    ]

    func foundation(_ value: JSONValue, pretty: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("pretty and compact output equal JSONEncoder's, for awkward values and for every SOFT record of the example")
    func sameAsFoundation() throws {
        #expect(Self.tricky.rendered(pruning: false) == (try foundation(Self.tricky, pretty: true)))
        #expect(Self.tricky.compact == (try foundation(Self.tricky, pretty: false)))
        let catalog = try ContentLoader().load(root: exampleContent)
        let records = Exporter().records(catalog)
        #expect(records.count == 31)
        for record in records {
            #expect(record.json.rendered(pruning: false) == (try foundation(record.json, pretty: true)))
        }
    }

    @Test("indented output is the pretty output with every line but the first indented")
    func indented() throws {
        func indentLines(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
        }
        #expect("    " + Self.tricky.rendered(pruning: false, indent: 4) == indentLines(try foundation(Self.tricky, pretty: true)))
    }

    @Test("pruning while writing drops exactly what `pruned` drops")
    func pruning() {
        let value: JSONValue = [
            "keep": "x", "empty": "", "none": .null, "list": ["", .null, "y", [:], ["a": .null]],
            "nested": ["gone": ["deeper": .null, "also": []], "kept": ["n": 0, "f": false]],
            "allGone": [.null, ""], "many": .array((0..<300).map { $0 % 3 == 0 ? .null : .number($0) }),
        ]
        #expect(value.rendered() == (value.pruned ?? .null).rendered(pruning: false))
        #expect(value.rendered(indent: 4) == (value.pruned ?? .null).rendered(pruning: false, indent: 4))
        #expect(JSONValue.array([.null, ""]).rendered() == "null")
    }

    @Test("objects order their keys by UTF-8 bytes, and a repeated key keeps its last value")
    func objectOrder() {
        let alphabet = ["a", "b", "å", "B", "_", "ø", "Z", "aaaaaaa", "resource", "z"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let pairs: [(String, JSONValue)] = (0..<Int.random(in: 0..<30, using: &generator)).map { index in
                ((0..<Int.random(in: 0..<4, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined(), .number(index))
            }
            let expected = Dictionary(pairs, uniquingKeysWith: { _, last in last })
                .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            let object = JSONObject(pairs)
            #expect(object.members.map(\.key) == expected.map(\.key))
            #expect(object.members.map(\.value) == expected.map(\.value))
        }
    }
}
