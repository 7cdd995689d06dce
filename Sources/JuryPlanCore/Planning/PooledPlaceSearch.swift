/// A search over every sitting's place and jury at once, for pooled sessions whose last
/// sittings construction and ruin and recreate cannot seat: members available only in exact
/// hours, where the few juries that can sit at a time are the witness's and a layout that
/// splits one pair spoils two places.
///
/// The committee sessions' search (`CommitteePlaceSearch`) with the jury as part of the
/// place: every sitting always holds a day, start, room and jury, lawful or not, and the
/// search lowers the conflicts. A step takes a sitting in conflict (at random, seeded) to the
/// place and jury that conflict least, the jury drawn by `JuryGreedy.pickJury` from the
/// place's `PanelStaffing` (so R5–R10, R15, R16 and R18 hold by construction), its members
/// ranked by their own conflicts there; where no move helps, the sitting's weight grows
/// (breakout, Morris 1993). Conflicts are the rules' own definitions taken two sittings at a
/// time: R3 with the buffer and R14's one site a day (`CommitteeTimetable.memberClash`), R2,
/// R12's break and R13 (`PlanningProblem.candidateFits`), R4 by room, and the daily limits
/// counted by member (R14) and candidate (R12). Written sittings of one exam at one place with
/// one invigilator are one sitting (R4's capacity). The result is booked through
/// `JuryAwareInsertion.book`, which checks each sitting whole, so a conflict the search
/// misses leaves a sitting out, never breaks a rule.
struct PooledPlaceSearch {
    let problem: PlanningProblem
    /// A day and start at which a lawful jury can be drawn and some room is open.
    struct Option {
        let day: Int
        let start: Int
        let staffing: PanelStaffing?
        let rooms: [Int]
    }
    struct Assignment: Equatable {
        var option: Int
        var room: Int
        var jury: [Int]
        var president: Int?
    }
    private var options: [[Option]] = []
    private var at: [Assignment?]
    /// Requests each member sits by day, requests in each room by day.
    private var memberDay: [[[Int]]]
    private var roomDay: [[[Int]]]
    private let siteOfRoom: [Int]
    private let cap: [Int]
    private let capacity: [Int]
    private let buffer: Int
    private let written: [Bool]
    private var load: [Int]

    init?(_ problem: PlanningProblem, from plan: (panels: [Panel], juries: [[Int]], presidents: [Int?]), lookups: JuryAwareInsertion) {
        self.problem = problem
        let campaign = problem.campaign
        let days = campaign.days.count
        let sites = Array(Set(campaign.rooms.map(\.site))).sorted()
        siteOfRoom = campaign.rooms.map { room in sites.firstIndex(of: room.site) ?? 0 }
        cap = campaign.members.map { campaign.maxSittings(of: $0) }
        capacity = campaign.rooms.map(\.capacity)
        buffer = campaign.bufferMinutes
        written = problem.requests.map { $0.exam.mode == .written }
        load = Array(repeating: 0, count: campaign.members.count)
        at = Array(repeating: nil, count: problem.requests.count)
        memberDay = Array(repeating: Array(repeating: [], count: days), count: campaign.members.count)
        roomDay = Array(repeating: Array(repeating: [], count: days), count: campaign.rooms.count)
        for r in problem.requests {
            var list: [Option] = []
            for d in 0..<days {
                for start in lookups.starts(of: r, on: d) {
                    guard let option = Self.option(r, day: d, start: start, problem: problem, lookups: lookups) else { continue }
                    list.append(option)
                }
            }
            options.append(list)
        }
        // The plan's sittings where they stand (each request on its own), then each other at
        // its least conflicting place.
        for (p, panel) in plan.panels.enumerated() {
            for slot in panel.slots {
                var seen = Set<Int>()
                for c in slot.candidates {
                    guard let own = lookups.ownRequest(c, slot), seen.insert(own.id).inserted else { continue }
                    var o = options[own.id].firstIndex { $0.day == panel.period.dayIndex && $0.start == slot.start }
                    if o == nil, let extra = Self.option(own, day: panel.period.dayIndex, start: slot.start, problem: problem, lookups: lookups) {
                        options[own.id].append(extra)
                        o = options[own.id].count - 1
                    }
                    guard let o else { continue }
                    assign(own.id, Assignment(option: o, room: panel.room, jury: plan.juries[p], president: plan.presidents[p]))
                }
            }
        }
        for r in problem.requests.indices where at[r] == nil {
            guard let best = bestMove(r, weight: nil) else { continue }
            assign(r, best.assignment)
        }
        guard at.contains(where: { $0 != nil }) else { return nil }
    }

