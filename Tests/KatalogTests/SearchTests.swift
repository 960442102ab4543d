import Foundation
import KatalogCLI
import KatalogCore
import KatalogLoad
import KatalogSupport
@testable import KatalogSite
import Testing

/// What a reader types, and which offers of the example catalog it must find (decided from what
/// the offers state, not from what the search answered).
struct SearchCase: Sendable, CustomStringConvertible {
    /// The search page's address parameters: `q` is what is typed, the rest are choices.
    let parameters: [String: String]
    /// Offers (`kommune/fil`) it must find; with `exactly`, it must find no other.
    let finds: @Sendable (Catalog) -> Set<String>
    var exactly = true
    /// Offers it must not find.
    var notFinds: Set<String> = []
    /// Text the heading or the help must contain.
    var says: [String] = []
    /// Offers one of which must come first.
    var first: (@Sendable (Catalog) -> Set<String>)? = nil

    var description: String { parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&") }

    /// The modules that `include` takes, and the courses for a diagnosis in `courses` (stated, or of every part).
    static func offers(courses: Set<String> = [], _ include: @escaping @Sendable (Module) -> Bool) -> @Sendable (Catalog) -> Set<String> {
        { catalog in
            Set(catalog.municipalities.flatMap(\.modules).filter(include).map(\.id) + catalog.municipalities.flatMap { m in
                m.courses.filter { !m.diagnoses(of: $0).isDisjoint(with: courses) }.map { "\(m.slug)/\($0.slug)" }
            })
        }
    }

    static func named(_ ids: Set<String>) -> @Sendable (Catalog) -> Set<String> { { _ in ids } }
}

@Suite("Search that finds what people type", .serialized)
struct SearchTests {
    static let diabetes: Set<String> = ["type-2-diabetes", "diabetes", "prædiabetes"]
    static let nicotine = SearchCase.offers { $0.intervention == .nikotinafvaenning }

