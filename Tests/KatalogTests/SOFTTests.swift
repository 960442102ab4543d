import Foundation
import KatalogCLI
import KatalogCore
import KatalogSupport
@testable import KatalogExport
import KatalogLoad
import Testing

@Suite("soft.csv in Danish Excel, and what the GP page shows in the SOFT records")
struct SOFTTests {
    static let municipality = """
    navn: Testby Kommune
    kommunekode: "0999"
    eksempeldata: true
    tilgængelighedserklæring: https://was.digst.dk/testby
    modtager:
      navn: Sundhedscenter Testby
      sor: "1037791000016002"
      lokationsnummer: "5790000121526"
    kontakt:
      telefon: +45 11 22 33 44
    læger:
      telefon: "+45 11 22 33 45 (tast 2)"
    """

    @Test("identifiers and phone numbers are text cells: =\"0991\", never a bare number or a guarded '+45")
    func textCells() throws {
        #expect(CSV.line([.value("+45 12"), .text("+45 12"), .text("0991"), .text(""), .text("a\"b")])
                == "'+45 12;\"=\"\"+45 12\"\"\";\"=\"\"0991\"\"\";;\"=\"\"a\"\"\"\"b\"\"\"")
        let catalog = try TempCatalog(["testby/kommune.yml": Self.municipality, "testby/a.md": validModule()])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let csv = try String(contentsOfFile: catalog.output + "/eksport/soft.csv", encoding: .utf8)
        #expect(csv.contains(";\"=\"\"1037791000016002\"\"\";\"=\"\"5790000121526\"\"\";"), "\(csv)")
        #expect(csv.contains("\"=\"\"+45 11 22 33 44\"\"\"") && !csv.contains("'+45"), "\(csv)")
        let json = try String(contentsOfFile: catalog.output + "/eksport/soft.json", encoding: .utf8)
        #expect(json.contains("\"modtager_sor\" : \"1037791000016002\"") && json.contains("\"telefon\" : \"+45 11 22 33 44\""))
    }

    @Test("LibreOffice Calc in a Danish locale keeps every identifier of soft.csv exact; written bare, it would not")
    func libreOfficeRoundTrip() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": Self.municipality, "testby/a.md": validModule()])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/soft_roundtrip.py", catalog.output])
        #expect(status == 0, "run script/setup --test (LibreOffice, openpyxl):\n\(report)")
        #expect(report.contains("roundtrip rows=1 identifiers=7"), "\(report)")
        // The same file with bare identifiers: Calc loses the 16th digit of the SOR code and the '+' of the phone.
        let (bareStatus, bare) = try runTool(["python3", repositoryRoot + "/Tests/tools/soft_roundtrip.py", catalog.output, "--bare"])
        #expect(bareStatus == 0, "\(bare)")
        #expect(bare.contains("modtager_sor: '1037791000016002' became 1037791000016000"), "\(bare)")
        #expect(bare.contains("kommunekode: '0999' became 999"), "\(bare)")

        let output = FileManager.default.temporaryDirectory.appendingPathComponent("katalog-soft-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        #expect(Katalog.run(["build", "--content", exampleContent, "--output", output, "--templates", templates],
                            console: Console(capture: true)) == 0)
        let (exampleStatus, example) = try runTool(["python3", repositoryRoot + "/Tests/tools/soft_roundtrip.py", output])
        #expect(exampleStatus == 0 && example.contains("roundtrip rows=31 identifiers=217"), "\(example)")
    }

    @Test("soft.xlsx beside the CSV: identifiers, codes and phones are text cells, dates dates, numbers numbers (openpyxl, Calc)")
    func workbook() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": Self.municipality, "testby/a.md": validModule(extra: "gyldig-til: 2027-06-30")])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let (status, report) = try runTool(["python3", repositoryRoot + "/Tests/tools/soft_roundtrip.py", catalog.output, "--xlsx"])
        #expect(status == 0 && report.contains("roundtrip xlsx rows=1 identifiers=7"), "\(report)")
        // Deterministic: the same records give the same bytes, and a stored ZIP whose every CRC is right.
        let first = try Data(contentsOf: URL(fileURLWithPath: catalog.output + "/eksport/soft.xlsx"))
        #expect(catalog.build().code == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: catalog.output + "/eksport/soft.xlsx")) == first)
        #expect(Zip.crc32(Data("123456789".utf8)) == 0xCBF4_3926, "the CRC-32 check value")
        #expect(XLSX.serial("1900-03-01") == 61 && XLSX.serial("2027-01-15") == 46402, "Excel's serial days")
        #expect(XLSX.column(0) == "A" && XLSX.column(25) == "Z" && XLSX.column(26) == "AA" && XLSX.column(701) == "ZZ")
    }

    @Test("the records carry the GP block and the at-risk flag as stated; not stated stays null, never a default")
    func doctorsBlock() throws {
        let records = Exporter().records(try ContentLoader.exampleCatalog())
        let byID = Dictionary(uniqueKeysWithValues: records.compactMap { r in
            if case .text(let id?) = r["modul_id"] { return (id, r) } else { return nil } })
        let training = try #require(byID["fjordby/traening-paa-hold"])
        #expect(training["læger_henvisning"] == .statedTexts(["Årsagen til henvisningen",
            "Diagnose(r) og relevante målinger, fx HbA1c, blodtryk og lungefunktion", "Rygestatus og anden relevant behandling",
            "Særlige behov, fx tolk"]))
        #expect(training["læger_første_kontakt_inden_dage"] == .text("5"))
        #expect(training["læger_tilbagemelding"]
                == .text("Når forløbet slutter, sender vi et afslutningsnotat (XDIS15) til egen læge, hvis borgeren siger ja."))
        #expect(training["læger_telefon"] == .code("96 10 20 30 (tast 2 for fagpersoner)"))
        let flags = records.map { $0["også_i_risiko"] }
        #expect(flags.filter { $0 == .flag(true) }.count == 10, "10 of the 31 example offers are also for citizens at risk")
        #expect(!flags.contains(.flag(false)) && flags.filter { $0 == .flag(nil) }.count == 21, "not stated is null, not nej")
        #expect(records.filter { $0["kræver_kronisk_sygdom"] == .flag(true) }.isEmpty, "never ja by default")

        let bare = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule()])
        defer { bare.remove() }
        let record = try #require(Exporter().records(try bare.load()).first)
        for name in ["læger_henvisning", "læger_første_kontakt_inden_dage", "læger_tilbagemelding", "læger_telefon", "også_i_risiko",
                     "kontakt_inden_dage", "status_til_egen_læge", "modtager_sor"] {
            #expect(record[name]?.json == .null, "\(name) is not stated")
        }
    }
}
