import Foundation
import Synchronization

/// The Mustache templates of `Templates/`, parsed and rendered here rather than by swift-mustache.
///
/// Why hand-written: swift-mustache looks every tag's name up by splitting it into a new array and
/// casting each object on its stack of `Any` to its protocols (`MustacheParent`,
/// `MustacheCustomRenderable` …): about a third of the CPU time of a build at 10,000 modules, and
/// the difference between meeting and missing the build's target against Hugo. Here a template's
/// names are split once, when it is parsed, and the values are a closed enum (`TemplateValue`)
/// that the views' key tables produce without a cast.
///
/// What it replaces, it follows: this is swift-mustache's grammar (the Mustache spec with
/// inheritance, `{{% CONTENT_TYPE }}` and transforms such as `empty(x)` and `last()`), its
/// whitespace rules for standalone tags, its lookup up the context stack and its errors, ported
/// from its parser (`Template+Parser.swift`) and renderer (`Template+Render.swift`). The tests
/// render every page of the example catalog and a set of templates made to reach each rule with
/// both, and compare the bytes (`TemplateEngineTests`). Two deliberate differences: a list or a
/// view written as `{{name}}` renders nothing (swift-mustache writes Swift's debug description of
/// the value), and a dynamic partial (`{{>*name}}`) renders nothing (as in swift-mustache, whose
/// lookup never finds a `String` among this site's values).
struct Template: Sendable {
    /// A tag's name as written, split once: `.`, `a.b.c`, `.a` (the top of the stack only), or
    /// only transforms (`last()`, the position in the list being rendered).
    struct Name: Sendable, Equatable {
        enum Kind: Sendable, Equatable { case top, stack, anchored, sequence }
        let kind: Kind
        let path: [String]
        /// Applied last first: `a(b(x))` is `[a, b]`.
        let transforms: [String]
        /// Where the tag begins in the template's text, for messages.
        let tag: String.Index?

        init(kind: Kind, path: [String], transforms: [String], tag: String.Index?) {
            self.kind = kind
            self.path = path
            self.transforms = transforms
            self.tag = tag
        }

        init(_ name: String, transforms: [String], tag: String.Index? = nil) {
            self.transforms = transforms
            self.tag = tag
            path = name.split(separator: ".").map(String.init)
            if name == "." {
                kind = .top
            } else if name.isEmpty, !transforms.isEmpty {
                kind = .sequence
            } else if name.first == "." {
                kind = .anchored
            } else {
                kind = .stack
            }
        }
    }

    indirect enum Token: Sendable {
        case text(String)
        case variable(Name, escaped: Bool)
        case section(Name, Template, inverted: Bool)
        /// `{{$name}}…{{/name}}` in a template that is inherited: what a child may replace.
        case block(String, default: Template, indentation: String)
        /// `{{$name}}…{{/name}}` inside `{{<parent}}…{{/parent}}`: the replacement.
        case blockDefinition(String, Template)
        case partial(String, indentation: String?, overrides: [String: Template]?)
        case dynamicPartial
        case contentType(escapes: Bool)
    }

    let tokens: [Token]

    /// Parse errors, as swift-mustache names them. Where swift-mustache reports the end of the text
    /// (a tag or a section left open), the error is placed at the tag that opened it instead.
    enum ParseError: Error, Equatable {
        case sectionCloseNameIncorrect, unfinishedName, expectedSectionEnd, invalidSetDelimiter
        case transformAppliedToInheritanceSection, illegalTokenInsideInheritSection, invalidConfigVariableSyntax
        case unrecognisedConfigVariable
        /// The text ends inside a tag (swift-mustache's parser reports running past its end).
        case overflow
        /// Sections nested deeper than `TemplateParser.maximumDepth` (swift-mustache runs out of stack).
        case tooDeep
    }

    struct Failure: Error {
        let error: ParseError
        let line: Int
        let column: Int
        /// The section left open, or the one a closing tag should have closed.
        let section: String?
    }

    init(tokens: [Token]) { self.tokens = tokens }

    /// Every token of the template, those in its sections, blocks and a partial's overrides too.
    func forEachToken(_ visit: (Token) -> Void) {
        for token in tokens {
            visit(token)
            switch token {
            case .section(_, let template, _), .block(_, let template, _), .blockDefinition(_, let template):
                template.forEachToken(visit)
            case .partial(_, _, let overrides):
                for (_, template) in (overrides ?? [:]).sorted(by: { $0.key < $1.key }) { template.forEachToken(visit) }
            case .text, .variable, .dynamicPartial, .contentType:
                break
            }
        }
    }

