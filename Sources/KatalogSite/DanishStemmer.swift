/// The Snowball stemmer for Danish (snowballstem.org/algorithms/danish/stemmer.html), so that the
/// search finds "lunger" for "lunge" and "ryggen" for "ryg". Written here because no Swift package
/// in the mirror has it; `soeg.js` has the same steps for the words a reader types, and both are
/// tested against the reference implementation (PyPI `snowballstemmer`) on the standard's words.
/// Takes a lowercased word.
enum DanishStemmer {
    private static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y", "æ", "å", "ø"]
    private static let consonants = Set("bcdfghjklmnpqrstvwxz")
    private static let sEndings = Set("abcdfghjklmnoprtvyzå")
    /// Step 1's endings, longest first (the algorithm removes the longest that lies in R1).
    private static let mainSuffixes = ["hed", "ethed", "ered", "e", "erede", "ende", "erende", "ene", "erne", "ere", "en", "heden",
        "eren", "er", "heder", "erer", "heds", "es", "endes", "erendes", "enes", "ernes", "eres", "ens", "hedens", "erens", "ers",
        "ets", "erets", "et", "eret", "s"].map(Array.init).sorted { $0.count > $1.count }
    private static let consonantPairs = [Array("gd"), Array("dt"), Array("gt"), Array("kt")]
    private static let otherSuffixes = [Array("elig"), Array("løst"), Array("lig"), Array("els"), Array("ig")]

    static func stem(_ word: String) -> String {
        var w = Array(word)
        let p1 = region1(w)
        mainSuffix(&w, p1)
        consonantPair(&w, p1)
        otherSuffix(&w, p1)
        undouble(&w, p1)
        return String(w)
    }

    /// R1: after the first consonant that follows a vowel, and at least three letters in.
    private static func region1(_ w: [Character]) -> Int {
        guard w.count >= 3, let vowel = w.firstIndex(where: vowels.contains),
              let consonant = w[vowel...].firstIndex(where: { !vowels.contains($0) }) else { return w.count }
        return max(consonant + 1, 3)
    }

    /// The longest of `suffixes` that ends the word and starts in R1.
    private static func longest(_ suffixes: [[Character]], in w: [Character], _ p1: Int) -> [Character]? {
        suffixes.filter { $0.count <= w.count - p1 && w.suffix($0.count).elementsEqual($0) }.max { $0.count < $1.count }
    }

    private static func mainSuffix(_ w: inout [Character], _ p1: Int) {
        guard let suffix = longest(mainSuffixes, in: w, p1) else { return }
        if suffix == ["s"] {
            guard w.count >= 2, sEndings.contains(w[w.count - 2]) else { return }
        }
        w.removeLast(suffix.count)
    }

    private static func consonantPair(_ w: inout [Character], _ p1: Int) {
        if longest(consonantPairs, in: w, p1) != nil { w.removeLast() }
    }

    private static func otherSuffix(_ w: inout [Character], _ p1: Int) {
        if w.suffix(4).elementsEqual("igst") { w.removeLast(2) }
        guard let suffix = longest(otherSuffixes, in: w, p1) else { return }
        if suffix == Array("løst") {
            w.removeLast()
        } else {
            w.removeLast(suffix.count)
            consonantPair(&w, p1)
        }
    }

    private static func undouble(_ w: inout [Character], _ p1: Int) {
        guard w.count - 1 >= p1, w.count >= 2, let last = w.last, consonants.contains(last), w[w.count - 2] == last else { return }
        w.removeLast()
    }
}
