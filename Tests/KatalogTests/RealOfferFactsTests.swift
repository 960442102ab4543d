import Foundation
import KatalogCLI
import KatalogCore
import KatalogSupport
import KatalogLoad
@testable import KatalogExport
import Testing

/// Issue 18's "Done when": each of the 15 real offers of `Tests/RealOffers/` (one record each in
/// `shared/real-offers/facts.jsonl`) shows the facts of its record on its module page and carries them in
/// its SOFT record, fact by fact; and what the record says is unknown, page and export do not state.
/// Facts that deliberately have no key (`Tests/RealOffers/GAPS.md`) are asserted on the page where the
/// body says them, and not in the export.
@Suite("Real offers' facts")
struct RealOfferFactsTests {
    /// One record's facts as its module's page and SOFT record must show them.
    struct Offer: Sendable, CustomTestStringConvertible {
        /// The record's id in facts.jsonl.
        let record: String
        /// `kommune/modul`: the page is `<modul_id>.html`.
        let module: String
        /// Exact HTML fragments the page must have, one fact (or a part of one) each.
        let shown: [String]
        /// Fragments the page must not have: a fact the record leaves unknown stays unstated.
        let notShown: [String]
        /// SOFT fields and their values (`nil` values: not stated).
        let soft: [String: SOFT.Value]
        /// SOFT fields compared by their CSV text (places, follow-up).
        let softCSV: [String: String]

        var testDescription: String { "\(record) \(module)" }
    }

    /// The built site and the SOFT records, made once for every offer.
    struct Built: Sendable {
        let code: Int32
        let errors: String
        let output: String
        let records: [String: SOFTRecord]
    }

    static let built: Built = {
        _ = fixedToday
        let output = builtOutput
        atexit { try? FileManager.default.removeItem(atPath: builtOutput) }
        let console = Console(capture: true)
        let code = Katalog.run(["build", "--content", RealOffersTests.folder, "--output", output, "--templates", templates,
                                "--allow-errors"], console: console)
        let records = (try? ContentLoader().load(root: RealOffersTests.folder)).map { Exporter().records($0) } ?? []
        let byID = Dictionary(uniqueKeysWithValues: records.compactMap { record -> (String, SOFTRecord)? in
            if case .text(let id?) = record["modul_id"] { return (id, record) } else { return nil } })
        return Built(code: code, errors: "\(console.errors)", output: output, records: byID)
    }()

    static func page(_ path: String) throws -> String {
        try String(contentsOfFile: built.output + "/" + path, encoding: .utf8)
    }

    // Fragments every offer's page writes the same way.
    static let free = "<dt>Pris</dt><dd>Gratis</dd>"
    static let priceNotStated = "<dt>Pris</dt><dd>Kontakt os om prisen</dd>"
    static let noReferrers = "<p>Tilbuddet oplyser ikke, hvem der kan henvise til det."
    static let selfReferral = "<p>Du kan selv kontakte os. Du behøver ikke en henvisning.</p>"
    static let direct = "<p>Du kan starte direkte. Du skal ikke først til en afklarende samtale.</p>"
    static let inPerson = "<dt>Sådan foregår det</dt><dd>Du møder op. </dd>"
    static let team = "<dt>Form</dt><dd>På hold. </dd>"
    static let alone = "<dt>Form</dt><dd>Alene med en medarbejder. </dd>"
    static let gp = "Egen læge (almen praksis)"
    static let smokers = "Rygere og andre, der bruger tobak eller nikotin"
    static let glostrupCourse = "<p class=\"course\">Tilbuddet er en del af forløbet "
        + "<a href=\"../glostrup/forloebsprogram-type-2-diabetes.html\">Forløbsprogram for type 2-diabetes</a>.</p>"
    static func diagnosis(_ slug: String, _ label: String) -> String { "<li><a href=\"../diagnose/\(slug).html\">\(label)</a></li>" }
    static func referrers(_ labels: String...) -> String { "<p>Du kan blive henvist af: " + labels.map { $0 + ". " }.joined() + "</p>" }
    /// What no record states: language, interpreter, accessibility, waiting time, team starts, an end date.
    static let neverStated = ["<dt>Sprog</dt>", "<dt>Tolk</dt>", "Adgangsforhold:", "<dt>Ventetid</dt>", "<dt>Næste hold</dt>",
                              "<dt>Slutter</dt>"]
    static let neverExported: [String: SOFT.Value] = ["sprog": .statedTexts(nil), "tolk": .flag(nil), "ventetid_uger": .text(nil),
                                                      "holdstart": .statedTexts(nil), "gyldig_til": .date(nil), "projekt_slut": .date(nil),
                                                      "medicin_udleveres": .flag(nil), "via_afklarende_samtale": .flag(nil)]

