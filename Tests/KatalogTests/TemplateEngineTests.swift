import Foundation
import Testing
import Mustache
@testable import KatalogCore
import KatalogSupport
@testable import KatalogLoad
@testable import KatalogRules
@testable import KatalogSite

/// The site's template engine (`Template`) against swift-mustache, which it replaces: the same
/// templates and values must give the same bytes, and the same broken templates the same error at
/// the same place.
@Suite("The template engine against swift-mustache")
struct TemplateEngineTests {
    @Test("every page of the example catalog is byte for byte what swift-mustache renders")
    func examplePages() throws {
        let loaded = try ContentLoader().load(root: exampleContent)
        let findings = Validator().validate(loaded)
        let files = SiteRenderer.defaultFiles
        let renderer = try SiteRenderer(files: files, origin: "Templates")
        let memo = SiteMemo(keeps: false)
        let site = renderer.site(loaded, findings: findings, memo: memo)
        let reference = try Reference(files)
        var compared = 0, differences: [String] = []
        for page in site.pages {
            let mine = String(decoding: renderer.render(page), as: UTF8.self)
            var context = page.context
            context.prepare()
            let expected = reference.render(context, page.template)
            compared += 1
            if mine != expected { differences.append("\(page.path): \(firstDifference(mine, expected ?? ""))") }
        }
        #expect(compared > 100 && site.pages.count { $0.context is ComplianceContext } > 20, "\(compared) pages")
        #expect(differences.isEmpty, "\(differences.prefix(5))")
    }

    @Test("4,000 generated templates and their partials render as swift-mustache renders them, or fail where it fails")
    func generatedTemplates() throws {
        var random = SplitMix64(seed: 0x4D555354)
        var rendered = 0, failed = 0, differences: [String] = []
        for round in 0..<4000 {
            var generator = TemplateGenerator(random: random)
            let texts = ["main": generator.template(broken: round % 10 == 9), "part": generator.template(depth: 1),
                         "parent": generator.parent()]
            random = generator.random
            let probe = Probe.sample(round)
            let ours = Result { () throws(Template.Failure) -> [String: Template] in
                var parsed: [String: Template] = [:]
                for (name, text) in texts { parsed[name] = try Template(parsing: text) }
                return parsed
            }
            let theirs = Result { try texts.mapValues { try MustacheTemplate(string: "{{% CONTENT_TYPE: HTML }}\n" + $0) } }
            switch (ours, theirs) {
            case (.success(let ours), .success(let theirs)):
                rendered += 1
                let mine = TemplateLibrary(templates: ours).render(.object(probe), with: "main")
                let expected = MustacheLibrary(templates: theirs).render(Bridge.value(.object(probe)), withTemplate: "main")
                if mine != expected { differences.append("\(texts["main"]!.debugDescription): \(firstDifference(mine, expected ?? ""))") }
            case (.failure(let ours), .failure(let theirs)):
                failed += 1
                let theirs = try #require(theirs as? MustacheTemplate.ParserError)
                // swift-mustache's line counts the content-type line put in front. Where it reports the end of the text
                // (a tag or a section left open), ours reports the tag that opened it (the test below).
                // Ours counts a column from any line end, `\r\n` too (swift-mustache from `\n` only).
                let crlf = texts.values.contains { $0.contains("\r\n") }
                let samePlace = ours.line == theirs.context.lineNumber - 1 && (crlf || ours.column == theirs.context.columnNumber)
                if "\(ours.error)" != "\(theirs.error)" || (!samePlace && ![.overflow, .expectedSectionEnd].contains(ours.error)) {
                    differences.append("\(texts.debugDescription): ours \(ours.error) at \(ours.line):\(ours.column), " +
                        "theirs \(theirs.error) at \(theirs.context.lineNumber - 1):\(theirs.context.columnNumber)")
                }
            default:
                differences.append("only one parses: \(texts.debugDescription) (ours: \(ours), theirs: \(theirs))")
            }
        }
        #expect(rendered > 2000 && failed > 400, "\(rendered) rendered, \(failed) failed in both")
        #expect(differences.isEmpty, "\(differences.count) differences, first: \(differences.prefix(3))")
    }