    /// The query table (the note of issue 20 shows it with what was found).
    static let table: [SearchCase] = [
        SearchCase(parameters: ["q": "kol"], finds: SearchCase.offers(courses: ["kol"]) { $0.diagnoses.contains("kol") },
                   says: ["tilbud for »kol« i 2 kommuner"]),
        SearchCase(parameters: ["q": "KOL"], finds: SearchCase.offers(courses: ["kol"]) { $0.diagnoses.contains("kol") }),
        // Offers named by the words come first.
        SearchCase(parameters: ["q": "kol", "kommune": "skovlund"], finds: SearchCase.offers(courses: ["kol"]) {
            $0.diagnoses.contains("kol") && $0.municipalitySlug == "skovlund"
        }, first: SearchCase.named(["skovlund/kol-skolen", "skovlund/kol-traening", "skovlund/kol-kost", "skovlund/kol-rehabilitering"])),
        SearchCase(parameters: ["q": "lunger"], finds: SearchCase.offers(courses: ["kol"]) {
            !Set($0.diagnoses).isDisjoint(with: ["kol", "anden-lungesygdom"])
        }),
        // A course is found by its own words.
        SearchCase(parameters: ["q": "rehabilitering"], finds: SearchCase.named(["skovlund/kol-rehabilitering"])),
        SearchCase(parameters: ["q": "sukkersyge"], finds: SearchCase.offers { !Set($0.diagnoses).isDisjoint(with: diabetes) },
                   notFinds: ["fjordby/hjertetraening", "skovlund/kol-traening"]),
        SearchCase(parameters: ["q": "sukersyge"], finds: SearchCase.offers { !Set($0.diagnoses).isDisjoint(with: diabetes) },
                   says: ["Vi fandt ikke »sukersyge« præcist"]),
        SearchCase(parameters: ["q": "hjertet"], finds: SearchCase.named(["fjordby/hjertetraening"]), exactly: false,
                   notFinds: ["skovlund/kol-traening", "skovlund/traening-efter-kraeft"]),
        SearchCase(parameters: ["q": "ondt i ryggen"], finds: SearchCase.named(["fjordby/traening-paa-hold", "skovlund/traening-i-naturen"]),
                   exactly: false, notFinds: ["fjordby/hjertetraening", "skovlund/kol-traening", "fjordby/diabetesskolen"],
                   // "ryg" is the back here: an offer named "Rygestop …" is not lifted to the top.
                   first: SearchCase.offers { $0.diagnoses.contains("muskel-skelet") && $0.intervention != .nikotinafvaenning }),
        SearchCase(parameters: ["q": "rygestop"], finds: nicotine),
        SearchCase(parameters: ["q": "rygning"], finds: nicotine, exactly: false, notFinds: ["fjordby/hjertetraening"]),
        SearchCase(parameters: ["q": "vægttab"], finds: SearchCase.offers { $0.intervention == .ernaering }, exactly: false,
                   notFinds: ["fjordby/rygestop-paa-hold", "skovlund/kol-traening"]),
        SearchCase(parameters: ["q": "alkohol"], finds: SearchCase.offers { $0.intervention == .alkohol }, exactly: false,
                   notFinds: ["fjordby/traening-paa-hold"]),
        SearchCase(parameters: ["q": "online"], finds: SearchCase.offers { $0.formats.contains("digital") }),
        SearchCase(parameters: ["q": "om aftenen"], finds: SearchCase.offers { $0.timesOfDay.contains("aften") }, exactly: false,
                   notFinds: ["fjordby/hjertetraening", "skovlund/kol-traening"]),
        SearchCase(parameters: ["q": "træning kol"], finds: SearchCase.offers { $0.intervention == .fysiskAktivitet && $0.diagnoses.contains("kol") },
                   exactly: false, notFinds: ["fjordby/hjertetraening", "skovlund/traening-efter-kraeft", "fjordby/rygestop-paa-hold"]),
        SearchCase(parameters: ["q": "træning 9980"], finds: SearchCase.named(["skovlund/kol-traening", "skovlund/traening-aftenhold"]),
                   exactly: false, notFinds: ["fjordby/traening-paa-hold"], says: ["i Skovlund Kommune"]),
        SearchCase(parameters: ["q": "9990"], finds: SearchCase.offers { $0.municipalitySlug == "fjordby" }, says: ["i Fjordby Kommune"]),
        SearchCase(parameters: ["q": "8000"], finds: SearchCase.named([]), says: ["Ingen tilbud passer", "Postnummer 8000 hører ikke til"]),
        SearchCase(parameters: ["q": "xyzzy"], finds: SearchCase.named([]), says: ["Vi kender ikke ordet »xyzzy«"]),
        SearchCase(parameters: ["q": "diætist"], finds: SearchCase.named(["fjordby/diaetbehandling", "skovlund/diaetist"]), exactly: false),
        SearchCase(parameters: ["q": "diabetesskolen"], finds: SearchCase.named(["fjordby/diabetesskolen"]), exactly: false),
        SearchCase(parameters: ["diagnose": "diagnose/kol.html", "kommune": "fjordby", "indsats": "indsats/alkohol.html"],
                   finds: SearchCase.named(["fjordby/alkoholsamtale"]), says: ["(valgt: Tal om dine alkoholvaner, KOL) i Fjordby Kommune"]),
        SearchCase(parameters: ["anonym": "anonym"], finds: SearchCase.offers { $0.anonymous == true }),
        SearchCase(parameters: ["sprog": "sprog/arabisk"], finds: SearchCase.offers { $0.languages.contains("arabisk") }),
        SearchCase(parameters: ["sprog": "sprog/arabisk", "tolk": "tolk"],
                   finds: SearchCase.offers { $0.languages.contains("arabisk") && $0.interpreter == true }),
        // An age leaves out the offers whose stated limits exclude it, and keeps those that state none.
        SearchCase(parameters: ["q": "træning", "alder": "15"], finds: SearchCase.named(["fjordby/traening-paa-hold"]), exactly: false,
                   notFinds: ["skovlund/kol-traening", "fjordby/hjertetraening"]),
    ]

