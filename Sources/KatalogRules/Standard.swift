import KatalogCore
import KatalogSupport

/// The quality standard's rules: every "Det er et krav" (32) and "Det anbefales" (22) of
/// Sundhedsstyrelsen (2024), plus the "skal" rows a module or kommune.yml can show.
/// IDs, sections and lines follow `../shared/standard/RULES.md`; wording is the standard's own.
/// Adding a rule means adding one entry here.
public enum Standard {
    public static let edition = "Sundhedsstyrelsen 2024"

    public static let rules: [Rule] = requirements + recommendations + obligations

    public static func rule(_ id: String) -> Rule? { rules.first { $0.id.caseInsensitiveCompare(id) == .orderedSame } }

    typealias M = ModuleFacts

    // MARK: - "Det er et krav" (32)

    static let requirements: [Rule] = [
        Rule(id: "K-2.1-1", section: "2.1", basis: .krav, kind: .machineCatalog, target: .catalog,
             wording: """
                 Det er et krav, at kommunerne tilbyder afklarende samtale, sygdomsmestring, nikotinafvænning, fysisk aktivitet, \
                 ernæringsindsats og forebyggende samtale om alkohol til borgere med kronisk sygdom …
                 """,
             line: 213, hint: "Opret mindst ét tilbud for hver af de seks indsatser.",
             fields: [.intervention], check: .municipality { m in
                 let offered = Set(m.modules.map(\.intervention))
                 let missing = Intervention.standard.filter { !offered.contains($0) }
                 return missing.isEmpty
                     ? [] : [Issue.whole("kommunen mangler tilbud om: \(missing.map { $0.label.lowercased() }.joined(separator: ", "))")]
             }),
        Rule(id: "K-2.1-2", section: "2.1", basis: .krav, kind: .machine, target: .interventions([.nikotinafvaenning, .alkohol]),
             wording: """
                 Det er et krav, at nikotinafvænning og forebyggende samtale om alkohol også tilbydes borgere med motivation for at ændre \
                 deres forbrug - dette, uanset om de samtidig har kronisk sygdom.
                 """,
             line: 221, hint: "Skriv `kræver-kronisk-sygdom: false` under `målgruppe:`.",
             fields: [.requiresChronicDisease], check: .module { f in
                 f.bool(.requiresChronicDisease) == false ? []
                     : [Issue(.requiresChronicDisease,"tilbuddet skal også være for borgere uden kronisk sygdom")]
             }),
        Rule(id: "K-3.1-1", section: "3.1", basis: .krav, kind: .machine, target: .intervention(.afklarendeSamtale),
             wording: """
                 Det er et krav, at kommunen tilbyder en afklarende samtale til borgere med kronisk sygdom, som er henvist fra almen \
                 praksis, praktiserende speciallæger, sygehuse eller fra andre kommunale forvaltningsområder med kontakt til målgruppen.
                 """,
             line: 339, hint: "Skriv `henvisning-fra: [almen-praksis, speciallæge, sygehus, kommune]` under `adgang:`.",
             fields: [.referralSources], check: .module { f in
                 f.includes(.referralSources, ["almen-praksis", "speciallæge", "sygehus", "kommune"], from: Vocabularies.referralSources,
                     "henvisende parter")
             }),
        Rule(id: "K-3.2-3", section: "3.2", basis: .krav, kind: .machineAttest, target: .intervention(.afklarendeSamtale),
             wording: """
                 Det er et krav, at personer, der udfører den afklarende samtale, skal være sundhedsprofessionelle (mellemlang \
                 videregående sundhedsfaglig uddannelse eller tilsvarende kompetencer) med viden og kendskab til [fem områder].
                 """,
             line: 501, hint: "Angiv en sundhedsfaglig faggruppe i `personale:` og beskriv kompetencerne i `kompetencer:`.",
             // The profession part is met by a named MVU health profession; the five areas of
             // knowledge (l.508-520) come with no title, so they must be described.
             fields: [.competences, .staff], check: .module { f in healthProfessional(f) + f.declared(.competences,
                 "hvordan personalet har den viden, standarden nævner") }),
        Rule(id: "K-3.4-1", section: "3.4", basis: .krav, kind: .machineAttest, target: .allModules,
             wording: """
                 Det er et krav, at tilrettelæggelsen af forebyggelsestilbuddene differentieres med udgangspunkt i den enkelte borgers \
                 sundhedskompetence, præferencer, motivation, ressourcer, behov og tilgængelige data.
                 """,
             line: 571, hint: """
                 Beskriv i `differentiering:`, hvordan I tilpasser tilbuddet, eller skriv de former og formater, borgeren kan vælge \
                 imellem, i `form:` og `format:`.
                 """,
             // Differentiation is shown by saying how the offer is adapted, or by the alternatives it
             // offers: more than one form or format, chosen "alt afhængigt af borgerens behov" (l.580-582).
             fields: [.differentiation, .forms, .formats], check: .module { f in
                 if f.module.formats.count > 1 || f.module.forms.count > 1 { return [] }
                 return f.declared(.differentiation, "hvordan tilbuddet tilpasses borgerens sundhedskompetence og behov")
             }),
        Rule(id: "K-3.5-1", section: "3.5", basis: .krav, kind: .attest, target: .allModules,
             wording: "Det er et krav, at det enkelte forløb evalueres.",
             line: 611, hint: "Beskriv i `afslutning.evaluering:`, hvordan hvert forløb evalueres.",
             fields: [.evaluation], check: .module { f in f.declared(.evaluation, "hvordan det enkelte forløb evalueres") }),
        Rule(id: "K-3.5-4", section: "3.5", basis: .krav, kind: .machineAttest, target: .allModules,
             wording: "Det er et krav, at der aktivt støttes op om videreførelse og vedligehold af effekt efter endt indsats.",
             line: 617, hint: """
                 Skriv, hvordan I støtter borgeren i at fortsætte: steder i `afslutning.videreførelse:`, opfølgning efter forløbet i \
                 `afslutning.opfølgning:` eller en beskrivelse i `afslutning.fastholdelse:`.
                 """,
             // Any of the ways the text names shows it: advice on where to continue ("rådgivning til
             // deltagelse i idrætsforeninger …", l.618-620), structured follow-up after the course
             // ("Opfølgningen kan ske ca. 3 måneder til 1 år efter", l.1111-1112), or a description.
             fields: [.continuations, .followUps, .retention], check: .module { f in
                 if !f.list(.continuations).isEmpty || !f.records(.followUps).isEmpty
                     || !f.otherValues(.continuations).isEmpty || f.says(.retention) { return [] }
                 if f.fields.isWritten(ModuleKey.retention) {
                     return f.declared(.retention, "hvordan I aktivt støtter, at borgeren fortsætter")
                 }
                 let at: ModuleKey = f.fields.isPending(ModuleKey.continuations) ? .continuations : .ending
                 return [Issue(at, "`afslutning` siger ikke, hvordan borgeren støttes i at fortsætte efter forløbet")]
             }),
        catalogOffers("K-4.1-1", section: "4.1", line: 643, .sygdomsmestring,
                      wording: """
                          Det er et krav, at kommunerne tilbyder sygdomsmestring til borgere med kronisk sygdom, som ud fra en \
                          sundhedsfaglig vurdering af funktionsevne og helbredsforhold kan have gavn af indsatsen.
                          """),
        Rule(id: "K-4.2-2", section: "4.2", basis: .krav, kind: .machine, target: .intervention(.sygdomsmestring),
             wording: """
                 Det er et krav, at følgende elementer indgår i indsatsen: sygdomskendskab, sygdomsforværring, betydningen af andre \
                 forebyggende indsatser, mental sundhed, sociale forhold, mestring af sygdommen i hverdagen og pårørende.
                 """,
             line: 662, hint: "Skriv alle syv elementer i `indhold:`.",
             fields: [.elements], check: .module { f in f.includes(.elements, Elements.diseaseManagement.codes,
                 from: Elements.diseaseManagement, "indholdselementer") }),
        Rule(id: "K-4.5-1", section: "4.5", basis: .krav, kind: .machineAttest, target: .intervention(.sygdomsmestring),
             wording: """
                 Det er et krav, at personer, der udfører undervisningen, skal være sundhedsprofessionelle med relevante kompetencer samt \
                 have de nødvendige sundheds- og voksenpædagogiske forudsætninger …
                 """,
             line: 772, hint: "Angiv en sundhedsfaglig faggruppe i `personale:` og beskriv de pædagogiske kompetencer i `kompetencer:`.",
             fields: [.staff, .competences], check: .module { f in
                 let qualified = f.staff { $0.healthMVU || $0.code == "social-og-sundhedsassistent" }
                 return (qualified.isEmpty ? [Issue(.staff,"ingen sundhedsprofessionel underviser i `personale`")] : [])
                     + f.declared(.competences, "underviserens sundheds- og voksenpædagogiske kompetencer")
             }),
        Rule(id: "K-5.1-1", section: "5.1", basis: .krav, kind: .machine, target: .intervention(.nikotinafvaenning),
             wording: """
                 Det er et krav, at kommunerne tilbyder nikotinafvænning til borgere, som anvender tobaks- og nikotinprodukter, herunder \
                 cigaretter, pibe, cerutter, vandpibe, opvarmet tobak, e-cigaretter og røgfrie nikotinprodukter (snus, tyggetobak, \
                 nikotinposer mv.) dagligt eller lejlighedsvist …
                 """,
             line: 839, hint: "Skriv alle produkter i `nikotin.produkter:` og `brug: [dagligt, lejlighedsvis]`.",
             fields: [.nicotineProducts, .nicotineUse], check: .module { f in
                 f.includes(.nicotineProducts, Vocabularies.nicotineProducts.codes, from: Vocabularies.nicotineProducts, "produkter")
                     + f.includes(.nicotineUse, ["dagligt", "lejlighedsvis"], from: Vocabularies.nicotineUse, "brug")
             }),
        Rule(id: "K-5.2-1", section: "5.2", basis: .krav, kind: .machine, target: .intervention(.nikotinafvaenning),
             wording: """
                 Det er et krav, at indsatsen for nikotinafvænning indeholder rådgivning, som inkluderer følgende elementer: [ni \
                 elementer].
                 """,
             line: 845, hint: "Skriv alle ni rådgivningselementer i `indhold:`.",
             fields: [.elements], check: .module { f in f.includes(.elements, Elements.nicotineCounselling.codes,
                 from: Elements.nicotineCounselling, "rådgivningselementer") }),
        Rule(id: "K-5.2-2", section: "5.2", basis: .krav, kind: .machine, target: .intervention(.nikotinafvaenning),
             wording: "Det er et krav, at vejledning om brug af nikotinafvænningsmedicin indgår i rådgivningen.",
             line: 864, hint: "Skriv `medicin` i `indhold:`.",
             fields: [.elements], check: .module { f in f.includes(.elements, ["medicin"], from: Elements.nicotineCounselling,
                 "vejledning om medicin") }),
        Rule(id: "K-5.5-1", section: "5.5", basis: .krav, kind: .attest, target: .intervention(.nikotinafvaenning),
             wording: """
                 Det er et krav, at rådgiverne har kendskab til gældende anbefalinger fra Sundhedsstyrelsen om behandling af \
                 nikotinafhængighed og kompetencer til at kunne rådgive kvalificeret om indholdselementerne i nikotinafvænning.
                 """,
             line: 944, hint: "Beskriv rådgivernes kompetencer i `kompetencer:`.",
             fields: [.competences], check: .module { f in f.declared(.competences,
                 "rådgivernes kendskab til Sundhedsstyrelsens anbefalinger") }),
        Rule(id: "K-6.1-1", section: "6.1", basis: .krav, kind: .machineCatalog, target: .catalog,
             wording: """
                 Det er et krav, at kommunerne tilbyder en indsats for fysisk aktivitet (vejledning om fysisk aktivitet eller superviseret \
                 fysisk træning) …
                 """,
             line: 980, hint: "Opret både et tilbud med vejledning og et med superviseret træning, så borgeren kan visiteres til det, " +
                 "der passer.",
             fields: [.variant], check: .municipality { m in missingVariants(m, [.vejledning, .superviseretTraening]) }),
        Rule(id: "K-6.2-5", section: "6.2", basis: .krav, kind: .machine, target: .variant(.superviseretTraening),
             wording: "Det er et krav, at der indgår test som del af et forløb med superviseret træning i starten og afslutningen af " +
                 "forløbet.",
             line: 1061, hint: "Skriv testen under `test:` med både `start:` og `slut:`.",
             fields: [.testStart, .testEnd], check: .module { f in
                 f.declared(.testStart, "testen ved forløbets start") + f.declared(.testEnd, "testen ved forløbets afslutning")
             }),
        Rule(id: "K-6.3-2", section: "6.3", basis: .krav, kind: .machine, target: .variant(.superviseretTraening),
             wording: """
                 Det er et krav, at den superviserede træning er planlagt og struktureret i forhold til en passende intensitet, frekvens \
                 og varighed …
                 """,
             line: 1097, hint: "Angiv `intensitet:` (moderat, moderat-høj eller høj) og `omfang:` med uger, gange-pr-uge og minutter.",
             fields: [.intensity, .intensityReason, .weeks, .timesPerWeek, .minutes], check: .module { f in
                 var issues: [Issue] = []
                 switch f.text(.intensity) {
                 case nil: issues.append(Issue(.intensity,"`intensitet` mangler: træningens intensitet"))
                 case "lav"? where f.text(.intensityReason) == nil:
                     issues.append(Issue(.intensity,"intensiteten er lav; træningen skal være moderat til høj, eller " +
                         "`intensitet-begrundelse` skal forklare hvorfor"))
                 default: break
                 }
                 for key: ModuleKey in [.weeks, .timesPerWeek, .minutes] where f.quantity(key) == nil {
                     issues.append(Issue(key, "`\(key.path)` mangler: træningens frekvens og varighed"))
                 }
                 return issues
             }),
        Rule(id: "K-6.3-3", section: "6.3", basis: .krav, kind: .machine, target: .variant(.superviseretTraening),
             wording: """
                 Det er et krav, at der mod afslutningen af et træningsforløb gennemføres en opfølgning med samtale og samme test som i \
                 starten af forløbet.
                 """,
             line: 1104, hint: "Brug samme test i `test.slut` som i `test.start`, og skriv `afsluttende-samtale: true` under " +
                 "`afslutning:`.",
             fields: [.finalConversation, .testStart, .testEnd], check: .module { f in
                 var issues = f.yes(.finalConversation, "en afsluttende samtale med opfølgning")
                 if let start = f.text(.testStart), let end = f.text(.testEnd), !SameTest.same(start, end) {
                     issues.append(Issue(.testEnd,"testen ved slut (\(end)) er ikke den samme som ved start (\(start))"))
                 }
                 return issues
             }),
        Rule(id: "K-6.5-1", section: "6.5", basis: .krav, kind: .machineAttest, target: .intervention(.fysiskAktivitet),
             wording: """
                 Det er et krav, at indsatsen med fysisk aktivitet … gennemføres af sundhedsprofessionelle (mellemlang videregående \
                 sundhedsfaglig uddannelse eller tilsvarende kompetencer) med kompetencer til at: [fire områder].
                 """,
             line: 1165, hint: """
                 Angiv en sundhedsfaglig faggruppe, fx fysioterapeut, i `personale:`; er det en anden end fysioterapeut, så beskriv \
                 kompetencerne i `kompetencer:`.
                 """,
             // A physiotherapist's education is the four competences (l.1169-1174); another MVU
             // health profession shows them by describing them.
             fields: [.competences, .staff], check: .module { f in
                 if !f.staff(where: { $0.healthMVU && $0.activityCompetences }).isEmpty { return [] }
                 return healthProfessional(f) + f.declared(.competences, "personalets kompetencer til vejledning, træning og test")
             }),
        Rule(id: "K-7.1-1", section: "7.1", basis: .krav, kind: .machineCatalog, target: .catalog,
             wording: "Det er et krav, at kommunerne tilbyder en ernæringsindsats (kostvejledning eller diætbehandling) …",
             line: 1198, hint: "Opret både et tilbud med kostvejledning og et med diætbehandling.",
             fields: [.variant], check: .municipality { m in missingVariants(m, [.kostvejledning, .diaetbehandling]) }),
        Rule(id: "K-7.2-1", section: "7.2", basis: .krav, kind: .machine, target: .intervention(.ernaering),
             wording: """
                 Det er et krav, at ernæringsindsatsen indledes med en vurdering af ernæringsrelateret risiko. Denne skal indeholde \
                 vurdering af vægt og BMI, herunder udvikling over tid, samt afdækning af borgerens viden, færdigheder og motivation.
                 """,
             line: 1246, hint: "Skriv `indledende-vurdering: [vægt, bmi, vægtudvikling, viden-og-motivation]` under `ernæring:`.",
             fields: [.initialAssessment], check: .module { f in f.includes(.initialAssessment, Vocabularies.initialAssessment.codes,
                 from: Vocabularies.initialAssessment, "den indledende vurdering") }),
        Rule(id: "K-7.2-2", section: "7.2", basis: .krav, kind: .machine, target: .variant(.kostvejledning),
             wording: """
                 Det er et krav, at kostvejledningen tager udgangspunkt i De officielle Kostråd og evt. de supplerende kostanbefalinger \
                 for ældre fra 65 år …
                 """,
             line: 1265, hint: "Skriv `de-officielle-kostråd` i `ernæring.grundlag:`.",
             fields: [.nutritionBasis], check: .module { f in f.includes(.nutritionBasis, ["de-officielle-kostråd"],
                 from: Vocabularies.nutritionBasis, "fagligt grundlag") }),
        Rule(id: "K-7.2-3", section: "7.2", basis: .krav, kind: .machine, target: .variant(.diaetbehandling),
             wording: "Det er et krav, at diætbehandling omfatter: udredning, ernæringsbehandling og opfølgning.",
             line: 1278, hint: "Skriv `indhold: [udredning, ernæringsbehandling, opfølgning]`.",
             fields: [.elements], check: .module { f in f.includes(.elements, Elements.dietTreatment.codes, from: Elements.dietTreatment,
                 "dele af diætbehandlingen") }),
        Rule(id: "K-7.3-1", section: "7.3", basis: .krav, kind: .machine, target: .variant(.diaetbehandling),
             wording: "Det er et krav, at diætbehandling består af en individuelt tilpasset indsats, afhængigt af borgerens behov.",
             line: 1334, hint: "Skriv `individuel-del: true` under `ernæring:` og `individuel` i `form:`.",
             fields: [.individualPart, .forms], check: .module { f in
                 f.yes(.individualPart, "diætbehandlingen skal være individuelt tilpasset")
                     + (f.module.forms.contains("individuel") ? [] : [Issue(.forms,"`form` mangler `individuel`")])
             }),
        Rule(id: "K-7.5-1", section: "7.5", basis: .krav, kind: .machineAttest, target: .intervention(.ernaering),
             wording: """
                 Det er et krav, at den indledende vurdering af, hvilken ernæringsindsats borgeren har behov for, gennemføres af \
                 sundhedsprofessionelle og/eller ernæringsfaglige (mellemlang videregående sundhedsfaglig uddannelse eller tilsvarende \
                 kompetencer).
                 """,
             line: 1414, hint: "Angiv fx klinisk-diætist eller ernærings-og-sundhedskonsulent i `personale:`.",
             fields: [.staff], check: .module { f in
                 f.staff { $0.healthMVU || $0.nutritionMVU }.isEmpty
                     ? [Issue(.staff,"ingen sundheds- eller ernæringsfaglig i `personale` til den indledende vurdering")] : []
             }),
        Rule(id: "K-7.5-2", section: "7.5", basis: .krav, kind: .machineAttest, target: .variant(.kostvejledning),
             wording: """
                 Det er et krav, at kostvejledning gennemføres af sundhedsprofessionelle og/eller ernæringsfaglige (mellemlang \
                 videregående sundhedsfaglig uddannelse eller tilsvarende kompetencer).
                 """,
             line: 1419, hint: "Angiv fx ernærings-og-sundhedskonsulent i `personale:` og beskriv kompetencerne i `kompetencer:`.",
             fields: [.staff, .competences], check: .module { f in
                 (f.staff { $0.healthMVU || $0.nutritionMVU }.isEmpty
                     ? [Issue(.staff,"ingen sundheds- eller ernæringsfaglig i `personale`")] : [])
                     + f.declared(.competences, "kostvejledernes faglige baggrund")
             }),
        Rule(id: "K-7.5-3", section: "7.5", basis: .krav, kind: .machine, target: .variant(.diaetbehandling),
             wording: """
                 Det er et krav at diætbehandling, uanset om den gennemføres individuelt eller gruppebaseret, gennemføres af \
                 sundhedsprofessionelle med kompetencer svarende til en autoriseret klinisk diætist.
                 """,
             line: 1423, hint: "Skriv `klinisk-diætist` i `personale:`.",
             fields: [.staff], check: .module { f in f.includes(.staff, ["klinisk-diætist"], from: Vocabularies.professions,
                 "faggruppe") }),
        catalogOffers("K-8.1-1", section: "8.1", line: 1481, .alkohol,
                      wording: """
                          Det er et krav, at kommunerne tilbyder forebyggende samtale om alkohol til borgere, som ud fra en sundhedsfaglig \
                          vurdering kan have gavn af indsatsen.
                          """),
        Rule(id: "K-8.2-1", section: "8.2", basis: .krav, kind: .machine, target: .intervention(.alkohol),
             wording: """
                 Det er et krav, at den forebyggende samtale om alkohol indledes med et screeningsværktøj, i det følgende illustreret med \
                 AUDIT (Alcohol Use Disorder Test).
                 """,
             line: 1517, hint: "Skriv `screening: audit` under `alkohol:`.",
             fields: [.alcoholScreening], check: .module { f in f.declared(.alcoholScreening,
                 "screeningsværktøjet, samtalen starter med") }),
        Rule(id: "K-8.3-1", section: "8.3", basis: .krav, kind: .machine, target: .intervention(.alkohol),
             wording: "Det er et krav, at forebyggende samtale om alkohol foregår individuelt.",
             line: 1591, hint: "Skriv `form: [individuel]`.",
             fields: [.forms], check: .module { f in
                 f.module.forms == ["individuel"]
                     ? [] : [Issue(.forms,"""
                         samtalen om alkohol skal være individuel; `form` er \
                         \(f.module.forms.isEmpty ? "ikke udfyldt" : f.module.forms.joined(separator: ", "))
                         """)]
             }),
        Rule(id: "K-8.5-1", section: "8.5", basis: .krav, kind: .attest, target: .intervention(.alkohol),
             wording: """
                 Det er et krav, at medarbejdere, der gennemfører de forebyggende samtaler om alkohol, har kompetencer til at gennemføre \
                 samtalen af høj kvalitet og til at gennemføre den indledende screening og visitation.
                 """,
             line: 1629, hint: "Beskriv medarbejdernes kompetencer i `kompetencer:`, fx uddannelse i Forebyggende samtale om alkohol.",
             fields: [.competences], check: .module { f in f.declared(.competences,
                 "medarbejdernes kompetencer til samtale, screening og visitation") }),
        organisation("K-9.1-3", section: "9.1", basis: .krav, line: 1699, key: .populationData,
                     wording: "Det er et krav, at kommunerne anvender tilgængelige data om deres population."),
    ]

