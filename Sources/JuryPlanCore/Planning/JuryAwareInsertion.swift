/// Places the sittings a layout could not staff, one at a time, choosing the day, the start,
/// the room and the jury together: the construction that knows juries, for what the layout's
/// seat budgets got wrong. Everything already staffed stays where it is; each sitting goes where
/// the jury it can have costs least (members already convened that day, a room already open in
/// that half-day, a day the candidate already comes), or stays out with its reason.
///
/// The checks are the rules' own arithmetic: R3 with the buffer (`Spacing.memberFree`), R14's
/// daily limit and one site a day, R4 for rooms, the candidate's R2/R9/R12/R13 through
/// `PlanningProblem.candidateFits`, and R5–R8, R10, R15, R16, R18 through `PanelStaffing` and
/// `JuryGreedy.pickJury`. The plan is audited again by `RuleCatalogue` before it is returned.
struct JuryAwareInsertion {
    let problem: PlanningProblem
    /// Panels in the plan; nil where one was taken out again.
    private(set) var held: [Panel?] = []
    private(set) var juries: [[Int]] = []
    private(set) var presidents: [Int?] = []
    /// Panels (window, site, panel, sittings) each member sits on each day.
    private(set) var memberDay: [[[(start: Int, end: Int, site: Int, panel: Int, sittings: Int)]]]
    /// Sittings (start, end, panel) held in each room on each day.
    private(set) var roomDay: [[[(start: Int, end: Int, panel: Int)]]]
    /// Where each candidate sits already.
    private(set) var placements: [[Placement]]
    /// The panel that holds each request, by request id.
    private(set) var panelOf: [Int?]
    /// Sittings each member holds in the whole session (the fairness tie-break).
    private var load: [Int]

    var campaign: Campaign { problem.campaign }

    /// How places are chosen and what a ruin round clears. `snug` (the default) fills members'
    /// free stretches best and clears places the sitting could take; `classic` ranks members by
    /// load alone and ruins only around the sitting, on any day. Neither wins everywhere, so a
    /// construction that fails tries the other (`Planner.construct`).
    struct Tuning: Sendable {
        var slackWeight: Double
        var placeRuinChance: Double
        var anyDayChance: Double
        static let snug = Tuning(slackWeight: 0.001, placeRuinChance: 0.5, anyDayChance: 0.2)
        static let classic = Tuning(slackWeight: 0, placeRuinChance: 0, anyDayChance: 1)
    }
    var tuning = Tuning.snug

    /// What does not change while sittings move, computed once and shared by every copy of the
    /// plan (ruin and recreate copies it each round): sites as numbers, rooms' open hours and
    /// each request's eligible members at a time.
    private final class Lookups {
        let siteOfRoom: [Int]
        let sites: Int
        let traits: MemberTraits
        /// R14's daily limit of each member, by number (read for every member at every place weighed).
        let maxSittings: [Int]
        let buffer: Int
        var staffing: [Int: PanelStaffing] = [:]
        var possibleDays: [Int: [Int]] = [:]
        var fixedStarts: [Int: [Int]] = [:]
        /// Each member's availability windows (R9) by number; nil for a member available on
        /// every day.
        let memberWindows: [AvailabilityWindows?]
        /// Each room's open windows (R9) by number and day index; nil for a room open whenever
        /// the session is.
        let roomWindows: [[[TimeRange]]?]
        /// Requests that the same members may examine, numbered: one exam, one set of
        /// examiners, the same imposed members. Their staffings at a time are the same.
        var examinerClass: [Int]
        var classes: [ExaminerClass: Int] = [:]
        init(_ problem: PlanningProblem) {
            let campaign = problem.campaign, availability = problem.availability
            let sites = Array(Set(campaign.rooms.map(\.site))).sorted()
            siteOfRoom = campaign.rooms.map { room in sites.firstIndex(of: room.site) ?? 0 }
            self.sites = max(1, sites.count)
            traits = MemberTraits(campaign)
            maxSittings = campaign.members.map { campaign.maxSittings(of: $0) }
            buffer = campaign.bufferMinutes
            memberWindows = campaign.members.map { availability.windows(ofMember: $0.id) }
            roomWindows = campaign.rooms.map { room in
                availability.windows(ofRoom: room.id).map { windows in campaign.days.map { windows.windows(on: $0) } }
            }
            examinerClass = Array(repeating: -1, count: problem.requests.count)
        }
    }
    private struct ExaminerClass: Hashable {
        let exam: String
        let examiners: MemberSet
        let imposed: [String]
    }
    private let lookups: Lookups