    @Test("each construct of the grammar, written by hand, renders as in swift-mustache")
    func constructs() throws {
        let cases = [
            "{{name}}|{{{html}}}|{{&html}}|{{html}}|{{ name }}|{{missing}}|{{count}}|{{flag}}",
            "{{#words}}{{.}}{{^last()}}, {{/last()}}{{/words}} ({{count(words)}}, {{first(words)}}, {{last(words)}})",
            "{{#words}}{{index()}}{{#first()}}F{{/first()}}{{#even()}}E{{/even()}}{{#odd()}}O{{/odd()}}{{/words}}",
            "{{#reversed(words)}}{{.}}{{/reversed(words)}}{{^empty(none)}}never{{/empty(none)}}{{#empty(none)}}empty{{/empty(none)}}",
            "{{uppercased(name)}} {{lowercased(name)}} {{capitalized(name)}} {{reversed(name)}} {{plusone(count)}} {{minusone(count)}}",
            "{{#equalzero(count)}}zero{{/equalzero(count)}}{{#even(count)}}even{{/even(count)}}{{#odd(count)}}odd{{/odd(count)}}",
            "{{#items}}[{{name}} in {{child.name}}|{{.name}}|{{note}}]{{/items}}",
            "{{#child}}{{name}}{{#words}}{{name}}:{{.}}{{/words}}{{/child}}{{^child}}no child{{/child}}",
            "{{#flag}}{{#words}}{{#flag}}{{^last()}}+{{/last()}}{{/flag}}{{/words}}{{/flag}}{{^off}}off{{/off}}{{#off}}on{{/off}}",
            "{{#name}}<{{.}}>{{/name}}{{#count}}<{{.}}>{{/count}}{{#html}}<{{{.}}}>{{/html}}{{^none}}none{{/none}}",
            "a\n  {{#flag}}\n  b\n  {{/flag}}\n{{! a comment }}\n  {{^off}}  \nc\n{{/off}}\r\n{{#flag}}\r\nd\r\n{{/flag}}\r\n",
            "  {{>part}}\n\t{{>part}}\nx {{>part}} y\n{{>missing}}",
            "{{<parent}}{{$title}}Mine{{/title}}\n  {{$body}}\n  body {{name}}\n  {{/body}}\n{{/parent}}",
            "{{<parent}}{{/parent}}|{{$title}}own default{{/title}}",
            "{{=<% %>=}}<% name %> {{name}} <%={{ }}=%>{{name}}",
            "{{% CONTENT_TYPE: TEXT }}{{html}} {{name}}",
            "{{#items}}{{% CONTENT_TYPE: TEXT }}{{html}}{{/items}}{{html}}",
            "x{y}{{name}}{ {{ name}} }}\u{2028}{{name}}\r{{name}}\u{85}end",
            "{{#words}}{{>part}}{{/words}}",
            "{{#child}}{{..name}}{{/child}}{{#name}}{{..}}{{/name}}",
        ]
        let part = "p:{{name}}\n{{#words}}\n- {{.}}\n{{/words}}\n"
        let parent = "<h1>{{$title}}Default{{/title}}</h1>\n{{$body}}no body{{/body}}\n"
        var differences: [String] = []
        for (index, text) in cases.enumerated() {
            let probe = Probe.sample(index)
            let texts = ["main": text, "part": part, "parent": parent]
            let ours = TemplateLibrary(templates: try texts.mapValues { try Template(parsing: $0) })
            let theirs = MustacheLibrary(templates: try texts.mapValues { try MustacheTemplate(string: "{{% CONTENT_TYPE: HTML }}\n" + $0) })
            let mine = ours.render(.object(probe), with: "main"), expected = theirs.render(Bridge.value(.object(probe)), withTemplate: "main")
            if mine != expected { differences.append("\(text.debugDescription): \(mine.debugDescription) vs \(String(describing: expected))") }
        }
        #expect(differences.isEmpty, "\(differences)")
    }

