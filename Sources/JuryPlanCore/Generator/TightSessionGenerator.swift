/// Sessions of a preset where members, not rooms, are the scarce resource, each with a lawful
/// witness schedule, so that tests and benchmarks can tell "impossible" from "not found".
///
/// The witness is planted: a campaign of the preset is generated with its usual slack and
/// planned; then every member's availability is cut down to the half-days the witness convenes
/// them, plus other half-days drawn at random until the member's witness sittings fill 50–60 % of
/// their available time (members the witness does not use keep one half-day). Rooms are cut the
/// same way to about 40 % busy. Availability only shrinks around the witness, so the witness keeps
/// every rule, and the planner, which does not see it, must find its own way through hours
/// scattered over the session.
public struct TightSessionGenerator {
    public var preset: PresetName
    public var candidates: Int
    public var seed: UInt64
    public var days: Int?
    /// Share of each member's available time their witness sittings fill.
    public var memberBusy: ClosedRange<Double> = 0.50...0.60
    /// The same for rooms.
    public var roomBusy: ClosedRange<Double> = 0.35...0.45
    /// Members available exactly when the witness has them sit (`exactHours(_:witness:)`);
    /// rooms are cut as without it (the members' random cuts are still drawn, then replaced,
    /// so that the rooms' draws and the seed's campaign stay those of `--tight`).
    public var exactHours = false

    public init(preset: PresetName, candidates: Int, seed: UInt64, days: Int? = nil) {
        self.preset = preset
        self.candidates = candidates
        self.seed = seed
        self.days = days
    }

    /// The tightened campaign and its witness; nil when the loose campaign could not be planned
    /// whole (then there is no witness to plant).
    public func generate() -> (campaign: Campaign, witness: Schedule)? {
        var campaign = CampaignGenerator(preset: preset, candidates: candidates, seed: seed, days: days).generate()
        guard case .planned(let plan) = Planner(campaign: campaign, options: PlanOptions(timeLimit: 600)).run(), !plan.isPartial else { return nil }
        let witness = Schedule(rows: plan.schedule.rows, file: "witness.csv").sorted
        var rng = SeededRandom(seed: seed &* 2_654_435_761 &+ UInt64(candidates))
        let hours = campaign.hours
        let halfDays = campaign.days.flatMap { d in [AvailabilityToken.halfDay(d, .morning), .halfDay(d, .afternoon)] }

        /// The half-day holding a sitting (the whole day if it spans both).
        func token(_ row: ScheduleRow) -> AvailabilityToken {
            hours.halfDay(containing: row.time).map { .halfDay(row.day, $0) } ?? .day(row.day)
        }
        func minutes(_ tokens: Set<AvailabilityToken>) -> Int { tokens.reduce(0) { $0 + $1.interval(hours: hours).minutes } }
        /// The witness half-days, then random others until `busy` fills at most `share` of them.
        func cut(busy: Int, used: Set<AvailabilityToken>, share: ClosedRange<Double>) -> [AvailabilityToken] {
            var tokens = used
            let target = share.lowerBound + (share.upperBound - share.lowerBound) * Double(rng.int(0...1000)) / 1000
            var others = halfDays.filter { h in !used.contains(h) && !used.contains(.day(h.day)) }
            if tokens.isEmpty { tokens.insert(others.remove(at: rng.int(0...(others.count - 1)))) }
            while !others.isEmpty, Double(busy) > target * Double(minutes(tokens)) {
                tokens.insert(others.remove(at: rng.int(0...(others.count - 1))))
            }
            return tokens.sorted { ($0.day, $0.description) < ($1.day, $1.description) }
        }

        // Each member's and room's distinct sittings (a written sitting is one, whatever its rows).
        struct Key: Hashable { var day: Day, time: TimeRange, room: String }
        var memberSittings: [String: Set<Key>] = [:], roomSittings: [String: Set<Key>] = [:]
        var memberTokens: [String: Set<AvailabilityToken>] = [:], roomTokens: [String: Set<AvailabilityToken>] = [:]
        for row in witness.rows {
            let key = Key(day: row.day, time: row.time, room: row.room)
            roomSittings[row.room, default: []].insert(key)
            roomTokens[row.room, default: []].insert(token(row))
            for m in row.jury {
                memberSittings[m, default: []].insert(key)
                memberTokens[m, default: []].insert(token(row))
            }
        }
        var members = campaign.members, rooms = campaign.rooms
        for i in members.indices {
            let busy = memberSittings[members[i].id, default: []].reduce(0) { $0 + $1.time.minutes }
            members[i].available = cut(busy: busy, used: memberTokens[members[i].id, default: []], share: memberBusy)
        }
        for i in rooms.indices {
            let busy = roomSittings[rooms[i].id, default: []].reduce(0) { $0 + $1.time.minutes }
            rooms[i].available = cut(busy: busy, used: roomTokens[rooms[i].id, default: []], share: roomBusy)
        }
        campaign.name = campaign.name.replacingOccurrences(of: "campagne générée", with: "session tendue générée")
        campaign.setPeople(candidates: campaign.candidates, members: members, rooms: rooms)
        return (exactHours ? Self.exactHours(campaign, witness: witness) : campaign, witness)
    }

    /// The campaign with every member available exactly in the time ranges of their witness
    /// sittings, and a member the witness never convenes never convened (`max_per_day: 0`): a
    /// lawful plan exists (the witness) with almost no slack, as in sessions whose staff give
    /// their hours sitting by sitting.
    public static func exactHours(_ campaign: Campaign, witness: Schedule) -> Campaign {
        var ranges: [String: Set<AvailabilityToken>] = [:]
        for row in witness.rows {
            for id in row.jury { ranges[id, default: []].insert(.range(row.day, row.time)) }
        }
        var campaign = campaign
        let members = campaign.members.map { member -> JuryMember in
            var member = member
            let tokens = ranges[member.id] ?? []
            member.available = tokens.sorted { ($0.day, $0.interval(hours: campaign.hours)) < ($1.day, $1.interval(hours: campaign.hours)) }
            if tokens.isEmpty { member.maxPerDay = 0 }
            return member
        }
        campaign.setPeople(candidates: campaign.candidates, members: members, rooms: campaign.rooms)
        return campaign
    }
}
