import KatalogCore
import KatalogSupport
import Synchronization

/// A view model that templates read through a table of key paths instead of reflection. In debug
/// builds the table is checked against the type's stored properties the first time each type is
/// rendered, so the two cannot drift.
protocol TemplateView: TemplateObject {
    static var keys: [String: TemplateKey<Self>] { get }
    /// Whether `keys` names exactly the stored properties (checked in debug builds); false for a
    /// view that shows part of another through a reference.
    static var keysAreStoredProperties: Bool { get }
}

extension TemplateView {
    static var keysAreStoredProperties: Bool { true }
}

extension TemplateView {
    func value(named name: String) -> TemplateValue? {
        #if DEBUG
        TemplateKeysCheck.verify(self)
        #endif
        return Self.keys[name]?.read(self)
    }
}

/// How a template reads one field of a view: `path` (for fingerprints) and `read`, which gives
/// what the template sees. `read` is made from the field's static type (`key(_:)`): an absent
/// optional is no value, nested views are values of their own.
struct TemplateKey<View>: @unchecked Sendable {
    let path: PartialKeyPath<View>
    let read: (View) -> TemplateValue?
}

extension TemplateView {
    static func key(_ path: KeyPath<Self, String>) -> TemplateKey<Self> {
        TemplateKey(path: path) { .text($0[keyPath: path]) }
    }
    static func key(_ path: KeyPath<Self, String?>) -> TemplateKey<Self> {
        TemplateKey(path: path) { $0[keyPath: path].map { .text($0) } }
    }
    static func key(_ path: KeyPath<Self, [String]>) -> TemplateKey<Self> {
        TemplateKey(path: path) { .list($0[keyPath: path].map { .text($0) }) }
    }
    static func key(_ path: KeyPath<Self, Bool>) -> TemplateKey<Self> {
        TemplateKey(path: path) { .flag($0[keyPath: path]) }
    }
    static func key(_ path: KeyPath<Self, Int>) -> TemplateKey<Self> {
        TemplateKey(path: path) { .number($0[keyPath: path]) }
    }
    static func key(_ path: KeyPath<Self, Int?>) -> TemplateKey<Self> {
        TemplateKey(path: path) { $0[keyPath: path].map { .number($0) } }
    }
    static func key(_ path: KeyPath<Self, RawText>) -> TemplateKey<Self> {
        TemplateKey(path: path) { .html($0[keyPath: path].text) }
    }
    static func key(_ path: KeyPath<Self, RawText?>) -> TemplateKey<Self> {
        TemplateKey(path: path) { $0[keyPath: path].map { .html($0.text) } }
    }
    static func key<T: TemplateView>(_ path: KeyPath<Self, T>) -> TemplateKey<Self> {
        TemplateKey(path: path) { .object($0[keyPath: path]) }
    }
    static func key<T: TemplateView>(_ path: KeyPath<Self, T?>) -> TemplateKey<Self> {
        TemplateKey(path: path) { $0[keyPath: path].map { .object($0) } }
    }
    static func key<T: TemplateView>(_ path: KeyPath<Self, [T]>) -> TemplateKey<Self> {
        TemplateKey(path: path) { .list($0[keyPath: path].map { .object($0) }) }
    }
}

extension TemplateView {
    /// A hash of every value the key table exposes (nested views by their own hash).
    static func contentHash(_ view: Self) -> Int {
        var hasher = Hasher()
        view.combineFields(into: &hasher)
        return hasher.finalize()
    }
}

/// A view that carries a fingerprint of what it is made from; hashing it hashes only that (and two
/// views are equal when their fingerprints are), so pages that show thousands of them hash fast.
protocol Digested: Hashable {
    var digest: Int { get }
}

extension Digested {
    static func == (a: Self, b: Self) -> Bool { a.digest == b.digest }
    func hash(into hasher: inout Hasher) { hasher.combine(digest) }
}

