import Foundation
import KatalogCore
import KatalogSupport

/// FHIR R4 in a `collection` Bundle: per municipality an `Organization` for the municipality (by its
/// kommunekode) and one for the unit that receives referrals (SOR and EAN, as DK Core's
/// `DkCoreOrganization` and MedCom's `MedComMessagingOrganization` identify it); per module a
/// `HealthcareService` provided by that unit. There is no Danish profile of HealthcareService; codes
/// follow DK Core and KL Terminologi (see ../shared/standard/INTEROP.md and the README's Exports).
///
/// No `Endpoint` is written: kommune.yml states no endpoint address. A MedCom message (XREF15) is
/// routed by the receiver's EAN through the VANS network, and that EAN is on the Organization.
public enum FHIRExport {
    public static let fsiiiSystem = FSIII.system
    /// DK Core's identifier slice `Kommunekode` on Organization uses this system.
    public static let municipalitySystem = "http://hl7.dk/fhir/core/CodeSystem/dk-core-municipality-codes"
    /// DK Core `SORIdentifier`.
    public static let sorSystem = "urn:oid:1.2.208.176.1.1"
    /// DK Core `GLNIdentifier` (MedCom's EAN-ID): 13 digits with GS1's check digit; the system as DK Core 3.5.0 publishes it.
    public static let glnSystem = "http://www.gs1.org/gln"
    public static let icpc2System = "urn:oid:1.2.208.176.2.31"
    /// KL's common care and social codes: the delivery types of KL Gateway (`Gruppebaseret indsats` …).
    public static let klCommonSystem = "http://fhir.kl.dk/term/CodeSystem/CareSocialCodes"
    /// The FSIII parent concept of all §119 interventions ("Kommunale sundhedsfremme og forebyggelsesindsatser").
    public static let category: JSONValue = ["coding": [["system": .string(FSIII.system), "code": "102ea764-d2cf-4a24-979d-68c2e8d638cf",
                                                         "display": "Kommunale sundhedsfremme og forebyggelsesindsatser"]],
                                             "text": "Forebyggelsestilbud til borgere med kronisk sygdom (sundhedsloven §119)"]

    /// ICPC-2 codes only where the match is exact; other diagnoses carry text only.
    static let icpc2: [String: (String, String)] = [
        "kol": ("R95", "Kronisk obstruktiv lungesygdom"),
        "type-2-diabetes": ("T90", "Diabetes non-insulinkrævende"),
        "astma": ("R96", "Astma"),
        "osteoporose": ("L95", "Osteoporose"),
    ]

    /// KL's delivery-type codes for the forms (`form`), as KL Gateway's §119 model reports them.
    static let deliveryTypes: [String: (String, String)] = [
        "hold": ("2865f123-15a7-4a36-a514-32ea37c400ca", "Gruppebaseret indsats"),
        "individuel": ("8d12d74c-17da-47a7-a4fe-e69dbaec0a8c", "Individuel indsats"),
    ]

    /// A resource id as R4 allows it (`[A-Za-z0-9\-\.]{1,64}`): other characters become `-`, and a
    /// longer id keeps its first 47 characters and a hash of the whole, so it stays unique and stable.
    public static func id(_ text: String) -> String {
        var bytes = text.utf8.map { byte -> UInt8 in
            let allowed = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x2E
            return allowed ? byte : 0x2D
        }
        if bytes.isEmpty { bytes = Array("x".utf8) }
        guard bytes.count > 64 else { return String(decoding: bytes, as: UTF8.self) }
        let hash = StableUUID.make(text).replacingASCII { $0 == 0x2D ? "" : nil }.prefix(16)
        return String(decoding: bytes.prefix(47), as: UTF8.self) + "-" + hash
    }

