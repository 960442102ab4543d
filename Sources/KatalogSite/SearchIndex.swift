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
        let texts = [module.title, module.summary, module.targetDescription ?? "", module.body.prose, municipality.name]
            + module.staff.map { Vocabularies.professions.label($0) } + module.languages
        let codes = [SearchWords.interventionStems[intervention] ?? []]
            + SearchWords.stems(of: module.diagnoses, SearchWords.diagnosisStems)
            + SearchWords.stems(of: module.formats, SearchWords.formatStems)
            + SearchWords.stems(of: module.timesOfDay, SearchWords.timeStems)
        let stems = SearchWords.stems(texts, plus: codes)

        var filters = ([SiteModel.interventionPath(intervention)] + module.diagnoses.map(SiteModel.diagnosisPath)
            + module.formats.map(SiteModel.formatPath) + module.timesOfDay.map(SiteModel.timePath)).map(filter)
        // Only what is stated: an offer that does not say it is anonymous, or names no language, is not found by these filters.
        let languages = module.languages.map { $0.trimmingWhitespace.lowercased() }
        filters += languages.map { "sprog/" + Slug.make($0) }
        if module.interpreter == true { filters.append("tolk") }
        if module.anonymous == true { filters.append("anonym") }

        let view = summary.view
        return Entry(stems: stems, filters: Array(Set(filters)).sorted(), minimumAge: module.eligibility.minimumAge,
                     maximumAge: module.eligibility.maximumAge, languages: languages,
                     row: row(view.title, view.url, view.summary, notice: view.statusNotice))
    }

    /// A course's entry: found by its own text, its diagnoses and its parts' titles; filtered by its diagnoses.
    static func entry(_ course: Course, parts: [Module], in municipality: Municipality) -> Entry {
        let diagnoses = municipality.diagnoses(of: course).sorted()
        let texts = [course.title, course.summary, course.targetDescription ?? "", course.body.prose, municipality.name, "forløb"]
            + parts.map(\.title)
        let stems = SearchWords.stems(texts, plus: SearchWords.stems(of: diagnoses, SearchWords.diagnosisStems))
        let filters = diagnoses.map { filter(SiteModel.diagnosisPath($0)) }
        let summary = course.summary + " Forløbet består af: " + parts.map(\.title).joined(separator: ", ") + "."
        return Entry(stems: stems, filters: filters, minimumAge: nil, maximumAge: nil, languages: [],
                     row: row(course.title, course.pagePath, summary, notice: nil))
    }

    /// A filter value's file under `soeg/f/`, named by its list page (`diagnose/kol.html` → `diagnose/kol`),
    /// as `soeg.js` names it from the value of the search page's choice.
    private static func filter(_ listPath: String) -> String { String(listPath.dropLast(".html".count)) }

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

    /// The search's files, from each municipality's part (municipalities sorted).
    static func files(_ municipalities: [(municipality: Municipality, part: Part)]) -> [GeneratedFile] {
        let stems = StemTable.shared.all
        var firsts: [Int] = [], total = 0
        for (_, part) in municipalities {
            firsts.append(total)
            total += part.count
        }
        // The municipalities' offers joined in order, numbered from each one's first: the numbers
        // of one stem stay sorted.
        var postings = [[Int]](repeating: [], count: stems.count), filters: [String: [Int]] = [:]
        var ages: [JSONValue] = [], languages: [String: String] = [:]
        for ((_, part), first) in zip(municipalities, firsts) {
            for (stem, numbers) in part.postings { postings[Int(stem)] += numbers.map { $0 + first } }
            for (filter, numbers) in part.filters { filters[filter, default: []] += numbers.map { $0 + first } }
            ages += part.ages.map { [.number($0.offer + first), $0.minimum.map(JSONValue.number) ?? .null,
                                     $0.maximum.map(JSONValue.number) ?? .null] }
            languages.merge(part.languages) { first, _ in first }
        }
        let places = municipalities.indices.map { index -> JSONValue in
            let municipality = municipalities[index].municipality
            return [.string(municipality.name), .string(municipality.slug), .number(firsts[index]),
                    .number(municipalities[index].part.count), .array(municipality.postcodes.map(JSONValue.string))]
        }
        let shards = Dictionary(grouping: postings.indices.filter { !postings[$0].isEmpty }) { termFile(stems[$0]) }
        var files = Parallel.map(shards.keys.sorted()) { name in
            // A stem is letters and digits only (`SearchWords.words`): nothing in it to escape in JSON.
            let members = shards[name]!.map { (stems[$0], encode(postings[$0])) }.sorted { $0.0 < $1.0 }
            return file(name, "{" + members.map { "\"\($0.0)\":\"\($0.1)\"" }.joined(separator: ",") + "}")
        }
        files += municipalities.map { file("k/" + $0.municipality.slug, $0.part.results) }
        files += filters.map { file("f/" + $0.key, JSONValue.string(encode($0.value)).compact) }
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

    /// One municipality's part of the search, from its entries in title order (its courses after
    /// its modules), its offers numbered from 0: the offers of each stem and filter, the stated
    /// ages, the languages, and what its results show (`k/SLUG.js`). Made once per municipality
    /// and kept while its files are unchanged.
    struct Part: Sendable {
        private(set) var postings: [Int32: [Int]] = [:], filters: [String: [Int]] = [:]
        private(set) var ages: [(offer: Int, minimum: Int?, maximum: Int?)] = [], languages: [String: String] = [:]
        let count: Int
        let results: String

        init(_ entries: [Entry]) {
            for (number, entry) in entries.enumerated() {
                for stem in entry.stems { postings[stem, default: []].append(number) }
                for filter in entry.filters { filters[filter, default: []].append(number) }
                if entry.minimumAge != nil || entry.maximumAge != nil { ages.append((number, entry.minimumAge, entry.maximumAge)) }
                for language in entry.languages { languages[Slug.make(language)] = language }
            }
            count = entries.count
            results = "[" + entries.map(\.row).joined(separator: ",") + "]"
        }
    }

    /// Sorted numbers as their differences in base 36 (written as bytes: a national index has
    /// millions of them, and a String per number was most of the time of gathering it).
    static func encode(_ numbers: [Int]) -> String {
        let digits = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)
        var bytes: [UInt8] = [], reversed: [UInt8] = []
        bytes.reserveCapacity(numbers.count * 3)
        var previous = 0
        for number in numbers {
            if !bytes.isEmpty { bytes.append(UInt8(ascii: ",")) }
            var difference = number - previous
            previous = number
            reversed.removeAll(keepingCapacity: true)
            repeat {
                reversed.append(digits[difference % 36])
                difference /= 36
            } while difference > 0
            for digit in reversed.indices.reversed() { bytes.append(reversed[digit]) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A file of the index: a script that hands `json` to the search.
    private static func file(_ name: String, _ json: String) -> GeneratedFile {
        // "</" would end a script element early (rare: looked for first, as the index is made on every rebuild).
        let safe = json.containsText("</") ? json.replacingOccurrences(of: "</", with: "<\\/") : json
        let script = Piece("// Genereret af katalog build. Rediger ikke.\nTILBUDSSOEG.add(\"\(name)\", " + safe + ");\n")
        return GeneratedFile(path: "soeg/\(name).js", key: { script.hash }, make: { [script.text] })
    }
}