    // MARK: - "Det anbefales" (22) and "bør" where a module can show it

    static let recommendations: [Rule] = [
        Rule(id: "A-6.2-1", section: "6.2", basis: .bør, kind: .machine, target: .variant(.superviseretTraening),
             wording: """
                 Dette bør foregå, ved i fællesskab at udarbejde en træningsplan med mål og delmål ved opstarten og afslutningen af \
                 træningsforløbet.
                 """,
             line: 1042, hint: "Skriv `træningsplan: true`, hvis I laver planen sammen med borgeren.",
             fields: [.trainingPlan], check: .module { f in f.yes(.trainingPlan,
                 "der bør laves en træningsplan med mål og delmål sammen med borgeren") }),
        Rule(id: "A-6.3-3", section: "6.3", basis: .bør, kind: .machine, target: .variant(.superviseretTraening),
             wording: """
                 Forløbet bør have en varighed på 6-12 uger, eventuelt med efterfølgende selvtræning, træning i grupper eller superviseret \
                 træning.
                 """,
             line: 1101, hint: "Angiv `uger:` under `omfang:`; standarden anbefaler 6-12 uger.",
             fields: [.weeks], check: .module { f in f.number(.weeks, in: 6...12, "forløbet bør vare 6-12 uger") }),
        Rule(id: "A-3.1-1", section: "3.1", basis: .anbefaling, kind: .machine, target: .intervention(.afklarendeSamtale),
             wording: """
                 Det anbefales, at kommunen tilbyder en afklarende samtale til borgere med kronisk sygdom, som selv henvender sig med \
                 ønske om et forebyggelsestilbud.
                 """,
             line: 346, hint: "Skriv `egen-henvendelse: true` under `adgang:`.",
             fields: [.selfReferral], check: .module { f in f.yes(.selfReferral, "borgeren bør selv kunne henvende sig") }),
        organisation("A-3.2-1", section: "3.2", basis: .bør, line: 526, key: .peerSupport,
                     wording: """
                         For at understøtte kvaliteten af indsatserne bør de sundhedsprofessionelle, som gennemfører den afklarende \
                         samtale og forløbene i de enkelte forebyggelsestilbud, have mulighed for jævnlig sparring med kolleger …
                         """),
        organisation("A-3.2-2", section: "3.2", basis: .bør, line: 528, key: .specialists,
                     wording: """
                         De sundhedsprofessionelle bør også have mulighed for sparring med specialister, fx specialiserede fysioterapeuter \
                         eller kliniske diætister på sygehus, ved behov.
                         """),
        organisation("A-3.3-2", section: "3.3", basis: .anbefaling, line: 564, key: .organisationalHealthLiteracy,
                     wording: """
                         Det anbefales at arbejde med organisatorisk sundhedskompetence, for at imødekomme lokale udfordringer med \
                         manglende deltagelse for nogle målgrupper.
                         """),
        organisation("A-3.5-1", section: "3.5", basis: .anbefaling, line: 624, key: .civilSociety,
                     wording: """
                         Det anbefales, at kommunerne har et tæt og løbende samarbejde med relevante lokale organisationer og foreninger i \
                         civilsamfundet …
                         """),
        Rule(id: "A-4.3-1", section: "4.3", basis: .anbefaling, kind: .machine, target: .intervention(.sygdomsmestring),
             wording: """
                 Det anbefales, at undervisningen foregår i mindre grupper, hvor man kan drage nytte af at drøfte og udveksle erfaringer \
                 om fælles problemer og løsningsforslag.
                 """,
             line: 737, hint: "Skriv `form:` (hold og/eller individuel), og for holdforløb `holdstørrelse:` under `omfang:`.",
             fields: [.teamSize, .forms], check: .module { f in
                 // Individual teaching may supplement the groups ("suppleres med individuel undervisning ved behov", l.738-739);
                 // a module that does not say how it is taught does not show the smaller groups.
                 if f.module.forms.isEmpty && f.module.otherForms.isEmpty {
                     return [Issue(.forms, "`form` mangler: det fremgår ikke, om undervisningen foregår i mindre grupper")]
                 }
                 guard f.module.forms.contains("hold") else { return [] }
                 return f.number(.teamSize, in: 2...15, "holdet bør være en mindre gruppe (højst 15)")
             }),
        Rule(id: "A-4.3-2", section: "4.3", basis: .anbefaling, kind: .machine, target: .intervention(.sygdomsmestring),
             wording: """
                 Det anbefales, at holdundervisning som minimum består af 4 lektioner af én times varighed, og at individuel undervisning \
                 som minimum består af 2-4 lektioner af cirka 30 minutters varighed …
                 """,
             line: 742, hint: "Hold: mindst 4 lektioner á 60 minutter. Individuelt: mindst 2 lektioner á cirka 30 minutter.",
             fields: [.lessons, .minutes, .forms], check: .module { f in
                 if f.module.forms.contains("hold") {
                     return f.number(.lessons, in: 4...1000, "holdundervisning bør have mindst 4 lektioner")
                         + f.number(.minutes, in: 60...1000, "en lektion på hold bør vare mindst en time")
                 }
                 return f.number(.lessons, in: 2...1000, "individuel undervisning bør have mindst 2 lektioner")
                     + f.number(.minutes, in: 25...1000, "en individuel lektion bør vare cirka 30 minutter")
             }),
        Rule(id: "A-4.3-3", section: "4.3", basis: .anbefaling, kind: .machine, target: .intervention(.sygdomsmestring),
             wording: "Det anbefales, at pårørende medinddrages på borgerens præmisser i undervisningen …",
             line: 746, hint: "Skriv `pårørende-inddrages: true`.",
             fields: [.relativesIncluded], check: .module { f in f.yes(.relativesIncluded,
                 "pårørende bør kunne inddrages i undervisningen") }),
        Rule(id: "A-4.5-1", section: "4.5", basis: .anbefaling, kind: .machine, target: .intervention(.sygdomsmestring),
             wording: """
                 Det anbefales, som supplement til den sygdomsspecifikke undervisning, at inddrage undervisere, der selv har erfaring med \
                 kronisk sygdom … og har gennemført en instruktøruddannelse svarende til Lær at Tackle-uddannelserne.
                 """,
             line: 779, hint: "Skriv `peer-underviser` i `personale:` og `lær-at-tackle` i `kurser:`.",
             fields: [.courses], check: .module { f in f.includes(.courses, ["lær-at-tackle"], from: Vocabularies.courses,
                 "instruktøruddannelse for undervisere med egen sygdom") }),
        Rule(id: "A-5.3-4", section: "5.3", basis: .anbefaling, kind: .machine, target: .intervention(.nikotinafvaenning),
             wording: """
                 Det anbefales, at både gruppeforløb og individuelle forløb tilrettelægges som intensive forløb, fx efter Kræftens \
                 Bekæmpelses manualer, hhv. 'Røgfrit liv – rygestop i grupper' og 'Røgfrit liv – individuelt rygestop'.
                 """,
             line: 910, hint: "Skriv `manual: røgfrit-liv-grupper` eller `røgfrit-liv-individuelt` under `nikotin:`.",
             fields: [.nicotineManual], check: .module { f in
                 ["røgfrit-liv-grupper", "røgfrit-liv-individuelt"].contains(f.text(.nicotineManual) ?? "") ? []
                     : [Issue(.nicotineManual,"forløbet bør være intensivt og følge en Røgfrit liv-manual")]
             }),
        Rule(id: "A-5.3-3", section: "5.3", basis: .bør, kind: .machine, target: .intervention(.nikotinafvaenning),
             wording: """
                 Hvis en borger skal vente mere end 14 dage fra opstartssamtalen til et egentligt stopforløb påbegyndes, bør der i den \
                 mellemliggende periode jævnligt ske en opfølgning …
                 """,
             line: 904, hint: "Skriv `mellemliggende-opfølgning: true` under `nikotin:`, hvis I følger op, mens borgeren venter.",
             fields: [.nicotineWaitDays, .interimFollowUp],
             // Only a stated wait of more than 14 days asks for it (l.904-906).
             check: .module { f in
                 guard let wait = f.quantity(.nicotineWaitDays), wait.upper > 14, f.bool(.interimFollowUp) != true else { return [] }
                 return [Issue(.interimFollowUp,
                     "ventetiden kan være \(wait) dage; ved mere end 14 dage bør I følge op, mens borgeren venter")]
             }),
        Rule(id: "A-5.3-8", section: "5.3", basis: .anbefaling, kind: .machine, target: .intervention(.nikotinafvaenning),
             wording: "Det anbefales, at kommunerne anvender STOPbasens skemaer til at registrere data om borgerens stopforløb …",
             line: 925, hint: "Skriv `stopbasen: true` under `nikotin:`.",
             fields: [.stopBase], check: .module { f in f.yes(.stopBase, "forløbet bør registreres i STOPbasen") }),
        Rule(id: "A-5.5-1", section: "5.5", basis: .anbefaling, kind: .machine, target: .intervention(.nikotinafvaenning),
             wording: """
                 Det anbefales, at rådgivere på individuelle forløb har kompetencer svarende til 'Grundkursus: Individuel rådgivning om \
                 rygestop', og at rådgivere på gruppeforløb har kompetencer svarende til 'Grundkursus: Rådgivning om rygestop i grupper'.
                 """,
             line: 948, hint: "Skriv det kursus, der passer til formen, i `kurser:`.",
             fields: [.courses, .forms], check: .module { f in
                 var required: [String] = []
                 if f.module.forms.contains("individuel") { required.append("grundkursus-individuel-rygestop") }
                 if f.module.forms.contains("hold") { required.append("grundkursus-rygestop-grupper") }
                 return f.includes(.courses, required, from: Vocabularies.courses, "rådgiverkursus")
             }),
        Rule(id: "A-5.5-2", section: "5.5", basis: .anbefaling, kind: .machine, target: .intervention(.nikotinafvaenning),
             wording: """
                 Det anbefales, at rådgivere på indsatser for nikotinafvænning til borgere i udsatte positioner … har kompetencer svarende \
                 til 'Rygestop for mennesker i social udsat position'.
                 """,
             line: 953, hint: "Skriv `rygestop-socialt-udsatte` i `kurser:`.",
             fields: [.sociallyVulnerable, .courses], check: .module { f in
                 f.bool(.sociallyVulnerable) == true
                     ? f.includes(.courses, ["rygestop-socialt-udsatte"], from: Vocabularies.courses,
                         "kursus for rådgivere til socialt udsatte") : []
             }),
        Rule(id: "A-6.3-1", section: "6.3", basis: .anbefaling, kind: .machine, target: .variant(.superviseretTraening),
             wording: "Det anbefales, at der er seks til otte deltagere pr. instruktør.",
             line: 1089, hint: "Angiv `deltagere-pr-instruktør:` mellem 6 og 8 under `omfang:`.",
             fields: [.participantsPerInstructor], check: .module { f in f.number(.participantsPerInstructor, in: 6...8,
                 "der bør være 6-8 deltagere pr. instruktør") }),
        Rule(id: "A-6.3-2", section: "6.3", basis: .anbefaling, kind: .machine, target: .variant(.superviseretTraening),
             wording: "Det anbefales, at træningen foregår to til tre gange om ugen á 30-90 minutter.",
             line: 1101, hint: "Angiv `gange-pr-uge:` 2-3 og `minutter:` 30-90 under `omfang:`.",
             fields: [.timesPerWeek, .minutes], check: .module { f in
                 f.number(.timesPerWeek, in: 2...3, "træningen bør være 2-3 gange om ugen")
                     + f.number(.minutes, in: 30...90, "hver træning bør vare 30-90 minutter")
             }),
        Rule(id: "A-7.2-1", section: "7.2", basis: .anbefaling, kind: .machineAttest, target: .variant(.kostvejledning),
             wording: """
                 Det anbefales, at kostvejledningen består af en vurdering af nuværende mad- og måltidsvaner samt råd om sunde mad- og \
                 måltidsvaner, herunder valg af fødevarer og sammensætning af måltider.
                 """,
             line: 1269, hint: "Skriv `indhold: [mad-og-måltidsvaner, madvalg]`.",
             fields: [.elements], check: .module { f in f.includes(.elements, Elements.dietaryAdvice.codes, from: Elements.dietaryAdvice,
                 "indhold") }),
        Rule(id: "A-7.3-1", section: "7.3", basis: .anbefaling, kind: .machine, target: .variant(.diaetbehandling),
             wording: """
                 Det anbefales, at forløbet med diætbehandling består af regelmæssige opfølgende samtaler med borgeren minimum hver 2.-3. \
                 måned … Behovet revurderes senest efter 12 måneder.
                 """,
             line: 1338, hint: "Angiv `opfølgning-hver-måneder:` (højst 3) og `revurdering-måneder:` (højst 12) under `ernæring:`.",
             fields: [.followUpEveryMonths, .reassessmentMonths], check: .module { f in
                 f.number(.followUpEveryMonths, in: 1...3, "der bør følges op mindst hver 2.-3. måned")
                     + f.number(.reassessmentMonths, in: 1...12, "behovet bør vurderes igen senest efter 12 måneder")
             }),
        Rule(id: "A-7.3-2", section: "7.3", basis: .anbefaling, kind: .machine, target: .variant(.diaetbehandling),
             wording: """
                 Det anbefales, at den første samtale foregår med fysisk fremmøde, så kropssammensætning kan vurderes, og andre fysiske og \
                 mentale tegn kan opdages.
                 """,
             line: 1342, hint: "Skriv `første-samtale-format: fremmøde` under `ernæring:`.",
             fields: [.firstConversationFormat], check: .module { f in
                 f.text(.firstConversationFormat) == "fremmøde" ? []
                     : [Issue(.firstConversationFormat,"den første samtale bør foregå ved fremmøde")]
             }),
        Rule(id: "A-8.2-2", section: "8.2", basis: .anbefaling, kind: .machine, target: .intervention(.alkohol),
             wording: """
                 Det anbefales, at den forebyggende samtale om alkohol indeholder flere (eller alle) af følgende elementer: [elleve \
                 elementer].
                 """,
             line: 1553, hint: "Skriv de elementer, samtalen indeholder, i `indhold:`.",
             fields: [.elements], check: .module { f in
                 f.module.elements.count >= 2
                     ? [] : [Issue(.elements,"samtalen bør indeholde flere af de elleve elementer; `indhold` har " +
                         "\(f.module.elements.count)")]
             }),
        Rule(id: "A-8.3-1", section: "8.3", basis: .anbefaling, kind: .machine, target: .intervention(.alkohol),
             wording: """
                 Det anbefales, at den forebyggende samtale om alkohol tilbydes både ved fysisk fremmøde samt virtuelt og også uden for \
                 almindelig arbejdstid.
                 """,
             line: 1588, hint: "Skriv `format: [fremmøde, digital]` og `tidspunkter: [dag, aften]`.",
             fields: [.formats, .timesOfDay], check: .module { f in
                 f.includes(.formats, ["fremmøde", "digital"], from: Vocabularies.formats, "format")
                     + (f.module.timesOfDay.contains { $0 == "aften" || $0 == "weekend" } ? []
                        : [Issue(.timesOfDay,"samtalen bør også kunne foregå uden for almindelig arbejdstid (aften eller weekend)")])
             }),
        Rule(id: "A-8.3-2", section: "8.3", basis: .anbefaling, kind: .machine, target: .intervention(.alkohol),
             wording: "Det anbefales, at der er tilbud om opfølgende samtale efter den forebyggende samtale om alkohol.",
             line: 1593, hint: "Skriv `opfølgende-samtale: true` under `afslutning:`.",
             fields: [.followUpConversation], check: .module { f in f.yes(.followUpConversation,
                 "der bør tilbydes en opfølgende samtale") }),
        Rule(id: "A-8.5-1", section: "8.5", basis: .anbefaling, kind: .machineAttest, target: .intervention(.alkohol),
             wording: """
                 Det anbefales, at forebyggende samtale om alkohol gennemføres af professionelle med social- eller sundhedsfaglig \
                 uddannelse (mellemlang videregående uddannelse eller tilsvarende kompetencer) …
                 """,
             line: 1649, hint: "Angiv fx sygeplejerske eller socialrådgiver i `personale:`.",
             fields: [.staff], check: .module { f in
                 f.staff { $0.healthMVU || $0.socialMVU }.isEmpty ? [Issue(.staff,"ingen social- eller sundhedsfaglig i `personale`")] : []
             }),
        organisation("A-9.1-1", section: "9.1", basis: .anbefaling, line: 1717, key: .indicators,
                     wording: """
                         Det anbefales, at kommunerne udarbejder indikatorer ud fra det samlede datasæt, samt at følgende uddata \
                         specifikation registreres af kommunerne: [fem dataelementer].
                         """),
        organisation("A-9.2-1", section: "9.2", basis: .anbefaling, line: 1803, key: .research,
                     wording: """
                         Det anbefales, at der genereres ny viden som grundlag for evaluering og tilpasning af indsatsernes indhold, \
                         målgruppe og tilrettelæggelse.
                         """),
    ]