    /// The templates this one inserts by name (`{{>name}}`, `{{<name}}`).
    var partials: Set<String> {
        var names: Set<String> = []
        forEachToken { if case .partial(let name, _, _) = $0 { names.insert(name) } }
        return names
    }

    /// Every name this template reads, each part of a dotted one (`a` and `b` of `a.b`), with the
    /// tag it stands in, in the order they are written.
    var names: [(name: String, tag: String.Index?)] {
        var names: [(name: String, tag: String.Index?)] = []
        forEachToken { token in
            switch token {
            case .variable(let name, _), .section(let name, _, _): names += name.path.map { ($0, name.tag) }
            default: break
            }
        }
        return names.sorted { a, b in
            switch (a.tag, b.tag) {
            case let (a?, b?): a < b
            case (nil, _?): true
            default: false
            }
        }
    }

    init(parsing text: String) throws(Failure) {
        var scanner = Scanner(text)
        do {
            self = try TemplateParser.parse(&scanner, state: TemplateParser.State())
        } catch {
            if error == .overflow, let start = scanner.tagStart { scanner.position = start }
            let (line, column) = scanner.location
            throw Failure(error: error, line: line, column: column, section: scanner.section)
        }
    }
}

/// A position in a template's text, by Characters (as swift-mustache reads it: `\r\n` is one).
struct Scanner {
    let text: String
    var position: String.Index
    /// Where the tag being read begins (its opening delimiter).
    var tagStart: String.Index?
    /// For an error: the section left open, or the one a closing tag should have closed.
    var section: String?

    init(_ text: String) {
        self.text = text
        position = text.startIndex
    }

    var atEnd: Bool { position == text.endIndex }
    /// The current Character, or NUL at the end.
    var current: Character { atEnd ? "\0" : text[position] }
    mutating func advance() { position = text.index(after: position) }
    mutating func retreat() { position = text.index(before: position) }

    /// Reads `string` if it comes next; an overflow when fewer Characters are left than it has.
    mutating func readTag(_ string: String) throws(Template.ParseError) -> Bool {
        guard text.index(position, offsetBy: string.count, limitedBy: text.endIndex) != nil else { throw .overflow }
        return read(string)
    }

    /// Reads `character`; an overflow at the end of the text.
    mutating func readTag(_ character: Character) throws(Template.ParseError) -> Bool {
        guard !atEnd else { throw .overflow }
        guard current == character else { return false }
        advance()
        return true
    }

    /// Reads `string` if it comes next.
    mutating func read(_ string: String) -> Bool {
        var index = position
        for character in string {
            guard index < text.endIndex, text[index] == character else { return false }
            index = text.index(after: index)
        }
        position = index
        return true
    }

    @discardableResult
    mutating func read(while predicate: (Character) -> Bool) -> Substring {
        let start = position
        while !atEnd, predicate(text[position]) { advance() }
        return text[start..<position]
    }

    /// Reads up to (not including) the first Character that `stop` accepts; nil at the end of the text.
    mutating func read(until stop: (Character) -> Bool) -> Substring? {
        let start = position
        while !atEnd {
            if stop(text[position]) { return text[start..<position] }
            advance()
        }
        position = start
        return nil
    }

    /// Reads past the next `string`; false (and nothing read) when it does not come.
    mutating func skip(past string: String) -> Bool {
        guard let range = text[position...].range(of: string) else { return false }
        position = range.upperBound
        return true
    }

    /// Line and column (from 1) of the position, as swift-mustache's `getContext` counts them.
    var location: (line: Int, column: Int) {
        let before = text[text.startIndex..<position]
        let line = before.filter(\.isNewline).count + 1
        var column = 1
        var index = position
        while index > text.startIndex {
            index = text.index(before: index)
            // Any line end, `\r\n` too (swift-mustache looks for `\n` only, which in a file saved on
            // Windows counts the columns back to the start of the file).
            if text[index].isNewline { break }
            column += 1
        }
        return (line, column)
    }
}

