import Foundation
import KatalogCore
import KatalogSupport

/// Parses one `kommune.yml` (without its modules): a pure function of its bytes.
public enum MunicipalityParser {
    /// The settings that could be read, and every problem: a bad value is left out and reported,
    /// so the municipality's modules are still checked.
    public static func read(data: Data, file: String, slug: String) -> (municipality: Municipality, problems: [InputError]) {
        var ((fields, problems), yamlRead) = SettingsFile.read(data: data, file: file, schema: Schema.municipality)
        if yamlRead {
            problems += ContentLoader.requiredKeys([MunicipalityKey.name, .code], in: fields, at: SourceLocation(file: file, line: 1))
        }
        // Settings within what makes sense (and what arithmetic on them can hold).
        for (key, range) in [(MunicipalityKey.fileLimitMB, 1...100_000), (.lixLimit, 1...100)] {
            if let value = fields.integer(key), let location = fields.location(of: key), !range.contains(value) {
                problems.append(InputError(location,
                    "`\(key.path)` er \(value), men skal være fra \(range.lowerBound) til \(range.upperBound)", rule: "FELT"))
                fields.values[key.path] = nil
            }
        }
        // Kommunekode, EAN, SOR, postcodes, phones, e-mail and web addresses (`Identifiers.rules`): a bad one is left out.
        problems += Identifiers.check(&fields, municipality: true, file: file)
        return (Municipality(slug: slug, file: file, fields: fields, modules: []), problems)
    }

    /// The municipality, or every problem of the file.
    public static func parse(data: Data, file: String, slug: String) throws(InputErrors) -> Municipality {
        let (municipality, problems) = read(data: data, file: file, slug: slug)
        guard problems.isEmpty else { throw InputErrors(problems) }
        return municipality
    }

    /// Four of the digits 0-9 (not any Unicode digit: `٠٩٩١` is no kommunekode), as DK Core writes kommunekoder.
    public static func isMunicipalityCode(_ code: String) -> Bool {
        code.utf8.count == 4 && Identifiers.digits(code)
    }
}
