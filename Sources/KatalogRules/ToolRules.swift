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

    public static let rules: [Rule] = [
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

extension LIX {
    /// The LIX of a module's citizen text: its summary and the prose of its body.
    public static func readability(of module: Module) -> LIX {
        LIX(module.summary + "\n" + module.body.prose)
    }
}
