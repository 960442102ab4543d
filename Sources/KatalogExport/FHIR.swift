import Foundation
import KatalogCore
import KatalogSupport

/// FHIR R4 `HealthcareService` per module, in a `collection` Bundle. There is no Danish profile of
/// HealthcareService; codes follow DK Core and KL Terminologi (see ../shared/standard/INTEROP.md):
/// FSIII §119 intervention in `type`, the municipality by its kommunekode in `providedBy`.
public enum FHIRExport {
    public static let fsiiiSystem = FSIII.system
    /// DK Core's identifier slice `Kommunekode` on Organization uses this system.
    public static let municipalitySystem = "http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes"
    public static let icpc2System = "urn:oid:1.2.208.176.2.31"
    /// The FSIII parent concept of all §119 interventions ("Kommunale sundhedsfremme og forebyggelsesindsatser").
    public static let category: JSONValue = ["coding": [["system": .string(FSIII.system), "code": "102ea764-d2cf-4a24-979d-68c2e8d638cf",
                                                         "display": "Kommunale sundhedsfremme og forebyggelsesindsatser"]],
                                             "text": "Forebyggelsestilbud til borgere med kronisk sygdom (sundhedsloven §119)"]

    /// ICPC-2 codes only where the match is exact; other diagnoses carry text only.
    static let icpc2: [String: (String, String)] = [
        "kol": ("R95", "Kronisk obstruktiv lungesygdom"),
        "type-2-diabetes": ("T90", "Diabetes non-insulinkrævende"),
    ]

    static func bundle(entries: JSONValue) -> JSONValue {
        ["resourceType": "Bundle", "id": "tilbudskatalog", "type": "collection", "entry": entries]
    }

    static func entry(_ module: Module, in municipality: Municipality, pageURL: String) -> JSONValue {
        ["fullUrl": .string("urn:uuid:\(StableUUID.make(module.id))"),
         "resource": healthcareService(module, in: municipality, pageURL: pageURL)]
    }

    /// The Bundle of the entries (each `entry(…).rendered(indent: 4)`), put in place as the whole
    /// bundle's `rendered()` would write them.
    static func bundleText(_ entries: [String]) -> [String] {
        // "entry" sorts first among the bundle's keys; an empty array is pruned away.
        let rest = bundle(entries: .null).rendered()
        guard !entries.isEmpty else { return [rest] }
        return ["{\n  \"entry\" : [\n    "] + entries.interleaved(with: ",\n    ") + ["\n  ],\n", String(rest.dropFirst(2))]
    }

