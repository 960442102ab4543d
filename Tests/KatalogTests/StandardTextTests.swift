import Foundation
import KatalogRules
import KatalogLoad
import Testing

/// The standard's text (Sundhedsstyrelsen 2024, extracted from its PDF; `Tests/Standard/`), by line
/// as `cat -n` numbers them. When a rule and the text disagree, the text wins: these tests hold
/// every rule's wording to the line it cites, and the readings the rules depend on to their lines.
enum StandardText {
    static let lines: [String] = {
        let path = repositoryRoot + "/Tests/Standard/kvalitetsstandarder-2024.txt"
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.components(separatedBy: "\n")
    }()

    /// Lines `from`…`to` (1-based) as one string: lone hyphenation `-` lines dropped, words split
    /// at a line end joined, runs of white space made one space.
    static func passage(_ from: Int, _ to: Int) -> String {
        let slice = lines[max(0, from - 1)..<min(lines.count, to)].filter { $0.trimmingCharacters(in: .whitespaces) != "-" }
        return normalised(slice.joined(separator: " "))
    }

    static func normalised(_ text: String) -> String {
        text.replacingOccurrences(of: "-  ", with: "").replacingOccurrences(of: "- ", with: "-")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

@Suite("The rules agree with the standard's text")
struct StandardTextTests {
    @Test("the standard's text is the 2024 edition, 2,062 lines")
    func textIsThere() {
        #expect(StandardText.lines.count >= 2062)
        #expect(StandardText.passage(1, 10).contains("Introduktion"))
    }

    @Test("every rule's wording is the standard's, at the line it cites")
    func wordingAtItsLine() {
        // Wordings are abridged (…) and some are put as the rule reads ("[Kommunen skal] følge …"),
        // and the PDF's text breaks words at line ends, so the test asks that most of the wording's
        // words of five letters or more stand in the 30 lines from the one it cites.
        func words(_ text: String) -> Set<String> {
            Set(text.lowercased().split { !$0.isLetter }.map(String.init).filter { $0.count >= 5 })
        }
        func share(_ rule: Rule, at line: Int) -> Double {
            let wanted = words(rule.wording)
            let passage = words(StandardText.passage(line - 2, line + 30))
            return Double(wanted.intersection(passage).count) / Double(max(1, wanted.count))
        }
        let misplaced = Standard.rules.filter { share($0, at: $0.line) < 0.6 }.map { "\($0.id) (l. \($0.line))" }
        #expect(misplaced.isEmpty, "\(misplaced.count) rules:\n\(misplaced.joined(separator: "\n"))")
        // The test can fail: cited 100 lines off, almost no wording is found.
        let shifted = Standard.rules.filter { share($0, at: ($0.line + 100) % StandardText.lines.count) >= 0.6 }
        #expect(shifted.count * 10 < Standard.rules.count, "\(shifted.map(\.id))")
    }

    /// The readings of issue 16, each with the line that decides it and what the tool does.
    @Test("the training plan is a recommendation: \"Dette bør foregå …\" (l. 1042-1044)")
    func trainingPlanIsRecommended() throws {
        #expect(StandardText.passage(1041, 1044).contains("Dette bør foregå, ved i fællesskab at udarbejde en træningsplan"))
        let rule = try #require(Standard.rules.first { $0.fields.contains(.trainingPlan) })
        #expect(rule.id.hasPrefix("A-") && rule.severity == .warning, "\(rule.id)")
    }

    @Test("K-2.2-2 asks the municipality, not each module, to support referral (l. 270-271)")
    func referralSupportIsTheMunicipalitys() throws {
        #expect(StandardText.passage(268, 272).contains("Kommunerne skal understøtte, at almen praksis"))
        let rule = try #require(Standard.rules.first { $0.id == "K-2.2-2" })
        #expect(!rule.fields.contains(.diagnoses), "K-2.2-2 does not demand målgruppe.diagnoser")
    }

    @Test("K-3.5-4: a follow-up 3 months to a year after the course is active support (l. 617, 1111-1113)")
    func followUpCounts() throws {
        #expect(StandardText.passage(616, 620).contains("aktivt støttes op om videreførelse og vedligehold af effekt"))
        #expect(StandardText.passage(1109, 1114).contains("ca. 3 måneder til 1 år efter indsatsens afslutning"))
        let rule = try #require(Standard.rules.first { $0.id == "K-3.5-4" })
        #expect(rule.fields.contains(.followUps))
    }

    @Test("K-6.3-3 asks for the same test, not the same characters")
    func sameTest() throws {
        let rule = try #require(Standard.rules.first { $0.id == "K-6.3-3" })
        #expect(StandardText.passage(rule.line - 2, rule.line + 6).contains("samme test"))
    }

    @Test("K-6.5-1: a physiotherapist's education is the competences the text lists (l. 1165-1174); `kompetencer: x` is not")
    func physiotherapistMeetsCompetences() throws {
        #expect(StandardText.passage(1165, 1168).contains("sundhedsprofessionelle"))
        func findings(_ extra: String) throws -> [String] {
            let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule(extra: extra)])
            defer { catalog.remove() }
            return Validator().validate(try catalog.load()).map(\.rule)
        }
        #expect(!(try findings("personale: [fysioterapeut]")).contains("K-6.5-1"))
        #expect((try findings("personale: [peer-underviser]\nkompetencer: x")).contains("K-6.5-1"))
    }
}
