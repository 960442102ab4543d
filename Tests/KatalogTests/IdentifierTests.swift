import Foundation
import KatalogCLI
import KatalogCore
import KatalogSupport
import KatalogLoad
import KatalogRules
import Testing

/// One bad identifier written into the example catalog: the rule it breaks, the line it is on, and
/// part of the Danish message.
struct BadIdentifier: CustomTestStringConvertible, Sendable {
    let rule: String
    let file: String
    let old: String
    let new: String
    let message: String
    /// The finding's line: the first line containing this text (by default the edited line).
    let at: String?

    init(_ rule: String, _ file: String, _ old: String, _ new: String, _ message: String, at: String? = nil) {
        self.rule = rule
        self.file = file
        self.old = old
        self.new = new
        self.message = message
        self.at = at
    }

    var testDescription: String { "\(rule): \(new)" }
}

let badIdentifiers: [BadIdentifier] = [
    BadIdentifier(Identifiers.municipalityCode, F + "kommune.yml", "kommunekode: \"0991\"", "kommunekode: \"991\"", "fire cifre"),
    BadIdentifier(Identifiers.municipalityCode, F + "kommune.yml", "eksempeldata: true\n", "eksempeldata: false\n",
                  "kommunekoden `0991` er ikke en dansk kommunes kode", at: "kommunekode:"),
    BadIdentifier(Identifiers.sor, F + "kommune.yml", "sor: \"411111000000001\"", "sor: abc", "kun cifre"),
    BadIdentifier(Identifiers.sor, F + "kommune.yml", "sor: \"411111000000001\"", "sor: \"4111\"", "11 til 18 cifre, ikke 4"),
    BadIdentifier(Identifiers.ean, F + "kommune.yml", "lokationsnummer: \"5790000111114\"", "lokationsnummer: \"57900\"",
                  "13 cifre, ikke 5"),
    BadIdentifier(Identifiers.ean, F + "kommune.yml", "lokationsnummer: \"5790000111114\"", "lokationsnummer: \"57900001111\"",
                  "13 cifre, ikke 11"),
    BadIdentifier(Identifiers.ean, F + "kommune.yml", "lokationsnummer: \"5790000111114\"", "lokationsnummer: \"57900012345AB\"",
                  "13 cifre fra 0 til 9"),
    BadIdentifier(Identifiers.ean, F + "kommune.yml", "lokationsnummer: \"5790000111114\"", "lokationsnummer: \"5790000111111\"",
                  "kontrolcifferet"),
    // Zeros pass a check digit and a length, and route nowhere.
    BadIdentifier(Identifiers.ean, F + "kommune.yml", "lokationsnummer: \"5790000111114\"", "lokationsnummer: \"0000000000000\"", "kun nuller"),
    BadIdentifier(Identifiers.sor, F + "kommune.yml", "sor: \"411111000000001\"", "sor: \"000000000000\"", "kun nuller"),
    BadIdentifier(Identifiers.phone, F + "kommune.yml", "  telefon: 96 10 20 30\n", "  telefon: 00 00 00 00\n", "kun nuller"),
    BadIdentifier(Identifiers.email, F + "kommune.yml", "e-mail: sundhed@fjordby.example.dk", "e-mail: sundhed(at)fjordby.example.dk",
                  "navn@domæne.dk"),
    BadIdentifier(Identifiers.postcode, F + "kommune.yml", "postnumre: [\"9990\"", "postnumre: [\"799\"", "fire cifre"),
    BadIdentifier(Identifiers.postcode, F + "kommune.yml", "postnumre: [\"9990\"", "postnumre: [\"“7999”\"", "`“7999”`"),
    BadIdentifier(Identifiers.address, F + "kommune.yml", "  adresse: Havnegade 12, 9990 Fjordby\nkontakt:",
                  "  adresse: Havnegade 12, “9990” Fjordby\nkontakt:", "anførselstegn"),
    BadIdentifier(Identifiers.phone, F + "kommune.yml", "telefon: 96 10 20 30 (tast 2", "telefon: 96 10 20 3 (tast 2", "otte cifre, ikke 7"),
    BadIdentifier(Identifiers.phone, F + "kommune.yml", "  telefon: 96 10 20 30\n", "  telefon: ring til os\n", "telefonnummer"),
    BadIdentifier(Identifiers.web, F + "kommune.yml", "hjemmeside: https://", "hjemmeside: http://", "https://"),
    BadIdentifier(Identifiers.postcode, F + "traening-paa-hold.md", "postnummer: \"9990\"", "postnummer: \"“7999”\"", "fire cifre"),
]

