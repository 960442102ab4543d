import ArgumentParser
import Foundation
import KatalogCore
import KatalogSupport
import KatalogLoad
import KatalogRules
import KatalogSite

public struct Init: ConsoleCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Opret et nyt katalog til en kommune, klar til git og CI.",
        discussion: """
        Opretter Content/<kommune>/kommune.yml, et eksempel pr. indsats og variant, en README på dansk \
        og CI til GitHub Actions og GitLab. Mappen skal være tom eller ikke findes.
        """)

    @Argument(help: "Mappen, kataloget oprettes i.")
    var folder: String

    @Option(name: .long, help: "Kommunens navn, fx \"Fjordby Kommune\".")
    var kommune: String

    @Option(name: .long, help: "Kommunekoden med fire cifre, fx 0707.")
    var kommunekode: String

    @Flag(name: .customLong("med-skabeloner"), help: "Læg også skabelonerne i Templates/, så I kan tilpasse webstedet.")
    var withTemplates = false

    public init() {}

    public func execute(console: Console) -> Int32 {
        let fm = FileManager.default
        if let existing = try? fm.contentsOfDirectory(atPath: folder), !existing.isEmpty {
            console.err("Mappen \(folder) er ikke tom. Vælg en ny eller tom mappe.")
            return Exit.usage
        }
        guard MunicipalityParser.isMunicipalityCode(kommunekode) else {
            console.err("fejl: kommunekoden `\(kommunekode)` skal være fire cifre fra 0 til 9, fx 0707.")
            return Exit.usage
        }
        guard !kommune.allSatisfy(\.isWhitespace), !kommune.contains("\n"),
              ControlCharacters.first(in: kommune, allowingTab: false) == nil, kommune.count <= 100 else {
            console.err("fejl: --kommune skal være kommunens navn på én linje (højst 100 tegn, ingen styretegn), fx \"Fjordby Kommune\".")
            return Exit.usage
        }
        let name = kommune.lowercased().hasSuffix("kommune") ? kommune : kommune + " Kommune"
        let slug = Slug.make(name.replacingOccurrences(of: " Kommune", with: "").replacingOccurrences(of: " kommune", with: ""))
        var files: [String: String] = [
            "Content/\(slug)/kommune.yml": Self.municipalityFile(name: name, code: kommunekode, slug: slug),
            "README.md": Self.readme(name: name, slug: slug),
            ".gitignore": "Site/\n.build/\nkatalog\n*.sarif\nkatalog-junit.xml\n",
            ".github/workflows/katalog.yml": Self.githubWorkflow,
            ".gitlab-ci.yml": Self.gitlabCI,
        ]
        let kinds = Intervention.kinds
        for (intervention, variant) in kinds {
            let id = "eksempel-" + Slug.make(variant?.rawValue ?? intervention.rawValue)
            files["Content/\(slug)/\(id).md"] = Scaffold.example(intervention, variant, updated: New.today(), postcode: "0000")
        }
        var data = files.mapValues { Data($0.utf8) }
        if withTemplates {
            for (path, bytes) in SiteRenderer.defaultFiles { data["Templates/" + path] = bytes }
        }
        do {
            for (path, bytes) in data.sorted(by: { $0.key < $1.key }) {
                let url = URL(fileURLWithPath: folder).appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try bytes.write(to: url, options: .withoutOverwriting)
            }
        } catch {
            console.err("fejl: kunne ikke oprette kataloget: \(SystemError.danish(error))")
            return Exit.usage
        }
        console.out("Oprettet: \(folder) med \(kinds.count) eksempler på tilbud i Content/\(slug)/.")
        console.out("Næste skridt: ret Content/\(slug)/kommune.yml, erstat eksemplerne, og kør `katalog check` i mappen.")
        return Exit.ok
    }

    /// kommune.yml for a new catalog: the name and code as given, and every other value an example
    /// that carries the marker EKSEMPEL. Rule EKSEMPEL reports each one once `eksempeldata` is false.
    static func municipalityFile(name: String, code: String, slug: String) -> String {
        let x = Placeholder.example
        var lines = [
            "# Kommunens oplysninger. Alt med \(x) er eksempler, som I skal erstatte med jeres egne.",
            "# Sæt eksempeldata til false, når det er gjort: så viser `katalog check` hvert eksempel, der er tilbage.",
            "navn: \(yamlQuoted(name))",
            "kommunekode: \"\(code)\"",
            "eksempeldata: true",
            "postnumre: [\"\(x) 0000\"]   # kommunens postnumre",
            "hjemmeside: https://www.\(slug).dk/\(x)-sundhed",
            "tilgængelighedserklæring: https://was.digst.dk/\(x)-\(slug)   # link til jeres erklæring i WAS-Tool",
            "modtager:   # enheden, der modtager henvisninger (MedCom XREF15)",
            "  navn: \"\(x): Sundhedscentret\"",
            "  lokationsnummer: \"\(x) 0000000000000\"   # EAN-lokationsnummer, 13 cifre",
            "kontakt:",
            "  navn: \"\(x): Sundhedscentret\"",
            "  telefon: \"\(x) 00 00 00 00\"",
            "  e-mail: \(x)-sundhed@\(slug).dk",
            "læger:",
            "  telefon: \"\(x) 00 00 00 00\"",
            "  # kontakt-inden-dage: 5   # hvor mange hverdage der højst går fra henvisning til kontakt (§2.2)",
            "  henvisning: [\"\(x): Årsagen til henvisningen\", Diagnoser og relevante målinger, \"Særlige behov, fx tolk\"]",
            "organisation:   # kommunens erklæringer om krav, der gælder hele organisationen",
        ]
        for field in OrganisationDeclaration.fields {
            lines.append("  \(field.key): \"\(x): \(field.help)\"")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar holding `text` exactly, whatever YAML characters it has
    /// (`:`, `#`, `"`, `[`, `&` …). Control characters were refused before.
    static func yamlQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func readme(name: String, slug: String) -> String {
        """
        # Forebyggelsestilbud i \(name)

        Her beskriver \(name) sine forebyggelsestilbud til borgere med kronisk sygdom (sundhedslovens §119).
        Hvert tilbud er én fil i `Content/\(slug)/`. Programmet `katalog` tjekker tilbuddene mod Sundhedsstyrelsens
        kvalitetsstandard (2024) og laver hjemmesiden og eksporten til sundhed.dk.

        ## Kom i gang

        1. Ret `Content/\(slug)/kommune.yml`: alle værdier med EKSEMPEL.
        2. Erstat eksemplerne (`eksempel-*.md`) med jeres egne tilbud, eller slet dem.
           Et nyt tilbud: `katalog new fysisk-aktivitet/superviseret-træning traening-paa-hold`.
        3. Kør `katalog check`. Den viser fil, linje og afsnit i standarden for alt, der mangler.
        4. Sæt `eksempeldata: false` i kommune.yml. Så viser `katalog check` hvert eksempel, der er tilbage.

        Kommandoer: `katalog check`, `katalog build` (hjemmesiden i `Site/`), `katalog explain K-6.2-5`,
        `katalog rules`, `katalog export --format soft-csv`.

        ## Automatisk tjek (CI)

        CI-filerne henter selv programmet `katalog` \(KatalogVersion.version) fra Tilbudskatalogs udgivelse og tjekker
        dets kontrolsum (SHA-256), før det køres. I skal ikke bygge eller lægge programmet nogen steder.

        - **GitHub**: `.github/workflows/katalog.yml` tjekker hver ændring. Fejl vises ved linjerne i
          pull requesten, en opsummering står på kørslens side, og SARIF lægges i Code scanning. Kørslen
          fejler, hvis et krav er brudt. Hver pull request får en forhåndsvisning af hjemmesiden som en
          zip-fil (linket står i opsummeringen). På `main` bygges hjemmesiden og lægges på GitHub Pages, med
          sin adresse der, så eksportens links er absolutte; har den en anden adresse, så sæt
          repository-variablen `KATALOG_BASE_URL` til den.
        - **GitLab**: `.gitlab-ci.yml` gør det samme; fejlene vises i merge requesten via JUnit-rapporten,
          og forhåndsvisningen ligger ved merge requesten som "Hjemmeside". Hjemmesiden bygges med sin adresse
          på GitLab Pages (`CI_PAGES_URL`).
        - Vil I bruge en anden udgave af programmet, så sæt variablen `KATALOG_URL` til dens adresse og
          `KATALOG_SHA256` til dens kontrolsum.

        ## På jeres egen computer

        - **Linux**: hent `katalog` fra udgivelsen, gør den kørbar (`chmod +x katalog`), og kør
          `./katalog serve` i mappen. Så ser I hjemmesiden, mens I skriver.
        - **Windows og Mac**: programmet findes kun til Linux. Ret filerne i GitHubs eller GitLabs editor i
          browseren, og se fejlene og forhåndsvisningen i pull requesten (eller merge requesten). Har I Swift
          installeret, kan programmet bygges fra kildekoden (se Tilbudskatalogs README).
        """
    }

    /// How a pipeline gets the program: the release of the version that wrote the file, with its
    /// checksum; `KATALOG_URL` points elsewhere (then `KATALOG_SHA256`, if set, is checked).
    public static let fetchCommands = [
        #"curl -fsSL "${KATALOG_URL:-$KATALOG_RELEASE/katalog}" -o katalog"#,
        #"if [ -n "$KATALOG_SHA256" ]; then echo "$KATALOG_SHA256  katalog" | sha256sum -c -; "#
            + #"elif [ -z "$KATALOG_URL" ]; then curl -fsSL "$KATALOG_RELEASE/katalog.sha256" -o katalog.sha256 && "#
            + #"sha256sum -c katalog.sha256; fi"#,
        "chmod +x katalog",
        "./katalog --version",
    ]

    static var githubWorkflow: String {
        """
        # Tjekker tilbuddene mod Sundhedsstyrelsens kvalitetsstandard og udgiver hjemmesiden.
        # Oprettet af `katalog init` \(KatalogVersion.version), som også henter netop den version af programmet.
        name: Tilbudskatalog
        on:
          push:
            branches: [main]
          pull_request:
        permissions:
          contents: read
        env:
          KATALOG_RELEASE: \(KatalogVersion.releaseURL)
          # Repository-variabler: KATALOG_URL henter programmet et andet sted fra, KATALOG_SHA256 låser dets
          # kontrolsum, KATALOG_BASE_URL er hjemmesidens adresse.
          KATALOG_URL: ${{ vars.KATALOG_URL }}
          KATALOG_SHA256: ${{ vars.KATALOG_SHA256 }}
          KATALOG_BASE_URL: ${{ vars.KATALOG_BASE_URL }}
        jobs:
          tjek:
            runs-on: ubuntu-latest
            permissions:
              contents: read
              security-events: write
            steps:
              - uses: actions/checkout@v5
              - name: Hent katalog
                run: |
        \(Self.fetchCommands.map { "          " + $0 }.joined(separator: "\n"))
              - name: Tjek mod kvalitetsstandarden
                run: ./katalog check --format github
              - name: Opsummering
                if: always()
                run: ./katalog check --format markdown >> "$GITHUB_STEP_SUMMARY" || true
              - name: SARIF
                if: always()
                run: ./katalog check --format sarif > katalog.sarif || true
              - name: Upload SARIF
                if: always()
                uses: github/codeql-action/upload-sarif@v4
                with:
                  sarif_file: katalog.sarif
                  category: tilbudskatalog
              # En forhåndsvisning af hjemmesiden til hver pull request, også når der er fejl.
              - name: Byg forhåndsvisning
                if: always() && github.event_name == 'pull_request'
                run: ./katalog build --allow-errors
              - name: Gem forhåndsvisning
                id: preview
                if: always() && github.event_name == 'pull_request'
                uses: actions/upload-artifact@v6
                with:
                  name: hjemmeside
                  path: Site
              - name: Link til forhåndsvisningen
                if: always() && github.event_name == 'pull_request'
                env:
                  PREVIEW: ${{ steps.preview.outputs.artifact-url }}
                run: echo "Forhåndsvisning af hjemmesiden, som zip-fil - $PREVIEW" >> "$GITHUB_STEP_SUMMARY"
              # With the site's address, so the exports' links are absolute: KATALOG_BASE_URL, else GitHub Pages' address
              # for the repository (https://<ejer>.github.io/<repository>/).
              - name: Byg hjemmesiden
                if: github.ref == 'refs/heads/main'
                run: ./katalog build --base-url "${KATALOG_BASE_URL:-https://$GITHUB_REPOSITORY_OWNER.github.io/${GITHUB_REPOSITORY#*/}/}"
              - uses: actions/upload-pages-artifact@v4
                if: github.ref == 'refs/heads/main'
                with:
                  path: Site
          udgiv:
            needs: tjek
            if: github.ref == 'refs/heads/main'
            runs-on: ubuntu-latest
            permissions:
              pages: write
              id-token: write
            environment:
              name: github-pages
              url: ${{ steps.deploy.outputs.page_url }}
            steps:
              - id: deploy
                uses: actions/deploy-pages@v5

        """
    }

    static var gitlabCI: String {
        """
        # Tjekker tilbuddene mod Sundhedsstyrelsens kvalitetsstandard og udgiver hjemmesiden.
        # Oprettet af `katalog init` \(KatalogVersion.version), som også henter netop den version af programmet.
        # CI/CD-variabler: KATALOG_URL henter programmet et andet sted fra, KATALOG_SHA256 låser dets kontrolsum.
        stages: [tjek, udgiv]

        variables:
          KATALOG_RELEASE: "\(KatalogVersion.releaseURL)"

        default:
          image: debian:bookworm-slim
          before_script:
            - apt-get update -qq && apt-get install -y -qq --no-install-recommends curl ca-certificates > /dev/null
        \(Self.fetchCommands.map { "    - " + Self.yamlQuoted($0) }.joined(separator: "\n"))

        tjek:
          stage: tjek
          script:
            - ./katalog check --format text
          after_script:
            - ./katalog check --format junit > katalog-junit.xml || true
          artifacts:
            when: always
            reports:
              junit: katalog-junit.xml

        # En forhåndsvisning af hjemmesiden til hver merge request, også når der er fejl.
        forhaandsvisning:
          stage: tjek
          script:
            - ./katalog build --allow-errors
          artifacts:
            expose_as: "Hjemmeside"
            paths: [Site/]
            when: always
          rules:
            - if: $CI_PIPELINE_SOURCE == "merge_request_event"

        pages:
          stage: udgiv
          script:
            - ./katalog build --output public --base-url "$CI_PAGES_URL"   # sidens adresse på GitLab Pages
          artifacts:
            paths: [public]
          rules:
            - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH

        """
    }
}
