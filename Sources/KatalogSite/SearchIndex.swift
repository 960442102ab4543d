import Foundation
import KatalogCore
import KatalogSupport

/// The search's index, in small files under `soeg/` that `soeg.js` loads as it needs them, so a
/// national catalog's search fetches a few kilobytes per query, not every offer:
/// - `soeg/start.js`: the municipalities (name, slug, the range of their offers' numbers,
///   postcodes), the stop words, the languages offers name, and which `t/` files there are;
/// - `soeg/t/KEY.js`: for the stems that begin with KEY's two letters, the offers that have them;
/// - `soeg/f/PATH.js`: the offers of one filter value (PATH is its list page: `diagnose/kol`),
///   and `soeg/f/alder.js`, the stated age limits;
/// - `soeg/k/SLUG.js`: what a result shows of each offer of one municipality.
///
/// Offers are numbered in the order of the sorted municipalities and, within one, by title (its
/// courses after its modules, by title), so a
/// municipality's offers are one range and a result's municipality is found without a file.
/// Lists of numbers are written as differences in base 36 ("0,1,3,a"). Each file is a script that
/// calls `TILBUDSSOEG.add(name, data)`, so the search works from `file://` and any static host.
///
/// Written here rather than with Pagefind (PyPI `pagefind-bin`): Pagefind's indexing of the
/// module pages of a 4,000-module catalog took longer than katalog's whole build (see the note of
/// issue 20), its default interface needs JavaScript for everything, and it has no everyday words
/// (`SearchWords`), postcodes or filters by what an offer states.
enum SearchIndex {
    /// One module's part of the search, made once per module (and kept while it is unchanged).
    struct Entry: Sendable {
        /// The stems the module is found by, as their numbers in `StemTable` (sorted).
        let stems: [Int32]
        /// The filter values it has, as the paths of their files under `soeg/f/`.
        let filters: [String]
        let minimumAge: Int?
        let maximumAge: Int?
        /// The languages it names, lowercased (the language filter's choices).
        let languages: [String]
        /// What a result shows: title, page, summary and a status notice, as a JSON array.
        let row: String
    }

    static func entry(_ module: Module, _ summary: ModuleSummaryView, in municipality: Municipality) -> Entry {
        let intervention = module.intervention
        var texts = [module.title, module.summary, module.targetDescription ?? "", module.body.prose, municipality.name,
                     intervention.label, intervention.everydayLabel] + (SearchWords.interventions[intervention] ?? [])
        texts += words(module.diagnoses, Vocabularies.diagnoses, SearchWords.diagnoses)
            + words(module.formats, Vocabularies.formats, SearchWords.formats)
            + words(module.timesOfDay, Vocabularies.timesOfDay, SearchWords.times)
            + module.staff.map { Vocabularies.professions.label($0) } + module.languages

        var filters = [SiteModel.interventionPath(intervention)] + module.diagnoses.map(SiteModel.diagnosisPath)
            + module.formats.map(SiteModel.formatPath) + module.timesOfDay.map(SiteModel.timePath)
        filters = filters.map { String($0.dropLast(".html".count)) }
        // Only what is stated: an offer that does not say it is anonymous, or names no language, is not found by these filters.
        let languages = module.languages.map { $0.trimmingWhitespace.lowercased() }
        filters += languages.map { "sprog/" + Slug.make($0) }
        if module.interpreter == true { filters.append("tolk") }
        if module.anonymous == true { filters.append("anonym") }

        let view = summary.view
        return Entry(stems: SearchWords.stems(texts), filters: Array(Set(filters)).sorted(),
                     minimumAge: module.eligibility.minimumAge, maximumAge: module.eligibility.maximumAge, languages: languages,
                     row: row(view.title, view.url, view.summary, notice: view.statusNotice))
    }

    /// A course's entry: found by its own text, its diagnoses and its parts' titles; filtered by its diagnoses.
    static func entry(_ course: Course, parts: [Module], in municipality: Municipality) -> Entry {
        let diagnoses = municipality.diagnoses(of: course).sorted()
        let texts = [course.title, course.summary, course.targetDescription ?? "", course.body.prose, municipality.name, "forløb"]
            + parts.map(\.title) + words(diagnoses, Vocabularies.diagnoses, SearchWords.diagnoses)
        let filters = diagnoses.map { String(SiteModel.diagnosisPath($0).dropLast(".html".count)) }
        let summary = course.summary + " Forløbet består af: " + parts.map(\.title).joined(separator: ", ") + "."
        return Entry(stems: SearchWords.stems(texts), filters: filters, minimumAge: nil, maximumAge: nil, languages: [],
                     row: row(course.title, course.pagePath, summary, notice: nil))
    }