/// swift-mustache's parser, ported: the same tokens, standalone lines and errors.
enum TemplateParser {
    struct State {
        var sectionName: String?
        var sectionTransforms: [String] = []
        var newLine = true
        var inheritance = false
        var inheritanceTopLevel = false
        var start = "{{"
        var end = "}}"
        var inheritanceIndent: Substring?
        /// How many sections are open around this one.
        var depth = 0
        /// Where the tag that opened this section begins.
        var sectionStart: String.Index?

        func section(_ name: String, newLine: Bool, transforms: [String] = [], at start: String.Index?) -> State {
            var state = self
            state.sectionStart = start
            state.sectionName = name
            state.sectionTransforms = transforms
            state.inheritanceTopLevel = false
            if !newLine { state.newLine = false }
            state.depth += 1
            return state
        }

        func inheriting(_ name: String, at start: String.Index?) -> State {
            var state = self
            state.sectionStart = start
            state.sectionName = name
            state.sectionTransforms = []
            state.newLine = true
            state.inheritance = true
            state.inheritanceTopLevel = true
            state.depth += 1
            return state
        }
    }

    typealias Token = Template.Token
    typealias ParseError = Template.ParseError

    /// Sections inside sections, at most: far more than a page needs, and few enough that neither
    /// parsing nor rendering can run out of stack (a template is a municipality's input).
    static let maximumDepth = 100
    /// The longest delimiter `{{=… …=}}` may set.
    static let maximumDelimiter = 64