    /// R9 for room k on day d over `window`.
    func roomOpen(_ k: Int, _ d: Int, _ window: TimeRange) -> Bool {
        guard let days = lookups.roomWindows[k] else { return true }
        return days[d].contains { $0.contains(window) }
    }

    private func examinerClass(_ r: SittingRequest) -> Int {
        let known = lookups.examinerClass[r.id]
        if known >= 0 { return known }
        let key = ExaminerClass(exam: r.exam.id, examiners: problem.mayExamine(r), imposed: r.imposed)
        let number = lookups.classes[key] ?? lookups.classes.count
        lookups.classes[key] = number
        lookups.examinerClass[r.id] = number
        return number
    }

    /// Who may sit r on day d over `window` (R9, R10, R15, R16, R18), remembered by r's
    /// examiner class (the staffing's panel is then another request's of that class: only its
    /// exam and window are read); the room plays no part in it.
    func staffing(_ r: SittingRequest, _ panel: Panel) -> PanelStaffing {
        let key = ((examinerClass(r) * campaign.days.count + panel.period.dayIndex) * 1441 + panel.start) * 1441 + panel.end
        if let known = lookups.staffing[key] { return known }
        let found = PanelStaffing(panel, problem: problem)
        // Bounded: at 1,000 candidates over 28 days the full table would take most of a gigabyte.
        if lookups.staffing.count >= Self.rememberedStaffings { lookups.staffing.removeAll(keepingCapacity: true) }
        lookups.staffing[key] = found
        return found
    }

    /// Starts from the panels that have a jury (`juries[p]` non-empty, or a panel needing none).
    init(problem: PlanningProblem, panels staffed: [Panel], juries: [[Int]], presidents: [Int?]) {
        self.problem = problem
        let campaign = problem.campaign
        lookups = Lookups(problem)
        memberDay = Array(repeating: Array(repeating: [], count: campaign.days.count), count: campaign.members.count)
        roomDay = Array(repeating: Array(repeating: [], count: campaign.days.count), count: campaign.rooms.count)
        placements = Array(repeating: [], count: campaign.candidates.count)
        panelOf = Array(repeating: nil, count: problem.requests.count)
        load = Array(repeating: 0, count: campaign.members.count)
        // A written sitting that trades left empty is no sitting (its invigilator is not convened).
        for panel in staffed where panel.slots.contains(where: { !$0.candidates.isEmpty }) {
            let needed = PanelStaffing(panel, problem: problem).size > 0
            guard !juries[panel.id].isEmpty || !needed else { continue }
            add(panel, jury: juries[panel.id], president: presidents[panel.id])
        }
    }

    /// Requests whose candidates all sit in the plan.
    var placedRequests: Set<Int> {
        var out = Set<Int>()
        for c in placements.indices { for p in placements[c] { out.insert(p.request) } }
        return out
    }

    /// The plan's panels, numbered afresh, with their juries and presidents.
    var plan: (panels: [Panel], juries: [[Int]], presidents: [Int?]) {
        var out: ([Panel], [[Int]], [Int?]) = ([], [], [])
        for (p, panel) in held.enumerated() {
            guard let panel else { continue }
            out.0.append(Panel(id: out.0.count, exam: panel.exam, period: panel.period, room: panel.room, key: panel.key, slots: panel.slots))
            out.1.append(juries[p])
            out.2.append(presidents[p])
        }
        return out
    }

    private mutating func add(_ panel: Panel, jury: [Int], president: Int?) {
        let p = held.count
        let d = panel.period.dayIndex
        let site = lookups.siteOfRoom[panel.room]
        // A member is busy for the panel's whole window, as the day model has it (JuryDayModel.addNoOverlap).
        for m in jury {
            memberDay[m][d].append((panel.start, panel.end, site, p, panel.slots.count))
            load[m] += panel.slots.count
        }
        for slot in panel.slots {
            roomDay[panel.room][d].append((slot.start, slot.end, p))
            for c in slot.candidates {
                let candidate = campaign.candidates[c]
                guard let own = ownRequest(c, slot) else { continue }
                placements[c].append(Placement(own, of: candidate, dayIndex: d, start: slot.start))
                panelOf[own.id] = p
            }
        }
        held.append(panel)
        juries.append(jury.sorted())
        presidents.append(president)
    }

