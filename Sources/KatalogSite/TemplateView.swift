import KatalogCore
import KatalogSupport
import Synchronization

/// A view model that templates read through a table of its fields instead of reflection. In debug
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

/// How a template reads one field of a view: what the template sees, made from the field's static
/// type (`key(_:)`): an absent optional is no value, nested views are values of their own. A table
/// names each field with a closure (`key { $0.title }`), not a stored key path: a read through a
/// `KeyPath` goes through the runtime's generic projection (about 550 instructions, callgrind), and
/// templates read hundreds of fields per page.
struct TemplateKey<View>: @unchecked Sendable {
    let read: (View) -> TemplateValue?
}

extension TemplateView {
    static func key(_ field: @escaping (Self) -> String) -> TemplateKey<Self> {
        TemplateKey { .text(field($0)) }
    }
    static func key(_ field: @escaping (Self) -> String?) -> TemplateKey<Self> {
        TemplateKey { field($0).map { .text($0) } }
    }
    static func key(_ field: @escaping (Self) -> [String]) -> TemplateKey<Self> {
        TemplateKey { .list(field($0).map { .text($0) }) }
    }
    static func key(_ field: @escaping (Self) -> Bool) -> TemplateKey<Self> {
        TemplateKey { .flag(field($0)) }
    }
    static func key(_ field: @escaping (Self) -> Int) -> TemplateKey<Self> {
        TemplateKey { .number(field($0)) }
    }
    static func key(_ field: @escaping (Self) -> Int?) -> TemplateKey<Self> {
        TemplateKey { field($0).map { .number($0) } }
    }
    static func key(_ field: @escaping (Self) -> RawText) -> TemplateKey<Self> {
        TemplateKey { .html(field($0).text) }
    }
    static func key(_ field: @escaping (Self) -> RawText?) -> TemplateKey<Self> {
        TemplateKey { field($0).map { .html($0.text) } }
    }
    static func key<T: TemplateView>(_ field: @escaping (Self) -> T) -> TemplateKey<Self> {
        TemplateKey { .object(field($0)) }
    }
    static func key<T: TemplateView>(_ field: @escaping (Self) -> T?) -> TemplateKey<Self> {
        TemplateKey { field($0).map { .object($0) } }
    }
    static func key<T: TemplateView>(_ field: @escaping (Self) -> [T]) -> TemplateKey<Self> {
        TemplateKey { .list(field($0).map { .object($0) }) }
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
    static func combine(_ text: String, into hasher: inout Hasher) {
        var text = text
        hasher.combine(text.utf8.count)
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func combine(_ value: TemplateValue?, into hasher: inout Hasher) {
        switch value {
        case nil:
            hasher.combine(0 as UInt8)
        case .text(let text):
            hasher.combine(1 as UInt8)
            combine(text, into: &hasher)
        case .html(let html):
            hasher.combine(2 as UInt8)
            combine(html, into: &hasher)
        case .flag(let flag):
            hasher.combine(3 as UInt8)
            hasher.combine(flag)
        case .number(let number):
            hasher.combine(4 as UInt8)
            hasher.combine(number)
        case .list(let items):
            hasher.combine(5 as UInt8)
            hasher.combine(items.count)
            for item in items { combine(item, into: &hasher) }
        case .object(let object):
            hasher.combine(6 as UInt8)
            if let digested = object as? any Digested {
                hasher.combine(digested.digest)
            } else if let view = object as? any TemplateView {
                view.combineFields(into: &hasher)
            }
        }
    }
}

extension TemplateView {
    /// Every field of the key table (in the table's own, fixed, order).
    func combineFields(into hasher: inout Hasher) {
        for (name, key) in Self.keys {
            ViewFingerprint.combine(name, into: &hasher)
            ViewFingerprint.combine(key.read(self), into: &hasher)
        }
    }
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
        "label": key { $0.label },
        "url": key { $0.url },
    ]
}

extension DateView: TemplateView {
    static let keys: [String: TemplateKey<DateView>] = [
        "iso": key { $0.iso },
        "label": key { $0.label },
    ]
}

extension PlaceView: TemplateView {
    static let keys: [String: TemplateKey<PlaceView>] = [
        "name": key { $0.name },
        "address": key { $0.address },
        "postcode": key { $0.postcode },
        "city": key { $0.city },
        "accessibility": key { $0.accessibility },
        "lines": key { $0.lines },
    ]
}

extension ContactView: TemplateView {
    static let keys: [String: TemplateKey<ContactView>] = [
        "name": key { $0.name },
        "phone": key { $0.phone },
        "phoneURI": key { $0.phoneURI },
        "email": key { $0.email },
        "hours": key { $0.hours },
    ]
}

extension MunicipalityView: TemplateView {
    static let keys: [String: TemplateKey<MunicipalityView>] = [
        "slug": key { $0.slug },
        "name": key { $0.name },
        "url": key { $0.url },
        "code": key { $0.code },
        "isExample": key { $0.isExample },
        "contact": key { $0.contact },
        "accessibilityStatement": key { $0.accessibilityStatement },
        "website": key { $0.website },
        "receiver": key { $0.receiver },
        "receiverSOR": key { $0.receiverSOR },
        "receiverLocation": key { $0.receiverLocation },
        "doctorsPhone": key { $0.doctorsPhone },
        "doctorsPhoneURI": key { $0.doctorsPhoneURI },
        "contactWithinDays": key { $0.contactWithinDays },
        "referralContents": key { $0.referralContents },
        "feedback": key { $0.feedback },
        "postcodes": key { $0.postcodes },
        "doctorsURL": key { $0.doctorsURL },
        "directOffers": key { $0.directOffers },
        "diagnoses": key { $0.diagnoses },
        "calendarURL": key { $0.calendarURL },
        "courses": key { $0.courses },
    ]
}

extension PostcodeView: TemplateView {
    static let keys: [String: TemplateKey<PostcodeView>] = [
        "postcode": key { $0.postcode },
        "municipality": key { $0.municipality },
        "url": key { $0.url },
    ]
}

extension GroupView: TemplateView {
    static let keys: [String: TemplateKey<GroupView>] = [
        "heading": key { $0.heading },
        "url": key { $0.url },
        "doctorsURL": key { $0.doctorsURL },
        "anchor": key { $0.anchor },
        "modules": key { $0.modules },
    ]
}

extension PlaceCount: TemplateView {
    static let keys: [String: TemplateKey<PlaceCount>] = [
        "name": key { $0.name }, "url": key { $0.url }, "count": key { $0.count }, "doctorsURL": key { $0.doctorsURL },
    ]
}

extension InterventionEntry: TemplateView {
    static let keys: [String: TemplateKey<InterventionEntry>] = [
        "code": key { $0.code },
        "label": key { $0.label },
        "everyday": key { $0.everyday },
        "description": key { $0.description },
        "url": key { $0.url },
        "count": key { $0.count },
    ]
}

extension FrontContext {
    static let keys: [String: TemplateKey<FrontContext>] = chromeKeys.merging([
        "heading": key { $0.heading },
        "interventions": key { $0.interventions },
        "diagnoses": key { $0.diagnoses },
        "municipalities": key { $0.municipalities },
        "formats": key { $0.formats },
        "times": key { $0.times },
        "examplePostcode": key { $0.examplePostcode },
    ]) { $1 }
    static var keysAreStoredProperties: Bool { false }
}

extension ListContext {
    static let keys: [String: TemplateKey<ListContext>] = chromeKeys.merging([
        "heading": key { $0.heading },
        "lead": key { $0.lead },
        "municipality": key { $0.municipality },
        "courses": key { $0.courses },
        "groups": key { $0.groups },
        "overview": key { $0.overview },
    ]) { $1 }
    static var keysAreStoredProperties: Bool { false }
}

extension ModuleContext {
    static let keys: [String: TemplateKey<ModuleContext>] = chromeKeys.merging([
        "module": key { $0.module },
        "municipality": key { $0.municipality },
    ]) { $1 }
    static var keysAreStoredProperties: Bool { false }
}

extension PostcodesContext {
    static let keys: [String: TemplateKey<PostcodesContext>] = chromeKeys.merging([
        "heading": key { $0.heading },
        "postcodes": key { $0.postcodes },
    ]) { $1 }
    static var keysAreStoredProperties: Bool { false }
}

extension ComplianceContext {
    static let keys: [String: TemplateKey<ComplianceContext>] = chromeKeys.merging([
        "compliance": key { $0.compliance },
    ]) { $1 }
    static var keysAreStoredProperties: Bool { false }
}

extension ComplianceOverviewContext {
    static let keys: [String: TemplateKey<ComplianceOverviewContext>] = chromeKeys.merging([
        "heading": key { $0.heading },
        "complianceMunicipalities": key { $0.complianceMunicipalities },
    ]) { $1 }
    static var keysAreStoredProperties: Bool { false }
}

extension OverviewContext {
    static let keys: [String: TemplateKey<OverviewContext>] = chromeKeys.merging([
        "columns": key { $0.columns },
        "gaps": key { $0.gaps },
        "rows": key { $0.rows },
        "csvURL": key { $0.csvURL },
    ]) { $1 }
    static var keysAreStoredProperties: Bool { false }
}

extension OverviewGapView: TemplateView {
    static let keys: [String: TemplateKey<OverviewGapView>] = [
        "id": key { $0.id },
        "heading": key { $0.heading },
        "sentences": key { $0.sentences },
    ]
}

extension OverviewRowView: TemplateView {
    static let keys: [String: TemplateKey<OverviewRowView>] = [
        "name": key { $0.name },
        "url": key { $0.url },
        "cells": key { $0.cells },
    ]
}

extension OverviewCellView: TemplateView {
    static let keys: [String: TemplateKey<OverviewCellView>] = [
        "offered": key { $0.offered },
        "countURL": key { $0.countURL },
        "notRunning": key { $0.notRunning },
        "lines": key { $0.lines },
    ]
}

extension RuleStatusView: TemplateView {
    static let keys: [String: TemplateKey<RuleStatusView>] = [
        "id": key { $0.id },
        "section": key { $0.section },
        "wording": key { $0.wording },
        "met": key { $0.met },
        "status": key { $0.status },
        "messages": key { $0.messages },
        "showSection": key { $0.showSection },
    ]
}

extension DeclarationView: TemplateView {
    static let keys: [String: TemplateKey<DeclarationView>] = [
        "label": key { $0.label },
        "text": key { $0.text },
    ]
}

extension ModuleComplianceView: TemplateView {
    static let keys: [String: TemplateKey<ModuleComplianceView>] = [
        "title": key { $0.title },
        "url": key { $0.url },
        "complianceURL": key { $0.complianceURL },
        "file": key { $0.file },
        "intervention": key { $0.intervention },
        "outsideStandard": key { $0.outsideStandard },
        "municipality": key { $0.municipality },
        "lix": key { $0.lix },
        "lixBand": key { $0.lixBand },
        "lixOver": key { $0.lixOver },
        "lixLimit": key { $0.lixLimit },
        "requirementsMet": key { $0.requirementsMet },
        "requirementsTotal": key { $0.requirementsTotal },
        "recommendationsMissed": key { $0.recommendationsMissed },
        "requirements": key { $0.requirements },
        "recommendations": key { $0.recommendations },
        "other": key { $0.other },
        "declarations": key { $0.declarations },
        "errors": key { $0.errors },
        "warnings": key { $0.warnings },
    ]
}

extension MunicipalityComplianceView: TemplateView {
    static let keys: [String: TemplateKey<MunicipalityComplianceView>] = [
        "name": key { $0.name },
        "url": key { $0.url },
        "modules": key { $0.modules },
        "catalogRules": key { $0.catalogRules },
        "moduleCount": key { $0.moduleCount },
        "modulesComplete": key { $0.modulesComplete },
        "otherCount": key { $0.otherCount },
        "recommendationsMissed": key { $0.recommendationsMissed },
        "catalogRulesMet": key { $0.catalogRulesMet },
        "catalogRulesTotal": key { $0.catalogRulesTotal },
    ]
}

extension ModuleSummaryView: TemplateView {
    /// `ModuleView`'s keys for the fields lists show, read through `view`.
    static let keys: [String: TemplateKey<ModuleSummaryView>] = {
        let table = ModuleView.keys.filter { fields.contains($0.key) }.mapValues { key in
            TemplateKey<ModuleSummaryView> { key.read($0.view) }
        }
        precondition(table.count == fields.count, "ModuleSummaryView.fields names a field ModuleView does not have")
        return table
    }()
    static var keysAreStoredProperties: Bool { false }
}
