import Foundation
@testable import KatalogCore
import KatalogSupport
@testable import KatalogLoad
@testable import KatalogSite
import Mustache
import Testing
import Yams

/// The program replaces three library functions with its own faster ones: composing YAML (Yams),
/// escaping HTML (swift-mustache) and writing JSON (Foundation's JSONEncoder). Each is compared here
/// with the library it replaces over thousands of generated inputs, nasty Unicode included. The
/// inputs come from a seeded generator, so every run tests the same cases.
@Suite("Replacements against the libraries they replace")
struct DifferentialTests {
    // MARK: - YAML: YAMLDocument.compose against Yams.compose

    /// Compared: the outcome (a tree, no document, or a failure and which), the tree's shape, every
    /// scalar's text (scalar by scalar) and plain/quoted style, every node's line and column, and
    /// for a failure libyaml's problem, context and position, or the duplicated keys.
    ///
    /// Yams composes with its basic resolver (no implicit types), under which an untagged key is text
    /// however it is written, as the catalog's reader reads keys: with the default resolver, Yams tells
    /// `1:` from `"1":` (an integer and a text), which are one field to us (`duplicateKeysAreText`).
    /// Intended differences, checked as such: anchors and aliases are refused (`&a`, `*a`: a small file
    /// could expand into a huge tree), and so is nesting deeper than `YAMLDocument.maximumDepth`.
    /// One difference is Yams': it drops a U+FEFF at the start of a scalar (`"\uFEFFx"` is `x` to it).
    @Test("YAMLDocument composes what Yams composes: shape, text, style, positions, and the same failures")
    func yamlAgainstYams() throws {
        var random = SplitMix64(seed: 0x59414D4C)
        var outcomes: [String: Int] = [:]
        var failures: [String] = []
        var documents = YAMLGenerator.fixed
        for _ in 0..<6000 { documents.append(YAMLGenerator.document(&random)) }
        for yaml in documents {
            let (outcome, problem) = Self.compareYAML(yaml)
            outcomes[outcome, default: 0] += 1
            if let problem { failures.append("\(problem)\n--- YAML ---\n\(yaml.debugDescription)") }
        }
        #expect(failures.isEmpty, "\(failures.count) differences; the first: \(failures.prefix(3).joined(separator: "\n\n"))")
        // The generator reaches every outcome, and mostly valid documents.
        #expect(outcomes["tree", default: 0] > 3000, "\(outcomes)")
        #expect(outcomes["syntax", default: 0] > 500, "\(outcomes)")
        #expect(outcomes["duplicate keys", default: 0] > 100, "\(outcomes)")
        #expect(outcomes["reader", default: 0] > 20, "\(outcomes)")
        #expect(outcomes["anchor (refused, intended)", default: 0] > 20, "\(outcomes)")
        #expect(outcomes["too deep (refused, intended)", default: 0] > 10, "\(outcomes)")
        #expect(outcomes["no document", default: 0] > 10, "\(outcomes)")
    }

