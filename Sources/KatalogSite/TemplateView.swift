import Mustache
import Synchronization

/// A view model that Mustache reads through a table of key paths instead of reflection.
/// (swift-mustache falls back to `Mirror`, which decodes every field's type on every lookup:
/// most of the render time of a large catalog.) In debug builds the table is checked against
/// the type's stored properties the first time each type is rendered, so the two cannot drift.
/// (Key paths are immutable; the tables are `nonisolated(unsafe)` only because `PartialKeyPath` is not marked Sendable.)
protocol TemplateView: MustacheParent {
    static var keys: [String: PartialKeyPath<Self>] { get }
}

extension TemplateView {
    func child(named name: String) -> Any? {
        #if DEBUG
        TemplateKeysCheck.verify(self)
        #endif
        guard let path = Self.keys[name] else { return nil }
        let value = self[keyPath: path]
        if let optional = value as? OptionalValue { return optional.wrappedValue }
        return value
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
        for (name, path) in Self.keys {
            ViewFingerprint.combine(name, into: &hasher)
            ViewFingerprint.combine(self[keyPath: path], into: &hasher)
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
        // `digest` is bookkeeping for incremental builds, not for templates.
        let stored = Set(Mirror(reflecting: view).children.compactMap(\.label)).subtracting(["digest"])
        precondition(stored == Set(V.keys.keys),
                     "\(V.self).keys differs from its properties: \(stored.symmetricDifference(V.keys.keys).sorted())")
    }
}
#endif

extension LinkView: TemplateView {
    nonisolated(unsafe) static let keys: [String: PartialKeyPath<LinkView>] = [
        "label": \.label,
        "url": \.url,
    ]
}

extension PlaceView: TemplateView {
    nonisolated(unsafe) static let keys: [String: PartialKeyPath<PlaceView>] = [
        "name": \.name,
        "address": \.address,
        "postcode": \.postcode,
        "city": \.city,
    ]
}

extension ContactView: TemplateView {
    nonisolated(unsafe) static let keys: [String: PartialKeyPath<ContactView>] = [
        "name": \.name,
        "phone": \.phone,
        "email": \.email,
        "hours": \.hours,
    ]
}

extension ModuleView: TemplateView {
    nonisolated(unsafe) static let keys: [String: PartialKeyPath<ModuleView>] = [
        "id": \.id,
        "title": \.title,
        "summary": \.summary,
        "url": \.url,
        "municipality": \.municipality,
        "municipalityURL": \.municipalityURL,
        "intervention": \.intervention,
        "interventionURL": \.interventionURL,
        "variant": \.variant,
        "diagnoses": \.diagnoses,
        "targetGroup": \.targetGroup,
        "forms": \.forms,
        "formats": \.formats,
        "times": \.times,
        "scope": \.scope,
        "intake": \.intake,
        "places": \.places,
        "contact": \.contact,
        "price": \.price,
        "updated": \.updated,
        "updatedISO": \.updatedISO,
        "selfReferral": \.selfReferral,
        "directAccess": \.directAccess,
        "referralSources": \.referralSources,
        "staff": \.staff,
        "body": \.body,
        "digitalTwin": \.digitalTwin,
        "continuation": \.continuation,
        "doctorsURL": \.doctorsURL,
    ]
}

extension MunicipalityView: TemplateView {
    nonisolated(unsafe) static let keys: [String: PartialKeyPath<MunicipalityView>] = [
        "slug": \.slug,
        "name": \.name,
        "url": \.url,
        "code": \.code,
        "isExample": \.isExample,
        "contact": \.contact,
        "accessibilityStatement": \.accessibilityStatement,
        "website": \.website,
        "receiver": \.receiver,
        "receiverSOR": \.receiverSOR,
        "receiverLocation": \.receiverLocation,
        "doctorsPhone": \.doctorsPhone,
        "contactWithinDays": \.contactWithinDays,
        "referralContents": \.referralContents,
        "feedback": \.feedback,
        "postcodes": \.postcodes,
        "doctorsURL": \.doctorsURL,
        "directOffers": \.directOffers,
        "diagnoses": \.diagnoses,
    ]
}

extension PostcodeView: TemplateView {
    nonisolated(unsafe) static let keys: [String: PartialKeyPath<PostcodeView>] = [
        "postcode": \.postcode,
        "municipality": \.municipality,
        "url": \.url,
    ]
}

extension GroupView: TemplateView {
    nonisolated(unsafe) static let keys: [String: PartialKeyPath<GroupView>] = [
        "heading": \.heading,
        "url": \.url,
        "doctorsURL": \.doctorsURL,
        "modules": \.modules,
        "items": \.items,
    ]
}

extension ModuleItemView: TemplateView {
    nonisolated(unsafe) static let keys: [String: PartialKeyPath<ModuleItemView>] = [
        "root": \.root,
        "module": \.module,
    ]
}

extension InterventionEntry: TemplateView {
    nonisolated(unsafe) static let keys: [String: PartialKeyPath<InterventionEntry>] = [
        "code": \.code,
        "label": \.label,
        "everyday": \.everyday,
        "description": \.description,
        "url": \.url,
        "count": \.count,
    ]
}

extension Page: TemplateView {
    nonisolated(unsafe) static let keys: [String: PartialKeyPath<Page>] = [
        "root": \.root,
        "pageTitle": \.pageTitle,
        "footer": \.footer,
        "isExample": \.isExample,
        "module": \.module,
        "municipality": \.municipality,
        "groups": \.groups,
        "interventions": \.interventions,
        "diagnoses": \.diagnoses,
        "municipalities": \.municipalities,
        "formats": \.formats,
        "times": \.times,
        "postcodes": \.postcodes,
        "heading": \.heading,
        "lead": \.lead,
        "compliance": \.compliance,
        "structuredData": \.structuredData,
        "complianceMunicipalities": \.complianceMunicipalities,
    ]
}

extension RuleStatusView: TemplateView {
    nonisolated(unsafe) static let keys: [String: PartialKeyPath<RuleStatusView>] = [
        "id": \.id,
        "section": \.section,
        "wording": \.wording,
        "met": \.met,
        "status": \.status,
        "messages": \.messages,
        "showSection": \.showSection,
        "html": \.html,
    ]
}

extension DeclarationView: TemplateView {
    nonisolated(unsafe) static let keys: [String: PartialKeyPath<DeclarationView>] = [
        "label": \.label,
        "text": \.text,
    ]
}

extension ModuleComplianceView: TemplateView {
    nonisolated(unsafe) static let keys: [String: PartialKeyPath<ModuleComplianceView>] = [
        "title": \.title,
        "url": \.url,
        "complianceURL": \.complianceURL,
        "file": \.file,
        "intervention": \.intervention,
        "municipality": \.municipality,
        "lix": \.lix,
        "lixBand": \.lixBand,
        "lixOver": \.lixOver,
        "lixLimit": \.lixLimit,
        "requirementsMet": \.requirementsMet,
        "requirementsTotal": \.requirementsTotal,
        "recommendationsMissed": \.recommendationsMissed,
        "requirements": \.requirements,
        "recommendations": \.recommendations,
        "other": \.other,
        "declarations": \.declarations,
        "errors": \.errors,
        "warnings": \.warnings,
    ]
}

extension MunicipalityComplianceView: TemplateView {
    nonisolated(unsafe) static let keys: [String: PartialKeyPath<MunicipalityComplianceView>] = [
        "name": \.name,
        "url": \.url,
        "modules": \.modules,
        "catalogRules": \.catalogRules,
        "moduleCount": \.moduleCount,
        "modulesComplete": \.modulesComplete,
        "recommendationsMissed": \.recommendationsMissed,
        "catalogRulesMet": \.catalogRulesMet,
        "catalogRulesTotal": \.catalogRulesTotal,
    ]
}

extension ModuleSummaryView: TemplateView {
    nonisolated(unsafe) static let keys: [String: PartialKeyPath<ModuleSummaryView>] = [
        "id": \.id,
        "title": \.title,
        "summary": \.summary,
        "url": \.url,
        "municipality": \.municipality,
        "municipalityURL": \.municipalityURL,
        "intervention": \.intervention,
        "interventionURL": \.interventionURL,
        "variant": \.variant,
        "diagnoses": \.diagnoses,
        "forms": \.forms,
        "formats": \.formats,
        "times": \.times,
        "price": \.price,
        "updated": \.updated,
        "updatedISO": \.updatedISO,
        "selfReferral": \.selfReferral,
        "directAccess": \.directAccess,
    ]
}
