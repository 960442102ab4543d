import ArgumentParser
import Foundation
import KatalogCore
import KatalogRules

public struct Check: ConsoleCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Tjek tilbuddene mod Sundhedsstyrelsens kvalitetsstandard (2024).",
        discussion: """
        Krav giver fejl, anbefalinger giver advarsler. Exit-kode 0: ingen fejl. 1: der er fejl \
        (med --strict også advarsler). 2: indholdet kan ikke læses, eller kommandoen er brugt forkert.
        """)

    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        case text, json
    }

    @Option(name: .long, help: "Mappen med kommunernes tilbud.")
    var content = "Content"

    @Option(name: .long, help: "Uddataformat: text eller json.")
    var format: Format = .text

    @Flag(name: .long, help: "Behandl advarsler som fejl.")
    var strict = false

    public init() {}

    public func execute(console: Console) -> Int32 {
        let catalog: Catalog
        do {
            catalog = try Pipeline(options: .init(content: content)).load()
        } catch {
            _ = report(error, console: console)
            return Exit.usage
        }
        let findings = Validator().validate(catalog)
        switch format {
        case .text: console.out(TextFormatter.format(findings, modules: catalog.modules.count))
        case .json: console.out(JSONFormatter.format(findings, modules: catalog.modules.count))
        }
        let failing = findings.contains { $0.severity == .error || strict }
        return failing ? Exit.findings : Exit.ok
    }
}

enum TextFormatter {
    static func format(_ findings: [Finding], modules: Int) -> String {
        var lines = findings.map { f in
            "\(f.location): \(f.severity.danish) [\(f.rule) §\(f.section)] \(f.message)\n    → \(f.hint)"
        }
        let errors = findings.filter { $0.severity == .error }.count
        lines.append("\(modules) tilbud tjekket: \(errors) fejl, \(findings.count - errors) advarsler.")
        return lines.joined(separator: "\n")
    }
}

enum JSONFormatter {
    static func format(_ findings: [Finding], modules: Int) -> String {
        struct Out: Encodable {
            struct Item: Encodable {
                let rule, section, severity, file: String
                let line, column: Int
                let message, hint: String
            }
            struct Summary: Encodable { let modules, errors, warnings: Int }
            let findings: [Item]
            let summary: Summary
        }
        let errors = findings.filter { $0.severity == .error }.count
        let out = Out(findings: findings.map {
            .init(rule: $0.rule, section: $0.section, severity: $0.severity.rawValue, file: $0.location.file,
                  line: $0.location.line, column: $0.location.column, message: $0.message, hint: $0.hint)
        }, summary: .init(modules: modules, errors: errors, warnings: findings.count - errors))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(out)) ?? Data(), as: UTF8.self)
    }
}
