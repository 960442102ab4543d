import KatalogSupport

/// The front-matter contract as data: every key an author may write, its type, and a Danish
/// explanation (shown in messages, in the author guide and by `katalog new`).
/// Adding a field touches this table and, if code needs it typed, one accessor on `Module`.
public struct Field: Sendable {
    public indirect enum Kind: Sendable {
        case text
        case bool
        case integer
        /// A number as offers state it: `8`, `8-12`, `ca. 13` (see `Quantity`).
        case quantity
        case date
        /// ISO dates (`[2027-02-01, 2027-08-16]`).
        case dates
        case code(Vocabulary)
        case codes(Vocabulary)
        case texts
        case map([Field])
        case records([Field])
    }

    public let key: String
    public let kind: Kind
    public let help: String

    public init(_ key: String, _ kind: Kind, _ help: String) {
        self.key = key
        self.kind = kind
        self.help = help
    }

    /// Danish name of the type, for "forkert type" messages.
    public var typeName: String {
        switch kind {
        case .text: "tekst"
        case .bool: "ja/nej (true eller false)"
        case .integer: "et helt tal"
        case .quantity: "et tal eller et interval, fx 8 eller 8-12"
        case .date: "en dato (ÅÅÅÅ-MM-DD)"
        case .dates: "en liste med datoer (ÅÅÅÅ-MM-DD), fx [2027-02-01, 2027-08-16]"
        case .code(let v): "én af: \(v.codes.joined(separator: ", "))"
        case .codes(let v): "en liste med koder fra: \(v.codes.joined(separator: ", "))"
        case .texts: "en liste med tekster"
        case .map: "en gruppe af felter (nøgle: værdi)"
        case .records: "en liste af grupper (- navn: …)"
        }
    }
}

public enum Schema {
    /// The field at a dotted path (`test.slut`, `steder.navn` for a record's field), in the module
    /// schema or else in kommune.yml's.
    public static func field(_ path: String) -> Field? {
        for schema in [module, municipality, course, catalog] {
            var fields = schema
            var found: Field?
            for key in path.split(separator: ".").map(String.init) {
                guard let field = fields.first(where: { $0.key == key }) else { found = nil; break }
                found = field
                switch field.kind {
                case .map(let children), .records(let children): fields = children
                default: fields = []
                }
            }
            if let found { return found }
        }
        return nil
    }

    static let textPlace = [
        Field("navn", .text, "Stedets navn, fx Sundhedscenter Fjordby."),
        Field("adresse", .text, "Vej og nummer."),
        Field("postnummer", .text, "Postnummer med fire cifre."),
        Field("by", .text, "By."),
        Field("tilgængelighed", .text, "Adgangsforhold på stedet med borgerens ord, fx Elevator og handicaptoilet."),
    ]
    static let contact = [
        Field("navn", .text, "Navn på kontaktperson eller team."),
        Field("telefon", .text, "Telefonnummer, fx 86 12 34 56."),
        Field("e-mail", .text, "E-mailadresse."),
        Field("adresse", .text, "Postadresse."),
        Field("åbningstid", .text, "Hvornår man kan ringe, fx Hverdage kl. 8-12."),
    ]