    /// Books r on day d at `start` in room k with `jury` (drawn from the place's
    /// `PanelStaffing`) when every rule the insertion checks holds there beside the plan: joins
    /// the written sitting of the same exam, place and invigilator, else opens its own panel.
    mutating func book(_ r: SittingRequest, day d: Int, start: Int, room k: Int, jury: [Int], president: Int?) -> Bool {
        let window = TimeRange(start: start, end: start + r.minutes)
        guard let half = campaign.hours.halfDay(containing: window), roomOpen(k, d, window),
              r.candidates.allSatisfy({ problem.candidateFits($0, r, dayIndex: d, start: start, besides: placements[$0]) }) else { return false }
        if r.exam.mode == .written, r.candidates.count == 1, let p = held.indices.first(where: { p in
            guard let panel = held[p] else { return false }
            return panel.exam.id == r.exam.id && panel.key == r.panelKey && panel.room == k && panel.period.dayIndex == d
                && panel.slots.count == 1 && panel.slots[0].start == start && juries[p] == jury
        }) {
            // The sitting is lengthened as a whole for extra time: a longer row would stretch it.
            let slot = held[p]!.slots[0]
            guard slot.candidates.count < campaign.rooms[k].capacity, window.end <= slot.end else { return false }
            seat(r, in: p)
            return true
        }
        let site = lookups.siteOfRoom[k]
        guard roomDay[k][d].allSatisfy({ $0.end <= window.start || window.end <= $0.start }),
              jury.allSatisfy({ free($0, d, window, site) && memberAvailable($0, d, window) }) else { return false }
        var panel = Panel(id: held.count, exam: r.exam, period: Period(dayIndex: d, half: half), room: k, key: r.panelKey)
        panel.slots = [Panel.Slot(request: r.id, start: start, end: window.end, candidates: r.candidates)]
        add(panel, jury: jury, president: president)
        return true
    }

    /// Candidate c's own request for the exam of `slot` (a panel of the tight layout may mix
    /// exams of one jury, so the slot's request, not the panel, says which exam).
    func ownRequest(_ c: Int, _ slot: Panel.Slot) -> SittingRequest? {
        problem.request(of: c, exam: problem.requests[slot.request].exam.id)
    }

    /// Takes panel p out of the plan; returns the requests it held.
    mutating func remove(_ p: Int) -> [Int] {
        guard let panel = held[p] else { return [] }
        let d = panel.period.dayIndex
        for m in juries[p] {
            memberDay[m][d].removeAll { $0.panel == p }
            load[m] -= panel.slots.count
        }
        roomDay[panel.room][d].removeAll { $0.panel == p }
        var requests: [Int] = []
        for slot in panel.slots {
            for c in slot.candidates {
                guard let own = ownRequest(c, slot) else { continue }
                placements[c].removeAll { $0.request == own.id }
                panelOf[own.id] = nil
                requests.append(own.id)
            }
        }
        held[p] = nil
        return Array(Set(requests)).sorted()
    }

    /// Inserts each request at its cheapest lawful place, prerequisites first (R13) and the
    /// requests with fewest eligible members next. Returns those that found no place, and
    /// those not tried once `stop` (the time limit) says so.
    mutating func insert(_ requests: [Int], first: [Int] = [], stop: () -> Bool = { false }) -> [Int] {
        // Each key computed once (the exam chain and the examiner count are not cheap, and this
        // runs every ruin-and-recreate round).
        let keyed = requests.filter { !first.contains($0) }.map { r in
            (key: (Self.prerequisiteDepth(problem.requests[r].exam, campaign), problem.mayExamine(problem.requests[r]).count, r), request: r)
        }
        let order = first + keyed.sorted { $0.key < $1.key }.map(\.request)
        var left: [Int] = []
        for r in order {
            if stop() {
                left.append(r)
                continue
            }
            let request = problem.requests[r]
            let place = cheapestPlace(request)
            if let join = cheapestJoin(request), join.cost <= place?.cost ?? .infinity {
                seat(request, in: join.panel)
            } else if let best = place {
                add(best.panel, jury: best.jury, president: best.president)
            } else {
                left.append(r)
            }
        }
        return left
    }