    static let offers: [Offer] = [
        Offer(record: "offer-001", module: "hedensted/kol-gruppeforloeb",
              shown: ["<dt>Omfang</dt><dd>2 gange om ugen i 8 uger, 120 minutter hver gang</dd>",
                      "<dt>Pladser</dt><dd>ca. 8 pladser på hvert hold.</dd>", team, inPerson,
                      // The individual talk before the group and its tests (no key shows `test.start`: see the report).
                      "<p>Først har du en samtale alene med en medarbejder. Her bliver du vejet, du går en gangtest, og vi måler din lungefunktion.</p>",
                      "Du møder en sygeplejerske, en fysioterapeut, en klinisk diætist og en ergoterapeut.",
                      referrers(gp, "Sygehus"), selfReferral, "<p>Sundhedskonsulenten i Sundhedshuset<br></p>",
                      diagnosis("kol", "KOL"), free, "<p>Sundhedshuset<br>Ny Skolegade 4, 8723 Løsning</p>",
                      "<li>3 måneder efter forløbet: Opfølgning i gruppen.</li><li>12 måneder efter forløbet: Opfølgning i gruppen.</li>",
                      "<li>Alder: 18 år eller ældre.</li><li>Du skal bo i Hedensted Kommune.</li><li>Du kan selv komme frem og tilbage</li>",
                      "<dt>Hvem kan ikke deltage</dt><dd><ul><li>borgere, der har svært ved dansk</li><li>borgere, der har et aktuelt misbrug</li></ul></dd>"],
              notShown: ["<dt>Tilskud</dt>", "<dt>Anonymt</dt>", "<dt>Hvem står for det</dt>"],
              soft: ["uger": .number(8), "gange_pr_uge": .number(2), "minutter": .number(120), "pladser_pr_hold": .text("ca. 8"),
                     "omfang": .text("2 gange om ugen i 8 uger, 120 minutter hver gang"), "form": .texts(["På hold"]),
                     "format": .texts(["Du møder op"]), "henvisning_fra": .texts([gp, "Sygehus"]), "egen_henvendelse": .flag(true),
                     "diagnoser": .texts(["KOL"]), "pris": .text("Gratis"), "gratis": .flag(true), "alder_fra": .number(18),
                     "alder_til": .number(nil), "bopæl": .text("Du skal bo i Hedensted Kommune."),
                     "kriterier": .statedTexts(["Du kan selv komme frem og tilbage"]),
                     "ikke_for": .statedTexts(["borgere, der har svært ved dansk", "borgere, der har et aktuelt misbrug"]),
                     "tilskud": .text(nil), "anonym": .flag(nil), "udbyder": .text(nil), "status": .text(nil), "projekt": .flag(nil)],
              softCSV: ["steder": "Sundhedshuset, Ny Skolegade 4, 8723 Løsning",
                        "opfølgning": "3 måneder efter forløbet: Opfølgning i gruppen. | 12 måneder efter forløbet: Opfølgning i gruppen."]),
        Offer(record: "offer-005", module: "holstebro/praediabeteskursus",
              shown: ["<dt>Type</dt><dd><a href=\"../indsats/andet.html\">Andre tilbud</a></dd>",
                      // No test at the start: the GP's referral carries the values.
                      "Lægen skriver dine værdier for HbA1c eller fasteblodsukker i henvisningen.",
                      referrers(gp), selfReferral,
                      "Din egen læge kan henvise dig med en korrespondance, et brev eller en elektronisk henvisning.",
                      diagnosis("praediabetes", "Prædiabetes"), "<li>HbA1c fra 42 til under 48 mmol/mol</li>",
                      "<dt>Hvor</dt><dd><p>Holstebro Sundhedscenter</p></dd>",
                      "<dt>Hvem står for det</dt><dd>Sundhedsfremme og Forebyggelse.</dd>",
                      "<dt>Projekt</dt><dd>Tilbuddet er et tidsbegrænset projekt.</dd>", priceNotStated,
                      "Kurset handler om mad og om fysisk aktivitet."],
              notShown: [free, "<dt>Omfang</dt>", "<dt>Form</dt>", "<dt>Sådan foregår det</dt>", "id=\"opfoelgning\"", "class=\"notice\""],
              soft: ["indsats": .text("andet"), "indsats_navn": .text("Andet tilbud"), "uger": .number(nil), "gange_pr_uge": .number(nil),
                     "minutter": .number(nil), "omfang": .text(nil), "form": .texts([]), "format": .texts([]),
                     "henvisning_fra": .texts([gp]), "egen_henvendelse": .flag(true), "diagnoser": .texts(["Prædiabetes"]),
                     "kriterier": .statedTexts(["HbA1c fra 42 til under 48 mmol/mol"]), "pris": .text(nil), "gratis": .flag(nil),
                     "udbyder": .text("Sundhedsfremme og Forebyggelse"), "udbyder_ekstern": .flag(nil), "projekt": .flag(true),
                     "status": .text(nil), "opfølgning": .followUps([])],
              softCSV: ["steder": "Holstebro Sundhedscenter"]),
        Offer(record: "offer-008", module: "holbaek/kort-raadgivende-samtale-om-alkohol",
              shown: [alone, inPerson, "Kommunens medarbejdere kan stille dig tre små spørgsmål om alkohol.",
                      referrers("Andre afdelinger i kommunen"), direct,
                      "<dt>Hvem er det for?</dt><dd>Borgere, der drikker for meget, og deres pårørende.</dd>",
                      "<dt>Målgruppe</dt><dd><ul class=\"inline\">" + diagnosis("alkoholforbrug", "Borgere, der vil ændre deres alkoholvaner")
                        + diagnosis("paaroerende", "Pårørende") + "</ul></dd>", free,
                      "<p>Sundhedscentret<br>Holbæk</p>", "<dt>Anonymt</dt><dd>Du kan deltage anonymt.</dd>"],
              // Self-referral is only implied; who holds the talks is not said; no follow-up.
              notShown: [selfReferral, "alkoholbehandler", "id=\"opfoelgning\""],
              soft: ["form": .texts(["Alene med en medarbejder"]), "format": .texts(["Du møder op"]),
                     "henvisning_fra": .texts(["Andre afdelinger i kommunen"]), "direkte_adgang": .flag(true),
                     "egen_henvendelse": .flag(nil), "målgruppe": .text("Borgere, der drikker for meget, og deres pårørende."),
                     "kræver_kronisk_sygdom": .flag(false), "diagnoser": .texts(["Borgere, der vil ændre deres alkoholvaner", "Pårørende"]),
                     "pris": .text("Gratis"), "gratis": .flag(true), "anonym": .flag(true), "opfølgning": .followUps([])],
              softCSV: ["steder": "Sundhedscentret, Holbæk"]),
        Offer(record: "offer-010", module: "langeland/afklarende-sundhedssamtale",
              shown: [alone, "<dt>Sådan foregår det</dt><dd>Over telefonen. Du møder op. </dd>",
                      "Samtalen foregår i telefonen. Har du brug for det, kan I mødes ansigt til ansigt.",
                      referrers(gp, "Sygehus"),
                      diagnosis("kol", "KOL") + diagnosis("hjerte-kar-sygdom", "Hjerte-kar-sygdom") + diagnosis("type-2-diabetes", "Type 2-diabetes"),
                      "I samtalen finder I ud af, hvilke udfordringer og ressourcer du har.",
                      "Sammen lægger I en plan for dit videre forløb.",
                      "Det kan fx være et forløb om at leve med sygdommen, rygestop, fysisk træning, hjælp til mad eller alkoholbehandling.",
                      "Kommunen følger op, hvis du har brug for det.", priceNotStated],
              // The follow-up "efter behov" is not a follow-up after a course (GAPS.md): not under "Opfølgning efter forløbet".
              notShown: [free, "<dt>Hvor</dt>", "id=\"opfoelgning\"", selfReferral],
              soft: ["form": .texts(["Alene med en medarbejder"]), "format": .texts(["Over telefonen", "Du møder op"]),
                     "henvisning_fra": .texts([gp, "Sygehus"]), "egen_henvendelse": .flag(nil),
                     "diagnoser": .texts(["KOL", "Hjerte-kar-sygdom", "Type 2-diabetes"]), "pris": .text(nil), "gratis": .flag(nil),
                     "steder": .places([]), "opfølgning": .followUps([])],
              softCSV: [:]),
        Offer(record: "offer-013", module: "roedovre/roedovre-kvitter-smoegerne",
              shown: ["<dt>Omfang</dt><dd>7 gange i alt</dd>", "<dt>Hvornår</dt><dd>Om aftenen. </dd>", team,
                      "Du er i en mindre gruppe med din egen faste rådgiver.",
                      "<dt>Sådan foregår det</dt><dd>Du møder op. Over telefonen. </dd>",
                      "Så kan Stoplinien ringe dig op, når du har sendt en sms.",
                      "Rådgiverne er professionelle rygestoprådgivere.", selfReferral, direct,
                      "Du melder dig selv til på rk.dk/rygestop.", diagnosis("rygere", smokers), free,
                      "<dt>Hvor</dt><dd><p>Rødovregaard<br>Kirkesvinget 1,"],
              // The weeks are only derived; medication is not mentioned in the excerpt.
              notShown: ["uger</dd>", "<dt>Medicin</dt>", "<dt>Tilskud</dt>"],
              soft: ["omfang": .text("7 gange i alt"), "uger": .number(nil), "tidspunkter": .texts(["Om aftenen"]),
                     "form": .texts(["På hold"]), "format": .texts(["Du møder op", "Over telefonen"]), "egen_henvendelse": .flag(true),
                     "direkte_adgang": .flag(true), "henvisning_fra": .texts([]), "diagnoser": .texts([smokers]),
                     "kræver_kronisk_sygdom": .flag(false), "pris": .text("Gratis"), "gratis": .flag(true), "tilskud": .text(nil)],
              softCSV: ["steder": "Rødovregaard, Kirkesvinget 1, Rødovre"]),
        Offer(record: "offer-016", module: "koebenhavn/online-rygestopkursus",
              shown: [team, "<dt>Sådan foregår det</dt><dd>Digitalt (video eller app). </dd>",
                      "Kurset ledes af kommunens professionelle rygestoprådgivere.", noReferrers, diagnosis("rygere", smokers),
                      "<dt>Tilskud</dt><dd>Du kan få tilskud til rygestopmedicin.</dd>", priceNotStated,
                      "<p>Du får råd om rygestopmedicin. Du kan også få tilskud til medicinen.</p>"],
              notShown: [free, "<dt>Hvor</dt>", selfReferral, direct, "<dt>Medicin</dt>"],
              soft: ["form": .texts(["På hold"]), "format": .texts(["Digitalt (video eller app)"]), "henvisning_fra": .texts([]),
                     "egen_henvendelse": .flag(nil), "direkte_adgang": .flag(nil), "diagnoser": .texts([smokers]),
                     "kræver_kronisk_sygdom": .flag(false), "tilskud": .text("Du kan få tilskud til rygestopmedicin."),
                     "pris": .text(nil), "gratis": .flag(nil), "steder": .places([])],
              softCSV: [:]),
        Offer(record: "offer-018", module: "aabenraa/rygestopforloeb-med-tilskud",
              shown: ["<dt>Tilskud</dt><dd>Du kan få tilskud til rygestopmedicin eller nikotinerstatning i op til 8 uger.</dd>",
                      "<dt>Form</dt><dd>På hold. Alene med en medarbejder. </dd>", "<dt>Pladser</dt><dd>10-12 pladser på hvert hold.</dd>",
                      selfReferral, "<dt>Hvem er det for?</dt><dd>Rygere, særligt storrygere.</dd>", diagnosis("rygere", smokers), free],
              // "op til 8 uger" is the subsidy's length, not the course's; the format is only assumed; no place.
              notShown: ["<dt>Omfang</dt>", "<dt>Sådan foregår det</dt>", "<dt>Hvor</dt>", "<dt>Medicin</dt>"],
              soft: ["uger": .number(nil), "omfang": .text(nil), "tilskud": .text("Du kan få tilskud til rygestopmedicin eller nikotinerstatning i op til 8 uger."),
                     "form": .texts(["På hold", "Alene med en medarbejder"]), "pladser_pr_hold": .text("10-12"), "format": .texts([]),
                     "egen_henvendelse": .flag(true), "målgruppe": .text("Rygere, særligt storrygere."), "pris": .text("Gratis"),
                     "gratis": .flag(true), "steder": .places([])],
              softCSV: [:]),
        Offer(record: "offer-022", module: "glostrup/traeningsforloeb-type-2-diabetes",
              shown: ["<dt>Omfang</dt><dd>2 gange om ugen i 12 uger, 60 minutter hver gang</dd>", team, inPerson,
                      referrers(gp, "Sygehus"), diagnosis("type-2-diabetes", "Type 2-diabetes"), free,
                      "<p>Fritidscenteret (i kælderen)<br>Glostrup</p>", glostrupCourse],
              notShown: ["id=\"opfoelgning\"", "<dt>Pladser</dt>"],
              soft: ["uger": .number(12), "gange_pr_uge": .number(2), "minutter": .number(60), "form": .texts(["På hold"]),
                     "format": .texts(["Du møder op"]), "henvisning_fra": .texts([gp, "Sygehus"]), "diagnoser": .texts(["Type 2-diabetes"]),
                     "pris": .text("Gratis"), "gratis": .flag(true), "forløb": .texts(["Forløbsprogram for type 2-diabetes"]),
                     "opfølgning": .followUps([])],
              softCSV: ["steder": "Fritidscenteret (i kælderen), Glostrup"]),
        Offer(record: "offer-023", module: "glostrup/kost-og-diaetkursus",
              shown: ["<dt>Omfang</dt><dd>I 9 uger</dd>",
                      "<p class=\"lead\">Et kost- og diætkursus på 9 uger og en diabetesskole på 4 uger for dig med type 2-diabetes.</p>",
                      referrers(gp, "Sygehus"), diagnosis("type-2-diabetes", "Type 2-diabetes"), free, "<dt>Hvor</dt><dd><p>Glostrup</p></dd>",
                      glostrupCourse],
              // "kursus" says neither team nor alone, and the format is only assumed.
              notShown: ["<dt>Form</dt>", "<dt>Sådan foregår det</dt>"],
              soft: ["uger": .number(9), "resume": .text("Et kost- og diætkursus på 9 uger og en diabetesskole på 4 uger for dig med type 2-diabetes."),
                     "form": .texts([]), "format": .texts([]), "henvisning_fra": .texts([gp, "Sygehus"]),
                     "diagnoser": .texts(["Type 2-diabetes"]), "pris": .text("Gratis"), "gratis": .flag(true),
                     "forløb": .texts(["Forløbsprogram for type 2-diabetes"])],
              softCSV: ["steder": "Glostrup"]),
        Offer(record: "offer-026", module: "randers/hjerterehabilitering-fase-2",
              shown: ["I teamet er der fysioterapeuter, en ergoterapeut, en diætist, en rygestoprådgiver, en sexologisk rådgiver og en sygeplejerske.",
                      "Sygeplejersken har 20 års erfaring med hjertesygdom og rehabilitering.",
                      referrers("Sygehus", gp), "Sygehuset henviser dig, når du bliver udskrevet. Det kaldes fase 2. Din egen læge kan henvise dig til fase 3.",
                      diagnosis("hjerte-kar-sygdom", "Hjerte-kar-sygdom"), priceNotStated, "<dt>Hvor</dt><dd><p>Randers Sundhedscenter</p></dd>"],
              notShown: [free, "<dt>Omfang</dt>", "<dt>Form</dt>", "<dt>Sådan foregår det</dt>"],
              soft: ["uger": .number(nil), "gange_pr_uge": .number(nil), "minutter": .number(nil), "omfang": .text(nil), "form": .texts([]),
                     "format": .texts([]), "henvisning_fra": .texts(["Sygehus", gp]), "diagnoser": .texts(["Hjerte-kar-sygdom"]),
                     "pris": .text(nil), "gratis": .flag(nil)],
              softCSV: ["steder": "Randers Sundhedscenter"]),
        Offer(record: "offer-029", module: "furesoe/kostvejledning-smaa-skridt",
              shown: ["Du får vejledning af en ernæringsvejleder. Vejledningen bygger på Sundhedsstyrelsens metode Små skridt.",
                      "Deltagere har fået resultater, som kan måles i centimeter, kilo og blodtryk.", referrers(gp),
                      "<li>Alder: 18 år eller ældre.</li><li>Risikotegn, som kommunen har aftalt med de praktiserende læger</li>",
                      "Også for borgere, der er i risiko for at få en kronisk sygdom.",
                      diagnosis("borgere-i-risiko", "Borgere i risiko for kronisk sygdom"), priceNotStated],
              notShown: [free, "<dt>Form</dt>", "<dt>Sådan foregår det</dt>", "<dt>Hvor</dt>"],
              soft: ["resume": .text("Kostvejledning for voksne, som egen læge henviser ud fra aftalte risikotegn. "
                                     + "Vejledningen bygger på Sundhedsstyrelsens Små skridt."),
                     "henvisning_fra": .texts([gp]), "alder_fra": .number(18),
                     "kriterier": .statedTexts(["Risikotegn, som kommunen har aftalt med de praktiserende læger"]),
                     "diagnoser": .texts(["Borgere i risiko for kronisk sygdom"]), "form": .texts([]), "format": .texts([]),
                     "pris": .text(nil), "gratis": .flag(nil),
                     "steder": .places([])],
              softCSV: [:]),
        Offer(record: "offer-031", module: "frederikshavn/diaetistvejledning-kol-rehabilitering",
              shown: [alone, "<dt>Hvem er det for?</dt><dd>Borgere med KOL, som er med i kommunens KOL-rehabilitering.</dd>",
                      "får du vejledning om mad alene med en diætist.", "I rehabiliteringen møder du også en KOL-sygeplejerske og fysioterapeuter.",
                      "Før var der kun to fælles undervisningsgange med diætisten midt i forløbet.", noReferrers,
                      diagnosis("kol", "KOL"), priceNotStated],
              // "Frederikshavn Kommune" names no place; referral is unknown.
              notShown: [free, "<dt>Hvor</dt>", "<dt>Sådan foregår det</dt>", selfReferral],
              soft: ["form": .texts(["Alene med en medarbejder"]), "format": .texts([]),
                     "målgruppe": .text("Borgere med KOL, som er med i kommunens KOL-rehabilitering."), "henvisning_fra": .texts([]),
                     "egen_henvendelse": .flag(nil), "diagnoser": .texts(["KOL"]), "pris": .text(nil), "gratis": .flag(nil),
                     "steder": .places([])],
              softCSV: [:]),
        Offer(record: "offer-032", module: "vesthimmerland/laer-at-tackle",
              shown: [team, "<dt>Sådan foregår det</dt><dd>Du møder op. Digitalt (video eller app). </dd>",
                      "Kurset om angst og depression findes også online.",
                      "Kurserne holdes af frivillige instruktører. De har selv erfaring med det, kurset handler om.",
                      "<dt>Sygdomme</dt><dd><ul class=\"inline\">" + diagnosis("kroniske-smerter", "Kroniske smerter")
                        + diagnosis("angst-og-depression", "Angst og depression") + "</ul></dd>",
                      // Relatives are a target group, not a disease.
                      "<dt>Målgruppe</dt><dd><ul class=\"inline\">" + diagnosis("paaroerende", "Pårørende") + "</ul></dd>",
                      "pårørende til langvarigt syge.</dd>", "<li>hverdagen som pårørende til en, der er syg i lang tid</li>",
                      noReferrers, priceNotStated, "<dt>Hvor</dt><dd><p>Sundhedscentret, Vesthimmerlands Kommune</p></dd>"],
              // The usual Lær at Tackle length is not the municipality's text.
              notShown: [free, "<dt>Omfang</dt>", selfReferral],
              soft: ["form": .texts(["På hold"]), "format": .texts(["Du møder op", "Digitalt (video eller app)"]),
                     "diagnoser": .texts(["Kroniske smerter", "Angst og depression", "Pårørende"]),
                     "målgruppe": .text("Borgere med kroniske smerter, borgere med angst og depression, og pårørende til langvarigt syge."),
                     "henvisning_fra": .texts([]), "egen_henvendelse": .flag(nil), "omfang": .text(nil), "uger": .number(nil),
                     "pris": .text(nil), "gratis": .flag(nil)],
              softCSV: ["steder": "Sundhedscentret, Vesthimmerlands Kommune"]),
        Offer(record: "offer-035", module: "vallensbaek/kolkor",
              shown: ["<dt>Type</dt><dd><a href=\"../indsats/andet.html\">Andre tilbud</a></dd>", "<dt>Omfang</dt><dd>1 gang om ugen</dd>",
                      team, inPerson, selfReferral, "Du melder dig selv på mail eller telefon.",
                      diagnosis("kol", "KOL") + diagnosis("astma", "Astma") + diagnosis("anden-lungesygdom", "Anden lungesygdom"),
                      free, "<dt>Hvor</dt><dd><p>Vallensbæk Kultur- og Borgerhus / Rådhus</p></dd>",
                      "Koret er et løbende tilbud uden en fast slutdato."],
              notShown: ["uger</dd>", "<dt>Start</dt>"],
              soft: ["indsats": .text("andet"), "gange_pr_uge": .number(1), "uger": .number(nil), "omfang": .text("1 gang om ugen"),
                     "form": .texts(["På hold"]), "format": .texts(["Du møder op"]), "egen_henvendelse": .flag(true),
                     "diagnoser": .texts(["KOL", "Astma", "Anden lungesygdom"]), "pris": .text("Gratis"), "gratis": .flag(true)],
              softCSV: ["steder": "Vallensbæk Kultur- og Borgerhus / Rådhus"]),
        Offer(record: "offer-037", module: "loekken-vraa/motion-paa-recept",
              shown: ["<a href=\"../loekken-vraa/index.html\">Løkken-Vrå Kommune</a>", alone,
                      "Så får du en sundhedssamtale med en fysioterapeut.", "<p>Du skal henvises, fx af din egen læge.</p>", referrers(gp),
                      "<dt>Hvem er det for?</dt><dd>Personer, som lægen vurderer vil få gavn af det for deres helbred.</dd>",
                      priceNotStated, "<dt>Hvor</dt><dd><p>Sund By, Løkken-Vrå</p></dd>",
                      "<dt>Hvem står for det</dt><dd>I samarbejde med Nordjyllands Amt.</dd>",
                      "<p class=\"notice\"><strong>Tilbuddet er ophørt.</strong></p>",
                      "<dt>Projekt</dt><dd>Tilbuddet er et tidsbegrænset projekt.</dd>"],
              notShown: [free, "<dt>Sådan foregår det</dt>", selfReferral, "Det sluttede"],
              soft: ["kommune": .text("Løkken-Vrå Kommune"), "kommunekode": .code("0860"), "form": .texts(["Alene med en medarbejder"]),
                     "format": .texts([]), "henvisning_fra": .texts([gp]), "egen_henvendelse": .flag(false),
                     "målgruppe": .text("Personer, som lægen vurderer vil få gavn af det for deres helbred."),
                     "pris": .text(nil), "gratis": .flag(nil), "udbyder": .text(nil), "udbyder_samarbejde": .statedTexts(["Nordjyllands Amt"]),
                     "status": .text("ophørt"), "projekt": .flag(true)],
              softCSV: ["steder": "Sund By, Løkken-Vrå"]),
    ]

