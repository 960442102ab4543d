#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KatalogCLI

@main
struct Entry {
    static func main() {
        // A parent may have left SIGINT/SIGTERM ignored; Ctrl-C and CI cancellation must stop us.
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &signals, nil)
        // Katalog.run, not ArgumentParser's main: its messages in Danish and misuse exiting 2, not 64.
        exit(Katalog.run(Array(CommandLine.arguments.dropFirst()), console: .standard))
    }
}
