import KatalogCore
import KatalogSupport

/// The record of one module: the fields a person registering the offer on sundhed.dk (SOFT,
/// standard §2.2) needs. sundhed.dk publishes no field list, format or API for SOFT, so this is not an
/// import file and cannot be verified against one; the field list and its mapping are in the README.
/// Its fields are one table (`SOFT.fields`): each field's name
/// (the JSON key and the CSV column), its JSON Schema and how its value is read. `soft.csv`,
/// `soft.json` and `soft.schema.json` are all made from that table, so adding a field is one
/// entry. What a module does not state is exported as not stated: `null` in JSON, empty in CSV.
public enum SOFT {
    /// What a record is made from.
    public struct Input: Sendable {
        public let module: Module
        public let municipality: Municipality
        /// The module's page, absolute when the build knows the site's address.
        public let pageURL: String
        /// Today's date: team starts before it are not exported.
        public let today: String
    }

    /// A value as the record holds it.
    public enum Value: Sendable, Equatable {
        case text(String?)
        /// An identifier or a phone number: text exactly as written, never a number (see `csv`).
        case code(String?)
        /// An ISO date (ÅÅÅÅ-MM-DD): a date cell in `soft.xlsx`.
        case date(String?)
        case texts([String])
        /// A list the module may not state: `null` then (an empty list is never written for it).
        case statedTexts([String]?)
        case flag(Bool?)
        case number(Int?)
        case places([Place])
        /// Follow-up after the course: `null` when the module states none.
        case followUps([FollowUpSession])

        var json: JSONValue {
            switch self {
            case .text(let text), .code(let text), .date(let text): text.json
            case .texts(let texts): .array(texts.map(JSONValue.string))
            case .statedTexts(let texts): texts.map { .array($0.map(JSONValue.string)) } ?? .null
            case .flag(let flag): flag.map(JSONValue.bool) ?? .null
            case .number(let number): number.map(JSONValue.number) ?? .null
            case .places(let places):
                .array(places.map { ["navn": $0.name.json, "adresse": $0.address.json, "postnummer": $0.postcode.json,
                    "by": $0.city.json, "tilgængelighed": $0.accessibility.json] })
            case .followUps(let sessions):
                sessions.isEmpty ? .null : .array(sessions.map { ["efter_måneder": $0.afterMonths.map(\.description).json,
                    "efter_uger": $0.afterWeeks.map(\.description).json, "hvad": $0.what.json] })
            }
        }

        /// The CSV cell: lists joined with " | ", yes/no as ja/nej, not stated as empty, a code as text
        /// that spreadsheets keep exactly (`CSV.Cell.text`). `soft.json` has the bare value.
        var cell: CSV.Cell {
            if case .code(let code) = self { return .text(code ?? "") }
            return .value(csv)
        }

        /// The cell of `soft.xlsx`: a code as a text cell, a number as a number, a date as a date; not stated, empty.
        var xlsxCell: XLSX.Cell {
            switch self {
            case .code(let code): code.map(XLSX.Cell.code) ?? .empty
            case .number(let number): number.map(XLSX.Cell.number) ?? .empty
            case .date(let date): date.map(XLSX.Cell.date) ?? .empty
            default: csv.isEmpty ? .empty : .text(csv)
            }
        }

        /// The value as text, as a CSV cell shows it.
        var csv: String {
            switch self {
            case .text(let text), .code(let text), .date(let text): text ?? ""
            case .texts(let texts): texts.joined(separator: " | ")
            case .statedTexts(let texts): texts?.joined(separator: " | ") ?? ""
            case .flag(let flag): flag.map { $0 ? "ja" : "nej" } ?? ""
            case .number(let number): number.map(String.init) ?? ""
            case .places(let places):
                places.map { place in place.line + (place.accessibility.map { " (tilgængelighed: \($0))" } ?? "") }
                    .joined(separator: " | ")
            case .followUps(let sessions): sessions.compactMap(\.line).joined(separator: " | ")
            }
        }
    }

    public struct Field: Sendable {
        public let name: String
        let schema: JSONValue
        let value: @Sendable (Input) -> Value

        init(_ name: String, _ schema: JSONValue, _ value: @escaping @Sendable (Input) -> Value) {
            self.name = name
            self.schema = schema
            self.value = value
        }
    }

