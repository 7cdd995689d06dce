/// Stage 1 of the planner: when and where each sitting takes place, organised in panels.
///
/// A greedy that places the candidates one at a time (most constrained first), each request at
/// the cheapest feasible place by the objective of SPEC §1.3: joining a panel that has room costs
/// nothing, opening a panel costs a room half-day and the member-days it adds, a new day for a
/// candidate costs a candidate-day, a day the candidate did not prefer costs a preference.
/// Member-days are estimated by pairing: a jury that sits in the morning can sit again in the
/// afternoon at the same site, so a panel opened opposite an unpaired one adds no member-day.
/// Every candidate rule (R2, R9, R11, R12, R13, R15, R17) and room rule (R4, R9, R11) is checked
/// with exact times as the sitting is placed; the jury rules are left to stage 2.
struct SittingLayout {
    let problem: PlanningProblem
    /// Panels of at most this many sittings let one jury sit a morning and an afternoon panel
    /// within `max_sittings_per_day`; a request that finds no place so may lengthen a panel up to
    /// `max_sittings_per_day` (the planner then splits it between two juries).
    let panelCapacity: Int
    var capacity: Int
    var panels: [Panel] = []
    /// Members who could staff each panel: the intersection over its candidates.
    var panelMembers: [MemberSet] = []
    /// Seats of each half-day's panels matched to members.
    var matchings: [PeriodMatching]
    var panelsAt: [[Int]]
    /// Panels by period and room: a room may hold several panels in a half-day, one after
    /// another (R4: one jury at a time), in the tight variant.
    var roomPanels: [[Int: [Int]]]
    var placements: [[Placement]]
    /// Seats by [dayIndex][site][half][role] of the panels opened, for the pairing estimate.
    var seats: [Int: [String: [Int]]] = [:]
    /// Seats by role of the panels opened in each period, against `problem.staff`.
    var seatsInPeriod: [Int: [Role: Int]] = [:]
    var specialInPeriod: [Int: SpecialSeats] = [:]
    var unplaced: [(request: Int, reason: String)] = []
    /// Share of each day's staff capacity (member-sittings by role) the layout may use; the
    /// planner lowers it for a day whose juries could not be formed, and lays out again.
    var dayShare: [[SeatKind: Double]]
    /// Candidates who found no place in an earlier layout go first ("squeaky wheel").
    var priority: [Int: Int] = [:]
    /// How often a request's sitting could not be staffed in a half-day (period index) in
    /// earlier layouts: a cost that steers it elsewhere without forbidding it outright.
    var unstaffedBefore: [Int: [Int: Int]] = [:]
    var dayDemand: [DayDemand]
    var placedRequests = Set<Int>()
    /// Changes since the start, to undo a candidate's placements.
    var journal: [Change] = []
    /// Sum of the costs of the options taken (compares whole-candidate strategies).
    var spent = 0.0
    /// Days a request may use while a strategy is tried (nil: every day).
    var allowedDays: ClosedRange<Int>?
    var variant = Variant()

    /// How a layout differs from the first one tried (`LayoutSearch` keeps the best of several).
    struct Variant: Hashable, Sendable {
        /// Written sittings after a candidate's orals instead of before them.
        var writtenLast = false
        /// Nonzero: a deterministic jitter of the candidate order, seeded by this value.
        var orderNoise: UInt64 = 0
        /// For tight sessions, tried when the base layout leaves sittings unplaced: a request may
        /// join a panel of another exam with the same jury (`mayShare`), and may open a panel in
        /// a room already holding one in that half-day when nothing else fits. Measured: mixing
        /// exams everywhere made 100-candidate CSEC plans 1-5 % worse, but plans such sessions.
        var tight = false
        /// Small tight sessions only: a panel's sittings go back to back, each with a jury of
        /// its own, so that two juries can alternate in one room (a room needs no buffer; a
        /// member does, and stage 2 keeps it exactly).
        var packed = false
        /// Small tight sessions only: requests placed round by round (`placeExamMajor`).
        var examMajor = false
    }