    /// Option (day d, start) for r when its candidates are free then (R9), a half-day holds it
    /// (R17), a room suits it and is open (R4, R9, R11) and a lawful jury can be drawn at all.
    private static func option(_ r: SittingRequest, day d: Int, start: Int, problem: PlanningProblem, lookups: JuryAwareInsertion) -> Option? {
        let campaign = problem.campaign
        let window = TimeRange(start: start, end: start + r.minutes)
        guard let half = campaign.hours.halfDay(containing: window),
              r.candidates.allSatisfy({ problem.candidateFits($0, r, dayIndex: d, start: start, besides: []) }) else { return nil }
        let suitable = problem.suitableRooms(r)
        let rooms = campaign.rooms.indices.filter { suitable[$0] && lookups.roomOpen($0, d, window) }
        guard !rooms.isEmpty else { return nil }
        var panel = Panel(id: 0, exam: r.exam, period: Period(dayIndex: d, half: half), room: rooms[0], key: r.panelKey)
        panel.slots = [Panel.Slot(request: r.id, start: start, end: window.end, candidates: r.candidates)]
        let staffing = lookups.staffing(r, panel)
        guard staffing.size > 0 else { return Option(day: d, start: start, staffing: nil, rooms: rooms) }
        guard JuryGreedy.pickJury(for: staffing, campaign: campaign, free: { _ in true }, rank: { ($0, 0, 0, 0) }) != nil else { return nil }
        return Option(day: d, start: start, staffing: staffing, rooms: rooms)
    }

    private func window(_ r: Int, _ o: Option) -> TimeRange { TimeRange(start: o.start, end: o.start + problem.requests[r].minutes) }

    /// Written sittings r (at o in room k with invigilator m) and t are one sitting.
    private func joins(_ r: Int, _ o: Option, _ k: Int, _ m: Int, _ t: Int) -> Bool {
        guard written[r], written[t], let b = at[t], b.room == k, b.jury == [m] else { return false }
        let ot = options[t][b.option]
        let (x, y) = (problem.requests[r], problem.requests[t])
        return ot.day == o.day && ot.start == o.start && x.exam.id == y.exam.id && x.panelKey == y.panelKey
    }

    /// Conflicts of member m sitting r at o in room k: clashes with the member's other sittings
    /// that day, and the daily limit passed.
    private func memberConflicts(_ r: Int, _ o: Option, _ k: Int, _ m: Int, _ weight: [Int]?) -> Int {
        let w = window(r, o), site = siteOfRoom[k]
        var n = 0, sittings = 1
        var joined: [(Int, Int)] = []
        for t in memberDay[m][o.day] where t != r {
            guard let b = at[t] else { continue }
            if joins(r, o, k, m, t) { continue }
            let ot = options[t][b.option]
            // Written sittings joined with each other count once toward the limit.
            if written[t] {
                let key = (ot.start, b.room)
                if joined.contains(where: { $0 == key }) { continue }
                joined.append(key)
            }
            sittings += 1
            if CommitteeTimetable.memberClash(w, at: site, window(t, ot), at: siteOfRoom[b.room], buffer: buffer) {
                n += weight.map { $0[r] + $0[t] } ?? 1
            }
        }
        if sittings > cap[m] { n += weight.map { 2 * $0[r] } ?? 1 }
        return n
    }

    /// Conflicts of r's candidates at o with their other sittings, and their daily limit.
    private func candidateConflicts(_ r: Int, _ o: Option, _ weight: [Int]?) -> Int {
        let request = problem.requests[r]
        var n = 0
        for c in request.candidates {
            var sameDay = 1
            for t in problem.requestsOfCandidate[c] where t != r {
                guard let b = at[t] else { continue }
                let ot = options[t][b.option]
                if ot.day == o.day { sameDay += 1 }
                let placement = Placement(problem.requests[t], of: problem.campaign.candidates[c], dayIndex: ot.day, start: ot.start)
                if !problem.candidateFits(c, request, dayIndex: o.day, start: o.start, besides: [placement]) {
                    n += weight.map { $0[r] + $0[t] } ?? 1
                }
            }
            if sameDay > problem.campaign.maxExamsPerDay { n += weight.map { 2 * $0[r] } ?? 1 }
        }
        return n
    }

    /// Conflicts of r at o in room k (with `jury`): sittings overlapping there, R4's capacity.
    private func roomConflicts(_ r: Int, _ o: Option, _ k: Int, _ jury: [Int], _ weight: [Int]?) -> Int {
        let w = window(r, o)
        var n = 0, seated = 1
        for t in roomDay[k][o.day] where t != r {
            guard let b = at[t] else { continue }
            if jury.count == 1, joins(r, o, k, jury[0], t) {
                seated += 1
                continue
            }
            if window(t, options[t][b.option]).overlaps(w) { n += weight.map { $0[r] + $0[t] } ?? 1 }
        }
        if seated > capacity[k] { n += weight.map { 2 * $0[r] } ?? 1 }
        return n
    }