    /// The keys of one module file's front matter.
    public static let module: [Field] = [
        Field("titel", .text, "Tilbuddets navn på klart dansk."),
        Field("resume", .text, "Én eller to korte sætninger til borgeren om, hvad tilbuddet er."),
        Field("indsats", .code(Vocabularies.interventions), "Hvilken af de seks indsatser modulet hører til (§2.1)."),
        Field("variant", .code(Vocabularies.variants), "Variant for fysisk aktivitet (§6.1) og ernæring (§7.1)."),
        Field("indhold", .codes(Vocabularies.allElements), "Indsatsens indholdselementer, som standarden nævner dem."),
        Field("målgruppe", .map([
            Field("diagnoser", .codes(Vocabularies.diagnoses), "Hvilke kroniske sygdomme tilbuddet er for (§2.1)."),
            Field("kræver-kronisk-sygdom", .bool, "Skal borgeren have en kronisk sygdom? For nikotin og alkohol: nej (§2.1)."),
            Field("i-risiko", .bool, "Også for borgere i risiko for kronisk sygdom (kun fysisk aktivitet og ernæring)."),
            Field("beskrivelse", .text, "Hvem tilbuddet er for, med borgerens ord."),
            Field("ernæring", .codes(Vocabularies.dietGroups), "Målgrupper for diætbehandling (§7.1)."),
            Field("særlige-hensyn", .text, "Grupper, der får særlig opmærksomhed, fx alder, køn, etnicitet (§4.2)."),
            Field("socialt-udsatte", .bool, "Er tilbuddet rettet mod borgere i social udsat position (§5.5)?"),
            Field("alder-fra", .integer, "Den laveste alder i år, man kan deltage fra, fx 18. Slet linjen, hvis der ikke er en grænse."),
            Field("alder-til", .integer, "Den højeste alder i år, man kan deltage med, fx 65. Slet linjen, hvis der ikke er en grænse."),
            Field("bopæl", .text, "Krav om, hvor borgeren skal bo, med borgerens ord, fx Du skal bo i Fjordby Kommune."),
            Field("kriterier", .texts, "Hvad borgeren skal opfylde for at deltage, med ord, fx HbA1c over 48, GOLD 2-4."),
            Field("ikke-for", .texts, "Hvem tilbuddet ikke er for, med ord, fx Borgere med aktivt misbrug."),
        ]), "Hvem tilbuddet er for."),
        Field("adgang", .map([
            Field("henvisning-fra", .codes(Vocabularies.referralSources), "Hvem kan henvise (§3.1, §8)."),
            Field("egen-henvendelse", .bool, "Kan borgeren selv henvende sig (§2.2, §3.1)?"),
            Field("direkte", .bool, "Kan borgeren starte direkte, uden en afklarende samtale først (§3.1, §8.1)?"),
            Field("via-afklarende-samtale", .bool, "Kan borgeren komme hertil efter en afklarende samtale?"),
            Field("kontakt-inden-dage", .quantity, "Hvor mange hverdage der højst går, før kommunen kontakter borgeren (§2.2)."),
            Field("ventetid-uger", .quantity, "Hvor mange uger borgeren typisk venter fra henvisning til start, fx 4, 2-6 eller ca. 8."),
        ]), "Hvordan borgeren kommer i gang."),
        Field("form", .codes(Vocabularies.forms), "På hold og/eller individuelt. To værdier betyder, at borgeren kan vælge (§3.4)."),
        Field("format", .codes(Vocabularies.formats), "Hvordan tilbuddet foregår (§3.4)."),
        Field("tidspunkter", .codes(Vocabularies.timesOfDay), "Hvornår på døgnet tilbuddet foregår (§4.2, §8.3)."),
        Field("optag", .code(Vocabularies.intakes), "Løbende optag eller faste holdstarter."),
        Field("holdstart", .dates, "Datoerne, hvor de næste hold starter. Datoer, der er gået, vises ikke."),
        Field("pladser-pr-hold", .quantity, "Hvor mange pladser der er på hvert hold, fx 12 eller 10-12."),
        Field("omfang", .map([
            Field("uger", .quantity, "Forløbets længde i uger."),
            Field("gange-pr-uge", .quantity, "Antal gange om ugen."),
            Field("minutter", .quantity, "Varighed af én gang i minutter."),
            Field("lektioner", .quantity, "Antal lektioner eller samtaler i alt."),
            Field("deltagere-pr-instruktør", .quantity, "Antal deltagere pr. instruktør (§6.3)."),
            Field("holdstørrelse", .quantity, "Højst antal deltagere på holdet."),
        ]), "Hvor meget og hvor længe."),
        Field("intensitet", .code(Vocabularies.intensities), "Træningens intensitet (§6.3)."),
        Field("intensitet-begrundelse", .text, "Hvorfor intensiteten er lavere end moderat, hvis den er det (§6.3)."),
        Field("test", .map([
            Field("start", .text, "Testen ved forløbets start (§6.2)."),
            Field("slut", .text, "Testen ved forløbets slut; samme test som ved start (§6.3)."),
            Field("omgivelser", .text, "Hvor testene foregår; samme omgivelser og udstyr ved start og slut (§6.3)."),
        ]), "Test ved start og slut af superviseret træning."),
        Field("træningsplan", .bool, "Laves der en træningsplan med mål og delmål sammen med borgeren (§6.2)?"),
        Field("plan-med-mål", .bool, "Laves der en plan med mål og delmål (§3.1, §6.2)?"),
        Field("pårørende-inddrages", .bool, "Kan pårørende deltage i undervisningen (§4.3)?"),
        Field("personale", .codes(Vocabularies.professions), "Hvilke faggrupper der står for tilbuddet."),
        Field("kurser", .codes(Vocabularies.courses), "Relevante kurser og uddannelser, personalet har."),
        Field("kompetencer", .text, "Hvordan personalet har de kompetencer, standarden kræver."),
        Field("sundhedspædagogik", .text, "Hvordan tilbuddet tager udgangspunkt i borgerens motivation og mål (§3.2)."),
        Field("differentiering", .text, "Hvordan tilbuddet tilpasses borgerens sundhedskompetence og behov (§3.4)."),
        Field("retningslinjer", .texts, "De faglige retningslinjer, tilbuddet bygger på (§6.4, §7.4)."),
        Field("afslutning", .map([
            Field("evaluering", .text, "Hvordan det enkelte forløb evalueres (§3.5)."),
            Field("status-til-egen-læge", .bool, "Sendes en status til egen læge, når borgeren siger ja (§3.5)?"),
            Field("afsluttende-samtale", .bool, "Er der en afsluttende samtale (§6.3)?"),
            Field("opfølgende-samtale", .bool, "Tilbydes en opfølgende samtale (§6.2, §8.3)?"),
            Field("videreførelse", .codes(Vocabularies.continuations), "Hvor borgeren kan fortsætte bagefter (§3.5)."),
            Field("opfølgning", .records([
                Field("efter-måneder", .quantity, "Hvor mange måneder efter forløbet, fx 3."),
                Field("efter-uger", .quantity, "Eller hvor mange uger efter forløbet."),
                Field("hvad", .text, "Hvad der sker, fx Holdet mødes igen og taler om, hvordan det går."),
            ]), "Opfølgning efter forløbet, fx efter 3 og 12 måneder (§3.5, §6.3)."),
            Field("fastholdelse", .text, "Hvordan I aktivt støtter, at borgeren fortsætter (§3.5)."),
        ]), "Hvad der sker, når forløbet slutter."),
        Field("nikotin", .map([
            Field("produkter", .codes(Vocabularies.nicotineProducts), "Hvilke tobaks- og nikotinprodukter (§5.1)."),
            Field("brug", .codes(Vocabularies.nicotineUse), "Dagligt og/eller lejlighedsvis brug (§5.1)."),
            Field("produktrådgivning", .code(Vocabularies.productAdvice), "Hvor borgeren får rådgivning om medicinen (§5.2)."),
            Field("manual", .code(Vocabularies.nicotineManuals), "Hvilken manual forløbet følger (§5.3)."),
            Field("stopbasen", .bool, "Registreres forløbet i STOPbasen (§5.3)?"),
            Field("opstartssamtale", .bool, "Er der en opstartssamtale (§5.3)?"),
            Field("ventetid-dage", .quantity, "Højeste ventetid i dage fra opstartssamtale til start (§5.3)."),
            Field("mellemliggende-opfølgning", .bool, "Følger I op i ventetiden, hvis den er over 14 dage (§5.3)?"),
            Field("reduktion", .bool, "Tilbydes reduktion som et skridt mod stop (§5.3)?"),
        ]), "Felter for nikotinafvænning."),
        Field("alkohol", .map([
            Field("screening", .code(Vocabularies.alcoholScreening), "Screeningsværktøjet, samtalen starter med (§8.2)."),
            Field("videre-henvisning", .codes(Vocabularies.onwardReferral), "Hvor borgeren henvises videre til ved høj score (§8.2)."),
            Field("gravide", .text, "Hvad I gør, hvis en gravid screener positivt (§8.2)."),
        ]), "Felter for forebyggende samtale om alkohol."),
        Field("ernæring", .map([
            Field("indledende-vurdering", .codes(Vocabularies.initialAssessment), "Hvad den første vurdering omfatter (§7.2)."),
            Field("grundlag", .codes(Vocabularies.nutritionBasis), "Det faglige grundlag for rådene (§7.2)."),
            Field("individuel-del", .bool, "Er der en individuelt tilrettelagt del (§7.3)?"),
            Field("første-samtale-format", .code(Vocabularies.formats), "Hvordan den første samtale foregår (§7.3)."),
            Field("første-samtale-minutter", .quantity, "Varighed af den første samtale i minutter (§7.3)."),
            Field("opfølgning-minutter", .quantity, "Varighed af en opfølgende samtale i minutter (§7.3)."),
            Field("opfølgning-hver-måneder", .quantity, "Hvor mange måneder der højst går mellem opfølgninger (§7.3)."),
            Field("revurdering-måneder", .quantity, "Senest efter hvor mange måneder behovet vurderes igen (§7.3)."),
        ]), "Felter for ernæringsindsatsen."),
        Field("steder", .records(textPlace), "Hvor tilbuddet foregår."),
        Field("kontakt", .map(contact), "Kontakt for netop dette tilbud (ellers bruges kommunens)."),
        Field("pris", .text, "Pris for borgeren, fx Gratis."),
        Field("tilskud", .text, "Tilskud, borgeren kan få, med borgerens ord, fx Du kan få tilskud til rygestopmedicin i op til 8 uger."),
        Field("medicin-udleveres", .bool, "Får borgeren medicin udleveret her, fx nikotinplaster (ikke kun råd om medicinen)?"),
        Field("udbyder", .map([
            Field("navn", .text, "Hvem der står for tilbuddet, fx Sundhedscenter Fjordby eller Kræftens Bekæmpelse."),
            Field("ekstern", .bool, "Står en anden end kommunen for tilbuddet, fx en forening eller en privat virksomhed?"),
            Field("i-samarbejde-med", .texts, "Andre, tilbuddet laves sammen med, fx [Region Fjordland]."),
        ]), "Hvem der står for tilbuddet: kommunens egen enhed eller en anden udbyder."),
        Field("sprog", .texts, "De sprog, tilbuddet foregår på, fx [dansk, engelsk, arabisk]."),
        Field("tolk", .bool, "Kan borgeren få en tolk?"),
        Field("anonym", .bool, "Kan borgeren deltage anonymt, uden at sige sit navn og CPR-nummer?"),
        Field("status", .code(Vocabularies.statuses), "Kører tilbuddet, er det sat på pause, eller er det ophørt?"),
        Field("gyldig-til", .date, "Den sidste dag, tilbuddet findes, hvis det slutter, fx 2027-06-30."),
        Field("projekt", .bool, "Er tilbuddet et tidsbegrænset projekt?"),
        Field("projekt-slut", .date, "Hvornår projektet slutter, fx 2027-12-31."),
        Field("fsiii", .codes(FSIII.vocabulary), "FSIII-indsatskode(r); udfyldes automatisk ud fra indsats og variant."),
        Field("digital-pendant", .text, "Filnavnet (uden .md) på tilbuddets digitale udgave i samme kommune."),
        Field("opdateret", .date, "Hvornår teksten sidst er gennemgået (ÅÅÅÅ-MM-DD)."),
        Field("oprettet", .date, "Hvornår tilbuddet første gang kom i kataloget (ÅÅÅÅ-MM-DD). Nyhedsfeedet viser det som udgivet."),
        Field("ændret", .date, """
            Hvornår tilbuddet sidst blev ændret for borgeren eller lægen, ikke kun gennemgået (ÅÅÅÅ-MM-DD). Nyhedsfeedet viser \
            tilbuddet som ændret fra denne dato; uden den fra `opdateret`.
            """),
        Field("ændring", .text, "Hvad der blev ændret, med én sætning til nyhedsfeedet, fx Nye holdstarter i foråret."),
    ]