extension ModuleComplianceView: Digested {}

/// Hashes a view's values through the key tables the templates read (so it covers exactly what a
/// page can show), text as UTF-8 bytes (the standard String hash normalises Unicode first, which
/// costs several times more for Danish text), and digested views by their digest. Used to give
/// list summaries and municipality views their digest once.
enum ViewFingerprint {
    static func combine(_ value: Any, into hasher: inout Hasher) {
        switch value {
        case let text as String:
            var text = text
            hasher.combine(text.utf8.count)
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        case let number as Int:
            hasher.combine(number)
        case let flag as Bool:
            hasher.combine(flag)
        case let digested as any Digested:
            hasher.combine(digested.digest)
        case let optional as OptionalValue:
            if let wrapped = optional.wrappedValue {
                hasher.combine(1 as UInt8)
                combine(wrapped, into: &hasher)
            } else {
                hasher.combine(0 as UInt8)
            }
        case let list as ListValue:
            list.combineElements(into: &hasher)
        case let view as any TemplateView:
            view.combineFields(into: &hasher)
        case let other as AnyHashable:
            hasher.combine(other)
        default:
            combine(String(describing: value), into: &hasher)
        }
    }
}

private protocol ListValue {
    func combineElements(into hasher: inout Hasher)
}

extension Array: ListValue {
    fileprivate func combineElements(into hasher: inout Hasher) {
        hasher.combine(count)
        for element in self { ViewFingerprint.combine(element, into: &hasher) }
    }
}

extension TemplateView {
    /// Every field of the key table (in the table's own, fixed, order).
    func combineFields(into hasher: inout Hasher) {
        for (name, key) in Self.keys {
            ViewFingerprint.combine(name, into: &hasher)
            ViewFingerprint.combine(self[keyPath: key.path], into: &hasher)
        }
    }
}

private protocol OptionalValue {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalValue {
    fileprivate var wrappedValue: Any? { self.map { $0 as Any } }
}

#if DEBUG
enum TemplateKeysCheck {
    private static let checked = Mutex<Set<ObjectIdentifier>>([])