    /// Conflicts of r where it stands.
    private func cost(_ r: Int, _ weight: [Int]?) -> Int {
        guard let a = at[r] else { return 0 }
        let o = options[r][a.option]
        return candidateConflicts(r, o, weight) + roomConflicts(r, o, a.room, a.jury, weight)
            + a.jury.reduce(0) { $0 + memberConflicts(r, o, a.room, $1, weight) }
    }

    /// The place and jury at which r conflicts least (ties: its own jury's members, then the
    /// less loaded), with their conflicts.
    private func bestMove(_ r: Int, weight: [Int]?) -> (assignment: Assignment, cost: Int)? {
        let campaign = problem.campaign
        let current = at[r]?.jury ?? []
        var best: (assignment: Assignment, cost: Int)?
        for (i, o) in options[r].enumerated() {
            let floor = candidateConflicts(r, o, weight)
            if let best, best.cost <= floor { continue }
            // Examined sittings: one jury a site (the room plays no part in a member's
            // conflicts but its site); written ones: a jury for each room (joining a sitting).
            var seenSites = Set<Int>()
            for k in o.rooms {
                let perRoom = written[r]
                guard perRoom || seenSites.insert(siteOfRoom[k]).inserted else { continue }
                var jury: [Int] = [], president: Int?
                var juryCost = 0
                if let staffing = o.staffing {
                    var conflicts: [Int: Int] = [:]
                    for m in staffing.eligible { conflicts[m] = memberConflicts(r, o, k, m, weight) }
                    guard let found = JuryGreedy.pickJury(for: staffing, campaign: campaign, free: { _ in true },
                                                          rank: { m in (conflicts[m] ?? 0, current.contains(m) ? 0 : 1, self.load[m], m) }) else { continue }
                    (jury, president) = found
                    juryCost = jury.reduce(0) { $0 + (conflicts[$1] ?? 0) }
                }
                let rooms = perRoom ? [k] : o.rooms.filter { siteOfRoom[$0] == siteOfRoom[k] }
                for room in rooms {
                    let total = floor + juryCost + roomConflicts(r, o, room, jury, weight)
                    if best == nil || total < best!.cost {
                        best = (Assignment(option: i, room: room, jury: jury.sorted(), president: president), total)
                    }
                }
            }
        }
        return best
    }

    private mutating func assign(_ r: Int, _ a: Assignment?) {
        if let old = at[r] {
            let d = options[r][old.option].day
            for m in old.jury {
                memberDay[m][d].removeAll { $0 == r }
                load[m] -= 1
            }
            roomDay[old.room][d].removeAll { $0 == r }
        }
        at[r] = a
        guard let a else { return }
        let d = options[r][a.option].day
        for m in a.jury {
            memberDay[m][d].append(r)
            load[m] += 1
        }
        roomDay[a.room][d].append(r)
    }

    /// Requests whose conflicts may change when r moves from or to `a`.
    private func touched(_ r: Int, _ a: Assignment?) -> [Int] {
        guard let a else { return [] }
        let d = options[r][a.option].day
        var out = roomDay[a.room][d]
        for m in a.jury { out += memberDay[m][d] }
        for c in problem.requests[r].candidates { out += problem.requestsOfCandidate[c] }
        return out
    }

    /// Searches until `work` places have been weighed (or `stop`, the time limit's safety net,
    /// checked every 16 steps); returns the best state found, each request with its place and
    /// jury, its conflicts and the steps taken.
    mutating func search(work: Int, seed: UInt64, stop: () -> Bool = { false }) -> (assignments: [Assignment?], conflicts: Int, steps: Int) {
        var random = SeededRandom(seed: seed)
        var weight = Array(repeating: 1, count: at.count)
        var current = at.indices.map { cost($0, nil) }
        var total = current.reduce(0, +)
        var best = (total: total, at: at)
        var done = 0, steps = 0
        while steps == 0 || done < work {
            guard total > 0, steps % 16 != 15 || !stop() else { break }
            steps += 1
            let conflicted = at.indices.filter { current[$0] > 0 }
            let r = conflicted[random.int(0...(conflicted.count - 1))]
            done += options[r].count
            guard let move = bestMove(r, weight: weight) else { continue }
            let before = cost(r, weight)
            // A local minimum for r: its weight grows, so that the others make way for it.
            if move.cost >= before { weight[r] += 1 }
            guard move.cost <= before, move.assignment != at[r] else { continue }
            var affected = Set(touched(r, at[r]))
            assign(r, move.assignment)
            affected.formUnion(touched(r, at[r]))
            affected.insert(r)
            for t in affected {
                total -= current[t]
                current[t] = cost(t, nil)
                total += current[t]
            }
            if total < best.total { best = (total, at) }
        }
        for r in at.indices where at[r] != best.at[r] { assign(r, best.at[r]) }
        return (at, best.total, steps)
    }

    /// The place of an assignment: day, start and room.
    func place(_ r: Int, _ a: Assignment) -> (day: Int, start: Int) {
        let o = options[r][a.option]
        return (o.day, o.start)
    }
}