    /// The municipality's Organization: identified by its kommunekode (DK Core's slice `Kommunekode`).
    static func municipalityOrganization(_ municipality: Municipality) -> JSONValue {
        let code = municipality.code
        return ["resourceType": "Organization", "id": .string(id("kommune-" + municipality.slug)), "language": "da",
                "identifier": code.isEmpty ? .null : [["use": "official", "system": .string(municipalitySystem), "value": .string(code)]],
                "active": true, "name": .string(municipality.name),
                "telecom": municipality.website.map { [["system": "url", "value": .string($0), "use": "work"]] } ?? .null]
    }

    /// The unit that receives referrals (`modtager`): SOR and EAN, its address, and the phone line for GPs and
    /// other professionals (`læger.telefon`) as a contact of its own. Nil when kommune.yml names no receiver.
    static func receiverOrganization(_ municipality: Municipality) -> JSONValue? {
        let receiver = municipality.receiver
        guard receiver.name != nil || receiver.sor != nil || receiver.ean != nil else { return nil }
        var identifiers: [JSONValue] = []
        if let sor = receiver.sor { identifiers.append(["use": "official", "system": .string(sorSystem), "value": .string(sor)]) }
        if let ean = receiver.ean { identifiers.append(["use": "official", "system": .string(glnSystem), "value": .string(ean)]) }
        let professionals: JSONValue = municipality.doctors.phone.map { phone in
            [["purpose": ["text": "Telefon for læger og andre fagpersoner"],
              "telecom": [["system": "phone", "value": .string(phone), "use": "work"]]]]
        } ?? .null
        return ["resourceType": "Organization", "id": .string(id("modtager-" + municipality.slug)), "language": "da",
                "identifier": identifiers.isEmpty ? .null : .array(identifiers), "active": true,
                "name": receiver.name.map(JSONValue.string) ?? .string(municipality.name),
                "address": receiver.address.map { [["use": "work", "text": .string($0), "country": "DK"]] } ?? .null,
                "partOf": ["reference": .string(fullURL(municipalityOrganization: municipality)), "display": .string(municipality.name)],
                "contact": professionals]
    }

    static func fullURL(municipalityOrganization municipality: Municipality) -> String {
        "urn:uuid:\(StableUUID.make("organisation:kommune:" + municipality.slug))"
    }

    static func fullURL(receiverOf municipality: Municipality) -> String {
        "urn:uuid:\(StableUUID.make("organisation:modtager:" + municipality.slug))"
    }

    /// The municipality's entries: its Organization, then its receiving unit's.
    static func organisationEntries(_ municipality: Municipality) -> [JSONValue] {
        [["fullUrl": .string(fullURL(municipalityOrganization: municipality)), "resource": municipalityOrganization(municipality)]]
            + (receiverOrganization(municipality).map { [["fullUrl": .string(fullURL(receiverOf: municipality)), "resource": $0]] } ?? [])
    }

    /// Who provides the service: the receiving unit (with its SOR), else the municipality.
    static func providedBy(_ municipality: Municipality) -> JSONValue {
        guard receiverOrganization(municipality) != nil else {
            let code: JSONValue = municipality.code.isEmpty ? .null
                : ["system": .string(municipalitySystem), "value": .string(municipality.code)]
            return ["reference": .string(fullURL(municipalityOrganization: municipality)), "identifier": code,
                    "display": .string(municipality.name)]
        }
        let receiver = municipality.receiver
        return ["reference": .string(fullURL(receiverOf: municipality)),
                "identifier": receiver.sor.map { ["system": .string(sorSystem), "value": .string($0)] } ?? .null,
                "display": .string(receiver.name ?? municipality.name)]
    }

    static func bundle(entries: JSONValue) -> JSONValue {
        ["resourceType": "Bundle", "id": "tilbudskatalog", "type": "collection", "entry": entries]
    }