    @Test("a template's mistake is reported at the tag itself, naming the section, in Danish")
    func errorMessages() throws {
        func problem(_ text: String) -> String { templateErrors(["footer.mustache": text]).joined(separator: "\n") }
        #expect(problem("{{#footer}}\nx {{name\n") == "T/footer.mustache:2:3: fejl: skabelonen kan ikke læses: "
            + "skabelonen slutter, før mærket her er afsluttet (mangler }}?)")
        #expect(problem("a\n  {{#footer}}\n{{#name}}{{/name}}\nb\n") == "T/footer.mustache:2:3: fejl: skabelonen kan ikke læses: "
            + "sektionen `footer` lukkes aldrig (mangler `{{/footer}}`)")
        #expect(problem("{{#footer}}x{{/fotter}}") == "T/footer.mustache:1:16: fejl: skabelonen kan ikke læses: "
            + "sektionen `footer` skal lukkes med `{{/footer}}` her")
        #expect(problem("x\n{{/footer}}") == "T/footer.mustache:2:4: fejl: skabelonen kan ikke læses: her lukkes en sektion, som ikke er åbnet")
        #expect(problem("{{! a comment that never ends") == "T/footer.mustache:1:1: fejl: skabelonen kan ikke læses: "
            + "skabelonen slutter, før mærket her er afsluttet (mangler }}?)")
    }

    @Test("what swift-mustache let through and this engine refuses or mends: a tag opened at the end, a very long delimiter, a misspelt partial, a byte order mark, columns after CRLF")
    func mended() throws {
        func problem(_ text: String, name: String = "footer.mustache") -> String { templateErrors([name: text]).joined(separator: "\n") }
        #expect(problem("<p>\n{{") == "T/footer.mustache:2:1: fejl: skabelonen kan ikke læses: skabelonen slutter, før mærket her er afsluttet (mangler }}?)")
        #expect(problem("{{=" + String(repeating: "a", count: 65) + " X}}=}}") == "T/footer.mustache:1:76: fejl: skabelonen kan ikke læses: et {{=… =}}-mærke er skrevet forkert")
        #expect(problem("{{=<%% %%>=}}<%% x %%>") == "")
        #expect(problem("{{>fotter}}") == "T/footer.mustache:1:1: fejl: skabelonen indsætter `fotter`, som ikke findes (der er ingen `fotter.mustache`)")
        #expect(problem("{{>}}") == "T/footer.mustache:1:1: fejl: et {{>…}}- eller {{<…}}-mærke mangler navnet på den skabelon, det skal indsætte")
        #expect(problem("a\r\nb\r\n  {{#footer}}{{/fotter}}") == "T/footer.mustache:3:17: fejl: skabelonen kan ikke læses: sektionen `footer` skal lukkes med `{{/footer}}` her")
        var files = SiteRenderer.defaultFiles
        files["footer.mustache"] = Data(("\u{FEFF}" + "<p>fod</p>").utf8)
        let renderer = try SiteRenderer(files: files, origin: "T")
        #expect(renderer.library.render(LinkView(label: "a", url: "b"), with: "footer") == "<p>fod</p>")
    }

    @Test("a template that reads a name earlier versions had (a pre-rendered header, footer, list or rule lines) is an error that says what to write instead")
    func retiredNames() throws {
        func problem(_ name: String, _ text: String) -> String { templateErrors([name: text]).joined(separator: "\n") }
        let layout = try #require(String(data: SiteRenderer.defaultFiles["layout.mustache"]!, encoding: .utf8))
        #expect(problem("layout.mustache", layout.replacingOccurrences(of: "{{> header}}", with: "{{{headerHTML}}}"))
            == "T/layout.mustache:16:1: fejl: `headerHTML` findes ikke længere i skabelonerne og ville ikke vise noget: skriv {{> header}}")
        #expect(problem("list.mustache", "<ul>\n{{#groups}}\n{{{itemLines}}}{{/groups}}</ul>")
            == "T/list.mustache:3:1: fejl: `itemLines` findes ikke længere i skabelonerne og ville ikke vise noget: "
            + "skriv {{#modules}}{{> module-item}}{{/modules}}")
        // Each use, at its own tag: after a comment that names it, in a dotted name, after CRLF line ends.
        let uses = problem("compliance.mustache", "{{! requirementLines er erstattet }}\r\n<ul>\r\n  {{{compliance.requirementLines}}}"
            + "</ul>\r\n{{#compliance}}{{#requirements}}{{{html}}}{{/requirements}}{{/compliance}}")
        #expect(uses == "T/compliance.mustache:3:3: fejl: `requirementLines` findes ikke længere i skabelonerne og ville ikke vise noget: "
            + "skriv {{#requirements}}{{> compliance-rule}}{{/requirements}}\n"
            + "T/compliance.mustache:4:33: fejl: `html` findes ikke længere i skabelonerne og ville ikke vise noget: "
            + "skriv {{> compliance-rule}} for hver regel", "\(uses)")
        #expect(problem("compliance.mustache", "{{#compliance}}{{{otherLines}}}{{/compliance}}").contains("skriv {{#other}}{{> compliance-rule}}{{/other}}"))
        #expect(problem("module-item.mustache", "{{! one entry }}\n{{#module}}<li>{{title}}</li>{{/module}}")
            == "T/module-item.mustache:2:1: fejl: `module` findes ikke længere i skabelonerne og ville ikke vise noget: "
            + "skriv tilbuddets felter direkte, fx {{title}} og {{url}} (uden {{#module}} om dem)")
        // `module` is a module page's own name: only the list entry no longer has it.
        #expect(problem("module.mustache", "{{#module}}{{title}}{{/module}}") == "")
    }

    @Test("a page template that includes itself through a block, a chain of partials deeper than 200, or partials that double 40 times stop with a Danish error, and the output folder is left as it was")
    func stoppedRenders() throws {
        let catalog = try TempCatalog(["testby/kommune.yml": validMunicipality, "testby/a.md": validModule()])
        defer { catalog.remove() }
        #expect(catalog.build().code == 0)
        let before = try FileManager.default.contentsOfDirectory(atPath: catalog.output).sorted()
        let index = try String(contentsOfFile: catalog.output + "/index.html", encoding: .utf8)
        let chain = Dictionary(uniqueKeysWithValues: (0..<250).map { ("c\($0).mustache", $0 == 249 ? "x" : "{{>c\($0 + 1)}}") })
        let doubling = Dictionary(uniqueKeysWithValues: (0...40).map { ("e\($0).mustache", $0 == 40 ? "x" : "{{>e\($0 + 1)}}{{>e\($0 + 1)}}") })
        let cases: [(String, [String: String], String)] = [
            ("through a block", ["footer.mustache": "{{<fpar}}{{$b}}{{>fpar}}{{/b}}{{/fpar}}", "fpar.mustache": "[{{$b}}{{/b}}]"],
             "skabeloner og sektioner lå mere end 200 lag inden i hinanden (indsætter den sig selv, fx gennem en blok?)"),
            ("a deep chain", chain.merging(["footer.mustache": "{{>c0}}"]) { $1 },
             "skabeloner og sektioner lå mere end 200 lag inden i hinanden (indsætter den sig selv, fx gennem en blok?)"),
            ("doubling", doubling.merging(["footer.mustache": "{{>e0}}"]) { $1 },
             "siden blev for stor (indsætter skabelonerne hinanden mange gange, eller gentages en lang liste inden i sig selv?)"),
        ]
        for (label, changed, why) in cases {
            let own = catalog.root.path + "/T-" + label.replacingOccurrences(of: " ", with: "-")
            try FileManager.default.copyItem(atPath: templates, toPath: own)
            for (name, text) in changed { try text.write(toFile: own + "/" + name, atomically: true, encoding: .utf8) }
            let (code, console) = catalog.run(["build", "--content", catalog.content, "--output", catalog.output, "--templates", own,
                                               "--allow-errors"])
            #expect(code == 1, "\(label)")
            // At the page's template, with the way in (the footer every page inserts).
            #expect(console.errors.contains(".mustache:1:1: fejl: skabelonen blev ikke færdig: " + why + "; den var nået til `footer`"),
                    "\(label): \(console.errors)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: catalog.output).sorted() == before, "\(label)")
            #expect(try String(contentsOfFile: catalog.output + "/index.html", encoding: .utf8) == index, "\(label)")
        }
    }

    @Test("a template that inserts itself, or sections nested over 100 deep, are refused in Danish before anything renders")
    func endlessTemplates() throws {
        func problems(_ changed: [String: String]) -> [String] { templateErrors(changed, origin: "Templates") }
        let cycle = problems(["footer.mustache": "<p>{{>header}}</p>", "header.mustache": "{{#root}}{{>footer}}{{/root}}"])
        #expect(cycle == ["Templates/footer.mustache:1:1: fejl: skabelonen indsætter sig selv (`footer` → `header` → `footer`), så siden ville aldrig blive færdig"],
                "\(cycle)")
        let own = problems(["footer.mustache": "{{<footer}}{{/footer}}"])
        #expect(own.count == 1 && own[0].contains("(`footer` → `footer`)"), "\(own)")
        func nested(_ depth: Int) -> String { String(repeating: "{{#root}}", count: depth) + "x" + String(repeating: "{{/root}}", count: depth) }
        #expect(problems(["footer.mustache": nested(100)]).isEmpty)
        let deep = problems(["footer.mustache": "\n" + nested(101)])
        #expect(deep == ["Templates/footer.mustache:2:910: fejl: skabelonen kan ikke læses: sektionerne ligger mere end 100 lag inden i hinanden"], "\(deep)")
        // Far deeper than swift-mustache's parser survives: refused, not a crash.
        #expect(problems(["footer.mustache": nested(200_000)]).count == 1)
    }

    @Test("the two deliberate differences: a list or a view in {{name}} and a dynamic partial render nothing")
    func deliberateDifferences() throws {
        let library = TemplateLibrary(templates: try ["main": Template(parsing: "[{{words}}|{{items}}|{{child}}|{{>*name}}]")])
        #expect(library.render(.object(Probe.sample(1)), with: "main") == "[|||]")
    }

    @Test("each thread renders its own copy of the templates, which shares no text with the parsed ones and renders the same")
    func threadCopies() throws {
        let long = "Tekst, der er for lang til at ligge i selve strengens værdi. "
        let main = try Template(parsing: long + "{{#items}}" + long + "{{name}}{{/items}}{{$blok}}" + long + "{{/blok}}{{>del}}")
        let part = try Template(parsing: "{{#child}}" + long + "{{/child}}")
        #expect(Set(texts(main.unshared)).isDisjoint(with: texts(main)))
        #expect(Set(texts(part.unshared)).isDisjoint(with: texts(part)))
        #expect(texts(main).count == 3 && texts(part).count == 1)

        let library = TemplateLibrary(templates: ["main": main, "del": part])
        let probes = (0..<64).map(Probe.sample)
        let serial = probes.map { library.render(.object($0), with: "main") }
        let parallel = Parallel.map(probes) { library.render(.object($0), with: "main") }
        #expect(parallel == serial)
        #expect(serial.allSatisfy { $0.hasPrefix(long) })
        // Another library on the same threads renders its own templates, not the copies of the first.
        let other = TemplateLibrary(templates: ["main": try Template(parsing: "andet {{name}}")])
        #expect(Parallel.map(probes) { other.render(.object($0), with: "main") }.allSatisfy { $0.hasPrefix("andet ") })
    }
}

