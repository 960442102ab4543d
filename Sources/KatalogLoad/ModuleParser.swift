import Foundation
import KatalogCore
import KatalogSupport
import KatalogMarkdown

/// Parses one module file into a `Module`: a pure function of its bytes, so it can run in parallel.
public enum ModuleParser {
    /// A module file read: the module (nil when the file cannot be placed: its fields are
    /// unreadable, or it names no intervention), and every problem found in it.
    public struct Parsed: Sendable {
        public let module: Module?
        public let problems: [InputError]
        /// The course, when the file is one (its front matter names its parts, `forløb:`).
        public var course: Course? = nil

        public init(module: Module?, problems: [InputError], course: Course? = nil) {
            self.module = module
            self.problems = problems
            self.course = course
        }
    }

    /// Reads as much of the file as can be read: each problem is reported at its line, and the
    /// module keeps every field that was readable.
    /// `fingerprint`: the loader's hash of the file (see `Module.fingerprint`).
    public static func read(data: Data, file: String, municipality: String, fingerprint: Int? = nil) -> Parsed {
        let text: String
        var problems: [InputError]
        let document: SplitDocument
        do {
            (text, problems) = try SourceText.decode(data, file: file)
            document = try SplitDocument.split(text, file: file)
        } catch {
            return Parsed(module: nil, problems: [error])
        }
        let frontMatter = SourceLocation(file: file, line: 1)
        if isCourse(document.yaml) {
            return readCourse(document, problems: problems, file: file, municipality: municipality, fingerprint: fingerprint)
        }
        var reader = FieldReader(file: file, firstLine: document.yamlFirstLine)
        let fields = reader.read(yaml: document.yaml, schema: Schema.module)
        problems += reader.errors
        // Keys every module needs; when the fields could not be read at all, that is the problem to fix first.
        let readable = !reader.errors.contains { $0.rule == "YAML" }
        if readable {
            problems += ContentLoader.requiredKeys([ModuleKey.title, .summary, .intervention, .updated], in: fields, at: frontMatter)
        }
        let intervention = fields.text(ModuleKey.intervention).flatMap(Intervention.init(rawValue:))
        var variant = fields.text(ModuleKey.variant).flatMap(Variant.init(rawValue:))
        var fieldsRead = fields
        if let intervention {
            let variants = intervention.variants.map(\.rawValue).joined(separator: ", ")
            if let chosen = variant, chosen.intervention != intervention {
                problems.append(InputError(fields.location(of: ModuleKey.variant)!,
                                           "varianten `\(chosen.rawValue)` hører ikke til indsatsen `\(intervention.rawValue)`",
                                           hint: intervention.variants.isEmpty ? "slet feltet `variant`" : "vælg en af: \(variants)",
                                           rule: "FELT"))
                variant = nil
            } else if variant == nil, !intervention.variants.isEmpty {
                problems.append(InputError(fields.location(of: ModuleKey.intervention) ?? frontMatter,
                    "`variant` mangler for indsatsen `\(intervention.rawValue)`",
                                           hint: "skriv `variant:` med en af: " +
                                               "\(intervention.variants.map(\.rawValue).joined(separator: ", "))", rule: "FELT"))
            }
            let allowed = intervention.elementVocabulary(for: variant)
            let elements = fields.list(ModuleKey.elements)
            for element in elements where !allowed.contains(element) {
                problems.append(InputError(fields.location(of: ModuleKey.elements)!,
                                           "`\(element)` er ikke et indholdselement for \(intervention.label.lowercased())",
                                           hint: Suggestion.hint(for: element, in: allowed.codes)
                                              ?? "mulige værdier: \(allowed.codes.joined(separator: ", "))", rule: "FELT"))
            }
            if elements.contains(where: { !allowed.contains($0) }) {
                fieldsRead.values[ModuleKey.elements.path] = .list(elements.filter(allowed.contains))
            }
        }
        // The module's own phone, e-mail, postcodes and addresses (`Identifiers.rules`): a bad one is left out.
        problems += Identifiers.check(&fieldsRead, municipality: false, file: file)
        let references = controlReferences(in: document.body, firstLine: document.bodyFirstLine, file: file)
        problems += references.problems
        guard let intervention else { return Parsed(module: nil, problems: problems) }

        let body = Markdown.parse(references.body, firstLine: document.bodyFirstLine, rewriteLink: LinkTarget.rewrite)
        let name = (file as NSString).lastPathComponent
        let slug = Slug.make(name)
        let module = Module(id: "\(municipality)/\(slug)", municipalitySlug: municipality, slug: slug, file: file,
                            frontMatter: frontMatter, fields: fieldsRead, intervention: intervention, variant: variant, body: body,
                            fingerprint: fingerprint)
        return Parsed(module: module, problems: problems)
    }

