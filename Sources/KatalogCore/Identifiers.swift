import KatalogSupport

/// The identifiers a referral, a GP and a system route by, checked when a file is read. Each kind is
/// one `IdentifierRule`: its rule ID (the finding's), the fields that hold it, where its format comes
/// from, and a check that says in Danish what is wrong. A value that fails is reported at its line
/// and left out, so no export carries it (a GP's referral goes to the EAN it finds).
public struct IdentifierRule: Sendable {
    public let id: String
    /// Where the format is defined (traceable: a standard, a profile, a register).
    public let source: String
    /// The fields of kommune.yml that hold it (dotted paths).
    public let municipalityPaths: [String]
    /// The fields of a module that hold it (`steder.postnummer`: the field of each place).
    public let modulePaths: [String]
    public let hint: String
    /// What is wrong with the value, in Danish (it follows "`felt` er `værdi`, men …"); nil when it is valid.
    let problem: @Sendable (String) -> String?

    public func problem(with value: String) -> String? { problem(value) }
}

public enum Identifiers {
    public static let municipalityCode = "ID-KOMMUNEKODE"
    public static let municipalityName = "ID-KOMMUNENAVN"
    public static let ean = "ID-EAN"
    public static let sor = "ID-SOR"
    public static let postcode = "ID-POSTNUMMER"
    public static let address = "ID-ADRESSE"
    public static let phone = "ID-TELEFON"
    public static let email = "ID-EMAIL"
    public static let web = "ID-WEB"

    public static let rules: [IdentifierRule] = [
        IdentifierRule(id: municipalityCode, source: """
            DK Core's kommunekoder (http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes): fire cifre, de 98 kommuner
            """, municipalityPaths: [MunicipalityKey.code.path], modulePaths: [],
            hint: """
                skriv kommunens kode med fire cifre i citationstegn, fx "0707" for Norddjurs; et eksempel skal have `eksempeldata: true`
                """,
            problem: { fourDigits($0) ? nil : "en kommunekode er fire cifre fra 0 til 9" }),
        IdentifierRule(id: ean, source: "GS1 GLN (DK Core GLNIdentifier: 13 cifre, modulus 10-kontrolciffer; MedCom EAN-ID)",
            municipalityPaths: [MunicipalityKey.receiverEAN.path], modulePaths: [],
            hint: "skriv lokationsnummeret med alle 13 cifre, som det står i SOR; er kontrolcifferet forkert, er der en tastefejl",
            problem: { value in
                guard digits(value) else { return "et EAN-lokationsnummer er 13 cifre fra 0 til 9 (uden mellemrum)" }
                guard value.utf8.count == 13 else { return "et EAN-lokationsnummer har 13 cifre, ikke \(value.utf8.count)" }
                // Thirteen zeros pass the check digit, and route nowhere.
                guard value.contains(where: { $0 != "0" }) else { return "lokationsnummeret er kun nuller; skriv det rigtige nummer" }
                return gs1CheckDigitIsValid(value) ? nil : "kontrolcifferet (det sidste ciffer) passer ikke med de 12 første"
            }),
        // The upper bound is the tool's own guard against a typo: the SOR codes seen in DK Core's, MedCom's and
        // KL's examples have 11 to 16 digits, and a SNOMED CT-style identifier has at most 18.
        IdentifierRule(id: sor, source: """
            DK Core SORIdentifier (min-digits-sor: mindst 11 cifre); højst 18 cifre er værktøjets grænse for en tastefejl
            """,
            municipalityPaths: [MunicipalityKey.receiverSOR.path], modulePaths: [],
            hint: "skriv SOR-koden, som den står i SOR-browseren (sorbrowser.sundhedsdatastyrelsen.dk), kun med cifre",
            problem: { value in
                guard digits(value) else { return "en SOR-kode er kun cifre fra 0 til 9 (uden mellemrum)" }
                guard value.contains(where: { $0 != "0" }) else { return "SOR-koden er kun nuller; skriv den rigtige kode" }
                return (11...18).contains(value.utf8.count) ? nil : "en SOR-kode har 11 til 18 cifre, ikke \(value.utf8.count)"
            }),
        IdentifierRule(id: postcode, source: "Danske postnumre: fire cifre",
            municipalityPaths: [MunicipalityKey.postcodes.path], modulePaths: ["\(PlaceKey.recordPath).\(PlaceKey.postcode.rawValue)"],
            hint: "skriv postnummeret med fire cifre og intet andet, fx \"7990\"",
            problem: { fourDigits($0) ? nil : "et postnummer er fire cifre fra 0 til 9 og intet andet" }),
        IdentifierRule(id: address, source: "En adresse, som den skrives på et brev",
            municipalityPaths: [MunicipalityKey.receiverAddress.path, MunicipalityKey.contactAddress.path],
            modulePaths: [ModuleKey.contactAddress.path, "\(PlaceKey.recordPath).\(PlaceKey.address.rawValue)"],
            hint: "slet anførselstegnene; skriv fx Havnegade 12, 7990 Fjordby",
            problem: { value in
                value.unicodeScalars.contains(where: quotes.contains)
                    ? "en adresse har ingen anførselstegn (de kommer tit med fra Word)" : nil
            }),
        IdentifierRule(id: phone, source: "Danske telefonnumre: otte cifre, evt. med +45 foran",
            municipalityPaths: [MunicipalityKey.contactPhone.path, MunicipalityKey.doctorsPhone.path],
            modulePaths: [ModuleKey.contactPhone.path],
            hint: "skriv nummeret med otte cifre, fx 96 10 20 30 eller +45 96 10 20 30; en forklaring kan stå i parentes bagefter",
            problem: phoneProblem),
        IdentifierRule(id: email, source: "En e-mailadresse: navn@domæne.dk",
            municipalityPaths: [MunicipalityKey.contactEmail.path], modulePaths: [ModuleKey.contactEmail.path],
            hint: "skriv adressen med @, fx sundhed@fjordby.dk",
            problem: { isEmail($0) ? nil : "en e-mailadresse har formen navn@domæne.dk, uden mellemrum" }),
        IdentifierRule(id: web, source: "Offentlige websteder bruger https",
            municipalityPaths: [MunicipalityKey.website.path, MunicipalityKey.accessibilityStatement.path], modulePaths: [],
            hint: "skriv hele adressen, fx https://www.fjordby.dk/sundhed",
            problem: { isHTTPS($0) ? nil : "en webadresse skal starte med https:// og have et domæne, uden mellemrum" }),
    ]

