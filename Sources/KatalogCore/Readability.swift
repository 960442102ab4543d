/// LIX (læsbarhedsindeks, Björnsson 1968): words per sentence plus the share of long words
/// (more than six letters) in percent. Danish bands: ≤24 meget let, 25-34 let, 35-44 middel,
/// 45-54 svær, ≥55 meget svær. Measured on prose only: the loader leaves out headings and lists.
public struct LIX: Sendable, Hashable {
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
        "fx", "f.eks", "bl.a", "dvs", "ca", "kl", "pr", "nr", "mv", "m.v", "osv", "evt", "inkl", "jf", "hhv", "ift", "mht", "mfl", "m.fl", "tlf", "st", "min", "max",
    ]

    /// `text`: paragraphs separated by newlines; each paragraph ends a sentence even without a full stop.
    public init(_ text: String) {
        var words = 0, sentences = 0, long = 0
        // One pass over the scalars: space, tab and newline separate tokens (a newline also ends a
        // paragraph); letters and digits are counted per token as it goes.
        var open = false
        var letters = 0, hasDigit = false, inToken = false
        var tokenStart = text.unicodeScalars.startIndex
        var last: Unicode.Scalar = " "
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        func endToken(at end: String.UnicodeScalarView.Index) {
            defer { letters = 0; hasDigit = false; inToken = false }
            guard inToken, letters > 0 || hasDigit else { return }
            words += 1
            open = true
            if letters > 6 { long += 1 }
            guard last == "." || last == "!" || last == "?" || last == ":" else { return }
            if last == "." {
                let bare = String(scalars[tokenStart..<end]).lowercased().trimmingCharacters(in: "().!?:;,\"'")
                if Self.abbreviations.contains(bare) || bare.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }) { return }
            }
            sentences += 1
            open = false
        }
        while index < scalars.endIndex {
            let scalar = scalars[index]
            switch scalar.value {
            case 0x20, 0x09:
                endToken(at: index)
            case 0x0A:
                endToken(at: index)
                if open { sentences += 1 }
                open = false
            default:
                if !inToken { inToken = true; tokenStart = index }
                switch scalar.value {
                case 0x41...0x5A, 0x61...0x7A: letters += 1
                case 0x30...0x39: hasDigit = true
                case 0..<0x80: break
                default:
                    if Self.isLetter(scalar) { letters += 1 } else if scalar.properties.numericType != nil { hasDigit = true }
                }
                last = scalar
            }
            index = scalars.index(after: index)
        }
        endToken(at: scalars.endIndex)
        if open { sentences += 1 }
        self.words = words
        self.sentences = sentences
        self.longWords = long
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