    /// `today`: the day a paused or ended offer is judged on (`active` is false for both).
    public static func healthcareService(_ module: Module, in municipality: Municipality, pageURL: String,
                                         today: String = DayStamp.today()) -> JSONValue {
        let contained: [JSONValue] = module.places.enumerated().map { index, place in
            ["resourceType": "Location", "id": .string("sted-\(index + 1)"), "name": place.name.json,
             "address": ["use": "work", "line": place.address.map { [.string($0)] } ?? .null,
                         "postalCode": place.postcode.json, "city": place.city.json, "country": "DK"]]
        }
        var telecom: [JSONValue] = []
        let contact = module.contact(in: municipality)
        if let phone = contact?.phone {
            telecom.append(["system": "phone", "value": .string(phone), "use": "work"])
        }
        if let email = contact?.email {
            telecom.append(["system": "email", "value": .string(email), "use": "work"])
        }
        telecom.append(["system": "url", "value": .string(pageURL)])

        // Only what the module states: electronic referral when it names who can refer, the phone
        // when the citizen can get in touch alone.
        var referral: [JSONValue] = []
        if !module.referralSources.isEmpty { referral.append(coding("http://terminology.hl7.org/CodeSystem/service-referral-method",
            "elec", "Secure Messaging")) }
        if module.selfReferral { referral.append(coding("http://terminology.hl7.org/CodeSystem/service-referral-method", "phone",
            "Phone")) }

        let eligibility: [JSONValue] = module.diagnoses.map { code in
            let label = Vocabularies.diagnoses.label(code)
            let concept: JSONValue = icpc2[code].map { c in ["coding": [["system": .string(icpc2System), "code": .string(c.0),
                "display": .string(c.1)]], "text": .string(label)] }
                ?? ["text": .string(label)]
            return ["code": concept, "comment": module.targetDescription.json]
        }

        // Who may join, beyond the diagnoses: each stated limit as its own entry, its words in `comment`.
        let eligible = module.eligibility
        let limits: [(String, String)] = [eligible.ageText.map { ("Alder", $0) }, eligible.residence.map { ("Bopæl", $0) }]
            .compactMap { $0 } + eligible.criteria.map { ("Kriterium", $0) } + eligible.notFor.map { ("Ikke for", $0) }
        let conditions: [JSONValue] = limits.map { ["code": ["text": .string($0.0)], "comment": .string($0.1)] }

        // The languages as stated: a BCP-47 coding where the language is known, its name alone where not; none stated, none
        // exported (the page being Danish says nothing about the language of the course).
        let communication: [JSONValue] = module.languages.map { name in
            LanguageCodes.code(name).map { ["coding": [["system": "urn:ietf:bcp:47", "code": .string($0), "display": .string(name)]],
                                            "text": .string(name)] } ?? ["text": .string(name)]
        }
        var characteristics: [JSONValue] = module.forms.map {
            ["text": .string($0 == "hold" ? "Gruppebaseret indsats" : "Individuel indsats")]
        }
        if module.formats.contains("digital") { characteristics.append(["text": "Digital levering af indsats"]) }
        if module.anonymous == true { characteristics.append(["text": "Borgeren kan deltage anonymt"]) }
        if let interpreter = module.interpreter { characteristics.append(["text": .string(interpreter ? "Tolk kan fås" : "Ingen tolk")]) }

        let validity = module.validity(on: today)
        let free = module.price?.isFree == true
        return [
            "resourceType": "HealthcareService",
            "id": .string(module.id.replacingASCII { $0 == 0x2F ? "-" : nil }),
            "meta": ["lastUpdated": .string(module.updated + "T00:00:00Z")],
            "language": "da",
            "contained": .array(contained),
            "identifier": [["system": "urn:tilbudskatalog:modul", "value": .string(module.id)]],
            "active": .bool(!(validity.hasEnded || validity.isPaused)),
            "providedBy": ["identifier": ["system": .string(municipalitySystem), "value": .string(municipality.code)],
                "display": .string(municipality.name)],
            "category": [category],
            "type": .array(module.fsiii.map { ["coding": [["system": .string(FSIII.system), "code": .string($0.code),
                "display": .string($0.display)]], "text": .string($0.display)] }),
            "location": .array(contained.indices.map { ["reference": .string("#sted-\($0 + 1)")] }),
            "name": .string(module.title),
            "comment": .string(module.summary),
            "extraDetails": .string(module.body.markdown.trimmingWhitespace),
            "telecom": .array(telecom),
            "coverageArea": .null,
            "serviceProvisionCode": free ? [coding("http://terminology.hl7.org/CodeSystem/service-provision-conditions", "free",
                "Free")] : .null,
            "eligibility": .array(eligibility + conditions),
            // The §119 programme, and each course (`forløb`) the module is a part of.
            "program": .array([["text": "Forebyggelsestilbud efter sundhedslovens §119"]]
                + municipality.courses(of: module).map { ["text": .string("Forløb: \($0.title)")] }),
            "characteristic": .array(characteristics),
            "communication": communication.isEmpty ? .null : .array(communication),
            "referralMethod": referral.isEmpty ? .null : .array(referral),
        ]
    }

    static func coding(_ system: String, _ code: String, _ display: String) -> JSONValue {
        ["coding": [["system": .string(system), "code": .string(code), "display": .string(display)]]]
    }
}

/// A deterministic UUID (version 8, RFC 9562 "custom") from a string, so exports are byte-identical.
enum StableUUID {
    static func make(_ text: String) -> String {
        var a: UInt64 = 0xcbf29ce484222325, b: UInt64 = 0x84222325cbf29ce4
        for byte in text.utf8 {
            a = (a ^ UInt64(byte)) &* 0x100000001b3
            b = (b ^ UInt64(byte)) &* 0x100000001b3 &+ 0x9e3779b97f4a7c15
        }
        b = (b & 0x3fffffffffffffff) | 0x8000000000000000          // variant 10
        a = (a & 0xffffffffffff0fff) | 0x0000000000008000          // version 8
        // 32 hex digits, a's then b's, grouped 8-4-4-4-12.
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for index in 0..<32 {
            if index == 8 || index == 12 || index == 16 || index == 20 { text.append(0x2D) }
            let word = index < 16 ? a : b
            text.append(digits[Int((word >> UInt64(60 - 4 * (index % 16))) & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static let digits = Array("0123456789abcdef".utf8)
}