@Suite("Identifiers a referral routes by")
struct IdentifierTests {
    @Test("a bad identifier is an error at its line with a Danish hint; the rest of the catalog is still checked",
          arguments: badIdentifiers)
    func bad(_ bad: BadIdentifier) throws {
        let catalog = try exampleCopy()
        defer { catalog.remove() }
        try edit(catalog, bad.file) { $0.replacingOccurrences(of: bad.old, with: bad.new) }
        let check = catalog.run(["check", "--content", catalog.content])
        #expect(check.code == 1, "\(check.console.output)")
        let path = catalog.content + "/" + bad.file
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let changedLine = bad.at ?? String(bad.new.split(separator: "\n").first { !$0.isEmpty && !$0.hasPrefix("kontakt") } ?? "")
        let line = try #require(lines.firstIndex { $0.contains(changedLine) }) + 1
        let findings = check.console.output.split(separator: "\n").filter { $0.contains("[\(bad.rule)]") }
        let finding = try #require(findings.first, "\(bad.rule) not reported:\n\(check.console.output)")
        #expect(finding.hasPrefix("\(path):\(line):"), "\(finding)")
        #expect(finding.contains(bad.message), "\(finding)")
        #expect(findings.count == 1, "\(findings)")
        // Every module is still checked (24 of them), and a standard rule's warning still shows.
        #expect(check.console.output.contains("31 tilbud og 1 forløb tjekket"), "\(check.console.output)")
        let explained = try #require(check.console.output.split(separator: "\n").drop { !$0.contains("[\(bad.rule)]") }.dropFirst().first)
        #expect(explained.contains("→ "), "a hint follows the finding")
    }

    @Test("a bad value is left out of every export, never kept as written (curly quotes included)")
    func leftOut() throws {
        let catalog = try exampleCopy()
        defer { catalog.remove() }
        try edit(catalog, F + "kommune.yml") {
            $0.replacingOccurrences(of: "lokationsnummer: \"5790000111114\"", with: "lokationsnummer: \"5790000111111\"")
        }
        try edit(catalog, F + "traening-paa-hold.md") { $0.replacingOccurrences(of: "postnummer: \"9990\"", with: "postnummer: \"“7999”\"") }
        #expect(catalog.build().code == 0)
        for file in ["soft.csv", "soft.json", "fhir-healthcareservices.json"] {
            let text = try String(contentsOfFile: catalog.output + "/eksport/" + file, encoding: .utf8)
            #expect(!text.contains("5790000111111") && !text.contains("7999") && !text.contains("“"), "\(file) kept a bad value")
            #expect(text.contains("5790000222223"), "\(file): the other municipality's EAN is exported")
        }
    }

    @Test("the example's identifiers pass: EANs with GS1's check digit, fictitious codes marked as examples")
    func example() throws {
        let catalog = try ContentLoader.exampleCatalog()
        for municipality in catalog.municipalities {
            #expect(municipality.isExample)
            #expect(Identifiers.municipalities[municipality.code] == nil, "an example must not use a real municipality's code")
            #expect(Identifiers.gs1CheckDigitIsValid(municipality.receiver.ean ?? ""), "\(municipality.slug)")
        }
    }