    static func text(_ description: String) -> JSONValue { ["type": "string", "description": .string(description)] }
    static func optionalText(_ description: String) -> JSONValue { ["type": ["string", "null"], "description": .string(description)] }
    static func optionalInteger(_ description: String) -> JSONValue {
        ["type": ["integer", "null"], "minimum": 0, "description": .string(description)]
    }
    /// A yes/no the module may not state: `null` then, never a default.
    static func optionalFlag(_ description: String) -> JSONValue {
        ["type": ["boolean", "null"], "description": .string(description + " null: ikke oplyst.")]
    }
    static func optionalTexts(_ description: String) -> JSONValue {
        ["type": ["array", "null"], "items": ["type": "string"], "description": .string(description + " null: ikke oplyst.")]
    }
    static func optionalDate(_ description: String) -> JSONValue {
        ["type": ["string", "null"], "format": "date", "description": .string(description)]
    }
    static func texts(_ description: String) -> JSONValue { ["type": "array", "items": ["type": "string"],
        "description": .string(description)] }

    /// The fields, in the order of the CSV's columns.
    public static let fields: [Field] = [
        Field("kommune", text("Kommunens navn.")) { .text($0.municipality.name) },
        Field("kommunekode", ["type": "string", "pattern": "^[0-9]{4}$", "description": "Kommunekoden (fire cifre)."]) {
            .code($0.municipality.code)
        },
        Field("modul_id", ["type": "string", "pattern": "^[a-z0-9-]+/[a-z0-9-]+$", "description": "Stabilt ID: kommune/modul."]) {
            .text($0.module.id)
        },
        Field("titel", text("Tilbuddets navn.")) { .text($0.module.title) },
        Field("resume", text("Kort beskrivelse på klart dansk.")) { .text($0.module.summary) },
        Field("indsats", ["enum": .array(Intervention.allCases.map { .string($0.rawValue) }),
            "description": "Indsats efter kvalitetsstandarden (§2.1)."]) {
            .text($0.module.intervention.rawValue)
        },
        Field("indsats_navn", text("Indsatsens navn i standarden.")) { .text($0.module.intervention.label) },
        Field("variant", ["type": ["string", "null"], "enum": .array(Variant.allCases.map { .string($0.rawValue) } + [.null]),
                          "description": "Variant (fysisk aktivitet og ernæring)."]) { .text($0.module.variant?.rawValue) },
        // No minItems: an offer outside the six interventions (`indsats: andet`) has no FSIII code.
        Field("fsiii_koder", ["type": "array", "items": ["type": "string", "format": "uuid"],
                              "description": .string("FSIII §119-indsatskoder (urn:oid:1.2.208.176.2.21); "
                                  + "tom for et tilbud uden for standardens seks indsatser (indsats: andet).")]) {
            .texts($0.module.fsiii.map(\.code))
        },
        Field("fsiii_navne", texts("FSIII-indsatsernes navne.")) { .texts($0.module.fsiii.map(\.display)) },
        Field("diagnoser", texts("De kroniske sygdomme, tilbuddet er for.")) {
            .texts($0.module.diagnoses.map(Vocabularies.diagnoses.label))
        },
        Field("målgruppe", optionalText("Målgruppen med borgerens ord.")) { .text($0.module.targetDescription) },
        Field("kræver_kronisk_sygdom",
            optionalFlag("Om borgeren skal have en kronisk sygdom.")) { .flag($0.module.requiresChronicDisease) },
        Field("også_i_risiko", optionalFlag("Om tilbuddet også er for borgere uden kronisk sygdom, som er i risiko for at få en.")) {
            .flag($0.module.targetGroup.atRisk)
        },
        Field("alder_fra", optionalInteger("Laveste alder i år, man kan deltage fra; null: ingen grænse oplyst.")) {
            .number($0.module.eligibility.minimumAge)
        },
        Field("alder_til", optionalInteger("Højeste alder i år, man kan deltage med; null: ingen grænse oplyst.")) {
            .number($0.module.eligibility.maximumAge)
        },
        Field("bopæl", optionalText("Krav om bopæl, med tilbuddets ord; null: ikke oplyst.")) { .text($0.module.eligibility.residence) },
        Field("kriterier", optionalTexts("Hvad borgeren skal opfylde for at deltage, med tilbuddets ord.")) {
            let criteria = $0.module.eligibility.criteria
            return .statedTexts(criteria.isEmpty ? nil : criteria)
        },
        Field("ikke_for", optionalTexts("Hvem tilbuddet ikke er for, med tilbuddets ord.")) {
            let notFor = $0.module.eligibility.notFor
            return .statedTexts(notFor.isEmpty ? nil : notFor)
        },
        Field("henvisning_fra",
            texts("Hvem der kan henvise.")) { .texts($0.module.referralSources.map(Vocabularies.referralSources.label)) },
        Field("egen_henvendelse", optionalFlag("Om borgeren selv kan henvende sig.")) { .flag($0.module.selfReferralStated) },
        Field("direkte_adgang", optionalFlag("Om borgeren kan starte uden afklarende samtale.")) { .flag($0.module.directAccessStated) },
        Field("via_afklarende_samtale", optionalFlag("Om tilbuddet kan tildeles efter en afklarende samtale.")) {
            .flag($0.module.viaClarifyingConversation)
        },
        Field("henvisningsstandard",
            text("Den elektroniske henvisning (MedCom XREF15).")) { _ in .text("MedCom XREF15 (kommunehenvisning)") },
        Field("modtager", optionalText("Enheden, der modtager henvisninger.")) { .text($0.municipality.receiver.name) },
        Field("modtager_sor", ["type": ["string", "null"], "pattern": "^[0-9]{11,18}$",
                               "description": "Modtagerens SOR-kode (urn:oid:1.2.208.176.1.1)."]) { .code($0.municipality.receiver.sor) },
        Field("modtager_lokationsnummer", ["type": ["string", "null"], "pattern": "^[0-9]{13}$",
                                           "description": "Modtagerens EAN-lokationsnummer (GLN, 13 cifre med GS1-kontrolciffer)."]) {
            .code($0.municipality.receiver.ean)
        },
        Field("læger_henvisning", optionalTexts("Hvad lægen skal skrive i henvisningen (kommune.yml: læger.henvisning).")) {
            let contents = $0.municipality.doctors.referralContents
            return .statedTexts(contents.isEmpty ? nil : contents)
        },
        Field("læger_første_kontakt_inden_dage", optionalText("""
            Hvor mange hverdage der højst går fra henvisning til første kontakt med borgeren, som kommunen oplyser lægerne \
            (læger.kontakt-inden-dage); null: ikke oplyst.
            """)) { .text($0.municipality.doctors.contactWithinDays?.description) },
        Field("kontakt_inden_dage", optionalText("""
            Hvor mange hverdage der højst går, før kommunen kontakter borgeren om netop dette tilbud (adgang.kontakt-inden-dage); \
            null: ikke oplyst.
            """)) { .text($0.module.fields.quantity(ModuleKey.contactWithinDays)?.description) },
        Field("læger_tilbagemelding", optionalText("""
            Hvordan lægen får besked tilbage, fx et afslutningsnotat (MedCom XDIS15) (læger.tilbagemelding); null: ikke oplyst.
            """)) { .text($0.municipality.doctors.feedback) },
        Field("status_til_egen_læge", optionalFlag("Om egen læge får en status, når forløbet slutter, hvis borgeren siger ja.")) {
            .flag($0.module.fields.bool(ModuleKey.statusToGP))
        },
        Field("læger_telefon", ["type": ["string", "null"], "description": "Telefon for læger og andre fagpersoner (læger.telefon)."]) {
            .code($0.municipality.doctors.phone)
        },
        Field("form", texts("Hold og/eller individuelt.")) { .texts($0.module.forms.map(Vocabularies.forms.label)) },
        Field("personale", texts("De faggrupper, borgeren møder, som tilbuddet skriver dem; tom: ikke oplyst.")) {
            .texts($0.module.staff.map(Vocabularies.professions.label) + $0.module.otherStaff)
        },
        Field("format", texts("Fremmøde, digitalt, telefon …")) { .texts($0.module.formats.map(Vocabularies.formats.label)) },
        Field("tidspunkter", texts("Hvornår på døgnet.")) { .texts($0.module.timesOfDay.map(Vocabularies.timesOfDay.label)) },
        Field("omfang", optionalText("Omfanget i ord.")) { .text(ScopeText.describe($0.module.scope)) },
        Field("uger", optionalInteger("Antal uger, når det er oplyst som ét tal (ellers står det i `omfang`).")) {
            .number($0.module.scope.weeks?.exact)
        },
        Field("gange_pr_uge", optionalInteger("Gange om ugen, når det er oplyst som ét tal.")) {
            .number($0.module.scope.timesPerWeek?.exact)
        },
        Field("minutter", optionalInteger("Minutter pr. gang, når det er oplyst som ét tal.")) { .number($0.module.scope.minutes?.exact) },
        Field("ventetid_uger", optionalText("Typisk ventetid i uger fra henvisning til start, som modulet skriver den (4, 2-6, ca. 8).")) {
            .text($0.module.fields.quantity(ModuleKey.waitingWeeks)?.description)
        },
        Field("holdstart", ["type": ["array", "null"], "items": ["type": "string", "format": "date"], "description": """
            De kommende holdstarter (ÅÅÅÅ-MM-DD) fra eksportens dato; datoer, der er gået, og datoer efter `gyldig_til` er \
            udeladt, og et ophørt tilbud har ingen. null: modulet oplyser ingen holdstarter; en tom liste: ingen af de oplyste \
            holdstarter ligger forude.
            """]) {
            $0.module.teamStarts.isEmpty ? .statedTexts(nil) : .statedTexts($0.module.upcomingTeamStarts(from: $0.today))
        },
        Field("pladser_pr_hold", optionalText("Pladser på hvert hold, som modulet skriver det (12, 10-12); null: ikke oplyst.")) {
            .text($0.module.placesPerTeam?.description)
        },
        Field("steder", ["type": "array", "description": "Hvor tilbuddet foregår.",
                         "items": ["type": "object", "additionalProperties": false,
                                   "properties": ["navn": optionalText("Stedets navn."), "adresse": optionalText("Adresse."),
                                                  "postnummer": ["type": ["string", "null"], "pattern": "^[0-9]{4}$"],
                                                  "by": optionalText("By."),
                                                  "tilgængelighed": optionalText("Adgangsforhold på stedet; null: ikke oplyst.")]]]) {
            .places($0.module.places)
        },
        Field("telefon", optionalText("Telefon til tilbuddet eller kommunen.")) { .code($0.module.contact(in: $0.municipality)?.phone) },
        Field("e_mail", optionalText("E-mail.")) { .text($0.module.contact(in: $0.municipality)?.email) },
        Field("pris", optionalText("Pris for borgeren, som tilbuddet oplyser den; null: ikke oplyst.")) { .text($0.module.price?.text) },
        Field("gratis", optionalFlag("Om tilbuddet er gratis.")) { .flag($0.module.price?.isFree) },
        Field("tilskud", optionalText("Tilskud, borgeren kan få (fx til rygestopmedicin), med tilbuddets ord; null: ikke oplyst.")) {
            .text($0.module.subsidy)
        },
        Field("medicin_udleveres", optionalFlag("Om borgeren får medicin udleveret (ikke kun råd om den).")) {
            .flag($0.module.medicationHandedOut)
        },
        Field("opfølgning", ["type": ["array", "null"], "description": """
            Opfølgning efter forløbet: hvornår (måneder eller uger efter forløbet, som modulet skriver det: 3, 2-4) og hvad; \
            null: ikke oplyst.
            """, "items": ["type": "object", "additionalProperties": false, "required": ["efter_måneder", "efter_uger", "hvad"],
                           "properties": ["efter_måneder": optionalText("Måneder efter forløbet."),
                                          "efter_uger": optionalText("Uger efter forløbet."), "hvad": optionalText("Hvad der sker.")]]]) {
            .followUps($0.module.followUps)
        },
        Field("udbyder", optionalText("Hvem der står for tilbuddet, med tilbuddets ord; null: ikke oplyst.")) {
            .text($0.module.provider?.name)
        },
        Field("udbyder_ekstern", optionalFlag("Om en anden end kommunen står for tilbuddet.")) { .flag($0.module.provider?.external) },
        Field("udbyder_samarbejde", optionalTexts("Andre, tilbuddet laves i samarbejde med.")) {
            .statedTexts($0.module.provider.flatMap { $0.partners.isEmpty ? nil : $0.partners })
        },
        Field("sprog", optionalTexts("Sprog, tilbuddet foregår på, som tilbuddet skriver dem (dansk, arabisk …).")) {
            .statedTexts($0.module.languages.isEmpty ? nil : $0.module.languages)
        },
        Field("tolk", optionalFlag("Om borgeren kan få en tolk.")) { .flag($0.module.interpreter) },
        Field("anonym", optionalFlag("Om borgeren kan deltage anonymt.")) { .flag($0.module.anonymous) },
        Field("status", ["type": ["string", "null"], "enum": .array(Vocabularies.statuses.codes.map(JSONValue.string) + [.null]),
                         "description": """
                             Om tilbuddet kører, er sat på pause eller er ophørt, på eksportens dato (ophørt, når `gyldig_til` er gået); \
                             null: ikke oplyst.
                             """]) { .text($0.module.validity(on: $0.today).effectiveStatus) },
        Field("gyldig_til", optionalDate("Den sidste dag, tilbuddet findes; null: ikke oplyst.")) {
            .date($0.module.fields.text(ModuleKey.validUntil))
        },
        Field("projekt", optionalFlag("Om tilbuddet er et tidsbegrænset projekt.")) { .flag($0.module.fields.bool(ModuleKey.project)) },
        Field("projekt_slut", optionalDate("Hvornår projektet slutter; null: ikke oplyst.")) {
            .date($0.module.fields.text(ModuleKey.projectEnd))
        },
        Field("forløb", texts("De forløb (fx KOL-rehabilitering), tilbuddet er en del af (se forloeb.json); tom: ingen.")) {
            .texts($0.municipality.courses(of: $0.module).map(\.title))
        },
        Field("side", ["type": "string", "description": """
            Tilbuddets side: absolut med --base-url, ellers relativ til mappen eksport/, hvor filen ligger (../kommune/tilbud.html).
            """]) {
            .text($0.pageURL)
        },
        Field("opdateret", ["type": "string", "format": "date", "description": "Sidst gennemgået."]) { .date($0.module.updated) },
    ]

