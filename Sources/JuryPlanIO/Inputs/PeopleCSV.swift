import JuryPlanCore

/// Readers of candidates.csv, jury.csv and rooms.csv (SPEC §2.2): English or French headers
/// in any order; every error of a file reported at once.
enum PeopleCSV {
    /// Columns candidates.csv and jury.csv share.
    static let personColumns = [
        CSVColumn("id", aliases: ["identifiant"]),
        CSVColumn("last_name", aliases: ["nom", "last name", "nom de famille"]),
        CSVColumn("first_name", aliases: ["prénom", "first name"]),
        CSVColumn("email", aliases: ["courriel", "e-mail", "mail"], required: false),
    ]

    static let candidateColumns = personColumns + [
        CSVColumn("structure", aliases: ["employeur"], required: false),
        CSVColumn("region", aliases: ["région"], required: false),
        CSVColumn("exams", aliases: ["épreuves"]),
        CSVColumn("accommodations", aliases: ["aménagements"], required: false),
        CSVColumn("unavailable", aliases: ["indisponibilités"], required: false),
        CSVColumn("preferred", aliases: ["préférences"], required: false),
        CSVColumn("trainers", aliases: ["formateurs"], required: false),
        CSVColumn("group", aliases: ["groupe"], required: false),
        CSVColumn("jury", aliases: ["jury_imposé", "jury imposé"], required: false),
    ]

    static let memberColumns = personColumns + [
        CSVColumn("role", aliases: ["rôle"]),
        CSVColumn("sector", aliases: ["secteur"], required: false),
        CSVColumn("external", aliases: ["externe"], required: false),
        CSVColumn("structure", aliases: ["employeur"], required: false),
        CSVColumn("regions", aliases: ["régions", "region", "région"], required: false),
        CSVColumn("available", aliases: ["disponibilités"], required: false),
        CSVColumn("preferred", aliases: ["préférences"], required: false),
        CSVColumn("max_per_day", aliases: ["max_par_jour"], required: false),
        CSVColumn("exams", aliases: ["épreuves"], required: false),
        CSVColumn("can_preside", aliases: ["peut_présider", "président"], required: false),
        CSVColumn("conflicts", aliases: ["conflits"], required: false),
    ]

    static let roomColumns = [
        CSVColumn("id", aliases: ["identifiant", "salle"]),
        CSVColumn("site", aliases: ["bâtiment"], required: false),
        CSVColumn("region", aliases: ["région"], required: false),
        CSVColumn("capacity", aliases: ["capacité", "places"], required: false),
        CSVColumn("accessible", aliases: ["accessibilité", "pmr"], required: false),
        CSVColumn("equipment", aliases: ["équipement", "équipements"], required: false),
        CSVColumn("available", aliases: ["disponibilités"], required: false),
    ]

    static func candidates(_ table: CSVTable, campaign: Campaign, references: inout [Reference]) throws -> ([Candidate], [InputIssue]) {
        var cells = CellReader(table: table, header: try CSVHeader(table.header, columns: candidateColumns, file: table.file))
        var ids = UniqueIDs()
        var out: [Candidate] = []
        for row in table.rows {
            let id = cells.required("id", row, "the candidate id")
            ids.check(id, row, &cells, what: "candidate")
            var c = Candidate(id: id, lastName: cells.required("last_name", row, "the last name"),
                              firstName: cells.required("first_name", row, "the first name"),
                              email: cells.text("email", row), structure: cells.name("structure", row),
                              region: cells.name("region", row), exams: cells.exams("exams", row, campaign: campaign),
                              line: row.line)
            for item in cells.list("accommodations", row) {
                switch CSVReader.normalizeKey(item) {
                case "extra_time", "extratime", "tiers_temps", "tierstemps", "1_3_temps", "temps_majore": c.extraTime = true
                case "accessible", "accessibilite", "pmr", "step_free", "fauteuil": c.accessible = true
                default: cells.error("accommodations", row, "unknown accommodation '\(item)'; expected extra_time (tiers-temps) or accessible")
                }
            }
            c.unavailable = cells.tokens("unavailable", row, days: campaign.days)
            c.preferred = cells.tokens("preferred", row, days: campaign.days)
            c.trainers = cells.list("trainers", row)
            c.group = cells.text("group", row)
            c.imposedJury = cells.list("jury", row)
            for t in c.trainers { references.append(Reference(kind: .member, id: t, location: cells.location("trainers", row), column: "trainers")) }
            for j in c.imposedJury { references.append(Reference(kind: .member, id: j, location: cells.location("jury", row), column: "jury")) }
            if c.exams.isEmpty, cells.text("exams", row).isEmpty { cells.warning("exams", row, "candidate \(id) is registered for no exam") }
            if c.region.isEmpty, let regional = c.exams.compactMap({ campaign.exam($0) }).first(where: \.regional) {
                cells.error("region", row, "candidate \(id) takes the regional exam \(regional.id) and needs a region")
            }
            out.append(c)
        }
        try cells.log.throwIfErrors()
        return (out, cells.log.warnings)
    }

