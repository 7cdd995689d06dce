/// Why a sitting left out of a plan has no place, day by day and in the users' words, or the
/// lawful place the search missed. Every judgement is `DeltaCheck`'s (the catalogue's own rules
/// on the rows the trial sitting touches) or the rules' shared definitions (`Availability`,
/// `Spacing`, `Campaign.maxSittings`), in stages that each name what stops them: the
/// candidates' day (R2, R9, R12, R13, R17), then a room (R4, R9, R11, R15), then members free to
/// sit it (R3, R9, R10, R14, R15, R16), then a jury of them (every rule but R1, which the rows'
/// construction keeps; the plan is audited whole after). Trial starts are every 5 minutes of
/// each half-day; a written sitting is tried alone (not joining one already held).
struct PlacementProbe {
    let campaign: Campaign
    let delta: DeltaCheck
    let availability: Availability
    let load: Load
    /// Each member's place in the campaign, the last tie-break of `order`.
    private let rank: [String: Int]
    private let memo = Memo()

    /// What a probe works out once and asks again (copies share it).
    private final class Memo {
        var suited: [String: [Room]] = [:]
    }
    /// Minutes between two trial starts.
    static let step = 5
    /// Juries weighed at one start and room, and on one day, before the day is given up.
    static let juriesPerPlace = 60
    static let juriesPerDay = 600

    enum Finding {
        /// Rows that place the sitting and break no rule.
        case place([ScheduleRow])
        /// Why each day fails, the days that came nearest first.
        case blocked([String])
    }

    /// How far a day got: the stage that stopped it and, within it, how near it came.
    struct DayVerdict: Error {
        var stage: Int
        var score: Int
        var text: String
    }

    static let candidateRules: Set<RuleID> = [.r2, .r9, .r12, .r13, .r17]
    static let roomRules: Set<RuleID> = [.r4, .r9, .r11, .r15]
    static let juryRules = Set(RuleID.allCases).subtracting([.r1])

