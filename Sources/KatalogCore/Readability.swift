import KatalogSupport

/// LIX (læsbarhedsindeks, Björnsson 1968): words per sentence plus the share of long words
/// (more than six letters) in percent. Danish bands: ≤24 meget let, 25-34 let, 35-44 middel,
/// 45-54 svær, ≥55 meget svær. Measured on prose only: the loader leaves out headings and lists.
public struct LIX: Sendable, Hashable {
    /// The highest LIX for citizen text when neither `--lix` nor `lix-grænse` says otherwise.
    public static let defaultLimit = 35

    public let words: Int
    public let sentences: Int
    public let longWords: Int

    public var score: Int {
        guard words > 0 else { return 0 }
        let value = Double(words) / Double(max(sentences, 1)) + 100 * Double(longWords) / Double(words)
        return Int(value.rounded())
    }

    public var band: String {
        switch score {
        case ..<25: "meget let"
        case 25..<35: "let"
        case 35..<45: "middel"
        case 45..<55: "svær"
        default: "meget svær"
        }
    }

    /// Abbreviations whose full stop does not end a sentence.
    static let abbreviations: Set<String> = [
        "fx", "f.eks", "bl.a", "dvs", "ca", "kl", "pr", "nr", "mv", "m.v", "osv", "evt", "inkl", "jf", "hhv", "ift", "mht", "mfl",
        "m.fl", "tlf", "st", "min", "max",
    ]

    /// `text`: paragraphs separated by newlines; each paragraph ends a sentence even without a full stop.
    public init(_ text: String) {
        var text = text
        self = text.withUTF8 { Self.count($0) }
    }

    /// One pass over the UTF-8 bytes: space, tab and newline separate tokens (a newline also ends a
    /// paragraph); letters and digits are counted per token as it goes. ASCII and Latin-1 letters
    /// (æ, ø, å, é …) are recognised from their bytes; other scalars by their Unicode properties.
    private static func count(_ bytes: UnsafeBufferPointer<UInt8>) -> LIX {
        var words = 0, sentences = 0, long = 0
        var open = false
        var letters = 0, asciiLetters = 0, hasDigit = false, inToken = false
        var tokenStart = 0
        var last: UInt32 = 0x20
        func endToken(at end: Int) {
            defer { letters = 0; asciiLetters = 0; hasDigit = false; inToken = false }
            guard inToken, letters > 0 || hasDigit else { return }
            words += 1
            open = true
            if letters > 6 { long += 1 }
            guard last == 0x2E || last == 0x21 || last == 0x3F || last == 0x3A else { return }
            // A token with more than five ASCII letters is neither an abbreviation (they have at most
            // four letters) nor a number: only shorter ones are looked at as text.
            if last == 0x2E, asciiLetters <= 5 {
                let token = String(decoding: UnsafeBufferPointer(rebasing: bytes[tokenStart..<end]), as: UTF8.self)
                let bare = token.lowercased().trimmingCharacters(in: "().!?:;,\"'")
                if abbreviations.contains(bare) || bare.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) { return }
            }
            sentences += 1
            open = false
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x20, 0x09:
                endToken(at: index)
                index += 1
                continue
            case 0x0A:
                endToken(at: index)
                if open { sentences += 1 }
                open = false
                index += 1
                continue
            default:
                break
            }
            if !inToken { inToken = true; tokenStart = index }
            if byte < 0x80 {
                switch byte {
                case 0x41...0x5A, 0x61...0x7A: letters += 1; asciiLetters += 1
                case 0x30...0x39: hasDigit = true
                default: break
                }
                last = UInt32(byte)
                index += 1
                continue
            }
            let (value, length) = decodeScalar(bytes, at: index)
            switch value {
            case 0xC0...0xFF where value != 0xD7 && value != 0xF7: letters += 1
            default:
                if let scalar = Unicode.Scalar(value) {
                    if isLetter(scalar) { letters += 1 } else if scalar.properties.numericType != nil { hasDigit = true }
                }
            }
            last = value
            index += length
        }
        endToken(at: bytes.count)
        if open { sentences += 1 }
        return LIX(words: words, sentences: sentences, longWords: long)
    }

    init(words: Int, sentences: Int, longWords: Int) {
        self.words = words
        self.sentences = sentences
        self.longWords = longWords
    }

    /// The scalar that starts at `index` (a lead byte of valid UTF-8) and its length in bytes.
    private static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        func next(_ offset: Int) -> UInt32 { UInt32(bytes[index + offset] & 0x3F) }
        switch lead {
        case 0xC0..<0xE0: return ((lead & 0x1F) << 6 | next(1), 2)
        case 0xE0..<0xF0: return ((lead & 0x0F) << 12 | next(1) << 6 | next(2), 3)
        default: return ((lead & 0x07) << 18 | next(1) << 12 | next(2) << 6 | next(3), 4)
        }
    }

    /// As `Character.isLetter`: a letter of any script (æ, ø, å, é …).
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let first = s.first, set.contains(first) { s.removeFirst() }
        while let last = s.last, set.contains(last) { s.removeLast() }
        return String(s)
    }
}
