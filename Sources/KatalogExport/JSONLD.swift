import Foundation
import KatalogCore

/// schema.org `GovernmentService` for each module page, so search engines and other systems can
/// read what the offer is, for whom, by whom and how to get in touch.
public enum JSONLD {
    public static func governmentService(_ module: Module, in municipality: Municipality, pageURL: String) -> JSONValue {
        let f = module.fields
        let phone = f.text("kontakt.telefon") ?? municipality.fields.text("kontakt.telefon")
        let email = f.text("kontakt.e-mail") ?? municipality.fields.text("kontakt.e-mail")
        let places: [JSONValue] = f.records("steder").map { place in
            ["@type": "Place", "name": place.text("navn").json,
             "address": ["@type": "PostalAddress", "streetAddress": place.text("adresse").json,
                         "postalCode": place.text("postnummer").json, "addressLocality": place.text("by").json, "addressCountry": "DK"]]
        }
        let free = module.isFree == true
        return [
            "@context": "https://schema.org",
            "@type": "GovernmentService",
            "@id": .string(pageURL),
            "url": .string(pageURL),
            "name": .string(module.title),
            "description": .string(module.summary),
            "serviceType": .string(module.variant?.label ?? module.intervention.label),
            "inLanguage": "da",
            "dateModified": .string(module.updated),
            "provider": ["@type": "GovernmentOrganization", "name": .string(municipality.name), "telephone": phone.json, "email": email.json],
            "areaServed": ["@type": "AdministrativeArea", "name": .string(municipality.name)],
            "audience": ["@type": "PeopleAudience",
                         "audienceType": f.text("målgruppe.beskrivelse").json,
                         "healthCondition": .array(module.diagnoses.map { ["@type": "MedicalCondition", "name": .string(Vocabularies.diagnoses.label($0))] })],
            "availableChannel": ["@type": "ServiceChannel",
                                 "name": .string(module.formats.map(Vocabularies.formats.label).joined(separator: ", ")),
                                 "availableLanguage": "da",
                                 "servicePhone": phone.map { ["@type": "ContactPoint", "telephone": .string($0)] } ?? .null,
                                 "serviceLocation": places.count == 1 ? places[0] : (places.isEmpty ? .null : .array(places))],
            "offers": free ? ["@type": "Offer", "price": "0", "priceCurrency": "DKK"] : .null,
        ]
    }

    /// The JSON-LD as it goes into a `<script type="application/ld+json">`: `<` escaped so no
    /// text in a module can close the script element.
    public static func scriptBody(_ value: JSONValue) -> String {
        value.rendered().replacingASCII { $0 == 0x3C ? "\\u003c" : nil }
    }
}
