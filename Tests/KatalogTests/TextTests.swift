import Foundation
import KatalogCore
import KatalogSupport
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

    @Test("isKnownNFC is never true of text that NFC changes (checked per scalar up to U+2FFF, and in context)")
    func knownNFC() {
        for value in 0...0x2FFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in [String(scalar), "a" + String(scalar), String(scalar) + "\u{301}", "æ\(scalar)ø"] where text.isKnownNFC {
                #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars), "U+\(String(value, radix: 16))")
            }
        }
        #expect("Hjerte – kar “citat” æøå".isKnownNFC)
        #expect(!"e\u{301}".isKnownNFC)
        #expect(!"\u{2000}".isKnownNFC)
    }

    @Test("containsByte finds what utf8.contains finds")
    func bytes() {
        for text in ["", "a", "æøå\r\n", String(repeating: "x", count: 100) + "|", "ingen"] {
            for byte: UInt8 in [0x0D, 0x7C, 0x78, 0xB8] {
                #expect(text.containsByte(byte) == text.utf8.contains(byte))
                #expect(text.containsByte(where: { $0 == byte }) == text.utf8.contains(byte))
            }
        }
    }

    @Test("U+00C0…U+00FF apart from × and ÷ are letters, none white space or numeric (the byte-level counters rely on it)")
    func latin1Letters() {
        for value in 0xC0...0xFF {
            let properties = Unicode.Scalar(UInt32(value))!.properties
            let letter = [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter].contains(properties.generalCategory)
            #expect(letter == (value != 0xD7 && value != 0xF7), "U+\(String(value, radix: 16))")
            #expect(!properties.isWhitespace && properties.numericType == nil)
        }
    }
}