    static func verify<V: TemplateView>(_ view: V) {
        let first = checked.withLock { $0.insert(ObjectIdentifier(V.self)).inserted }
        guard first else { return }
        guard V.keysAreStoredProperties else { return }
        // `digest` is bookkeeping for incremental builds, not for templates.
        let stored = Set(Mirror(reflecting: view).children.compactMap(\.label)).subtracting(["digest"])
        precondition(stored == Set(V.keys.keys),
                     "\(V.self).keys differs from its properties: \(stored.symmetricDifference(V.keys.keys).sorted())")
    }
}
#endif

extension LinkView: TemplateView {
    static let keys: [String: TemplateKey<LinkView>] = [
        "label": key(\.label),
        "url": key(\.url),
    ]
}

extension DateView: TemplateView {
    static let keys: [String: TemplateKey<DateView>] = [
        "iso": key(\.iso),
        "label": key(\.label),
    ]
}

extension PlaceView: TemplateView {
    static let keys: [String: TemplateKey<PlaceView>] = [
        "name": key(\.name),
        "address": key(\.address),
        "postcode": key(\.postcode),
        "city": key(\.city),
        "accessibility": key(\.accessibility),
        "lines": key(\.lines),
    ]
}

extension ContactView: TemplateView {
    static let keys: [String: TemplateKey<ContactView>] = [
        "name": key(\.name),
        "phone": key(\.phone),
        "phoneURI": key(\.phoneURI),
        "email": key(\.email),
        "hours": key(\.hours),
    ]
}

extension MunicipalityView: TemplateView {
    static let keys: [String: TemplateKey<MunicipalityView>] = [
        "slug": key(\.slug),
        "name": key(\.name),
        "url": key(\.url),
        "code": key(\.code),
        "isExample": key(\.isExample),
        "contact": key(\.contact),
        "accessibilityStatement": key(\.accessibilityStatement),
        "website": key(\.website),
        "receiver": key(\.receiver),
        "receiverSOR": key(\.receiverSOR),
        "receiverLocation": key(\.receiverLocation),
        "doctorsPhone": key(\.doctorsPhone),
        "doctorsPhoneURI": key(\.doctorsPhoneURI),
        "contactWithinDays": key(\.contactWithinDays),
        "referralContents": key(\.referralContents),
        "feedback": key(\.feedback),
        "postcodes": key(\.postcodes),
        "doctorsURL": key(\.doctorsURL),
        "directOffers": key(\.directOffers),
        "diagnoses": key(\.diagnoses),
        "calendarURL": key(\.calendarURL),
        "courses": key(\.courses),
    ]
}

extension PostcodeView: TemplateView {
    static let keys: [String: TemplateKey<PostcodeView>] = [
        "postcode": key(\.postcode),
        "municipality": key(\.municipality),
        "url": key(\.url),
    ]
}

extension GroupView: TemplateView {
    static let keys: [String: TemplateKey<GroupView>] = [
        "heading": key(\.heading),
        "url": key(\.url),
        "doctorsURL": key(\.doctorsURL),
        "anchor": key(\.anchor),
        "modules": key(\.modules),
    ]
}

extension PlaceCount: TemplateView {
    static let keys: [String: TemplateKey<PlaceCount>] = [
        "name": key(\.name), "url": key(\.url), "count": key(\.count), "doctorsURL": key(\.doctorsURL),
    ]
}

extension InterventionEntry: TemplateView {
    static let keys: [String: TemplateKey<InterventionEntry>] = [
        "code": key(\.code),
        "label": key(\.label),
        "everyday": key(\.everyday),
        "description": key(\.description),
        "url": key(\.url),
        "count": key(\.count),
    ]
}

extension FrontContext {
    static let keys: [String: TemplateKey<FrontContext>] = chromeKeys(\.chrome).merging([
        "heading": key(\.heading),
        "interventions": key(\.interventions),
        "diagnoses": key(\.diagnoses),
        "municipalities": key(\.municipalities),
        "formats": key(\.formats),
        "times": key(\.times),
        "examplePostcode": key(\.examplePostcode),
    ]) { $1 }
    static var keysAreStoredProperties: Bool { false }
}

extension ListContext {
    static let keys: [String: TemplateKey<ListContext>] = chromeKeys(\.chrome).merging([
        "heading": key(\.heading),
        "lead": key(\.lead),
        "municipality": key(\.municipality),
        "courses": key(\.courses),
        "groups": key(\.groups),
        "overview": key(\.overview),
    ]) { $1 }
    static var keysAreStoredProperties: Bool { false }
}

extension ModuleContext {
    static let keys: [String: TemplateKey<ModuleContext>] = chromeKeys(\.chrome).merging([
        "module": key(\.module),
        "municipality": key(\.municipality),
    ]) { $1 }
    static var keysAreStoredProperties: Bool { false }
}

extension PostcodesContext {
    static let keys: [String: TemplateKey<PostcodesContext>] = chromeKeys(\.chrome).merging([
        "heading": key(\.heading),
        "postcodes": key(\.postcodes),
    ]) { $1 }
    static var keysAreStoredProperties: Bool { false }
}

extension ComplianceContext {
    static let keys: [String: TemplateKey<ComplianceContext>] = chromeKeys(\.chrome).merging([
        "compliance": key(\.compliance),
    ]) { $1 }
    static var keysAreStoredProperties: Bool { false }
}

extension ComplianceOverviewContext {
    static let keys: [String: TemplateKey<ComplianceOverviewContext>] = chromeKeys(\.chrome).merging([
        "heading": key(\.heading),
        "complianceMunicipalities": key(\.complianceMunicipalities),
    ]) { $1 }
    static var keysAreStoredProperties: Bool { false }
}

extension OverviewContext {
    static let keys: [String: TemplateKey<OverviewContext>] = chromeKeys(\.chrome).merging([
        "columns": key(\.columns),
        "gaps": key(\.gaps),
        "rows": key(\.rows),
        "csvURL": key(\.csvURL),
    ]) { $1 }
    static var keysAreStoredProperties: Bool { false }
}

extension OverviewGapView: TemplateView {
    static let keys: [String: TemplateKey<OverviewGapView>] = [
        "id": key(\.id),
        "heading": key(\.heading),
        "sentences": key(\.sentences),
    ]
}

extension OverviewRowView: TemplateView {
    static let keys: [String: TemplateKey<OverviewRowView>] = [
        "name": key(\.name),
        "url": key(\.url),
        "cells": key(\.cells),
    ]
}

extension OverviewCellView: TemplateView {
    static let keys: [String: TemplateKey<OverviewCellView>] = [
        "offered": key(\.offered),
        "countURL": key(\.countURL),
        "notRunning": key(\.notRunning),
        "lines": key(\.lines),
    ]
}

extension RuleStatusView: TemplateView {
    static let keys: [String: TemplateKey<RuleStatusView>] = [
        "id": key(\.id),
        "section": key(\.section),
        "wording": key(\.wording),
        "met": key(\.met),
        "status": key(\.status),
        "messages": key(\.messages),
        "showSection": key(\.showSection),
    ]
}

extension DeclarationView: TemplateView {
    static let keys: [String: TemplateKey<DeclarationView>] = [
        "label": key(\.label),
        "text": key(\.text),
    ]
}

extension ModuleComplianceView: TemplateView {
    static let keys: [String: TemplateKey<ModuleComplianceView>] = [
        "title": key(\.title),
        "url": key(\.url),
        "complianceURL": key(\.complianceURL),
        "file": key(\.file),
        "intervention": key(\.intervention),
        "outsideStandard": key(\.outsideStandard),
        "municipality": key(\.municipality),
        "lix": key(\.lix),
        "lixBand": key(\.lixBand),
        "lixOver": key(\.lixOver),
        "lixLimit": key(\.lixLimit),
        "requirementsMet": key(\.requirementsMet),
        "requirementsTotal": key(\.requirementsTotal),
        "recommendationsMissed": key(\.recommendationsMissed),
        "requirements": key(\.requirements),
        "recommendations": key(\.recommendations),
        "other": key(\.other),
        "declarations": key(\.declarations),
        "errors": key(\.errors),
        "warnings": key(\.warnings),
    ]
}

extension MunicipalityComplianceView: TemplateView {
    static let keys: [String: TemplateKey<MunicipalityComplianceView>] = [
        "name": key(\.name),
        "url": key(\.url),
        "modules": key(\.modules),
        "catalogRules": key(\.catalogRules),
        "moduleCount": key(\.moduleCount),
        "modulesComplete": key(\.modulesComplete),
        "otherCount": key(\.otherCount),
        "recommendationsMissed": key(\.recommendationsMissed),
        "catalogRulesMet": key(\.catalogRulesMet),
        "catalogRulesTotal": key(\.catalogRulesTotal),
    ]
}

extension ModuleSummaryView: TemplateView {
    /// `ModuleView`'s keys for the fields lists show, read through `view`.
    static let keys: [String: TemplateKey<ModuleSummaryView>] = {
        let table = ModuleView.keys.filter { fields.contains($0.key) }.mapValues { key in
            let path = (\ModuleSummaryView.view as PartialKeyPath<ModuleSummaryView>).appending(path: key.path)!
            return TemplateKey(path: path) { key.read($0.view) }
        }
        precondition(table.count == fields.count, "ModuleSummaryView.fields names a field ModuleView does not have")
        return table
    }()
    static var keysAreStoredProperties: Bool { false }
}
