/// Why a sitting left out of a plan has no place, day by day and in the users' words, or the
/// lawful place the search missed. Every judgement is `DeltaCheck`'s (the catalogue's own rules
/// on the rows the trial sitting touches), in stages that each name what stops them: the
/// candidates' day (R2, R9, R12, R13, R17), then a room (R4, R9, R11, R15), then members free to
/// sit it (R3, R9, R10, R14, R15, R16), then a jury of them (R5–R8, R18 and every other rule).
/// Trial starts are every 5 minutes of each half-day; a written sitting is tried alone (not
/// joining one already held).
struct PlacementProbe {
    let campaign: Campaign
    let delta: DeltaCheck
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
    private struct DayVerdict {
        var stage: Int
        var score: Int
        var text: String
    }

    private static let candidateRules: Set<RuleID> = [.r2, .r9, .r12, .r13, .r17]
    private static let roomRules: Set<RuleID> = [.r4, .r9, .r11, .r15]
    /// Every rule but R1, which the rows' own construction keeps (the plan is audited whole after).
    private static let juryRules = Set(RuleID.allCases).subtracting([.r1])

    let availability: Availability
    let load: Load

    init(schedule: Schedule, campaign: Campaign, availability: Availability) {
        self.campaign = campaign
        self.availability = availability
        self.delta = DeltaCheck(schedule: schedule, campaign: campaign, availability: availability)
        self.load = Load(schedule, campaign)
    }

    struct DayKey: Hashable {
        var id: String
        var day: Day
    }

    /// The plan's sittings by member and day (time and site) and by room and day.
    struct Load {
        var members: [DayKey: [(time: TimeRange, site: String)]] = [:]
        var rooms: [DayKey: [TimeRange]] = [:]

        init(_ schedule: Schedule, _ campaign: Campaign) {
            for sitting in Sitting.group(schedule, in: campaign) {
                let site = campaign.room(sitting.room)?.site ?? ""
                rooms[DayKey(id: sitting.room, day: sitting.day), default: []].append(sitting.time)
                for id in Set(sitting.jury) { members[DayKey(id: id, day: sitting.day), default: []].append((sitting.time, site)) }
            }
        }
    }

    /// The rule that keeps a member from sitting at `time` at `site` (R9, R14's limit and one
    /// site, R3 with the buffer), asked of the rules' shared definitions; nil when free.
    private func memberBlock(_ id: String, day: Day, time: TimeRange, site: String) -> RuleID? {
        guard availability.member(id, isFreeOn: day, time) else { return .r9 }
        let sittings = load.members[DayKey(id: id, day: day)] ?? []
        if let member = campaign.member(id), sittings.count + 1 > campaign.maxSittings(of: member) { return .r14 }
        if sittings.contains(where: { $0.site != site }) { return .r14 }
        if sittings.contains(where: { !Spacing.memberFree($0.time, time, in: campaign) }) { return .r3 }
        return nil
    }

    func probe(exam: Exam, candidates: [Candidate]) -> Finding {
        var verdicts: [(day: Day, verdict: DayVerdict)] = []
        for day in campaign.days {
            switch probe(exam: exam, candidates: candidates, on: day) {
            case .success(let rows): return .place(rows)
            case .failure(let blocked): verdicts.append((day, blocked.verdict))
            }
        }
        let ranked = verdicts.sorted { ($0.verdict.stage, $0.verdict.score) > ($1.verdict.stage, $1.verdict.score) }
        return .blocked(ranked.map { "on \($0.day.iso) \($0.verdict.text)" })
    }

    private struct Blocked: Error { var verdict: DayVerdict }

