import KatalogCore

/// A new module file with every field its rules need, each with a Danish comment on what to write
/// and which section of the standard asks for it. It states nothing on the author's behalf: free
/// text is `UDFYLD: …`, numbers are `UDFYLD: …`, and codes and yes/no fields are offered as
/// choices (`VÆLG stopdato`, `VÆLG ja eller nej`) that the author keeps or deletes. Rule UDFYLD
/// reports each until it is decided, and no rule counts a choice as said.
public enum Scaffold {
    public static let placeholder = Placeholder.fill
    static let choose = Placeholder.choose

    /// Writes the lines of a new module file.
    struct Lines {
        var lines: [String] = []
        mutating func add(_ text: String) { lines.append(text) }
        mutating func fill(_ key: String, _ help: String, indent: String = "") { add("\(indent)\(key): \"\(Placeholder.fill): \(help)\"") }
        mutating func yesNo(_ key: String, _ comment: String, indent: String = "") { add("\(indent)\(key): \(Placeholder.choose) ja eller nej   # \(comment)") }
        mutating func one(_ key: String, _ options: [String], _ comment: String, indent: String = "") {
            add("\(indent)\(key): \(Placeholder.choose) \(options.joined(separator: " eller "))   # \(comment)")
        }
        /// A list of codes offered one per line: the author deletes `VÆLG` before those that apply and deletes the rest.
        mutating func choices(_ key: String, _ codes: [String], _ comment: String, indent: String = "") {
            add("\(indent)\(key):   # \(comment) Behold det, der passer (slet VÆLG foran), og slet resten.")
            for code in codes { add("\(indent)  - \(Placeholder.choose) \(code)") }
        }
    }