/// Where the text of each text token of a template (and of its sections and blocks) is stored.
private func texts(_ template: Template) -> [UnsafeRawPointer] {
    var addresses: [UnsafeRawPointer] = []
    template.forEachToken { token in
        if case .text(let text) = token, let address = text.utf8.withContiguousStorageIfAvailable({ UnsafeRawPointer($0.baseAddress!) }) {
            addresses.append(address)
        }
    }
    return addresses
}

/// The errors the built-in templates give with `changed` in place of some of them (none: they load).
private func templateErrors(_ changed: [String: String], origin: String = "T") -> [String] {
    var files = SiteRenderer.defaultFiles
    for (name, text) in changed { files[name] = Data(text.utf8) }
    do {
        _ = try SiteRenderer(files: files, origin: origin)
        return []
    } catch {
        return error.errors.map(\.description)
    }
}

/// swift-mustache with the site's values as the renderer used to hand them over.
private struct Reference {
    let library: MustacheLibrary

    init(_ files: [String: Data]) throws {
        MustacheContentTypes.register(SiteEscaping(), named: "HTML")
        var templates: [String: MustacheTemplate] = [:]
        for (name, data) in files where name.hasSuffix(".mustache") && !name.contains("/") {
            templates[String(name.dropLast(".mustache".count))] =
                try MustacheTemplate(string: "{{% CONTENT_TYPE: HTML }}\n" + String(decoding: data, as: UTF8.self))
        }
        library = MustacheLibrary(templates: templates)
    }