    /// How many exams must come before this one (R13), following `after` chains.
    static func prerequisiteDepth(_ exam: Exam, _ campaign: Campaign) -> Int {
        var depth = 0
        var frontier = [exam]
        var seen = Set<String>()
        while !frontier.isEmpty, depth < 10 {
            let next = campaign.exams.filter { e in !seen.contains(e.id) && frontier.contains { campaign.exam($0, follows: e.id) } }
            if next.isEmpty { break }
            for e in next { seen.insert(e.id) }
            frontier = next
            depth += 1
        }
        return depth
    }

    struct Place {
        var panel: Panel
        var jury: [Int]
        var president: Int?
        var cost: Double
    }

    /// The cheapest lawful day, start, room and jury for r, or nil.
    func cheapestPlace(_ r: SittingRequest) -> Place? {
        let campaign = self.campaign
        let weights = campaign.weights
        let rooms = problem.roomsByWaste(r)
        var best: Place?
        // Days the candidates already come first: a cheap place found early prunes the rest.
        let days = campaign.days.indices.sorted { a, b in
            let ka = r.candidates.filter { c in placements[c].contains { $0.dayIndex == a } }.count
            let kb = r.candidates.filter { c in placements[c].contains { $0.dayIndex == b } }.count
            return (-ka, a) < (-kb, b)
        }
        let examiners = problem.mayExamine(r).members
        var roomOfSite = [(room: Int, open: Bool)?](repeating: nil, count: lookups.sites)
        for d in days {
            let newCandidateDays = r.candidates.filter { c in !placements[c].contains { $0.dayIndex == d } }.count
            // What any place on day d costs at least: the candidates' new day, and a new
            // member-day for each seat that no examiner already convened that day can take.
            // A day whose floor the best place found already meets is skipped whole (exact:
            // only strictly cheaper places replace the best).
            let convened = r.jurySize > 0 ? examiners.lazy.filter { !memberDay[$0][d].isEmpty }.prefix(r.jurySize).count : 0
            let dayFloor = weights.memberDays * Double(r.jurySize - convened) + weights.candidateDays * Double(newCandidateDays)
            if let best, best.cost <= dayFloor { continue }
            for start in starts(of: r, on: d) {
                // The rest of the day cannot beat a place that costs the day's floor.
                if let best, best.cost <= dayFloor { break }
                let window = TimeRange(start: start, end: start + r.minutes)
                guard let half = campaign.hours.halfDay(containing: window) else { continue }
                guard r.candidates.allSatisfy({ problem.candidateFits($0, r, dayIndex: d, start: start, besides: placements[$0]) }) else { continue }
                // One room per site: an open one first (no new room half-day), else the least wasteful.
                for site in roomOfSite.indices { roomOfSite[site] = nil }
                for k in rooms {
                    let site = lookups.siteOfRoom[k]
                    if let chosen = roomOfSite[site], chosen.open { continue }
                    guard roomDay[k][d].allSatisfy({ $0.end <= window.start || window.end <= $0.start }), roomOpen(k, d, window) else { continue }
                    let open = roomDay[k][d].contains { campaign.hours.halfDay(containing: TimeRange(start: $0.start, end: $0.end)) == half }
                    if roomOfSite[site] == nil || open { roomOfSite[site] = (k, open) }
                }
                for site in roomOfSite.indices {
                    guard let choice = roomOfSite[site] else { continue }
                    // What the day and the room cost already: no jury can make this place cheaper.
                    let floor = weights.roomHalfDays * (choice.open ? 0 : 1) + dayFloor
                    if let best, best.cost <= floor { continue }
                    var panel = Panel(id: held.count, exam: r.exam, period: Period(dayIndex: d, half: half), room: choice.room, key: r.panelKey)
                    panel.slots = [Panel.Slot(request: r.id, start: start, end: start + r.minutes, candidates: r.candidates)]
                    let staffing = staffing(r, panel)
                    var jury: [Int] = [], president: Int?
                    let hours = campaign.hours.range(half), snug = tuning.slackWeight > 0
                    if staffing.size > 0, let best {
                        // Exact: a jury convenes at least the seats that no free member already
                        // convened that day can take. Cheaper to count than a jury to draw.
                        var convenedFree = 0
                        for m in staffing.eligible where convenedFree < staffing.size && !memberDay[m][d].isEmpty && free(m, d, window, site) {
                            convenedFree += 1
                        }
                        if best.cost <= floor + weights.memberDays * Double(staffing.size - convenedFree) { continue }
                    }
                    if staffing.size > 0 {
                        guard let found = JuryGreedy.pickJury(for: staffing, campaign: campaign, traits: lookups.traits, free: { free($0, d, window, site) },
                                                              rank: { m in (memberDay[m][d].isEmpty ? 1 : 0, snug ? slack(m, d, window, hours) : 0, load[m], m) }) else { continue }
                        (jury, president) = found
                    }
                    let newMemberDays = jury.filter { memberDay[$0][d].isEmpty }.count
                    let unused = snug ? jury.reduce(0) { $0 + slack($1, d, window, hours) } : 0
                    let cost = weights.memberDays * Double(newMemberDays) + weights.roomHalfDays * (choice.open ? 0 : 1)
                        + weights.candidateDays * Double(newCandidateDays) + tuning.slackWeight * Double(unused)
                    if best == nil || cost < best!.cost { best = Place(panel: panel, jury: jury, president: president, cost: cost) }
                }
            }
        }
        return best
    }