    @Test("the table holds each of the 15 records once, and each of the catalog's modules")
    func everyRecord() {
        #expect(Self.offers.count == 15)
        #expect(Set(Self.offers.map(\.record)).count == 15)
        #expect(Set(Self.offers.map(\.module)) == Set(Self.built.records.keys), "\(Self.built.records.keys.sorted())")
    }

    @Test("each offer's page shows its record's facts, and its SOFT record carries them; unknown facts are stated nowhere",
          arguments: RealOfferFactsTests.offers)
    func facts(_ offer: Offer) throws {
        let built = Self.built
        #expect(built.code == 0, "\(built.errors)")
        let page = try Self.page(offer.module + ".html")
        for fragment in offer.shown {
            #expect(page.contains(fragment), "\(offer.module): missing \(fragment)")
        }
        for fragment in offer.notShown + Self.neverStated {
            #expect(!page.contains(fragment), "\(offer.module): states \(fragment)")
        }
        let record = try #require(built.records[offer.module])
        #expect(record["modul_id"] == .text(offer.module))
        for (field, value) in offer.soft.merging(Self.neverExported, uniquingKeysWith: { own, _ in own }) {
            #expect(record[field] != nil, "\(field) is no SOFT field")
            #expect(record[field] == value, "\(offer.module) \(field): \(String(describing: record[field]))")
        }
        for (field, line) in offer.softCSV {
            #expect(record[field]?.csv == line, "\(offer.module) \(field): \(record[field]?.csv ?? "no field")")
        }
    }