    public static func module(_ intervention: Intervention, _ variant: Variant?, updated: String) -> String {
        var f = Lines()
        f.add("---")
        f.add("# Nyt tilbud. Skriv jeres eget i stedet for UDFYLD, og tag stilling til hvert VÆLG.")
        f.add("# `katalog check` viser, hvad der mangler. Tallene (§) henviser til Sundhedsstyrelsens kvalitetsstandard (2024).")
        f.fill("titel", "Tilbuddets navn på klart dansk")
        f.fill("resume", "En eller to korte sætninger til borgeren om, hvad tilbuddet er")
        f.add("indsats: \(intervention.rawValue)")
        if let variant { f.add("variant: \(variant.rawValue)") }
        let elements = intervention.elementVocabulary(for: variant)
        if !elements.codes.isEmpty {
            f.choices("indhold", elements.codes, "Indholdselementer (§\(intervention.section)).")
        }
        f.add("målgruppe:")
        f.choices("diagnoser", Array(Vocabularies.diagnoses.codes.prefix(5)), "Hvem tilbuddet er for (§2.1); andre: \(Vocabularies.diagnoses.codes.dropFirst(5).joined(separator: ", ")).", indent: "  ")
        if intervention == .nikotinafvaenning || intervention == .alkohol {
            f.yesNo("kræver-kronisk-sygdom", "skal borgeren have en kronisk sygdom? Standarden: nej (§2.1)", indent: "  ")
        }
        if intervention == .fysiskAktivitet || intervention == .ernaering {
            f.yesNo("i-risiko", "også for borgere i risiko for kronisk sygdom? (§2.1)", indent: "  ")
        }
        f.fill("beskrivelse", "Hvem tilbuddet er for, med borgerens ord", indent: "  ")
        if variant == .diaetbehandling {
            f.choices("ernæring", Vocabularies.dietGroups.codes, "Målgrupper for diætbehandling (§7.1).", indent: "  ")
        }
        f.add("adgang:")
        f.choices("henvisning-fra", Vocabularies.referralSources.codes, "Hvem kan henvise (§3.1, §8).", indent: "  ")
        f.yesNo("egen-henvendelse", "kan borgeren selv henvende sig? (§2.2, §3.1)", indent: "  ")
        switch intervention {
        case .afklarendeSamtale:
            f.fill("kontakt-inden-dage", "antal hverdage fra henvisning til kontakt (§2.2)", indent: "  ")
        case .nikotinafvaenning, .alkohol:
            f.yesNo("direkte", "kan borgeren starte uden en afklarende samtale først? (§3.1, §8.1)", indent: "  ")
        default:
            f.yesNo("via-afklarende-samtale", "kan borgeren komme hertil efter en afklarende samtale?", indent: "  ")
        }
        f.choices("form", Vocabularies.forms.codes, "På hold og/eller individuelt\(intervention == .alkohol ? "; samtalen om alkohol skal være individuel (§8.3)" : "").")
        f.choices("format", Vocabularies.formats.codes, "Hvordan tilbuddet foregår (§3.4).")
        f.choices("tidspunkter", Vocabularies.timesOfDay.codes, "Hvornår på døgnet.")
        f.one("optag", Vocabularies.intakes.codes, "løbende optag eller faste holdstarter")
        f.add("omfang:")
        switch (intervention, variant) {
        case (.fysiskAktivitet, .superviseretTraening?):
            f.fill("uger", "antal uger; 6-12 anbefales (§6.3)", indent: "  ")
            f.fill("gange-pr-uge", "gange om ugen; 2-3 anbefales (§6.3)", indent: "  ")
            f.fill("minutter", "minutter hver gang; 30-90 anbefales (§6.3)", indent: "  ")
            f.fill("deltagere-pr-instruktør", "deltagere pr. instruktør; 6-8 anbefales (§6.3)", indent: "  ")
        case (.sygdomsmestring, _):
            f.fill("lektioner", "antal lektioner; hold: mindst 4 á en time (§4.3)", indent: "  ")
            f.fill("minutter", "minutter pr. lektion", indent: "  ")
            f.fill("holdstørrelse", "højst antal deltagere; mindre grupper anbefales (§4.3)", indent: "  ")
        default:
            f.fill("lektioner", "antal gange i alt", indent: "  ")
            f.fill("minutter", "minutter hver gang", indent: "  ")
        }
        switch (intervention, variant) {
        case (.fysiskAktivitet, .superviseretTraening?):
            f.one("intensitet", Vocabularies.intensities.codes, "moderat til høj intensitet, hvor det er muligt (§6.3)")
            f.add("test:   # samme test ved start og slut (§6.2, §6.3)")
            f.fill("start", "Testen ved start, fx 30 sekunders rejse-sætte-sig-test", indent: "  ")
            f.fill("slut", "Testen ved slut; samme test som ved start", indent: "  ")
            f.fill("omgivelser", "Hvor testene foregår; samme sted og udstyr ved start og slut", indent: "  ")
            f.yesNo("træningsplan", "laver I en træningsplan med mål og delmål sammen med borgeren? (§6.2)")
        case (.fysiskAktivitet, _):
            f.yesNo("plan-med-mål", "laver I en plan med mål og delmål? (§6.2)")
        case (.afklarendeSamtale, _):
            f.yesNo("plan-med-mål", "ender samtalen med fælles mål og en plan? (§3.1)")
        case (.sygdomsmestring, _):
            f.yesNo("pårørende-inddrages", "kan pårørende deltage? (§4.3)")
        default: break
        }
        f.choices("personale", Vocabularies.professions.codes, "Faggrupperne, der står for tilbuddet (§3.2, §4.5, §6.5, §7.5, §8.5).")
        switch intervention {
        case .nikotinafvaenning:
            f.choices("kurser", ["grundkursus-individuel-rygestop", "grundkursus-rygestop-grupper", "rygestop-socialt-udsatte"], "Rådgivernes kurser (§5.5).")
        case .alkohol:
            f.choices("kurser", ["forebyggende-samtale-om-alkohol", "den-motiverende-samtale"], "Medarbejdernes kurser (§8.5).")
        case .sygdomsmestring:
            f.choices("kurser", ["lær-at-tackle"], "Undervisere med egen sygdom og Lær at Tackle-uddannelse (§4.5).")
        default: break
        }
        f.fill("kompetencer", "Hvordan personalet har de kompetencer, standarden kræver")
        f.fill("sundhedspædagogik", "Hvordan tilbuddet bygger på borgerens egen motivation og mål (§3.2)")
        f.fill("differentiering", "Hvordan I tilpasser tilbuddet til borgerens sundhedskompetence og behov (§3.4)")
        if intervention == .fysiskAktivitet {
            f.add("retningslinjer:   # sygdomsspecifikke retningslinjer (§6.4)")
            f.add("  - \"\(Placeholder.fill): fx Sundhedsstyrelsens håndbog om fysisk aktivitet og træning\"")
        }
        switch intervention {
        case .nikotinafvaenning:
            f.add("nikotin:")
            f.choices("produkter", Vocabularies.nicotineProducts.codes, "Produkterne, forløbet hjælper med (§5.1).", indent: "  ")
            f.choices("brug", Vocabularies.nicotineUse.codes, "Dagligt og/eller af og til (§5.1).", indent: "  ")
            f.one("produktrådgivning", Vocabularies.productAdvice.codes, "hvor borgeren får rådgivning om medicinen (§5.2)", indent: "  ")
            f.one("manual", Vocabularies.nicotineManuals.codes, "manualen, forløbet følger (§5.3)", indent: "  ")
            f.yesNo("stopbasen", "registreres forløbet i STOPbasen? (§5.3)", indent: "  ")
            f.yesNo("opstartssamtale", "er der en opstartssamtale? (§5.3)", indent: "  ")
        case .alkohol:
            f.add("alkohol:")
            f.one("screening", Vocabularies.alcoholScreening.codes, "screeningsværktøjet, samtalen starter med (§8.2)", indent: "  ")
            f.choices("videre-henvisning", Vocabularies.onwardReferral.codes, "Hvor borgeren henvises videre til ved høj score (§8.2).", indent: "  ")
            f.fill("gravide", "Hvad I gør, hvis en gravid screener positivt (§8.2)", indent: "  ")
        case .ernaering:
            f.add("ernæring:")
            f.choices("indledende-vurdering", Vocabularies.initialAssessment.codes, "Det, den første vurdering omfatter (§7.2).", indent: "  ")
            f.choices("grundlag", Vocabularies.nutritionBasis.codes, "Det faglige grundlag for rådene (§7.2).", indent: "  ")
            if variant == .diaetbehandling {
                f.yesNo("individuel-del", "er der en individuelt tilrettelagt del? (§7.3)", indent: "  ")
                f.one("første-samtale-format", Vocabularies.formats.codes, "hvordan den første samtale foregår (§7.3)", indent: "  ")
                f.fill("opfølgning-hver-måneder", "højst antal måneder mellem opfølgninger; 2-3 anbefales (§7.3)", indent: "  ")
                f.fill("revurdering-måneder", "senest efter hvor mange måneder behovet vurderes igen; højst 12 (§7.3)", indent: "  ")
            }
        default: break
        }
        f.add("afslutning:")
        f.fill("evaluering", "Hvordan det enkelte forløb evalueres (§3.5)", indent: "  ")
        f.yesNo("status-til-egen-læge", "sendes en status til egen læge, når borgeren siger ja? (§3.5)", indent: "  ")
        if variant == .superviseretTraening { f.yesNo("afsluttende-samtale", "er der en samtale og samme test til sidst? (§6.3)", indent: "  ") }
        if variant == .vejledning || intervention == .alkohol { f.yesNo("opfølgende-samtale", "tilbydes en opfølgende samtale? (§6.2, §8.3)", indent: "  ") }
        f.choices("videreførelse", Vocabularies.continuations.codes, "Hvor borgeren kan fortsætte bagefter (§3.5).", indent: "  ")
        f.fill("fastholdelse", "Hvordan I aktivt støtter, at borgeren fortsætter (§3.5)", indent: "  ")
        f.add("steder:   # hvor tilbuddet foregår (slet, hvis det kun er digitalt)")
        f.add("  - navn: \"\(Placeholder.fill): Stedets navn\"")
        f.add("    adresse: \"\(Placeholder.fill): Vej og nummer\"")
        f.add("    postnummer: \"\(Placeholder.fill): fire cifre\"")
        f.add("    by: \"\(Placeholder.fill): By\"")
        f.fill("pris", "Prisen for borgeren, fx Gratis")
        f.add("opdateret: \(updated)   # når teksten sidst er gennemgået")
        f.add("---")
        f.add("\(Placeholder.fill): Skriv her på klart dansk, med korte sætninger og almindelige ord.")
        f.add("")
        f.add("## Hvad er det?")
        f.add("")
        f.add("\(Placeholder.fill): Fortæl kort, hvad tilbuddet er.")
        f.add("")
        f.add("## Hvad sker der?")
        f.add("")
        f.add("\(Placeholder.fill): Fortæl, hvad borgeren skal, og hvor tit.")
        f.add("")
        f.add("## Sådan kommer du i gang")
        f.add("")
        f.add("\(Placeholder.fill): Fortæl, hvordan borgeren kommer i gang.")
        return f.lines.joined(separator: "\n") + "\n"
    }

