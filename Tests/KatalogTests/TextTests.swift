import KatalogCore
import Testing

/// The byte-level text helpers must give exactly what the standard library gives.
@Suite("Text helpers")
struct TextTests {
    @Test("lowercasedLatin1 equals lowercased(), for Danish text and for every scalar up to U+052F")
    func lowercasing() {
        let samples = [
            "", "ABC xyz", "ÆRØ Århus Æble ØL Å", "KOL – type 2-diabetes „citat“ ’", "Straße ÞORN µ ÿ Ÿ",
            "İstanbul ΣΟΦΙΑ Ωmega Ǆ ǅ", "emoji 👍🏽 og kombineret e\u{301}", "TAB\tNY\nLINJE\u{0}",
        ]
        for text in samples {
            #expect(text.lowercasedLatin1 == text.lowercased(), "\(text)")
        }
        let every = String(String.UnicodeScalarView((0...0x52F).compactMap(Unicode.Scalar.init)))
        #expect(every.lowercasedLatin1.unicodeScalars.elementsEqual(every.lowercased().unicodeScalars))
    }
}