    // MARK: - Other "skal" obligations a module or kommune.yml can show

    static let obligations: [Rule] = [
        Rule(id: "K-2.2-1", section: "2.2", basis: .skal, kind: .machineCatalog, target: .organisation,
             wording: "Den elektroniske henvisning skal anvendes efter gældende national standard (MedCom XREF15).",
             line: 251, hint: """
                 Angiv i kommune.yml under `modtager:` enhedens `navn` og dens `lokationsnummer` (EAN) eller `sor`, så læger kan henvise \
                 elektronisk.
                 """,
             settings: [.receiverName, .receiverEAN, .receiverSOR], check: .municipality { m in
                 var issues: [Issue] = []
                 if m.fields.text(MunicipalityKey.receiverName) == nil { issues.append(Issue(MunicipalityKey.receiverName,
                     "`modtager.navn` mangler: enheden, der modtager henvisninger")) }
                 if m.fields.text(MunicipalityKey.receiverEAN) == nil && m.fields.text(MunicipalityKey.receiverSOR) == nil {
                     issues.append(Issue(MunicipalityKey.receiver,"modtageren mangler `lokationsnummer` eller `sor`, som elektroniske " +
                         "henvisninger (XREF15) sendes til"))
                 }
                 return issues
             }),
        // The sentence is addressed to the municipality (l.270-271) and asks nothing of a module:
        // no rule may fail an offer for lacking what a registration on sundhed.dk might want.
        organisation("K-2.2-2", section: "2.2", basis: .skal, line: 270, key: .sundhedDK,
                     wording: """
                         Kommunerne skal understøtte, at almen praksis lokalt kender til de kommunale indsatser målrettet borgere med \
                         kronisk sygdom via sundhed.dk (SOFT-portalen).
                         """),
        organisation("K-2.2-3", section: "2.2", basis: .skal, line: 273, key: .contactAfterReferral,
                     wording: """
                         Kommunen skal kontakte borgeren hurtigst muligt efter at borgeren er blevet henvist eller selv har henvendt sig, \
                         for at afholde en afklarende samtale.
                         """),
        organisation("K-2.2-4", section: "2.2", basis: .skal, line: 279, key: .referrerFeedback,
                     wording: """
                         Henvisende part … skal modtage en tilbagemelding fra kommunen om, hvilke indsatser den henviste borger har fået \
                         tilbudt/gennemført.
                         """),
        organisation("K-3-1", section: "3", basis: .skal, line: 297, key: .coordination,
                     wording: """
                         … skal der være en gensidig opmærksomhed på koordinering [på tværs af forvaltninger og med almen praksis, \
                         speciallæger og sygehuse].
                         """),
        Rule(id: "K-3.1-2", section: "3.1", basis: .skal, kind: .machine, target: .interventions([.nikotinafvaenning, .alkohol]),
             wording: """
                 Borgere, der har behov for en forebyggende samtale om alkohol eller nikotinafvænning, skal som udgangspunkt ikke \
                 visiteres via en afklarende samtale, men henvises direkte.
                 """,
             line: 349, hint: "Skriv `direkte: true` under `adgang:`.",
             fields: [.directAccess], check: .module { f in f.yes(.directAccess,
                 "borgeren skal kunne starte direkte uden en afklarende samtale") }),
        Rule(id: "K-3.1-4", section: "3.1", basis: .skal, kind: .machine, target: .intervention(.afklarendeSamtale),
             wording: """
                 Den afklarende samtale skal … komme grundigt omkring fire gensidigt overlappende områder: funktionsevne, hverdagsliv, \
                 risikofaktorer og sygdomssituation.
                 """,
             line: 381, hint: "Skriv `indhold: [funktionsevne, hverdagsliv, risikofaktorer, sygdomssituation]`.",
             fields: [.elements], check: .module { f in f.includes(.elements, Elements.assessmentAreas.codes,
                 from: Elements.assessmentAreas, "områder") }),
        Rule(id: "K-3.1-6", section: "3.1", basis: .skal, kind: .machine, target: .intervention(.afklarendeSamtale),
             wording: "Den afklarende samtale afsluttes med, at der i fællesskab opstilles mål og udarbejdes en konkret og realistisk " +
                 "plan.",
             line: 423, hint: "Skriv `plan-med-mål: true`.",
             fields: [.planWithGoals], check: .module { f in f.yes(.planWithGoals, "samtalen skal ende med fælles mål og en plan") }),
        Rule(id: "K-3.2-1", section: "3.2", basis: .skal, kind: .attest, target: .allModules,
             wording: "Sundhedspædagogik er et tværgående element og skal indgå i den afklarende samtale og i alle indsatser.",
             line: 461, hint: "Beskriv i `sundhedspædagogik:`, hvordan tilbuddet tager udgangspunkt i borgerens motivation og mål.",
             fields: [.healthPedagogy], check: .module { f in f.declared(.healthPedagogy,
                 "hvordan tilbuddet bygger på borgerens egen motivation og mål") }),
        organisation("K-3.3-1", section: "3.3", basis: .skal, line: 553, key: .participation,
                     wording: "[Kommunen skal] følge, hvem der deltager, og hvem der ikke deltager, og afdække årsager til manglende " +
                         "deltagelse."),
        Rule(id: "K-3.5-2", section: "3.5", basis: .skal, kind: .machine, target: .allModules,
             wording: "Ved afslutning af forløbet sendes en status til borgerens egen læge, når borgeren har givet samtykke hertil.",
             line: 611, hint: "Skriv `status-til-egen-læge: true` under `afslutning:`.",
             fields: [.statusToGP], check: .module { f in f.yes(.statusToGP, "egen læge skal have en status, når borgeren siger ja") }),
        Rule(id: "K-5.2-3", section: "5.2", basis: .skal, kind: .machineAttest, target: .intervention(.nikotinafvaenning),
             wording: "Borgeren skal altid have grundig produktrådgivning om håndkøbsmedicin til nikotinafvænning …",
             line: 867, hint: "Skriv `produktrådgivning: apotek` eller `kommunal-rådgiver` under `nikotin:`.",
             fields: [.productAdvice], check: .module { f in f.declared(.productAdvice, "hvor borgeren får rådgivning om medicinen") }),
        Rule(id: "K-6.2-1", section: "6.2", basis: .skal, kind: .machineAttest, target: .variant(.vejledning),
             wording: """
                 Der skal være fokus på, hvad der kan motivere borgeren til at være fysisk aktiv, hvilke muligheder der er for at være \
                 fysisk aktiv og hvordan borgeren kan overkomme eventuelle barrierer.
                 """,
             line: 1004, hint: "Skriv `indhold: [motivation, aktivitetsmuligheder, barrierer]`.",
             fields: [.elements], check: .module { f in f.includes(.elements, Elements.activityGuidance.codes,
                 from: Elements.activityGuidance, "vejledningens fokus") }),
        Rule(id: "K-6.2-4", section: "6.2", basis: .skal, kind: .machineAttest, target: .variant(.superviseretTraening),
             wording: """
                 De superviserede træningsforløb skal tilrettelægges individuelt … Forløbet vil have varierende fokus på at øge kondition \
                 og/eller muskelstyrke og evt. balance.
                 """,
             line: 1046, hint: "Skriv træningens typer i `indhold:` (aerob, styrke, motorisk).",
             fields: [.elements], check: .module { f in
                 f.module.elements.isEmpty ? [Issue(.elements,"`indhold` mangler: om træningen er kondition, styrke og/eller balance")] : []
             }),
        Rule(id: "K-6.2-2", section: "6.2", basis: .skal, kind: .machine, target: .variant(.vejledning),
             wording: """
                 Der udarbejdes en plan med mål og delmål … Borgeren skal tilbydes en opfølgende samtale, hvor planen evalueres og \
                 justeres.
                 """,
             line: 1008, hint: "Skriv `plan-med-mål: true` og `opfølgende-samtale: true` under `afslutning:`.",
             fields: [.planWithGoals, .followUpConversation], check: .module { f in
                 f.yes(.planWithGoals, "der skal laves en plan med mål") + f.yes(.followUpConversation,
                     "borgeren skal tilbydes en opfølgende samtale")
             }),
        Rule(id: "K-6.3-1", section: "6.3", basis: .skal, kind: .machineAttest, target: .variant(.superviseretTraening),
             wording: "… Test ved start og afslutning skal foregå i samme omgivelser og med samme udstyr.",
             line: 1092, hint: "Beskriv i `test.omgivelser:`, hvor testene foregår.",
             fields: [.testSetting], check: .module { f in f.declared(.testSetting,
                 "at start- og sluttest foregår i samme omgivelser med samme udstyr") }),
        Rule(id: "K-6.4-1", section: "6.4", basis: .skal, kind: .machineAttest, target: .intervention(.fysiskAktivitet),
             wording: "Indsatsen skal altid tage udgangspunkt i gældende sygdomsspecifikke retningslinjer for fysisk aktivitet og træning.",
             line: 1118, hint: "Skriv retningslinjerne i `retningslinjer:`.",
             fields: [.guidelines], check: .module { f in f.list(.guidelines).isEmpty
                 ? [Issue(.guidelines,"`retningslinjer` mangler: de sygdomsspecifikke retningslinjer, tilbuddet bygger på")] : [] }),
        Rule(id: "K-8-1", section: "8", basis: .skal, kind: .machine, target: .intervention(.alkohol),
             wording: """
                 Den forebyggende samtale om alkohol skal tilbydes borgere, som henvises fra almen praksis, sygehus eller andre kommunale \
                 forvaltningsområder …
                 """,
             line: 1450, hint: "Skriv `henvisning-fra: [almen-praksis, sygehus, kommune]` under `adgang:`.",
             fields: [.referralSources], check: .module { f in f.includes(.referralSources, ["almen-praksis", "sygehus", "kommune"],
                 from: Vocabularies.referralSources, "henvisende parter") }),
        Rule(id: "K-8.2-2", section: "8.2", basis: .skal, kind: .machineAttest, target: .intervention(.alkohol),
             wording: """
                 Scorer borgeren 20 eller derover på AUDIT, eller har borgeren en samtidig psykisk lidelse …, henvises til \
                 alkoholbehandling.
                 """,
             line: 1529, hint: "Skriv `alkoholbehandling` i `alkohol.videre-henvisning:`.",
             fields: [.onwardReferral], check: .module { f in f.includes(.onwardReferral, ["alkoholbehandling"],
                 from: Vocabularies.onwardReferral, "videre henvisning") }),
        Rule(id: "K-8.2-3", section: "8.2", basis: .skal, kind: .attest, target: .intervention(.alkohol),
             wording: """
                 Ved graviditet og positiv screening for skadeligt forbrug eller afhængighed skal borgeren, med samtykke, henvises til \
                 både familieambulatorium og alkoholbehandling.
                 """,
             line: 1540, hint: "Beskriv i `alkohol.gravide:`, hvad I gør.",
             fields: [.pregnant], check: .module { f in f.declared(.pregnant, "hvad I gør, hvis en gravid screener positivt") }),
        organisation("K-9.1-1", section: "9.1", basis: .skal, line: 1689, key: .monitoring,
                     wording: "[Kommunerne skal] følge og dokumentere borgernes behov, indsatser og gennemførte forløb systematisk."),
        organisation("K-9.1-4", section: "9.1", basis: .skal, line: 1790, key: .fsiiiReporting,
                     wording: """
                         Kommunerne skal registrere borgernes tilstande, indsatser og supplerende oplysninger i Fælles Sprog III og \
                         indberette til FK-Gateway.
                         """),
    ]