    /// A filled-in example module for `katalog init`: every choice made so that it meets the
    /// standard, and every text an example carrying the marker `EKSEMPEL`, which rule EKSEMPEL
    /// reports, text by text, unless kommune.yml says `eksempeldata: true` (the file's name
    /// `eksempel-…` too, since its choices and numbers cannot carry the marker).
    public static func example(_ intervention: Intervention, _ variant: Variant?, updated: String, postcode: String) -> String {
        let title = variant?.label ?? intervention.label
        let individual = intervention == .alkohol || intervention == .afklarendeSamtale || variant == .diaetbehandling || variant == .vejledning
        // The codes kept in each list (all offered, where nothing is named).
        var keep: [String: Set<String>] = [
            "diagnoser": ["kol", "type-2-diabetes", "hjerte-kar-sygdom", "kræft", "muskel-skelet"],
            "form": [individual ? "individuel" : "hold"],
            "format": ["fremmøde", "digital"],
            "tidspunkter": ["dag", "aften"],
            "videreførelse": ["forening", "egen-træning"],
            "videre-henvisning": ["alkoholbehandling"],
            "grundlag": [variant == .diaetbehandling ? "fakd-rammeplaner" : "de-officielle-kostråd"],
        ]
        keep["henvisning-fra"] = intervention == .alkohol ? ["almen-praksis", "sygehus", "kommune"] : ["almen-praksis", "speciallæge", "sygehus", "kommune"]
        keep["personale"] = switch (intervention, variant) {
        case (.ernaering, .diaetbehandling?): ["klinisk-diætist"]
        case (.ernaering, _): ["ernærings-og-sundhedskonsulent"]
        case (.fysiskAktivitet, _): ["fysioterapeut"]
        case (.alkohol, _): ["sygeplejerske", "socialrådgiver"]
        case (.sygdomsmestring, _): ["sygeplejerske", "peer-underviser"]
        default: ["sygeplejerske"]
        }
        keep["kurser"] = switch intervention {
        case .nikotinafvaenning: ["grundkursus-rygestop-grupper"]
        case .alkohol: ["forebyggende-samtale-om-alkohol", "den-motiverende-samtale"]
        default: ["lær-at-tackle"]
        }
        let one: [String: String] = ["optag": "løbende", "intensitet": "moderat-høj", "produktrådgivning": "apotek", "manual": "røgfrit-liv-grupper",
                                     "screening": "audit", "første-samtale-format": "fremmøde"]
        let no: Set<String> = ["kræver-kronisk-sygdom"]
        let numbers: [String: String] = variant == .superviseretTraening
            ? ["uger": "8", "gange-pr-uge": "2", "minutter": "60", "deltagere-pr-instruktør": "8"]
            : intervention == .sygdomsmestring ? ["lektioner": "6", "minutter": "90", "holdstørrelse": "10"]
            : ["lektioner": "3", "minutter": "45", "kontakt-inden-dage": "5", "opfølgning-hver-måneder": "3", "revurdering-måneder": "12"]
        let texts: [String: String] = [
            "titel": "\(Placeholder.example): \(title)",
            "resume": "\(Placeholder.example): \(intervention.everydayDescription)",
            "start": "30 sekunders rejse-sætte-sig-test", "slut": "30 sekunders rejse-sætte-sig-test",
            "postnummer": postcode, "pris": "\(Placeholder.example): Gratis",
        ]
        var lines: [String] = []
        var list: String?
        for line in module(intervention, variant, updated: updated).split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.drop { $0 == " " }
            let indent = String(line.prefix { $0 == " " })
            if trimmed.hasPrefix("- \(Placeholder.choose) "), let key = list {
                let code = String(trimmed.dropFirst(2 + Placeholder.choose.count + 1))
                if keep[key]?.contains(code) ?? true { lines.append("\(indent)- \(code)") }
                continue
            }
            guard let colon = trimmed.firstIndex(of: ":") else { lines.append(line); continue }
            let key = String(trimmed[..<colon])
            let value = trimmed[trimmed.index(after: colon)...].drop { $0 == " " }
            list = value.hasPrefix("#") ? key : nil
            if value.hasPrefix("\(Placeholder.choose) ja eller nej") {
                lines.append("\(indent)\(key): \(no.contains(key) ? "false" : "true")")
            } else if value.hasPrefix(Placeholder.choose) {
                let options = value.dropFirst(Placeholder.choose.count + 1).prefix { $0 != "#" }.components(separatedBy: " eller ").map { $0.trimmingCharacters(in: .whitespaces) }
                lines.append("\(indent)\(key): \(one[key] ?? options[0])")
            } else if value.hasPrefix("\"\(Placeholder.fill)") {
                let help = value.dropFirst(Placeholder.fill.count + 3).prefix { $0 != "\"" }
                let text = numbers[key] ?? texts[key] ?? "\(Placeholder.example): \(help). Skriv jeres egen tekst her."
                lines.append("\(indent)\(key): " + (numbers[key] != nil ? text : "\"\(text)\""))
            } else if trimmed.hasPrefix("- \"\(Placeholder.fill)") {
                lines.append("\(indent)- \"\(Placeholder.example): Sundhedsstyrelsens anbefalinger om fysisk aktivitet ved kronisk sygdom\"")
            } else if line.hasPrefix(Placeholder.fill) {
                lines.append("\(Placeholder.example) fra katalog init. Skriv jeres egen tekst her. Brug korte sætninger og almindelige ord.")
            } else {
                lines.append(line)
            }
        }
        lines[0] = "---\n# \(Placeholder.example) fra `katalog init`: erstat alt med jeres eget tilbud, eller slet filen."
        return lines.joined(separator: "\n")
    }
}