    private func probe(exam: Exam, candidates: [Candidate], on day: Day) -> Result<[ScheduleRow], Blocked> {
        let longest = candidates.map { exam.minutes(extraTime: $0.extraTime) }.max() ?? exam.minutes
        let starts = [campaign.hours.morning, campaign.hours.afternoon].flatMap { half in
            stride(from: half.start, through: half.end - longest, by: Self.step).map { $0 }
        }
        func rows(_ start: Int, room: Room?, jury: [String], president: String = "") -> [ScheduleRow] {
            candidates.map { c in
                ScheduleRow(day: day, time: TimeRange(start: start, end: start + exam.minutes(extraTime: c.extraTime)),
                            site: room?.site ?? "", room: room?.id ?? "", exam: exam.id, candidateID: c.id,
                            candidateName: c.displayName, jury: jury, president: president)
            }
        }
        let who = candidates.count == 1 ? "the candidate" : "the group"

        // 1. The candidates' own day.
        var free: [Int] = []
        var nearest: (count: Int, breaches: [Breach])?
        for start in starts {
            let breaches = delta.breaches(adding: rows(start, room: nil, jury: []), rules: Self.candidateRules)
            if breaches.isEmpty { free.append(start) } else if breaches.count < nearest?.count ?? .max { nearest = (breaches.count, breaches) }
        }
        guard !free.isEmpty else {
            let why = nearest.map { Self.quote($0.breaches) } ?? "the session's hours leave no time for it"
            return .failure(Blocked(verdict: DayVerdict(stage: 0, score: 0, text: "\(who) cannot sit it at any time: \(why)")))
        }

        // 2. A room, and the first one free at each start (one per site: members' rules see sites
        // only). R4 and R9 are asked of the shared definitions first (a room's sittings must not
        // overlap, its windows must cover), then the delta check confirms.
        var places: [(start: Int, room: Room)] = []
        var roomMiss: (start: Int, counts: [RuleID: Int])?
        let suited = campaign.rooms.filter { room in delta.keeps(adding: rows(free[0], room: room, jury: []), rules: [.r11, .r15]) }
        for start in free {
            let time = TimeRange(start: start, end: start + longest)
            var sites = Set<String>()
            var counts: [RuleID: Int] = [:]
            for room in suited where !sites.contains(room.site) {
                let rule: RuleID?
                if !availability.room(room.id, isFreeOn: day, time) {
                    rule = .r9
                } else if load.rooms[DayKey(id: room.id, day: day)]?.contains(where: { $0.overlaps(time) }) ?? false {
                    rule = .r4
                } else {
                    rule = delta.breaches(adding: rows(start, room: room, jury: []), rules: Self.roomRules).first?.rule
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
        guard !places.isEmpty else {
            let unsuited = campaign.rooms.count - suited.count
            var parts = roomMiss.map { miss in miss.counts.sorted { $0.key < $1.key }.map { "\($0.value) \(Self.roomWords[$0.key] ?? "break \($0.key)") (\($0.key))" } } ?? []
            if unsuited > 0 { parts.append("\(unsuited) do not suit it (R11, R15)") }
            let when = roomMiss.map { " (at \(Clock.format($0.start)), the first time \(who) is free)" } ?? ""
            return .failure(Blocked(verdict: DayVerdict(stage: 1, score: 0, text: "no room is free for it when \(who) is\(when): of \(campaign.rooms.count) rooms, \(parts.joined(separator: ", "))")))
        }

        // 3. Members free to sit it, and 4. a jury of them.
        var seen = Set<String>()
        let imposed = candidates.flatMap(\.imposedJury).filter { seen.insert($0).inserted }
        // A fixed committee (R18 with `imposed: true`): the jury is exactly the imposed members.
        let fixed = exam.mode.isExamined && exam.jury.imposed && !imposed.isEmpty
        let seats = fixed ? [(role: Role?.none, count: imposed.count)] : Self.seats(exam)
        let size = seats.reduce(0) { $0 + $1.count }
        let pool = fixed ? imposed
            : campaign.members.filter { !exam.mode.isExamined || exam.jury.accepts($0.role) || imposed.contains($0.id) }.map(\.id)
        let rank = Dictionary(campaign.members.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let eligible = pool.filter { delta.keeps(adding: rows(places[0].start, room: places[0].room, jury: [$0]), rules: [.r10, .r15, .r16]) }
        var best: (score: Int, start: Int, room: Room, free: [String], blocked: [String: RuleID])?
        var juriesTried = 0
        var juryMiss: (start: Int, room: Room, breach: Breach)?
        for (start, room) in places {
            let time = TimeRange(start: start, end: start + longest)
            var freeHere: [String] = []
            var blocked: [String: RuleID] = [:]
            for id in eligible {
                if let rule = memberBlock(id, day: day, time: time, site: room.site) { blocked[id] = rule } else { freeHere.append(id) }
            }
            let score = Self.cover(seats, by: freeHere, campaign) + (imposed.allSatisfy(freeHere.contains) ? 1 : 0)
            if score > best?.score ?? -1 { best = (score, start, room, freeHere, blocked) }
            guard imposed.allSatisfy(freeHere.contains), Self.cover(seats, by: freeHere, campaign) == size,
                  juriesTried < Self.juriesPerDay else { continue }
            var tried = 0
            let ordered = order(freeHere, imposed: imposed, on: day, rank: rank)
            var found: [ScheduleRow]?
            Self.juries(exam: exam, seats: seats, from: ordered, imposed: imposed, campaign: campaign) { jury in
                tried += 1
                let president = exam.jury.president ? jury.first { campaign.member($0).map { $0.role == .professional && $0.canPreside } ?? false } ?? "" : ""
                let trial = rows(start, room: room, jury: jury, president: president)
                let breaches = delta.breaches(adding: trial, rules: Self.juryRules)
                if breaches.isEmpty { found = trial } else if juryMiss == nil { juryMiss = (start, room, breaches[0]) }
                return found == nil && tried < Self.juriesPerPlace
            }
            juriesTried += tried
            if let found { return .success(found) }
        }
        guard let best else { return .failure(Blocked(verdict: DayVerdict(stage: 2, score: 0, text: "no member may sit it"))) }
        if let juryMiss {
            return .failure(Blocked(verdict: DayVerdict(stage: 3, score: 0,
                text: "enough members are free (at \(Clock.format(juryMiss.start)) in room \(juryMiss.room.id)), but no jury of them keeps every rule: \(juryMiss.breach.rule): \(juryMiss.breach.message)")))
        }
        return .failure(Blocked(verdict: DayVerdict(stage: 2, score: best.score,
            text: membersText(exam, seats: seats, imposed: imposed, eligible: eligible.count, pool: pool.count, best: (best.start, best.room, best.free, best.blocked)) { id in
                delta.breaches(adding: rows(best.start, room: best.room, jury: [id]), rules: [.r3, .r9, .r10, .r14, .r15, .r16]).first.map { "\($0.message) (\($0.rule))" }
            })))
    }

    // MARK: Words

    private static let roomWords: [RuleID: String] = [
        .r4: "hold another sitting then", .r9: "are not available then", .r11: "do not suit it", .r15: "are in another region",
    ]
    private static let memberWords: [RuleID: String] = [
        .r3: "sit another sitting at that time or within the buffer", .r9: "are not available",
        .r14: "have reached their daily limit or work at another site that day",
    ]

    /// The first breach, as `check` words it.
    private static func quote(_ breaches: [Breach]) -> String {
        breaches.prefix(1).map { "\($0.message) (\($0.rule))" }.joined(separator: "; ")
    }

    private func membersText(_ exam: Exam, seats: [(role: Role?, count: Int)], imposed: [String], eligible: Int, pool: Int,
                             best: (start: Int, room: Room, free: [String], blocked: [String: RuleID]), why: (String) -> String?) -> String {
        let at = "at \(Clock.format(best.start)) in room \(best.room.id)"
        let size = seats.reduce(0) { $0 + $1.count }
        let needs = seats.count == 1 && seats[0].role == nil ? "\(size) member\(size == 1 ? "" : "s")" : describeRoles(exam.jury.roles)
        let notFree = imposed.filter { !best.free.contains($0) }
        if !notFree.isEmpty {
            let names = notFree.prefix(3).map { id in
                let name = campaign.member(id).map { "\($0.displayName) (\(id))" } ?? id
                return "\(name): " + (why(id) ?? "may not examine it (R10, R15, R16)")
            }
            return "its imposed members are not all free at any time a room is (\(at), the nearest): \(names.joined(separator: "; "))"
        }
        var free: [String] = []
        for seat in seats {
            let n = best.free.filter { id in seat.role.map { r in campaign.member(id)?.role == r } ?? true }.count
            free.append(seat.role.map { "\(n) \($0.rawValue)\(n == 1 ? "" : "s")" } ?? "\(n)")
        }
        var counts: [RuleID: Int] = [:]
        for rule in best.blocked.values { counts[rule, default: 0] += 1 }
        var reasons = counts.sorted { $0.key < $1.key }.map { "\($0.value) \(Self.memberWords[$0.key] ?? "break \($0.key)") (\($0.key))" }
        if pool > eligible { reasons.append("\(pool - eligible) may not examine these candidates (R10, R15, R16)") }
        let most = best.free.isEmpty ? "no member who could sit it is free at any time a room is" : "at most \(free.joined(separator: " + ")) are free at once (\(at))"
        return "it needs \(needs), and \(most); of the \(pool) who could sit it, at \(Clock.format(best.start)) \(reasons.joined(separator: ", "))"
    }

    // MARK: Juries

    /// The seats of a jury by role (`nil`: any role), as R5 and R6 count them.
    static func seats(_ exam: Exam) -> [(role: Role?, count: Int)] {
        let roles = exam.mode.isExamined ? exam.jury.roles.filter { $0.value > 0 } : [:]
        guard !roles.isEmpty else { return [(nil, exam.jury.size)] }
        return roles.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// How many of the seats the members can fill, each member one seat of their role.
    static func cover(_ seats: [(role: Role?, count: Int)], by members: [String], _ campaign: Campaign) -> Int {
        seats.reduce(0) { total, seat in
            total + min(seat.count, members.filter { id in seat.role.map { campaign.member(id)?.role == $0 } ?? true }.count)
        }
    }

    /// Members already sitting that day first (no new member-day), then externals (R7), then
    /// the campaign's order.
    private func order(_ ids: [String], imposed: [String], on day: Day, rank: [String: Int]) -> [String] {
        let sitting = Set(delta.schedule.rows.filter { $0.day == day }.flatMap(\.jury))
        return ids.sorted { a, b in
            let ka = (imposed.contains(a) ? 0 : 1, sitting.contains(a) ? 0 : 1, campaign.member(a)?.isExternal ?? false ? 0 : 1)
            let kb = (imposed.contains(b) ? 0 : 1, sitting.contains(b) ? 0 : 1, campaign.member(b)?.isExternal ?? false ? 0 : 1)
            return ka != kb ? ka < kb : (rank[a] ?? 0) < (rank[b] ?? 0)
        }
    }

    /// Calls `visit` with each jury that fills every seat from `members` (imposed members in
    /// it), in order, while it returns true.
    static func juries(exam: Exam, seats: [(role: Role?, count: Int)], from members: [String], imposed: [String], campaign: Campaign,
                       visit: ([String]) -> Bool) {
        var remaining = seats.map(\.count)
        var jury: [String] = []
        func seat(of id: String) -> Int? {
            seats.indices.first { s in remaining[s] > 0 && (seats[s].role.map { campaign.member(id)?.role == $0 } ?? true) }
        }
        for id in imposed {
            guard let s = seat(of: id) else { return }
            remaining[s] -= 1
            jury.append(id)
        }
        let others = members.filter { !imposed.contains($0) }
        var going = true
        func extend(from index: Int) {
            guard going else { return }
            if remaining.allSatisfy({ $0 == 0 }) {
                going = visit(jury)
                return
            }
            guard index < others.count else { return }
            for i in index..<others.count where going {
                guard let s = seat(of: others[i]) else { continue }
                remaining[s] -= 1
                jury.append(others[i])
                extend(from: i + 1)
                jury.removeLast()
                remaining[s] += 1
            }
        }
        extend(from: 0)
    }
}