    func render<View: TemplateView>(_ view: View, _ template: String) -> String? {
        library.render(Bridge.value(.object(view)), withTemplate: template)
    }
}

/// The site's escaping as a swift-mustache content type, for the reference renders.
private struct SiteEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String { FastHTMLEscaping.escape(text) }
}

/// A `TemplateValue` as swift-mustache was given it before: text and HTML as custom renderables
/// without fields (text transformable as a String), flags and numbers as themselves, lists as
/// arrays, views as `MustacheParent`s.
private enum Bridge {
    static func value(_ value: TemplateValue) -> Any {
        switch value {
        case .text(let text): Text(text: text)
        case .html(let html): HTML(text: html)
        case .flag(let flag): flag
        case .number(let number): number
        case .list(let items): items.map(Bridge.value)
        case .object(let object): Parent(object: object)
        }
    }

    struct Text: MustacheCustomRenderable, MustacheParent, MustacheTransformable {
        let text: String
        var renderText: String { text }
        var isNull: Bool { false }
        func child(named name: String) -> Any? { nil }
        func transform(_ name: String) -> Any? { text.transform(name) }
    }

    struct HTML: MustacheCustomRenderable, MustacheParent {
        let text: String
        var renderText: String { text }
        var isNull: Bool { false }
        func child(named name: String) -> Any? { nil }
    }

