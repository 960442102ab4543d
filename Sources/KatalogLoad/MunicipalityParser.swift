import Foundation
import KatalogCore

/// Parses one `kommune.yml` (without its modules): a pure function of its bytes.
public enum MunicipalityParser {
    public static func parse(data: Data, file: String, slug: String) throws(InputErrors) -> Municipality {
        let text: String
        do { text = try SourceText.decode(data, file: file) } catch { throw InputErrors([error]) }
        var reader = FieldReader(file: file, firstLine: 1)
        let fields = reader.read(yaml: text, schema: Schema.municipality)
        var errors = reader.errors
        errors += ContentLoader.requiredKeys(["navn", "kommunekode"], in: fields, at: SourceLocation(file: file, line: 1))
        for key in ["hjemmeside", "tilgængelighedserklæring"] {
            if let url = fields.text(key), let location = fields.locations[key],
               !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.contains(where: \.isWhitespace) {
                errors.append(InputError(location, "`\(key)` skal være en webadresse, der starter med https://"))
            }
        }
        if let code = fields.text("kommunekode"), let location = fields.locations["kommunekode"],
           !(code.count == 3 || code.count == 4) || !code.allSatisfy(\.isNumber) {
            errors.append(InputError(location, "kommunekoden `\(code)` skal være tre eller fire cifre",
                                     hint: "skriv den i citationstegn, fx \"0707\""))
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        return Municipality(slug: slug, file: file, fields: fields, modules: [])
    }
}
