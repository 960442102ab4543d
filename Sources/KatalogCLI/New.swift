import ArgumentParser
import Foundation
import KatalogCore
import KatalogSupport
import KatalogRules
import KatalogLoad

public struct New: ConsoleCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Opret et nyt tilbud med alle de felter, kvalitetsstandarden kræver.",
        discussion: """
        Eksempler: `katalog new fysisk-aktivitet/superviseret-træning traening-paa-hold --kommune fjordby`, \
        `katalog new alkohol alkoholsamtale` og `katalog new forløb kol-rehabilitering` \
        (et forløb, der samler flere tilbud). Indsatser: \(Intervention.allCases.map(\.rawValue).joined(separator: ", ")); \
        varianter: \(Variant.allCases.map { "\($0.intervention.rawValue)/\($0.rawValue)" }.joined(separator: ", ")). \
        Filen får en kommentar ved hvert felt; tekster, der begynder med UDFYLD, skal skrives, før `katalog check` er tilfreds.
        """)

    @Argument(help: "Indsats og evt. variant, fx fysisk-aktivitet/vejledning; eller forløb.")
    var indsats: String

    @Argument(help: "Filnavnet uden .md, fx traening-paa-hold.")
    var id: String

    @Option(name: .long, help: "Kommunemappen (kan udelades, når der kun er én).")
    var kommune: String?

    @Option(name: .long, help: "Mappen med kommunernes tilbud.")
    var content = "Content"

    public init() {}

    public func execute(console: Console) -> Int32 {
        let parts = indsats.split(separator: "/", maxSplits: 1).map(String.init)
        let isCourse = indsats == CourseKey.parts.rawValue
        guard let intervention = Intervention(rawValue: parts[0]) ?? (isCourse ? .andet : nil) else {
            console.err("Ukendt indsats `\(parts[0])`" + (Suggestion.hint(for: parts[0],
                in: Intervention.allCases.map(\.rawValue)).map { " (\($0))" } ?? "")
                        + ". Vælg en af: \(Intervention.allCases.map(\.rawValue).joined(separator: ", ")).")
            return Exit.usage
        }
        var variant: Variant?
        if parts.count == 2 {
            guard let v = Variant(rawValue: parts[1]), v.intervention == intervention else {
                console.err("""
                    Ukendt variant `\(parts[1])` for \(intervention.rawValue). Vælg en af: \
                    \(intervention.variants.map(\.rawValue).joined(separator: ", ")).
                    """)
                return Exit.usage
            }
            variant = v
        } else if !intervention.variants.isEmpty, !isCourse {
            console.err("Vælg en variant: " +
                "\(intervention.variants.map { "\(intervention.rawValue)/\($0.rawValue)" }.joined(separator: " eller ")).")
            return Exit.usage
        }
        guard !ContentLoader.reservedModules.contains(id) else {
            console.err("Filnavnet `\(id)` bruges af webstedet selv; vælg et andet, fx `\(id)-tilbud`.")
            return Exit.usage
        }
        guard Slug.make(id) == id else {
            console.err("Filnavnet `\(id)` skal være små bogstaver, tal og bindestreger, fx `\(Slug.make(id))`.")
            return Exit.usage
        }
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: content)) ?? [])
            .filter { FileManager.default.fileExists(atPath: "\(content)/\($0)/kommune.yml") }.sorted()
        guard let folder = kommune ?? (folders.count == 1 ? folders[0] : nil) else {
            console.err(folders.isEmpty ? "Der er ingen kommunemappe med kommune.yml i \(content)."
                        : "Vælg kommune med --kommune: \(folders.joined(separator: ", ")).")
            return Exit.usage
        }
        guard folders.contains(folder) else {
            console.err("Kommunemappen `\(folder)` findes ikke i \(content)" + (Suggestion.hint(for: folder,
                in: folders).map { " (\($0))" } ?? "") + ".")
            return Exit.usage
        }
        let path = "\(content)/\(folder)/\(id).md"
        guard !FileManager.default.fileExists(atPath: path) else {
            console.err("\(path) findes allerede; vælg et andet filnavn.")
            return Exit.usage
        }
        let text = isCourse
            ? Scaffold.course(modules: Self.modules(in: "\(content)/\(folder)"), updated: Self.today())
            : Scaffold.module(intervention, variant, updated: Self.today())
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting)
        } catch {
            console.err("fejl: kunne ikke skrive \(path): \(SystemError.danish(error))")
            return Exit.usage
        }
        console.out("Oprettet: \(path)")
        console.out("Udfyld felterne med UDFYLD, og kør `katalog check` for at se, hvad der mangler.")
        return Exit.ok
    }

    /// The modules of a municipality folder (file name and title), for a new course to choose its parts from.
    static func modules(in folder: String) -> [(slug: String, title: String)] {
        guard let loaded = try? ContentLoader().read(root: (folder as NSString).deletingLastPathComponent) else { return [] }
        let slug = Slug.make((folder as NSString).lastPathComponent)
        return (loaded.catalog.municipalities.first { $0.slug == slug }?.modules ?? []).sortedByTitle().map { ($0.slug, $0.title) }
    }

    static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Copenhagen")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}
