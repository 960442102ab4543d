import KatalogBuild
import KatalogCore
import KatalogRules
@testable import KatalogSite
import KatalogSupport
import Testing

@Suite("The session's memo")
struct CacheTests {
    @Test("a value is kept while builds ask for it and dropped after a build that does not, so the memo follows the catalog")
    func endBuild() {
        let memo = Memo<Int>()
        var made = 0
        func ask(_ key: Int) -> Int { memo.value(key) { made += 1; return key * 2 } }
        for key in 0..<100 { #expect(ask(key) == key * 2) }
        memo.endBuild()
        #expect(made == 100 && memo.count == 100)
        // Builds that ask for half of the values and one new value each (as edits do).
        for build in 1...20 {
            made = 0
            for key in 0..<50 { _ = ask(key) }
            _ = ask(1000 + build)
            #expect(made == 1, "build \(build): only the new value is made")
            memo.endBuild()
            #expect(memo.count == 51, "after build \(build): \(memo.count) values")
        }
        made = 0
        _ = ask(99)
        #expect(made == 1, "a value the last build did not ask for is gone")
    }

    @Test("a Once value is made once, however many threads ask for it at the same time, and they all get it")
    func once() {
        final class Counter: @unchecked Sendable { var made = 0 }
        let counter = Counter()
        let value = Once { () -> [Int] in
            counter.made += 1
            return Array(0..<1000)
        }
        let seen = Parallel.map(Array(0..<64)) { _ in value.value.count }
        #expect(counter.made == 1 && seen == Array(repeating: 1000, count: 64))
    }

    @Test("a group ends every one of its memos; a group that does not keep keeps nothing")
    func group() {
        let group = MemoGroup(keeps: true)
        let numbers: Memo<Int> = group.memo(), texts: Memo<String> = group.memo()
        for key in 0..<10 { _ = numbers.value(key) { key }; _ = texts.value(key) { "\(key)" } }
        group.endBuild()
        _ = numbers.value(1) { 1 }
        _ = texts.value(2) { "2" }
        group.endBuild()
        #expect(numbers.count == 1 && texts.count == 1)
        let oneShot = MemoGroup(keeps: false)
        let dropped: Memo<Int> = oneShot.memo()
        _ = dropped.value(1) { 1 }
        #expect(dropped.count == 0)
    }
}

/// What a session keeps of the compliance pages follows the findings themselves: some depend on
/// more than the module's own files (a date rule on today's date, a link on the file it points at).
@Suite("The session's memo: compliance")
struct ComplianceMemoTests {
    @Test("a module whose files are unchanged but whose findings changed gets a new compliance view, and its municipality's pages a new key")
    func followsFindings() throws {
        let checked = try Pipeline(options: .init(content: exampleContent, allowErrors: true)).check()
        let catalog = checked.catalog
        let municipality = try #require(catalog.municipalities.first)
        let module = try #require(municipality.modules.first)
        let rules = Standard.rules + ToolRules.rules
        let rule = try #require(rules.first { rule in
            if case .module = rule.check { return rule.target.applies(to: module) }
            return false
        })
        // Another build's finding on the same file (as HOLDSTART gives the day a team start has passed).
        let message = "En holdstart er passeret i nat."
        let extra = Finding(rule: rule.id, section: rule.section, severity: .warning,
                            location: SourceLocation(file: module.file, line: 3), message: message, hint: "")
        let memo = Memo<ModuleComplianceView>()
        let before = Compliance(findings: checked.findings, rules: rules, lixLimit: nil, catalog: catalog, memo: memo)
        let after = Compliance(findings: checked.findings + [extra], rules: rules, lixLimit: nil, catalog: catalog, memo: memo)
        let shown = after.module(module, in: municipality)
        let statuses = shown.requirements + shown.recommendations + shown.other
        #expect(statuses.contains { $0.id == rule.id && $0.messages.contains("Linje 3: \(message)") },
                "the new finding is on the module's compliance view")
        #expect(before.module(module, in: municipality).digest != shown.digest)
        #expect(before.key(municipality) != after.key(municipality))
        // Unchanged findings: the kept view, and the same key.
        let again = Compliance(findings: checked.findings + [extra], rules: rules, lixLimit: nil, catalog: catalog, memo: memo)
        #expect(again.module(module, in: municipality) === shown)
        #expect(again.key(municipality) == after.key(municipality))
    }
}