    static func members(_ table: CSVTable, campaign: Campaign, references: inout [Reference]) throws -> ([JuryMember], [InputIssue]) {
        var cells = CellReader(table: table, header: try CSVHeader(table.header, columns: memberColumns, file: table.file))
        var ids = UniqueIDs()
        var out: [JuryMember] = []
        for row in table.rows {
            let id = cells.required("id", row, "the member id")
            ids.check(id, row, &cells, what: "member")
            let roleText = cells.text("role", row)
            let role: Role
            switch CSVReader.normalizeKey(roleText) {
            case "professional", "professionnel", "professionnelle", "pro": role = .professional
            case "certifier", "certificateur", "certificatrice", "certifieur": role = .certifier
            default:
                cells.error("role", row, roleText.isEmpty ? "the role is empty; expected professional or certifier" : "unknown role '\(roleText)'; expected professional or certifier")
                role = .professional
            }
            var sector: Sector?
            let sectorText = cells.text("sector", row)
            switch CSVReader.normalizeKey(sectorText) {
            case "": sector = nil
            case "health", "sanitaire", "sante": sector = .health
            case "medico_social", "medicosocial": sector = .medicoSocial
            case "social": sector = .social
            default: cells.error("sector", row, "unknown sector '\(sectorText)'; expected health (sanitaire), medico-social or social")
            }
            var m = JuryMember(id: id, lastName: cells.required("last_name", row, "the last name"),
                               firstName: cells.required("first_name", row, "the first name"),
                               email: cells.text("email", row), role: role, sector: sector,
                               declaredExternal: cells.bool("external", row), structure: cells.name("structure", row),
                               regions: cells.names("regions", row), line: row.line)
            m.available = cells.tokens("available", row, days: campaign.days)
            m.preferred = cells.tokens("preferred", row, days: campaign.days)
            m.maxPerDay = cells.int("max_per_day", row, range: InputRanges.memberMaxPerDay)
            m.exams = cells.exams("exams", row, campaign: campaign)
            m.canPreside = cells.bool("can_preside", row)
            m.conflicts = cells.list("conflicts", row)
            for c in m.conflicts { references.append(Reference(kind: .candidate, id: c, location: cells.location("conflicts", row), column: "conflicts")) }
            if role == .certifier, m.declaredExternal {
                cells.warning("external", row, "\(id) is a certifier and is never external; 'external' is ignored")
            }
            out.append(m)
        }
        try cells.log.throwIfErrors()
        return (out, cells.log.warnings)
    }

    static func rooms(_ table: CSVTable, campaign: Campaign) throws -> ([Room], [InputIssue]) {
        var cells = CellReader(table: table, header: try CSVHeader(table.header, columns: roomColumns, file: table.file))
        var ids = UniqueIDs()
        var out: [Room] = []
        for row in table.rows {
            let id = cells.required("id", row, "the room id")
            ids.check(id, row, &cells, what: "room")
            let capacityGiven = cells.int("capacity", row, range: InputRanges.roomCapacity)
            if capacityGiven == nil, cells.text("capacity", row).isEmpty { warnBlankCapacity(row, &cells, campaign: campaign) }
            let capacity = capacityGiven ?? 1
            var room = Room(id: id, site: cells.name("site", row), region: cells.name("region", row), capacity: capacity,
                            accessible: cells.bool("accessible", row), equipment: cells.names("equipment", row), line: row.line)
            room.available = cells.tokens("available", row, days: campaign.days)
            out.append(room)
        }
        try cells.log.throwIfErrors()
        return (out, cells.log.warnings)
    }

    /// An empty capacity seats one candidate: enough for an oral. Where a written or group exam
    /// could use the room (it has the exam's equipment), that default matters: say so.
    static func warnBlankCapacity(_ row: CSVRow, _ cells: inout CellReader, campaign: Campaign) {
        let equipment = cells.list("equipment", row)
        let probe = Room(id: "", site: "", region: "", capacity: 1, accessible: false, equipment: equipment)
        let gathering = campaign.exams.filter { $0.mode.gathers && $0.isScheduled && Eligibility.missingEquipment(probe, for: $0).isEmpty }
        if let exam = gathering.first {
            cells.warning("capacity", row, "the capacity is empty and read as 1 seat: a sitting of the \(exam.mode.rawValue) exam \(exam.id) in this room holds one candidate at most")
        }
    }
}
