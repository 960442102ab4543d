import Foundation

/// swift-argument-parser writes its help and its errors in English and offers no way to change
/// their words, so what it writes is translated here: its fixed headings and the shapes of its
/// error messages (from `UsageGenerator.swift` and `HelpGenerator.swift` of version 1.8).
/// Whatever it says that is not listed passes unchanged; `ArgumentsTests` holds the translations
/// against the library's real output, so a new wording in a later version shows up as a failure.
enum DanishArguments {
    /// Line-start headings and fixed phrases, replaced as they are.
    private static let phrases: [(String, String)] = [
        ("OVERVIEW: ", "OVERSIGT: "),
        ("USAGE: ", "BRUG:  "),
        ("ARGUMENTS:", "ARGUMENTER:"),
        ("OPTIONS:", "TILVALG:"),
        ("SUBCOMMANDS:", "UNDERKOMMANDOER:"),
        ("Show help information.", "Vis hjælp."),
        ("Show the version.", "Vis versionen."),
        ("<subcommand>", "<underkommando>"),
        ("<options>", "<tilvalg>"),
        ("Help:  ", "Hjælp: "),
        ("Usage: ", "Brug:  "),
        ("Error: ", "fejl: "),
        ("Missing required subcommand.", "mangler en underkommando."),
        ("Invalid option: ", "ugyldigt tilvalg: "),
        ("Please provide one of the following:", "Vælg en af disse:"),
    ]

    /// Messages with values in them: pattern → template (`$1`, `$2`: the captured values).
    private static let patterns: [(NSRegularExpression, String)] = [
        (#"See '(.+) help <underkommando>' for detailed help\."#, "Se '$1 help <underkommando>' for hjælp til hver kommando."),
        (#"See '(.+)' for more information\."#, "Se '$1' for mere hjælp."),
        (#"\(default: ([^)]*)\)"#, "(standard: $1)"),
        (#"\(values: ([^)]*)\)"#, "(værdier: $1)"),
        (#"Unknown option '([^']+)'\. Did you mean '([^']+)'\?"#, "ukendt tilvalg '$1'. Mente du '$2'?"),
        (#"Unknown option '([^']+)'"#, "ukendt tilvalg '$1'"),
        (#"Missing value for '([^']+)'"#, "mangler en værdi til '$1'"),
        (#"Missing expected argument '([^']+)'"#, "mangler argumentet '$1'"),
        (#"Missing one of: (.+)"#, "mangler en af: $1"),
        (#"(\d+) unexpected arguments: (.+)"#, "$1 argumenter, der ikke hører til her: $2"),
        (#"Unexpected argument '([^']+)'"#, "argumentet '$1' hører ikke til her"),
        (#"The value '([^']*)' is invalid for '([^']+)'"#, "værdien '$1' passer ikke til '$2'"),
        (#"The value '([^']*)' is invalid\."#, "værdien '$1' er ugyldig."),
        (#"The option '([^']+)' does not take any value, but '([^']*)' was specified\."#,
            "tilvalget '$1' tager ingen værdi, men fik '$2'."),
        (#"Value to be set with (.+) had already been set with (.+)"#, "værdien er angivet to gange: $2 og $1"),
        (#"\. Please provide one of (.+)\."#, ". Vælg en af $1."),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    static func translate(_ text: String) -> String {
        var out = text
        for (english, danish) in phrases { out = out.replacingOccurrences(of: english, with: danish) }
        for (pattern, template) in patterns {
            out = pattern.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: template)
        }
        // Lists of allowed values: "'a', 'b' or 'c'".
        return out.replacingOccurrences(of: "' or '", with: "' eller '").replacingOccurrences(of: "' and '", with: "' og '")
    }
}
