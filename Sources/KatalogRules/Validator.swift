import KatalogCore
import KatalogSupport

/// Validate: runs every rule over every module and each municipality's catalog, and collects
/// all findings (Vale- and Spectral-style: nothing stops at the first problem).
public struct Validator: Sendable {
    public let rules: [Rule]
    /// Overrides every municipality's `lix-grænse` when set.
    public let lixLimit: Int?

    public init(rules: [Rule] = Standard.rules + ToolRules.rules, lixLimit: Int? = nil) {
        self.rules = rules
        self.lixLimit = lixLimit
    }

    /// Every finding in the catalog, sorted. The session's `memo` keeps each module's and each
    /// catalog's findings under what they are made from, so unchanged ones are not checked again.
    public func validate(_ catalog: Catalog, memo: ValidationMemo = ValidationMemo()) -> [Finding] {
        let optOuts = catalog.municipalities.map(optOuts)
        var findings = optOuts.flatMap(\.1)
        // Today's date too: a rule compares dates with it (HOLDSTART, FELT-DATO), so a session's findings go stale overnight.
        let settings = fingerprint(rules.map(\.id), lixLimit, DayStamp.today())
        // Module rules per module, in parallel across the cores; then each municipality's catalog rules.
        let modules = catalog.municipalities.indices.flatMap { m in catalog.municipalities[m].modules.map { (m, $0) } }
        findings += Parallel.map(modules) { m, module in
            let municipality = catalog.municipalities[m]
            let key = fingerprint(module.fingerprint, municipality.fingerprint, optOuts[m].0, settings)
            return memo.modules.value(key) { validate(module, in: municipality, disabled: optOuts[m].0) }
        }.joined()
        for (municipality, optOut) in zip(catalog.municipalities, optOuts) {
            let key = fingerprint(municipality.fingerprint, municipality.modules.map(\.fingerprint), optOut.0, settings)
            findings += memo.catalogs.value(key) { validateCatalog(municipality, disabled: optOut.0) + validateCourses(municipality) }
        }
        return findings.sorted(by: Finding.ordered)
    }

    /// The findings of the module rules for one module (what an edit to that module can change).
    public func validate(_ module: Module, in municipality: Municipality, disabled: Set<String>) -> [Finding] {
        var findings: [Finding] = []
        let limit = municipality.lixLimit(lixLimit)
        // Module rules see the municipality's settings but not its other modules: a module's findings
        // depend on the module and kommune.yml only, which is what lets a session reuse them.
        var settingsOnly = municipality
        settingsOnly.modules = []
        let facts = ModuleFacts(module: module, municipality: settingsOnly, lixLimit: limit)
        for rule in rules where !disabled.contains(rule.id) {
            guard case .module(let check) = rule.check, rule.target.applies(to: module) else { continue }
            // A placeholder is reported once, by UDFYLD, not again by every rule that reads the field.
            let issues = check(facts).filter { issue in
                rule.id == ToolRules.placeholder || !isPending(module.fields, issue.path)
            }
            findings += issues.map { issue in
                let location = issue.line.map { SourceLocation(file: module.file, line: $0) } ?? module.location(of: issue.path)
                return finding(rule, issue.message, at: location)
            }
        }
        return findings
    }

    /// The findings of the catalog rules (a municipality's catalog as a whole).
    public func validateCatalog(_ municipality: Municipality, disabled: Set<String>) -> [Finding] {
        rules.filter { !disabled.contains($0.id) && (municipality.settingsRead || !$0.target.readsSettings) }.flatMap { rule -> [Finding] in
            guard case .municipality(let check) = rule.check else { return [] }
            return check(municipality).map { issue in
                finding(rule, issue.message, at: issue.path.isEmpty ? municipality.location : municipality.location(of: issue.path))
            }
        }
    }

    /// The findings of the tool's rules on a municipality's course files (`ToolRules.courseIssues`).
    public func validateCourses(_ municipality: Municipality) -> [Finding] {
        let limit = municipality.lixLimit(lixLimit)
        return municipality.courses.flatMap { course in
            ToolRules.courseIssues(course, in: municipality, lixLimit: limit).compactMap { id, issue in
                guard let rule = rules.first(where: { $0.id == id }) else { return nil }
                let location = issue.line.map { SourceLocation(file: course.file, line: $0) } ?? course.fields.location(of: issue.path)
                    ?? course.frontMatter
                return finding(rule, issue.message, at: location)
            }
        }
    }

    private func finding(_ rule: Rule, _ message: String, at location: SourceLocation) -> Finding {
        Finding(rule: rule.id, section: rule.section, severity: rule.severity, location: location, message: message, hint: rule.hint)
    }

    /// Recommendations a municipality has switched off in `kommune.yml` (`fravalg:`), with a reason.
    /// A krav cannot be switched off; asking to is itself an error.
    public func optOuts(_ municipality: Municipality) -> (Set<String>, [Finding]) {
        var disabled: Set<String> = []
        var findings: [Finding] = []
        let location = municipality.location(of: MunicipalityKey.optOuts)
        for record in municipality.fields.records(MunicipalityKey.optOuts) {
            let at = record.location(of: OptOutKey.rule) ?? location
            guard let id = record.text(OptOutKey.rule) else {
                findings.append(Finding(rule: ToolRules.optOut, section: "-", severity: .error, location: at,
                                        message: "et fravalg mangler `regel`", hint: "skriv fx `regel: A-6.3-1`"))
                continue
            }
            guard let rule = rules.first(where: { $0.id == id }) else {
                findings.append(Finding(rule: ToolRules.optOut, section: "-", severity: .error, location: at,
                                        message: "ukendt regel `\(id)` i fravalg",
                                        hint: Suggestion.hint(for: id, in: rules.map(\.id)) ?? "se `katalog rules`"))
                continue
            }
            guard rule.severity == .warning, rule.basis != .tool else {
                findings.append(Finding(rule: rule.id, section: rule.section, severity: .error, location: at,
                                        message: "\(rule.id) er et krav og kan ikke fravælges", hint: "slet fravalget og opfyld kravet"))
                continue
            }
            guard record.text(OptOutKey.reason) != nil else {
                findings.append(Finding(rule: rule.id, section: rule.section, severity: .error, location: at,
                                        message: "fravalget af \(rule.id) mangler en `begrundelse`", hint: "skriv, hvorfor kommunen har " +
                                            "valgt anbefalingen fra"))
                continue
            }
            disabled.insert(rule.id)
        }
        return (disabled, findings)
    }
}

/// What validation keeps between the builds of a session: each module's findings (by the module,
/// its municipality's settings and the rules) and each municipality's catalog findings.
public final class ValidationMemo: Sendable {
    let modules: Memo<[Finding]>
    let catalogs: Memo<[Finding]>
    private let group: MemoGroup

    /// `keeps`: keep values for the session's next build (false for a build that is not kept).
    public init(keeps: Bool = true) {
        let group = MemoGroup(keeps: keeps)
        self.group = group
        modules = group.memo()
        catalogs = group.memo()
    }

    /// Ends a build: drops what it did not use.
    public func endBuild() { group.endBuild() }
}