    @Test("duplicate keys are compared as text: `1` and \"1\" are one key to us, two to Yams' default resolver")
    func duplicateKeysAreText() throws {
        let yaml = "1: a\n\"1\": b\n"
        #expect(throws: (any Error).self) { try Yams.compose(yaml: yaml, .basic) }
        #expect(throws: Never.self) { try Yams.compose(yaml: yaml) }
        #expect {
            _ = try YAMLDocument.compose(yaml)
        } throws: { error in
            if case .duplicateKeys(["1"]) = error as? YAMLProblem { true } else { false }
        }
    }

    /// The outcome's name, and what differs (nil when nothing does).
    static func compareYAML(_ yaml: String) -> (String, String?) {
        let ours = Result { () throws(YAMLProblem) in try YAMLDocument.compose(yaml) }
        let theirs = Result { try Yams.compose(yaml: yaml, .basic) }
        let (outcome, difference) = compare(ours, theirs, yaml: yaml)
        // Yams drops a U+FEFF that starts a key (see `YAMLComparison.difference`), so `"\uFEFF":`
        // and `"":` are one key to Yams, two to us.
        if difference != nil, case .failure(YamlError.duplicatedKeysInMapping) = theirs, YAMLComparison.mentionsByteOrderMark(yaml) {
            return ("Yams without a leading U+FEFF in a key (intended)", nil)
        }
        return (outcome, difference)
    }

    static func compare(_ ours: Result<YAMLNode?, YAMLProblem>, _ theirs: Result<Yams.Node?, any Error>, yaml: String) -> (String, String?) {
        switch (ours, theirs) {
        case (.success(.none), .success(.none)):
            return ("no document", nil)
        case let (.success(mine?), .success(their?)):
            var byteOrderMarks = 0
            let difference = YAMLComparison.difference(mine, their, at: "/", byteOrderMarks: &byteOrderMarks)
            return (byteOrderMarks > 0 ? "tree, Yams without a leading U+FEFF (intended)" : "tree", difference)
        case (.success(.some), .success(.none)), (.success(.none), .success(.some)):
            return ("differs", "one found a document, the other none")
        case let (.success(mine), .failure(error)):
            return ("differs", "we composed \(mine.map { "\($0)" } ?? "nothing"), Yams failed: \(error)")
        case let (.failure(problem), .success(their)):
            switch problem {
            case .anchor:
                // Yams resolves what we refuse; the document does have an anchor or alias.
                return ("anchor (refused, intended)", yaml.utf8.contains(0x26) || yaml.utf8.contains(0x2A) ? nil : "anchor refused in a document without & or *")
            case .tooDeep:
                let depth = their.map(YAMLComparison.depth) ?? 0
                return ("too deep (refused, intended)", depth > YAMLDocument.maximumDepth ? nil : "refused as too deep, Yams' tree is \(depth) deep")
            default:
                return ("differs", "we failed with \(problem), Yams composed \(their.map { "\($0)" } ?? "nothing")")
            }
        case let (.failure(problem), .failure(error)):
            return YAMLComparison.sameFailure(problem, error, yaml: yaml)
        }
    }

    // MARK: - HTML: FastHTMLEscaping against swift-mustache's `{{x}}`

    /// swift-mustache escapes per Character (grapheme cluster): it looks each one up among `<`, `>`,
    /// `&`, `"` and `'`, so a `"` followed by a combining mark (U+0301), a variation selector or a
    /// zero-width joiner, or preceded by a prepended mark (U+0600), is one Character it leaves as it
    /// is, and a raw `"` ends up inside an attribute value. Ours escapes every such byte wherever it
    /// stands. That is the one intended difference: everywhere else the outputs are equal.
    @Test("FastHTMLEscaping equals swift-mustache's escaping, except that it also escapes <>&\"' inside grapheme clusters")
    func htmlAgainstMustache() throws {
        let template = try MustacheTemplate(string: "{{x}}")
        var random = SplitMix64(seed: 0x48544D4C)
        var inputs: [String] = [""]
        for special in NastyText.specials {
            for mark in NastyText.joiners { inputs += [special + mark, "a" + special + mark + "b", mark + special, "\u{600}" + special] }
        }
        for index in 0..<8000 { inputs.append(NastyText.text(&random, from: index.isMultiple(of: 2) ? NastyText.pieces : NastyText.unclustered)) }
        var clustered = 0, failures: [String] = []
        for text in inputs {
            let ours = FastHTMLEscaping.escape(text)
            let theirs = template.render(["x": text])
            if let raw = ours.utf8.first(where: { [0x3C, 0x3E, 0x22, 0x27].contains($0) }) {
                failures.append("raw \(Character(Unicode.Scalar(raw))) in our output for \(text.debugDescription)")
            }
            if !HTMLComparison.unescaped(ours).elementsEqual(text.utf8) {
                failures.append("unescaping our output does not give back \(text.debugDescription)")
            }
            if HTMLComparison.hasSpecialInCluster(text) {
                clustered += 1
                if ours.utf8.elementsEqual(theirs.utf8) { failures.append("swift-mustache escaped a cluster in \(text.debugDescription)") }
                if !HTMLComparison.hasSpecialInCluster(theirs) {
                    failures.append("swift-mustache left no character of <>&\"' raw for \(text.debugDescription)")
                }
                if !ours.utf8.elementsEqual(HTMLComparison.escapingInsideClusters(theirs).utf8) {
                    failures.append("beyond the clusters, ours differs from swift-mustache's for \(text.debugDescription): \(ours.debugDescription) vs \(theirs.debugDescription)")
                }
            } else if !ours.utf8.elementsEqual(theirs.utf8) {
                failures.append("differs for \(text.debugDescription): \(ours.debugDescription) vs \(theirs.debugDescription)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures; the first: \(failures.prefix(5).joined(separator: "\n"))")
        #expect(clustered > 2000 && clustered < inputs.count - 2000, "inputs where swift-mustache leaves a character of <>&\"' unescaped: \(clustered) of \(inputs.count)")
    }

    // MARK: - JSON: the writer against JSONEncoder

    /// `JSONValue.rendered` claims JSONEncoder's bytes with `[.prettyPrinted, .sortedKeys,
    /// .withoutEscapingSlashes]`, `compact` with `[.sortedKeys, .withoutEscapingSlashes]`;
    /// `rendered()` (pruning) is the pretty output of `pruned`. What it writes must read back, with
    /// JSONDecoder, as the value. (This found that keys equal only canonically, `é` and `e\u{301}`,
    /// were one key or two depending on the keys between them; now one, as in JSONEncoder.)
    @Test("the JSON writer writes JSONEncoder's bytes for random values, pretty, compact and pruned, and they read back as the value")
    func jsonValuesAgainstJSONEncoder() throws {
        var random = SplitMix64(seed: 0x4A534F4E)
        var failures: [String] = []
        for index in 0..<4000 {
            let value = JSONGenerator.value(&random, depth: index % 5 == 0 ? 0 : 2)
            let pretty = try JSONComparison.foundation(value, pretty: true)
            let ours = value.rendered(pruning: false)
            if !ours.utf8.elementsEqual(pretty.utf8) { failures.append("pretty: " + JSONComparison.firstDifference(ours, pretty)) }
            let compact = try JSONComparison.foundation(value, pretty: false)
            if !value.compact.utf8.elementsEqual(compact.utf8) { failures.append("compact: \(value.compact.debugDescription) vs \(compact.debugDescription)") }
            let pruned = try JSONComparison.foundation(value.pruned ?? .null, pretty: true)
            if !value.rendered().utf8.elementsEqual(pruned.utf8) { failures.append("pruned: \(value.rendered().debugDescription) vs \(pruned.debugDescription)") }
            let indented = JSONComparison.indentLines(pretty, by: 4)
            if !("    " + value.rendered(pruning: false, indent: 4)).utf8.elementsEqual(indented.utf8) { failures.append("indented: \(value)") }
            do {
                let decoded = try JSONDecoder().decode(Decoded.self, from: Data(ours.utf8))
                if !decoded.matches(value) { failures.append("reads back as \(decoded), not \(value)") }
            } catch {
                failures.append("does not read back: \(ours.debugDescription): \(error)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures; the first: \(failures.prefix(3).joined(separator: "\n"))")
    }
}

// MARK: - Generating inputs

/// SplitMix64: small, fast, and the same numbers from the same seed on every machine.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Text that breaks naive code: marks that join the character before them, emoji sequences,
/// decomposed Danish letters, control characters, line separators, characters beyond the BMP.
enum NastyText {
    static let specials = ["\"", "'", "<", ">", "&"]
    /// Scalars that make one grapheme cluster with the character before them.
    static let joiners = ["\u{301}", "\u{308}", "\u{338}", "\u{20D2}", "\u{FE0F}", "\u{200D}", "\u{903}", "\u{301}\u{308}"]
    static let pieces: [String] = [
        "a", "Z", "0", "42", " ", "  ", "kol", "Træning", "på hold", "æ", "ø", "å", "Æ", "Ø", "Å",
        "a\u{30A}", "A\u{30A}", "e\u{301}", "o\u{308}", "å".decomposedStringWithCanonicalMapping,
        "👩‍👩‍👧", "🏳️‍🌈", "👍🏽", "\u{1F600}", "\u{10000}", "\u{10FFFF}", "\u{FFFF}", "\u{FEFF}", "\u{E000}",
        "\u{0}", "\u{1}", "\u{8}", "\t", "\n", "\u{B}", "\u{C}", "\r", "\r\n", "\u{1B}", "\u{1F}", "\u{7F}",
        "\u{85}", "\u{A0}", "\u{2028}", "\u{2029}", "\u{600}", "\u{200B}",
        "\\", "/", ":", "#", "-", "?", ",", "[", "]", "{", "}", "|", "*", "!", "%", "@", "`", "~", "=",
        "&amp;", "&lt;", "&#39;", "</script>", "\\u0041", "\\n",
    ] + specials + specials + specials.flatMap { special in joiners.map { special + $0 } }

    /// The pieces without a character of `<>&"'` joined to a mark.
    static let unclustered = pieces.filter { !$0.unicodeScalars.contains(where: HTMLComparison.isSpecial) || $0.count == $0.unicodeScalars.count }

    static func text(_ random: inout SplitMix64, pieces count: Int = 12, from pieces: [String] = pieces) -> String {
        var text = ""
        for _ in 0..<random.below(count + 1) { text += random.pick(pieces) }
        return text
    }
}

/// YAML documents from random trees, written in block and flow style with every scalar style,
/// tags, comments and document markers, some with duplicated keys, anchors or deep nesting, and a
/// third of them broken afterwards (cut short, a character dropped or added, lines moved).
enum YAMLGenerator {
    indirect enum Tree {
        case scalar(String, Style, tag: String?)
        case sequence([Tree])
        case mapping([(key: String, style: Style, value: Tree)])
        /// Written as it is, where a scalar would stand: an anchor, an alias, deep nesting.
        case raw(String)
    }

    enum Style: CaseIterable { case plain, single, double, literal, folded }

    /// Documents at the edges: empty, comments only, markers only, a bare scalar, the BOM.
    static let fixed = [
        "", "\n", "# kun en kommentar\n", "---\n", "--- \n...\n", "...\n", "~", "null", "\"\"", "''", "-", "- ", "? a\n: b\n",
        "\u{FEFF}titel: x\n", "a: b\n---\nc: d\n", "a: b\n...\n---\n", "%YAML 1.1\n---\na: 1\n", "%YAML 1.2\n---\na: 1\n",
        "%TAG ! tag:example.dk,2024:\n---\na: !x 1\n", "a: [b, {c: d}, [e]]\n", "{a: b, a: c}", "[a, b", "a: 'b", "a: \"b\\q\"",
        "a: |\n  x\n b\n", "a:\n- b\n- c\n", "a:\n  - b\n  -\n", "a: b: c", "a: &x 1\nb: *x\n", "a: *x\n", "\t- a\n",
        "a: \u{0}\n", "a: \"\\x\"\n", "a: \"\\uD800\"\n", String(repeating: "[", count: 64) + String(repeating: "]", count: 64),
        String(repeating: "[", count: 65) + String(repeating: "]", count: 65), String(repeating: "- ", count: 70) + "x\n",
    ]

    static func document(_ random: inout SplitMix64) -> String {
        var tree = root(&random)
        if random.chance(2), case .mapping(var pairs) = tree {
            let depth = 58 + random.below(12)
            pairs.append((key: "dyb", style: .plain, value: .raw(String(repeating: "[", count: depth) + "x" + String(repeating: "]", count: depth))))
            tree = .mapping(pairs)
        }
        var text: String
        switch random.below(100) {
        case 0..<3: text = ""
        case 3..<5: text = "# kommentar æøå\n"
        case 5..<10: text = "--- " + flow(tree, &random) + "\n"
        default: text = block(tree, indent: 0, &random)
        }
        switch random.below(100) {
        case 0..<15: text = "---\n" + text
        case 15..<20: text = "%YAML 1.1\n---\n" + text
        case 20..<24: text += "...\n"
        case 24..<27: text += "---\nanden: 1\n"
        default: break
        }
        if random.chance(35) {
            for _ in 0...random.below(3) { text = mutate(text, &random) }
        }
        return text
    }

    static func root(_ random: inout SplitMix64) -> Tree {
        switch random.below(100) {
        case 0..<70: return mapping(&random, depth: 0)
        case 70..<85: return sequence(&random, depth: 0)
        default: return scalar(&random)
        }
    }

    static func tree(_ random: inout SplitMix64, depth: Int) -> Tree {
        if random.below(1000) < 2 { return .raw(random.pick(["&a ", "&b "]) + inline(scalarText(&random, .plain), .plain, inFlow: false, &random)) }
        if random.below(1000) < 2 { return .raw(random.pick(["*a", "*b"])) }
        switch depth >= 4 ? 100 : random.below(100) {
        case 0..<20: return mapping(&random, depth: depth)
        case 20..<35: return sequence(&random, depth: depth)
        default: return scalar(&random)
        }
    }

    static let keyWords = ["titel", "resume", "indsats", "målgruppe", "adgang", "form", "a\u{30A}r", "år", "e\u{301}t", "ét",
                           "1", "01", "true", "~", "null", "<<", "=", "k", "navn", "👩‍👩‍👧", "æ", "ø", "Å", "-x", "a b"]

    static func mapping(_ random: inout SplitMix64, depth: Int) -> Tree {
        var pairs: [(key: String, style: Style, value: Tree)] = []
        for _ in 0..<random.below(7) {
            let style = random.pick([Style.plain, .plain, .plain, .single, .double])
            // Mostly new keys; a few repeat one by chance, and some mappings repeat one on purpose (below).
            let word = random.pick(keyWords) + (random.chance(80) ? "\(random.below(1000))" : "")
            let key = style == .plain || random.chance(50) ? word : NastyText.text(&random, pieces: 4)
            pairs.append((key, style, tree(&random, depth: depth + 1)))
        }
        if random.chance(4), let existing = pairs.randomElement(using: &random) {
            let key = random.chance(30) ? existing.key.decomposedStringWithCanonicalMapping : existing.key
            pairs.insert((key, random.pick([Style.plain, .single, .double]), scalar(&random)), at: random.below(pairs.count + 1))
        }
        return .mapping(pairs)
    }

    static func sequence(_ random: inout SplitMix64, depth: Int) -> Tree {
        .sequence((0..<random.below(6)).map { _ in tree(&random, depth: depth + 1) })
    }

    static func scalar(_ random: inout SplitMix64) -> Tree {
        let style = random.pick([Style.plain, .plain, .plain, .double, .double, .single, .literal, .folded])
        let tag = random.chance(5) ? random.pick(["!!str", "!lokal", "!!int", "!<tag:yaml.org,2002:str>", "!"]) : nil
        return .scalar(scalarText(&random, style), style, tag: tag)
    }

    static let plainWords = ["kol", "Træning", "på", "hold", "æøå", "ÆØÅ", "a\u{30A}", "e\u{301}", "👩‍👩‍👧", "🏳️‍🌈", "42", "-5",
                             "0999", "1.5", "true", "NO", "yes", "null", "~", "x-y", "a:b", "a#b", "https://x.dk/a?b=c", "\u{1F600}",
                             "<b>", "x&amp;", "a'b", "a\"b", "\u{A0}x", "2024-01-31", "0x1F", "1_000", "+5", ".inf", "x@", "x`y"]

    static func scalarText(_ random: inout SplitMix64, _ style: Style) -> String {
        switch style {
        case .plain:
            return (0..<random.below(4)).map { _ in random.pick(plainWords) }.joined(separator: random.chance(10) ? "  " : " ")
        default:
            return NastyText.text(&random)
        }
    }

    /// What YAML lets stand in a line as it is: printable, and not one of YAML 1.1's line breaks
    /// (U+0085, U+2028, U+2029) or the byte order mark.
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x20...0x7E, 0xA0...0x2027, 0x202A...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// A scalar on one line: plain, quoted (escaped as YAML escapes), or raw.
    static func inline(_ text: String, _ style: Style, inFlow: Bool, _ random: inout SplitMix64) -> String {
        switch style {
        case .plain:
            guard inFlow else { return text }
            let kept = String(String.UnicodeScalarView(text.unicodeScalars.filter { !",[]{}".unicodeScalars.contains($0) }))
            return kept.isEmpty ? "''" : kept
        case .single, .literal, .folded:
            var out = "'"
            for scalar in text.unicodeScalars {
                if scalar == "'" { out += "''" } else if isPrintable(scalar) || random.chance(2) { out.unicodeScalars.append(scalar) }
            }
            return out + "'"
        case .double:
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                default:
                    if (isPrintable(scalar) && !random.chance(5)) || random.chance(2) {
                        out.unicodeScalars.append(scalar)
                    } else {
                        out += escape(scalar, &random)
                    }
                }
            }
            return out + "\""
        }
    }

    static func escape(_ scalar: Unicode.Scalar, _ random: inout SplitMix64) -> String {
        let named: [UInt32: String] = [0: "\\0", 7: "\\a", 8: "\\b", 9: "\\t", 0xA: "\\n", 0xB: "\\v", 0xC: "\\f", 0xD: "\\r",
                                       0x1B: "\\e", 0x20: "\\ ", 0x2F: "\\/", 0x85: "\\N", 0xA0: "\\_", 0x2028: "\\L", 0x2029: "\\P"]
        if let name = named[scalar.value], random.chance(60) { return name }
        let hex = String(scalar.value, radix: 16, uppercase: random.chance(50))
        switch scalar.value {
        case ..<0x100: return "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
        case ..<0x10000: return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        default: return "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
        }
    }

    static func flow(_ tree: Tree, _ random: inout SplitMix64) -> String {
        switch tree {
        case .raw(let text): return text
        case let .scalar(text, style, tag):
            return (tag.map { $0 + " " } ?? "") + inline(text, style == .literal || style == .folded ? .double : style, inFlow: true, &random)
        case .sequence(let items):
            return "[" + items.map { flow($0, &random) }.joined(separator: random.pick([", ", ",", " , "])) + "]"
        case .mapping(let pairs):
            return "{" + pairs.map { pair in
                inline(pair.key, pair.style, inFlow: true, &random) + ": " + flow(pair.value, &random)
            }.joined(separator: random.pick([", ", ","])) + "}"
        }
    }

    static func isCollection(_ tree: Tree) -> Bool {
        switch tree {
        case .sequence, .mapping: true
        default: false
        }
    }

    static func isEmptyCollection(_ tree: Tree) -> Bool {
        switch tree {
        case .sequence(let items): items.isEmpty
        case .mapping(let pairs): pairs.isEmpty
        default: false
        }
    }

    /// The tree in block style, each line indented by `indent` (a collection) or on one line (a scalar).
    static func block(_ tree: Tree, indent: Int, _ random: inout SplitMix64) -> String {
        let pad = String(repeating: " ", count: indent)
        switch tree {
        case .raw, .scalar:
            return pad + valueText(tree, indent: indent, underKey: false, &random).dropFirst()
        case _ where isEmptyCollection(tree):
            return pad + flow(tree, &random) + "\n"
        case .sequence(let items):
            return items.map { item -> String in
                if isCollection(item), !isEmptyCollection(item), random.chance(60) {
                    // Compact: the nested collection's first line on the dash's line.
                    return pad + "- " + block(item, indent: indent + 2, &random).dropFirst(indent + 2)
                }
                return pad + "-" + valueText(item, indent: indent, underKey: false, &random)
            }.joined() + comment(&random, indent: indent)
        case .mapping(let pairs):
            return pairs.map { pair in
                pad + inline(pair.key, pair.style, inFlow: false, &random) + ":" + valueText(pair.value, indent: indent, underKey: true, &random)
            }.joined() + comment(&random, indent: indent)
        }
    }

    /// What follows a key's colon or a dash, with its line break: a scalar, a block scalar, a
    /// flow collection, or a block collection on the next lines (a sequence under a key may stand
    /// at the key's indentation).
    static func valueText(_ tree: Tree, indent: Int, underKey: Bool, _ random: inout SplitMix64) -> String {
        switch tree {
        case .raw(let text):
            return " " + text + "\n"
        case let .scalar(text, style, tag):
            let tagged = tag.map { " " + $0 } ?? ""
            if style == .literal || style == .folded {
                let header = (style == .literal ? "|" : ">") + random.pick(["", "", "-", "+"])
                let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).map { line in
                    String(String.UnicodeScalarView(line.unicodeScalars.filter { isPrintable($0) || random.chance(1) }).drop(while: { $0 == " " || $0 == "\t" }))
                }
                let body = lines.map { $0.isEmpty ? "\n" : String(repeating: " ", count: indent + 2) + $0 + "\n" }.joined()
                return tagged + " " + header + "\n" + body
            }
            let value = inline(text, style, inFlow: false, &random)
            let line = tagged + (value.isEmpty ? "" : " " + value)
            return line + (random.chance(5) && style != .plain ? " # kommentar" : "") + "\n"
        case .sequence(let items) where items.isEmpty:
            return " []\n"
        case .mapping(let pairs) where pairs.isEmpty:
            return " {}\n"
        case .sequence, .mapping:
            if random.chance(25) { return " " + flow(tree, &random) + "\n" }
            let sameIndent: Bool = if case .sequence = tree, underKey { random.chance(30) } else { false }
            return "\n" + block(tree, indent: sameIndent ? indent : indent + 2, &random)
        }
    }

    static func comment(_ random: inout SplitMix64, indent: Int) -> String {
        random.chance(4) ? String(repeating: " ", count: indent) + "# kommentar: æøå \"x\"\n" : ""
    }

    static let insertions: [String] = [":", ": ", "\"", "'", "[", "]", "{", "}", "- ", "#", " #", "\t", "\n", " ", "  ", "&", "*", "!",
                                       "|", ">", "? ", "%", "@", "`", ",", "\u{0}", "\u{7F}", "\u{FEFF}", "\u{2028}", "\u{85}", "\r",
                                       "\\", "\\x", "---", "...", "&a ", "*a", "e\u{301}", "\u{1F600}"]

    static func mutate(_ text: String, _ random: inout SplitMix64) -> String {
        var scalars = Array(text.unicodeScalars)
        let at = random.below(scalars.count + 1)
        switch random.below(6) {
        case 0: scalars.removeSubrange(at...)
        case 1: if at < scalars.count { scalars.remove(at: at) }
        case 2, 3: scalars.insert(contentsOf: random.pick(insertions).unicodeScalars, at: at)
        default:
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let line = random.below(lines.count)
            switch random.below(3) {
            case 0: lines.insert(lines[line], at: random.below(lines.count + 1))
            case 1: lines[line] = " " + lines[line]
            default: lines.swapAt(line, random.below(lines.count))
            }
            return lines.joined(separator: "\n")
        }
        return String(String.UnicodeScalarView(scalars))
    }
}

