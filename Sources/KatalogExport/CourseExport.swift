import KatalogCore
import KatalogSupport

/// `eksport/forloeb.json`: every course (`forløb`) with its parts, by their SOFT `modul_id`, and
/// what the course itself states. What it does not state is `null`, never a default and never
/// made from its parts (each part's own record in soft.json holds the part's facts).
enum CourseExport {
    static func document(_ municipalities: [Municipality], pageURL: (Course) -> String, today: String) -> String {
        let courses: [JSONValue] = municipalities.flatMap { municipality in
            municipality.courses.map { course -> JSONValue in
                [
                    "forløb_id": .string(course.id),
                    "kommune": .string(municipality.name),
                    "kommunekode": .string(municipality.code),
                    "titel": .string(course.title),
                    "resume": .string(course.summary),
                    "dele": .array(municipality.parts(of: course).map { .string($0.id) }),
                    // As its page shows them: those it states, else those every part is for; null when none.
                    "diagnoser": diagnoses(course, in: municipality),
                    "målgruppe": course.targetDescription.json,
                    "holdstart": course.teamStarts.isEmpty ? .null : .array(course.upcomingTeamStarts(from: today).map(JSONValue.string)),
                    "ventetid_uger": course.waitingWeeks.map { .string($0.description) } ?? .null,
                    "pris": course.price.map { .string($0.text) } ?? .null,
                    "gratis": course.price.map { .bool($0.isFree) } ?? .null,
                    "telefon": course.contact(in: municipality)?.phone.json ?? .null,
                    "e_mail": course.contact(in: municipality)?.email.json ?? .null,
                    "side": .string(pageURL(course)),
                    "opdateret": .string(course.updated),
                ]
            }
        }
        let document: JSONValue = ["standard": .string(Exporter.softStandard), "forløb": .array(courses)]
        return document.rendered(pruning: false) + "\n"
    }

    static func diagnoses(_ course: Course, in municipality: Municipality) -> JSONValue {
        let codes = municipality.diagnoses(of: course)
        let labels = Vocabularies.diagnoses.terms.filter { codes.contains($0.code) }.map { JSONValue.string($0.label) }
        return labels.isEmpty ? .null : .array(labels)
    }
}