    struct Parent: MustacheParent {
        let object: any TemplateObject
        func child(named name: String) -> Any? { object.value(named: name).map(Bridge.value) }
    }
}

/// A view with a field of every kind a template can meet.
private final class Probe: TemplateView {
    let name: String
    let missing: String?
    let note: String?
    let html: RawText
    let flag: Bool
    let off: Bool
    let count: Int
    let words: [String]
    let none: [String]
    let items: [Probe]
    let child: Probe?

    init(name: String, note: String?, count: Int, words: [String], items: [Probe], child: Probe?) {
        self.name = name
        missing = nil
        self.note = note
        html = RawText(text: "<b>\(name) & co</b>")
        flag = count % 2 == 0
        off = false
        self.count = count
        self.words = words
        none = []
        self.items = items
        self.child = child
    }

    static func sample(_ seed: Int) -> Probe {
        let leaf = Probe(name: "barn \"<\(seed)>\"", note: seed % 3 == 0 ? nil : "note", count: seed % 5, words: ["æ", "ø'", "å&"],
                         items: [], child: nil)
        let items = (0..<(seed % 4)).map { Probe(name: "punkt \($0)", note: $0 % 2 == 0 ? "n\($0)" : nil, count: $0, words: ["x\($0)"],
                                                items: [], child: $0 == 1 ? leaf : nil) }
        return Probe(name: "top <&> \"\(seed)\"", note: nil, count: seed % 7, words: ["kol", "type 2-diabetes", "<hjerte>"],
                     items: items, child: seed % 2 == 0 ? leaf : nil)
    }

    static let keys: [String: TemplateKey<Probe>] = [
        "name": key(\.name), "missing": key(\.missing), "note": key(\.note), "html": key(\.html), "flag": key(\.flag), "off": key(\.off),
        "count": key(\.count), "words": key(\.words), "none": key(\.none), "items": key(\.items), "child": key(\.child),
    ]
}

/// Random templates over `Probe`'s fields: text with the characters that matter to the grammar
/// (newlines, indentation, lone braces), every kind of tag, sections nested up to three deep,
/// partials, inheritance; one in ten is broken on purpose (an unclosed or mismatched section, an
/// unfinished tag, a bad delimiter or content type).
private struct TemplateGenerator {
    var random: SplitMix64