    public static func rule(_ id: String) -> IdentifierRule? { rules.first { $0.id == id } }

    /// Checks every identifier of a file's fields: each bad value is reported at its line and
    /// removed from the table (a bad item of a list: that item). `municipality`: kommune.yml's
    /// fields (else a module's). Example values (EKSEMPEL) and placeholders are left to their own rules.
    public static func check(_ fields: inout FieldTable, municipality: Bool, file: String) -> [InputError] {
        var problems: [InputError] = []
        for rule in rules {
            for path in municipality ? rule.municipalityPaths : rule.modulePaths {
                let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
                if !municipality, parts.count == 2, parts[0] == PlaceKey.recordPath, case .records(var places)? = fields.values[parts[0]] {
                    for index in places.indices {
                        problems += check(rule, &places[index], path: parts[1], shown: path, file: file)
                    }
                    fields.values[parts[0]] = .records(places)
                } else {
                    problems += check(rule, &fields, path: path, shown: path, file: file)
                }
            }
        }
        if municipality { problems += municipalityCodeProblems(fields, file: file) }
        return problems
    }

    private static func check(_ rule: IdentifierRule, _ fields: inout FieldTable, path: String, shown: String,
                              file: String) -> [InputError] {
        let location = fields.location(of: path) ?? SourceLocation(file: file, line: 1)
        func error(_ value: String, _ problem: String) -> InputError {
            InputError(location, "`\(shown)` er `\(value)`, men \(problem)", hint: rule.hint, rule: rule.id)
        }
        switch fields.values[path] {
        case .text(let value) where !skipped(value):
            guard let problem = rule.problem(value) else { return [] }
            fields.values[path] = nil
            return [error(value, problem)]
        case .integer(let number):
            // An unquoted number (`postnummer: 0800` is read as 800): the digits as YAML gave them.
            guard let problem = rule.problem(String(number)) else { return [] }
            fields.values[path] = nil
            return [error(String(number), problem + " (skriv værdien i citationstegn)")]
        case .list(let items):
            var errors: [InputError] = []
            let kept = items.filter { item in
                guard !skipped(item), let problem = rule.problem(item) else { return true }
                errors.append(error(item, problem))
                return false
            }
            if !errors.isEmpty { fields.values[path] = .list(kept) }
            return errors
        default:
            return []
        }
    }