    /// The keys of a course file (`Course`): its parts, and what holds for the course as a whole.
    /// Each is a module field with the same path and help (a part says the rest: what happens,
    /// who delivers it, how much), so an author writes a key the same way in both.
    public static let course: [Field] = [
        Field("forløb", .texts, "Gør filen til et forløb, der samler flere tilbud i kommunen, fx KOL-rehabilitering: " +
              "filnavnene på forløbets dele, fx [kol-traening, kol-skolen, kost-ved-kol]. Hver del beskrives og tjekkes i sin egen fil."),
    ] + picked(from: module, ["titel", "resume", "målgruppe.diagnoser", "målgruppe.beskrivelse", "holdstart", "adgang.ventetid-uger",
                               "pris", "kontakt", "opdateret"])

    /// The fields at `paths` (top-level keys, or `group.key` for one field of a group), in the order given, a
    /// group's fields gathered under it.
    static func picked(from schema: [Field], _ paths: [String]) -> [Field] {
        var fields: [Field] = []
        for path in paths {
            let parts = path.split(separator: ".").map(String.init)
            guard let top = schema.first(where: { $0.key == parts[0] }) else { preconditionFailure("no field \(path)") }
            guard parts.count == 2, case .map(let children) = top.kind,
                  let child = children.first(where: { $0.key == parts[1] }) else { fields.append(top); continue }
            if let index = fields.firstIndex(where: { $0.key == top.key }), case .map(let gathered) = fields[index].kind {
                fields[index] = Field(top.key, .map(gathered + [child]), top.help)
            } else {
                fields.append(Field(top.key, .map([child]), top.help))
            }
        }
        return fields
    }

