/// libyaml's problems in Danish, for authors: every message of its scanner, parser and reader
/// (Debian's libyaml 0.2.5), by the problem and what it was reading when it found it.
/// What is not listed gets a general sentence rather than English.
enum YAMLMessages {
    struct Message {
        /// Where the problem is best shown: where libyaml found it, or where what it was reading began.
        enum Line { case problem, context }
        let text: String
        let hint: String
        var line: Line = .problem
    }

    static let general = "tjek indrykning, kolon efter feltnavnet og citationstegn"

    static func danish(problem: String, context: String?) -> Message {
        let quoted = context?.contains("quoted scalar") == true
        switch problem {
        case "found unexpected end of stream" where quoted:
            return Message(text: "et citationstegn er ikke lukket", hint: "sæt et citationstegn i slutningen af værdien", line: .context)
        case "found unexpected end of stream":
            return Message(text: "felterne slutter midt i en værdi", hint: general)
        case "found unexpected document indicator" where quoted:
            return Message(text: "et citationstegn er ikke lukket", hint: "sæt et citationstegn i slutningen af værdien", line: .context)
        case "found unexpected document indicator":
            return Message(text: "en linje med --- står midt i en værdi", hint: general)
        case "mapping values are not allowed in this context", "found unexpected ':'":
            return Message(text: "et kolon står et sted, hvor det ikke må stå",
                hint: "sæt teksten i citationstegn, hvis den skal indeholde et kolon")
        case "did not find expected key":
            return Message(text: "forventede et nyt feltnavn", hint: "tjek indrykningen: felter i samme gruppe skal stå lige langt inde")
        case "found character that cannot start any token":
            return Message(text: "et tegn kan ikke stå først i en værdi", hint: "sæt teksten i citationstegn")
        case "did not find expected ',' or ']'":
            return Message(text: "en liste i [ ] er ikke lukket", hint: "slut listen med ]")
        case "did not find expected ',' or '}'":
            return Message(text: "en gruppe i { } er ikke lukket", hint: "slut gruppen med }")
        case "could not find expected ':'":
            return Message(text: "mangler kolon efter feltnavnet", hint: "skriv `navn: værdi`")
        case "found a tab character that violates indentation", "found a tab character where an indentation space is expected":
            return Message(text: "linjen er rykket ind med tabulator", hint: "YAML kræver mellemrum: erstat tabulatoren med to mellemrum")
        case "found unknown escape character":
            return Message(text: "en ukendt kode efter \\ i citationstegn",
                hint: "skriv \\\\ for en omvendt skråstreg, eller brug enkelte citationstegn")
        case "found invalid Unicode character escape code", "did not find expected hexdecimal number":
            return Message(text: "en ugyldig \\x- eller \\u-kode i citationstegn", hint: "skriv tegnet selv i stedet for koden")
        case "block sequence entries are not allowed in this context":
            return Message(text: "en punktliste (- …) står et sted, hvor den ikke må stå", hint: "tjek indrykningen")
        case "mapping keys are not allowed in this context":
            return Message(text: "et feltnavn står et sted, hvor det ikke må stå", hint: "tjek indrykningen")
        case "did not find expected node content":
            return Message(text: "der mangler en værdi", hint: general)
        case "did not find expected '-' indicator":
            return Message(text: "forventede et nyt punkt (- …) i listen", hint: "tjek indrykningen")
        case "found an indentation indicator equal to 0", "did not find expected comment or line break":
            return Message(text: "en blok med | eller > er skrevet forkert", hint: "skriv teksten på linjerne under | eller >, rykket ind")
        case "did not find expected whitespace or line break", "did not find expected whitespace":
            return Message(text: "der mangler et mellemrum", hint: "skriv et mellemrum efter kolon og efter - i lister")
        case "did not find expected alphabetic or numeric character" where context?.contains("anchor") == true
            || context?.contains("alias") == true:
            return Message(text: "en værdi starter med & eller *", hint: "sæt teksten i citationstegn")
        case "Maximum nesting level reached, set with yaml_set_max_nest_level())":
            return Message(text: "felterne er for dybt indlejrede", hint: general)
        case "control characters are not allowed":
            return Message(text: "filen indeholder et usynligt styretegn", hint: "slet tegnet")
        case "invalid leading UTF-8 octet", "invalid trailing UTF-8 octet", "incomplete UTF-8 octet sequence",
             "invalid length of a UTF-8 sequence", "invalid Unicode character", "found an incorrect leading UTF-8 octet",
             "found an incorrect trailing UTF-8 octet":
            return Message(text: "filen er ikke gemt som UTF-8", hint: "gem filen med tegnsættet UTF-8 i din editor")
        case "but found another document":
            return Message(text: "filen har mere end ét sæt felter",
                hint: "en linje med --- for meget? Felterne står mellem den første og den anden ---")
        case _ where context?.contains("directive") == true || context?.contains("tag") == true || problem.contains("tag")
            || problem.contains("directive"):
            return Message(text: "YAML-direktiver (%…) og typemærker (!…) bruges ikke i katalogets filer",
                hint: "sæt teksten i citationstegn, hvis den starter med % eller !")
        default:
            return Message(text: "noget er skrevet forkert", hint: general)
        }
    }
}

