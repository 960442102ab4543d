import Foundation
import KatalogCLI
import KatalogBuild
import KatalogCore
import KatalogSupport
import KatalogRules
import Testing

/// The 15 real offers of `Tests/RealOffers/` (written as modules from their public facts), checked
/// as a municipality's CI would, against the verdicts a careful reader of the standard expects
/// (`expected.json`, written from the standard's text before the tool was run; see REVIEW.md).
@Suite("Real offers")
struct RealOffersTests {
    static let folder = repositoryRoot + "/Tests/RealOffers"

    static func expected() throws -> [String: [String: String]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/expected.json"))
        return try JSONDecoder().decode([String: [String: String]].self, from: data)
    }

    @Test("every real offer loads as its page writes it: no file, field or YAML problem")
    func loads() throws {
        let result = try Pipeline(options: .init(content: Self.folder)).check()
        #expect(result.catalog.modules.count == 15)
        let problems = result.findings.filter { ["FIL", "FELT", "YAML", "LINK"].contains($0.rule) }
        #expect(problems.isEmpty, "\(problems.map { "\($0.location): \($0.message)" })")
    }

    @Test("the tool's verdict equals the expected one, offer by offer and rule by rule")
    func verdicts() throws {
        let findings = try Pipeline(options: .init(content: Self.folder)).check().findings
        var mismatches: [String] = []
        var compared = 0
        for (file, rules) in try Self.expected() {
            for (rule, verdict) in rules {
                let own = findings.filter { $0.rule == rule && $0.location.file == Self.folder + "/" + file }
                let tool = own.contains { $0.severity == .error } ? "fejl" : own.isEmpty ? "opfyldt" : "advarsel"
                if tool != verdict { mismatches.append("\(file) \(rule): expected \(verdict), tool \(tool)") }
                compared += 1
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.sorted().joined(separator: "\n"))")
        #expect(compared >= 180)
    }

    @Test("no module-level rule of the standard reports an offer the expectations leave out")
    func nothingUnexpected() throws {
        let expected = try Self.expected()
        let findings = try Pipeline(options: .init(content: Self.folder)).check().findings
        let unexpected = findings.filter { finding in
            guard Standard.rule(finding.rule).map({ $0.target.appliesToModules }) == true else { return false }
            let file = String(finding.location.file.dropFirst(Self.folder.count + 1))
            return expected[file]?[finding.rule] == nil
        }
        #expect(unexpected.isEmpty, "\(unexpected.map { "\($0.location.file) \($0.rule)" })")
    }
}
