import Foundation
import KatalogCore
import KatalogSupport

/// Rules of this tool rather than of the standard. They serve the standard's aim that every
/// citizen, whatever their health literacy, can understand the offer (§3.3, A-3.3-1, A-3.3-2).
public enum ToolRules {
    public static let lix = "SPROG-LIX"
    public static let table = "MD-TABEL"
    public static let optOut = "FRAVALG"
    /// A file that cannot be read at all (broken YAML, unknown key …): reported by `katalog check` as a finding.
    public static let input = "FIL"

    public static func rule(_ id: String) -> Rule? { rules.first { $0.id == id } }

    public static let placeholder = "UDFYLD"
    public static let example = "EKSEMPEL"
    public static let number = "FELT-TAL"
    public static let date = "FELT-DATO"
    public static let copy = "FIL-KOPI"
    public static let teamStarts = "HOLDSTART"
    public static let validity = "GYLDIG"

    public static let rules: [Rule] = [
        Rule(id: placeholder, section: "-", basis: .placeholder, kind: .machine, target: .allModules,
             wording: """
                 Tekst, der begynder med UDFYLD, og valg, der begynder med VÆLG, er pladsholdere fra `katalog new`. De siger intet om \
                 tilbuddet og skal erstattes, før tilbuddet offentliggøres.
                 """,
             line: 0, hint: """
                 Skriv det, kommentaren i filen beder om, i stedet for UDFYLD-teksten; ved VÆLG: behold det, der passer (uden VÆLG), og \
                 slet resten.
                 """,
             check: .module { f in placeholders(f.fields, prefix: "") + fillers(f.fields) + bodyPlaceholder(f.module) }),
        Rule(id: example, section: "-", basis: .placeholder, kind: .machine, target: .allModules,
             wording: """
                 Værdier med EKSEMPEL er eksempler fra `katalog init`. De må kun stå i et katalog, hvor kommune.yml siger `eksempeldata: \
                 true`.
                 """,
             line: 0, hint: "Skriv jeres eget i stedet for eksemplet, eller slet eksempelfilen.",
             check: .module { f in
                 f.municipality.isExample ? [] : examples(f.fields, prefix: "")
                     + (f.module.body.markdown.containsText(Placeholder.example) ? [Issue(line: f.module.body.firstLine,
                         "brødteksten er et eksempel")] : [])
                     + (f.module.slug.hasPrefix("eksempel-") ? [Issue(line: 1,
                         "filen er et eksempel fra `katalog init`; gennemgå hvert valg og tal, og giv filen tilbuddets navn")] : [])
             }),
        Rule(id: placeholder + "-KOMMUNE", section: "-", basis: .placeholder, kind: .machine, target: .organisation,
             wording: "Tekst, der begynder med UDFYLD, og valg, der begynder med VÆLG, i kommune.yml er pladsholdere. De siger intet.",
             line: 0, hint: "Skriv kommunens egne oplysninger i stedet for UDFYLD-teksten.",
             check: .municipality { m in placeholders(m.fields, prefix: "") }),
        Rule(id: example + "-KOMMUNE", section: "-", basis: .placeholder, kind: .machine, target: .organisation,
             wording: "Værdier med EKSEMPEL i kommune.yml er eksempler fra `katalog init`. De må kun stå, når `eksempeldata: true`.",
             line: 0, hint: "Skriv kommunens egne oplysninger i stedet for eksemplet.",
             check: .municipality { m in m.isExample ? [] : examples(m.fields, prefix: "") }),
        Rule(id: Identifiers.municipalityName, section: "-", basis: .tool, kind: .machine, target: .organisation,
             wording: """
                 Kommunekoden i kommune.yml skal være kommunens egen, så en læge og et system finder den rigtige kommune. Er navnet et \
                 andet end kodens kommune, er der tit en tastefejl i koden.
                 """,
             line: 0, hint: "Ret koden eller navnet, så de passer sammen. Er navnet en tidligere kommunes, kan advarslen ignoreres.",
             settings: [.code, .name],
             check: .municipality { m in
                 Identifiers.nameProblem(code: m.code, name: m.name).map { [Issue(MunicipalityKey.code, $0)] } ?? []
             }),
        Rule(id: number, section: "-", basis: .tool, kind: .machine, target: .allModules,
             wording: "Tal, der ligger langt fra, hvad et forebyggelsestilbud har, er tit en tastefejl (0 uger, 52 gange om ugen).",
             line: 0, hint: "Tjek tallet. Er det rigtigt, kan advarslen ignoreres.", fields: sensible.map(\.0),
             check: .module { f in
                 sensible.compactMap { key, range in
                     guard let value = f.quantity(key), value.lower < range.lowerBound || value.upper > range.upperBound else { return nil }
                     return Issue(key, """
                         `\(key.path)` er \(value); det er usædvanligt (normalt \(range.lowerBound)-\(range.upperBound)) – er tallet \
                         rigtigt?
                         """)
                 } + ageOrder(f)
             }),
        Rule(id: date, section: "-", basis: .tool, kind: .machine, target: .allModules,
             wording: """
                 `opdateret` siger, hvornår teksten sidst er gennemgået. En dato før kvalitetsstandarden fra 2024 eller i fremtiden er tit \
                 forkert.
                 """,
             line: 0, hint: "Gennemgå teksten mod standarden, og skriv dagens dato i `opdateret`.", fields: [.updated],
             check: .module { f in updatedIssues(f.text(.updated)) }),
        Rule(id: teamStarts, section: "-", basis: .tool, kind: .machine, target: .allModules,
             wording: """
                 Holdstarter i `holdstart`, der er gået, vises ikke på siden. Er de alle gået, viser siden ingen holdstart, og borgeren \
                 og lægen kan ikke se, hvornår næste hold starter. Holdstarter passer ikke til `optag: løbende`.
                 """,
             line: 0, hint: """
                 Skriv datoerne for de næste hold i `holdstart`, fx `holdstart: [2027-08-16]`. Kan man starte når som helst, så slet \
                 `holdstart` og skriv `optag: løbende`.
                 """, fields: [.teamStarts, .intake],
             check: .module { f in
                 let starts = f.module.teamStarts
                 guard !starts.isEmpty else {
                     return f.module.intake == "faste-hold" ? [Issue(.intake, """
                         `optag` er `faste-hold`, men `holdstart` nævner ingen datoer, så siden viser ikke, hvornår næste hold starter
                         """)] : []
                 }
                 var issues: [Issue] = []
                 if f.module.intake == "løbende" {
                     issues.append(Issue(.teamStarts, """
                         `holdstart` står sammen med `optag: løbende`; skriv `optag: faste-hold`, hvis holdene starter på faste datoer
                         """))
                 }
                 return issues + pastTeamStarts(starts)
             }),
        Rule(id: validity, section: "-", basis: .tool, kind: .machine, target: .allModules,
             wording: """
                 Et tilbud, der er ophørt (`status: ophørt`, eller `gyldig-til` er gået), vises med "Tilbuddet er ophørt", og \
                 eksporten siger, at det ikke er i brug; dets holdstarter vises ikke, og heller ikke holdstarter efter `gyldig-til`. Et \
                 projekt, hvis `projekt-slut` er gået, kører måske ikke længere.
                 """,
             line: 0, hint: """
                 Er tilbuddet ophørt, så slet filen. Kører det videre, så ret datoen i `gyldig-til` eller `projekt-slut`, eller slet \
                 linjen, og skriv `status: aktiv`.
                 """, fields: [.status, .validUntil, .project, .projectEnd, .teamStarts],
             check: .module { f in
                 let today = DayStamp.today()
                 let validity = f.module.validity(on: today)
                 if let until = validity.validUntil, until < today {
                     return [Issue(.validUntil, """
                         `gyldig-til` er \(DanishDate.long(until)), som er gået, så siden viser "Tilbuddet er ophørt"
                         """)]
                 }
                 if validity.status == "ophørt" {
                     return [Issue(.status, "`status` er `ophørt`, så siden viser \"Tilbuddet er ophørt\"")]
                 }
                 if let until = validity.validUntil, let late = f.module.teamStarts.first(where: { $0 > until }) {
                     return [Issue(.teamStarts, """
                         holdstarten \(DanishDate.long(late)) ligger efter `gyldig-til` (\(DanishDate.long(until))), så den vises ikke
                         """)]
                 }
                 if validity.project == true, let end = validity.projectEnd, end < today, validity.status != "aktiv" {
                     return [Issue(.projectEnd, """
                         projektet sluttede \(DanishDate.long(end)) (`projekt-slut`); skriv, om tilbuddet kører videre
                         """)]
                 }
                 return []
             }),
        Rule(id: copy, section: "-", basis: .tool, kind: .machine, target: .allModules,
             wording: "En fil, hvis navn ligner en kopi (`traening kopi.md`, `traening (1).md`), bliver vist som et tilbud for sig.",
             line: 0, hint: "Slet kopien, eller giv filen et navn, der siger, hvad tilbuddet er.",
             check: .module { f in
                 let name = (f.module.file.split(separator: "/").last.map(String.init) ?? f.module.file)
                 return looksLikeCopy(name) ? [Issue(line: 1, "filnavnet `\(name)` ligner en kopi af et andet tilbud")] : []
             }),
        Rule(id: lix, section: "3.3", basis: .tool, kind: .machine, target: .allModules,
             wording: "Borgerrettet tekst skal være let at læse. Kataloget måler LIX på resume og brødtekst (uden overskrifter og " +
                 "punktlister).",
             line: 545, hint: """
                 Skriv kortere sætninger og brug kortere ord. Grænsen er \(LIX.defaultLimit), medmindre `lix-grænse` i kommune.yml eller \
                 --lix siger andet.
                 """,
             fields: [.summary], settings: [.lixLimit],
             check: .module { f in
                 let lix = LIX.readability(of: f.module)
                 guard lix.words > 0, lix.score > f.lixLimit else { return [] }
                 return [Issue(.summary, "teksten har LIX \(lix.score) (\(lix.band)); målet er højst \(f.lixLimit)")]
             }),
        Rule(id: table, section: "-", basis: .tool, kind: .machine, target: .allModules,
             wording: "Tabeller i Markdown (med | og ---) vises ikke som tabeller på webstedet.",
             line: 0, hint: "Skriv oplysningerne som felter øverst i filen eller som en punktliste.",
             check: .module { f in
                 f.module.body.pipeTableLines.map { line in
                     Issue(line: line, "teksten indeholder en tabel, som webstedet ikke kan vise")
                 }
             }),
    ]
}