    @Test("a table of queries finds the offers they must, in headless Chromium, grouped by municipality with counts")
    func queries() throws {
        let site = repositoryRoot + "/.build/search-site"
        try? FileManager.default.removeItem(atPath: site)
        #expect(Katalog.run(["build", "--content", exampleContent, "--output", site, "--templates", templates], console: Console(capture: true)) == 0)
        let catalog = try ContentLoader().load(root: exampleContent)
        let shots = repositoryRoot + "/.build/screenshots"
        let request: [String: Any] = ["queries": Self.table.map(\.parameters), "file": true, "shots": ["dir": shots, "q": "træning kol"]]
        let answers = try Self.ask(site, request)
        let results = try #require(answers["queries"] as? [[String: Any]])
        #expect(results.count == Self.table.count)
        for (query, result) in zip(Self.table, results) {
            let found = (result["found"] as? [String] ?? []).map { String($0.dropLast(".html".count)) }
            let shown = (result["heading"] as? String ?? "") + " | " + (result["help"] as? [String] ?? []).joined(separator: " | ")
            let expected = query.finds(catalog)
            #expect(Set(found).count == found.count, "\(query): an offer is shown once: \(found)")
            let wrong = query.exactly ? Set(found).symmetricDifference(expected) : expected.subtracting(found)
            #expect(wrong.isEmpty, "\(query): \(query.exactly ? "differs in" : "misses") \(wrong.sorted()) | \(shown)")
            let unwanted = query.notFinds.intersection(found)
            #expect(unwanted.isEmpty, "\(query): must not find \(unwanted.sorted())")
            for text in query.says { #expect(shown.contains(text), "\(query): \(shown)") }
            if let first = query.first?(catalog) { #expect(found.first.map(first.contains) == true, "\(query): first \(found.prefix(3))") }
            // The heading says how many, and each municipality's group says its count.
            if !found.isEmpty {
                #expect(shown.hasPrefix("\(found.count) tilbud"), "\(query): \(shown)")
                let groups = result["groups"] as? [String] ?? []
                let counted = groups.compactMap { Int($0.split(separator: ":").last?.split(separator: " ").first ?? "") }.reduce(0, +)
                #expect(counted == found.count, "\(query): \(groups)")
            }
        }
        #expect(answers["fromFile"] as? String == "28 tilbud for »kol« i 2 kommuner.", "from file://: \(answers["fromFile"] ?? "")")
        for width in [1280, 375] {
            let size = (try? FileManager.default.attributesOfItem(atPath: "\(shots)/soeg-\(width).png")[.size] as? Int) ?? 0
            #expect(size > 10_000, "screenshot soeg-\(width).png")
        }
        #expect((answers["console"] as? [String] ?? []).filter { !$0.contains("favicon") }.isEmpty, "\(answers["console"] ?? "")")
    }

    @Test("the stemmers of the index (Swift) and of the search page (JavaScript) equal the reference Snowball stemmer")
    func stemmers() throws {
        let text = try String(contentsOfFile: repositoryRoot + "/Tests/Standard/kvalitetsstandarder-2024.txt", encoding: .utf8)
        let words = Array(Set(SearchWords.words(text).map(String.init) + ["lunger", "ryggen", "hjertet", "aftenen", "sukkersyge",
            "rygning", "løst", "vigtigst", "frihed", "kræftsygdomme", "æbler", "øjne"])).sorted()
        #expect(words.count > 2000)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ord-\(UUID().uuidString).txt").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try words.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let (status, output) = try runTool(["python3", "-c", """
            import sys, snowballstemmer
            s = snowballstemmer.stemmer("danish")
            print("\\n".join(s.stemWord(w) for w in open(sys.argv[1], encoding="utf-8").read().split("\\n")))
            """, file])
        #expect(status == 0, "run script/setup --test: \(output)")
        let reference = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let swift = words.map(DanishStemmer.stem)
        let differences = zip(words, zip(swift, reference)).filter { $1.0 != $1.1 }
        #expect(differences.isEmpty, "\(differences.prefix(10))")

        let site = repositoryRoot + "/.build/search-stem-site"
        try? FileManager.default.removeItem(atPath: site)
        #expect(Katalog.run(["build", "--content", exampleContent, "--output", site, "--templates", templates], console: Console(capture: true)) == 0)
        let answers = try Self.ask(site, ["stems": words])
        let javascript = answers["stems"] as? [String] ?? []
        let jsDifferences = zip(words, zip(javascript, reference)).filter { $1.0 != $1.1 }
        #expect(javascript.count == words.count && jsDifferences.isEmpty, "\(jsDifferences.prefix(10))")
    }

    @Test("words looked up from many threads at once get one number per stem, and the number names that stem")
    func stemNumbersUnderThreads() {
        let table = StemTable()
        let words = ["træning", "træningen", "træne", "lunger", "lungerne", "og", "rygestop", "kost", "kostråd", "hjertet", "hjerte"]
            .flatMap { word in (0..<40).map { "\(word)\($0 % 4 == 0 ? "" : String($0))" } }
        let numbers = Parallel.map(words.shuffled()) { word in (word, table.number(of: Substring(word))) }
        let all = table.all
        var byWord: [String: Int32?] = [:]
        for (word, number) in numbers {
            if let seen = byWord[word] { #expect(seen == number, "\(word)") }
            byWord[word] = number
            let stem = SearchWords.stopWords.contains(word) ? nil : DanishStemmer.stem(word)
            #expect(number.map { all[Int($0)] } == stem, "\(word)")
        }
        #expect(Set(all).count == all.count)
        #expect(byWord["og"] == .some(nil))
    }

    @Test("numbers are written as their differences in base 36, as String(radix:) writes them")
    func numbers() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let numbers = (0..<Int.random(in: 0...50, using: &generator)).map { _ in Int.random(in: 0...100_000, using: &generator) }.sorted()
            var previous = 0
            let expected = numbers.map { number in
                defer { previous = number }
                return String(number - previous, radix: 36)
            }.joined(separator: ",")
            #expect(SearchIndex.encode(numbers) == expected, "\(numbers)")
        }
        #expect(SearchIndex.encode([0, 1, 36, 36 + 1296]) == "0,1,z,100")
    }

    /// Runs `Tests/tools/search.py` on a site with a request.
    static func ask(_ site: String, _ request: [String: Any]) throws -> [String: Any] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("soeg-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try JSONSerialization.data(withJSONObject: request).write(to: URL(fileURLWithPath: file))
        let (status, output) = try runTool(["python3", repositoryRoot + "/Tests/tools/search.py", site, file])
        #expect(status == 0, "the browser search failed (run script/setup --test):\n\(output)")
        let line = output.split(separator: "\n").last.map(String.init) ?? ""
        return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
    }
}

@Suite("National lists at scale")
struct NationalListTests {
    @Test("a national list longer than 100 offers is an overview by municipality that links to each one's own list; a short one lists them")
    func overview() throws {
        var files: [String: String] = [:]
        for (slug, name, code) in [("aby", "Aby Kommune", "0997"), ("bby", "Bby Kommune", "0998"), ("cby", "Cby Kommune", "0999")] {
            files["\(slug)/kommune.yml"] = validMunicipality.replacingOccurrences(of: "Testby Kommune", with: name)
                .replacingOccurrences(of: "\"0999\"", with: "\"\(code)\"")
            for number in 1...40 { files["\(slug)/hold-\(number).md"] = validModule(titel: "Hold \(number)") }
        }
        files["cby/hold-40.md"] = validModule(titel: "Hold 40", extra: "tidspunkter: [aften]").replacingOccurrences(of: "format: [fremmøde]",
                                                                                                                   with: "format: [digital]")
        let catalog = try TempCatalog(files)
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        func page(_ path: String) -> String {
            String(decoding: FileManager.default.contents(atPath: catalog.output + "/" + path) ?? Data(), as: UTF8.self)
        }
        let kol = page("diagnose/kol.html")
        #expect(!kol.contains("class=\"modules\""), "120 offers: no offer listed one by one")
        #expect(kol.contains("120 tilbud i 3 af 3 kommuner. Vælg en kommune for at se dens tilbud."), "\(kol)")
        #expect(kol.contains("<li><a href=\"../aby/sygdom/kol.html\">Aby Kommune</a>: 40 tilbud"), "\(kol)")
        #expect(page("aby/sygdom/kol.html").components(separatedBy: "<li").count - 1 >= 40, "the municipality's own list has its 40")
        let training = page("indsats/fysisk-aktivitet.html")
        #expect(training.contains("<a href=\"../bby/index.html#fysisk-aktivitet\">Bby Kommune</a>: 40 tilbud"), "\(training)")
        #expect(page("bby/index.html").contains("<section id=\"fysisk-aktivitet\">"), "the link's target exists")
        // One digital offer in the evening: listed, and its municipality's own lists exist.
        let digital = page("format/digital.html")
        #expect(digital.contains("href=\"../cby/hold-40.html\"") && digital.contains("href=\"../cby/format/digital.html\""), "\(digital)")
        #expect(page("cby/format/digital.html").contains("href=\"../../cby/hold-40.html\""))
        #expect(page("cby/tidspunkt/aften.html").contains("<h1>Tilbud i Cby Kommune om aftenen</h1>"))
        #expect(!FileManager.default.fileExists(atPath: catalog.output + "/aby/format/digital.html"), "no list without offers")
    }
}