    /// Start times weighed (`startInPanel`) so far, in a box shared by copies of this layout.
    final class Work { var starts = 0 }
    let work = Work()
    /// The layout stops placing (the rest stays unplaced) after this many starts weighed:
    /// about four times what generated sessions need (0.22–0.26 × sittings²), while one whose
    /// members are available only in exact time ranges weighed 13 × sittings² (51 s at 100
    /// CSEC candidates) to leave two thirds unplaced. A count, not seconds: the same on any machine.
    var workLimit: Int
    var outOfWork: Bool { work.starts >= workLimit || stop() }
    /// The time limit's safety net: a layout that reaches it places nothing more (only a run
    /// that is stopped this way depends on the machine's speed).
    var stop: @Sendable () -> Bool = { false }

    init(_ problem: PlanningProblem, panelCapacity: Int) {
        self.problem = problem
        workLimit = max(200_000, problem.requests.count * problem.requests.count)
        self.panelCapacity = max(1, panelCapacity)
        capacity = self.panelCapacity
        panelsAt = Array(repeating: [], count: problem.periods.count)
        matchings = Array(repeating: PeriodMatching(), count: problem.periods.count)
        roomPanels = Array(repeating: [:], count: problem.periods.count)
        placements = Array(repeating: [], count: problem.campaign.candidates.count)
        dayShare = Array(repeating: [:], count: problem.campaign.days.count)
        dayDemand = Array(repeating: DayDemand(), count: problem.campaign.days.count)
    }

    var campaign: Campaign { problem.campaign }
    var weights: Weights { campaign.weights }

    // MARK: Driving

    /// Places every request: group sittings first (they bind several candidates), then each
    /// candidate's own requests in prerequisite order.
    mutating func run() {
        let groupRequests = problem.requests.filter { $0.candidates.count > 1 || $0.exam.mode == .group }
        func boost(_ r: SittingRequest) -> Int { r.candidates.map { priority[$0] ?? 0 }.max() ?? 0 }
        for r in groupRequests.sorted(by: { (boost($0), $0.candidates.count, -$0.id) > (boost($1), $1.candidates.count, -$1.id) }) {
            if !place(r.id, deadline: nil) { unplaced.append((r.id, reason(for: r.id))) }
        }
        let attempted = Set(groupRequests.map(\.id))
        if variant.examMajor {
            placeExamMajor(skipping: attempted)
            return
        }
        for c in candidateOrder() {
            let own = problem.requestsOfCandidate[c].filter { !placedRequests.contains($0) && !attempted.contains($0) }
                .sorted { order(problem.requests[$0]) < order(problem.requests[$1]) }
            guard !own.isEmpty else { continue }
            if placeCompactly(c, own) { continue }
            // Retry with prerequisites kept off the last half-days when a successor found no place.
            var done = false
            for slack in [0, 1, 2, 4] where !done {
                let mark = journal.count
                done = own.allSatisfy { place($0, deadline: hasSuccessor(problem.requests[$0], of: c) ? problem.periods.count - 1 - slack : nil) }
                if !done { undo(to: mark) }
            }
            // Then successors first, pinned to each half-day from the last one back, with their
            // prerequisites fitted before them.
            if !done {
                let successors = own.filter { hasPredecessor(problem.requests[$0], of: c) }
                let others = own.filter { !successors.contains($0) }
                for period in problem.periods.reversed() where !done && !successors.isEmpty {
                    let mark = journal.count
                    done = successors.allSatisfy { place($0, deadline: nil, only: period) } && others.allSatisfy { place($0, deadline: nil) }
                    if !done { undo(to: mark) }
                }
            }
            if !done {
                for r in own where !placedRequests.contains(r) {
                    if !place(r, deadline: nil) { unplaced.append((r, reason(for: r))) }
                }
            }
        }
    }

    /// Places everyone's first request, then everyone's second, and so on (candidates in the
    /// usual order): how a small session often runs (every candidate sits BC1, then BC4), and
    /// what packs a single room when a candidate-by-candidate greedy leaves gaps.
    mutating func placeExamMajor(skipping attempted: Set<Int>) {
        let order = candidateOrder()
        let own = order.map { c in
            problem.requestsOfCandidate[c].filter { !placedRequests.contains($0) && !attempted.contains($0) }
                .sorted { self.order(problem.requests[$0]) < self.order(problem.requests[$1]) }
        }
        for round in 0..<(own.map(\.count).max() ?? 0) {
            for (k, c) in order.enumerated() where round < own[k].count {
                let r = own[k][round]
                let deadline = hasSuccessor(problem.requests[r], of: c) ? problem.periods.count - 1 : nil
                if !place(r, deadline: deadline) { unplaced.append((r, reason(for: r))) }
            }
        }
    }

