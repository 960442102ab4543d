import Foundation
import KatalogCore

/// The words the search knows an offer by beyond its own text: the everyday words people type for
/// a disease, an intervention, a way of taking part or a time of day ("sukkersyge", "lunger",
/// "ondt i ryggen", "rygestop", "vægttab", "online", "om aftenen"). An offer is found by these
/// words only through what it states: a KOL offer by "lunger", an offer stated as digital by "online".
enum SearchWords {
    /// Everyday words by diagnosis or target group code, beside its label and its aliases.
    static let diagnoses: [String: [String]] = [
        "kol": ["lunger", "lungesygdom", "lungerne", "åndenød", "rygerlunger"],
        "type-2-diabetes": ["diabetes", "sukkersyge", "blodsukker", "type 2"],
        "diabetes": ["diabetes", "sukkersyge", "blodsukker"],
        "prædiabetes": ["diabetes", "sukkersyge", "blodsukker", "forstadie"],
        "hjerte-kar-sygdom": ["hjerte", "hjertet", "hjertesygdom", "blodprop", "hjertekarsygdom", "kredsløb", "hjerteflimmer"],
        "kræft": ["cancer", "kræftsygdom", "senfølger"],
        "muskel-skelet": ["ryg", "ryggen", "ondt", "smerter", "lænd", "gigt", "slidgigt", "led", "knæ", "hofte", "muskler"],
        "astma": ["lunger", "lungesygdom"],
        "anden-lungesygdom": ["lunger", "lungesygdom"],
        "osteoporose": ["knogler", "knogleskørhed"],
        "kroniske-smerter": ["smerter", "ondt"],
        "angst-og-depression": ["angst", "depression", "psykisk", "trist", "stress"],
        "let-til-moderat-depression": ["depression", "psykisk", "trist"],
        "rygere": ["rygning", "rygestop", "ryge", "tobak", "cigaretter", "snus", "nikotin", "damp", "dampe", "e-cigaret"],
        "alkoholforbrug": ["alkohol", "drikke", "druk"],
        "pårørende": ["pårørende", "familie"],
    ]

    static let interventions: [Intervention: [String]] = [
        .afklarendeSamtale: ["samtale", "sundhedssamtale", "afklaring", "første samtale"],
        .sygdomsmestring: ["patientuddannelse", "patientskole", "skole", "kursus", "mestring", "leve med sygdom"],
        .nikotinafvaenning: ["rygestop", "rygeafvænning", "rygning", "ryge", "ryger", "tobak", "cigaretter", "snus", "nikotin",
                             "dampe", "e-cigaret", "røgfri"],
        .fysiskAktivitet: ["træning", "træne", "motion", "bevægelse", "bevæge", "fysioterapeut", "genoptræning"],
        .ernaering: ["mad", "kost", "kostråd", "vægt", "vægttab", "tabe", "diætist", "måltider", "overvægt", "ernæring"],
        .alkohol: ["alkohol", "alkoholvaner", "drikke", "druk", "øl", "vin"],
        .andet: [],
    ]

    static let formats: [String: [String]] = [
        "digital": ["online", "nettet", "internet", "video", "app", "hjemmefra", "computer"],
        "telefon": ["telefon", "ringe", "telefonisk", "hjemmefra"],
        "fremmøde": ["fremmøde"],
        "forening": ["forening", "klub"],
        "egen-træning": ["hjemmetræning", "selvtræning", "hjemme"],
    ]

    static let times: [String: [String]] = [
        "dag": ["dag", "dagtimerne", "formiddag", "eftermiddag"],
        "aften": ["aften", "aftenen", "aftener", "efter arbejde"],
        "weekend": ["weekend", "lørdag", "søndag"],
    ]

    /// Words too common to tell offers apart; left out of the index and out of what a reader types.
    static let stopWords: Set<String> = [
        "af", "alle", "at", "de", "dem", "den", "der", "det", "din", "dig", "du", "efter", "eller", "en", "er", "et", "for", "fra",
        "fx", "får", "har", "hvad", "hvis", "hvor", "i", "ikke", "jeg", "kan", "kommune", "med", "men", "mig", "min", "og", "om",
        "op", "på", "sig", "som", "til", "ud", "var", "vi", "vil", "være", "år",
    ]

