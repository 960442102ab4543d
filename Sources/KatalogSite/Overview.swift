import KatalogCore
import KatalogSupport

/// The overview across municipalities (`oversigt/`), for KL, the sundhedsklynger and leaders: for
/// each municipality and each intervention, whether it is offered and how many offers, whether one
/// can be followed digitally, direct access for nicotine and alcohol, and the diagnoses covered;
/// the gaps in words; the same as CSV. Only what the modules state: a fact no offer states is
/// "ikke oplyst", never a default. Paused and ended offers are not offered (they are counted apart);
/// a course (`forløb`) is not an intervention (its parts are counted, as modules).
struct Overview: Sendable {
    static let path = "oversigt/index.html"
    static let csvPath = "oversigt/oversigt.csv"

    /// The columns: the standard's six, and the offers outside them (`andet`) apart, which are not
    /// a gap when missing (the standard does not ask for them) and have no gap sentence.
    static let interventions: [Intervention] = Intervention.standard + [.andet]
    /// The interventions the citizen must be able to start directly, without an afklarende samtale
    /// (K-3.1-2, K-8.1-2): their cells also say how the citizen gets in.
    static let accessInterventions: Set<Intervention> = [.nikotinafvaenning, .alkohol]

    /// A fact across a cell's running offers: yes when one of them states it, no when every one
    /// states it is not so, and not stated otherwise.
    enum Stated: Sendable, Hashable {
        case yes, no, notStated

        init?(_ values: [Bool?]) {
            guard !values.isEmpty else { return nil }
            if values.contains(true) { self = .yes } else if values.allSatisfy({ $0 == false }) { self = .no } else { self = .notStated }
        }

        var text: String {
            switch self {
            case .yes: "Ja"
            case .no: "Nej"
            case .notStated: "Ikke oplyst"
            }
        }
    }

    /// One municipality's offers of one intervention.
    struct Cell: Sendable, Hashable {
        let intervention: Intervention
        /// The offers that run today.
        let offered: Int
        let paused: Int
        let ended: Int
        /// Whether one of the running offers can be followed digitally (`format: digital`); nil
        /// when none runs. An offer that does not state its format is not digital.
        let digital: Stated?
        /// For nicotine and alcohol (nil for the others, and when none runs): whether the citizen
        /// can start without an afklarende samtale (`adgang.direkte`) and without a referral
        /// (`adgang.egen-henvendelse`).
        let direct: Stated?
        let withoutReferral: Stated?
        /// The diseases the running offers are for, in the vocabulary's order (target groups
        /// such as `rygere` are not diagnoses).
        let diagnoses: [String]

        init(_ intervention: Intervention, _ modules: [Module], today: String) {
            self.intervention = intervention
            var running: [Module] = [], paused = 0, ended = 0
            for module in modules {
                let validity = module.validity(on: today)
                if validity.hasEnded { ended += 1 } else if validity.isPaused { paused += 1 } else { running.append(module) }
            }
            offered = running.count
            (self.paused, self.ended) = (paused, ended)
            digital = Stated(running.map { $0.formats.isEmpty ? nil : $0.formats.contains("digital") })
            let access = Overview.accessInterventions.contains(intervention)
            direct = access ? Stated(running.map(\.directAccessStated)) : nil
            withoutReferral = access ? Stated(running.map(\.selfReferralStated)) : nil
            let covered = Set(running.flatMap(\.diagnoses))
            diagnoses = Vocabularies.diagnoses.codes.filter { covered.contains($0) && !Vocabularies.targetGroups.contains($0) }
        }

        /// "Ja, 2 tilbud" or "Nej".
        var offeredText: String { offered == 0 ? "Nej" : "Ja, \(offered) tilbud" }

        /// "1 sat på pause, 1 ophørt"; nil when there are none.
        var notRunningText: String? {
            let parts = [paused > 0 ? "\(paused) sat på pause" : nil, ended > 0 ? "\(ended) ophørt" : nil].compactMap { $0 }
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
        }

        /// "KOL, kræft"; nil when none runs, "Ikke oplyst" when the running offers name no disease.
        /// `short`: the standard's five disease groups, when all are covered, as "Alle fem i standarden"
        /// (the page says what they are; a national table would repeat the five names in most cells).
        func diagnosesText(short: Bool = false) -> String? {
            guard offered > 0 else { return nil }
            guard !diagnoses.isEmpty else { return "Ikke oplyst" }
            let allFive = short && Overview.standardDiseases.allSatisfy(diagnoses.contains)
            let named = allFive ? diagnoses.filter { !Overview.standardDiseases.contains($0) } : diagnoses
            return ((allFive ? ["Alle fem i standarden"] : []) + named.map(Overview.diagnosisLabel)).enumerated().map { index, label in
                index == 0 ? label : label.lowercasedFirstWordUnlessAcronym
            }.joined(separator: ", ")
        }
    }

