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
}