/// Random JSON values, and random Encodable values that exercise every kind of container.
enum JSONGenerator {
    /// Every character JSON must escape, and what it need not.
    static let pieces: [String] = NastyText.pieces + (0..<0x20).map { String(Unicode.Scalar(UInt8($0))) } + ["\"", "\\", "/", "\u{7F}", "\u{2028}", "\u{2029}", "\u{10FFFF}", "\u{1D11E}"]

    static func text(_ random: inout SplitMix64) -> String {
        (0..<random.below(10)).map { _ in random.pick(pieces) }.joined()
    }

    static let keys = ["a", "b", "B", "_", "Z", "aa", "resourceType", "id", "æ", "ø", "å", "a\u{30A}", "é", "e\u{301}", "", " ",
                       "\u{FFFF}", "\u{10000}", "\u{1F600}", "\"", "\\", "/", "\u{0}", "\n", "𝄞", "ﬀ", "ff"]

    static func key(_ random: inout SplitMix64) -> String {
        random.chance(70) ? random.pick(keys) : text(&random)
    }

    static func number(_ random: inout SplitMix64) -> Int {
        switch random.below(6) {
        case 0: random.pick([0, -1, 1, Int.min, Int.max, Int.min + 1, 9_007_199_254_740_993, -9_000_000_000])
        case 1: Int(truncatingIfNeeded: random.next())
        default: random.below(2000) - 1000
        }
    }

