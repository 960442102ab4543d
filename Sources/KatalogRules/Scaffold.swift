import KatalogCore
import KatalogSupport

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
        mutating func yesNo(_ key: String, _ comment: String,
            indent: String = "") { add("\(indent)\(key): \(Placeholder.choose) ja eller nej   # \(comment)") }
        mutating func one(_ key: String, _ options: [String], _ comment: String, indent: String = "") {
            add("\(indent)\(key): \(Placeholder.choose) \(options.joined(separator: " eller "))   # \(comment)")
        }
        /// A list of codes offered one per line: the author deletes `VÆLG` before those that apply and deletes the rest.
        mutating func choices(_ key: String, _ codes: [String], _ comment: String, indent: String = "") {
            add("\(indent)\(key):   # \(comment) Behold det, der passer (slet VÆLG foran), og slet resten.")
            for code in codes { add("\(indent)  - \(Placeholder.choose) \(code)") }
        }
    }

    /// The fields a new module of this kind gets: those its rules read (`Rule.fields`), and those
    /// its page and exports show (`shown`), in the schema's order.
    public static func fields(_ intervention: Intervention, _ variant: Variant?) -> [ModuleKey] {
        let read = Standard.rules.filter { $0.target.applies(to: intervention, variant) }.flatMap(\.fields)
        let wanted = Set(read + shown(intervention, variant))
        // Follow-up sessions are one of three ways to show K-3.5-4 (with `videreførelse` and
        // `fastholdelse`); the author guide shows how to write them.
        return ModuleKey.allCases.filter { wanted.contains($0) && $0 != .followUps }
    }

    /// What the module's page, the GP page and the exports show of a module of this kind, beyond
    /// what its rules read: who it is for, how to get in, how much, where, the price.
    static func shown(_ intervention: Intervention, _ variant: Variant?) -> [ModuleKey] {
        var keys: [ModuleKey] = [.title, .summary, .intervention, .diagnoses, .targetDescription, .referralSources, .selfReferral,
                                 .forms, .formats, .timesOfDay, .intake, .lessons, .minutes, .staff, .competences, .places, .price,
                                 .updated]
        if !intervention.variants.isEmpty { keys.append(.variant) }
        if !intervention.elementVocabulary(for: variant).codes.isEmpty { keys.append(.elements) }
        switch intervention {
        case .fysiskAktivitet, .ernaering: keys.append(.atRisk)
        case .afklarendeSamtale: keys.append(.contactWithinDays)
        case .nikotinafvaenning: keys += [.startConversation, .reduction, .directAccess]
        case .alkohol: keys += [.courses, .directAccess]
        default: break
        }
        if intervention != .nikotinafvaenning && intervention != .alkohol && intervention != .afklarendeSamtale {
            keys.append(.viaClarifyingConversation)
        }
        if variant == .diaetbehandling { keys.append(.dietGroups) }
        if variant == .superviseretTraening { keys.removeAll { $0 == .lessons } }
        return keys
    }

    /// The rules that read a field of this kind of module, for its comment.
    static func readers(_ key: ModuleKey, _ intervention: Intervention, _ variant: Variant?) -> [String] {
        Standard.rules.filter { $0.fields.contains(key) && $0.target.applies(to: intervention, variant) }.map(\.id)
    }

    /// A new module: every field of `fields(_:_:)`, written as the schema types it, with the
    /// schema's help and the rules that read it as the comment.
    public static func module(_ intervention: Intervention, _ variant: Variant?, updated: String) -> String {
        var f = Lines()
        f.add("---")
        f.add("# Nyt tilbud. Skriv jeres eget i stedet for UDFYLD, og tag stilling til hvert VÆLG.")
        f.add("# `katalog check` viser, hvad der mangler; `katalog explain REGEL` forklarer en regel.")
        let keys = Set(fields(intervention, variant))
        for field in Schema.module {
            if case .map(let children) = field.kind {
                let included = children.filter { keys.contains(ModuleKey(rawValue: field.key + "." + $0.key)!) }
                guard !included.isEmpty else { continue }
                f.add("\(field.key):")
                for child in included { write(child, path: field.key + "." + child.key, indent: "  ", intervention, variant, updated,
                    into: &f) }
                if field.key == "målgruppe" { optionalLimits(into: &f) }
            } else if keys.contains(ModuleKey(rawValue: field.key)!) {
                write(field, path: field.key, indent: "", intervention, variant, updated, into: &f)
                if field.key == ModuleKey.intake.rawValue { optionalTeams(into: &f) }
                if field.key == ModuleKey.price.rawValue, intervention == .nikotinafvaenning { optionalMedication(into: &f) }
                if field.key == ModuleKey.places.rawValue {
                    optionalAccess(intervention, into: &f)
                    optionalValidity(into: &f)
                }
            }
        }
        f.add("---")
        f.add("\(Placeholder.fill): Skriv her på klart dansk, med korte sætninger og almindelige ord.")
        for (heading, text) in [("Hvad er det?", "Fortæl kort, hvad tilbuddet er."), ("Hvad sker der?",
            "Fortæl, hvad borgeren skal, og hvor tit."),
                                ("Sådan kommer du i gang", "Fortæl, hvordan borgeren kommer i gang.")] {
            f.add("")
            f.add("## \(heading)")
            f.add("")
            f.add("\(Placeholder.fill): \(text)")
        }
        return f.lines.joined(separator: "\n") + "\n"
    }

    /// A new course (`katalog new forløb …`): its parts are the municipality's modules, listed as
    /// comments (`modules`: file name and title) for the author to keep; until two are kept, `check`
    /// says the course has no parts. What holds for the whole course only; the parts say the rest.
    public static func course(modules: [(slug: String, title: String)], updated: String) -> String {
        var f = Lines()
        f.add("---")
        f.add("# Nyt forløb: det samler flere af kommunens tilbud, fx træning, undervisning og kost ved KOL.")
        f.add("# Hvert tilbud beskrives og tjekkes i sin egen fil; her skriver I kun det, der gælder hele forløbet.")
        for field in Schema.course {
            switch field.key {
            case CourseKey.parts.rawValue:
                f.add("\(field.key):   # \(field.help)")
                f.add("  # Fjern # foran forløbets dele (mindst to):")
                for module in modules { f.add("  # - \(module.slug)   # \(module.title)") }
            case ModuleKey.updated.rawValue: f.add("opdateret: \(updated)   # når teksten sidst er gennemgået")
            case ModuleKey.title.rawValue, ModuleKey.summary.rawValue, ModuleKey.price.rawValue:
                f.fill(field.key, String(field.help.dropLast(field.help.hasSuffix(".") ? 1 : 0)))
            default:
                // Optional for a course: a comment with the field's help, stated only when the author removes the `#`.
                if case .map(let children) = field.kind {
                    f.add("# \(field.key):   # \(field.help)")
                    for child in children { f.add("#   \(child.key):   # \(child.help)") }
                } else {
                    f.add("# \(field.key):   # \(field.help)")
                }
            }
        }
        f.add("---")
        f.add("\(Placeholder.fill): Fortæl på klart dansk, hvad forløbet er, hvor længe det varer, og hvordan delene hænger sammen.")
        return f.lines.joined(separator: "\n") + "\n"
    }

    /// Limits on who may join, which many offers have and many do not: written as comments with an
    /// example each, so a new module states none of them until the author removes the `#`.
    static let limitExamples: [(ModuleKey, String)] = [
        (.minimumAge, "18"), (.maximumAge, "65"), (.residence, "Du skal bo i kommunen"),
        (.criteria, "[HbA1c over 48, kan selv komme frem til holdet]"), (.notFor, "[borgere med aktivt misbrug]"),
    ]

    /// Team start dates and places, for offers with teams: comments too, like the limits.
    static let teamExamples: [(ModuleKey, String)] = [(.teamStarts, "[2027-02-01, 2027-08-16]"), (.placesPerTeam, "12")]

    private static func optionalTeams(into f: inout Lines) {
        f.add("# Starter holdene på faste datoer? Så fjern # foran linjerne og skriv jeres datoer og pladser.")
        for (key, example) in teamExamples {
            guard let field = Schema.field(key.rawValue) else { continue }
            f.add("# \(field.key): \(example)   # \(field.help)")
        }
    }

    /// A subsidy and medication handed out, which nicotine cessation offers often have: comments too.
    static let medicationExamples: [(ModuleKey, String)] = [(.subsidy, "Du kan få tilskud til rygestopmedicin"),
                                                             (.medicationHandedOut, "true")]

    private static func optionalMedication(into f: inout Lines) {
        f.add("# Giver I tilskud til medicin, eller udleverer I den? Så fjern # foran det, der passer, og ret eksemplet.")
        for (key, example) in medicationExamples {
            guard let field = Schema.field(key.rawValue) else { continue }
            f.add("# \(field.key): \(example)   # \(field.help)")
        }
    }

    /// Who runs the offer, its languages, an interpreter and anonymity: comments too, stated only when the author removes the `#`.
    static let accessExamples: [(ModuleKey, String)] = [
        (.provider, ""), (.providerName, "Sundhedscenter Fjordby"), (.providerExternal, "false"), (.languages, "[dansk, engelsk]"),
        (.interpreter, "true"), (.anonymous, "true"),
    ]

    private static func optionalAccess(_ intervention: Intervention, into f: inout Lines) {
        let often = intervention == .nikotinafvaenning || intervention == .alkohol ? " Rygestop og alkoholsamtaler er tit anonyme." : ""
        f.add("# Hvem står for tilbuddet, hvilke sprog foregår det på, kan man få tolk, og kan man være anonym?\(often)")
        f.add("# Så fjern # foran de linjer, der passer, og ret eksemplet. Det, I ikke skriver, vises ikke.")
        for (key, example) in accessExamples {
            guard let field = Schema.field(key.rawValue) else { continue }
            let indent = key.rawValue.contains(".") ? "  " : ""
            f.add("# \(indent)\(field.key):\(example.isEmpty ? "" : " " + example)   # \(field.help)")
        }
    }

    /// A pause, an end date and a time-limited project: comments too.
    static let validityExamples: [(ModuleKey, String)] = [
        (.status, "sat-på-pause"), (.validUntil, "2027-06-30"), (.project, "true"), (.projectEnd, "2027-12-31"),
    ]

    private static func optionalValidity(into f: inout Lines) {
        f.add("# Er tilbuddet sat på pause, slutter det på en dato, eller er det et projekt? Så fjern # foran det, der passer.")
        for (key, example) in validityExamples {
            guard let field = Schema.field(key.rawValue) else { continue }
            f.add("# \(field.key): \(example)   # \(field.help)")
        }
    }

    private static func optionalLimits(into f: inout Lines) {
        f.add("  # Er der grænser for, hvem der kan deltage? Så fjern # foran de linjer, der passer, og ret eksemplet.")
        for (key, example) in limitExamples {
            guard let field = Schema.field(key.rawValue) else { continue }
            f.add("  # \(field.key): \(example)   # \(field.help)")
        }
    }

    /// One field as its type asks it to be written.
    private static func write(_ field: Field, path: String, indent: String, _ intervention: Intervention, _ variant: Variant?,
                              _ updated: String, into f: inout Lines) {
        let key = ModuleKey(rawValue: path)!
        let rules = readers(key, intervention, variant)
        let help = field.help + (rules.isEmpty ? "" : " Regler: \(rules.joined(separator: ", ")).")
        switch field.kind {
        case _ where key == .intervention: f.add("indsats: \(intervention.rawValue)")
        case _ where key == .variant: if let variant { f.add("variant: \(variant.rawValue)") }
        case _ where key == .updated: f.add("opdateret: \(updated)   # når teksten sidst er gennemgået")
        case .text, .quantity, .date, .dates, .integer: f.fill(field.key, String(field.help.dropLast(field.help.hasSuffix(".") ? 1 : 0)),
            indent: indent)
        case .bool: f.yesNo(field.key, help.lowercasedFirst, indent: indent)
        case .code(let vocabulary): f.one(field.key, vocabulary.codes, help.lowercasedFirst, indent: indent)
        case .codes(let vocabulary):
            if key == .elements {
                f.choices(field.key, intervention.elementVocabulary(for: variant).codes, help, indent: indent)
            } else if key == .diagnoses {
                f.choices(field.key, Array(vocabulary.codes.prefix(5)),
                    help + " Andre: \(vocabulary.codes.dropFirst(5).joined(separator: ", ")).",
                          indent: indent)
            } else {
                f.choices(field.key, vocabulary.codes, help, indent: indent)
            }
        case .texts:
            f.add("\(indent)\(field.key):   # \(help)")
            f.add("\(indent)  - \"\(Placeholder.fill): \(field.help)\"")
        case .records(let children):
            f.add("\(indent)\(field.key):   # \(help) Slet, hvis det ikke passer.")
            // A place's accessibility is offered as a comment: many places state none, and it is never assumed.
            for (index, child) in children.filter({ key != .places || $0.key != PlaceKey.accessibility.rawValue }).enumerated() {
                f.add("""
                    \(indent)\(index == 0 ? "  - " : "    ")\(child.key): \"\(Placeholder.fill): \
                    \(String(child.help.dropLast(child.help.hasSuffix(".") ? 1 : 0)))\"
                    """)
            }
            if key == .places, let field = Schema.field(ModuleKey.places.rawValue + "." + PlaceKey.accessibility.rawValue) {
                f.add("\(indent)    # \(field.key): Elevator og handicaptoilet   # \(field.help)")
            }
        case .map: break
        }
    }

    /// A filled-in example module for `katalog init`: every choice made so that it meets the
    /// standard, and every text an example carrying the marker `EKSEMPEL`, which rule EKSEMPEL
    /// reports, text by text, unless kommune.yml says `eksempeldata: true` (the file's name
    /// `eksempel-…` too, since its choices and numbers cannot carry the marker).
    public static func example(_ intervention: Intervention, _ variant: Variant?, updated: String, postcode: String) -> String {
        let title = variant?.label ?? intervention.label
        let individual = intervention == .alkohol || intervention == .afklarendeSamtale || variant == .diaetbehandling
            || variant == .vejledning
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
        keep["henvisning-fra"] = intervention == .alkohol ? ["almen-praksis", "sygehus", "kommune"] : ["almen-praksis", "speciallæge",
            "sygehus", "kommune"]
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
        let one: [String: String] = ["optag": "løbende", "intensitet": "moderat-høj", "produktrådgivning": "apotek",
            "manual": "røgfrit-liv-grupper",
                                     "screening": "audit", "første-samtale-format": "fremmøde"]
        let no: Set<String> = ["kræver-kronisk-sygdom", "socialt-udsatte"]
        let numbers: [String: String] = variant == .superviseretTraening
            ? ["uger": "8", "gange-pr-uge": "2", "minutter": "60", "deltagere-pr-instruktør": "8"]
            : intervention == .sygdomsmestring ? ["lektioner": "6", "minutter": "90", "holdstørrelse": "10"]
            : ["lektioner": "3", "minutter": "45", "kontakt-inden-dage": "5", "opfølgning-hver-måneder": "3", "revurdering-måneder": "12",
               "ventetid-dage": "7"]
        let texts: [String: String] = [
            "titel": "\(Placeholder.example): \(title)",
            "resume": "\(Placeholder.example): \(intervention.everydayDescription)",
            "start": "30 sekunders rejse-sætte-sig-test", "slut": "30 sekunders rejse-sætte-sig-test",
            "postnummer": postcode, "pris": "\(Placeholder.example): Gratis",
        ]
        var lines: [String] = []
        var list: String?
        for line in module(intervention, variant, updated: updated).split(separator: "\n",
            omittingEmptySubsequences: false).map(String.init) {
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
                let options = value.dropFirst(Placeholder.choose.count
                    + 1).prefix { $0 != "#" }.components(separatedBy: " eller ").map { $0.trimmingCharacters(in: .whitespaces) }
                lines.append("\(indent)\(key): \(one[key] ?? options[0])")
            } else if value.hasPrefix("\"\(Placeholder.fill)") {
                let help = value.dropFirst(Placeholder.fill.count + 3).prefix { $0 != "\"" }
                let text = numbers[key] ?? texts[key] ?? "\(Placeholder.example): \(help). Skriv jeres egen tekst her."
                lines.append("\(indent)\(key): " + (numbers[key] != nil ? text : "\"\(text)\""))
            } else if trimmed.hasPrefix("- \"\(Placeholder.fill)") {
                lines.append("\(indent)- \"\(Placeholder.example): Sundhedsstyrelsens anbefalinger om fysisk aktivitet ved kronisk " +
                    "sygdom\"")
            } else if line.hasPrefix(Placeholder.fill) {
                lines.append("\(Placeholder.example) fra katalog init. Skriv jeres egen tekst her. Brug korte sætninger og almindelige " +
                    "ord.")
            } else {
                lines.append(line)
            }
        }
        lines[0] = "---\n# \(Placeholder.example) fra `katalog init`: erstat alt med jeres eget tilbud, eller slet filen."
        return lines.joined(separator: "\n")
    }
}

extension String {
    /// "Hvor mange …" → "hvor mange …", for a comment after a choice.
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