extension Finding {
    /// A problem of reading the catalog (a file, a field, how the fields are written, a link), as
    /// a finding with its kind as the rule (FIL, FELT, YAML, LINK), so every output format shows it.
    public static func input(_ error: InputError) -> Finding {
        Finding(rule: error.rule, section: "-", severity: .error, location: error.location,
                message: error.message, hint: error.hint ?? "")
    }
}

/// True when a value (or any text inside it) is still a `katalog new` placeholder.
func placeholderText(_ value: FieldValue) -> Bool {
    switch value {
    case .placeholder: true
    case .text(let text): text.containsText(Placeholder.fill)
    case .list(let items): items.contains { $0.containsText(Placeholder.fill) }
    case .records(let records): records.contains { $0.values.values.contains(where: placeholderText) || !$0.pending.isEmpty }
    default: false
    }
}

/// Whether the field at `path` still holds a placeholder or an undecided choice.
func isPending(_ fields: FieldTable, _ path: String) -> Bool {
    fields.values[path].map(placeholderText) ?? false || fields.pending[path] != nil
}

extension ToolRules {
    /// Every placeholder and undecided choice in a table (records included), one issue per field.
    static func placeholders(_ fields: FieldTable, prefix: String) -> [Issue] {
        var issues: [Issue] = []
        for (path, value) in fields.values {
            let shown = prefix.isEmpty ? path : prefix
            switch value {
            case .placeholder(let text) where Placeholder.choice(text) != nil || text.hasPrefix(Placeholder.choose):
                issues.append(Issue(path: shown, line: nil, "`\(shown)` er ikke valgt endnu"))
            case .records(let records):
                for record in records { issues += placeholders(record, prefix: path) }
            default:
                if placeholderText(value) { issues.append(Issue(path: shown, line: nil, "`\(shown)` er ikke udfyldt endnu")) }
            }
        }
        for (path, items) in fields.pending {
            let shown = prefix.isEmpty ? path : prefix
            issues.append(Issue(path: shown, line: nil,
                "`\(shown)`: vælg, om tilbuddet har \(items.joined(separator: ", ")) (behold det, der passer, uden VÆLG, og slet resten)"))
        }
        return issues.sorted { $0.path < $1.path }
    }

