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
    private var capacity: Int
    private(set) var panels: [Panel] = []
    /// Members who could staff each panel: the intersection over its candidates.
    private var panelMembers: [MemberSet] = []
    /// Seats of each half-day's panels matched to members.
    private var matchings: [PeriodMatching]
    private var panelsAt: [[Int]]
    private var roomBusy: [Set<Int>]
    private(set) var placements: [[Placement]]
    /// Seats by [dayIndex][site][half][role] of the panels opened, for the pairing estimate.
    private var seats: [Int: [String: [Int]]] = [:]
    /// Seats by role of the panels opened in each period, against `problem.staff`.
    private var seatsInPeriod: [Int: [Role: Int]] = [:]
    private var specialInPeriod: [Int: SpecialSeats] = [:]
    private(set) var unplaced: [(request: Int, reason: String)] = []
    /// Share of each day's staff capacity (member-sittings by role) the layout may use; the
    /// planner lowers it for a day whose juries could not be formed, and lays out again.
    var dayShare: [[SeatKind: Double]]
    /// Candidates who found no place in an earlier layout go first ("squeaky wheel").
    var priority: [Int: Int] = [:]
    /// How often a request's sitting could not be staffed in a half-day (period index) in
    /// earlier layouts: a cost that steers it elsewhere without forbidding it outright.
    var unstaffedBefore: [Int: [Int: Int]] = [:]
    private var dayDemand: [DayDemand]
    private var placedRequests = Set<Int>()

    init(_ problem: PlanningProblem, panelCapacity: Int) {
        self.problem = problem
        self.panelCapacity = max(1, panelCapacity)
        capacity = self.panelCapacity
        panelsAt = Array(repeating: [], count: problem.periods.count)
        matchings = Array(repeating: PeriodMatching(), count: problem.periods.count)
        roomBusy = Array(repeating: [], count: problem.periods.count)
        placements = Array(repeating: [], count: problem.campaign.candidates.count)
        dayShare = Array(repeating: [:], count: problem.campaign.days.count)
        dayDemand = Array(repeating: DayDemand(), count: problem.campaign.days.count)
    }

    private var campaign: Campaign { problem.campaign }
    private var weights: Weights { campaign.weights }

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
        for c in candidateOrder() {
            let own = problem.requestsOfCandidate[c].filter { !placedRequests.contains($0) && !attempted.contains($0) }
                .sorted { order(problem.requests[$0]) < order(problem.requests[$1]) }
            guard !own.isEmpty else { continue }
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

    /// Most constrained candidates first: fewer free half-days, step-free access, extra time,
    /// imposed members, more exams; then file order.
    private func candidateOrder() -> [Int] {
        func score(_ c: Int) -> Int {
            let cand = problem.candidate(c)
            return cand.unavailable.count * 4 + (cand.accessible ? 3 : 0) + (cand.extraTime ? 2 : 0)
                + (cand.imposedJury.isEmpty ? 0 : 3) + problem.requestsOfCandidate[c].count
        }
        return campaign.candidates.indices.sorted { (priority[$0] ?? 0, score($0), -$0) > (priority[$1] ?? 0, score($1), -$1) }
    }

    /// Prerequisites before their successors; written sittings (which anchor a half-day) first.
    private func order(_ r: SittingRequest) -> (Int, Int, Int, Int) {
        (depth(r.exam.id), r.exam.mode == .written ? 0 : 1, -r.minutes, r.id)
    }

    private func depth(_ examID: String, _ seen: Set<String> = []) -> Int {
        guard let exam = campaign.exam(examID), !seen.contains(examID) else { return 0 }
        return exam.after.map { depth(campaign.canonicalExamID($0), seen.union([examID])) + 1 }.max() ?? 0
    }

    private func hasPredecessor(_ r: SittingRequest, of c: Int) -> Bool {
        r.exam.after.contains { before in
            problem.requestsOfCandidate[c].contains { problem.requests[$0].exam.id == campaign.canonicalExamID(before) }
        }
    }

    private func hasSuccessor(_ r: SittingRequest, of c: Int) -> Bool {
        problem.requestsOfCandidate[c].contains { other in
            problem.requests[other].exam.after.contains { campaign.canonicalExamID($0) == r.exam.id }
        }
    }

    // MARK: Placing one request

    private struct Option {
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
    private mutating func place(_ requestID: Int, deadline: Int?, only: Period? = nil) -> Bool {
        if placeWithin(requestID, deadline: deadline, only: only) { return true }
        let longest = max(panelCapacity, campaign.maxSittingsPerDay)
        guard longest > panelCapacity else { return false }
        capacity = longest
        defer { capacity = panelCapacity }
        return placeWithin(requestID, deadline: deadline, only: only)
    }

    private mutating func placeWithin(_ requestID: Int, deadline: Int?, only: Period?) -> Bool {
        var rejected = Set<Int>()
        // The cheapest option whose half-day can still staff every panel (`PeriodMatching`).
        while let option = cheapestOption(requestID, deadline: deadline, only: only, rejected: rejected) {
            if let matching = matching(after: problem.requests[requestID], option) {
                journal.append(.matched(period: option.period.index, previous: matchings[option.period.index]))
                matchings[option.period.index] = matching
                commit(problem.requests[requestID], option)
                return true
            }
            rejected.insert(option.key)
        }
        return false
    }

    /// The period's matching with the option taken, or nil when its seats cannot all be filled.
    private func matching(after r: SittingRequest, _ o: Option) -> PeriodMatching? {
        var m = matchings[o.period.index]
        if let p = o.panel {
            guard r.exam.mode.isExamined else { return m }  // joining a written sitting adds no seat
            return m.narrow(panel: p, to: staffPool(panels[p], r, start: o.start)) ? m : nil
        }
        let empty = Panel(id: -1, exam: r.exam, period: o.period, room: o.room, key: r.panelKey)
        let masks = problem.seatMasks(r, within: staffPool(empty, r, start: o.start))
        return m.addSeats(masks, panel: panels.count) ? m : nil
    }

    private func cheapestOption(_ requestID: Int, deadline: Int?, only: Period?, rejected: Set<Int>) -> Option? {
        let request = problem.requests[requestID]
        var best: Option?
        func consider(_ o: Option) {
            if rejected.contains(o.key) { return }
            if let b = best, (b.cost, b.period.index, b.start, b.panel ?? Int.max, b.room) <= (o.cost, o.period.index, o.start, o.panel ?? Int.max, o.room) { return }
            best = o
        }
        for period in only.map({ [$0] }) ?? problem.periods {
            if let deadline, period.index > deadline { break }
            guard dayFits(request, period.dayIndex) else { continue }
            let personal = candidateCost(request, period)
                + 500 * Double(unstaffedBefore[requestID]?[period.index] ?? 0)
            if let b = best, personal > b.cost { continue }
            for p in panelsAt[period.index] {
                let panel = panels[p]
                guard panel.exam.id == request.exam.id, panel.key == request.panelKey, roomFits(panel.room, request) else { continue }
                if let start = startInPanel(panel, request) {
                    consider(Option(cost: personal, period: period, start: start, panel: p, room: panel.room))
                }
            }
            if let b = best, personal + weights.roomHalfDays > b.cost { continue }
            guard staffFits(request, period), problem.canStaff(request, from: problem.mayExamine(request, in: period)) else { continue }
            // Per site, the least wasted free room that fits: the others would only cost more.
            var sitesDone = Set<String>()
            for room in problem.roomsByWaste(request) where !roomBusy[period.index].contains(room) {
                let site = campaign.rooms[room].site
                guard !sitesDone.contains(site), !rejected.contains(Option.key(period: period, room: room)) else { continue }
                let empty = Panel(id: -1, exam: request.exam, period: period, room: room, key: request.panelKey)
                guard let start = startInPanel(empty, request) else { continue }
                sitesDone.insert(site)
                consider(Option(cost: personal + openingCost(request, period, room), period: period, start: start, panel: nil, room: room))
            }
        }
        return best
    }

    /// Candidate-days and preferences the option costs.
    private func candidateCost(_ r: SittingRequest, _ period: Period) -> Double {
        var cost = 0.0
        let day = problem.day(period)
        for c in r.candidates {
            if !placements[c].contains(where: { $0.dayIndex == period.dayIndex }) { cost += weights.candidateDays }
            let preferred = problem.candidate(c).preferred
            if !preferred.isEmpty {
                let hours = problem.hours(period)
                if !preferred.contains(where: { $0.day == day && $0.interval(hours: campaign.hours).overlaps(hours) }) { cost += weights.preference }
            }
        }
        return cost
    }

    /// A room half-day, and the member-days the panel adds by the pairing estimate.
    private func openingCost(_ r: SittingRequest, _ period: Period, _ room: Int) -> Double {
        let site = campaign.rooms[room].site
        let byHalf = seats[period.dayIndex]?[site] ?? Array(repeating: 0, count: 4)
        // A tie-breaker keeps rooms with equipment, step-free access or seats the request does
        // not need for the requests that do.
        let rm = campaign.rooms[room]
        let unneeded = rm.equipment.filter { e in !r.exam.needs.contains { NameKey.same($0, e) } }.count
        var cost = weights.roomHalfDays + 0.01 * Double(unneeded) + (rm.accessible && !r.needsAccessible ? 0.01 : 0)
            + 0.0001 * Double(max(0, rm.capacity - max(r.candidates.count, 1)))
        for (role, n) in seatsByRole(r) {
            let here = byHalf[slotIndex(period.half, role)], there = byHalf[slotIndex(period.other.half, role)]
            cost += weights.memberDays * Double(max(here + n, there) - max(here, there))
        }
        return cost
    }

    /// Enough members of each role are free in the half-day to seat one more panel (R5, R6, R9):
    /// an optimistic count that keeps stage 2 from meeting more panels than people.
    private func staffFits(_ r: SittingRequest, _ period: Period) -> Bool {
        let used = seatsInPeriod[period.index] ?? [:]
        let free = problem.staff(period)
        var total = 0
        for (role, n) in seatsByRole(r) {
            total += n
            if r.exam.jury.roles.isEmpty { continue }
            if (used[role] ?? 0) + n > (free[role] ?? 0) { return false }
        }
        let usedTotal = used.values.reduce(0, +), freeTotal = free.values.reduce(0, +)
        guard usedTotal + total <= freeTotal else { return false }
        // Externals (R7) and presidents (R8) of panels held at once come from fewer people.
        let special = specialSeats(r), usedSpecial = specialInPeriod[period.index] ?? SpecialSeats()
        let pool = problem.freeInPeriod[period.index]
        return usedSpecial.fits(special, within: SpecialSeats(
            externals: pool.countCommon(problem.externalMembers), presidents: pool.countCommon(problem.presidingMembers),
            presidingExternals: pool.countCommon(problem.presidingExternalMembers)))
    }

    /// Seats only some members can fill: externals (R7), presidents (R8), and presidents who must
    /// also be external (when every professional seat must be external, as for CSEC FINAL).
    struct SpecialSeats {
        var externals = 0
        var presidents = 0
        var presidingExternals = 0

        func fits(_ more: SpecialSeats, within limit: SpecialSeats, share: Double = 1) -> Bool {
            (more.externals == 0 || Double(externals + more.externals) <= share * Double(limit.externals))
                && (more.presidents == 0 || Double(presidents + more.presidents) <= share * Double(limit.presidents))
                && (more.presidingExternals == 0 || Double(presidingExternals + more.presidingExternals) <= share * Double(limit.presidingExternals))
        }

        mutating func add(_ other: SpecialSeats, times k: Int) {
            externals += k * other.externals
            presidents += k * other.presidents
            presidingExternals += k * other.presidingExternals
        }
    }

    private func specialSeats(_ r: SittingRequest) -> SpecialSeats {
        guard r.exam.mode.isExamined, r.jurySize == r.exam.jury.size else { return SpecialSeats() }
        let externals = r.exam.jury.external.map { Int(($0 * Double(r.jurySize) + 1e-9).rounded(.down)) + 1 } ?? 0
        let professionals = r.exam.jury.roles.isEmpty ? r.jurySize : (r.exam.jury.roles[.professional] ?? 0)
        let president = r.exam.jury.president ? 1 : 0
        return SpecialSeats(externals: externals, presidents: president,
                            presidingExternals: externals >= professionals && externals > 0 ? president : 0)
    }

    /// One more sitting keeps every seat kind of the day within `dayShare` of what the day's
    /// members can give (`CapacityCurve`: R14 daily limits, R9 availability).
    private func dayFits(_ r: SittingRequest, _ day: Int) -> Bool {
        let needs = problem.seatNeeds(r)
        let demand = dayDemand[day]
        for kind in SeatKind.allCases where needs[kind.rawValue] > 0 {
            let k = kind.rawValue
            // The share keeps whole seats in reserve: none while the supply is small.
            let supply = Double(problem.dayCurves[day][k].supply(demand.sittings[k] + 1))
            let reserve = ((1 - (dayShare[day][kind] ?? 1)) * supply).rounded(.down)
            if Double(demand.seats[k] + needs[k]) > supply - reserve { return false }
        }
        return true
    }

    /// Seats, sittings and supply of each kind on a day (for progress reports).
    func dayReport(_ day: Int) -> String {
        SeatKind.allCases.map { k in
            let d = dayDemand[day]
            return "\(k): \(d.seats[k.rawValue])/\(problem.dayCurves[day][k.rawValue].supply(d.sittings[k.rawValue]))"
        }.joined(separator: ", ")
    }

    private mutating func adjustDayLoad(_ r: SittingRequest, _ day: Int, by sign: Int) {
        let needs = problem.seatNeeds(r)
        for k in needs.indices where needs[k] > 0 {
            dayDemand[day].sittings[k] += sign
            dayDemand[day].seats[k] += sign * needs[k]
        }
    }

    private func seatsByRole(_ r: SittingRequest) -> [(Role, Int)] {
        if r.exam.jury.roles.isEmpty || r.jurySize != r.exam.jury.size { return [(.professional, r.jurySize)] }
        return Role.allCases.compactMap { role in r.exam.jury.roles[role].map { (role, $0) } }
    }

    private func slotIndex(_ half: HalfDay, _ role: Role) -> Int { (half == .morning ? 0 : 2) + (role == .professional ? 0 : 1) }

    /// R11 and R15 for a room: equipment, step-free access, seats for a group, the region
    /// (computed once per request: name comparisons fold accents and are not cheap).
    private func roomFits(_ room: Int, _ r: SittingRequest) -> Bool { problem.suitableRooms(r)[room] }

    // MARK: Exact times

    /// The earliest start at which the request fits in the panel (buffer between the jury's
    /// sittings, inside the half-day, room available) and suits its candidates; nil if none.
    /// Members who could staff the panel if the request joined it at `start` (the panel's
    /// window grows to cover the new sitting: R9 over the whole window).
    private func staffPool(_ panel: Panel, _ r: SittingRequest, start: Int) -> MemberSet {
        let window = TimeRange(start: min(panel.slots.isEmpty ? start : panel.start, start), end: max(panel.end, start + r.minutes))
        let base = panel.id >= 0 ? panelMembers[panel.id] : problem.freeInPeriod[panel.period.index]
        return base & problem.mayExamine(r) & problem.availableDuring(panel.period.dayIndex, window)
    }

    private func startInPanel(_ panel: Panel, _ r: SittingRequest) -> Int? {
        let hours = problem.hours(panel.period)
        let day = problem.day(panel.period)
        let buffer = campaign.bufferMinutes
        func staffed(_ t: Int) -> Bool {
            !r.exam.mode.isExamined && !panel.slots.isEmpty ? true : problem.canStaff(r, from: staffPool(panel, r, start: t))
        }
        if r.exam.mode == .written, let slot = panel.slots.first {
            // Join the written sitting: everyone starts together; the room must seat one more.
            let seated = slot.candidates.count + r.candidates.count
            let end = max(slot.end, slot.start + r.minutes)
            guard seated <= campaign.rooms[panel.room].capacity, end <= hours.end,
                  problem.availability.room(campaign.rooms[panel.room].id, isFreeOn: day, TimeRange(start: slot.start, end: end)),
                  candidatesFit(r, panel.period, slot.start), staffed(slot.start) else { return nil }
            return slot.start
        }
        guard panel.slots.count < (r.exam.mode == .written ? 1 : capacity) else { return nil }
        var starts: Set<Int> = [hours.start]
        for t in problem.windowStarts[panel.period.dayIndex] where hours.start < t && t < hours.end { starts.insert(t) }
        for s in panel.slots { starts.insert(s.end + buffer) }
        for c in r.candidates {
            for p in placements[c] where p.dayIndex == panel.period.dayIndex { starts.insert(p.end + campaign.minBreakMinutes) }
        }
        for t in starts.sorted() where t >= hours.start {
            let end = t + r.minutes
            if end > hours.end { break }
            let clear = panel.slots.allSatisfy { end + buffer <= $0.start || $0.end + buffer <= t }
            guard clear, problem.availability.room(campaign.rooms[panel.room].id, isFreeOn: day, TimeRange(start: t, end: end)),
                  candidatesFit(r, panel.period, t), staffed(t) else { continue }
            return t
        }
        return nil
    }

    /// R2, R9, R12 and R13 for every candidate of the request, starting at `start`.
    private func candidatesFit(_ r: SittingRequest, _ period: Period, _ start: Int) -> Bool {
        let day = problem.day(period)
        for c in r.candidates {
            let candidate = problem.candidate(c)
            let end = start + r.minutes(of: candidate)
            guard problem.availability.candidate(candidate.id, isFreeOn: day, TimeRange(start: start, end: end)) else { return false }
            var sameDay = 0
            for p in placements[c] {
                if p.dayIndex == period.dayIndex {
                    sameDay += 1
                    guard p.end + campaign.minBreakMinutes <= start || end + campaign.minBreakMinutes <= p.start else { return false }
                }
                // R13 in both directions: prerequisites end before, successors start after.
                if r.exam.after.contains(where: { campaign.canonicalExamID($0) == p.examID }),
                   (p.dayIndex, p.end) > (period.dayIndex, start) { return false }
                if let other = campaign.exam(p.examID), other.after.contains(where: { campaign.canonicalExamID($0) == r.exam.id }),
                   (period.dayIndex, end) > (p.dayIndex, p.start) { return false }
            }
            if sameDay + 1 > campaign.maxExamsPerDay { return false }
        }
        return true
    }

    // MARK: Committing, with a journal to undo a candidate's placements

    private enum Change {
        case opened(panel: Int)
        case added(panel: Int, request: Int)
        case joined(panel: Int, request: Int, previousEnd: Int)
        case narrowed(panel: Int, previous: MemberSet)
        case matched(period: Int, previous: PeriodMatching)
    }

    private var journal: [Change] = []

    private mutating func commit(_ r: SittingRequest, _ o: Option) {
        let day = o.period.dayIndex
        var panelID: Int
        if let p = o.panel {
            panelID = p
        } else {
            panelID = panels.count
            panels.append(Panel(id: panelID, exam: r.exam, period: o.period, room: o.room, key: r.panelKey))
            panelMembers.append(problem.freeInPeriod[o.period.index])
            panelsAt[o.period.index].append(panelID)
            roomBusy[o.period.index].insert(o.room)
            adjustSeats(r, o.period, o.room, by: 1)
            journal.append(.opened(panel: panelID))
        }
        journal.append(.narrowed(panel: panelID, previous: panelMembers[panelID]))
        panelMembers[panelID] = staffPool(panels[panelID], r, start: o.start)
        if r.exam.mode == .written, let slot = panels[panelID].slots.first {
            journal.append(.joined(panel: panelID, request: r.id, previousEnd: slot.end))
            panels[panelID].slots[0].candidates += r.candidates
            panels[panelID].slots[0].end = max(slot.end, o.start + r.minutes)
        } else {
            journal.append(.added(panel: panelID, request: r.id))
            adjustDayLoad(r, day, by: 1)
            panels[panelID].slots.append(Panel.Slot(request: r.id, start: o.start, end: o.start + r.minutes, candidates: r.candidates))
            panels[panelID].slots.sort { $0.start < $1.start }
        }
        for c in r.candidates {
            let end = o.start + r.minutes(of: problem.candidate(c))
            placements[c].append(Placement(request: r.id, examID: r.exam.id, dayIndex: day, start: o.start, end: end))
        }
        placedRequests.insert(r.id)
    }

    private mutating func adjustSeats(_ r: SittingRequest, _ period: Period, _ room: Int, by sign: Int) {
        let site = campaign.rooms[room].site
        var byHalf = seats[period.dayIndex]?[site] ?? Array(repeating: 0, count: 4)
        for (role, n) in seatsByRole(r) {
            byHalf[slotIndex(period.half, role)] += sign * n
            seatsInPeriod[period.index, default: [:]][role, default: 0] += sign * n
        }
        specialInPeriod[period.index, default: SpecialSeats()].add(specialSeats(r), times: sign)
        seats[period.dayIndex, default: [:]][site] = byHalf
    }

    private mutating func undo(to mark: Int) {
        while journal.count > mark, let change = journal.popLast() {
            switch change {
            case .opened(let p):
                let panel = panels[p]
                panelsAt[panel.period.index].removeAll { $0 == p }
                roomBusy[panel.period.index].remove(panel.room)
                if let r = problem.requests.first(where: { $0.exam.id == panel.exam.id && $0.panelKey == panel.key }) {
                    adjustSeats(r, panel.period, panel.room, by: -1)
                }
                panels.removeLast()
                panelMembers.removeLast()
            case .added(let p, let request):
                panels[p].slots.removeAll { $0.request == request }
                adjustDayLoad(problem.requests[request], panels[p].period.dayIndex, by: -1)
                forget(request)
            case .matched(let period, let previous):
                matchings[period] = previous
            case .narrowed(let p, let previous):
                panelMembers[p] = previous
            case .joined(let p, let request, let previousEnd):
                let people = Set(problem.requests[request].candidates)
                panels[p].slots[0].candidates.removeAll { people.contains($0) }
                panels[p].slots[0].end = previousEnd
                forget(request)
            }
        }
    }

    private mutating func forget(_ request: Int) {
        for c in problem.requests[request].candidates { placements[c].removeAll { $0.request == request } }
        placedRequests.remove(request)
    }

    /// Why a request found no place, in the users' terms: what blocked it in each half-day.
    private func reason(for requestID: Int) -> String {
        let r = problem.requests[requestID]
        let who = r.candidates.map { problem.candidate($0).displayName }.joined(separator: ", ")
        let rooms = campaign.rooms.indices.filter { roomFits($0, r) }
        if rooms.isEmpty {
            var needs = r.exam.needs
            if r.needsAccessible { needs.append("step-free access") }
            if r.exam.regional { needs.append("region \(problem.candidate(r.candidates[0]).region)") }
            if r.exam.mode == .group { needs.append("\(r.candidates.count) seats") }
            return "\(r.exam.id) of \(who): no room has \(needs.isEmpty ? "what the exam needs" : needs.joined(separator: ", "))"
        }
        var blocked: [String: Int] = [:]
        for period in problem.periods {
            let day = problem.day(period)
            let window = problem.hours(period)
            if r.candidates.contains(where: { !problem.availability.candidate(problem.candidate($0).id, isFreeOn: day, window) }) {
                blocked["the candidate is unavailable", default: 0] += 1
            } else if !dayFits(r, period.dayIndex) {
                blocked["the day's members are fully booked (daily limits)", default: 0] += 1
            } else if !staffFits(r, period) {
                blocked["too few members free at once", default: 0] += 1
            } else if rooms.allSatisfy({ roomBusy[period.index].contains($0) }) {
                blocked["every suitable room is taken", default: 0] += 1
            } else {
                blocked["the candidate's other exams, breaks or daily limit leave no time", default: 0] += 1
            }
        }
        let summary = blocked.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) (\($0.value) half-day\($0.value == 1 ? "" : "s"))" }
        return "\(r.exam.id) of \(who) found no place: \(summary.joined(separator: "; "))"
    }
}