    static func parse(_ scanner: inout Scanner, state initial: State) throws(ParseError) -> Template {
        guard initial.depth <= maximumDepth else { throw .tooDeep }
        var tokens: [Token] = []
        var state = initial
        var whiteSpaceBefore: Substring = ""
        func flushWhiteSpace() {
            if !whiteSpaceBefore.isEmpty {
                tokens.append(.text(String(whiteSpaceBefore)))
                whiteSpaceBefore = ""
            }
        }
        while !scanner.atEnd {
            if state.newLine {
                let whiteSpace = scanner.read(while: { $0 == " " || $0 == "\t" })
                if state.inheritance, !state.inheritanceTopLevel {
                    if let indent = state.inheritanceIndent {
                        whiteSpaceBefore = whiteSpace.dropFirst(indent.count)
                    } else {
                        state.inheritanceIndent = whiteSpace
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = try readText(&scanner, state: state)
            if scanner.current.isNewline {
                tokens.append(.text(String(whiteSpaceBefore) + text + String(scanner.current)))
                state.newLine = true
                scanner.advance()
                continue
            }
            if !text.isEmpty {
                tokens.append(.text(String(whiteSpaceBefore) + text))
                whiteSpaceBefore = ""
                state.newLine = false
            }
            if scanner.atEnd { break }
            var setNewLine = false
            switch scanner.current {
            case "#", "^":
                let start = scanner.tagStart
                let inverted = scanner.current == "^"
                scanner.advance()
                let (name, transforms) = try parseName(&scanner, state: state)
                if isStandalone(&scanner, state: state) {
                    setNewLine = true
                } else {
                    flushWhiteSpace()
                }
                let inner = try parse(&scanner, state: state.section(name, newLine: setNewLine, transforms: transforms, at: start))
                tokens.append(.section(Template.Name(name, transforms: transforms, tag: start), inner, inverted: inverted))
            case "/":
                scanner.advance()
                let position = scanner.position
                let (name, transforms) = try parseName(&scanner, state: state)
                guard name == state.sectionName, transforms == state.sectionTransforms else {
                    scanner.position = position
                    scanner.section = state.sectionName
                    throw .sectionCloseNameIncorrect
                }
                if !isStandalone(&scanner, state: state) { flushWhiteSpace() }
                return Template(tokens: tokens)
            case "!":
                scanner.advance()
                guard scanner.skip(past: state.end) else { throw .overflow }
                setNewLine = isStandalone(&scanner, state: state)
            case "{", "&":
                let triple = scanner.current == "{"
                flushWhiteSpace()
                scanner.advance()
                let start = scanner.tagStart
                let (name, transforms) = try parseName(&scanner, state: state)
                if triple { guard try scanner.readTag("}") else { throw .unfinishedName } }
                tokens.append(.variable(Template.Name(name, transforms: transforms, tag: start), escaped: false))
            case ">":
                scanner.advance()
                scanner.read(while: \.isWhitespace)
                var dynamic = false
                if scanner.current == "*" {
                    scanner.advance()
                    dynamic = true
                }
                let name = try parsePartialName(&scanner, state: state)
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(String(whiteSpaceBefore))) }
                let standalone = isStandalone(&scanner, state: state)
                setNewLine = standalone
                tokens.append(dynamic ? .dynamicPartial
                    : .partial(name, indentation: standalone ? String(whiteSpaceBefore) : nil, overrides: nil))
                whiteSpaceBefore = ""
            case "<":
                let start = scanner.tagStart
                scanner.advance()
                scanner.read(while: \.isWhitespace)
                let sectionName = try parsePartialName(&scanner, state: state)
                if !whiteSpaceBefore.isEmpty { tokens.append(.text(String(whiteSpaceBefore))) }
                if isStandalone(&scanner, state: state) { setNewLine = true }
                let inner = try parse(&scanner, state: state.inheriting(sectionName, at: start))
                var overrides: [String: Template] = [:]
                for token in inner.tokens {
                    switch token {
                    case .blockDefinition(let name, let template): overrides[name] = template
                    case .text: break
                    default: throw .illegalTokenInsideInheritSection
                    }
                }
                tokens.append(sectionName.first == "*" ? .dynamicPartial
                    : .partial(sectionName, indentation: String(whiteSpaceBefore), overrides: overrides))
                whiteSpaceBefore = ""
            case "$":
                let start = scanner.tagStart
                scanner.advance()
                let (name, transforms) = try parseName(&scanner, state: state)
                guard transforms.isEmpty else { throw .transformAppliedToInheritanceSection }
                if state.inheritanceTopLevel {
                    if isStandalone(&scanner, state: state) { setNewLine = true }
                    let inner = try parse(&scanner, state: state.section(name, newLine: setNewLine, at: start))
                    tokens.append(.blockDefinition(name, inner))
                } else {
                    if !whiteSpaceBefore.isEmpty { tokens.append(.text(String(whiteSpaceBefore))) }
                    if isStandalone(&scanner, state: state) { setNewLine = true }
                    let inner = try parse(&scanner, state: state.section(name, newLine: setNewLine, at: start))
                    tokens.append(.block(name, default: inner, indentation: String(whiteSpaceBefore)))
                    whiteSpaceBefore = ""
                }
            case "=":
                scanner.advance()
                state = try setDelimiters(&scanner, state: state)
                setNewLine = isStandalone(&scanner, state: state)
            case "%":
                scanner.advance()
                tokens.append(try contentType(&scanner, state: state))
                setNewLine = isStandalone(&scanner, state: state)
            default:
                flushWhiteSpace()
                let (name, transforms) = try parseName(&scanner, state: state)
                tokens.append(.variable(Template.Name(name, transforms: transforms, tag: scanner.tagStart), escaped: true))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else {
            if let start = state.sectionStart { scanner.position = start }
            scanner.section = state.sectionName
            throw .expectedSectionEnd
        }
        return Template(tokens: tokens)
    }

    /// Text up to the next tag (its opening delimiter read) or line feed (not read). Only `\n` and
    /// `\r\n` end a line here, as in swift-mustache; other line separators are text.
    private static func readText(_ scanner: inout Scanner, state: State) throws(ParseError) -> String {
        guard let first = state.start.first else { return "" }
        var text = ""
        while !scanner.atEnd {
            text += scanner.read(while: { $0 != "\n" && $0 != "\r\n" && $0 != first })
            if scanner.atEnd || scanner.current.isNewline { break }
            scanner.tagStart = scanner.position
            if try scanner.readTag(state.start) {
                // A tag opened as the text ends (swift-mustache drops it silently).
                if scanner.atEnd { throw .overflow }
                break
            }
            text.append(first)
            scanner.advance()
        }
        return text
    }

    private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let partialNameCharacters = nameCharacters.union("()/")

    /// A tag's name and its transforms, and the closing delimiter.
    private static func parseName(_ scanner: inout Scanner, state: State) throws(ParseError) -> (String, [String]) {
        scanner.read(while: \.isWhitespace)
        let text = scanner.read(while: { nameCharacters.contains($0) || $0 == "(" || $0 == ")" })
        scanner.read(while: \.isWhitespace)
        guard try scanner.readTag(state.end) else { throw .unfinishedName }
        var name = Scanner(String(text))
        let first = String(name.read(while: { nameCharacters.contains($0) }))
        guard !name.atEnd else { return (first, []) }
        guard name.current == "(" else { throw .unfinishedName }
        name.advance()
        var transforms = [first]
        while true {
            let part = String(name.read(while: { nameCharacters.contains($0) }))
            switch name.current {
            case ")":
                name.advance()
                let closing = name.read(while: { $0 == ")" }).count
                guard closing + 1 == transforms.count, name.atEnd else { throw .unfinishedName }
                return (part, transforms)
            case "(":
                name.advance()
                transforms.append(part)
            default:
                throw .unfinishedName
            }
        }
    }

    private static func parsePartialName(_ scanner: inout Scanner, state: State) throws(ParseError) -> String {
        scanner.read(while: \.isWhitespace)
        let text = String(scanner.read(while: { partialNameCharacters.contains($0) }))
        scanner.read(while: \.isWhitespace)
        guard try scanner.readTag(state.end) else { throw .unfinishedName }
        return text
    }

    private static func setDelimiters(_ scanner: inout Scanner, state: State) throws(ParseError) -> State {
        scanner.read(while: \.isWhitespace)
        guard let start = scanner.read(until: \.isWhitespace) else { throw .invalidSetDelimiter }
        scanner.read(while: \.isWhitespace)
        guard let end = scanner.read(until: { $0 == "=" || $0.isWhitespace }) else { throw .invalidSetDelimiter }
        scanner.read(while: \.isWhitespace)
        // Longer delimiters are refused (swift-mustache takes any): reading text looks for the opening
        // one at every character, so a very long one makes parsing take hours.
        guard try scanner.readTag("="), try scanner.readTag(state.end), !start.isEmpty, !end.isEmpty,
              start.count <= maximumDelimiter, end.count <= maximumDelimiter else {
            throw .invalidSetDelimiter
        }
        var state = state
        state.start = String(start)
        state.end = String(end)
        state.inheritanceTopLevel = false
        return state
    }

    private static func contentType(_ scanner: inout Scanner, state: State) throws(ParseError) -> Token {
        let word = { (scanner: inout Scanner) in
            scanner.read(while: { nameCharacters.contains($0) })
        }
        scanner.read(while: \.isWhitespace)
        let variable = word(&scanner)
        scanner.read(while: \.isWhitespace)
        guard scanner.current == ":" else { throw .invalidConfigVariableSyntax }
        scanner.advance()
        scanner.read(while: \.isWhitespace)
        let value = word(&scanner)
        scanner.read(while: \.isWhitespace)
        guard scanner.read(state.end), !variable.isEmpty, !value.isEmpty else { throw .invalidConfigVariableSyntax }
        guard variable == "CONTENT_TYPE" else { throw .unrecognisedConfigVariable }
        switch value {
        case "HTML": return .contentType(escapes: true)
        case "TEXT": return .contentType(escapes: false)
        default: throw .unrecognisedConfigVariable
        }
    }

    /// Whether a tag stands alone on its line (then the line's whitespace and newline are not output).
    private static func isStandalone(_ scanner: inout Scanner, state: State) -> Bool {
        guard state.newLine else { return false }
        if scanner.atEnd { return true }
        var ahead = scanner
        ahead.read(while: { $0 == " " || $0 == "\t" })
        guard ahead.current.isNewline else { return false }
        ahead.advance()
        scanner.position = ahead.position
        return true
    }
}

/// A value as a template sees it. The views' key tables (`TemplateKey`) make these from each
/// field's static type, so rendering never casts.
enum TemplateValue {
    /// Text, HTML-escaped by `{{name}}`.
    case text(String)
    /// HTML made by the site (`RawText`), inserted as it is by `{{{name}}}`.
    case html(String)
    case flag(Bool)
    case number(Int)
    case list([TemplateValue])
    /// A view, whose fields are looked up by name.
    case object(any TemplateObject)

    /// The field `name` of a view; nothing for other values.
    func child(_ name: String) -> TemplateValue? {
        if case .object(let object) = self { object.value(named: name) } else { nil }
    }

    /// swift-mustache's transforms, on the values that have them (a text's, a list's, a number's).
    func transformed(_ name: String) -> TemplateValue? {
        switch self {
        case .text(let text):
            switch name {
            case "empty": .flag(text.isEmpty)
            case "capitalized": .text(text.capitalized)
            case "lowercased": .text(text.lowercased())
            case "uppercased": .text(text.uppercased())
            case "reversed": .text(String(text.reversed()))
            default: nil
            }
        case .list(let items):
            switch name {
            case "first": items.first
            case "last": items.last
            case "reversed": .list(items.reversed())
            case "count": .number(items.count)
            case "empty": .flag(items.isEmpty)
            default: nil
            }
        case .number(let number):
            switch name {
            case "equalzero": .flag(number == 0)
            case "plusone": .number(number + 1)
            case "minusone": .number(number - 1)
            case "even": .flag(number & 1 == 0)
            case "odd": .flag(number & 1 == 1)
            default: nil
            }
        case .html, .flag, .object:
            nil
        }
    }
}

/// Something with fields a template can name: a view (see `TemplateView`).
protocol TemplateObject {
    func value(named name: String) -> TemplateValue?
}

/// Renders parsed templates, by name (`{{>name}}` and `{{<name}}` find each other here).
struct TemplateLibrary: Sendable {
    let templates: [String: Template]
    /// Tells this library's per-thread copies from another's (a session parses its templates again
    /// when one changes, and tests make many libraries).
    private let identity = Identity()
    private final class Identity: Sendable {}

    init(templates: [String: Template]) { self.templates = templates }

    /// A template that inserts itself, through others or directly, as the names on the way
    /// (`["a", "b", "a"]`), or nil: rendering it would never end.
    static func cycle(in templates: [String: Template]) -> [String]? {
        var finished: Set<String> = []
        func visit(_ name: String, _ path: [String]) -> [String]? {
            if path.contains(name) { return path + [name] }
            guard !finished.contains(name), let template = templates[name] else { return nil }
            for partial in template.partials.sorted() {
                if let cycle = visit(partial, path + [name]) { return cycle }
            }
            finished.insert(name)
            return nil
        }
        for name in templates.keys.sorted() {
            if let cycle = visit(name, []) { return Array(cycle.drop { $0 != cycle.last }) }
        }
        return nil
    }

    /// Templates that stopped before they were done (see `TemplateRenderer.Limit`), by name: the
    /// build reports them instead of writing the pages.
    let stopped = TemplatesStopped()

    /// `view` rendered with the template `name` (nothing when there is no such template).
    func render<View: TemplateView>(_ view: View, with name: String) -> String { render(.object(view), with: name) }

    func render(_ value: TemplateValue, with name: String) -> String {
        let templates = forThisThread
        // Once one page is stopped the build fails: the rest are not worth their time.
        guard let template = templates[name], stopped.isEmpty else { return "" }
        var renderer = TemplateRenderer(library: templates, root: value)
        var out = ""
        renderer.render(template, into: &out)
        if let limit = renderer.stopped { stopped.add(name, limit, through: renderer.stoppedTrail) }
        return out
    }
}

extension TemplateLibrary {
    /// The templates as this thread renders them: its own copy, made at its first page.
    ///
    /// Why: every page renders the same templates, and a render counts a reference to each token it
    /// reads (Swift copies an array's element to pass it on). When two threads count references
    /// to the same objects, their cores hand those memory lines back and forth: at 10,000 modules,
    /// on a 2-core machine, `swift_retain` called from `TemplateRenderer.render` took 1.5 and 4.2 %
    /// of a build's `perf` samples in two runs, and 0.8 % with a copy per thread.
    private var forThisThread: [String: Template] {
        let dictionary = Thread.current.threadDictionary
        if let copy = dictionary[ThreadCopy.key] as? ThreadCopy, copy.owner === identity { return copy.templates }
        let copy = ThreadCopy(owner: identity, templates: templates.mapValues(\.unshared))
        dictionary[ThreadCopy.key] = copy
        return copy.templates
    }

    private final class ThreadCopy {
        static let key = "katalog.templates"
        let owner: Identity
        let templates: [String: Template]
        init(owner: Identity, templates: [String: Template]) {
            self.owner = owner
            self.templates = templates
        }
    }
}

/// Copies that share no storage with the original (see `TemplateLibrary.forThisThread`).
extension Template {
    var unshared: Template { Template(tokens: tokens.map(\.unshared)) }
}

extension Template.Token {
    var unshared: Template.Token {
        switch self {
        case .text(let text): .text(text.unshared)
        case .variable(let name, let escaped): .variable(name.unshared, escaped: escaped)
        case .section(let name, let template, let inverted): .section(name.unshared, template.unshared, inverted: inverted)
        case .block(let name, let template, let indentation):
            .block(name.unshared, default: template.unshared, indentation: indentation.unshared)
        case .blockDefinition(let name, let template): .blockDefinition(name.unshared, template.unshared)
        case .partial(let name, let indentation, let overrides):
            .partial(name.unshared, indentation: indentation?.unshared, overrides: overrides?.mapValues(\.unshared))
        case .dynamicPartial, .contentType: self
        }
    }
}

extension Template.Name {
    var unshared: Template.Name { Template.Name(kind: kind, path: path.map(\.unshared), transforms: transforms.map(\.unshared), tag: tag) }
}

extension String {
    /// The same text in new storage (`String(decoding:as:)` of a string's own UTF-8 view would reuse it).
    var unshared: String { String(decoding: Array(utf8), as: UTF8.self) }
}

/// The templates whose render was stopped, and why (shared by the threads that render).
final class TemplatesStopped: Sendable {
    typealias Stop = (limit: TemplateRenderer.Limit, trail: [String])
    private let names = Mutex<[String: Stop]>([:])

    /// `trail`: the templates inserted on the way to where it stopped, outermost first.
    func add(_ name: String, _ limit: TemplateRenderer.Limit, through trail: [String]) {
        names.withLock { $0[name] = (limit, trail) }
    }
    func removeAll() { names.withLock { $0.removeAll() } }
    var isEmpty: Bool { names.withLock { $0.isEmpty } }
    var all: [(name: String, stop: Stop)] { names.withLock { $0.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } } }
}

/// One render: the stack of values being shown and what swift-mustache keeps in its context (the
/// position in the list being rendered, the indentation of a partial, the blocks a child template
/// replaces, whether text is HTML-escaped). Values are pushed and popped in place.
struct TemplateRenderer {
    /// What stops a render that would never end, or not in any reasonable time: templates and
    /// sections inside each other deeper than `maximumDepth` (a page template that includes itself
    /// through a block runs out of stack), or more than `maximumTokens` tags and texts in one page
    /// (partials that double at every level). With the built-in templates, the largest page of a
    /// 10,000-module catalog (the overview) takes 16,764 tokens.
    enum Limit: Sendable { case depth, work }
    static let maximumDepth = 200
    static let maximumTokens = 2_000_000

    let library: [String: Template]
    private(set) var stopped: Limit?
    /// The templates inserted (`{{>name}}`) on the way to where the render stopped, outermost first:
    /// the stop is reported at the page's template, with this way in.
    private(set) var stoppedTrail: [String] = []
    private var trail: [String] = []
    private var depth = 0
    private var tokens = 0
    private var stack: [TemplateValue]
    private var position: (first: Bool, last: Bool, index: Int)?
    private var indentation: String?
    private var inherited: [String: Template]?
    private var escapes = true

    init(library: [String: Template], root: TemplateValue) {
        self.library = library
        stack = [root]
    }

    mutating func render(_ template: Template, into out: inout String) {
        guard stopped == nil else { return }
        guard depth < Self.maximumDepth else {
            stopped = .depth
            stoppedTrail = trail
            return
        }
        tokens += template.tokens.count
        guard tokens <= Self.maximumTokens else {
            stopped = .work
            stoppedTrail = trail
            return
        }
        let escapes = self.escapes
        depth += 1
        defer {
            self.escapes = escapes
            depth -= 1
        }
        if let indentation, !indentation.isEmpty {
            var text = ""
            for token in template.tokens {
                var piece = ""
                render(token, into: &piece)
                if !piece.isEmpty, text.last == "\n" { text += indentation }
                text += piece
            }
            out += text
        } else {
            for token in template.tokens { render(token, into: &out) }
        }
    }

    private mutating func render(_ token: Template.Token, into out: inout String) {
        switch token {
        case .text(let text):
            out += text
        case .variable(let name, let escaped):
            switch lookup(name) {
            case .text(let text), .html(let text): out += escaped && escapes ? FastHTMLEscaping.escape(text) : text
            case .flag(let flag): out += flag ? "true" : "false"
            case .number(let number): out += String(number)
            case .list, .object, nil: break
            }
        case .section(let name, let template, let inverted):
            let value = lookup(name)
            inverted ? renderInverted(value, template, into: &out) : renderSection(value, template, into: &out)
        case .block(let name, let template, let indented):
            let chosen = inherited?[name] ?? template
            within(indented: indented, inheriting: nil, partial: false) { $0.render(chosen, into: &out) }
        case .partial(let name, let indented, let overrides):
            guard let template = library[name] else { return }
            // The way in, by inserted templates (`{{>name}}`; a parent a page inherits is the page itself).
            if overrides == nil { trail.append(name) }
            within(indented: indented, inheriting: overrides, partial: true) { $0.render(template, into: &out) }
            if overrides == nil { trail.removeLast() }
        case .contentType(let escapes):
            self.escapes = escapes
        case .dynamicPartial, .blockDefinition:
            break
        }
    }

    private mutating func renderSection(_ value: TemplateValue?, _ template: Template, into out: inout String) {
        switch value {
        case .list(let items):
            for (index, item) in items.enumerated() {
                showing(item, at: (index == 0, index == items.count - 1, index)) { $0.render(template, into: &out) }
            }
        case .flag(let flag):
            if flag { render(template, into: &out) }
        case .some(let value):
            showing(value, at: nil) { $0.render(template, into: &out) }
        case nil:
            break
        }
    }

    private mutating func renderInverted(_ value: TemplateValue?, _ template: Template, into out: inout String) {
        switch value {
        case .list(let items):
            if items.isEmpty { showing(.list(items), at: nil) { $0.render(template, into: &out) } }
        case .flag(let flag):
            if !flag { render(template, into: &out) }
        case nil:
            render(template, into: &out)
        case .some:
            break
        }
    }

    /// Renders with `value` on top of the stack (and the position in a list, or none).
    private mutating func showing(_ value: TemplateValue, at position: (first: Bool, last: Bool, index: Int)?,
                                  _ body: (inout TemplateRenderer) -> Void) {
        let outer = self.position
        stack.append(value)
        self.position = position
        body(&self)
        stack.removeLast()
        self.position = outer
    }

    /// Renders a partial or a block: its indentation added, the position in a list forgotten; a
    /// partial also brings the blocks it replaces (the outer template's replacements win) and
    /// starts HTML-escaped.
    private mutating func within(indented: String?, inheriting overrides: [String: Template]?, partial: Bool,
                                 _ body: (inout TemplateRenderer) -> Void) {
        let saved = (position, indentation, inherited, escapes)
        position = nil
        if let indented { indentation = (indentation ?? "") + indented }
        if let overrides { inherited = inherited?.merging(overrides) { outer, _ in outer } ?? overrides }
        if partial { escapes = true }
        body(&self)
        (position, indentation, inherited, escapes) = saved
    }

    /// A tag's value: up the stack for the first part of its name, then down through the rest,
    /// then its transforms, last first. Plain loops over the stack in place: written with
    /// `reversed().lazy.compactMap` and `reduce`, the lookups took 1.35 of a 1,000-module build's
    /// 9.26 billion instructions (callgrind), with the wrappers' generic metadata looked up per tag
    /// and a copy of each level; this way, 0.70.
    private func lookup(_ name: Template.Name) -> TemplateValue? {
        var value: TemplateValue?
        var transforms = name.transforms.count
        switch name.kind {
        case .top:
            value = stack.last
        case .sequence:
            guard let position, transforms > 0 else { return nil }
            transforms -= 1
            switch name.transforms[transforms] {
            case "first": value = .flag(position.first)
            case "last": value = .flag(position.last)
            case "index": value = .number(position.index)
            case "even": value = .flag(position.index & 1 == 0)
            case "odd": value = .flag(position.index & 1 == 1)
            default: return nil
            }
        case .anchored:
            value = stack.last
            for part in name.path { value = value?.child(part) }
        case .stack:
            guard let first = name.path.first else {
                value = stack.last
                break
            }
            // Read in place: taking each level out of the array would copy the value.
            value = stack.withUnsafeBufferPointer { levels in
                var level = levels.count
                while level > 0 {
                    level -= 1
                    if let found = levels[level].child(first) { return found }
                }
                return nil
            }
            for part in name.path.dropFirst() { value = value?.child(part) }
        }
        while transforms > 0 {
            transforms -= 1
            value = value?.transformed(name.transforms[transforms])
        }
        return value
    }
}