    init(schedule: Schedule, campaign: Campaign, availability: Availability) {
        self.campaign = campaign
        self.availability = availability
        self.delta = DeltaCheck(schedule: schedule, campaign: campaign, availability: availability)
        self.load = Load(schedule, campaign)
        rank = Dictionary(campaign.members.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    struct DayKey: Hashable {
        var id: String
        var day: Day
    }

    /// A sitting of the plan as members' and rooms' rules see it.
    struct Held {
        var time: TimeRange
        var site: String
        /// Its rows in the plan's schedule.
        var rows: [Int]
    }

    /// The plan's sittings by member and day and by room and day.
    struct Load {
        var members: [DayKey: [Held]] = [:]
        var rooms: [DayKey: [TimeRange]] = [:]

        init(_ schedule: Schedule, _ campaign: Campaign) {
            for sitting in Sitting.group(schedule, in: campaign) {
                let held = Held(time: sitting.time, site: campaign.room(sitting.room)?.site ?? "", rows: sitting.rows)
                rooms[DayKey(id: sitting.room, day: sitting.day), default: []].append(sitting.time)
                for id in Set(sitting.jury) { members[DayKey(id: id, day: sitting.day), default: []].append(held) }
            }
        }
    }

    /// One sitting tried on one day: its rows at any start, room and jury.
    struct Trial {
        let exam: Exam
        let candidates: [Candidate]
        let day: Day
        /// The longest of its rows (extra time).
        let longest: Int

        init(_ exam: Exam, _ candidates: [Candidate], on day: Day) {
            self.exam = exam
            self.candidates = candidates
            self.day = day
            longest = candidates.map { exam.minutes(extraTime: $0.extraTime) }.max() ?? exam.minutes
        }

        func time(_ start: Int) -> TimeRange { TimeRange(start: start, end: start + longest) }

        func rows(_ start: Int, room: Room?, jury: [String] = [], president: String = "") -> [ScheduleRow] {
            candidates.map { c in
                ScheduleRow(day: day, time: TimeRange(start: start, end: start + exam.minutes(extraTime: c.extraTime)),
                            site: room?.site ?? "", room: room?.id ?? "", exam: exam.id, candidateID: c.id,
                            candidateName: c.displayName, jury: jury, president: president)
            }
        }

        var who: String { candidates.count == 1 ? "the candidate" : "the group" }
    }

    // MARK: Probing

    func probe(exam: Exam, candidates: [Candidate]) -> Finding {
        var verdicts: [(day: Day, verdict: DayVerdict)] = []
        for day in campaign.days {
            switch probe(exam: exam, candidates: candidates, on: day) {
            case .success(let rows): return .place(rows)
            case .failure(let verdict): verdicts.append((day, verdict))
            }
        }
        let ranked = verdicts.sorted { ($0.verdict.stage, $0.verdict.score) > ($1.verdict.stage, $1.verdict.score) }
        return .blocked(ranked.map { "on \($0.day.iso) \($0.verdict.text)" })
    }

    func probe(exam: Exam, candidates: [Candidate], on day: Day) -> Result<[ScheduleRow], DayVerdict> {
        let trial = Trial(exam, candidates, on: day)
        let places: [(start: Int, room: Room)]
        switch candidateStarts(trial).flatMap({ self.places(trial, starts: $0) }) {
        case .failure(let verdict): return .failure(verdict)
        case .success(let found): places = found
        }
        let seats = JurySeats(exam, candidates, campaign)
        let eligible = seats.eligible
        var best: (score: Int, start: Int, room: Room, free: [String], blocked: [String: RuleID])?
        var juriesTried = 0
        var juryMiss: (start: Int, room: Room, breach: Breach)?
        var juriesMissed = 0
        for (start, room) in places {
            var free: [String] = []
            var blocked: [String: RuleID] = [:]
            for id in eligible {
                if let rule = memberBlock(id, day: day, time: trial.time(start), site: room.site) { blocked[id] = rule } else { free.append(id) }
            }
            let score = seats.cover(by: free) + (seats.imposed.allSatisfy(free.contains) ? 1 : 0)
            if score > best?.score ?? -1 { best = (score, start, room, free, blocked) }
            guard seats.fills(free), juriesTried < Self.juriesPerDay else { continue }
            var tried = 0
            var found: [ScheduleRow]?
            seats.juries(from: order(free, imposed: seats.imposed, on: day)) { jury in
                tried += 1
                let rows = trial.rows(start, room: room, jury: jury, president: seats.president(of: jury))
                let breaches = delta.breaches(adding: rows, rules: Self.juryRules)
                if breaches.isEmpty {
                    found = rows
                } else {
                    juriesMissed += 1
                    if juryMiss == nil { juryMiss = (start, room, breaches[0]) }
                }
                return found == nil && tried < Self.juriesPerPlace
            }
            juriesTried += tried
            if let found { return .success(found) }
        }
        guard let best else { return .failure(DayVerdict(stage: 2, score: 0, text: "no member may sit it")) }
        if let juryMiss {
            return .failure(DayVerdict(stage: 3, score: 0,
                text: "enough members are free (at \(Clock.format(juryMiss.start)) in room \(juryMiss.room.id)), but none of the \(juriesMissed) juries of them tried keeps every rule: \(juryMiss.breach.rule): \(juryMiss.breach.message)"))
        }
        return .failure(DayVerdict(stage: 2, score: best.score,
            text: membersText(seats, eligible: eligible.count, best: (best.start, best.room, best.free, best.blocked)) { id in
                delta.breaches(adding: trial.rows(best.start, room: best.room, jury: [id]), rules: [.r3, .r9, .r10, .r14, .r15, .r16]).first.map { "\($0.message) (\($0.rule))" }
            }))
    }

    /// 1. The starts at which the candidates may sit it, by the delta check.
    func candidateStarts(_ trial: Trial) -> Result<[Int], DayVerdict> {
        let starts = [campaign.hours.morning, campaign.hours.afternoon].flatMap { half in
            Array(stride(from: half.start, through: half.end - trial.longest, by: Self.step))
        }
        // R9 and R2/R12's break are asked of the shared definitions first; the delta check
        // judges what is left (R12's count, R13's order, R17) and words the reason.
        let ids = Set(trial.candidates.map(\.id))
        let sameDay = ids.flatMap { delta.rows(ofCandidate: $0) }.map { delta.schedule.rows[$0] }.filter { $0.day == trial.day }
        var free: [Int] = []
        var nearest: [Breach]?
        for start in starts {
            let time = trial.time(start)
            guard trial.candidates.allSatisfy({ availability.candidate($0.id, isFreeOn: trial.day, time) }),
                  sameDay.allSatisfy({ Spacing.candidateFree($0.time, time, in: campaign) }) else { continue }
            let breaches = delta.breaches(adding: trial.rows(start, room: nil), rules: Self.candidateRules)
            if breaches.isEmpty { free.append(start) } else if breaches.count < nearest?.count ?? .max { nearest = breaches }
        }
        guard free.isEmpty else { return .success(free) }
        if nearest == nil, let first = starts.first {
            nearest = delta.breaches(adding: trial.rows(first, room: nil), rules: Self.candidateRules)
        }
        let why = nearest.flatMap(\.first).map { "\($0.message) (\($0.rule))" } ?? "the session's hours leave no time for it"
        return .failure(DayVerdict(stage: 0, score: 0, text: "\(trial.who) cannot sit it at any time: \(why)"))
    }

    /// 2. At each of those starts, the first room free at each site (members' rules see sites
    /// only). R4 and R9 are asked of the shared definitions first (a room's sittings must not
    /// overlap, its windows must cover), then the delta check confirms.
    func places(_ trial: Trial, starts: [Int]) -> Result<[(start: Int, room: Room)], DayVerdict> {
        var places: [(start: Int, room: Room)] = []
        var roomMiss: (start: Int, counts: [RuleID: Int])?
        // R11 and R15 do not depend on the day or the time: asked once a sitting.
        let key = ([trial.exam.id] + trial.candidates.map(\.id)).joined(separator: "|")
        let suited = memo.suited[key] ?? campaign.rooms.filter { room in delta.keeps(adding: trial.rows(starts[0], room: room), rules: [.r11, .r15]) }
        memo.suited[key] = suited
        for start in starts {
            let time = trial.time(start)
            var sites = Set<String>()
            var counts: [RuleID: Int] = [:]
            for room in suited where !sites.contains(room.site) {
                let rule: RuleID?
                if !availability.room(room.id, isFreeOn: trial.day, time) {
                    rule = .r9
                } else if load.rooms[DayKey(id: room.id, day: trial.day)]?.contains(where: { $0.overlaps(time) }) ?? false {
                    rule = .r4
                } else {
                    rule = delta.breaches(adding: trial.rows(start, room: room), rules: Self.roomRules).first?.rule
                }
                if let rule {
                    counts[rule, default: 0] += 1
                } else {
                    sites.insert(room.site)
                    places.append((start, room))
                }
            }
            if sites.isEmpty, roomMiss == nil { roomMiss = (start, counts) }
        }
        guard places.isEmpty else { return .success(places) }
        return .failure(DayVerdict(stage: 1, score: 0, text: roomsText(trial, miss: roomMiss, unsuited: campaign.rooms.count - suited.count)))
    }

    /// The rule that keeps a member from sitting at `time` at `site` (R9, R14's limit and one
    /// site, R3 with the buffer), asked of the rules' shared definitions; nil when free.
    func memberBlock(_ id: String, day: Day, time: TimeRange, site: String) -> RuleID? {
        guard availability.member(id, isFreeOn: day, time) else { return .r9 }
        let sittings = load.members[DayKey(id: id, day: day)] ?? []
        if let member = campaign.member(id), sittings.count + 1 > campaign.maxSittings(of: member) { return .r14 }
        if sittings.contains(where: { $0.site != site }) { return .r14 }
        if sittings.contains(where: { !Spacing.memberFree($0.time, time, in: campaign) }) { return .r3 }
        return nil
    }

    /// Members already sitting that day first (no new member-day), then externals (R7), then
    /// the campaign's order.
    private func order(_ ids: [String], imposed: [String], on day: Day) -> [String] {
        func key(_ id: String) -> (Int, Int, Int, Int) {
            (imposed.contains(id) ? 0 : 1, load.members[DayKey(id: id, day: day)] == nil ? 1 : 0,
             campaign.member(id)?.isExternal ?? false ? 0 : 1, rank[id] ?? 0)
        }
        return ids.sorted { key($0) < key($1) }
    }
}