    struct Row: Sendable, Hashable {
        let name: String
        let code: String
        let slug: String
        let cells: [Cell]
    }

    /// The municipalities in Danish alphabetical order.
    let rows: [Row]

    init(_ catalog: Catalog, today: String) {
        rows = Parallel.map(catalog.municipalities.sortedDanish(by: \.name)) { municipality in
            let byIntervention = Dictionary(grouping: municipality.modules, by: \.intervention)
            return Row(name: municipality.name, code: municipality.code, slug: municipality.slug,
                       cells: Self.interventions.map { Cell($0, byIntervention[$0] ?? [], today: today) })
        }
    }

    /// The five disease groups the standard names as its target group's examples (§2.1, l.205-206), in
    /// the vocabulary's order.
    static let standardDiseases = ["kol", "type-2-diabetes", "hjerte-kar-sygdom", "kræft", "muskel-skelet"]

    /// A diagnosis as a cell names it: its label without the examples ("Muskel- og skeletsygdom").
    static func diagnosisLabel(_ code: String) -> String {
        let label = Vocabularies.diagnoses.label(code)
        return label.components(separatedBy: ", fx ").first ?? label
    }

    /// What an intervention is called inside a sentence ("tilbud om nikotinafvænning").
    static func phrase(_ intervention: Intervention) -> String {
        switch intervention {
        case .ernaering: "ernæring"
        case .andet: "andet"
        default: intervention.label.lowercased()
        }
    }

    static func columnLabel(_ intervention: Intervention) -> String {
        intervention.isInStandard ? intervention.label : "Andre tilbud (ikke krav i standarden)"
    }

    // MARK: The gaps in words

    /// One paragraph per intervention of the standard: who has no offer, who has no digital one,
    /// and for nicotine and alcohol who does not let the citizen start directly.
    func gaps() -> [OverviewGapView] {
        Intervention.standard.enumerated().map { index, intervention in
            let cells = rows.map { ($0, $0.cells[index]) }
            let phrase = Self.phrase(intervention)
            let total = rows.count
            var sentences: [String] = []
            let missing = cells.filter { $0.1.offered == 0 }
            if missing.isEmpty {
                sentences.append("\(Self.everyone(rows.map(\.name), "")) har tilbud om \(phrase).")
            } else {
                let names = missing.map { row, cell in row.name + (cell.notRunningText.map { " (\($0))" } ?? "") }
                sentences.append("\(missing.count) af \(total) \(total == 1 ? "kommune" : "kommuner") har intet tilbud om \(phrase): "
                    + Self.listed(names) + ".")
            }
            let offering = cells.filter { $0.1.offered > 0 }
            if !offering.isEmpty {
                sentences += Self.sentences(offering, \.digital, all: { "\($0) har et digitalt tilbud om \(phrase)." },
                                            no: "Ingen digitale tilbud om \(phrase) i",
                                            unknown: "Ikke oplyst, om et tilbud om \(phrase) kan foregå digitalt, i")
                if Self.accessInterventions.contains(intervention) {
                    sentences += Self.sentences(offering, \.direct,
                        all: { "I \(Self.within($0)) kan borgeren starte direkte, uden en afklarende samtale, "
                            + "som standarden kræver." },
                        no: "Borgeren kan ikke starte direkte på \(phrase) uden en afklarende samtale (standarden kræver det) i",
                        unknown: "Ikke oplyst, om borgeren kan starte direkte på \(phrase) uden en afklarende samtale, i")
                    sentences += Self.sentences(offering, \.withoutReferral,
                        all: { "I \(Self.within($0)) kan borgeren selv henvende sig uden en henvisning." },
                        no: "Borgeren kan ikke selv henvende sig om \(phrase) uden en henvisning i",
                        unknown: "Ikke oplyst, om borgeren kan henvende sig om \(phrase) uden en henvisning, i")
                }
            }
            return OverviewGapView(id: SiteModel.codeSlug(intervention.rawValue), heading: intervention.label,
                                   sentences: sentences)
        }
    }

    /// "Ingen digitale tilbud om … i A og B. Ikke oplyst, om … i C." or, when every municipality
    /// that offers the intervention states it, one sentence that says so (`all`, given who).
    private static func sentences(_ offering: [(Row, Cell)], _ fact: KeyPath<Cell, Stated?>, all: (String) -> String, no: String,
                                  unknown: String) -> [String] {
        let notSo = offering.filter { $0.1[keyPath: fact] == .no }.map(\.0.name)
        let notStated = offering.filter { $0.1[keyPath: fact] == .notStated }.map(\.0.name)
        if notSo.isEmpty && notStated.isEmpty { return [all(everyone(offering.map(\.0.name), " med tilbuddet"))] }
        return (notSo.isEmpty ? [] : ["\(no) \(listed(notSo))."]) + (notStated.isEmpty ? [] : ["\(unknown) \(listed(notStated))."])
    }