    /// The lowercased words of a text: runs of letters and digits (as `soeg.js` splits what a reader types).
    static func words(_ text: String) -> [Substring] {
        let lower = text.lowercasedLatin1
        var words: [Substring] = []
        var start: String.Index? = nil
        let scalars = lower.unicodeScalars
        for index in scalars.indices {
            let scalar = scalars[index]
            let isWord = scalar.isASCII ? ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if isWord, start == nil { start = index }
            if !isWord, let first = start {
                words.append(lower[first..<index])
                start = nil
            }
        }
        if let first = start { words.append(lower[first...]) }
        return words
    }

    /// The stems of each code's words: its label, its aliases and its everyday words (made once).
    static let diagnosisStems = codeStems(Vocabularies.diagnoses, diagnoses)
    static let formatStems = codeStems(Vocabularies.formats, formats)
    static let timeStems = codeStems(Vocabularies.timesOfDay, times)
    static let interventionStems = Dictionary(uniqueKeysWithValues: Intervention.allCases.map { intervention in
        (intervention, stems([intervention.label, intervention.everydayLabel] + (interventions[intervention] ?? [])))
    })

    /// The stems of each of `codes` from a table of them (a code outside the vocabulary by its own words).
    static func stems(of codes: [String], _ table: [String: [Int32]]) -> [[Int32]] {
        codes.map { table[$0] ?? stems([$0]) }
    }

    private static func codeStems(_ vocabulary: Vocabulary, _ everyday: [String: [String]]) -> [String: [Int32]] {
        Dictionary(uniqueKeysWithValues: vocabulary.terms.map { term in
            (term.code, stems([term.label] + term.aliases + (everyday[term.code] ?? [])))
        })
    }

    /// The numbers of the stems the index keeps for the words of texts (stop words left out) and
    /// the stems in `plus`, sorted.
    static func stems(_ texts: [String], plus: [[Int32]] = []) -> [Int32] {
        var stems = Set<Int32>(plus.joined())
        for text in texts {
            for word in words(text) {
                if let stem = StemTable.shared.number(of: word) { stems.insert(stem) }
            }
        }
        return stems.sorted()
    }
}

/// Every word the index has met, stemmed once, and every stem numbered once: an index entry holds
/// its stems' numbers, so gathering thousands of entries counts numbers instead of hashing text.
/// Kept for the process (a catalog's words are a vocabulary, not its text); the numbers depend on
/// the order words are met, never the output, which is sorted by the stems themselves.
final class StemTable: @unchecked Sendable {
    static let shared = StemTable()
    /// Read far more than written (a word is stemmed once, then looked up in every offer that has
    /// it), so readers share the lock: with one mutex, the threads that make the search's entries
    /// waited on each other at every word.
    private let lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)
    /// Each word's stem number; a stop word has none.
    private var words: [String: Int32?] = [:]
    private var numbers: [String: Int32] = [:]
    private var stems: [String] = []

    init() { pthread_rwlock_init(lock, nil) }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    private func reading<T>(_ body: () -> T) -> T {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return body()
    }

    private func writing<T>(_ body: () -> T) -> T {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return body()
    }

    /// The stem number of a lowercased word, or nil for a stop word.
    func number(of word: Substring) -> Int32? {
        let word = String(word)
        if let known = reading({ words[word] }) { return known }
        let stem = SearchWords.stopWords.contains(word) ? nil : DanishStemmer.stem(word)
        return writing {
            let number = stem.map { stem in
                numbers[stem] ?? {
                    stems.append(stem)
                    numbers[stem] = Int32(stems.count - 1)
                    return Int32(stems.count - 1)
                }()
            }
            words[word] = number
            return number
        }
    }

    /// The stems by number, as far as they are known now.
    var all: [String] { reading { stems } }
}
