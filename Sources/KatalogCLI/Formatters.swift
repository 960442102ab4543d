import ArgumentParser
import Foundation
import KatalogCore
import KatalogSupport
import KatalogRules

/// One formatter per output, all over the same `Finding` type (as Vale and Spectral do).
public enum FindingFormat: String, CaseIterable, Sendable {
    case text, json, github, junit, sarif, markdown

    /// `courses`: how many course files were checked (named in the text summary when there are any).
    public func render(_ findings: [Finding], modules: Int, courses: Int = 0, strict: Bool = false) -> String {
        switch self {
        case .text: TextFormatter.format(findings, modules: modules, courses: courses)
        case .json: JSONFormatter.format(findings, modules: modules)
        case .github: GitHubFormatter.format(findings)
        case .junit: JUnitFormatter.format(findings, strict: strict)
        case .sarif: SARIFFormatter.format(findings)
        case .markdown: MarkdownFormatter.format(findings, modules: modules)
        }
    }
}

struct Summary {
    let errors: Int
    let warnings: Int
    init(_ findings: [Finding]) {
        errors = findings.filter { $0.severity == .error }.count
        warnings = findings.count - errors
    }
}

/// `Content/fjordby/traening.md:14:3: fejl: message [K-6.2-5 §6.2]` and the hint indented below:
/// what is wrong first, in words; the rule and the section of the standard at the end.
enum TextFormatter {
    static func format(_ findings: [Finding], modules: Int, courses: Int = 0) -> String {
        var lines = findings.map { f in
            "\(f.location): \(f.severity.danish): \(f.message) [\(f.rule)\(f.section == "-" ? "" : " §" + f.section)]"
                + (f.hint.isEmpty ? "" : "\n    → " + f.hint.replacingOccurrences(of: "\n", with: "\n      "))
        }
        let summary = Summary(findings)
        let checked = courses == 0 ? "\(modules) tilbud" : "\(modules) tilbud og \(courses) forløb"
        lines.append("\(checked) tjekket: \(summary.errors) fejl, \(summary.warnings) advarsler.")
        return lines.joined(separator: "\n")
    }
}

enum JSONFormatter {
    struct Item: Encodable {
        let rule, section, severity, file: String
        let line, column: Int
        let message, hint: String
    }
    struct Totals: Encodable { let modules, errors, warnings: Int }
    struct Document: Encodable {
        let findings: [Item]
        let summary: Totals
    }

    static func format(_ findings: [Finding], modules: Int, courses: Int = 0) -> String {
        let summary = Summary(findings)
        let document = Document(
            findings: findings.map {
                Item(rule: $0.rule, section: $0.section, severity: $0.severity.rawValue, file: $0.location.file,
                     line: $0.location.line, column: $0.location.column, message: $0.message, hint: $0.hint)
            },
            summary: Totals(modules: modules, errors: summary.errors, warnings: summary.warnings))
        return encode(document)
    }
}