    /// A code that is not one of the 98 municipalities' (allowed in an example catalog).
    static func municipalityCodeProblems(_ fields: FieldTable, file: String) -> [InputError] {
        guard let code = fields.text(MunicipalityKey.code), fourDigits(code), municipalities[code] == nil,
              fields.bool(MunicipalityKey.isExample) != true, let location = fields.location(of: MunicipalityKey.code) else { return [] }
        return [InputError(location, "kommunekoden `\(code)` er ikke en dansk kommunes kode", hint: rule(municipalityCode)?.hint,
                           rule: municipalityCode)]
    }

    /// The name of the municipality a code is, when its name is not the one kommune.yml gives (a
    /// warning: a catalog may keep a former municipality's name, as Løkken-Vrå's under Hjørring's code).
    public static func nameProblem(code: String, name: String) -> String? {
        guard let official = municipalities[code], !skipped(name), !names(name, official) else { return nil }
        return "kommunekoden `\(code)` er \(official) Kommunes, men `navn` er “\(name)”"
    }

    /// Whether a name (`Københavns Kommune`, `Bornholms Regionskommune`) is the municipality's.
    public static func names(_ name: String, _ official: String) -> Bool {
        let name = name.lowercased(), official = official.lowercased()
        guard name.hasPrefix(official) else { return false }
        let rest = name.dropFirst(official.count)
        return rest.isEmpty || rest.hasPrefix(" ") || rest.hasPrefix("s ") || rest == "s"
    }

    static func skipped(_ value: String) -> Bool { value.containsText(Placeholder.example) || Placeholder.isPending(value) }

    // MARK: - Formats

