import KatalogCLI

@main
struct Entry {
    static func main() {
        Katalog.main()
    }
}