    static func value(_ random: inout SplitMix64, depth: Int) -> JSONValue {
        switch depth >= 4 ? random.below(42) : random.below(100) {
        case 0..<20: return .string(text(&random))
        case 20..<30: return random.chance(10) ? .string("") : .number(number(&random))
        case 30..<36: return .bool(random.chance(50))
        case 36..<42: return .null
        case 42..<70:
            // Now and then long enough (256 and more) to be written in parallel.
            let count = depth <= 2 && random.chance(2) ? 256 + random.below(50) : random.below(6)
            return .array((0..<count).map { _ in value(&random, depth: depth + 1) })
        default:
            var members = (0..<random.below(7)).map { _ in (key(&random), value(&random, depth: depth + 1)) }
            if random.chance(15), let first = members.first { members.append((first.0, value(&random, depth: 4))) }
            return .object(JSONObject(members))
        }
    }

}

// MARK: - Comparing

enum YAMLComparison {
    /// The first difference between our tree and Yams', by path; nil when they are the same.
    /// `byteOrderMarks` counts the scalars that differ only in the one intended way: Yams reads a
    /// scalar's bytes with Foundation's `String(bytes:encoding: .utf8)`, which drops a U+FEFF at the
    /// start (as a byte order mark) from a text that has one, `"\uFEFFx"`; we keep what libyaml read.
    static func difference(_ ours: YAMLNode, _ theirs: Yams.Node, at path: String, byteOrderMarks: inout Int) -> String? {
        guard let mark = theirs.mark, ours.meta.line == mark.line, ours.meta.column == mark.column else {
            return "\(path): at \(ours.meta.line):\(ours.meta.column), Yams at \(theirs.mark.map { "\($0)" } ?? "nowhere")"
        }
        switch (ours, theirs) {
        case let (.scalar(scalar, _), .scalar(their)):
            if !scalar.string.unicodeScalars.elementsEqual(their.string.unicodeScalars) {
                guard scalar.string.unicodeScalars.first == "\u{FEFF}", scalar.string.unicodeScalars.dropFirst().elementsEqual(their.string.unicodeScalars) else {
                    return "\(path): \(scalar.string.debugDescription), Yams \(their.string.debugDescription)"
                }
                byteOrderMarks += 1
            }
            guard scalar.isPlain == (their.style == .plain || their.style == .any) else {
                return "\(path): plain \(scalar.isPlain), Yams' style \(their.style)"
            }
            return nil
        case let (.sequence(items, _), .sequence(their)):
            guard items.count == their.count else { return "\(path): \(items.count) items, Yams \(their.count)" }
            for (index, (item, theirItem)) in zip(items, their).enumerated() {
                if let difference = difference(item, theirItem, at: path + "\(index)/", byteOrderMarks: &byteOrderMarks) { return difference }
            }
            return nil
        case let (.mapping(pairs, _), .mapping(their)):
            guard pairs.count == their.count else { return "\(path): \(pairs.count) pairs, Yams \(their.count)" }
            for (index, (pair, theirPair)) in zip(pairs, their).enumerated() {
                if let difference = difference(pair.key, theirPair.key, at: path + "key \(index)/", byteOrderMarks: &byteOrderMarks) { return difference }
                if let difference = difference(pair.value, theirPair.value, at: path + "\(pair.key.string ?? "?")/", byteOrderMarks: &byteOrderMarks) {
                    return difference
                }
            }
            return nil
        default:
            return "\(path): \(ours), Yams \(theirs)"
        }
    }

