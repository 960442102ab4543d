import CYAML

/// A YAML document as libyaml (the parser Yams is built on) reads it: the tree of scalars,
/// sequences and mappings with the position of each, composed from libyaml's events the way
/// `Yams.compose` composes its `Node`s (one document, duplicate keys refused, the same error
/// positions), without what the catalog's reader does not use (tags, resolved types, styles of
/// collections). Composing Yams' nodes was most of the time a catalog takes to load.
indirect enum YAMLNode {
    case scalar(Scalar, Meta)
    case sequence([YAMLNode], Meta)
    case mapping([(key: YAMLNode, value: YAMLNode)], Meta)

    struct Scalar {
        let string: String
        /// Plain (unquoted, not a block): the only style in which `~` or `null` means no value.
        let isPlain: Bool
    }

    /// Where the node starts (1-based, within the YAML text).
    struct Meta {
        let line: Int
        let column: Int
    }

    var meta: Meta {
        switch self {
        case .scalar(_, let meta), .sequence(_, let meta), .mapping(_, let meta): meta
        }
    }

    /// The text of a scalar.
    var string: String? {
        if case .scalar(let scalar, _) = self { return scalar.string }
        return nil
    }
}

/// What went wrong composing a document, with libyaml's own description and position.
enum YAMLProblem: Error {
    /// Not valid YAML: libyaml's scanner, parser or the composer (e.g. a second document).
    /// `context` is what libyaml was reading ("while scanning a quoted scalar"), which started at
    /// `contextLine`.
    case syntax(problem: String, context: String?, contextLine: Int, line: Int, column: Int)
    /// Keys that occur twice in one mapping, sorted (as Yams reports them).
    case duplicateKeys([String])
    /// The input could not be read (libyaml's reader: invalid UTF-8 or control characters), at a byte offset.
    case reader(problem: String, offset: Int)
    /// Nested deeper than `YAMLDocument.maximumDepth`.
    case tooDeep(line: Int, column: Int)
    /// An anchor (`&a`) or alias (`*a`): refused, since aliases can expand a small file into a
    /// huge tree ("billion laughs").
    case anchor(line: Int, column: Int)
    case other(String)
}

enum YAMLDocument {
    /// Far more than any catalog file needs; keeps hostile input from exhausting the stack.
    static let maximumDepth = 64

    /// The single document in `yaml` (nil when there is none).
    static func compose(_ yaml: String) throws(YAMLProblem) -> YAMLNode? {
        var composer = Composer()
        defer { yaml_parser_delete(&composer.parser) }
        var text = yaml
        var result: Result<YAMLNode?, YAMLProblem> = .success(nil)
        text.withUTF8 { bytes in
            yaml_parser_set_encoding(&composer.parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&composer.parser, bytes.baseAddress, bytes.count)
            result = Result { () throws(YAMLProblem) -> YAMLNode? in
                try composer.next(expecting: YAML_STREAM_START_EVENT)
                return try composer.singleRoot()
            }
        }
        return try result.get()
    }

    private struct Composer {
        var parser = yaml_parser_t()
        var event = yaml_event_t()

        init() { yaml_parser_initialize(&parser) }

        /// Reads the next event into `event` (the previous one is released).
        mutating func next() throws(YAMLProblem) {
            yaml_event_delete(&event)
            guard yaml_parser_parse(&parser, &event) == 1 else { throw problem() }
        }

        mutating func next(expecting type: yaml_event_type_t) throws(YAMLProblem) {
            try next()
            guard event.type == type else { throw .other("uventet YAML-hændelse \(event.type.rawValue)") }
        }

        mutating func singleRoot() throws(YAMLProblem) -> YAMLNode? {
            defer { yaml_event_delete(&event) }
            try next()
            if event.type == YAML_STREAM_END_EVENT { return nil }
            try next() // past DOCUMENT_START
            let root = try node(depth: 0)
            try next(expecting: YAML_DOCUMENT_END_EVENT)
            try next()
            guard event.type == YAML_STREAM_END_EVENT else {
                throw .syntax(problem: "but found another document", context: nil, contextLine: 0,
                              line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            }
            return root
        }

        /// The node that starts with the current event; on return the current event is its last.
        mutating func node(depth: Int) throws(YAMLProblem) -> YAMLNode {
            let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
            guard depth < YAMLDocument.maximumDepth else { throw .tooDeep(line: line, column: column) }
            let meta = YAMLNode.Meta(line: line, column: column)
            switch event.type {
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                guard scalar.anchor == nil else { throw .anchor(line: line, column: column) }
                let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                return .scalar(YAMLNode.Scalar(string: text,
                    isPlain: scalar.style == YAML_PLAIN_SCALAR_STYLE || scalar.style == YAML_ANY_SCALAR_STYLE),
                               meta)
            case YAML_SEQUENCE_START_EVENT:
                guard event.data.sequence_start.anchor == nil else { throw .anchor(line: line, column: column) }
                var items: [YAMLNode] = []
                try next()
                while event.type != YAML_SEQUENCE_END_EVENT {
                    items.append(try node(depth: depth + 1))
                    try next()
                }
                return .sequence(items, meta)
            case YAML_MAPPING_START_EVENT:
                guard event.data.mapping_start.anchor == nil else { throw .anchor(line: line, column: column) }
                var pairs: [(key: YAMLNode, value: YAMLNode)] = []
                try next()
                while event.type != YAML_MAPPING_END_EVENT {
                    let key = try node(depth: depth + 1)
                    try next()
                    let value = try node(depth: depth + 1)
                    pairs.append((key, value))
                    try next()
                }
                try Self.checkDuplicates(pairs)
                return .mapping(pairs, meta)
            case YAML_ALIAS_EVENT:
                throw .anchor(line: line, column: column)
            default:
                throw .other("uventet YAML-hændelse \(event.type.rawValue)")
            }
        }

        static func checkDuplicates(_ pairs: [(key: YAMLNode, value: YAMLNode)]) throws(YAMLProblem) {
            guard pairs.count > 1 else { return }
            var seen = Set<String>(minimumCapacity: pairs.count)
            var duplicates = Set<String>()
            for pair in pairs {
                guard let key = pair.key.string else { continue }
                if !seen.insert(key).inserted { duplicates.insert(key) }
            }
            guard duplicates.isEmpty else { throw .duplicateKeys(duplicates.sorted()) }
        }

        func problem() -> YAMLProblem {
            let text = parser.problem.map { String(cString: $0) } ?? "ukendt fejl"
            switch parser.error {
            case YAML_READER_ERROR:
                return .reader(problem: text, offset: Int(parser.problem_offset))
            case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
                return .syntax(problem: text, context: parser.context.map { String(cString: $0) },
                    contextLine: Int(parser.context_mark.line) + 1,
                               line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
            case YAML_MEMORY_ERROR:
                return .other("ikke nok hukommelse")
            default:
                return .other(text)
            }
        }
    }
}
