import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import KatalogCLI
import KatalogCore
import KatalogSupport
import KatalogRules
import Testing

/// Two findings with characters every format must escape.
let goldenFindings = [
    Finding(rule: "K-6.2-5", section: "6.2", severity: .error,
            location: SourceLocation(file: "Content/fjordby/træning, hold.md", line: 14, column: 3),
            message: "`test.slut` mangler: 100% <samme> test & \"slut\"", hint: "Skriv testen under `test:`."),
    Finding(rule: "A-6.3-1", section: "6.3", severity: .warning,
            location: SourceLocation(file: "Content/fjordby/træning, hold.md", line: 12, column: 1),
            message: "der bør være 6-8 deltagere", hint: "Angiv 6-8.\nSe §6.3."),
]

@Suite("Output formats (golden)")
struct FormatTests {
    @Test("text")
    func text() {
        #expect(FindingFormat.text.render(goldenFindings, modules: 2) == """
        Content/fjordby/træning, hold.md:14:3: fejl: `test.slut` mangler: 100% <samme> test & "slut" [K-6.2-5 §6.2]
            → Skriv testen under `test:`.
        Content/fjordby/træning, hold.md:12:1: advarsel: der bør være 6-8 deltagere [A-6.3-1 §6.3]
            → Angiv 6-8.
              Se §6.3.
        2 tilbud tjekket: 1 fejl, 1 advarsler.
        """)
    }

    @Test("github: errors first, properties and data escaped")
    func github() {
        #expect(FindingFormat.github.render(goldenFindings, modules: 2) == """
        ::error file=Content/fjordby/træning%2C hold.md,line=14,col=3,title=K-6.2-5 §6.2::`test.slut` mangler: 100%25 <samme> test & "slut". Skriv testen under `test:`.
        ::warning file=Content/fjordby/træning%2C hold.md,line=12,col=1,title=A-6.3-1 §6.3::der bør være 6-8 deltagere. Angiv 6-8.%0ASe §6.3.
        """)
    }

    @Test("json")
    func json() throws {
        let output = FindingFormat.json.render(goldenFindings, modules: 2)
        #expect(output == """
        {
          "findings" : [
            {
              "column" : 3,
              "file" : "Content/fjordby/træning, hold.md",
              "hint" : "Skriv testen under `test:`.",
              "line" : 14,
              "message" : "`test.slut` mangler: 100% <samme> test & \\"slut\\"",
              "rule" : "K-6.2-5",
              "section" : "6.2",
              "severity" : "error"
            },
            {
              "column" : 1,
              "file" : "Content/fjordby/træning, hold.md",
              "hint" : "Angiv 6-8.\\nSe §6.3.",
              "line" : 12,
              "message" : "der bør være 6-8 deltagere",
              "rule" : "A-6.3-1",
              "section" : "6.3",
              "severity" : "warning"
            }
          ],
          "summary" : {
            "errors" : 1,
            "modules" : 2,
            "warnings" : 1
          }
        }
        """)
    }

    @Test("junit: well-formed XML; warnings fail only with --strict")
    func junit() throws {
        let output = FindingFormat.junit.render(goldenFindings, modules: 2)
        #expect(output == """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="katalog check" tests="2" failures="1">
          <testsuite name="Content/fjordby/træning, hold.md" tests="2" failures="1">
            <testcase classname="Content/fjordby/træning, hold.md" name="K-6.2-5 §6.2 (linje 14)" file="Content/fjordby/træning, hold.md" line="14">
              <failure type="fejl" message="`test.slut` mangler: 100% &lt;samme&gt; test &amp; &quot;slut&quot;">Content/fjordby/træning, hold.md:14:3: `test.slut` mangler: 100% &lt;samme&gt; test &amp; &quot;slut&quot;
        Skriv testen under `test:`.</failure>
            </testcase>
            <testcase classname="Content/fjordby/træning, hold.md" name="A-6.3-1 §6.3 (linje 12)" file="Content/fjordby/træning, hold.md" line="12">
              <system-out>advarsel: Content/fjordby/træning, hold.md:12:1: der bør være 6-8 deltagere
        Angiv 6-8.
        Se §6.3.</system-out>
            </testcase>
          </testsuite>
        </testsuites>
        """)
        let strict = FindingFormat.junit.render(goldenFindings, modules: 2, strict: true)
        #expect(strict.contains("failures=\"2\""))
        let document = try XMLDocument(xmlString: strict)
        #expect(try document.nodes(forXPath: "//testcase").count == 2)
        #expect(try document.nodes(forXPath: "//failure").count == 2)
    }

    @Test("sarif 2.1.0: rules with the standard's wording, results with locations")
    func sarif() throws {
        let output = FindingFormat.sarif.render(goldenFindings, modules: 2)
        let log = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "katalog")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["A-6.3-1", "K-6.2-5"])
        #expect(((rules[1]["fullDescription"] as? [String: Any])?["text"] as? String)?.hasPrefix("Det er et krav, at der indgår test") == true)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["level"] as? String } == ["error", "warning"])
        #expect(results.map { $0["ruleIndex"] as? Int } == [1, 0])
        let location = try #require(((results[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "Content/fjordby/tr%C3%A6ning,%20hold.md")
        #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 14)
        #expect((location["region"] as? [String: Any])?["startColumn"] as? Int == 3)
    }

    @Test("no findings: github and sarif stay valid and empty")
    func empty() throws {
        #expect(FindingFormat.github.render([], modules: 1) == "")
        let log = try JSONSerialization.jsonObject(with: Data(FindingFormat.sarif.render([], modules: 1).utf8)) as? [String: Any]
        #expect(((log?["runs"] as? [[String: Any]])?.first?["results"] as? [Any])?.isEmpty == true)
    }
}