    /// `everyone` after "i": "i Fjordby Kommune", "i alle 98 kommuner".
    private static func within(_ everyone: String) -> String {
        everyone.hasPrefix("Begge ") || everyone.hasPrefix("Alle ") ? everyone.prefix(1).lowercased() + everyone.dropFirst() : everyone
    }

    /// "Fjordby Kommune", "Begge kommuner…", "Alle 98 kommuner…": every one of `names`, as a subject.
    private static func everyone(_ names: [String], _ which: String) -> String {
        switch names.count {
        case 1: names[0]
        case 2: "Begge kommuner" + which
        default: "Alle \(names.count) kommuner" + which
        }
    }

    /// "A, B og C".
    static func listed(_ items: [String]) -> String { ModuleView.listed(items) }

    // MARK: CSV

    /// One row per municipality and intervention, so a spreadsheet can filter and pivot on any
    /// column (Indsats = Nikotinafvænning, Tilbydes = Nej) and sum the counts; the same values as
    /// the table's cells.
    static let csvHeader = ["Kommune", "Kommunekode", "Indsats", "Krav i standarden", "Tilbydes", "Antal tilbud", "Sat på pause",
                            "Ophørt", "Digitalt tilbud", "Direkte uden afklarende samtale", "Uden henvisning", "Diagnoser"]

    var csvLines: [String] {
        rows.flatMap { row in
            row.cells.map { cell in
                CSV.line([.value(row.name), .text(row.code), .value(Self.columnLabel(cell.intervention)),
                          .value(cell.intervention.isInStandard ? "Ja" : "Nej"), .value(cell.offered > 0 ? "Ja" : "Nej"),
                          .value(String(cell.offered)), .value(String(cell.paused)), .value(String(cell.ended)),
                          .value(cell.digital?.text ?? ""), .value(cell.direct?.text ?? ""),
                          .value(cell.withoutReferral?.text ?? ""), .value(cell.diagnosesText() ?? "")] as [CSV.Cell])
            }
        }
    }

    var csv: String { CSV.document(header: Self.csvHeader, lines: csvLines) }

    // MARK: The page

    /// The table's views: each municipality links to its page, and each count to the municipality's
    /// offers of that intervention (its page's section for it).
    func rowViews() -> [OverviewRowView] {
        rows.map { row in
            let url = "\(row.slug)/index.html"
            return OverviewRowView(name: row.name, url: url, cells: row.cells.map { cell in
                var lines: [String] = []
                if let digital = cell.digital { lines.append("Digitalt: \(digital.text.lowercased())") }
                if let direct = cell.direct { lines.append("Direkte: \(direct.text.lowercased())") }
                if let withoutReferral = cell.withoutReferral { lines.append("Uden henvisning: \(withoutReferral.text.lowercased())") }
                if let diagnoses = cell.diagnosesText(short: true) { lines.append("Diagnoser: \(diagnoses)") }
                let section = SiteModel.interventionSectionPath(row.slug, cell.intervention)
                return OverviewCellView(offered: cell.offeredText, countURL: cell.offered > 0 ? section : nil,
                                        notRunning: cell.notRunningText, lines: lines)
            })
        }
    }
}

struct OverviewCellView: Hashable {
    let offered: String
    /// Where the count links (nil when nothing runs). Not `url`: a template would read the row's.
    let countURL: String?
    let notRunning: String?
    let lines: [String]
}

struct OverviewRowView: Hashable {
    let name: String
    let url: String
    let cells: [OverviewCellView]
}

struct OverviewGapView: Hashable {
    let id: String
    let heading: String
    let sentences: [String]
}

/// The overview's page.
struct OverviewContext: PageContext {
    var chrome: Chrome
    let columns: [String]
    let gaps: [OverviewGapView]
    let rows: [OverviewRowView]
    let csvURL: String

    /// Taken directly: the views are plain values, hashed whole.
    var digest: Int {
        fingerprint(chrome.root, chrome.pageTitle, chrome.isExample, chrome.footer.map(\.digest), columns, gaps, rows, csvURL)
    }
}

extension SiteModel {
    func overviewPage() -> OverviewContext {
        let overview = self.overview.value
        return OverviewContext(chrome: Chrome(root: "../", pageTitle: "Overblik: indsatserne i kommunerne", footer: footerAll,
                                              isExample: catalog.municipalities.contains(where: \.isExample)),
                               columns: Overview.interventions.map(Overview.columnLabel),
                               gaps: overview.gaps(), rows: overview.rowViews(), csvURL: "oversigt.csv")
    }
}
