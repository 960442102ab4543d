import Foundation
import KatalogCore
import KatalogSupport

/// schema.org for each module page, so search engines and other systems can read what the offer is,
/// for whom, by whom and how to get in touch: a `WebPage` (its language and when it was last
/// reviewed, properties of a CreativeWork) whose `mainEntity` is the `GovernmentService`.
public enum JSONLD {
    /// The page and the service it is about.
    public static func page(_ module: Module, in municipality: Municipality, pageURL: String) -> JSONValue {
        [
            "@context": "https://schema.org",
            "@type": "WebPage",
            "@id": .string(pageURL),
            "url": .string(pageURL),
            "name": .string(module.title),
            "inLanguage": "da",
            "dateModified": .string(module.updated),
            "mainEntity": governmentService(module, in: municipality, pageURL: pageURL),
        ]
    }

    /// The offer as a `GovernmentService`: only properties of GovernmentService, Service and Thing.
    public static func governmentService(_ module: Module, in municipality: Municipality, pageURL: String) -> JSONValue {
        let contact = module.contact(in: municipality)
        let phone = contact?.phone, email = contact?.email
        let places: [JSONValue] = module.places.map { place in
            ["@type": "Place", "name": place.name.json,
             "address": ["@type": "PostalAddress", "streetAddress": place.address.json,
                         "postalCode": place.postcode.json, "addressLocality": place.city.json, "addressCountry": "DK"]]
        }
        // The languages as stated (a BCP-47 code where known, else the name); none stated, none claimed.
        let languages: [JSONValue] = module.languages.map { .string(LanguageCodes.code($0) ?? $0) }
        // An external provider operates the service the municipality provides (schema.org `serviceOperator`).
        let operatorName = module.provider?.external == true ? module.provider?.name : nil
        let free = module.price?.isFree == true
        // Also for citizens without a chronic disease, as stated: a second audience (never assumed).
        var audiences: [JSONValue] = [["@type": "PeopleAudience",
                         "audienceType": module.targetDescription.json,
                         "suggestedMinAge": module.eligibility.minimumAge.map(JSONValue.number) ?? .null,
                         "suggestedMaxAge": module.eligibility.maximumAge.map(JSONValue.number) ?? .null,
                         "healthCondition": .array(module.diagnoses.map { ["@type": "MedicalCondition",
                             "name": .string(Vocabularies.diagnoses.label($0))] })]]
        if module.targetGroup.atRisk == true {
            audiences.append(["@type": "PeopleAudience", "audienceType": "Også borgere uden kronisk sygdom, som er i risiko for at få en"])
        }
        var channels: [JSONValue] = [["@type": "ServiceChannel",
                                 "name": .string(module.formats.map(Vocabularies.formats.label).joined(separator: ", ")),
                                 "availableLanguage": languages.isEmpty ? .null : .array(languages),
                                 "servicePhone": phone.map { ["@type": "ContactPoint", "telephone": .string($0)] } ?? .null,
                                 "serviceLocation": places.count == 1 ? places[0] : (places.isEmpty ? .null : .array(places))]]
        if let referral = referralChannel(municipality) { channels.append(referral) }
        return [
            "@type": "GovernmentService",
            "@id": .string(pageURL + "#tilbud"),
            "url": .string(pageURL),
            "name": .string(module.title),
            "description": .string(module.summary),
            "serviceType": .string(module.variant?.label ?? module.intervention.label),
            "provider": ["@type": "GovernmentOrganization", "name": .string(municipality.name), "telephone": phone.json,
                "email": email.json],
            "serviceOperator": operatorName.map { ["@type": "Organization", "name": .string($0)] } ?? .null,
            "areaServed": ["@type": "AdministrativeArea", "name": .string(municipality.name)],
            "audience": audiences.count == 1 ? audiences[0] : .array(audiences),
            "availableChannel": channels.count == 1 ? channels[0] : .array(channels),
            "offers": free ? ["@type": "Offer", "price": "0", "priceCurrency": "DKK"] : .null,
        ]
    }

    /// How a GP refers (what the GP page shows): the referral, what to write in it, the first contact,
    /// the closing note and the phone line for professionals, as kommune.yml states them; nil when it states none.
    static func referralChannel(_ municipality: Municipality) -> JSONValue? {
        let doctors = municipality.doctors
        var lines: [String] = []
        if !doctors.referralContents.isEmpty {
            lines.append("Skriv i henvisningen: " + doctors.referralContents.joined(separator: "; ") + ".")
        }
        if let days = doctors.contactWithinDays { lines.append("Borgeren bliver kontaktet inden for \(days) hverdage efter henvisningen.") }
        if let feedback = doctors.feedback { lines.append(feedback) }
        guard !lines.isEmpty || doctors.phone != nil else { return nil }
        return ["@type": "ServiceChannel", "name": "Henvisning fra læge (MedCom XREF15)",
                "description": lines.isEmpty ? .null : .string(lines.joined(separator: " ")),
                "servicePhone": doctors.phone.map { ["@type": "ContactPoint", "telephone": .string($0),
                                                     "contactType": "Læger og andre fagpersoner"] } ?? .null]
    }

    /// The JSON-LD as it goes into a `<script type="application/ld+json">`: `<` escaped so no
    /// text in a module can close the script element.
    /// A course's page (`forløb`): a WebPage whose `mainEntity` is the course as one service, related
    /// (`isRelatedTo`, a property of Service) to the services that are its parts. Only what the course
    /// itself states: its price, not one made from the parts'.
    public static func page(_ course: Course, parts: [Module], in municipality: Municipality, pageURL: String,
                            partURL: (Module) -> String) -> JSONValue {
        let contact = course.contact(in: municipality)
        let service: JSONValue = [
            "@type": "GovernmentService",
            "@id": .string(pageURL + "#forloeb"),
            "url": .string(pageURL),
            "name": .string(course.title),
            "description": .string(course.summary),
            "provider": ["@type": "GovernmentOrganization", "name": .string(municipality.name), "telephone": contact?.phone.json ?? .null,
                "email": contact?.email.json ?? .null],
            "areaServed": ["@type": "AdministrativeArea", "name": .string(municipality.name)],
            "isRelatedTo": .array(parts.map { part in
                ["@type": "GovernmentService", "@id": .string(partURL(part) + "#tilbud"), "name": .string(part.title)]
            }),
            "offers": course.price?.isFree == true ? ["@type": "Offer", "price": "0", "priceCurrency": "DKK"] : .null,
        ]
        return ["@context": "https://schema.org", "@type": "WebPage", "@id": .string(pageURL), "url": .string(pageURL),
                "name": .string(course.title), "inLanguage": "da", "dateModified": .string(course.updated), "mainEntity": service]
    }

    public static func scriptBody(_ value: JSONValue) -> String {
        value.rendered().replacingASCII { $0 == 0x3C ? "\\u003c" : nil }
    }
}
