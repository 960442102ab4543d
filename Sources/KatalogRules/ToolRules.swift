import KatalogCore

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

    public static let rules: [Rule] = [
        Rule(id: placeholder, section: "-", basis: .placeholder, kind: .machine, target: .allModules,
             wording: "Tekst, der begynder med UDFYLD, er en pladsholder fra `katalog new` og skal erstattes, før tilbuddet offentliggøres.",
             line: 0, hint: "Skriv det, kommentaren i filen beder om, i stedet for UDFYLD-teksten.",
             check: .module { f in
                 var issues = f.fields.values.filter { placeholderText($0.value) }.keys.sorted().map { path in
                     Issue(path, "`\(path)` er ikke udfyldt endnu")
                 }
                 if f.module.body.markdown.containsText(Scaffold.placeholder),
                    let index = f.module.body.markdown.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(where: { $0.containsText(Scaffold.placeholder) }) {
                     issues.append(Issue(line: f.module.body.firstLine + index, "brødteksten er ikke skrevet endnu"))
                 }
                 return issues
             }),
        Rule(id: lix, section: "3.3", basis: .tool, kind: .machine, target: .allModules,
             wording: "Borgerrettet tekst skal være let at læse. Kataloget måler LIX på resume og brødtekst (uden overskrifter og punktlister).",
             line: 545, hint: "Skriv kortere sætninger og brug kortere ord. Målet er LIX \(Validator.defaultLIXLimit) eller lavere (kan ændres med `lix-grænse` i kommune.yml).",
             check: .module { f in
                 let lix = LIX.readability(of: f.module)
                 guard lix.words > 0, lix.score > f.lixLimit else { return [] }
                 return [Issue("resume", "teksten har LIX \(lix.score) (\(lix.band)); målet er højst \(f.lixLimit)")]
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
    /// A file that cannot be read at all, as a finding of rule FIL, so every output format can show it.
    public static func unreadable(_ error: InputError, hint fallback: String = "ret filen") -> Finding {
        Finding(rule: ToolRules.input, section: "-", severity: .error, location: error.location,
                message: error.message, hint: error.hint ?? fallback)
    }
}

/// True when a value (or any text inside it) is still a `katalog new` placeholder.
func placeholderText(_ value: FieldValue) -> Bool {
    switch value {
    case .text(let text): text.containsText(Scaffold.placeholder)
    case .list(let items): items.contains { $0.containsText(Scaffold.placeholder) }
    case .records(let records): records.contains { $0.values.values.contains(where: placeholderText) }
    default: false
    }
}

extension LIX {
    /// The LIX of a module's citizen text: its summary and the prose of its body.
    public static func readability(of module: Module) -> LIX {
        module.readability
    }
}