    static func bodyPlaceholder(_ module: Module) -> [Issue] { bodyPlaceholder(module.body) }

    /// A title, summary, price or description that stands in for one (`x`, `...`, `TODO`): it says nothing.
    static func fillers(_ fields: FieldTable) -> [Issue] {
        [ModuleKey.title, .summary, .price, .targetDescription].compactMap { key in
            guard let text = fields.text(key), Placeholder.isFiller(text, key: key.path.split(separator: ".").last.map(String.init) ?? "")
            else { return nil }
            return Issue(key, "`\(key.path)` siger ikke noget endnu (“\(text.prefix(40))”)")
        }
    }

    /// FELT-DATO: a review date before the standard, or in the future.
    static func updatedIssues(_ updated: String?) -> [Issue] {
        guard let updated else { return [] }
        if updated < "2024-01-01" {
            return [Issue(.updated, "teksten er sidst gennemgået \(updated), før Sundhedsstyrelsens kvalitetsstandard fra 2024")]
        }
        if updated > DayStamp.today(offsetDays: 1) { return [Issue(.updated, "`opdateret` er \(updated), som ligger i fremtiden")] }
        return []
    }

    /// HOLDSTART: every team start (sorted) is past, so the page shows none.
    static func pastTeamStarts(_ starts: [String]) -> [Issue] {
        guard let last = starts.last, last < DayStamp.today() else { return [] }
        return [Issue(.teamStarts, """
            alle holdstarter i `holdstart` er gået (den sidste var \(DanishDate.long(last))), så siden viser ingen holdstart
            """)]
    }

