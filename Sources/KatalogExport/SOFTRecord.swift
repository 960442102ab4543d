import KatalogCore

/// One flat record per module with every field a registration of the offer on sundhed.dk
/// (SOFT-portalen, standard §2.2) needs. No public SOFT import format is documented, so this is
/// the superset; the field list and its mapping are in the README.
public struct SOFTRecord: Sendable, Encodable, Equatable {
    public let kommune: String
    public let kommunekode: String
    public let modulId: String
    public let titel: String
    public let resume: String
    public let indsats: String
    public let indsatsNavn: String
    public let variant: String?
    public let fsiiiKoder: [String]
    public let fsiiiNavne: [String]
    public let diagnoser: [String]
    public let maalgruppe: String?
    public let kraeverKroniskSygdom: Bool?
    public let henvisningFra: [String]
    public let egenHenvendelse: Bool?
    public let direkteAdgang: Bool?
    public let viaAfklarendeSamtale: Bool?
    public let henvisningsstandard: String
    public let modtager: String?
    public let modtagerSOR: String?
    public let modtagerLokationsnummer: String?
    public let form: [String]
    public let format: [String]
    public let tidspunkter: [String]
    public let omfang: String?
    public let uger: Int?
    public let gangePrUge: Int?
    public let minutter: Int?
    public let steder: [Place]
    public let telefon: String?
    public let email: String?
    public let pris: String?
    public let gratis: Bool?
    public let side: String
    public let opdateret: String

    public struct Place: Sendable, Encodable, Equatable {
        public let navn: String?
        public let adresse: String?
        public let postnummer: String?
        public let by: String?

        public init(navn: String?, adresse: String?, postnummer: String?, by: String?) {
            self.navn = navn
            self.adresse = adresse
            self.postnummer = postnummer
            self.by = by
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(navn, forKey: .navn); try c.encode(adresse, forKey: .adresse)
            try c.encode(postnummer, forKey: .postnummer); try c.encode(by, forKey: .by)
        }
        enum CodingKeys: String, CodingKey { case navn, adresse, postnummer, by }
    }

    enum CodingKeys: String, CodingKey {
        case kommune, kommunekode, titel, resume, indsats, variant, diagnoser, form, format, tidspunkter, omfang, uger, minutter, steder, telefon, pris, gratis, side, opdateret
        case modulId = "modul_id"
        case indsatsNavn = "indsats_navn"
        case fsiiiKoder = "fsiii_koder"
        case fsiiiNavne = "fsiii_navne"
        case maalgruppe = "målgruppe"
        case kraeverKroniskSygdom = "kræver_kronisk_sygdom"
        case henvisningFra = "henvisning_fra"
        case egenHenvendelse = "egen_henvendelse"
        case direkteAdgang = "direkte_adgang"
        case viaAfklarendeSamtale = "via_afklarende_samtale"
        case henvisningsstandard
        case modtager
        case modtagerSOR = "modtager_sor"
        case modtagerLokationsnummer = "modtager_lokationsnummer"
        case gangePrUge = "gange_pr_uge"
        case email = "e_mail"
    }