    /// The keys of `kommune.yml`.
    public static let municipality: [Field] = [
        Field("navn", .text, "Kommunens navn, fx Fjordby Kommune."),
        Field("kommunekode", .text, "Kommunekoden med fire cifre, fx 0707."),
        Field("eksempeldata", .bool, "Sæt til true, hvis kataloget kun er et eksempel."),
        Field("postnumre", .texts, "Postnumre i kommunen."),
        Field("hjemmeside", .text, "Adressen på kommunens sundhedsside."),
        Field("lix-grænse", .integer, "Højeste LIX for borgerrettet tekst (standard: 35)."),
        Field("filgrænse-mb", .integer, "Største fil i MB, et tilbud må linke til, fx et billede eller en pjece (standard: 50)."),
        Field("tilgængelighedserklæring", .text, "Link til tilgængelighedserklæringen (was.digst.dk/…)."),
        Field("modtager", .map([
            Field("navn", .text, "Enheden, der modtager henvisninger."),
            Field("sor", .text, "SOR-kode for enheden."),
            Field("lokationsnummer", .text, "EAN-lokationsnummer (13 cifre) til elektroniske henvisninger."),
            Field("adresse", .text, "Enhedens adresse."),
        ]), "Den enhed, der modtager henvisninger (XREF15)."),
        Field("kontakt", .map(contact), "Kommunens kontakt for borgere."),
        Field("læger", .map([
            Field("telefon", .text, "Telefon for læger og andre fagpersoner."),
            Field("kontakt-inden-dage", .quantity, "Hvor mange hverdage der højst går fra henvisning til kontakt (§2.2)."),
            Field("henvisning", .texts, "Hvad henvisningen skal indeholde."),
            Field("tilbagemelding", .text, "Hvordan lægen får besked tilbage (XDIS15) (§2.2)."),
        ]), "Oplysninger til læger."),
        Field("organisation", .map(OrganisationDeclaration.fields), "Kommunens erklæringer om krav, der gælder hele organisationen."),
        Field("fravalg", .records([
            Field("regel", .text, "ID på en anbefaling, fx A-6.3-1."),
            Field("begrundelse", .text, "Hvorfor kommunen har valgt anbefalingen fra."),
        ]), "Anbefalinger, kommunen bevidst har valgt fra, med begrundelse."),
    ]
}