    /// The published JSON Schema (draft 2020-12) of `eksport/soft.json`.
    public static let schema: JSONValue = [
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "soft.schema.json",
        "title": "Felter til sundhed.dk (SOFT): forebyggelsestilbud til borgere med kronisk sygdom",
        "description": """
            sundhed.dk offentliggør ingen feltliste, registreringsformat eller API for SOFT. Filen er felterne til at registrere \
            tilbuddene på sundhed.dk, ikke en importfil til SOFT.
            """,
        "type": "object",
        "required": ["tilbud"],
        "properties": [
            "$schema": ["type": "string"],
            "standard": ["type": "string"],
            "tilbud": ["type": "array", "items": [
                "type": "object",
                "additionalProperties": false,
                "required": .array(fields.map(\.name).sorted().map(JSONValue.string)),
                "properties": .object(JSONObject(fields.map { ($0.name, $0.schema) })),
            ]],
        ],
    ]
}

/// One module's SOFT record: every field of `SOFT.fields` with its value.
public struct SOFTRecord: Sendable, Equatable {
    /// The values, in the order of `SOFT.fields`.
    public let values: [SOFT.Value]

    public init(module: Module, municipality: Municipality, pageURL: String, today: String = DayStamp.today()) {
        let input = SOFT.Input(module: module, municipality: municipality, pageURL: pageURL, today: today)
        values = SOFT.fields.map { $0.value(input) }
    }

    /// The value of the field `name`.
    public subscript(name: String) -> SOFT.Value? {
        SOFT.fields.firstIndex { $0.name == name }.map { values[$0] }
    }

    /// The CSV row.
    public var csvLine: String { CSV.line(values.map(\.cell)) }

    /// The JSON object (every field, `null` where not stated).
    public var json: JSONValue { .object(JSONObject(Array(zip(SOFT.fields.map(\.name), values.map(\.json))))) }
}
