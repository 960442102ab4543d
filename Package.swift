// swift-tools-version:6.0
import PackageDescription
import Foundation

// libcmark and libyaml are linked as shared libraries, except in the self-contained binary
// (script/build-binary), which sets KATALOG_STATIC_CMARK and KATALOG_STATIC_YAML to folders holding
// the objects of Debian's libcmark.a and libyaml.a.
func linking(_ library: String, staticObjectsFrom variable: String) -> [LinkerSetting] {
    guard let folder = Context.environment[variable],
          let objects = try? FileManager.default.contentsOfDirectory(atPath: folder).filter({ $0.hasSuffix(".o") }).sorted(),
          !objects.isEmpty else {
        return [.linkedLibrary(library)]
    }
    return [.unsafeFlags(objects.map { folder + "/" + $0 })]
}

// One target per pipeline stage (load → validate → render → export → write), the model and its
// support below them, the pipeline (KatalogBuild) above them, and the commands on top.
// The `katalog` executable is a thin entry point over `KatalogCLI`. Linux only (Glibc).
let package = Package(
    name: "Tilbudskatalog",
    products: [
        .executable(name: "katalog", targets: ["katalog"]),
        .library(name: "KatalogCLI", targets: ["KatalogCLI"]),
    ],
    dependencies: [
        // Only for the tests, which read YAML with it.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // Debian's libyaml (0.2.5), for the front matter. Found through pkg-config, except in the
        // self-contained binary, where pkg-config's `-lyaml` would make it need the shared library.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: Context.environment["KATALOG_STATIC_YAML"] == nil ? "yaml-0.1" : nil,
            providers: [.apt(["libyaml-dev"])]
        ),
        // What every stage uses and none owns: parallel map, the JSON writer, byte-level text
        // helpers, paths and system errors, fingerprints and the session's memo.
        .target(name: "KatalogSupport"),
        // Domain model: modules, municipalities, vocabularies, source locations, diagnostics.
        .target(name: "KatalogCore", dependencies: ["KatalogSupport"]),
        // Markdown through libcmark: safe HTML, plain text for readability, links, tables.
        .target(name: "KatalogMarkdown", dependencies: ["CCmark", "KatalogSupport", "KatalogCore"], linkerSettings: linking("cmark", staticObjectsFrom: "KATALOG_STATIC_CMARK")),
        // Load + parse: Content/ folders, front matter (libyaml, composed in YAMLDocument) into typed modules.
        .target(name: "KatalogLoad", dependencies: ["KatalogSupport", "KatalogCore", "KatalogMarkdown", "CKatalogSystem", "CYAML"],
                linkerSettings: linking("yaml", staticObjectsFrom: "KATALOG_STATIC_YAML")),
        // Render: the static site from Mustache templates (its own engine, `Template.swift`: swift-mustache's
        // grammar, held to swift-mustache by the tests).
        .target(name: "KatalogSite", dependencies: ["KatalogSupport", "KatalogCore", "KatalogMarkdown", "KatalogRules"]),
        // Export: SOFT-ready CSV/JSON (+ JSON Schema), FHIR R4 HealthcareService, schema.org JSON-LD, Atom.
        .target(name: "KatalogExport", dependencies: ["KatalogSupport", "KatalogCore"]),
        // Atomic directory exchange (renameat2) for the writer.
        .target(name: "CKatalogSystem"),
        // Write: atomic replacement of the output folder.
        .target(name: "KatalogWrite", dependencies: ["KatalogSupport", "KatalogCore", "CKatalogSystem"]),
        // Validate: the quality standard's rules as data plus small checks.
        .target(name: "KatalogRules", dependencies: ["KatalogSupport", "KatalogCore"]),
        // The build as its stages (load → validate → render → export → write), and what a session
        // keeps between builds.
        .target(name: "KatalogBuild", dependencies: [
            "KatalogSupport", "KatalogCore", "KatalogLoad", "KatalogRules", "KatalogSite", "KatalogExport", "KatalogWrite",
        ]),
        // The commands: arguments in, messages out. Kept in a library so tests call it without spawning a process.
        .target(name: "KatalogCLI", dependencies: [
            "KatalogSupport", "KatalogCore", "KatalogLoad", "KatalogRules", "KatalogSite", "KatalogExport", "KatalogWrite", "KatalogBuild",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            // The live preview's HTTP server (`katalog serve`).
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ]),
        .executableTarget(name: "katalog", dependencies: ["KatalogCLI"]),
        .testTarget(
            name: "KatalogTests",
            dependencies: [
                "KatalogSupport", "KatalogCore", "KatalogLoad", "KatalogMarkdown", "KatalogRules", "KatalogSite", "KatalogExport",
                "KatalogWrite", "KatalogBuild", "KatalogCLI",
                // The libraries the program's own YAML composer, HTML escaping and template engine are compared with.
                "Yams", .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
    ]
)

// The libFuzzer target over the whole path of one module: parsing, the validator, its pages and the exports. It has no `main` (libFuzzer
// provides it), so it exists only when script/fuzz builds it: KATALOG_FUZZ=1.
if Context.environment["KATALOG_FUZZ"] == "1" {
    package.targets.append(.executableTarget(
        name: "katalog-fuzz",
        dependencies: ["KatalogSupport", "KatalogCore", "KatalogLoad", "KatalogRules", "KatalogSite", "KatalogExport"],
        path: "Fuzz/Sources"))
    package.products.append(.executable(name: "katalog-fuzz", targets: ["katalog-fuzz"]))
}