    /// The cheapest written sitting already held that r's candidate may join (same exam and
    /// key, a seat left, an invigilator who may watch them, a time that suits them): no new
    /// member-day or room half-day, only perhaps a new candidate-day.
    func cheapestJoin(_ r: SittingRequest) -> (panel: Int, cost: Double)? {
        guard r.exam.mode == .written, r.candidates.count == 1, let c = r.candidates.first else { return nil }
        let rooms = problem.suitableRooms(r)
        let invigilators = problem.mayExamine(r)
        var best: (panel: Int, cost: Double)?
        for (p, panel) in held.enumerated() {
            guard let panel, panel.exam.id == r.exam.id, panel.key == r.panelKey, panel.slots.count == 1, rooms[panel.room] else { continue }
            let slot = panel.slots[0]
            let d = panel.period.dayIndex
            // The sitting is lengthened as a whole for extra time: a longer row would stretch it.
            guard slot.candidates.count < campaign.rooms[panel.room].capacity, slot.start + r.minutes <= slot.end,
                  !slot.candidates.contains(c), juries[p].allSatisfy({ invigilators.contains($0) }),
                  problem.candidateFits(c, r, dayIndex: d, start: slot.start, besides: placements[c]) else { continue }
            let cost = campaign.weights.candidateDays * (placements[c].contains { $0.dayIndex == d } ? 0 : 1)
            if best.map({ cost < $0.cost }) ?? true { best = (p, cost) }
        }
        return best
    }

    /// Seats r's candidate in the written sitting of panel p (see `cheapestJoin`).
    private mutating func seat(_ r: SittingRequest, in p: Int) {
        guard var panel = held[p], let c = r.candidates.first else { return }
        panel.slots[0].candidates.append(c)
        held[p] = panel
        let slot = panel.slots[0]
        placements[c].append(Placement(r, of: campaign.candidates[c], dayIndex: panel.period.dayIndex, start: slot.start))
        panelOf[r.id] = p
    }

    /// R9 alone for member m on day d over `window` (what the plan holds aside).
    func memberAvailable(_ m: Int, _ d: Int, _ window: TimeRange) -> Bool {
        lookups.memberWindows[m]?.covers(campaign.days[d], window) ?? true
    }