    /// Whether front matter is a course's: a top-level `forløb:` key (read before the YAML, so that
    /// a course with a YAML mistake is still reported as a course).
    static func isCourse(_ yaml: String) -> Bool {
        // A key starts a line: most modules mention "forløbet" in their text, few start a line with it.
        guard yaml.hasPrefix("forløb") || yaml.hasPrefix("\"forløb") || yaml.hasPrefix("'forløb") || yaml.containsText("\nforløb")
                || yaml.containsText("\n\"forløb") || yaml.containsText("\n'forløb") else { return false }
        return yaml.split(separator: "\n").contains { line in
            ["forløb", "\"forløb\"", "'forløb'"].contains { key in
                line.hasPrefix(key) && line.dropFirst(key.count).drop { $0 == " " }.first == ":"
            }
        }
    }

    /// A course file: its fields (`Schema.course`) and body; its parts are found in the catalog by the loader.
    static func readCourse(_ document: SplitDocument, problems: [InputError], file: String, municipality: String,
                           fingerprint: Int?) -> Parsed {
        var problems = problems
        let frontMatter = SourceLocation(file: file, line: 1)
        var reader = FieldReader(file: file, firstLine: document.yamlFirstLine)
        reader.isCourse = true
        var fields = reader.read(yaml: document.yaml, schema: Schema.course)
        problems += reader.errors
        // The course's own phone and e-mail are checked as a module's are (`Identifiers.rules`).
        problems += Identifiers.check(&fields, municipality: false, file: file)
        if !reader.errors.contains(where: { $0.rule == "YAML" }) {
            problems += ContentLoader.requiredKeys([ModuleKey.title, .summary, .updated], in: fields, at: frontMatter)
        }
        let references = controlReferences(in: document.body, firstLine: document.bodyFirstLine, file: file)
        problems += references.problems
        // Front matter that cannot be read at all leaves the course out, as it leaves a module out (a preview
        // shows no course named after its file).
        if reader.errors.contains(where: { $0.rule == "YAML" }) { return Parsed(module: nil, problems: problems) }
        let body = Markdown.parse(references.body, firstLine: document.bodyFirstLine, rewriteLink: LinkTarget.rewrite)
        let slug = Slug.make((file as NSString).lastPathComponent)
        let course = Course(id: "\(municipality)/\(slug)", municipalitySlug: municipality, slug: slug, file: file,
                            frontMatter: frontMatter, fields: fields, body: body, fingerprint: fingerprint)
        return Parsed(module: nil, problems: problems, course: course)
    }

    /// The module, or every problem of the file (for tests and tools that need a clean file).
    public static func parse(data: Data, file: String, municipality: String, fingerprint: Int? = nil) throws(InputErrors) -> Module {
        let parsed = read(data: data, file: file, municipality: municipality, fingerprint: fingerprint)
        guard parsed.problems.isEmpty, let module = parsed.module else { throw InputErrors(parsed.problems) }
        return module
    }

    /// Numeric character references in the body (`&#x1b;`, `&#27;`) to characters the file itself
    /// may not hold: libcmark turns them into those characters in the page.
    static func controlReferences(in body: String, firstLine: Int, file: String) -> (body: String, problems: [InputError]) {
        guard body.containsText("&#") else { return (body, []) }
        var errors: [InputError] = []
        var cleaned: [Substring] = []
        for (index, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard line.containsText("&#") else { cleaned.append(line); continue }
            var rest = line[...]
            var kept = ""
            var from = line.startIndex
            while let start = rest.range(of: "&#") {
                let after = rest[start.upperBound...]
                let hex = after.first == "x" || after.first == "X"
                let digits = (hex ? after.dropFirst() : after).prefix { hex ? $0.isHexDigit : $0.isASCII && $0.isNumber }
                rest = after
                guard !digits.isEmpty, digits.count <= 7, digits.endIndex < line.endIndex, line[digits.endIndex] == ";",
                      let value = UInt32(digits, radix: hex ? 16 : 10), let scalar = Unicode.Scalar(value),
                      value != 0, ControlCharacters.isForbidden(scalar) else { continue }
                let reference = line[start.lowerBound...digits.endIndex]
                errors.append(InputError(SourceLocation(file: file, line: firstLine + index, column: line.distance(from: line.startIndex,
                    to: start.lowerBound) + 1),
                                         "teksten indeholder `\(reference)`, et usynligt styretegn (\(ControlCharacters.name(scalar)))",
                                         hint: "slet koden"))
                kept += line[from..<start.lowerBound] + "&#xFFFD;"
                from = line.index(after: digits.endIndex)
            }
            cleaned.append(Substring(kept + line[from...]))
        }
        return (cleaned.joined(separator: "\n"), errors)
    }
}
