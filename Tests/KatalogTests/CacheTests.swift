@testable import KatalogCore
import Testing

@Suite("Fragment cache")
struct CacheTests {
    @Test("pieces a build does not ask for survive a run of builds, and the cache stays in proportion")
    func sweep() {
        let cache = FragmentCache()
        var made = 0
        func ask(_ key: Int) -> Int { cache.value("Stykke", key) { made += 1; return key } }
        cache.begin()
        for key in 0..<100 { #expect(ask(key) == key) }
        cache.sweep()
        #expect(made == 100)
        // Builds that ask for half of the pieces and one new piece each (as body edits do).
        for build in 1...60 {
            cache.begin()
            for key in 0..<50 { _ = ask(key) }
            _ = ask(1000 + build)
            cache.sweep()
            if build == 10 {
                made = 0
                cache.begin()
                #expect(ask(99) == 99 && made == 0, "a piece the last builds did not need is still there")
                cache.sweep()
            }
            #expect(cache.count <= 160, "after build \(build): \(cache.count) pieces")
        }
        made = 0
        cache.begin()
        for key in 0..<50 { _ = ask(key) }
        #expect(made == 0, "the pieces every build asks for are kept")
    }
}
