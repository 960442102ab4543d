import KatalogCore

/// The published JSON Schema (draft 2020-12) of `eksport/soft.json`.
public enum SOFTSchema {
    static func text(_ description: String) -> JSONValue { ["type": "string", "description": .string(description)] }
    static func optionalText(_ description: String) -> JSONValue { ["type": ["string", "null"], "description": .string(description)] }
    static func optionalInteger(_ description: String) -> JSONValue { ["type": ["integer", "null"], "minimum": 0, "description": .string(description)] }
    static func flag(_ description: String) -> JSONValue { ["type": "boolean", "description": .string(description)] }
    /// A yes/no the module may not state: `null` then, never a default.
    static func optionalFlag(_ description: String) -> JSONValue { ["type": ["boolean", "null"], "description": .string(description + " null: ikke oplyst.")] }
    static func texts(_ description: String) -> JSONValue { ["type": "array", "items": ["type": "string"], "description": .string(description)] }

    static let properties: [String: JSONValue] = [
        "kommune": text("Kommunens navn."),
        "kommunekode": ["type": "string", "pattern": "^[0-9]{3,4}$", "description": "Kommunekoden."],
        "modul_id": ["type": "string", "pattern": "^[a-z0-9-]+/[a-z0-9-]+$", "description": "Stabilt ID: kommune/modul."],
        "titel": text("Tilbuddets navn."),
        "resume": text("Kort beskrivelse på klart dansk."),
        "indsats": ["enum": .array(KatalogCoreBridge.interventions), "description": "Indsats efter kvalitetsstandarden (§2.1)."],
        "indsats_navn": text("Indsatsens navn i standarden."),
        "variant": ["type": ["string", "null"], "enum": .array(KatalogCoreBridge.variants + [.null]), "description": "Variant (fysisk aktivitet og ernæring)."],
        "fsiii_koder": ["type": "array", "items": ["type": "string", "format": "uuid"], "minItems": 1, "description": "FSIII §119-indsatskoder (urn:oid:1.2.208.176.2.21)."],
        "fsiii_navne": texts("FSIII-indsatsernes navne."),
        "diagnoser": texts("De kroniske sygdomme, tilbuddet er for."),
        "målgruppe": optionalText("Målgruppen med borgerens ord."),
        "kræver_kronisk_sygdom": optionalFlag("Om borgeren skal have en kronisk sygdom."),
        "henvisning_fra": texts("Hvem der kan henvise."),
        "egen_henvendelse": optionalFlag("Om borgeren selv kan henvende sig."),
        "direkte_adgang": optionalFlag("Om borgeren kan starte uden afklarende samtale."),
        "via_afklarende_samtale": optionalFlag("Om tilbuddet kan tildeles efter en afklarende samtale."),
        "henvisningsstandard": text("Den elektroniske henvisning (MedCom XREF15)."),
        "modtager": optionalText("Enheden, der modtager henvisninger."),
        "modtager_sor": optionalText("Modtagerens SOR-kode."),
        "modtager_lokationsnummer": optionalText("Modtagerens EAN-lokationsnummer."),
        "form": texts("Hold og/eller individuelt."),
        "format": texts("Fremmøde, digitalt, telefon …"),
        "tidspunkter": texts("Hvornår på døgnet."),
        "omfang": optionalText("Omfanget i ord."),
        "uger": optionalInteger("Antal uger, når det er oplyst som ét tal (ellers står det i `omfang`)."),
        "gange_pr_uge": optionalInteger("Gange om ugen, når det er oplyst som ét tal."),
        "minutter": optionalInteger("Minutter pr. gang, når det er oplyst som ét tal."),
        "steder": ["type": "array", "description": "Hvor tilbuddet foregår.",
                   "items": ["type": "object", "additionalProperties": false,
                             "properties": ["navn": optionalText("Stedets navn."), "adresse": optionalText("Adresse."),
                                            "postnummer": ["type": ["string", "null"], "pattern": "^[0-9]{4}$"], "by": optionalText("By.")]]],
        "telefon": optionalText("Telefon til tilbuddet eller kommunen."),
        "e_mail": optionalText("E-mail."),
        "pris": optionalText("Pris for borgeren, som tilbuddet oplyser den; null: ikke oplyst."),
        "gratis": optionalFlag("Om tilbuddet er gratis."),
        "side": ["type": "string", "description": "Tilbuddets side (absolut med --base-url, ellers relativ til webstedets rod)."],
        "opdateret": ["type": "string", "format": "date", "description": "Sidst gennemgået."],
    ]

    public static let document: JSONValue = [
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "soft.schema.json",
        "title": "Forebyggelsestilbud til SOFT-portalen på sundhed.dk",
        "type": "object",
        "required": ["tilbud"],
        "properties": [
            "$schema": ["type": "string"],
            "standard": ["type": "string"],
            "tilbud": ["type": "array", "items": [
                "type": "object",
                "additionalProperties": false,
                "required": .array(properties.keys.sorted().map(JSONValue.string)),
                "properties": .object(JSONObject(properties)),
            ]],
        ],
    ]
}

enum KatalogCoreBridge {
    static let interventions: [JSONValue] = Intervention.allCases.map { .string($0.rawValue) }
    static let variants: [JSONValue] = Variant.allCases.map { .string($0.rawValue) }
}
