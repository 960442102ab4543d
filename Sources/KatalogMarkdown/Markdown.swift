import CCmark
import KatalogCore
import KatalogSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Markdown through libcmark in its safe default mode: raw HTML is omitted and unsafe URLs
/// (`javascript:`, `vbscript:`, `file:`, most `data:`) get an empty href. Never CMARK_OPT_UNSAFE.
public enum Markdown {
    /// Parses a module body. `firstLine` is the file line where the body starts, so that link
    /// and table positions are file lines. Headings are shifted one level down (a body `#` becomes
    /// `<h2>`), because the module page's only `<h1>` is its title.
    /// `rewriteLink` may replace a link destination (e.g. `anden.md` → `anden.html`).
    public static func parse(_ markdown: String, firstLine: Int = 1,
                             rewriteLink: ((String) -> String?)? = nil) -> Body {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8
        let utf8 = Array(markdown.utf8)
        guard let document = utf8.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress.map { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parse_document($0, buffer.count, options)
                }
            } ?? cmark_parse_document("", 0, options)
        }) else {
            return Body(markdown: markdown, html: "", prose: "", links: [], pipeTableLines: [], wordCount: 0)
        }
        defer { cmark_node_free(document) }

        var collector = Collector(lineOffset: firstLine - 1, rewriteLink: rewriteLink)
        collector.walk(document)

        var body = Body(markdown: markdown, html: "", prose: "", links: [], pipeTableLines: [], wordCount: 0)
        body.firstLine = firstLine
        let html: String
        if let rendered = cmark_render_html(document, options) {
            html = String(cString: rendered)
            free(rendered)
        } else {
            html = ""
        }
        body.html = html
        body.prose = collector.prose.joined(separator: "\n")
        body.links = collector.links
        body.pipeTableLines = collector.pipeTableLines
        body.wordCount = Self.countWords(collector.allText)
        return body
    }

    /// Words: runs of non-space text that hold at least one letter or digit (so a lone "–" is not one).
    static func countWords(_ text: String) -> Int {
        var count = 0
        var inWord = false, wordHasLetter = false
        for scalar in text.unicodeScalars {
            let space: Bool, letter: Bool
            switch scalar.value {
            case 0x09...0x0D, 0x20: space = true; letter = false
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: space = false; letter = true
            case 0..<0x80: space = false; letter = false
            case 0xC0...0xFF where scalar.value != 0xD7 && scalar.value != 0xF7: space = false; letter = true   // æ, ø, å, é …
            default:
                let properties = scalar.properties
                space = properties.isWhitespace
                letter = !space && (properties.numericType != nil || properties.generalCategory.isLetter)
            }
            if space {
                if inWord && wordHasLetter { count += 1 }
                inWord = false; wordHasLetter = false
            } else {
                inWord = true
                wordHasLetter = wordHasLetter || letter
            }
        }
        if inWord && wordHasLetter { count += 1 }
        return count
    }
}

/// One pass over the syntax tree: prose paragraphs, links, pipe tables, word count, heading shift.
private struct Collector {
    let lineOffset: Int
    let rewriteLink: ((String) -> String?)?
    var prose: [String] = []
    var links: [Body.Link] = []
    var pipeTableLines: [Int] = []
    /// All text, blocks separated by spaces, for the word count.
    var allText = ""

    private var paragraph: String?
    private var paragraphLine = 0
    private var listDepth = 0

    init(lineOffset: Int, rewriteLink: ((String) -> String?)?) {
        self.lineOffset = lineOffset
        self.rewriteLink = rewriteLink
    }

    mutating func walk(_ root: OpaquePointer) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let entering = event == CMARK_EVENT_ENTER
            switch type {
            case CMARK_NODE_LIST:
                listDepth += entering ? 1 : -1
            case CMARK_NODE_HEADING where entering:
                let level = cmark_node_get_heading_level(node)
                cmark_node_set_heading_level(node, min(6, max(2, level + 1)))
            case CMARK_NODE_PARAGRAPH:
                if entering {
                    paragraph = ""
                    paragraphLine = Int(cmark_node_get_start_line(node)) + lineOffset
                } else if let text = paragraph {
                    allText += " "
                    finishParagraph(text)
                    paragraph = nil
                }
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
                allText += literal
                paragraph?.append(literal)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                paragraph?.append("\n")
                allText += " "
            case CMARK_NODE_HEADING, CMARK_NODE_CODE_BLOCK, CMARK_NODE_ITEM:
                allText += " "
                if type == CMARK_NODE_CODE_BLOCK, let literal = cmark_node_get_literal(node) { allText += String(cString: literal) + " " }
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if entering, let url = cmark_node_get_url(node) {
                    let destination = String(cString: url)
                    if let rewritten = rewriteLink?(destination) { cmark_node_set_url(node, rewritten) }
                    links.append(Body.Link(
                        destination: destination,
                        line: Int(cmark_node_get_start_line(node)) + lineOffset,
                        column: Int(cmark_node_get_start_column(node))))
                }
            default:
                break
            }
        }
    }

    private mutating func finishParagraph(_ text: String) {
        guard text.containsByte(0x7C) else {
            if listDepth == 0 { prose.append(text.newlinesAsSpaces) }
            return
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let piped = lines.filter { $0.filter { $0 == "|" }.count >= 2 }
        let delimiter = lines.contains { line in
            let trimmed = line.trimmingCharacters(in: " |:")
            return trimmed.contains("---") && trimmed.allSatisfy { "-|: ".contains($0) }
        }
        if piped.count >= 2 && delimiter {
            pipeTableLines.append(paragraphLine)
            return
        }
        if listDepth == 0 {
            prose.append(text.newlinesAsSpaces)
        }
    }
}

private extension Unicode.GeneralCategory {
    var isLetter: Bool {
        switch self {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> Substring {
        var s = self
        while let first = s.first, set.contains(first) { s.removeFirst() }
        while let last = s.last, set.contains(last) { s.removeLast() }
        return s
    }
}

private extension String {
    /// Newlines as spaces (byte-wise; both are single bytes in UTF-8).
    var newlinesAsSpaces: String {
        String(decoding: utf8.map { $0 == 0x0A ? 0x20 : $0 }, as: UTF8.self)
    }
}