    /// Absent values are written as `null`, so every record has every key the schema requires.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kommune, forKey: .kommune); try c.encode(kommunekode, forKey: .kommunekode)
        try c.encode(modulId, forKey: .modulId); try c.encode(titel, forKey: .titel); try c.encode(resume, forKey: .resume)
        try c.encode(indsats, forKey: .indsats); try c.encode(indsatsNavn, forKey: .indsatsNavn); try c.encode(variant, forKey: .variant)
        try c.encode(fsiiiKoder, forKey: .fsiiiKoder); try c.encode(fsiiiNavne, forKey: .fsiiiNavne)
        try c.encode(diagnoser, forKey: .diagnoser); try c.encode(maalgruppe, forKey: .maalgruppe)
        try c.encode(kraeverKroniskSygdom, forKey: .kraeverKroniskSygdom); try c.encode(henvisningFra, forKey: .henvisningFra)
        try c.encode(egenHenvendelse, forKey: .egenHenvendelse); try c.encode(direkteAdgang, forKey: .direkteAdgang)
        try c.encode(viaAfklarendeSamtale, forKey: .viaAfklarendeSamtale); try c.encode(henvisningsstandard, forKey: .henvisningsstandard)
        try c.encode(modtager, forKey: .modtager); try c.encode(modtagerSOR, forKey: .modtagerSOR)
        try c.encode(modtagerLokationsnummer, forKey: .modtagerLokationsnummer)
        try c.encode(form, forKey: .form); try c.encode(format, forKey: .format); try c.encode(tidspunkter, forKey: .tidspunkter)
        try c.encode(omfang, forKey: .omfang); try c.encode(uger, forKey: .uger); try c.encode(gangePrUge, forKey: .gangePrUge)
        try c.encode(minutter, forKey: .minutter); try c.encode(steder, forKey: .steder)
        try c.encode(telefon, forKey: .telefon); try c.encode(email, forKey: .email)
        try c.encode(pris, forKey: .pris); try c.encode(gratis, forKey: .gratis); try c.encode(side, forKey: .side)
        try c.encode(opdateret, forKey: .opdateret)
    }

    /// `pageURL` is the module's page, absolute when the build knows the site's address.
    public init(module: Module, municipality: Municipality, pageURL: String) {
        let receiver = municipality.receiver
        let contact = module.contact(in: municipality)
        kommune = municipality.name
        kommunekode = municipality.code
        modulId = module.id
        titel = module.title
        resume = module.summary
        indsats = module.intervention.rawValue
        indsatsNavn = module.intervention.label
        variant = module.variant?.rawValue
        fsiiiKoder = module.fsiii.map(\.code)
        fsiiiNavne = module.fsiii.map(\.display)
        diagnoser = module.diagnoses.map(Vocabularies.diagnoses.label)
        maalgruppe = module.targetDescription
        // What the module does not state is exported as not stated (null, or empty in the CSV).
        kraeverKroniskSygdom = module.requiresChronicDisease
        henvisningFra = module.referralSources.map(Vocabularies.referralSources.label)
        egenHenvendelse = module.selfReferralStated
        direkteAdgang = module.directAccessStated
        viaAfklarendeSamtale = module.viaClarifyingConversation
        henvisningsstandard = "MedCom XREF15 (kommunehenvisning)"
        modtager = receiver.name
        modtagerSOR = receiver.sor
        modtagerLokationsnummer = receiver.ean
        form = module.forms.map(Vocabularies.forms.label)
        format = module.formats.map(Vocabularies.formats.label)
        tidspunkter = module.timesOfDay.map(Vocabularies.timesOfDay.label)
        omfang = ScopeText.describe(module.scope)
        uger = module.scope.weeks?.exact
        gangePrUge = module.scope.timesPerWeek?.exact
        minutter = module.scope.minutes?.exact
        steder = module.places.map { Place(navn: $0.name, adresse: $0.address, postnummer: $0.postcode, by: $0.city) }
        telefon = contact?.phone
        email = contact?.email
        pris = module.price?.text
        gratis = module.price?.isFree
        side = pageURL
        opdateret = module.updated
    }

    /// The CSV columns, in order, with their value for this record. Lists are joined with " | ".
    public var columns: [(String, String)] {
        func list(_ values: [String]) -> String { values.joined(separator: " | ") }
        func yes(_ value: Bool?) -> String { value.map { $0 ? "ja" : "nej" } ?? "" }
        func number(_ value: Int?) -> String { value.map(String.init) ?? "" }
        return [
            ("kommune", kommune), ("kommunekode", kommunekode), ("modul_id", modulId), ("titel", titel), ("resume", resume),
            ("indsats", indsats), ("indsats_navn", indsatsNavn), ("variant", variant ?? ""),
            ("fsiii_koder", list(fsiiiKoder)), ("fsiii_navne", list(fsiiiNavne)),
            ("diagnoser", list(diagnoser)), ("målgruppe", maalgruppe ?? ""), ("kræver_kronisk_sygdom", yes(kraeverKroniskSygdom)),
            ("henvisning_fra", list(henvisningFra)), ("egen_henvendelse", yes(egenHenvendelse)), ("direkte_adgang", yes(direkteAdgang)),
            ("via_afklarende_samtale", yes(viaAfklarendeSamtale)), ("henvisningsstandard", henvisningsstandard),
            ("modtager", modtager ?? ""), ("modtager_sor", modtagerSOR ?? ""), ("modtager_lokationsnummer", modtagerLokationsnummer ?? ""),
            ("form", list(form)), ("format", list(format)), ("tidspunkter", list(tidspunkter)), ("omfang", omfang ?? ""),
            ("uger", number(uger)), ("gange_pr_uge", number(gangePrUge)), ("minutter", number(minutter)),
            ("steder", list(steder.map { [$0.navn, $0.adresse, [$0.postnummer, $0.by].compactMap { $0 }.joined(separator: " ")].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ") })),
            ("telefon", telefon ?? ""), ("e_mail", email ?? ""), ("pris", pris ?? ""), ("gratis", yes(gratis)),
            ("side", side), ("opdateret", opdateret),
        ]
    }
}
