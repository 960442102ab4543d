import Foundation
import KatalogCLI
import KatalogCore
import KatalogSupport
import KatalogLoad
import KatalogRules
import Testing

/// One way to break one rule in the (compliant) example catalog, and where the finding must point.
struct Breakage: CustomTestStringConvertible, Sendable {
    enum Edit: Sendable {
        case replace(String, String)
        case dropLine(String)
        case delete
        /// Delete another file of the same municipality too.
        case deleteAlso(String)
    }

    let rule: String
    let file: String
    let edits: [Edit]
    /// The finding's line: the first line starting with this text in the edited file ("" = line 1).
    let at: String
    var kommune = false

    init(_ rule: String, _ file: String, _ edits: Edit..., at: String = "") {
        self.rule = rule
        self.file = file
        self.edits = edits
        self.at = at
    }

    var testDescription: String { "\(rule) in \(file)" }
}

let F = "fjordby/", S = "skovlund/"

/// Every rule of the standard, broken once. The example catalog meets each of them beforehand.
let breakages: [Breakage] = [
    // Whole catalog (the finding points into kommune.yml, line 1)
    Breakage("K-2.1-1", S + "snak-om-alkohol.md", .delete),
    // The course that names kol-skolen as a part goes too (a part that does not exist is an error of its own).
    Breakage("K-4.1-1", S + "kol-skolen.md", .delete, .deleteAlso(S + "mestring-enkeltsamtaler.md"), .deleteAlso(S + "kol-rehabilitering.md")),
    Breakage("K-6.1-1", S + "gaa-med-i-foreningen.md", .delete),
    Breakage("K-7.1-1", S + "diaetist.md", .delete),
    Breakage("K-8.1-1", S + "snak-om-alkohol.md", .delete),
    // Organisation declarations in kommune.yml
    Breakage("K-9.1-3", F + "kommune.yml", .dropLine("  befolkningsdata:"), at: "organisation:"),
    Breakage("A-3.3-2", F + "kommune.yml", .dropLine("  organisatorisk-sundhedskompetence:"), at: "organisation:"),
    Breakage("A-3.2-1", F + "kommune.yml", .dropLine("  sparring:"), at: "organisation:"),
    Breakage("A-3.2-2", S + "kommune.yml", .dropLine("  specialister:"), at: "organisation:"),
    Breakage("A-3.5-1", F + "kommune.yml", .dropLine("  civilsamfund:"), at: "organisation:"),
    Breakage("A-9.1-1", F + "kommune.yml", .dropLine("  indikatorer:"), at: "organisation:"),
    Breakage("A-9.2-1", F + "kommune.yml", .dropLine("  forskning:"), at: "organisation:"),
    Breakage("K-2.2-3", F + "kommune.yml", .dropLine("  kontakt-efter-henvisning:"), at: "organisation:"),
    Breakage("K-2.2-4", F + "kommune.yml", .dropLine("  tilbagemelding: Henviser"), at: "organisation:"),
    Breakage("K-3-1", F + "kommune.yml", .dropLine("  koordinering:"), at: "organisation:"),
    Breakage("K-3.3-1", F + "kommune.yml", .dropLine("  deltagelse:"), at: "organisation:"),
    Breakage("K-9.1-1", F + "kommune.yml", .dropLine("  monitorering:"), at: "organisation:"),
    Breakage("K-9.1-4", F + "kommune.yml", .dropLine("  fsiii-indberetning:"), at: "organisation:"),
    Breakage("K-2.2-1", F + "kommune.yml", .dropLine("  lokationsnummer:"), .dropLine("  sor:"), at: "modtager:"),
    // Every module
    Breakage("K-2.2-2", F + "kommune.yml", .dropLine("  sundhed-dk:"), at: "organisation:"),
    Breakage("K-3.4-1", F + "rygestop-paa-hold.md", .dropLine("differentiering:")),
    Breakage("K-3.5-1", F + "traening-paa-hold.md", .dropLine("  evaluering:"), at: "afslutning:"),
    Breakage("K-3.5-4", F + "traening-paa-hold.md", .dropLine("  fastholdelse:"), .dropLine("  videreførelse:"), at: "afslutning:"),
    Breakage("K-3.2-1", F + "sund-mad-i-hverdagen.md", .dropLine("sundhedspædagogik:")),
    Breakage("K-3.5-2", F + "sund-mad-i-hverdagen.md", .replace("  status-til-egen-læge: true", "  status-til-egen-læge: false"), at: "  status-til-egen-læge:"),
    // Afklarende samtale
    Breakage("K-3.1-1", F + "afklarende-samtale.md", .replace("henvisning-fra: [almen-praksis, speciallæge, sygehus, kommune, jobcenter]", "henvisning-fra: [almen-praksis, jobcenter]"), at: "  henvisning-fra:"),
    Breakage("K-3.2-3", F + "afklarende-samtale.md", .replace("personale: [sygeplejerske, fysioterapeut]", "personale: [social-og-sundhedsassistent]"), at: "personale:"),
    Breakage("K-3.1-4", F + "afklarende-samtale.md", .replace("indhold: [funktionsevne, hverdagsliv, risikofaktorer, sygdomssituation]", "indhold: [funktionsevne]"), at: "indhold:"),
    Breakage("K-3.1-6", F + "afklarende-samtale.md", .dropLine("plan-med-mål:")),
    Breakage("A-3.1-1", F + "afklarende-samtale.md", .replace("  egen-henvendelse: true", "  egen-henvendelse: false"), at: "  egen-henvendelse:"),
    // Sygdomsmestring
    Breakage("K-4.2-2", S + "kol-skolen.md", .replace(", pårørende]", "]"), at: "indhold:"),
    Breakage("K-4.5-1", S + "kol-skolen.md", .replace("personale: [sygeplejerske, fysioterapeut, ergoterapeut]", "personale: [pædagog]"), at: "personale:"),
    Breakage("A-4.3-1", F + "lev-godt-med-kronisk-sygdom.md", .replace(", holdstørrelse: 12}", "}"), at: "omfang:"),
    // Not saying how it is taught does not show the smaller groups (l.737).
    Breakage("A-4.3-1", F + "lev-godt-med-kronisk-sygdom.md", .dropLine("form:")),
    Breakage("A-4.3-2", F + "lev-godt-med-kronisk-sygdom.md", .replace("lektioner: 6, holdstørrelse: 12", "lektioner: 3, holdstørrelse: 12"), at: "omfang:"),
    Breakage("A-4.3-3", F + "lev-godt-med-kronisk-sygdom.md", .dropLine("pårørende-inddrages:")),
    Breakage("A-4.5-1", F + "lev-godt-med-kronisk-sygdom.md", .dropLine("kurser:")),
    // Nikotinafvænning
    Breakage("K-2.1-2", F + "rygestop-paa-hold.md", .replace("  kræver-kronisk-sygdom: false", "  kræver-kronisk-sygdom: true"), at: "  kræver-kronisk-sygdom:"),
    Breakage("K-3.1-2", F + "rygestop-paa-hold.md", .replace("  direkte: true", "  direkte: false"), at: "  direkte:"),
    Breakage("K-5.1-1", F + "rygestop-paa-hold.md", .replace(", nikotinposer]", "]"), at: "  produkter:"),
    Breakage("K-5.2-1", F + "rygestop-paa-hold.md", .replace("indhold: [stopdato, ", "indhold: ["), at: "indhold:"),
    Breakage("K-5.2-2", F + "rygestop-paa-hold.md", .replace("afhængighed-og-abstinenser, medicin, valideret-test", "afhængighed-og-abstinenser, valideret-test"), at: "indhold:"),
    Breakage("K-5.5-1", F + "rygestop-paa-hold.md", .dropLine("kompetencer:")),
    Breakage("K-5.2-3", F + "rygestop-individuelt.md", .dropLine("  produktrådgivning:"), at: "nikotin:"),
    // "Hvis en borger skal vente mere end 14 dage … bør der i den mellemliggende periode jævnligt ske en opfølgning" (l.904-906)
    Breakage("A-5.3-3", S + "roegfri-sammen.md", .dropLine("  mellemliggende-opfølgning: true"), at: "nikotin:"),
    Breakage("A-5.3-4", F + "rygestop-paa-hold.md", .replace("  manual: røgfrit-liv-grupper", "  manual: kom-og-kvit"), at: "  manual:"),
    Breakage("A-5.3-8", F + "rygestop-paa-hold.md", .replace("  stopbasen: true", "  stopbasen: false"), at: "  stopbasen:"),
    Breakage("A-5.5-1", F + "rygestop-paa-hold.md", .replace("kurser: [grundkursus-rygestop-grupper, grundkursus-individuel-rygestop]", "kurser: [grundkursus-individuel-rygestop]"), at: "kurser:"),
    Breakage("A-5.5-2", F + "rygestop-individuelt.md", .replace("kurser: [grundkursus-individuel-rygestop, rygestop-socialt-udsatte]", "kurser: [grundkursus-individuel-rygestop]"), at: "kurser:"),
    // Fysisk aktivitet
    Breakage("K-6.2-5", F + "traening-paa-hold.md", .dropLine("  slut:"), at: "test:"),
    Breakage("K-6.3-1", F + "traening-paa-hold.md", .dropLine("  omgivelser:"), at: "test:"),
    Breakage("K-6.3-2", F + "traening-paa-hold.md", .replace("intensitet: moderat-høj", "intensitet: lav"), at: "intensitet:"),
    Breakage("K-6.3-3", S + "traening-aftenhold.md", .replace("  slut: 30 sekunders rejse-sætte-sig-test og håndgrebsstyrke", "  slut: 6 minutters gangtest"), at: "  slut:"),
    Breakage("K-6.5-1", F + "kom-i-gang-med-at-bevaege-dig.md", .replace("personale: [fysioterapeut]", "personale: [peer-underviser]"), at: "personale:"),
    Breakage("K-6.2-1", F + "kom-i-gang-med-at-bevaege-dig.md", .replace("indhold: [motivation, aktivitetsmuligheder, barrierer]", "indhold: [motivation]"), at: "indhold:"),
    Breakage("K-6.2-4", F + "traening-paa-hold.md", .dropLine("indhold:"), at: ""),
    Breakage("A-6.2-1", F + "traening-paa-hold.md", .replace("træningsplan: true", "træningsplan: false"), at: "træningsplan:"),
    Breakage("K-6.2-2", F + "kom-i-gang-med-at-bevaege-dig.md", .dropLine("  opfølgende-samtale: true"), at: "afslutning:"),
    Breakage("K-6.4-1", F + "kom-i-gang-med-at-bevaege-dig.md", .dropLine("retningslinjer:"), .dropLine("  - Sundhedsstyrelsens anbefalinger om fysisk")),
    Breakage("A-6.3-1", F + "traening-paa-hold.md", .replace("deltagere-pr-instruktør: 8", "deltagere-pr-instruktør: 12"), at: "omfang:"),
    Breakage("A-6.3-2", F + "traening-paa-hold.md", .replace("gange-pr-uge: 2", "gange-pr-uge: 1"), at: "omfang:"),
    Breakage("A-6.3-3", F + "traening-paa-hold.md", .replace("uger: 8,", "uger: 10-16,"), at: "omfang:"),
    // Ernæring
    Breakage("K-7.2-1", F + "sund-mad-i-hverdagen.md", .replace(", viden-og-motivation]", "]"), at: "  indledende-vurdering:"),
    Breakage("K-7.2-2", F + "sund-mad-i-hverdagen.md", .replace("grundlag: [de-officielle-kostråd, kostråd-65-plus]", "grundlag: [kostråd-65-plus]"), at: "  grundlag:"),
    Breakage("K-7.5-1", F + "sund-mad-i-hverdagen.md", .replace("personale: [klinisk-diætist, ernærings-og-sundhedskonsulent]", "personale: [pædagog]"), at: "personale:"),
    Breakage("K-7.5-2", F + "kostraad-paa-video.md", .replace("personale: [ernærings-og-sundhedskonsulent]", "personale: [social-og-sundhedsassistent]"), at: "personale:"),
    Breakage("A-7.2-1", F + "sund-mad-i-hverdagen.md", .replace("indhold: [mad-og-måltidsvaner, madvalg]", "indhold: [madvalg]"), at: "indhold:"),
    Breakage("K-7.2-3", F + "diaetbehandling.md", .replace("indhold: [udredning, ernæringsbehandling, opfølgning]", "indhold: [udredning, opfølgning]"), at: "indhold:"),
    Breakage("K-7.3-1", F + "diaetbehandling.md", .replace("  individuel-del: true", "  individuel-del: false"), at: "  individuel-del:"),
    Breakage("K-7.5-3", S + "diaetist.md", .replace("personale: [klinisk-diætist]", "personale: [sygeplejerske]"), at: "personale:"),
    Breakage("A-7.3-1", F + "diaetbehandling.md", .replace("  opfølgning-hver-måneder: 3", "  opfølgning-hver-måneder: 6"), at: "  opfølgning-hver-måneder:"),
    Breakage("A-7.3-2", F + "diaetbehandling.md", .replace("  første-samtale-format: fremmøde", "  første-samtale-format: digital"), at: "  første-samtale-format:"),
    // Alkohol
    Breakage("K-8-1", F + "alkoholsamtale.md", .replace("henvisning-fra: [almen-praksis, sygehus, kommune, jobcenter]", "henvisning-fra: [almen-praksis, jobcenter]"), at: "  henvisning-fra:"),
    Breakage("K-8.2-1", F + "alkoholsamtale.md", .dropLine("  screening:"), at: "alkohol:"),
    Breakage("K-8.2-2", F + "alkoholsamtale.md", .replace("  videre-henvisning: [alkoholbehandling, familieambulatorium]", "  videre-henvisning: [familieambulatorium]"), at: "  videre-henvisning:"),
    Breakage("K-8.2-3", F + "alkoholsamtale.md", .dropLine("  gravide:"), at: "alkohol:"),
    Breakage("K-8.3-1", F + "alkoholsamtale.md", .replace("form: [individuel]", "form: [hold]"), at: "form:"),
    Breakage("K-8.5-1", F + "alkoholsamtale.md", .dropLine("kompetencer:")),
    Breakage("A-8.2-2", F + "alkoholsamtale.md", .replace("indhold: [kort-undersøgelse, alkoholens-rolle, hverdagsliv, helbredsrisici, kroppens-påvirkning, motivation, mål, dagbog, strategier, støttemuligheder, opfølgning]", "indhold: [kort-undersøgelse]"), at: "indhold:"),
    Breakage("A-8.3-1", F + "alkoholsamtale.md", .replace("format: [fremmøde, digital]", "format: [fremmøde]"), at: "format:"),
    Breakage("A-8.3-2", F + "alkoholsamtale.md", .dropLine("  opfølgende-samtale: true"), at: "afslutning:"),
    Breakage("A-8.5-1", F + "alkoholsamtale.md", .replace("personale: [sygeplejerske, socialrådgiver]", "personale: [alkoholrådgiver]"), at: "personale:"),
]