    /// Places a candidate's requests by the cheapest of a few whole-candidate strategies: each
    /// request at its own cheapest place, or all of them inside a window of consecutive days as
    /// short as `max_exams_per_day` allows. Placing request by request is myopic: a first exam
    /// joining a cheap panel on one day can push the others (and a FINAL that must come last)
    /// onto two more days; comparing whole placements catches that. False (nothing placed) when
    /// no strategy places every request.
    mutating func placeCompactly(_ c: Int, _ own: [Int]) -> Bool {
        let last = problem.periods.count - 1
        let deadlines = own.map { hasSuccessor(problem.requests[$0], of: c) ? last : nil }
        let mark = journal.count, before = spent
        func rewind() {
            undo(to: mark)
            spent = before
        }
        func attempt(_ days: ClosedRange<Int>?) -> Double? {
            allowedDays = days
            defer { allowedDays = nil }
            for (r, deadline) in zip(own, deadlines) where !place(r, deadline: deadline) {
                rewind()
                return nil
            }
            return spent - before
        }
        let free = attempt(nil)
        let used = placements[c].map(\.dayIndex)
        let dayCount = campaign.days.count
        let span = max(1, (own.count + campaign.maxExamsPerDay - 1) / campaign.maxExamsPerDay)
        guard let first = used.min(), let final = used.max(), final - first + 1 > span, span < dayCount else { return free != nil }
        rewind()
        // Windows near the days the free placement chose, at most `compactWindows` of them.
        let (low, high) = (max(0, first - 1), min(dayCount - span, final))
        let starts = low <= high ? Array((low...high).prefix(Self.compactWindows)) : []
        var best: (cost: Double, window: ClosedRange<Int>?)? = free.map { ($0, nil) }
        for start in starts {
            let window = start...(start + span - 1)
            guard let cost = attempt(window) else { continue }
            rewind()
            if best == nil || cost < best!.cost { best = (cost, window) }
        }
        guard let best else { return false }
        return attempt(best.window) != nil
    }

    static let compactWindows = 4

    /// Most constrained candidates first: fewer free half-days, step-free access, extra time,
    /// imposed members, more exams; then file order.
    func candidateOrder() -> [Int] {
        func score(_ c: Int) -> Int {
            let cand = problem.candidate(c)
            return cand.unavailable.count * 4 + (cand.accessible ? 3 : 0) + (cand.extraTime ? 2 : 0)
                + (cand.imposedJury.isEmpty ? 0 : 3) + problem.requestsOfCandidate[c].count
        }
        // The jitter (0–3) only reorders candidates of nearly equal constraint; in the tight
        // variant it shuffles them.
        let spread: UInt64 = variant.tight ? 1 << 20 : 4
        let jitter = campaign.candidates.indices.map { variant.orderNoise == 0 ? 0 : Int(Self.mix(variant.orderNoise, UInt64($0)) % spread) }
        let keys = campaign.candidates.indices.map { (priority[$0] ?? 0, score($0) + jitter[$0], -$0) }
        return campaign.candidates.indices.sorted { keys[$0] > keys[$1] }
    }

    /// Prerequisites before their successors; written sittings (which anchor a half-day) first, or
    /// last in the `writtenLast` variant.
    func order(_ r: SittingRequest) -> (Int, Int, Int, Int) {
        (depth(r.exam.id), (r.exam.mode == .written) == variant.writtenLast ? 1 : 0, -r.minutes, r.id)
    }

