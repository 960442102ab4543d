/// The program's version and where its releases are published. The release workflow
/// (`.github/workflows/release.yml`) publishes `katalog` and `katalog.sha256` for the tag
/// `v<version>` and refuses a tag that differs from `version`; the CI files `katalog init` writes
/// download that release, so a catalog's pipeline runs the version that wrote it.
public enum KatalogVersion {
    public static let version = "0.2.0"
    public static let standard = "Sundhedsstyrelsen: Kvalitetsstandarder for forebyggelsestilbud til borgere med kronisk sygdom (2024)"
    public static var description: String { "\(version) (regler fra \(standard))" }

    /// The GitHub repository whose releases `init`'s CI files download (a fork that publishes its own
    /// releases changes this one line).
    public static let repository = "tilbudskatalog/tilbudskatalog"

    /// Where the release of `version` publishes its files.
    public static var releaseURL: String { "https://github.com/\(repository)/releases/download/v\(version)" }
}
