import Foundation
import Testing

/// The overview across municipalities (`oversigt/`, issue 20): for KL, the sundhedsklynger and
/// leaders, which interventions each municipality offers, as a table with the gaps in words and as CSV.
@Suite("Overview across municipalities")
struct OverviewTests {
    /// A module of `indsats` with the given front-matter lines (the small catalogs do not meet the
    /// standard; they are built as a preview).
    static func module(_ title: String, _ intervention: String, _ lines: String = "") -> String {
        """
        ---
        titel: \(title)
        resume: Et tilbud til dig.
        indsats: \(intervention)
        \(lines)
        opdateret: 2026-10-01
        ---
        Et tilbud til dig.
        """
    }

    static let bby = "navn: Bby Kommune\nkommunekode: \"0998\"\neksempeldata: true\n"

    /// Aby offers nicotine cessation twice (one digital, one in person, both direct) and has a third on
    /// pause; its alcohol conversation does not state its format or its access; its only diet offer has
    /// ended; two training modules make a course. Bby offers only training, and its alcohol
    /// conversation is paused.
    static let files: [String: String] = [
        "aby/kommune.yml": validMunicipality.replacingOccurrences(of: "Testby Kommune", with: "Aby Kommune"),
        "aby/rygestop.md": module("Rygestop på hold", "nikotinafvænning", """
            målgruppe:
              diagnoser: [rygere, kol]
            adgang:
              direkte: true
              egen-henvendelse: true
            format: [fremmøde]
            """),
        "aby/rygestop-online.md": module("Rygestop online", "nikotinafvænning", """
            målgruppe:
              diagnoser: [kræft]
            adgang:
              direkte: true
            format: [digital]
            """),
        "aby/rygestop-pause.md": module("Rygestop om aftenen", "nikotinafvænning", "format: [digital]\nstatus: sat-på-pause"),
        "aby/alkohol.md": module("Snak om alkohol", "alkohol"),
        "aby/kost.md": module("Kost", "ernæring", "format: [digital]\ngyldig-til: 2026-06-30"),
        "aby/traening.md": validModule(titel: "Træning"),
        "aby/skole.md": module("KOL-skolen", "sygdomsmestring", "målgruppe:\n  diagnoser: [kol]\nformat: [fremmøde]"),
        "aby/kol-rehabilitering.md": """
            ---
            titel: KOL-rehabilitering
            resume: Et forløb for dig med KOL.
            forløb: [traening, skole]
            opdateret: 2026-11-01
            ---
            Forløbet varer 12 uger.
            """,
        "bby/kommune.yml": bby,
        "bby/traening.md": validModule(titel: "Træning"),
        "bby/hjertetraening.md": module("Hjertetræning", "fysisk-aktivitet",
                                        "målgruppe:\n  diagnoser: [astma, hjerte-kar-sygdom, kræft, muskel-skelet]"),
        "bby/alkohol.md": module("Alkohol", "alkohol", "adgang:\n  direkte: false\nformat: [digital]\nstatus: sat-på-pause"),
    ]

    /// The built overview's page and CSV.
    static func build() throws -> (page: String, csv: String) {
        let catalog = try TempCatalog(files)
        defer { catalog.remove() }
        let built = catalog.build()
        #expect(built.code == 0, "\(built.console.errors)")
        return (try String(contentsOfFile: catalog.output + "/oversigt/index.html", encoding: .utf8),
                // As bytes: Foundation's reading drops the byte-order mark.
                text(FileManager.default.contents(atPath: catalog.output + "/oversigt/oversigt.csv")))
    }

    /// The table's cells as text, by municipality and column heading (`<br>` as a line break).
    static func table(_ page: String) -> [String: [String: String]] {
        func plain(_ html: String) -> String {
            html.replacingOccurrences(of: "<br>", with: "\n").replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        }
        let thead = page.components(separatedBy: "<thead>")[1].components(separatedBy: "</thead>")[0]
        let columns = thead.components(separatedBy: "<th scope=\"col\">").dropFirst(2).map { plain($0) }
        let body = page.components(separatedBy: "<tbody>")[1].components(separatedBy: "</tbody>")[0]
        var table: [String: [String: String]] = [:]
        for row in body.components(separatedBy: "<tr>").dropFirst() {
            let name = plain(row.components(separatedBy: "</th>")[0])
            let cells = row.components(separatedBy: "<td>").dropFirst().map { plain($0.components(separatedBy: "</td>")[0]) }
            table[name] = Dictionary(uniqueKeysWithValues: zip(columns, cells))
        }
        return table
    }