    /// Minutes of member m's free stretch around `window` on day d (between the edges of their
    /// availability, their other sittings with the buffer, and the half-day `hours`) that a
    /// sitting there leaves unused. Snug places first keep the long stretches for the long
    /// sittings: with availability given as exact time ranges, a 30-minute oral in the only
    /// 80-minute window of an extra-time defence's examiner loses that defence.
    private func slack(_ m: Int, _ d: Int, _ window: TimeRange, _ hours: TimeRange) -> Int {
        var low = hours.start, high = hours.end
        if let open = lookups.memberWindows[m]?.windows(on: campaign.days[d]).first(where: { $0.contains(window) }) {
            low = max(low, open.start)
            high = min(high, open.end)
        }
        let buffer = campaign.bufferMinutes
        for b in memberDay[m][d] {
            if b.end <= window.start { low = max(low, b.end + buffer) } else if b.start >= window.end { high = min(high, b.start - buffer) }
        }
        return max(0, high - low - window.minutes)
    }

    /// Days on which as many of r's examiners as its jury needs are free long enough, in one
    /// half-day, to sit it (R9 and R16 alone), remembered.
    func possibleDays(_ r: SittingRequest) -> [Int] {
        if let known = lookups.possibleDays[r.id] { return known }
        let examiners = problem.mayExamine(r).members
        let days = campaign.days.indices.filter { d in
            HalfDay.allCases.contains { half in
                let hours = campaign.hours.range(half)
                return examiners.lazy.filter { m in
                    self.campaign.maxSittings(of: self.campaign.members[m]) > 0
                        && self.problem.availability.member(self.campaign.members[m].id, longestFreeOn: self.campaign.days[d], within: hours) >= r.minutes
                }.prefix(max(1, r.jurySize)).count >= r.jurySize
            }
        }
        lookups.possibleDays[r.id] = days
        return days
    }

    /// R3 (buffer), R14 (daily limit, one site a day) for member m taking one more sitting.
    private func free(_ m: Int, _ d: Int, _ window: TimeRange, _ site: Int) -> Bool {
        let held = memberDay[m][d]
        guard held.reduce(1, { $0 + $1.sittings }) <= lookups.maxSittings[m] else { return false }
        let buffer = lookups.buffer
        return held.allSatisfy { $0.site == site && Spacing.memberFree(TimeRange(start: $0.start, end: $0.end), window, buffer: buffer) }
    }

    /// Starts worth trying on day d: a 15-minute grid from each half-day's opening, the times
    /// members' and rooms' availability opens (or closes, r ending there), and the times next
    /// to sittings already in rooms (back to back, or one buffer apart), so that a room and a
    /// jury can be used without gaps.
    func starts(of r: SittingRequest, on d: Int) -> [Int] {
        // A bit per minute of the day: marking and reading back in order beats sorting the
        // hundreds of room-side times (a start outside the day fits no half-day anyway).
        var marked = [UInt64](repeating: 0, count: (Self.minutesInDay + 63) / 64)
        func mark(_ t: Int) { if t >= 0, t < Self.minutesInDay { marked[t >> 6] |= 1 << UInt64(t & 63) } }
        for t in fixedStarts(minutes: r.minutes, on: d) { mark(t) }
        for t in problem.candidatesFreeFrom(r, dayIndex: d) { mark(t) }
        let buffer = lookups.buffer
        for k in problem.roomsByWaste(r) {
            for b in roomDay[k][d] {
                mark(b.end)
                mark(b.end + buffer)
                mark(b.start - r.minutes)
                mark(b.start - r.minutes - buffer)
            }
        }
        var out: [Int] = []
        for (w, word) in marked.enumerated() {
            var bits = word
            while bits != 0 {
                out.append(w << 6 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
        return out
    }

    static let minutesInDay = 24 * 60

    /// The starts of `starts(of:on:)` that the plan does not move: the grid and the members'
    /// and rooms' window edges, for a sitting of `minutes` on day d, remembered.
    private func fixedStarts(minutes: Int, on d: Int) -> [Int] {
        let key = minutes * campaign.days.count + d
        if let known = lookups.fixedStarts[key] { return known }
        var out = Set(problem.windowStarts[d] + problem.windowEnds[d].map { $0 - minutes })
        for half in [HalfDay.morning, .afternoon] {
            let hours = campaign.hours.range(half)
            var t = hours.start
            while t + minutes <= hours.end { out.insert(t); t += Self.gridMinutes }
            out.insert(hours.end - minutes)
        }
        let sorted = out.sorted()
        lookups.fixedStarts[key] = sorted
        return sorted
    }

    static let gridMinutes = 15
    static let rememberedStaffings = 20_000
}
