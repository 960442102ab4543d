import ArgumentParser
import Foundation
import KatalogSupport

/// `--lix N`: the highest LIX for citizen text, as `lix-grænse` in kommune.yml allows it.
enum LIXOption {
    static func validate(_ value: Int?) throws {
        if let value, !(1...100).contains(value) { throw ValidationError("--lix skal være et tal fra 1 til 100") }
    }
}

/// `--base-url`: the site's public address, which exports and feeds put in front of every link,
/// so only an absolute http(s) address with a host (never `javascript:`, `data:` or a relative path).
enum BaseURL {
    static let rule = """
        --base-url skal være en webadresse, der starter med https:// (eller http://) og har et domæne, uden ? og #, fx \
        https://sundhed.fjordby.dk/tilbud/
        """

    static func isValid(_ text: String) -> Bool {
        guard !text.contains(where: { $0.isWhitespace || "\"<>\\`".contains($0) }), ControlCharacters.first(in: text,
            allowingTab: false) == nil,
              let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty,
              components.query == nil, components.fragment == nil, components.user == nil else { return false }
        return true
    }

    /// For `validate()` of a command: nil and "" mean no base URL (an unset CI variable).
    static func validate(_ text: String?) throws {
        if let text, !text.isEmpty, !isValid(text) { throw ValidationError(rule) }
    }
}