    @Test("a kommunekode that is another municipality's than the name says is a warning at the code (a former name may be kept)")
    func nameAndCode() throws {
        let catalog = try exampleCopy()
        defer { catalog.remove() }
        try edit(catalog, F + "kommune.yml") { $0.replacingOccurrences(of: "kommunekode: \"0991\"", with: "kommunekode: \"0101\"") }
        let check = catalog.run(["check", "--content", catalog.content])
        #expect(check.code == 0, "a warning")
        #expect(check.console.output.contains("""
            /Content/fjordby/kommune.yml:3:1: advarsel: kommunekoden `0101` er København Kommunes, men `navn` er “Fjordby Kommune” \
            [ID-KOMMUNENAVN]
            """), "\(check.console.output)")
        #expect(catalog.run(["check", "--content", catalog.content, "--strict"]).code == 1)
        try edit(catalog, F + "kommune.yml") { $0.replacingOccurrences(of: "navn: Fjordby Kommune", with: "navn: Københavns Kommune") }
        #expect(!catalog.run(["check", "--content", catalog.content]).console.output.contains("ID-KOMMUNENAVN"))
    }

    @Test("katalog explain and katalog rules name each identifier check, its source and its fields, in Danish")
    func explained() {
        let console = Console(capture: true)
        #expect(Katalog.run(["explain", "id-ean"], console: console) == 0)
        #expect(console.output.contains("Kilde: GS1 GLN (DK Core GLNIdentifier") && console.output.contains("kommune.yml: modtager.lokationsnummer"))
        let rules = Console(capture: true)
        #expect(Katalog.run(["rules"], console: rules) == 0)
        for rule in Identifiers.rules { #expect(rules.output.contains(rule.id), "\(rule.id)") }
        let unknown = Console(capture: true)
        #expect(Katalog.run(["explain", "ID-EA"], console: unknown) == 2 && unknown.errors.contains("mente du `ID-EAN`?"))
    }

    @Test("GS1 check digit, SOR length, phones, e-mail and https as the sources define them")
    func formats() {
        // MedCom's example receiver (dk-medcom-messaging) and GS1's own example pass; one digit off fails.
        #expect(Identifiers.gs1CheckDigitIsValid("5790000121526") && Identifiers.gs1CheckDigitIsValid("1234567890128"))
        #expect(!Identifiers.gs1CheckDigitIsValid("5790000121527") && !Identifiers.gs1CheckDigitIsValid("579000012152"))
        let sor = Identifiers.rule(Identifiers.sor)!
        #expect(sor.problem(with: "1037791000016002") == nil && sor.problem(with: "12345678901") == nil)
        #expect(sor.problem(with: "1234567890") != nil && sor.problem(with: "1037791000016002 ") != nil)
        let phone = Identifiers.rule(Identifiers.phone)!
        for good in ["96 10 20 30", "+45 96 10 20 30", "96102030", "0045 96 10 20 30", "96 10 20 30 (tast 2 for fagpersoner)",
                     "+46 8 123 456 78", "96-10-20-30"] {
            #expect(phone.problem(with: good) == nil, "\(good)")
        }
        for bad in ["9610203", "+45 9610203", "ring 96 10 20 30", "96 10 20 30 eller mail", "+45 +96 10 20 30", "٩٦١٠٢٠٣٠"] {
            #expect(phone.problem(with: bad) != nil, "\(bad)")
        }
        let email = Identifiers.rule(Identifiers.email)!
        #expect(email.problem(with: "sundhed@fjordby.dk") == nil && email.problem(with: "a.b-c@sund.hed.dk") == nil)
        for bad in ["sundhed(at)fjordby.dk", "sundhed@fjordby", "sund hed@fjordby.dk", "@fjordby.dk", "a@@b.dk", "a@b.d"] {
            #expect(email.problem(with: bad) != nil, "\(bad)")
        }
        let web = Identifiers.rule(Identifiers.web)!
        #expect(web.problem(with: "https://www.fjordby.dk/sundhed") == nil)
        #expect(web.problem(with: "http://www.fjordby.dk") != nil && web.problem(with: "https://fjordby") != nil)
        // A name agrees with its code in its usual forms.
        #expect(Identifiers.names("Københavns Kommune", "København") && Identifiers.names("Bornholms Regionskommune", "Bornholm"))
        #expect(!Identifiers.names("Frederikshavn Kommune", "Frederiksberg") && !Identifiers.names("Fjordby Kommune", "København"))
        #expect(Identifiers.municipalities.count == 98)
    }
}