    /// The CSV's rows as fields (`;`, quotes doubled inside quoted fields), without the byte-order mark.
    static func rows(_ csv: String) -> [[String]] {
        csv.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { line in
            let characters = Array(line)
            var fields: [String] = [], field = "", quoted = false, index = 0
            while index < characters.count {
                let character = characters[index]
                if quoted && character == "\"" {
                    if index + 1 < characters.count && characters[index + 1] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else if character == "\"" {
                    quoted = true
                } else if character == ";" && !quoted {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(character)
                }
                index += 1
            }
            return fields + [field]
        }
    }

    @Test("each municipality's offers are counted by intervention; paused and ended ones and courses are not")
    func counts() throws {
        let (page, _) = try Self.build()
        let table = Self.table(page)
        #expect(table.keys.sorted() == ["Aby Kommune", "Bby Kommune"])
        let aby = try #require(table["Aby Kommune"])
        #expect(aby["Nikotinafvænning"]?.hasPrefix("Ja, 2 tilbud (1 sat på pause)\n") == true, "\(aby)")
        #expect(aby["Ernæringsindsats"] == "Nej (1 ophørt)", "an offer past its last day is not offered")
        // The course combines two modules: they count as their interventions, the course itself not at all.
        #expect(aby["Fysisk aktivitet"]?.hasPrefix("Ja, 1 tilbud\n") == true)
        #expect(aby["Sygdomsmestring"]?.hasPrefix("Ja, 1 tilbud\n") == true)
        #expect(aby["Afklarende samtale"] == "Nej")
        #expect(aby["Andre tilbud (ikke krav i standarden)"] == "Nej")
        let bby = try #require(table["Bby Kommune"])
        #expect(bby["Forebyggende samtale om alkohol"] == "Nej (1 sat på pause)", "a paused offer is not offered, and is named apart")
        #expect(bby["Nikotinafvænning"] == "Nej")
        // The municipality links to its page, and a count to the page's section for the intervention.
        #expect(page.contains("<th scope=\"row\"><a href=\"../aby/index.html\">Aby Kommune</a></th>"))
        #expect(page.contains("<td><a href=\"../aby/index.html#nikotinafvaenning\">Ja, 2 tilbud</a> (1 sat på pause)<br>"), "\(page)")
        // (The municipality page's sections have these ids: NationalListTests.)
        #expect(page.contains("<a href=\"oversigt.csv\">"), "the page links to its CSV")
        // Only the diseases the running offers name (a target group such as rygere is not a diagnosis).
        #expect(aby["Nikotinafvænning"]?.hasSuffix("\nDiagnoser: KOL, kræft") == true, "\(aby)")
        #expect(aby["Forebyggende samtale om alkohol"]?.hasSuffix("\nDiagnoser: Ikke oplyst") == true)
        #expect(table["Bby Kommune"]?["Fysisk aktivitet"] == "Ja, 2 tilbud\nDigitalt: ikke oplyst\nDiagnoser: Alle fem i standarden, astma",
                "the standard's five in three words, and the others by name")
    }