@Suite("Every rule, broken once")
struct EveryRuleTests {
    @Test("every rule of the standard has a breakage below")
    func coverage() {
        #expect(Set(breakages.map(\.rule)) == Set(Standard.rules.map(\.id)))
        // One each, and a second for a rule with two ways to break it.
        #expect(breakages.count == Standard.rules.count + 1)
    }

    @Test("breaking the rule makes katalog check report it at the right line and exit as its severity says", arguments: breakages)
    func broken(_ breakage: Breakage) throws {
        let catalog = try exampleCopy()
        defer { catalog.remove() }
        let rule = try #require(Standard.rule(breakage.rule))
        let path = catalog.content + "/" + breakage.file
        let deletes = breakage.edits.contains { if case .delete = $0 { true } else { false } }
        let findingFile = deletes ? (path as NSString).deletingLastPathComponent + "/kommune.yml" : path
        let before = Validator().validate(try catalog.load())
        #expect(!before.contains { $0.rule == rule.id && $0.location.file == findingFile },
                "the example must comply with \(rule.id) in \(findingFile) before the edit")

        for change in breakage.edits {
            switch change {
            case .delete:
                try FileManager.default.removeItem(atPath: path)
            case .deleteAlso(let other):
                try FileManager.default.removeItem(atPath: catalog.content + "/" + other)
            case .replace(let old, let new):
                try edit(catalog, breakage.file) { $0.replacingOccurrences(of: old, with: new) }
            case .dropLine(let prefix):
                try edit(catalog, breakage.file) { text in
                    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                    let index = lines.firstIndex { $0.hasPrefix(prefix) }
                    return lines.enumerated().filter { $0.offset != index }.map(\.element).joined(separator: "\n")
                }
            }
        }

        let findings = Validator().validate(try catalog.load()).filter { $0.rule == rule.id }
        let finding = try #require(findings.first, "\(rule.id) was not reported")
        #expect(finding.location.file == findingFile)
        var expectedLine = 1
        if !breakage.at.isEmpty {
            let lines = try String(contentsOfFile: findingFile, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            expectedLine = try #require(lines.firstIndex { $0.hasPrefix(breakage.at) }) + 1
        }
        #expect(finding.location.line == expectedLine, "\(rule.id): \(finding.message)")
        #expect(finding.section == rule.section)

        let code = catalog.run(["check", "--content", catalog.content]).code
        #expect(code == (rule.severity == .error ? 1 : 0))
        #expect(catalog.run(["check", "--content", catalog.content, "--strict"]).code == 1)
    }
}
