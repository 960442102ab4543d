import Foundation
import KatalogCore
import KatalogMarkdown

/// Parses one module file into a `Module`: a pure function of its bytes, so it can run in parallel.
public enum ModuleParser {
    /// `fingerprint`: the loader's hash of the file (see `Module.fingerprint`).
    public static func parse(data: Data, file: String, municipality: String, fingerprint: Int = 0) throws(InputErrors) -> Module {
        let text = try SourceText.decode(data, file: file)
        let document: SplitDocument
        do { document = try SplitDocument.split(text, file: file) } catch { throw InputErrors([error]) }
        let frontMatter = SourceLocation(file: file, line: 1)
        var reader = FieldReader(file: file, firstLine: document.yamlFirstLine)
        let fields = reader.read(yaml: document.yaml, schema: Schema.module)
        var errors = reader.errors
        if !errors.isEmpty { throw InputErrors(errors) }

        errors += ContentLoader.requiredKeys(["titel", "resume", "indsats", "opdateret"], in: fields, at: frontMatter)
        let intervention = fields.text("indsats").flatMap(Intervention.init(rawValue:))
        let variant = fields.text("variant").flatMap(Variant.init(rawValue:))
        if let intervention {
            if let variant, variant.intervention != intervention {
                errors.append(InputError(fields.locations["variant"]!,
                                         "varianten `\(variant.rawValue)` hører ikke til indsatsen `\(intervention.rawValue)`",
                                         hint: intervention.variants.isEmpty ? "slet feltet `variant`"
                                            : "vælg en af: \(intervention.variants.map(\.rawValue).joined(separator: ", "))"))
            } else if variant == nil, !intervention.variants.isEmpty {
                errors.append(InputError(frontMatter, "feltet `variant` mangler for indsatsen `\(intervention.rawValue)`",
                                         hint: "vælg en af: \(intervention.variants.map(\.rawValue).joined(separator: ", "))"))
            }
            let allowed = intervention.elementVocabulary(for: variant)
            for element in fields.list("indhold") where !allowed.contains(element) {
                errors.append(InputError(fields.locations["indhold"]!,
                                         "`\(element)` er ikke et indholdselement for \(intervention.label.lowercased())",
                                         hint: Suggestion.hint(for: element, in: allowed.codes)
                                            ?? "tilladte værdier: \(allowed.codes.joined(separator: ", "))"))
            }
        }
        errors += controlReferences(in: document.body, firstLine: document.bodyFirstLine, file: file)
        guard errors.isEmpty, let intervention else { throw InputErrors(errors) }

        let body = Markdown.parse(document.body, firstLine: document.bodyFirstLine, rewriteLink: LinkTarget.rewrite)
        let name = (file as NSString).lastPathComponent
        let slug = Slug.make(name)
        return Module(id: "\(municipality)/\(slug)", municipalitySlug: municipality, slug: slug, file: file,
                      frontMatter: frontMatter, fields: fields, intervention: intervention, variant: variant, body: body,
                      fingerprint: fingerprint, factsFingerprint: fingerprint == 0 ? 0 : LoadCache.fingerprint(file, Data(document.yaml.utf8)))
    }

    /// Numeric character references in the body (`&#x1b;`, `&#27;`) to characters the file itself
    /// may not hold: libcmark turns them into those characters in the page.
    static func controlReferences(in body: String, firstLine: Int, file: String) -> [InputError] {
        guard body.containsText("&#") else { return [] }
        var errors: [InputError] = []
        for (index, line) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.containsText("&#") {
            var rest = line[...]
            while let start = rest.range(of: "&#") {
                let after = rest[start.upperBound...]
                let hex = after.first == "x" || after.first == "X"
                let digits = (hex ? after.dropFirst() : after).prefix { hex ? $0.isHexDigit : $0.isASCII && $0.isNumber }
                rest = after
                guard !digits.isEmpty, digits.count <= 7, digits.endIndex < line.endIndex, line[digits.endIndex] == ";",
                      let value = UInt32(digits, radix: hex ? 16 : 10), let scalar = Unicode.Scalar(value),
                      value != 0, ControlCharacters.isForbidden(scalar) else { continue }
                let reference = line[start.lowerBound...digits.endIndex]
                errors.append(InputError(SourceLocation(file: file, line: firstLine + index, column: line.distance(from: line.startIndex, to: start.lowerBound) + 1),
                                         "teksten indeholder `\(reference)`, et usynligt styretegn (\(ControlCharacters.name(scalar)))",
                                         hint: "slet koden"))
            }
        }
        return errors
    }
}
