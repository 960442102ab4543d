import Foundation
import KatalogCore
import KatalogSupport
@testable import KatalogLoad
import Testing
import Yams

@Suite("Loading the example catalog")
struct ExampleCatalogTests {
    @Test("both example municipalities load with at least 12 modules each")
    func loadsExample() throws {
        let catalog = try ContentLoader().load(root: exampleContent)
        #expect(catalog.municipalities.map(\.slug) == ["fjordby", "skovlund"])
        for municipality in catalog.municipalities {
            #expect(municipality.modules.count >= 12, "\(municipality.name)")
            #expect(municipality.isExample)
        }
        #expect(catalog.modules.count == 31)
    }

    @Test("every municipality covers every intervention (and an offer outside the six), variant, form and format the issue asks for")
    func coversEverything() throws {
        let catalog = try ContentLoader().load(root: exampleContent)
        for municipality in catalog.municipalities {
            let modules = municipality.modules
            #expect(Set(modules.map(\.intervention)) == Set(Intervention.allCases), "\(municipality.name)")
            #expect(Set(modules.compactMap(\.variant)) == Set(Variant.allCases), "\(municipality.name)")
            let forms = Set(modules.flatMap(\.forms)), formats = Set(modules.flatMap(\.formats))
            #expect(forms.isSuperset(of: ["hold", "individuel"]))
            #expect(formats.isSuperset(of: ["fremmøde", "digital"]))
        }
    }

    @Test("the example reads like a real municipality's: offers for one diagnosis beside cross-diagnosis ones, and the facts GPs ask for")
    func realistic() throws {
        let catalog = try ContentLoader().load(root: exampleContent)
        let five: Set<String> = ["kol", "type-2-diabetes", "hjerte-kar-sygdom", "kræft", "muskel-skelet"]
        for municipality in catalog.municipalities {
            let modules = municipality.modules
            // A diagnosis page is not the municipality page again: some offers are for one diagnosis only.
            let specific = modules.filter { $0.diagnoses.count == 1 }
            #expect(specific.count >= 2, "\(municipality.name): \(specific.map(\.id))")
            #expect(modules.filter { five.isSubset(of: $0.diagnoses) }.count >= 5, "\(municipality.name): cross-diagnosis offers")
            #expect((12...16).contains(modules.count), "\(municipality.name): \(modules.count) modules")
            // The facts of issue 18, each stated somewhere in each municipality.
            #expect(modules.contains { !$0.teamStarts.isEmpty && $0.placesPerTeam != nil }, "\(municipality.name): team starts")
            #expect(modules.contains { $0.fields.quantity(ModuleKey.waitingWeeks) != nil }, "\(municipality.name): waiting time")
            #expect(modules.contains { $0.eligibility.minimumAge != nil && $0.eligibility.residence != nil
                && !$0.eligibility.criteria.isEmpty && !$0.eligibility.notFor.isEmpty }, "\(municipality.name): who may join")
            #expect(modules.contains { !$0.followUps.isEmpty }, "\(municipality.name): follow-up sessions")
            #expect(modules.contains { $0.intervention == .andet }, "\(municipality.name): an offer outside the six")
            #expect(modules.contains { $0.interpreter == true }, "\(municipality.name): interpreter")
            #expect(modules.contains { $0.places.contains { $0.accessibility != nil } }, "\(municipality.name): accessibility")
            #expect(modules.contains { $0.provider?.external == true || !($0.provider?.partners.isEmpty ?? true) },
                    "\(municipality.name): a provider or partner")
            #expect(modules.contains { $0.subsidy != nil || $0.medicationHandedOut == true }, "\(municipality.name): nicotine medication")
        }
        let modules = catalog.modules
        #expect(modules.contains { $0.price.map { !$0.isFree } == true }, "a price the citizen pays")
        #expect(modules.contains { $0.provider?.external == true }, "an external provider")
        #expect(modules.contains { $0.fields.text(ModuleKey.status) == "sat-på-pause" } && modules.contains { $0.fields.bool(ModuleKey.project) == true })
        #expect(modules.allSatisfy { $0.teamStarts.allSatisfy { $0 >= "2027-02-01" } },
                "team starts are after both the tests' today (2027-01-15) and the day the example was written (2026-12-01)")
        // The parts of a KOL-rehabilitering course (training, patient education, diet) are in one municipality, for KOL only.
        let kol = catalog.municipalities.first { $0.slug == "skovlund" }?.modules.filter { $0.diagnoses == ["kol"] } ?? []
        #expect(kol.contains { $0.variant == .superviseretTraening } && kol.contains { $0.intervention == .sygdomsmestring }
            && kol.contains { $0.variant == .kostvejledning }, "\(kol.map(\.id))")
    }

    @Test("every example body is plain prose of 150-400 words")
    func bodyLength() throws {
        for module in try ContentLoader().load(root: exampleContent).modules {
            #expect((150...400).contains(module.body.wordCount), "\(module.file): \(module.body.wordCount) ord")
        }
    }
}

