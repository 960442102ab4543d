import Foundation
import KatalogCore

/// Parses one `kommune.yml` (without its modules): a pure function of its bytes.
public enum MunicipalityParser {
    public static func parse(data: Data, file: String, slug: String) throws(InputErrors) -> Municipality {
        let text = try SourceText.decode(data, file: file)
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
           !Self.isMunicipalityCode(code) {
            errors.append(InputError(location, "kommunekoden `\(code)` skal være tre eller fire cifre fra 0 til 9",
                                     hint: "skriv den i citationstegn, fx \"0707\""))
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        return Municipality(slug: slug, file: file, fields: fields, modules: [])
    }

    /// Three or four of the digits 0-9 (not any Unicode digit: `٠٩٩١` is no kommunekode).
    public static func isMunicipalityCode(_ code: String) -> Bool {
        (code.utf8.count == 3 || code.utf8.count == 4) && code.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
