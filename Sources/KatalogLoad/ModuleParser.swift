import Foundation
import KatalogCore
import KatalogMarkdown

/// Parses one module file into a `Module`: a pure function of its bytes, so it can run in parallel.
public enum ModuleParser {
    /// `fingerprint`: the loader's hash of the file (see `Module.fingerprint`).
    public static func parse(data: Data, file: String, municipality: String, fingerprint: Int = 0) throws(InputErrors) -> Module {
        let text: String
        let document: SplitDocument
        do {
            text = try SourceText.decode(data, file: file)
            document = try SplitDocument.split(text, file: file)
        } catch {
            throw InputErrors([error])
        }
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
        guard errors.isEmpty, let intervention else { throw InputErrors(errors) }

        let body = Markdown.parse(document.body, firstLine: document.bodyFirstLine, rewriteLink: LinkTarget.rewrite)
        let name = (file as NSString).lastPathComponent
        let slug = Slug.make(name)
        return Module(id: "\(municipality)/\(slug)", municipalitySlug: municipality, slug: slug, file: file,
                      frontMatter: frontMatter, fields: fields, intervention: intervention, variant: variant, body: body,
                      fingerprint: fingerprint, factsFingerprint: fingerprint == 0 ? 0 : LoadCache.fingerprint(file, Data(document.yaml.utf8)))
    }
}