    /// Whether the document has a U+FEFF, as it is or escaped.
    static func mentionsByteOrderMark(_ yaml: String) -> Bool {
        yaml.unicodeScalars.contains("\u{FEFF}") || yaml.lowercased().contains("\\ufeff") || yaml.lowercased().contains("\\u0000feff")
    }

    /// Levels of nesting (a scalar is 1).
    static func depth(_ node: Yams.Node) -> Int {
        switch node {
        case .scalar, .alias: 1
        case .sequence(let items): 1 + (items.map(depth).max() ?? 0)
        case .mapping(let pairs): 1 + (pairs.map { max(depth($0.key), depth($0.value)) }.max() ?? 0)
        }
    }

    /// The outcome's name, and how our failure differs from Yams' (nil when it does not).
    static func sameFailure(_ ours: YAMLProblem, _ theirs: any Error, yaml: String) -> (String, String?) {
        let their = theirs as? YamlError
        switch ours {
        case let .syntax(problem, context, contextLine, line, column):
            let found: (context: YamlError.Context?, problem: String, mark: Mark)?
            switch their {
            case let .scanner(c, p, m, _)?, let .parser(c, p, m, _)?, let .composer(c, p, m, _)?:
                found = (c, p, m)
            default:
                found = nil
            }
            guard let found else { return ("differs", "we: \(ours), Yams: \(theirs)") }
            var same = found.problem == problem && found.mark.line == line && found.mark.column == column
            if problem == "but found another document" {
                same = same && found.context?.text == "expected a single document in the stream"
            } else {
                same = same && found.context?.text == context && (context == nil || found.context?.mark.line == contextLine)
            }
            return ("syntax", same ? nil : "we: \(ours), Yams: \(theirs)")
        case let .reader(problem, offset):
            guard case let .reader(theirProblem, theirOffset, _, _)? = their else { return ("differs", "we: \(ours), Yams: \(theirs)") }
            // Yams counts the offset in Characters, where a byte offset falls on one.
            let index = yaml.utf8.index(yaml.utf8.startIndex, offsetBy: offset, limitedBy: yaml.utf8.endIndex)?.samePosition(in: yaml)
            let characters = index.map { yaml.distance(from: yaml.startIndex, to: $0) }
            return ("reader", theirProblem == problem && theirOffset == characters ? nil : "we: \(ours), Yams: \(theirs)")
        case .duplicateKeys(let keys):
            guard case let .duplicatedKeysInMapping(theirKeys, _)? = their else { return ("differs", "we: \(ours), Yams: \(theirs)") }
            // Compared as Swift compares text (canonically): of `år` and `a\u{30A}r` in one mapping
            // we name the second spelling, Yams the first.
            return ("duplicate keys", keys == theirKeys ? nil : "we: \(keys), Yams: \(theirKeys)")
        case .anchor:
            return ("anchor (refused, intended)", yaml.utf8.contains(0x26) || yaml.utf8.contains(0x2A) ? nil : "anchor refused in a document without & or *")
        case .tooDeep:
            return ("too deep (refused, intended)", nil)
        case .other:
            return ("differs", "we: \(ours), Yams: \(theirs)")
        }
    }
}