    @Test("the gaps are said in words, one paragraph per intervention, paused offers named apart")
    func gaps() throws {
        let (page, _) = try Self.build()
        #expect(page.contains("<p>1 af 2 kommuner har intet tilbud om nikotinafvænning: Bby Kommune. "), "\(page)")
        #expect(page.contains("<p>1 af 2 kommuner har intet tilbud om forebyggende samtale om alkohol: Bby Kommune (1 sat på pause). "))
        #expect(page.contains("<p>2 af 2 kommuner har intet tilbud om afklarende samtale: Aby Kommune og Bby Kommune. "))
        #expect(page.contains("<p>2 af 2 kommuner har intet tilbud om ernæring: Aby Kommune (1 ophørt) og Bby Kommune. "))
        #expect(page.contains("Ingen digitale tilbud om fysisk aktivitet i Aby Kommune. "
            + "Ikke oplyst, om et tilbud om fysisk aktivitet kan foregå digitalt, i Bby Kommune."))
        #expect(page.contains("Ikke oplyst, om et tilbud om forebyggende samtale om alkohol kan foregå digitalt, i Aby Kommune."))
        #expect(page.contains("Aby Kommune har et digitalt tilbud om nikotinafvænning."))
        #expect(page.contains("<h3 id=\"mangler-nikotinafvaenning\">Nikotinafvænning</h3>"))
        #expect(!page.contains("mangler-andet"), "offers outside the standard are no gap")
    }

    @Test("an offer is digital only when its format says so; one that states no format is not stated")
    func digitalOnlyWhenStated() throws {
        let (page, _) = try Self.build()
        let table = Self.table(page)
        #expect(table["Aby Kommune"]?["Nikotinafvænning"]?.contains("\nDigitalt: ja\n") == true, "one of two is digital")
        #expect(table["Aby Kommune"]?["Sygdomsmestring"]?.contains("\nDigitalt: nej\n") == true, "fremmøde only")
        #expect(table["Aby Kommune"]?["Forebyggende samtale om alkohol"]?.contains("\nDigitalt: ikke oplyst\n") == true,
                "no format stated")
        #expect(table["Bby Kommune"]?["Forebyggende samtale om alkohol"]?.contains("Digitalt") == false,
                "a paused digital offer is no digital alternative")
    }

    @Test("for nicotine and alcohol the cell says whether the citizen can start directly and without a referral, as stated")
    func directAccess() throws {
        let (page, _) = try Self.build()
        let aby = try #require(Self.table(page)["Aby Kommune"])
        #expect(aby["Nikotinafvænning"]?.contains("\nDirekte: ja\nUden henvisning: ja\n") == true, "\(aby)")
        #expect(aby["Forebyggende samtale om alkohol"]?.contains("\nDirekte: ikke oplyst\nUden henvisning: ikke oplyst\n") == true)
        #expect(aby["Fysisk aktivitet"]?.contains("Direkte") == false, "not asked of the other interventions")
        #expect(page.contains("I Aby Kommune kan borgeren starte direkte, uden en afklarende samtale, som standarden kræver."))
        #expect(page.contains("Ikke oplyst, om borgeren kan starte direkte på forebyggende samtale om alkohol uden en afklarende samtale, "
            + "i Aby Kommune."))
    }

    @Test("the CSV has one row per municipality and intervention, with the table's values")
    func csvEqualsTable() throws {
        let (page, csv) = try Self.build()
        #expect(csv.hasPrefix("\u{FEFF}Kommune;Kommunekode;Indsats;"), "Danish Excel's CSV, as the SOFT export")
        let rows = Self.rows(csv)
        let header = rows[0]
        #expect(header == ["Kommune", "Kommunekode", "Indsats", "Krav i standarden", "Tilbydes", "Antal tilbud", "Sat på pause",
                           "Ophørt", "Digitalt tilbud", "Direkte uden afklarende samtale", "Uden henvisning", "Diagnoser"])
        let table = Self.table(page)
        #expect(rows.count == 1 + 2 * 7)
        #expect(rows.contains(["Bby Kommune", "=\"0998\"", "Fysisk aktivitet", "Ja", "Ja", "2", "0", "0", "Ikke oplyst", "", "",
                               "KOL, type 2-diabetes, hjerte-kar-sygdom, kræft, muskel- og skeletsygdom, astma"]))
        #expect(rows.contains(["Bby Kommune", "=\"0998\"", "Forebyggende samtale om alkohol", "Ja", "Nej", "0", "1", "0", "", "", "",
                               ""]))
        for row in rows.dropFirst() {
            let field = Dictionary(uniqueKeysWithValues: zip(header, row))
            let count = Int(field["Antal tilbud"]!)!
            let notRunning = [(field["Sat på pause"]!, "sat på pause"), (field["Ophørt"]!, "ophørt")].filter { $0.0 != "0" }
                .map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            var expected = (count == 0 ? "Nej" : "Ja, \(count) tilbud") + (notRunning.isEmpty ? "" : " (\(notRunning))")
            for (label, column) in [("Digitalt", "Digitalt tilbud"), ("Direkte", "Direkte uden afklarende samtale"),
                                    ("Uden henvisning", "Uden henvisning")] where !field[column]!.isEmpty {
                expected += "\n\(label): \(field[column]!.lowercased())"
            }
            // The page names the standard's five disease groups, when all are covered, in three words.
            let five = "KOL, type 2-diabetes, hjerte-kar-sygdom, kræft, muskel- og skeletsygdom"
            let diagnoses = field["Diagnoser"]!.replacingOccurrences(of: five, with: "Alle fem i standarden")
            if !diagnoses.isEmpty { expected += "\nDiagnoser: \(diagnoses)" }
            #expect(field["Tilbydes"] == (count > 0 ? "Ja" : "Nej"))
            #expect(table[field["Kommune"]!]?[field["Indsats"]!] == expected, "\(row)")
        }
    }

    @Test("the front page and the compliance index link to the overview")
    func linked() throws {
        let catalog = try TempCatalog(Self.files)
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let front = try String(contentsOfFile: catalog.output + "/index.html", encoding: .utf8)
        #expect(front.contains("<a href=\"oversigt/index.html\">"))
        let compliance = try String(contentsOfFile: catalog.output + "/kvalitet/index.html", encoding: .utf8)
        #expect(compliance.contains("<a href=\"../oversigt/index.html\">"))
    }
}