    /// Only the ASCII digits 0-9 (not any Unicode digit: `٠٩٩١` is no code).
    public static func digits(_ value: String) -> Bool {
        !value.utf8.isEmpty && value.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    static func fourDigits(_ value: String) -> Bool { value.utf8.count == 4 && digits(value) }

    /// GS1's check digit (GLN, EAN-13): the digits weighted 1, 3, 1 … from the left, the 13th digit
    /// makes the sum a multiple of 10 (DK Core's invariant `gln-modulus-10`).
    public static func gs1CheckDigitIsValid(_ value: String) -> Bool {
        let numbers = value.utf8.map { Int($0) - 0x30 }
        guard numbers.count == 13, numbers.allSatisfy((0...9).contains) else { return false }
        let sum = numbers.prefix(12).enumerated().reduce(0) { $0 + $1.element * ($1.offset % 2 == 0 ? 1 : 3) }
        return (10 - sum % 10) % 10 == numbers[12]
    }

    static let quotes: Set<Unicode.Scalar> = ["\"", "\u{201C}", "\u{201D}", "\u{201E}", "\u{00AB}", "\u{00BB}", "\u{2033}"]

    /// A Danish number has eight digits (`96 10 20 30`, `+45 96102030`, `0045 …`); a foreign one 6 to 15
    /// after its `+`. An explanation may follow in parentheses or after a comma (`(tast 2 for fagpersoner)`).
    static func phoneProblem(_ value: String) -> String? {
        let scalars = Array(value.unicodeScalars)
        var end = 0
        while end < scalars.count, "+0123456789 -".unicodeScalars.contains(scalars[end]) { end += 1 }
        let number = String(String.UnicodeScalarView(scalars[..<end])).trimmingWhitespace
        let rest = String(String.UnicodeScalarView(scalars[end...]))
        guard rest.isEmpty || rest.hasPrefix("(") || rest.hasPrefix(",") else {
            return "et telefonnummer er cifre (evt. med +45 foran) med en forklaring i parentes bagefter, fx 96 10 20 30 (tast 2)"
        }
        let digitsOnly = number.filter(\.isASCII).filter(\.isNumber)
        if !digitsOnly.isEmpty, digitsOnly.allSatisfy({ $0 == "0" }) { return "telefonnummeret er kun nuller; skriv det rigtige nummer" }
        guard !number.contains("+") || (number.hasPrefix("+") && number.dropFirst().allSatisfy { $0 != "+" }),
              !number.hasPrefix("-"), !number.hasSuffix("-") else {
            return "+ kan kun stå først i et telefonnummer"
        }
        if number.hasPrefix("+45") || number.hasPrefix("0045") {
            let national = digitsOnly.dropFirst(number.hasPrefix("+") ? 2 : 4)
            return national.count == 8 ? nil : "et dansk telefonnummer har otte cifre efter +45, ikke \(national.count)"
        }
        if number.hasPrefix("+") || number.hasPrefix("00") {
            let international = digitsOnly.dropFirst(number.hasPrefix("00") ? 2 : 0)
            return (6...15).contains(international.count) ? nil : "et udenlandsk telefonnummer har 6 til 15 cifre efter +"
        }
        return digitsOnly.count == 8 ? nil : "et dansk telefonnummer har otte cifre, ikke \(digitsOnly.count)"
    }

    static func isEmail(_ value: String) -> Bool {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !value.contains(where: { $0.isWhitespace || "<>()[],;:\"".contains($0) }) else {
            return false
        }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
            && (labels.last.map { $0.count >= 2 && $0.allSatisfy(\.isLetter) } ?? false)
    }

    static func isHTTPS(_ value: String) -> Bool {
        guard value.hasPrefix("https://"), !value.contains(where: \.isWhitespace) else { return false }
        let host = value.dropFirst(8).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return host.contains(".") && !host.hasPrefix(".") && !host.hasSuffix(".")
    }

    /// The 98 municipalities by their four-digit code, as DK Core's CodeSystem `dk-core-municipality-codes`
    /// lists them (its 99th code, 0411 Christiansø, is no municipality and has no offers).
    public static let municipalities: [String: String] = Dictionary(uniqueKeysWithValues: [
        ("0101", "København"), ("0147", "Frederiksberg"), ("0151", "Ballerup"), ("0153", "Brøndby"), ("0155", "Dragør"),
        ("0157", "Gentofte"), ("0159", "Gladsaxe"), ("0161", "Glostrup"), ("0163", "Herlev"), ("0165", "Albertslund"),
        ("0167", "Hvidovre"), ("0169", "Høje-Taastrup"), ("0173", "Lyngby-Taarbæk"), ("0175", "Rødovre"), ("0183", "Ishøj"),
        ("0185", "Tårnby"), ("0187", "Vallensbæk"), ("0190", "Furesø"), ("0201", "Allerød"), ("0210", "Fredensborg"),
        ("0217", "Helsingør"), ("0219", "Hillerød"), ("0223", "Hørsholm"), ("0230", "Rudersdal"), ("0240", "Egedal"),
        ("0250", "Frederikssund"), ("0253", "Greve"), ("0259", "Køge"), ("0260", "Halsnæs"), ("0265", "Roskilde"),
        ("0269", "Solrød"), ("0270", "Gribskov"), ("0306", "Odsherred"), ("0316", "Holbæk"), ("0320", "Faxe"),
        ("0326", "Kalundborg"), ("0329", "Ringsted"), ("0330", "Slagelse"), ("0336", "Stevns"), ("0340", "Sorø"),
        ("0350", "Lejre"), ("0360", "Lolland"), ("0370", "Næstved"), ("0376", "Guldborgsund"), ("0390", "Vordingborg"),
        ("0400", "Bornholm"), ("0410", "Middelfart"), ("0420", "Assens"), ("0430", "Faaborg-Midtfyn"), ("0440", "Kerteminde"),
        ("0450", "Nyborg"), ("0461", "Odense"), ("0479", "Svendborg"), ("0480", "Nordfyns"), ("0482", "Langeland"),
        ("0492", "Ærø"), ("0510", "Haderslev"), ("0530", "Billund"), ("0540", "Sønderborg"), ("0550", "Tønder"),
        ("0561", "Esbjerg"), ("0563", "Fanø"), ("0573", "Varde"), ("0575", "Vejen"), ("0580", "Aabenraa"),
        ("0607", "Fredericia"), ("0615", "Horsens"), ("0621", "Kolding"), ("0630", "Vejle"), ("0657", "Herning"),
        ("0661", "Holstebro"), ("0665", "Lemvig"), ("0671", "Struer"), ("0706", "Syddjurs"), ("0707", "Norddjurs"),
        ("0710", "Favrskov"), ("0727", "Odder"), ("0730", "Randers"), ("0740", "Silkeborg"), ("0741", "Samsø"),
        ("0746", "Skanderborg"), ("0751", "Aarhus"), ("0756", "Ikast-Brande"), ("0760", "Ringkøbing-Skjern"), ("0766", "Hedensted"),
        ("0773", "Morsø"), ("0779", "Skive"), ("0787", "Thisted"), ("0791", "Viborg"), ("0810", "Brønderslev"),
        ("0813", "Frederikshavn"), ("0820", "Vesthimmerland"), ("0825", "Læsø"), ("0840", "Rebild"), ("0846", "Mariagerfjord"),
        ("0849", "Jammerbugt"), ("0851", "Aalborg"), ("0860", "Hjørring"),
    ])
}