@Suite("Front matter")
struct FrontMatterTests {
    @Test("key locations are file lines and columns")
    func positions() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/traening.md": validModule()])
        defer { catalog.remove() }
        let module = try #require(try catalog.load().modules.first)
        #expect(module.frontMatter.line == 1)
        #expect(module.fields.locations["titel"]?.line == 2)
        #expect(module.fields.locations["målgruppe.diagnoser"] == SourceLocation(file: module.file, line: 8, column: 3))
        #expect(module.fields.locations["test.slut"]?.line == 15)
        #expect(module.location(of: "omfang.uger") == module.frontMatter, "a missing key points at the opening ---")
        #expect(module.location(of: "test.omgivelser").line == 13, "a missing child points at its group")
        #expect(module.id == "testby/traening")
        #expect(module.intervention == .fysiskAktivitet && module.variant == .superviseretTraening)
    }

    @Test("an unknown key is an error at its line with a 'mente du' suggestion")
    func unknownKey() throws {
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality,
                                     "testby/a.md": validModule(extra: "malgruppe:\n  diagnoser: [kol]")])
        let error = try #require(errors.first)
        #expect(error.message == "ukendt felt `malgruppe`")
        #expect(error.hint == "mente du `målgruppe`?")
        #expect(error.location.line == 16)
    }

    @Test("a key written at the wrong level says where it belongs")
    func misplacedKey() throws {
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality,
                                     "testby/a.md": validModule(extra: "diagnoser: [kol]")])
        #expect(errors.first?.hint == "`diagnoser` hører under `målgruppe`")
    }

    @Test("an unknown value suggests the nearest code and how to write a value the list lacks")
    func unknownValue() throws {
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality,
                                     "testby/a.md": validModule().replacingOccurrences(of: "[kol, type-2-diabetes]", with: "[kool, type-2-diabetis]")])
        #expect(errors.map(\.message) == ["`kool` er ikke en af de værdier, `målgruppe.diagnoser` kan have",
                                          "`type-2-diabetis` er ikke en af de værdier, `målgruppe.diagnoser` kan have"])
        #expect(errors.map(\.hint) == ["mente du `kol`? Findes værdien ikke på listen, så skriv den som `andet: kool`",
                                       "mente du `type-2-diabetes`? Findes værdien ikke på listen, så skriv den som `andet: type-2-diabetis`"])
        #expect(errors.allSatisfy { $0.location.line == 8 })
    }

    @Test("values are read as authors write them: any case, spaces for hyphens, plurals and everyday words")
    func writtenValues() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule(extra: """
            personale: [Fysioterapeuter, klinisk diætist, KOL-sygeplejerske]
            """).replacingOccurrences(of: "[kol, type-2-diabetes]", with: "[KOL, Type 2-diabetes, hjertesygdom]")
            .replacingOccurrences(of: "egen-henvendelse: true", with: "henvisning-fra: [egen læge, hospital]")
            .replacingOccurrences(of: "format: [fremmøde]", with: "format: [fremmøde, online]")])
        defer { catalog.remove() }
        let module = try #require(try catalog.load().modules.first)
        #expect(module.diagnoses == ["kol", "type-2-diabetes", "hjerte-kar-sygdom"])
        #expect(module.staff == ["fysioterapeut", "klinisk-diætist", "sygeplejerske"])
        #expect(module.referralSources == ["almen-praksis", "sygehus"])
        #expect(module.formats == ["fremmøde", "digital"])
    }

    @Test("a value the vocabulary lacks is written as `andet: …`: shown, but no code")
    func otherValues() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule(extra: """
            personale:
              - fysioterapeut
              - andet: sexologisk rådgiver
            """)])
        defer { catalog.remove() }
        let module = try #require(try catalog.load().modules.first)
        #expect(module.staff == ["fysioterapeut"])
        #expect(module.otherStaff == ["sexologisk rådgiver"])
    }

    @Test("numbers take ranges and approximations as offers state them")
    func quantities() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality,
                                       "testby/a.md": validModule(extra: "omfang:\n  uger: 8-12\n  holdstørrelse: ca. 8\n  minutter: 60")])
        defer { catalog.remove() }
        let module = try #require(try catalog.load().modules.first)
        #expect(module.scope.weeks == Quantity(8, 12))
        #expect(module.scope.teamSize == Quantity(8, approximate: true))
        #expect(module.scope.minutes?.exact == 60)
        #expect(module.scope.weeks?.exact == nil, "a range is no single number")
    }

    @Test("a wrong type names the expected type")
    func wrongType() throws {
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality,
                                     "testby/a.md": validModule(extra: "omfang:\n  uger: otte")])
        let error = try #require(errors.first)
        #expect(error.message == "`omfang.uger` skal være et tal eller et interval, fx 8 eller 8-12, men der står `otte`")
        #expect(error.hint == "Forløbets længde i uger.")
        #expect(error.location.line == 17)
    }

    @Test("a missing required key points at the opening ---")
    func missingKey() throws {
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality,
                                     "testby/a.md": validModule().replacingOccurrences(of: "titel: Træning på hold\n", with: "")])
        #expect(errors.map(\.message) == ["`titel` mangler"])
        #expect(errors.first?.location.line == 1)
    }

    @Test("a variant is required where the intervention has variants, and must belong to it")
    func variants() throws {
        let missing = try loadErrors(["testby/kommune.yml": validMunicipality,
                                      "testby/a.md": validModule().replacingOccurrences(of: "variant: superviseret-træning\n", with: "")])
        #expect(missing.first?.message == "`variant` mangler for indsatsen `fysisk-aktivitet`")
        let wrong = try loadErrors(["testby/kommune.yml": validMunicipality,
                                    "testby/a.md": validModule().replacingOccurrences(of: "variant: superviseret-træning", with: "variant: kostvejledning")])
        #expect(wrong.first?.message == "varianten `kostvejledning` hører ikke til indsatsen `fysisk-aktivitet`")
        #expect(wrong.first?.location.line == 5)
    }

    @Test("content elements must belong to the intervention")
    func elements() throws {
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality,
                                     "testby/a.md": validModule().replacingOccurrences(of: "[aerob, styrke]", with: "[aerob, stopdato]")])
        #expect(errors.first?.message == "`stopdato` er ikke et indholdselement for fysisk aktivitet")
        #expect(errors.first?.location.line == 6)
    }

    @Test("broken YAML gives the line of the problem")
    func brokenYAML() throws {
        let text = validModule().replacingOccurrences(of: "form: [hold]", with: "form: [hold")
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality, "testby/a.md": text])
        let error = try #require(errors.first)
        #expect(error.message == "en liste i [ ] er ikke lukket")
        #expect(error.rule == "YAML")
        #expect((11...13).contains(error.location.line))
    }

    @Test("front matter that is never closed is an error at line 1")
    func unclosed() throws {
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality,
                                     "testby/a.md": "---\ntitel: x\n\nBrødtekst uden afslutning"])
        #expect(errors.first?.message == "felterne øverst i filen er ikke afsluttet med en linje med `---`")
    }

    @Test("the front matter ends at the first `---` or `...` line, spaces around it allowed")
    func fences() throws {
        let cases: [(text: String, yaml: String, body: String, bodyLine: Int)] = [
            ("---\n---\nTekst", "", "Tekst", 3),
            ("---\ntitel: x\n---", "titel: x", "", 4),
            ("  ---\t\ntitel: x\nindsats: y\n ... \nTekst\n---\nmere", "titel: x\nindsats: y", "Tekst\n---\nmere", 5),
            ("---\ntitel: ----\n--- \n\nTekst æøå\n", "titel: ----", "\nTekst æøå\n", 4),
        ]
        for (text, yaml, body, bodyLine) in cases {
            let split = try SplitDocument.split(text, file: "a.md")
            #expect(split.yaml == yaml && split.body == body && split.bodyFirstLine == bodyLine && split.yamlFirstLine == 2, "\(text)")
        }
        for text in ["---", "---\n", "---\ntitel: x\n....\n", "--\n---\n", "...\n---\n"] {
            #expect(throws: InputError.self, "\(text)") { try SplitDocument.split(text, file: "a.md") }
        }
    }

    @Test("whole numbers are the digits 0-9 as authors write them, not YAML's other forms")
    func integers() {
        for (text, value) in [("0", 0), ("7", 7), ("45", 45), ("120", 120), ("007", 7), ("999999999", 999_999_999)] {
            #expect(FieldReader.decimal(text) == value, "\(text)")
        }
        for text in ["9999999999", "1_000", "0x1F", "+5", "-3", "0o17", "1.5", "", "12a", "٣"] {
            #expect(FieldReader.decimal(text) == nil, "\(text)")
        }
    }

    @Test("an empty file is an error")
    func empty() throws {
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality, "testby/a.md": ""])
        #expect(errors.first?.message == "filen er tom")
    }

    @Test("a tab in the indentation is an error at its line")
    func tabs() throws {
        let text = validModule().replacingOccurrences(of: "  diagnoser:", with: "\tdiagnoser:")
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality, "testby/a.md": text])
        #expect(errors.first?.message == "linjen er rykket ind med tabulator; felterne skal rykkes ind med mellemrum")
        #expect(errors.first?.location.line == 8)
    }

    @Test("a key written twice is an error at the second one")
    func duplicateKey() throws {
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality,
                                     "testby/a.md": validModule(extra: "titel: Igen")])
        #expect(errors.first?.message == "feltet `titel` står to gange")
        #expect(errors.first?.location.line == 16)
    }

    @Test("YAML anchors and aliases are refused (no billion laughs)")
    func aliases() throws {
        let bomb = "---\ntitel: &a lol\nresume: *a\nindsats: alkohol\nopdateret: 2026-01-01\n---\n"
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality, "testby/a.md": bomb])
        #expect(errors.first?.message == "en værdi starter med & eller * (ankre og aliaser bruges ikke i katalogets filer)")
        #expect(errors.first?.location.line == 2)
        let quoted = try loadErrors(["testby/kommune.yml": validMunicipality,
                                     "testby/a.md": validModule(titel: "\"Stjerne * og & i tekst\"")])
        #expect(quoted.isEmpty, "quoted & and * are just text")
    }

    @Test("a UTF-8 BOM and CRLF line endings simply work")
    func bomAndCRLF() throws {
        let text = validModule().replacingOccurrences(of: "\n", with: "\r\n")
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality])
        defer { catalog.remove() }
        try catalog.write("testby/a.md", Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8))
        let module = try #require(try catalog.load().modules.first)
        #expect(module.title == "Træning på hold")
        #expect(module.fields.locations["test.slut"]?.line == 15)
    }

    @Test("keys typed in decomposed Unicode (NFD) match the schema")
    func nfd() throws {
        let text = validModule().decomposedStringWithCanonicalMapping
        #expect(text.utf8.count > validModule().utf8.count)
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": text])
        defer { catalog.remove() }
        let module = try #require(try catalog.load().modules.first)
        #expect(module.diagnoses == ["kol", "type-2-diabetes"])
        #expect(module.title.unicodeScalars.count == "Træning på hold".unicodeScalars.count, "normalised to NFC")
    }

    @Test("invalid UTF-8 names the line")
    func invalidUTF8() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality])
        defer { catalog.remove() }
        var bytes = Data(validModule().utf8)
        bytes.append(contentsOf: [0x0A, 0x54, 0xE6, 0x6C, 0x0A])   // Latin-1 "Tæl" on the last line
        try catalog.write("testby/a.md", bytes)
        #expect(throws: InputErrors.self) { try catalog.load() }
        do { _ = try catalog.load() } catch let error as InputErrors {
            #expect(error.first.message == "filen er ikke gemt som UTF-8")
            #expect(error.first.location.line == 20)
        }
    }

    @Test("a municipality folder without kommune.yml is an error")
    func missingMunicipalityFile() throws {
        let errors = try loadErrors(["testby/a.md": validModule()])
        #expect(errors.first?.message == "kommunemappen `testby` mangler filen kommune.yml")
    }

    @Test("two files whose names fold to the same address collide")
    func slugCollision() throws {
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality,
                                     "testby/Traening.md": validModule(), "testby/traening.md": validModule()])
        #expect(errors.first?.message.hasPrefix("filnavnet giver samme adresse (`traening`)") == true)
    }

    @Test("names the site uses itself cannot be taken by a folder or a module")
    func reservedNames() throws {
        let errors = try loadErrors(["kvalitet/kommune.yml": validMunicipality, "kvalitet/for-laeger.md": validModule()])
        #expect(Set(errors.map(\.message)) == ["mappenavnet `kvalitet` bruges af webstedet selv", "filnavnet `for-laeger.md` bruges af webstedet selv"])
    }

    @Test("a link to a module that does not exist fails with its line")
    func brokenLink() throws {
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality,
                                     "testby/a.md": validModule() + "\n\nSe også [kost](kost.md)."])
        #expect(errors.first?.message == "linket `kost.md` peger på et tilbud, der ikke findes")
        #expect(errors.first?.location.line == 21)
    }

    @Test("a digital counterpart must exist")
    func digitalTwin() throws {
        let errors = try loadErrors(["testby/kommune.yml": validMunicipality,
                                     "testby/a.md": validModule(extra: "digital-pendant: traening-online")])
        #expect(errors.first?.message == "den digitale pendant `traening-online` findes ikke i Testby Kommune")
        #expect(errors.first?.location.line == 16)
    }

    @Test("every problem in every file is reported at once")
    func collectsAll() throws {
        let errors = try loadErrors([
            "testby/kommune.yml": validMunicipality,
            "testby/a.md": validModule(extra: "farve: blå"),
            "testby/b.md": validModule(extra: "omfang:\n  uger: mange"),
            "andenby/b.md": validModule(),
        ])
        #expect(errors.count == 3)
    }
}