    // MARK: - Shared shapes

    static func healthProfessional(_ f: ModuleFacts) -> [Issue] {
        f.staff { $0.healthMVU }.isEmpty
            ? [Issue(.staff,"ingen sundhedsprofessionel (mellemlang videregående sundhedsfaglig uddannelse) i `personale`")] : []
    }

    static func catalogOffers(_ id: String, section: String, line: Int, _ intervention: Intervention, wording: String) -> Rule {
        Rule(id: id, section: section, basis: .krav, kind: .machineCatalog, target: .catalog, wording: wording, line: line,
             hint: "Opret mindst ét tilbud med `indsats: \(intervention.rawValue)`.", fields: [.intervention],
             check: .municipality { m in
                 m.modules.contains { $0.intervention == intervention } ? []
                     : [Issue.whole("kommunen har intet tilbud om \(intervention.label.lowercased())")]
             })
    }

    static func missingVariants(_ m: Municipality, _ variants: [Variant]) -> [Issue] {
        let offered = Set(m.modules.compactMap(\.variant))
        let missing = variants.filter { !offered.contains($0) }
        return missing.isEmpty
            ? [] : [Issue.whole("kommunen mangler tilbud med: \(missing.map { $0.label.lowercased() }.joined(separator: ", "))")]
    }

    static func organisation(_ id: String, section: String, basis: Basis, line: Int, key: MunicipalityKey, wording: String) -> Rule {
        let help = Schema.field(key.path)?.help ?? ""
        return Rule(id: id, section: section, basis: basis, kind: .organisation, target: .organisation, wording: wording, line: line,
                    hint: "Beskriv i kommune.yml under `\(key.path):`. \(help)", settings: [key],
                    check: .municipality { m in
                        m.fields.text(key) == nil ? [Issue(key, "`\(key.path)` mangler i kommune.yml: \(help.lowercasedFirst)")] : []
                    })
    }
}