extension Schema {
    /// The keys of `katalog.yml`, the catalog's own settings (optional), in the content folder beside the municipalities.
    public static let catalog: [Field] = [
        Field("ejer", .text, "Hvem kataloget tilhører, fx Region Nordjylland eller Fjordby Kommune. Står øverst på hver side."),
    ]
}

/// The organisation-level declarations of `kommune.yml` (rules the standard places on the municipality).
public enum OrganisationDeclaration {
    public static let fields: [Field] = [
        Field("koordinering", .text, "Hvordan I koordinerer på tværs af forvaltninger og med læger og sygehuse (§3)."),
        Field("sundhed-dk", .text, "Hvordan I sørger for, at lægerne kender tilbuddene fra sundhed.dk (SOFT-portalen) (§2.2)."),
        Field("kontakt-efter-henvisning", .text, "Hvor hurtigt I kontakter borgeren efter henvisning (§2.2)."),
        Field("tilbagemelding", .text, "Hvordan henviser får besked om tilbudte og gennemførte indsatser (§2.2)."),
        Field("deltagelse", .text, "Hvordan I følger, hvem der deltager og hvem der ikke gør (§3.3)."),
        Field("sparring", .text, "Hvordan medarbejdere får sparring med erfarne kolleger (§3.2)."),
        Field("specialister", .text, "Hvordan medarbejdere kan konsultere specialister (§3.2)."),
        Field("organisatorisk-sundhedskompetence", .text, "Hvordan I arbejder med organisatorisk sundhedskompetence (§3.3)."),
        Field("civilsamfund", .text, "Samarbejdet med foreninger og civilsamfund (§3.5)."),
        Field("monitorering", .text, "Hvordan I dokumenterer borgernes behov, indsatser og forløb (§9.1)."),
        Field("befolkningsdata", .text, "Hvordan I bruger data om befolkningen, fx Sundhedsdata på tværs (§9.1)."),
        Field("fsiii-indberetning", .text, "Hvordan I registrerer i FSIII og indberetter til FK-Gateway (§9.1)."),
        Field("indikatorer", .text, "Hvilke indikatorer og uddata I registrerer (§9.1)."),
        Field("forskning", .text, "Forskningssamarbejde (§9.2)."),
    ]
}
