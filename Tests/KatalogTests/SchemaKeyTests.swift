import Foundation
import KatalogCore
import KatalogSupport
import Testing

/// The stages read front matter by key (`FieldKeys.swift`), never by a string. These tests hold
/// the keys and the schema to each other: a key that names no field, a field without a key, or a
/// key nothing reads all fail.
@Suite("Front-matter keys and the schema")
struct SchemaKeyTests {
    /// Every dotted path of a schema: fields, record lists and the fields of records, and
    /// (`groups`) the groups (`omfang`), which need a key only when code reads the group itself.
    static func paths(_ fields: [Field], _ prefix: String = "", groups: Bool = false) -> [String] {
        fields.flatMap { field -> [String] in
            let path = prefix.isEmpty ? field.key : prefix + "." + field.key
            switch field.kind {
            case .map(let children): return (groups ? [path] : []) + paths(children, path, groups: groups)
            case .records(let children): return [path] + paths(children, path, groups: groups)
            default: return [path]
            }
        }
    }

    static func keyPaths<Key: FieldKey>(_: Key.Type) -> [String] {
        Key.allCases.map { Key.recordPath.isEmpty ? $0.path : Key.recordPath + "." + $0.path }
    }

    static let moduleKeys = keyPaths(ModuleKey.self) + keyPaths(PlaceKey.self) + keyPaths(FollowUpKey.self)
    static let municipalityKeys = keyPaths(MunicipalityKey.self) + keyPaths(OptOutKey.self)

    @Test("every key names a field of its schema, and every field has a key")
    func keysAndFields() {
        let module = Set(Self.paths(Schema.module)), municipality = Set(Self.paths(Schema.municipality))
        let moduleAll = Set(Self.paths(Schema.module, groups: true)), municipalityAll = Set(Self.paths(Schema.municipality, groups: true))
        #expect(Set(Self.moduleKeys).subtracting(moduleAll).isEmpty, "keys without a field: \(Set(Self.moduleKeys).subtracting(moduleAll).sorted())")
        #expect(module.subtracting(Self.moduleKeys).isEmpty, "module fields without a key: \(module.subtracting(Self.moduleKeys).sorted())")
        #expect(Set(Self.municipalityKeys).subtracting(municipalityAll).isEmpty,
                "keys without a field: \(Set(Self.municipalityKeys).subtracting(municipalityAll).sorted())")
        #expect(municipality.subtracting(Self.municipalityKeys).isEmpty,
                "kommune.yml fields without a key: \(municipality.subtracting(Self.municipalityKeys).sorted())")
        #expect(Self.moduleKeys.count == Set(Self.moduleKeys).count && Self.municipalityKeys.count == Set(Self.municipalityKeys).count,
                "two keys for one field")
    }

    @Test("a course file's fields are module fields with the same path and help, and `forløb`, which only a course has")
    func courseFields() {
        let module = Dictionary(Self.paths(Schema.module).map { ($0, Schema.field($0)?.help) }) { a, _ in a }
        let course = Self.paths(Schema.course)
        #expect(Set(course).subtracting(module.keys) == [CourseKey.parts.path])
        #expect(Self.keyPaths(CourseKey.self) == ["forløb"])
        for path in course where path != CourseKey.parts.path {
            #expect(ModuleKey(rawValue: path) != nil, "\(path) is read as a module key")
        }
        #expect(!Self.paths(Schema.module).contains(CourseKey.parts.path), "a module cannot write `forløb`")
    }

    /// A key is read where code names it as a value (`.weeks`, `ModuleKey.weeks`), not as a
    /// property (`module.weeks`) or a key path (`\.weeks`).
    @Test("every key is read somewhere in Sources/")
    func everyKeyIsRead() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && !$0.hasSuffix("FieldKeys.swift") }
        let code = try files.map { try String(contentsOfFile: sources.path + "/" + $0, encoding: .utf8) }.joined(separator: "\n")
        func unread<Key: FieldKey>(_: Key.Type) -> [String] {
            Key.allCases.map { "\($0)" }.filter { name in
                code.range(of: #"(?:(?<![\w)\]\\])|Key)\.\#(name)\b"#, options: .regularExpression) == nil
            }
        }
        let unreadKeys = unread(ModuleKey.self) + unread(MunicipalityKey.self) + unread(PlaceKey.self) + unread(FollowUpKey.self)
            + unread(OptOutKey.self) + unread(CourseKey.self)
        #expect(unreadKeys.isEmpty, "keys no stage reads: \(unreadKeys)")
    }

    @Test("a misspelt path finds no field (the check above could fail)")
    func canFail() {
        #expect(!Set(Self.paths(Schema.module)).contains("omfang.ugr"))
        #expect(Schema.field("steder.navn")?.key == "navn")
    }
}

@Suite("Source conventions")
struct SourceConventionTests {
    @Test("no line in Sources/ is longer than 140 characters")
    func lineLength() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: sources.path)).compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        var long: [String] = []
        for file in files {
            let lines = try String(contentsOfFile: sources.path + "/" + file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in lines.enumerated() where line.count > 140 { long.append("\(file):\(index + 1) (\(line.count))") }
        }
        #expect(long.isEmpty, "\(long)")
    }
}