    /// The words an offer is found by for the codes it states: each term's label, aliases and everyday words.
    private static func words(_ codes: [String], _ vocabulary: Vocabulary, _ everyday: [String: [String]]) -> [String] {
        codes.flatMap { code in
            let term = vocabulary.terms.first { $0.code == code }
            return [term?.label ?? code] + (term?.aliases ?? []) + (everyday[code] ?? [])
        }
    }

    /// What a result shows, as the JSON array `soeg.js` reads.
    private static func row(_ title: String, _ url: String, _ summary: String, notice: String?) -> String {
        JSONValue.array([.string(title), .string(url), .string(summary), notice.map(JSONValue.string) ?? .null]).compact
    }

    /// The file of a stem's two first letters: `t/` and the letters, each outside a-z and 0-9 as
    /// `_` and its code point in hex (`soeg.js` names them the same way).
    static func termFile(_ stem: String) -> String {
        "t/" + stem.prefix(2).unicodeScalars.map { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) ? String(scalar) : "_" + String(scalar.value, radix: 16)
        }.joined()
    }

    /// The search's files, from each municipality's entries in title order (municipalities sorted).
    static func files(_ municipalities: [(municipality: Municipality, entries: [Entry])]) -> [GeneratedFile] {
        var number = 0
        let stems = StemTable.shared.all
        var postings = [[Int]](repeating: [], count: stems.count), filters: [String: [Int]] = [:]
        var ages: [JSONValue] = [], places: [JSONValue] = [], languages: [String: String] = [:]
        var files: [GeneratedFile] = []
        for (municipality, entries) in municipalities {
            places.append([.string(municipality.name), .string(municipality.slug), .number(number), .number(entries.count),
                           .array(municipality.postcodes.map(JSONValue.string))])
            for entry in entries {
                for stem in entry.stems { postings[Int(stem)].append(number) }
                for filter in entry.filters { filters[filter, default: []].append(number) }
                if entry.minimumAge != nil || entry.maximumAge != nil {
                    ages.append([.number(number), entry.minimumAge.map(JSONValue.number) ?? .null,
                                 entry.maximumAge.map(JSONValue.number) ?? .null])
                }
                for language in entry.languages { languages[Slug.make(language)] = language }
                number += 1
            }
            files.append(file("k/" + municipality.slug, "[" + entries.map(\.row).joined(separator: ",") + "]"))
        }
        let shards = Dictionary(grouping: postings.indices.filter { !postings[$0].isEmpty }) { termFile(stems[$0]) }
        for (name, numbers) in shards {
            let members = numbers.map { (stems[$0], JSONValue.string(encode(postings[$0]))) }.sorted { $0.0 < $1.0 }
            files.append(file(name, JSONValue.object(JSONObject(members)).compact))
        }
        for (name, numbers) in filters {
            files.append(file("f/" + name, JSONValue.string(encode(numbers)).compact))
        }
        files.append(file("f/alder", JSONValue.array(ages).compact))
        let start = JSONValue.object([
            "kommuner": .array(places),
            // The stems' files there are (a word of no file finds nothing, without asking for it).
            "ord": .array(shards.keys.sorted().map { .string(String($0.dropFirst("t/".count))) }),
            "stopord": .array(SearchWords.stopWords.sorted().map(JSONValue.string)),
            "sprog": .array(languages.filter { $0.value != "dansk" }.sorted { $0.value < $1.value }
                .map { [.string($0.key), .string($0.value)] }),
        ]).compact
        files.append(file("start", start))
        return files.sorted { $0.path < $1.path }
    }

    /// Sorted numbers as their differences in base 36.
    static func encode(_ numbers: [Int]) -> String {
        var previous = 0
        return numbers.map { number in
            defer { previous = number }
            return String(number - previous, radix: 36)
        }.joined(separator: ",")
    }

    /// A file of the index: a script that hands `json` to the search.
    private static func file(_ name: String, _ json: String) -> GeneratedFile {
        // "</" would end a script element early.
        let script = Piece("// Genereret af katalog build. Rediger ikke.\nTILBUDSSOEG.add(\"\(name)\", "
            + json.replacingOccurrences(of: "</", with: "<\\/") + ");\n")
        return GeneratedFile(path: "soeg/\(name).js", key: { script.hash }, make: { [script.text] })
    }
}
