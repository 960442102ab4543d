import KatalogCore

/// A new module file with every field its rules need, each with a Danish comment on what to write
/// and which section of the standard asks for it. Free text is left as `UDFYLD: …`, which the
/// `UDFYLD` rule reports until it is replaced; codes are filled in with values that meet the standard.
public enum Scaffold {
    public static let placeholder = "UDFYLD"

    public static func module(_ intervention: Intervention, _ variant: Variant?, updated: String) -> String {
        var lines: [String] = ["---"]
        func add(_ text: String) { lines.append(text) }
        add("# Nyt tilbud. Erstat alle UDFYLD-tekster; `katalog check` viser, hvad der mangler.")
        add("# Tallene i parentes (§) henviser til Sundhedsstyrelsens kvalitetsstandard (2024).")
        add("titel: \"\(placeholder): Tilbuddets navn på klart dansk\"")
        add("resume: \"\(placeholder): En eller to korte sætninger til borgeren om, hvad tilbuddet er\"")
        add("indsats: \(intervention.rawValue)")
        if let variant { add("variant: \(variant.rawValue)") }
        let elements = intervention.elementVocabulary(for: variant)
        add("# Indholdselementer (§\(intervention.section)). Slet kun dem, tilbuddet ikke har.")
        add("indhold: [\(elements.codes.joined(separator: ", "))]")
        add("målgruppe:")
        add("  # Sygdomme: \(Vocabularies.diagnoses.codes.joined(separator: ", ")) (§2.1)")
        add("  diagnoser: [kol, type-2-diabetes, hjerte-kar-sygdom, kræft, muskel-skelet]")
        if intervention == .nikotinafvaenning || intervention == .alkohol {
            add("  kræver-kronisk-sygdom: false   # også for borgere uden kronisk sygdom (§2.1)")
        }
        if intervention == .fysiskAktivitet || intervention == .ernaering {
            add("  i-risiko: true   # også for borgere i risiko for kronisk sygdom (§2.1)")
        }
        add("  beskrivelse: \"\(placeholder): Hvem tilbuddet er for, med borgerens ord\"")
        if variant == .diaetbehandling {
            add("  ernæring: [ernæring-central, svær-overvægt, uplanlagt-vægttab]   # målgrupper for diætbehandling (§7.1)")
        }
        add("adgang:")
        let sources = intervention == .alkohol ? "almen-praksis, sygehus, kommune, jobcenter" : "almen-praksis, speciallæge, sygehus, kommune, jobcenter"
        add("  henvisning-fra: [\(sources)]   # hvem der kan henvise (§3.1, §8)")
        add("  egen-henvendelse: true   # borgeren kan selv henvende sig (§2.2, §3.1)")
        switch intervention {
        case .afklarendeSamtale:
            add("  kontakt-inden-dage: 5   # hverdage fra henvisning til kontakt (§2.2)")
        case .nikotinafvaenning, .alkohol:
            add("  direkte: true   # kan starte uden afklarende samtale (§3.1, §8.1)")
            add("  via-afklarende-samtale: true")
        default:
            add("  via-afklarende-samtale: true")
        }
        let individualOnly = intervention == .alkohol || intervention == .afklarendeSamtale || variant == .diaetbehandling || variant == .vejledning
        add("form: [\(individualOnly ? "individuel" : "hold")]   # hold og/eller individuel\(intervention == .alkohol ? "; alkoholsamtalen skal være individuel (§8.3)" : "")")
        add("format: [fremmøde, digital]   # fremmøde, digital, telefon, forening, egen-træning (§3.4)")
        add("tidspunkter: [dag, aften]   # dag, aften, weekend")
        add("optag: løbende   # løbende eller faste-hold")
        add("omfang:")
        switch (intervention, variant) {
        case (.fysiskAktivitet, .superviseretTraening?):
            add("  uger: 8   # 6-12 uger anbefales (§6.3)")
            add("  gange-pr-uge: 2   # 2-3 gange om ugen anbefales (§6.3)")
            add("  minutter: 60   # 30-90 minutter anbefales (§6.3)")
            add("  deltagere-pr-instruktør: 8   # 6-8 anbefales (§6.3)")
        case (.sygdomsmestring, _):
            add("  uger: 6")
            add("  gange-pr-uge: 1")
            add("  lektioner: 6   # hold: mindst 4 lektioner á en time (§4.3)")
            add("  minutter: 90")
            add("  holdstørrelse: 10   # undervisning i mindre grupper (§4.3)")
        default:
            add("  lektioner: 3")
            add("  minutter: 45")
        }
        switch (intervention, variant) {
        case (.fysiskAktivitet, .superviseretTraening?):
            add("intensitet: moderat-høj   # moderat til høj intensitet (§6.3)")
            add("test:   # samme test ved start og slut (§6.2, §6.3)")
            add("  start: \"\(placeholder): Testen ved start, fx 30 sekunders rejse-sætte-sig-test\"")
            add("  slut: \"\(placeholder): Samme test ved slut\"")
            add("  omgivelser: \"\(placeholder): Hvor testene foregår; samme sted og udstyr ved start og slut\"")
            add("træningsplan: true   # plan med mål og delmål sammen med borgeren (§6.2)")
        case (.fysiskAktivitet, _):
            add("plan-med-mål: true   # plan med mål og delmål (§6.2)")
        case (.afklarendeSamtale, _):
            add("plan-med-mål: true   # samtalen ender med fælles mål og en plan (§3.1)")
        case (.sygdomsmestring, _):
            add("pårørende-inddrages: true   # pårørende kan deltage (§4.3)")
        default: break
        }
        add("# Faggrupper: \(Vocabularies.professions.codes.joined(separator: ", "))")
        let staff: String = switch (intervention, variant) {
        case (.ernaering, .diaetbehandling?): "[klinisk-diætist]   # autoriseret klinisk diætist (§7.5)"
        case (.ernaering, _): "[ernærings-og-sundhedskonsulent]   # sundheds- eller ernæringsfaglig (§7.5)"
        case (.fysiskAktivitet, _): "[fysioterapeut]   # sundhedsprofessionel (§6.5)"
        case (.alkohol, _): "[sygeplejerske, socialrådgiver]   # social- eller sundhedsfaglig (§8.5)"
        case (.sygdomsmestring, _): "[sygeplejerske, peer-underviser]   # sundhedsprofessionel (§4.5)"
        default: "[sygeplejerske]   # sundhedsprofessionel (§3.2)"
        }
        add("personale: \(staff)")
        switch intervention {
        case .nikotinafvaenning:
            add("kurser: [grundkursus-rygestop-grupper]   # Kræftens Bekæmpelses rådgiverkurser (§5.5)")
        case .alkohol:
            add("kurser: [forebyggende-samtale-om-alkohol, den-motiverende-samtale]   # (§8.5)")
        case .sygdomsmestring:
            add("kurser: [lær-at-tackle]   # undervisere med egen sygdom (§4.5)")
        default: break
        }
        add("kompetencer: \"\(placeholder): Hvordan personalet har de kompetencer, standarden kræver\"")
        add("sundhedspædagogik: \"\(placeholder): Hvordan tilbuddet bygger på borgerens egen motivation og mål (§3.2)\"")
        add("differentiering: \"\(placeholder): Hvordan I tilpasser tilbuddet til borgerens sundhedskompetence og behov (§3.4)\"")
        if intervention == .fysiskAktivitet {
            add("retningslinjer:   # sygdomsspecifikke retningslinjer (§6.4)")
            add("  - \"\(placeholder): fx Sundhedsstyrelsens håndbog om fysisk aktivitet og træning\"")
        }
        switch intervention {
        case .nikotinafvaenning:
            add("nikotin:")
            add("  produkter: [\(Vocabularies.nicotineProducts.codes.joined(separator: ", "))]   # alle produkter (§5.1)")
            add("  brug: [dagligt, lejlighedsvis]   # (§5.1)")
            add("  produktrådgivning: apotek   # apotek eller kommunal-rådgiver (§5.2)")
            add("  manual: røgfrit-liv-grupper   # intensivt forløb (§5.3)")
            add("  stopbasen: true   # registrering i STOPbasen (§5.3)")
            add("  opstartssamtale: true")
        case .alkohol:
            add("alkohol:")
            add("  screening: audit   # samtalen starter med et screeningsværktøj (§8.2)")
            add("  videre-henvisning: [alkoholbehandling]   # ved AUDIT 20 eller mere (§8.2)")
            add("  gravide: \"\(placeholder): Hvad I gør, hvis en gravid screener positivt (§8.2)\"")
        case .ernaering:
            add("ernæring:")
            add("  indledende-vurdering: [vægt, bmi, vægtudvikling, viden-og-motivation]   # (§7.2)")
            if variant == .diaetbehandling {
                add("  grundlag: [fakd-rammeplaner]")
                add("  individuel-del: true   # individuelt tilpasset (§7.3)")
                add("  første-samtale-format: fremmøde   # første samtale ved fremmøde (§7.3)")
                add("  opfølgning-hver-måneder: 3   # mindst hver 2.-3. måned (§7.3)")
                add("  revurdering-måneder: 12   # senest efter 12 måneder (§7.3)")
            } else {
                add("  grundlag: [de-officielle-kostråd]   # (§7.2)")
            }
        default: break
        }
        add("afslutning:")
        add("  evaluering: \"\(placeholder): Hvordan det enkelte forløb evalueres (§3.5)\"")
        add("  status-til-egen-læge: true   # status til egen læge, når borgeren siger ja (§3.5)")
        if variant == .superviseretTraening { add("  afsluttende-samtale: true   # samtale og samme test til sidst (§6.3)") }
        if variant == .vejledning || intervention == .alkohol { add("  opfølgende-samtale: true   # (§6.2, §8.3)") }
        add("  videreførelse: [forening, egen-træning]   # hvor borgeren kan fortsætte (§3.5)")
        add("  fastholdelse: \"\(placeholder): Hvordan I aktivt støtter, at borgeren fortsætter (§3.5)\"")
        add("steder:   # hvor tilbuddet foregår (slet, hvis det kun er digitalt)")
        add("  - navn: \"\(placeholder): Stedets navn\"")
        add("    adresse: \"\(placeholder): Vej og nummer\"")
        add("    postnummer: \"\(placeholder)\"   # fire cifre")
        add("    by: \"\(placeholder): By\"")
        add("pris: Gratis")
        add("opdateret: \(updated)   # når teksten sidst er gennemgået")
        add("---")
        add("\(placeholder): Skriv her på klart dansk, med korte sætninger og almindelige ord.")
        add("")
        add("## Hvad er det?")
        add("")
        add("\(placeholder): Fortæl kort, hvad tilbuddet er.")
        add("")
        add("## Hvad sker der?")
        add("")
        add("\(placeholder): Fortæl, hvad borgeren skal, og hvor tit.")
        add("")
        add("## Sådan kommer du i gang")
        add("")
        add("\(placeholder): Fortæl, hvordan borgeren kommer i gang.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A filled-in example module for `katalog init`: meets the standard, and says on every line
    /// that it is an example to be replaced.
    public static func example(_ intervention: Intervention, _ variant: Variant?, updated: String, postcode: String) -> String {
        let title = variant?.label ?? intervention.label
        var lines = module(intervention, variant, updated: updated).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for index in lines.indices where lines[index].contains(placeholder) {
            let line = lines[index]
            if line.hasPrefix("titel:") {
                lines[index] = "titel: \"Eksempel: \(title)\""
            } else if line.hasPrefix("resume:") {
                lines[index] = "resume: \"Eksempel, der skal erstattes. \(intervention.everydayDescription)\""
            } else if line.hasPrefix("  start:") || line.hasPrefix("  slut:") {
                lines[index] = (line.hasPrefix("  start:") ? "  start:" : "  slut:") + " \"30 sekunders rejse-sætte-sig-test (eksempel)\""
            } else if line.contains("postnummer:") {
                lines[index] = "    postnummer: \"\(postcode)\""
            } else if line.hasPrefix(placeholder) {
                lines[index] = "Dette er et eksempel. Skriv jeres egen tekst her. Brug korte sætninger og almindelige ord."
            } else if let start = line.firstIndex(of: "\""), let end = line.lastIndex(of: "\""), start < end {
                let inner = line[line.index(after: start)..<end].replacingOccurrences(of: "\(placeholder): ", with: "")
                lines[index].replaceSubrange(start...end, with: "\"Eksempel, der skal erstattes: \(inner)\"")
            }
        }
        lines[0] = "---\n# EKSEMPEL fra `katalog init`: erstat alt med jeres eget tilbud, eller slet filen."
        return lines.joined(separator: "\n")
    }
}