    static func bodyPlaceholder(_ body: Body) -> [Issue] {
        guard body.markdown.containsText(Placeholder.fill),
              let index = body.markdown.split(separator: "\n",
                  omittingEmptySubsequences: false).firstIndex(where: { $0.containsText(Placeholder.fill) })
        else { return [] }
        return [Issue(line: body.firstLine + index, "brødteksten er ikke skrevet endnu")]
    }

    /// The tool's rules that apply to a course file's own text (a course is not one of the
    /// standard's interventions; its parts are judged as modules): placeholders, examples, the
    /// review date and readability. Each issue with the rule that reports it.
    static func courseIssues(_ course: Course, in municipality: Municipality, lixLimit: Int) -> [(rule: String, issue: Issue)] {
        var issues = (placeholders(course.fields, prefix: "") + fillers(course.fields) + bodyPlaceholder(course.body))
            .map { (placeholder, $0) }
        if !municipality.isExample {
            issues += examples(course.fields, prefix: "").map { (example, $0) }
        }
        issues += updatedIssues(course.fields.text(ModuleKey.updated)).map { (date, $0) }
        issues += pastTeamStarts(course.teamStarts).map { (teamStarts, $0) }
        let readability = LIX(course.summary + "\n" + course.body.prose)
        if readability.words > 0, readability.score > lixLimit {
            issues.append((lix, Issue(.summary, "teksten har LIX \(readability.score) (\(readability.band)); målet er højst \(lixLimit)")))
        }
        return issues
    }

    /// Every value that carries `katalog init`'s example marker.
    static func examples(_ fields: FieldTable, prefix: String) -> [Issue] {
        var issues: [Issue] = []
        for (path, value) in fields.values {
            let at = prefix.isEmpty ? path : prefix
            switch value {
            case .text(let text) where text.containsText(Placeholder.example):
                issues.append(Issue(path: at, line: nil, "`\(at)` er stadig et eksempel (“\(text.prefix(50))”)"))
            case .list(let items) where items.contains(where: { $0.containsText(Placeholder.example) }):
                issues.append(Issue(path: at, line: nil, "`\(at)` er stadig et eksempel"))
            case .records(let records):
                for record in records { issues += examples(record, prefix: path) }
            default: break
            }
        }
        return issues.sorted { $0.path < $1.path }
    }

    /// What is usual for a prevention offer; outside it, a number is more often a typo than true.
    static let sensible: [(ModuleKey, ClosedRange<Int>)] = [
        (.weeks, 1...26), (.timesPerWeek, 1...7), (.minutes, 5...240), (.lessons, 1...60),
        (.participantsPerInstructor, 1...30), (.teamSize, 2...40), (.contactWithinDays, 1...60),
        (.nicotineWaitDays, 0...90), (.firstConversationMinutes, 10...180), (.followUpMinutes, 5...120),
        (.followUpEveryMonths, 1...24), (.reassessmentMonths, 1...36), (.minimumAge, 0...110), (.maximumAge, 0...110),
        (.placesPerTeam, 1...60),
    ]

    /// An age range no one fits: `alder-fra` above `alder-til`.
    static func ageOrder(_ f: ModuleFacts) -> [Issue] {
        guard let from = f.quantity(.minimumAge)?.exact, let to = f.quantity(.maximumAge)?.exact, from > to else { return [] }
        return [Issue(.minimumAge, """
            `målgruppe.alder-fra` er \(from), men `målgruppe.alder-til` er \(to): så kan ingen deltage – er tallene byttet om?
            """)]
    }

    /// `traening kopi.md`, `kopi af traening.md`, `traening (1).md`, `traening copy.md`, `traening - Kopi.md`.
    static func looksLikeCopy(_ name: String) -> Bool {
        let stem = name.lowercased().replacingOccurrences(of: ".md", with: "")
        let words = stem.split { !$0.isLetter && !$0.isNumber }
        if words.contains("kopi") || words.contains("copy") { return true }
        return stem.hasSuffix(")") && stem.split(separator: "(").last.map { $0.dropLast().allSatisfy(\.isNumber) } == true
    }
}

extension LIX {
    /// The LIX of a module's citizen text: its summary and the prose of its body.
    public static func readability(of module: Module) -> LIX {
        module.readability
    }
}