    /// SplitMix64's finaliser of (seed, value): a stable hash for the order jitter.
    static func mix(_ seed: UInt64, _ value: UInt64) -> UInt64 {
        var z = seed &* 0x9E37_79B9_7F4A_7C15 &+ value &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    func depth(_ examID: String, _ seen: Set<String> = []) -> Int {
        guard let exam = campaign.exam(examID), !seen.contains(examID) else { return 0 }
        return exam.after.map { depth(campaign.canonicalExamID($0), seen.union([examID])) + 1 }.max() ?? 0
    }

    func hasPredecessor(_ r: SittingRequest, of c: Int) -> Bool {
        r.exam.after.contains { before in
            problem.requestsOfCandidate[c].contains { problem.requests[$0].exam.id == campaign.canonicalExamID(before) }
        }
    }

    func hasSuccessor(_ r: SittingRequest, of c: Int) -> Bool {
        problem.requestsOfCandidate[c].contains { other in
            campaign.exam(problem.requests[other].exam, follows: r.exam.id)
        }
    }

    // MARK: Placing one request

    struct Option {
        var cost: Double
        var period: Period
        var start: Int
        var panel: Int?
        var room: Int

        /// Identifies the place (not the time): a panel, or a new panel in a room and period.
        var key: Int { panel.map { $0 + 1 } ?? Self.key(period: period, room: room) }
        static func key(period: Period, room: Int) -> Int { -(period.index * 100_000 + room + 1) }
    }

    /// Places a request at its cheapest feasible option, in a panel of normal length if it can;
    /// false when there is none.
    mutating func place(_ requestID: Int, deadline: Int?, only: Period? = nil) -> Bool {
        guard !outOfWork else { return false }
        if placeWithin(requestID, deadline: deadline, only: only) { return true }
        let longest = max(panelCapacity, campaign.maxSittingsPerDay)
        guard longest > panelCapacity else { return false }
        capacity = longest
        defer { capacity = panelCapacity }
        return placeWithin(requestID, deadline: deadline, only: only)
    }

    mutating func placeWithin(_ requestID: Int, deadline: Int?, only: Period?) -> Bool {
        if placeWithin(requestID, deadline: deadline, only: only, sharingRooms: false) { return true }
        return variant.tight && placeWithin(requestID, deadline: deadline, only: only, sharingRooms: true)
    }

    mutating func placeWithin(_ requestID: Int, deadline: Int?, only: Period?, sharingRooms: Bool) -> Bool {
        var rejected = Set<Int>()
        // The cheapest option whose half-day can still staff every panel (`PeriodMatching`).
        while let option = cheapestOption(requestID, deadline: deadline, only: only, rejected: rejected, sharingRooms: sharingRooms) {
            // Sharing rooms (the tight variant's last resort), a member may sit two panels of a
            // half-day one after the other: the half-day matching, one panel per member, would
            // refuse what stage 2 (exact times, R3) can staff, so it is not consulted.
            if let matching = sharingRooms ? matchings[option.period.index] : matching(after: problem.requests[requestID], option) {
                journal.append(.matched(period: option.period.index, previous: matchings[option.period.index]))
                matchings[option.period.index] = matching
                commit(problem.requests[requestID], option)
                spent += option.cost
                return true
            }
            rejected.insert(option.key)
        }
        return false
    }

    /// The period's matching with the option taken, or nil when its seats cannot all be filled.
    func matching(after r: SittingRequest, _ o: Option) -> PeriodMatching? {
        var m = matchings[o.period.index]
        if let p = o.panel {
            guard r.exam.mode.isExamined else { return m }  // joining a written sitting adds no seat
            return m.narrow(panel: p, to: staffPool(panels[p], r, start: o.start)) ? m : nil
        }
        let empty = Panel(id: -1, exam: r.exam, period: o.period, room: o.room, key: r.panelKey)
        let masks = problem.seatMasks(r, within: staffPool(empty, r, start: o.start))
        return m.addSeats(masks, panel: panels.count) ? m : nil
    }

    func cheapestOption(_ requestID: Int, deadline: Int?, only: Period?, rejected: Set<Int>, sharingRooms: Bool) -> Option? {
        let request = problem.requests[requestID]
        var best: Option?
        func consider(_ o: Option) {
            if rejected.contains(o.key) { return }
            if let b = best, (b.cost, b.period.index, b.start, b.panel ?? Int.max, b.room) <= (o.cost, o.period.index, o.start, o.panel ?? Int.max, o.room) { return }
            best = o
        }
        for period in only.map({ [$0] }) ?? problem.periods {
            if let deadline, period.index > deadline { break }
            if let allowedDays, !allowedDays.contains(period.dayIndex) { continue }
            guard dayFits(request, period.dayIndex) else { continue }
            let personal = candidateCost(request, period)
                + 500 * Double(unstaffedBefore[requestID]?[period.index] ?? 0)
            // `best` comes from an earlier half-day here, and ties go to the earlier one: a
            // half-day whose personal cost alone reaches it cannot win.
            if let b = best, personal >= b.cost { continue }
            for p in panelsAt[period.index] {
                let panel = panels[p]
                guard panel.exam.id == request.exam.id || (variant.tight && Self.mayShare(panel.exam, request.exam)), panel.key == request.panelKey, roomFits(panel.room, request) else { continue }
                if let start = startInPanel(panel, request) {
                    // Another exam in the panel: allowed, but a jury hearing one exam is the norm.
                    let mixing = panel.exam.id == request.exam.id ? 0 : Self.mixingCost
                    consider(Option(cost: personal + mixing, period: period, start: start, panel: p, room: panel.room))
                }
            }
            // A new panel costs a room half-day unless its room already holds a panel then
            // (`sharingRooms`, a last resort: each panel takes members of its own in stage 1).
            let freeRoomsWorthIt = best.map { personal + weights.roomHalfDays <= $0.cost } ?? true
            guard freeRoomsWorthIt || sharingRooms else { continue }
            guard sharingRooms || staffFits(request, period), problem.canStaff(request, from: problem.mayExamine(request, in: period)) else { continue }
            // Per site, the least wasted free room that fits (and, when sharing, the least wasted
            // room in use that has time left): the others would only cost more.
            var sitesDone = Set<String>(), sharedSitesDone = Set<String>()
            for room in problem.roomsByWaste(request) {
                let shared = !(roomPanels[period.index][room]?.isEmpty ?? true)
                if shared ? !sharingRooms : !freeRoomsWorthIt { continue }
                let site = campaign.rooms[room].site
                guard !(shared ? sharedSitesDone : sitesDone).contains(site), !rejected.contains(Option.key(period: period, room: room)) else { continue }
                let empty = Panel(id: -1, exam: request.exam, period: period, room: room, key: request.panelKey)
                guard let start = startInPanel(empty, request) else { continue }
                if shared { sharedSitesDone.insert(site) } else { sitesDone.insert(site) }
                let cost = personal + openingCost(request, period, room) - (shared ? weights.roomHalfDays : 0)
                consider(Option(cost: cost, period: period, start: start, panel: nil, room: room))
            }
        }
        return best
    }

    /// Sittings of two exams may share a panel (one jury, one room, one half-day) when the jury
    /// they need is the same (size, roles, external share, president, imposed) and both are
    /// heard one candidate or group at a time: e.g. CSEC's BC1, BC2, BC4 and BC5 (two
    /// professionals). R16 (a member's exams) is kept by the panel's member pool.
    static func mayShare(_ a: Exam, _ b: Exam) -> Bool {
        a.id == b.id || (a.jury == b.jury && a.mode == b.mode && a.mode != .written)
    }

    static let mixingCost = 0.5

    /// Candidate-days and preferences the option costs.
    func candidateCost(_ r: SittingRequest, _ period: Period) -> Double {
        var cost = 0.0
        let day = problem.day(period)
        for c in r.candidates {
            if !placements[c].contains(where: { $0.dayIndex == period.dayIndex }) { cost += weights.candidateDays }
            if !problem.candidate(c).isPreferred(day, problem.hours(period), hours: campaign.hours) { cost += weights.preference }
        }
        return cost
    }

    /// A room half-day, and the member-days the panel adds by the pairing estimate.
    func openingCost(_ r: SittingRequest, _ period: Period, _ room: Int) -> Double {
        let site = campaign.rooms[room].site
        let byHalf = seats[period.dayIndex]?[site] ?? Array(repeating: 0, count: 4)
        // A tie-breaker keeps rooms with equipment, step-free access or seats the request does
        // not need for the requests that do.
        let waste = problem.roomWaste(r)[room]
        var cost = weights.roomHalfDays + 0.01 * Double(waste.equipment) + (waste.stepFree ? 0.01 : 0) + 0.0001 * Double(waste.seats)
        for (role, n) in seatsByRole(r) {
            let here = byHalf[slotIndex(period.half, role)], there = byHalf[slotIndex(period.other.half, role)]
            cost += weights.memberDays * Double(max(here + n, there) - max(here, there))
        }
        return cost
    }

}