extension YAMLMessages {
    /// A syntax problem as an author can act on it: at the line of the mistake itself, in words.
    /// libyaml finds a missing colon only on the next line ("could not find expected ':'" or "mapping
    /// values are not allowed"): the key without a colon is on the line before, and that is the
    /// line to name. `lines`: the YAML's lines; `line`/`contextLine`: 1-based within them.
    static func explain(problem: String, context: String?, contextLine: Int, line: Int, column: Int,
                        lines: [Substring]) -> (line: Int, column: Int, text: String, hint: String) {
        func text(_ number: Int) -> Substring? { number >= 1 && number <= lines.count ? lines[number - 1] : nil }
        // A line like `minutter 60`: a word, a space and more, no colon.
        func missingColon(_ number: Int) -> (line: Int, column: Int, text: String, hint: String)? {
            guard let source = text(number) else { return nil }
            let indent = source.prefix { $0 == " " }.count
            var body = source.dropFirst(indent)
            if body.hasPrefix("- ") { body = body.dropFirst(2) }
            guard !body.hasPrefix("#"), !body.contains(":"), let space = body.firstIndex(of: " ") else { return nil }
            let key = body[..<space]
            guard key.allSatisfy({ $0.isLetter || $0 == "-" }), !key.isEmpty else { return nil }
            let value = body[space...].drop { $0 == " " }
            return (number, indent + 1, "der mangler et kolon efter `\(key)`",
                    "skriv `\(key): \(value)`")
        }
        let curly = { (number: Int) in text(number)?.contains(where: { "“”„‘’«»".contains($0) }) == true }
        let quotesHint = "brug almindelige citationstegn (\") om teksten; din editor har lavet dem om til “ ”"

        switch problem {
        case "could not find expected ':'":
            if let found = missingColon(contextLine) ?? missingColon(line - 1) { return found }
        case "mapping values are not allowed in this context":
            // The key before: `titel Træning` on the line above `resume: …`.
            var previous = line - 1
            while let source = text(previous), source.allSatisfy({ $0 == " " }) { previous -= 1 }
            if let found = missingColon(previous) { return found }
            if curly(line) {
                return (line, column, "et kolon står i en tekst, der ikke er sat i almindelige citationstegn", quotesHint)
            }
        default:
            break
        }
        // A quote opened and never closed makes libyaml read on, and fail far below: name the line.
        if let open = (1...max(1, min(line, lines.count))).first(where: { unclosedQuote(text($0) ?? "") }), open < line {
            return (open, 1, "et citationstegn er ikke lukket", "sæt et citationstegn i slutningen af værdien")
        }
        let message = danish(problem: problem, context: context)
        let at = message.line == .context && contextLine > 0 ? (contextLine, 1) : (line, column)
        return (at.0, at.1, message.text, curly(at.0) ? quotesHint : message.hint)
    }

    /// A line whose value opens a double-quoted text that the line does not close.
    static func unclosedQuote(_ line: Substring) -> Bool {
        guard let colon = line.firstIndex(of: ":") else { return false }
        let value = line[line.index(after: colon)...].drop { $0 == " " }
        guard value.first == "\"" else { return false }
        var escaped = false, quotes = 0
        for character in value {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true } else if character == "\"" { quotes += 1 }
        }
        return quotes % 2 == 1
    }
}