enum HTMLComparison {
    static func isSpecial(_ scalar: Unicode.Scalar) -> Bool { "<>&\"'".unicodeScalars.contains(scalar) }

    /// Whether a character of `<>&"'` is part of a larger grapheme cluster (which swift-mustache does not escape).
    static func hasSpecialInCluster(_ text: String) -> Bool {
        text.contains { character in character.unicodeScalars.count > 1 && character.unicodeScalars.contains(where: isSpecial) }
    }

    /// swift-mustache's output with the characters it left inside clusters escaped.
    static func escapingInsideClusters(_ text: String) -> String {
        var out = ""
        for character in text {
            guard character.unicodeScalars.count > 1 else { out.append(character); continue }
            for scalar in character.unicodeScalars {
                switch scalar {
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "&": out += "&amp;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                default: out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// The bytes of `html` with the five entities replaced by their characters, in one pass.
    static func unescaped(_ html: String) -> [UInt8] {
        let entities: [(String, UInt8)] = [("&lt;", 0x3C), ("&gt;", 0x3E), ("&quot;", 0x22), ("&#39;", 0x27), ("&amp;", 0x26)]
        let bytes = Array(html.utf8)
        var out: [UInt8] = [], index = 0
        outer: while index < bytes.count {
            if bytes[index] == 0x26 {
                for (entity, byte) in entities where bytes[index...].starts(with: entity.utf8) {
                    out.append(byte)
                    index += entity.utf8.count
                    continue outer
                }
            }
            out.append(bytes[index])
            index += 1
        }
        return out
    }
}

enum JSONComparison {
    static func foundation(_ value: some Encodable, pretty: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Where two outputs part: the line of each around the first byte that differs.
    static func firstDifference(_ ours: String, _ theirs: String) -> String {
        let a = Array(ours.utf8), b = Array(theirs.utf8)
        let at = a.indices.first { $0 >= b.count || a[$0] != b[$0] } ?? min(a.count, b.count)
        func line(_ bytes: [UInt8]) -> String {
            let start = bytes[..<min(at, bytes.count)].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            let end = bytes[min(at, bytes.count)...].firstIndex(of: 0x0A) ?? bytes.count
            return String(decoding: bytes[start..<end], as: UTF8.self).debugDescription
        }
        return "at byte \(at): ours \(line(a)), JSONEncoder \(line(b))"
    }

    static func indentLines(_ text: String, by count: Int) -> String {
        let prefix = String(repeating: " ", count: count)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : prefix + $0 }.joined(separator: "\n")
    }
}

/// A JSON value as JSONDecoder reads it.
enum Decoded: Decodable, CustomStringConvertible {
    case string(String), number(Int), bool(Bool), null, array([Decoded]), object([String: Decoded])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([Decoded].self) { self = .array(value) }
        else { self = .object(try container.decode([String: Decoded].self)) }
    }

    func matches(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case let (.string(a), .string(b)): a.unicodeScalars.elementsEqual(b.unicodeScalars)
        case let (.number(a), .number(b)): a == b
        case let (.bool(a), .bool(b)): a == b
        case (.null, .null): true
        case let (.array(a), .array(b)): a.count == b.count && zip(a, b).allSatisfy { $0.matches($1) }
        case let (.object(a), .object(b)):
            a.count == b.members.count && b.members.allSatisfy { member in a[member.key].map { $0.matches(member.value) } ?? false }
        default: false
        }
    }

    var description: String {
        switch self {
        case .string(let s): s.debugDescription
        case .number(let n): "\(n)"
        case .bool(let b): "\(b)"
        case .null: "null"
        case .array(let a): "\(a)"
        case .object(let o): "\(o)"
        }
    }
}