func encode(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
/// Errors come first: GitHub shows only the first 10 annotations of each kind per step.
enum GitHubFormatter {
    static func format(_ findings: [Finding]) -> String {
        let ordered = findings.filter { $0.severity == .error } + findings.filter { $0.severity == .warning }
        return ordered.map { f in
            let command = f.severity == .error ? "error" : "warning"
            let properties = [
                "file=\(property(f.location.file))",
                "line=\(f.location.line)",
                "col=\(f.location.column)",
                "title=\(property(f.section == "-" ? f.rule : "\(f.rule) §\(f.section)"))",
            ].joined(separator: ",")
            return "::\(command) \(properties)::\(data("\(f.message). \(f.hint)"))"
        }.joined(separator: "\n")
    }

    /// Escaping as in @actions/core: `%`, CR and LF in data; also `:` and `,` in properties.
    static func data(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25")
            .replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func property(_ text: String) -> String {
        data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}

/// JUnit XML for GitLab and other CI: one test case per finding, in a suite per file.
/// Errors are failures; warnings are failures only with `--strict`, else passed cases with output.
enum JUnitFormatter {
    static func format(_ findings: [Finding], strict: Bool) -> String {
        let byFile = Dictionary(grouping: findings, by: \.location.file)
        let failing = findings.filter { $0.severity == .error || strict }.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"katalog check\" tests=\"\(findings.count)\" failures=\"\(failing)\">\n"
        for file in byFile.keys.sorted() {
            let items = byFile[file]!
            let suiteFailures = items.filter { $0.severity == .error || strict }.count
            xml += "  <testsuite name=\"\(escape(file))\" tests=\"\(items.count)\" failures=\"\(suiteFailures)\">\n"
            for f in items {
                let name = "\(f.rule) §\(f.section) (linje \(f.location.line))"
                xml += "    <testcase classname=\"\(escape(file))\" name=\"\(escape(name))\" file=\"\(escape(file))\""
                    + " line=\"\(f.location.line)\">\n"
                let body = "\(f.location): \(f.message)\n\(f.hint)"
                if f.severity == .error || strict {
                    xml += "      <failure type=\"\(f.severity.danish)\" message=\"\(escape(f.message))\">\(escape(body))</failure>\n"
                } else {
                    xml += "      <system-out>\(escape("advarsel: " + body))</system-out>\n"
                }
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        xml += "</testsuites>"
        return xml
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                // XML 1.0 forbids most control characters even when escaped.
                if scalar.value >= 0x20 { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}

/// SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.
enum SARIFFormatter {
    struct Log: Encodable {
        let schema = "https://json.schemastore.org/sarif-2.1.0.json"
        let version = "2.1.0"
        let runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }
    struct Run: Encodable { let tool: Tool; let results: [Result] }
    struct Tool: Encodable { let driver: Driver }
    struct Driver: Encodable {
        let name = "katalog"
        let version = KatalogVersion.version
        let informationUri = "https://www.sst.dk/da/udgivelser/2024/Forebyggelsestilbud-til-borgere-med-kronisk-sygdom-Kvalitetsstandarder"
        let rules: [RuleDescriptor]
    }
    struct Text: Encodable { let text: String }
    struct Configuration: Encodable { let level: String }
    struct RuleDescriptor: Encodable {
        let id: String
        let name: String
        let shortDescription: Text
        let fullDescription: Text
        let help: Text
        let defaultConfiguration: Configuration
        let properties: [String: String]
    }
    struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int?
        let level: String
        let message: Text
        let locations: [Location]
    }
    struct Location: Encodable { let physicalLocation: Physical }
    struct Physical: Encodable { let artifactLocation: Artifact; let region: Region }
    struct Artifact: Encodable { let uri: String }
    struct Region: Encodable { let startLine: Int; let startColumn: Int }

    static func format(_ findings: [Finding]) -> String {
        let used = Array(Set(findings.map(\.rule))).sorted()
        let descriptors = used.map { id -> RuleDescriptor in
            let rule = Standard.rule(id) ?? ToolRules.rule(id)
            return RuleDescriptor(
                id: id, name: id,
                shortDescription: Text(text: rule.map { "§\($0.section): \($0.target.danish)" } ?? id),
                fullDescription: Text(text: rule?.wording ?? id),
                help: Text(text: rule?.hint ?? ""),
                defaultConfiguration: Configuration(level: (rule?.severity ?? .error) == .error ? "error" : "warning"),
                properties: ["section": rule?.section ?? "-", "basis": rule?.basis.rawValue ?? "-"])
        }
        let results = findings.map { f in
            Result(ruleId: f.rule, ruleIndex: used.firstIndex(of: f.rule),
                   level: f.severity == .error ? "error" : "warning",
                   message: Text(text: "\(f.message). \(f.hint)"),
                   locations: [Location(physicalLocation: Physical(
                       artifactLocation: Artifact(uri: uri(f.location.file)),
                       region: Region(startLine: f.location.line, startColumn: f.location.column)))])
        }
        return encode(Log(runs: [Run(tool: Tool(driver: Driver(rules: descriptors)), results: results)]))
    }

    /// A relative URI reference: path segments percent-encoded (æ, ø, å and spaces).
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}

extension FindingFormat: ExpressibleByArgument {}

/// A Danish summary in Markdown for `$GITHUB_STEP_SUMMARY` or a pull-request comment: totals,
/// a table per file, then each finding with its rule and section.
enum MarkdownFormatter {
    static let standardURL = "https://www.sst.dk/da/udgivelser/2024/Forebyggelsestilbud-til-borgere-med-kronisk-sygdom-Kvalitetsstandarder"

    static func format(_ findings: [Finding], modules: Int, courses: Int = 0) -> String {
        let summary = Summary(findings)
        var out = "## Kvalitetsstandarden: \(summary.errors) fejl og \(summary.warnings) advarsler i \(modules) tilbud\n\n"
        guard !findings.isEmpty else {
            return out + "Alle tilbud opfylder Sundhedsstyrelsens kvalitetsstandard (2024). ✅\n"
        }
        if summary.errors > 0 {
            out += "❌ Kataloget bryder krav i standarden og kan ikke offentliggøres, før fejlene er rettet.\n\n"
        }
        let byFile = Dictionary(grouping: findings, by: \.location.file)
        let errorCount = { (file: String) in byFile[file]!.filter { $0.severity == .error }.count }
        // Most errors first, then by file name.
        let files = byFile.keys.sorted { a, b in errorCount(a) != errorCount(b) ? errorCount(a) > errorCount(b) : a < b }
        out += "| Fil | Fejl | Advarsler |\n|---|---:|---:|\n"
        for file in files {
            let items = byFile[file]!
            let errors = items.filter { $0.severity == .error }.count
            out += "| \(cell("`" + file + "`")) | \(errors) | \(items.count - errors) |\n"
        }
        for file in files {
            out += "\n### \(cell("`" + file + "`"))\n\n"
            for f in byFile[file]!.sorted(by: Finding.ordered) {
                let label = f.severity == .error ? "❌ **Fejl**" : "⚠️ **Advarsel**"
                let section = f.section == "-" ? f.rule : "[\(f.rule) (§\(f.section))](\(standardURL))"
                out += "- \(label) \(section), linje \(f.location.line): \(cell(f.message)). \(cell(f.hint))\n"
            }
        }
        return out
    }

    /// A message as Markdown that shows exactly its text: what it quotes from content (a value, a
    /// key, a file name) can hold HTML, images and links, and the result becomes a pull-request
    /// comment. Every Markdown character is escaped and `<`, `>`, `&` and `|` are written as
    /// entities, so nothing in it is active, in a table cell or a list item; spans in backticks
    /// are wrapped in `<code>` (whose content Markdown still reads, hence escaped too). Backticks
    /// are paired from the left: a stray one only decides what is shown as code.
    static func cell(_ text: String) -> String {
        let segments = text.replacingOccurrences(of: "\n", with: " ").split(separator: "`", omittingEmptySubsequences: false)
        return segments.enumerated().map { index, segment in
            let escaped = escape(segment)
            return index % 2 == 1 && index < segments.count - 1 ? "<code>" + escaped + "</code>" : escaped
        }.joined()
    }

    static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "|": out += "&#124;"
            // GitHub links e-mail addresses and scheme:… text by itself, backslash or not.
            case "@": out += "&#64;"
            case ":": out += "&#58;"
            case "\\", "*", "_", "[", "]", "(", ")", "#", "+", "-", ".", "!", "{", "}", "~", "\"", "'", "=":
                out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }
}