    private static let texts = ["a", " ", "  ", "\t", "\n", "\r\n", "\n  ", "{", "}", "x}y", "{ ", "æ", "<p>", "&"]
    private static let scalars = ["name", "missing", "note", "html", "count", "flag", "child.name", "items.name", ".name", "uppercased(name)",
                                  "count(words)", "first(words)", "last(words)", "plusone(count)", "even(count)", "lowercased(note)"]
    /// Section names, and whether `{{.}}` may be written inside (the value on top then is text or a number).
    private static let sections: [(String, dot: Bool)] = [
        ("words", true), ("none", false), ("items", false), ("child", false), ("flag", false), ("off", false), ("name", true),
        ("note", true), ("missing", false), ("count", true), ("empty(words)", false), ("empty(none)", false), ("reversed(words)", true),
        ("first()", false), ("last()", false), ("odd()", false), ("html", false),
    ]
    private static let broken = ["{{#name}}", "{{/name}}", "{{#words}}{{/items}}", "{{name", "{{{name}}", "{{=<% =}}", "{{% CONTENT_TYPE: XML }}",
                                 "{{% FOO: HTML }}", "{{#empty(}}", "{{!", "{{$b(x)}}{{/b(x)}}", "{{<parent}}x{{name}}{{/parent}}", "{{", "{"]

    init(random: SplitMix64) { self.random = random }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    private mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

    mutating func template(depth: Int = 0, broken: Bool = false) -> String {
        var text = body(depth: depth, dot: false)
        if broken {
            let cut = Int(random.next() % UInt64(text.count + 1))
            text.insert(contentsOf: pick(Self.broken), at: text.index(text.startIndex, offsetBy: cut))
        }
        // Not a tag opened as the text ends: swift-mustache drops one silently, this engine reports it (`mended`).
        return Self.endsInOpening(text) ? text + "." : text
    }

    /// Whether a text ends in an opening delimiter the generator writes (`{{`, or `<%` and `|` after a set-delimiter tag).
    static func endsInOpening(_ text: String) -> Bool { text.hasSuffix("{{") || text.hasSuffix("<%") || text.hasSuffix("|") }

    mutating func parent() -> String {
        var head = "<h1>" + body(depth: 2, dot: false)
        if Self.endsInOpening(head) { head += "." }
        return head + "{{$title}}" + body(depth: 2, dot: false) + "{{/title}}</h1>\n"
            + (chance(50) ? "  {{$body}}\n  default\n  {{/body}}\n" : "{{$body}}{{/body}}")
    }

    private mutating func body(depth: Int, dot: Bool) -> String {
        var out = ""
        for _ in 0..<Int(random.next() % 8) {
            switch random.next() % 12 {
            case 0...3: out += pick(Self.texts)
            case 4, 5: out += chance(20) ? "{{{\(pick(["name", "html", "note"]))}}}" : "{{ \(pick(Self.scalars)) }}".replacingOccurrences(of: " ", with: chance(50) ? " " : "")
            case 6: out += dot ? "{{.}}" : "{{!c}}"
            case 7 where depth < 3:
                let (name, dotInside) = pick(Self.sections)
                let open = chance(25) ? "^" : "#"
                let lines = chance(40)
                out += "{{\(open)\(name)}}" + (lines ? "\n" : "") + body(depth: depth + 1, dot: dotInside && open == "#")
                    + (lines ? "\n  " : "") + "{{/\(name)}}" + (lines ? "\n" : "")
            case 8 where depth == 0: out += chance(50) ? "\n  {{>part}}\n" : "{{>part}}"
            case 9 where depth == 0:
                out += "{{<parent}}" + (chance(50) ? "{{$title}}T{{name}}{{/title}}" : "") + (chance(50) ? "\n{{$body}}\nB\n{{/body}}\n" : "")
                    + "{{/parent}}"
            case 10: out += pick(["{{! comment }}\n", "  {{! note }}  \n", "{{=| |=}}|name||={{ }}=|"])
            default: out += pick(["\n", " ", "{{#flag}}", "{{/flag}}"]).hasPrefix("{{") ? "" : pick(Self.texts)
            }
        }
        return out
    }
}

/// Where two renders first part.
private func firstDifference(_ a: String, _ b: String) -> String {
    let a = Array(a), b = Array(b)
    let index = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
    let context = { (text: [Character]) in String(text[max(0, index - 30)..<min(text.count, index + 30)]).debugDescription }
    return "at character \(index): ours \(context(a)), theirs \(context(b))"
}
