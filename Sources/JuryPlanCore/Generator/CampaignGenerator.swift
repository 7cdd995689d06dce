/// Realistic seeded campaigns for tests and benchmarks (`juryplan generate`): a session's worth
/// of members for the candidates, some unavailability, conflicts, trainers, extra time,
/// step-free needs, rooms at several sites. The same preset, size and seed give the same campaign.
public struct CampaignGenerator {
    public var preset: PresetName
    public var candidates: Int
    public var seed: UInt64
    /// Session days; nil: about five per 1,000 sittings (rooms and members scale to the days).
    public var days: Int?

    public init(preset: PresetName, candidates: Int, seed: UInt64, days: Int? = nil) {
        self.preset = preset
        self.candidates = max(0, candidates)
        self.seed = seed
        self.days = days.map { max(1, $0) }
    }

    static let lastNames = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
                            "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier",
                            "Morel", "Girard", "André", "Lefebvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martínez",
                            "Haddad", "Nguyen", "Benali", "Çelik", "Le Gall", "Rousseau", "Blanc", "Guérin", "Muller", "Henry"]
    static let firstNames = ["Léa", "Hugo", "Chloé", "Louis", "Emma", "Gabriel", "Inès", "Jules", "Zoé", "Noé", "Hélène", "François",
                             "Noémie", "Raphaël", "Camille", "Théo", "Manon", "Arthur", "Céline", "Yasmine", "Mathéo", "Anaïs",
                             "Éloïse", "Maël", "Sophie", "Aurélien", "Clément", "Agathe", "Bérénice", "Jérôme"]
    static let towns = ["Lyon", "Villeurbanne", "Vénissieux", "Bron", "Givors", "Vienne", "Tarare", "Oullins", "Écully", "Meyzieu",
                        "Rennes", "Brest", "Quimper", "Vannes", "Lorient", "Montpellier", "Nîmes", "Alès", "Sète", "Béziers",
                        "Annecy", "Grenoble", "Valence", "Mâcon", "Bourg-en-Bresse", "Roanne", "Saint-Étienne", "Chambéry"]
    static let regions = ["Auvergne-Rhône-Alpes", "Bretagne", "Occitanie", "Grand Est", "Hauts-de-France", "Normandie"]

    public func generate() -> Campaign {
        var rng = SeededRandom(seed: seed &* 1_000_003 &+ UInt64(candidates))
        let presetValue = Preset.named(preset)
        let n = candidates
        let perCandidate: Double, seatsPerCandidate: Double
        switch preset {
        case .pacte: (perCandidate, seatsPerCandidate) = (1.5, 4)
        case .cpas: (perCandidate, seatsPerCandidate) = (1.6, 3)
        default: (perCandidate, seatsPerCandidate) = (5.6, 11)
        }
        let dayCount = self.days ?? max(preset == .csec ? 4 : 3, Int((Double(n) * perCandidate / 1000 * 5).rounded(.up)))
        let days = (0..<dayCount).compactMap { Self.sessionDay($0) }
        let regionCount = preset == .pacte ? min(Self.regions.count, max(2, n / 30)) : 1
        let regions = Array(Self.regions.prefix(regionCount))

        // Rooms: about ten sittings a room-day, with slack; sites of up to ~20 rooms.
        let sittingsPerDay = Double(n) * perCandidate / Double(dayCount)
        // A room-day holds about 8 sittings of 30–45 minutes, 5 of 60 (PACTE theses, CPAS groups).
        let perRoomDay = preset == .csec ? 8.0 : 5.0
        let roomCount = max(4 * regionCount, Int((sittingsPerDay / perRoomDay * 1.4).rounded(.up)) + 1)
        let siteCount = max(regionCount, min(5 * regionCount, (roomCount + 19) / 20))
        var rooms: [Room] = []
        for i in 0..<roomCount {
            let site = i % siteCount
            let region = regions[site % regionCount]
            let town = Self.towns[(site * 7 + 3) % Self.towns.count]
            let big = i < siteCount
            var room = Room(id: "S\(String(format: "%03d", i + 1))", site: "\(town) – site \(site + 1)", region: region,
                            capacity: big ? rng.int(30...60) : rng.int(8...20), accessible: big || rng.chance(0.6),
                            equipment: big || rng.chance(0.9) ? (rng.chance(0.3) ? ["projector", "visio"] : ["projector"]) : [])
            if !big, rng.chance(0.08), days.count > 1 { room.available = days.filter { _ in rng.chance(0.7) }.map { .day($0) } }
            rooms.append(room)
        }

        // Members: a pool that convenes each member on about a third of the days.
        let memberDays = Double(n) * seatsPerCandidate / 8
        let daysEach = min(Double(dayCount), 9) * 0.75
        // Regional juries draw on a region's members only: a larger pool, as regions convene locally.
        let regionalSlack = preset == .pacte ? 1.4 : 1.15
        let pool = max(14 * regionCount, Int((memberDays / daysEach * regionalSlack).rounded(.up)) + 4)
        let certifierShare = preset == .cpas ? 0.1 : (preset == .pacte ? 0.3 : 0.14)
        let certifiers = max(3 * regionCount, Int((Double(pool) * certifierShare).rounded(.up)))
        let structures = (0..<max(3, n / 5)).map { i -> String in
            let kind = ["MSP de", "CPTS du pays de", "Centre de santé de", "Maison de santé de"][i % 4]
            return "\(kind) \(Self.towns[(i * 5 + 1) % Self.towns.count])\(i >= Self.towns.count ? " \(i / Self.towns.count + 1)" : "")"
        }
        var members: [JuryMember] = []
        for i in 0..<pool {
            let role: Role = i < certifiers ? .certifier : .professional
            let region = regions[i % regionCount]
            var m = JuryMember(id: "J\(String(format: "%04d", i + 1))", lastName: rng.pick(Self.lastNames), firstName: rng.pick(Self.firstNames),
                               email: "jury\(i + 1)@exemple.fr", role: role, sector: rng.pick(Sector.allCases),
                               declaredExternal: role == .professional && rng.chance(0.78),
                               structure: role == .certifier ? "Organisme certificateur" : (rng.chance(0.25) ? rng.pick(structures) : "Cabinet \(rng.pick(Self.lastNames))"),
                               regions: preset == .pacte ? [region] : [], canPreside: role == .professional && rng.chance(0.6))
            if rng.chance(0.25), dayCount > 1 {
                let subset = days.filter { _ in rng.chance(0.6) }
                m.available = (subset.isEmpty ? [days[0]] : subset).map { rng.chance(0.2) ? .halfDay($0, rng.chance(0.5) ? .morning : .afternoon) : .day($0) }
            }
            if rng.chance(0.1) { m.maxPerDay = rng.int(4...6) }
            if role == .professional, preset == .csec, rng.chance(0.08) { m.exams = ["BC1", "BC2", "BC4", "BC5"].filter { _ in rng.chance(0.6) } + ["BC3"] }
            if rng.chance(0.15) { m.preferred = [.day(rng.pick(days))] }
            members.append(m)
        }

        // A jury with a president needs one from its region: at least three per region, fully
        // available where possible (no random draw, so other campaigns are unchanged).
        for region in regions {
            func serves(_ m: JuryMember) -> Bool { m.role == .professional && (m.regions.isEmpty || m.regions.contains(region)) }
            var missing = max(0, 3 - members.filter { serves($0) && $0.canPreside }.count)
            for pass in 0..<2 {
                for i in members.indices where missing > 0 && serves(members[i]) && !members[i].canPreside && (pass == 1 || members[i].available.isEmpty) {
                    members[i].canPreside = true
                    missing -= 1
                }
            }
        }

        // Candidates.
        var people: [Candidate] = []
        let professionals = members.filter { $0.role == .professional }.map(\.id)
        for i in 0..<n {
            let region = regions[i % regionCount]
            var c = Candidate(id: "C\(String(format: "%05d", i + 1))", lastName: rng.pick(Self.lastNames), firstName: rng.pick(Self.firstNames),
                              email: "candidat\(i + 1)@exemple.fr", structure: rng.pick(structures),
                              region: region, exams: exams(presetValue, &rng), extraTime: rng.chance(0.08), accessible: rng.chance(0.04))
            if rng.chance(0.15) { c.unavailable = [rng.chance(0.5) ? .halfDay(rng.pick(days), rng.chance(0.5) ? .morning : .afternoon) : .day(rng.pick(days))] }
            if rng.chance(0.1) { c.preferred = [.day(rng.pick(days))] }
            if rng.chance(0.3), !professionals.isEmpty { c.trainers = [rng.pick(professionals)] }
            if preset == .cpas { c.group = "G\(i / 5 + 1)" }
            people.append(c)
        }
        for i in members.indices where rng.chance(0.05) && !people.isEmpty { members[i].conflicts = [rng.pick(people).id] }

        var campaign = Campaign(name: "\(presetValue.title) — campagne générée (\(n) candidats, graine \(seed))",
                                preset: preset, days: days, exams: presetValue.exams)
        campaign.examAliases = presetValue.aliases
        campaign.setPeople(candidates: people, members: members, rooms: rooms)
        return campaign
    }

    private func exams(_ preset: Preset, _ rng: inout SeededRandom) -> [String] {
        switch preset.name {
        case .pacte:
            return rng.chance(0.5) ? ["INTERVIEW", "THESIS"] : ["THESIS"]
        case .cpas:
            let option = rng.chance(0.5) ? "B5E1" : "B5E2"
            return rng.chance(0.1) ? ["BC1", "BC2", "BC3", "BC4", option.replacingOccurrences(of: "B5", with: "BC5")] : ["B1", "B2", "B3", "B4", option]
        default:
            if rng.chance(0.85) { return ["BC1", "BC2", "BC3", "BC4", "BC5", "FINAL"] }
            if rng.chance(0.5) { return ["BC1", "BC2", "BC3", "BC4", "BC5"] }
            return [rng.pick(["BC1", "BC2"]), rng.pick(["BC4", "BC5"]), "FINAL"]
        }
    }

    /// Working days from Monday 2027-06-07 on, skipping weekends.
    static func sessionDay(_ k: Int) -> Day? {
        guard let start = Day(year: 2027, month: 6, day: 7) else { return nil }
        let ordinal = start.ordinal + (k / 5) * 7 + k % 5
        return Day.from(ordinal: ordinal)
    }
}

extension Day {
    /// The date `ordinal` days after 1970-01-01.
    public static func from(ordinal z0: Int) -> Day? {
        // Howard Hinnant's civil_from_days.
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return Day(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }
}