    @Test("Glostrup's forløbsprogram is a course of its parts: its page, each part's page, SOFT and forloeb.json")
    func glostrupCourse() throws {
        let built = Self.built
        #expect(built.code == 0, "\(built.errors)")
        let course = try Self.page("glostrup/forloebsprogram-type-2-diabetes.html")
        #expect(course.contains("<h1>Forløbsprogram for type 2-diabetes</h1>"))
        let training = try #require(course.range(of:
            "<h3><a href=\"../glostrup/traeningsforloeb-type-2-diabetes.html\">12-ugers træningsforløb for borgere med type 2-diabetes</a></h3>"))
        let diet = try #require(course.range(of: "<h3><a href=\"../glostrup/kost-og-diaetkursus.html\">Kost- og diætkursus og diabetesskole</a></h3>"))
        #expect(training.lowerBound < diet.lowerBound)
        #expect(course.contains("<li>træning på hold i 12 uger</li>\n<li>et kost- og diætkursus på 9 uger</li>\n<li>en diabetesskole på 4 uger</li>"))
        #expect(course.contains(Self.free))
        #expect(course.contains(Self.diagnosis("type-2-diabetes", "Type 2-diabetes")))
        #expect(!course.contains("Næste hold"), "no team start is given")
        let data = try Data(contentsOf: URL(fileURLWithPath: built.output + "/eksport/forloeb.json"))
        let courses = try #require((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["forløb"] as? [[String: Any]])
        let glostrup = try #require(courses.first { $0["forløb_id"] as? String == "glostrup/forloebsprogram-type-2-diabetes" })
        #expect(courses.count == 1)
        #expect(glostrup["dele"] as? [String] == ["glostrup/traeningsforloeb-type-2-diabetes", "glostrup/kost-og-diaetkursus"])
        #expect(glostrup["pris"] as? String == "Gratis" && glostrup["gratis"] as? Bool == true)
        #expect(glostrup["diagnoser"] as? [String] == ["Type 2-diabetes"])
        for key in ["holdstart", "ventetid_uger", "målgruppe"] { #expect(glostrup[key] is NSNull, "\(key) is not stated") }
        let others = built.records.filter { !$0.key.hasPrefix("glostrup/") }
        #expect(others.values.allSatisfy { $0["forløb"] == .texts([]) }, "no other offer is part of a course")
    }
}

/// Where the real offers' site is built for these tests (removed when the test process ends).
private let builtOutput = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-real-facts-\(getpid())").path