    /// `pageURL`: the module's page, absolute; nil without a base URL (see `healthcareService`).
    static func entry(_ module: Module, in municipality: Municipality, pageURL: String?) -> JSONValue {
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
    /// `pageURL`: the module's page, absolute. Without the site's address (`--base-url`) it is nil and the
    /// service has no url: a relative link in `eksport/` would resolve against the export folder and 404,
    /// and a ContactPoint's value is read by systems that have no site to resolve it against.
    public static func healthcareService(_ module: Module, in municipality: Municipality, pageURL: String?,
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
        if let pageURL { telecom.append(["system": "url", "value": .string(pageURL)]) }

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
        var conditions: [JSONValue] = limits.map { ["code": ["text": .string($0.0)], "comment": .string($0.1)] }
        // Whether a chronic disease is needed, only as stated (never a default).
        if module.requiresChronicDisease == false {
            conditions.append(["code": ["text": "Kræver ikke kronisk sygdom"], "comment": "Borgeren behøver ikke have en kronisk sygdom."])
        }
        if module.targetGroup.atRisk == true {
            conditions.append(["code": ["text": "Også for borgere uden kronisk sygdom"],
                               "comment": "Tilbuddet er også for borgere i risiko for kronisk sygdom."])
        }

        // The languages as stated: a BCP-47 coding where the language is known, its name alone where not; none stated, none
        // exported (the page being Danish says nothing about the language of the course).
        let communication: [JSONValue] = module.languages.map { name in
            LanguageCodes.code(name).map { ["coding": [["system": "urn:ietf:bcp:47", "code": .string($0), "display": .string(name)]],
                                            "text": .string(name)] } ?? ["text": .string(name)]
        }
        var characteristics: [JSONValue] = module.forms.compactMap { form in
            deliveryTypes[form].map { ["coding": [["system": .string(klCommonSystem), "code": .string($0.0), "display": .string($0.1)]],
                                       "text": .string($0.1)] }
        }
        if module.formats.contains("digital") { characteristics.append(["text": "Digital levering af indsats"]) }
        if module.anonymous == true { characteristics.append(["text": "Borgeren kan deltage anonymt"]) }
        if let interpreter = module.interpreter { characteristics.append(["text": .string(interpreter ? "Tolk kan fås" : "Ingen tolk")]) }

        let validity = module.validity(on: today)
        let free = module.price?.isFree == true
        return [
            "resourceType": "HealthcareService",
            "id": .string(id(module.id)),
            "meta": ["lastUpdated": .string(module.updated + "T00:00:00Z")],
            "language": "da",
            "contained": .array(contained),
            "identifier": [["system": "urn:tilbudskatalog:modul", "value": .string(module.id)]],
            "active": .bool(!(validity.hasEnded || validity.isPaused)),
            "providedBy": providedBy(municipality),
            "category": [category],
            "type": .array(module.fsiii.map { ["coding": [["system": .string(FSIII.system), "code": .string($0.code),
                "display": .string($0.display)]], "text": .string($0.display)] }),
            "location": .array(contained.indices.map { ["reference": .string("#sted-\($0 + 1)")] }),
            "name": .string(module.title),
            "comment": .string(module.summary),
            "extraDetails": .string(([module.body.markdown.trimmingWhitespace] + doctorsSection(municipality)).joined(separator: "\n\n")),
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

    /// What the GP page tells the referring doctor (kommune.yml's `læger`), as Markdown after the
    /// module's text; nothing when kommune.yml states none of it.
    static func doctorsSection(_ municipality: Municipality) -> [String] {
        let doctors = municipality.doctors
        var lines: [String] = []
        if !doctors.referralContents.isEmpty {
            lines.append("Skriv dette i henvisningen:\n" + doctors.referralContents.map { "- " + $0 }.joined(separator: "\n"))
        }
        if let days = doctors.contactWithinDays { lines.append("Borgeren bliver kontaktet inden for \(days) hverdage efter henvisningen.") }
        if let feedback = doctors.feedback { lines.append("Tilbagemelding: " + feedback) }
        if let phone = doctors.phone { lines.append("Telefon for fagpersoner: " + phone) }
        return lines.isEmpty ? [] : ["## Til læger\n\n" + lines.joined(separator: "\n\n")]
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
