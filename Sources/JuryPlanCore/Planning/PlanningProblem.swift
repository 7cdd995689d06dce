/// A half-day of the session: the unit in which a jury sits in one room ("panel").
public struct Period: Hashable, Comparable, Sendable {
    /// Position of the day in `campaign.days`.
    public var dayIndex: Int
    public var half: HalfDay

    public var index: Int { dayIndex * 2 + (half == .morning ? 0 : 1) }
    public var other: Period { Period(dayIndex: dayIndex, half: half == .morning ? .afternoon : .morning) }
    public static func < (a: Period, b: Period) -> Bool { a.index < b.index }
}

/// A sitting to schedule: one candidate (oral, written) or a whole group (group exam).
struct SittingRequest {
    let id: Int
    let exam: Exam
    /// Candidate numbers (positions in `campaign.candidates`).
    let candidates: [Int]
    /// The sitting's length: extended when one of its candidates has extra time.
    let minutes: Int
    let needsAccessible: Bool
    /// The candidates' region for a regional exam, else "".
    let regionKey: String
    /// Members imposed on the sitting (R18), sorted.
    let imposed: [String]
    /// Seats of the jury (the imposed members when the exam's jury is exactly them).
    let jurySize: Int
    /// Requests that may share a panel have the same exam and the same key (region, imposed).
    let panelKey: String

    /// Candidates' own row length (a candidate without extra time leaves at the normal end).
    func minutes(of candidate: Candidate) -> Int { exam.minutes(extraTime: candidate.extraTime) }
}

/// What the planner reads of a campaign, precomputed once: requests, periods, eligibility.
final class PlanningProblem {
    let campaign: Campaign
    let availability: Availability
    let periods: [Period]
    let requests: [SittingRequest]
    /// Requests of each candidate, by candidate number.
    let requestsOfCandidate: [[Int]]
    /// R13 by exam number (`Campaign.exam(_:follows:)` for every pair, computed once: it is
    /// asked for every place a sitting is weighed at): `examFollows[a][b]`, a comes after b.
    private let examFollows: [[Bool]]
    private let examIDs: [String]
    /// `examNumber` of each request's exam, by request id (computed once, read only).
    private lazy var requestExam: [Int?] = requests.map { examNumber($0.exam.id) }
    /// Each candidate's blocked hours (R9), by candidate number.
    private let candidateBlocks: [AvailabilityWindows?]

    init(_ campaign: Campaign) {
        self.campaign = campaign
        availability = Availability(campaign)
        periods = campaign.days.indices.flatMap { [Period(dayIndex: $0, half: .morning), Period(dayIndex: $0, half: .afternoon)] }
        var requests: [SittingRequest] = []
        var ofCandidate = Array(repeating: [Int](), count: campaign.candidates.count)
        var groupRequest: [String: Int] = [:]
        for (c, candidate) in campaign.candidates.enumerated() {
            for examID in candidate.exams {
                guard let exam = campaign.exam(examID), exam.isScheduled else { continue }
                if exam.mode == .group, !candidate.group.isEmpty {
                    let key = exam.id + "\u{1F}" + candidate.group
                    if let r = groupRequest[key] {
                        ofCandidate[c].append(r)
                        continue
                    }
                    // One sitting for every candidate of the group registered for the exam.
                    let members = campaign.candidates.indices.filter { i in
                        campaign.candidates[i].group == candidate.group && campaign.candidates[i].exams.contains { campaign.canonicalExamID($0) == exam.id }
                    }
                    groupRequest[key] = requests.count
                    ofCandidate[c].append(requests.count)
                    requests.append(Self.request(id: requests.count, exam: exam, candidates: members, campaign: campaign))
                } else {
                    ofCandidate[c].append(requests.count)
                    requests.append(Self.request(id: requests.count, exam: exam, candidates: [c], campaign: campaign))
                }
            }
        }
        self.requests = requests
        (roomCache, roomOrderCache, roomWasteCache) = (Array(repeating: nil, count: requests.count), Array(repeating: nil, count: requests.count),
                                                       Array(repeating: nil, count: requests.count))
        (examinerCache, mandatoryCache) = (Array(repeating: nil, count: requests.count), Array(repeating: nil, count: requests.count))
        requestsOfCandidate = ofCandidate
        examIDs = campaign.exams.map(\.id)
        candidateBlocks = campaign.candidates.map { [availability] in availability.candidateBlocks($0.id) }
        examFollows = campaign.exams.map { later in campaign.exams.map { earlier in campaign.exam(later, follows: earlier.id) } }
    }

    /// The exam's position in `campaign.exams` (an alias resolved), nil for an unknown id.
    func examNumber(_ id: String) -> Int? {
        // A handful of exams: a scan of short strings beats hashing them.
        examIDs.firstIndex(of: id) ?? examIDs.firstIndex(of: campaign.canonicalExamID(id))
    }

    /// Members of each role who can be convened in the period (available at some time in it).
    func staff(_ p: Period) -> [Role: Int] {
        let free = freeInPeriod[p.index]
        return membersByRole.mapValues { free.countCommon($0) }
    }


    private static func request(id: Int, exam: Exam, candidates: [Int], campaign: Campaign) -> SittingRequest {
        let people = candidates.map { campaign.candidates[$0] }
        var imposed = Set(people.flatMap(\.imposedJury))
        if !exam.mode.isExamined { imposed = [] }
        let exact = exam.jury.imposed && !imposed.isEmpty
        let regionKey = exam.regional ? NameKey.of(people.first?.region ?? "") : ""
        return SittingRequest(
            id: id, exam: exam, candidates: candidates,
            minutes: exam.minutes(extraTime: people.contains(where: \.extraTime)),
            needsAccessible: people.contains(where: \.accessible),
            regionKey: regionKey,
            imposed: imposed.sorted(),
            jurySize: exact ? imposed.count : exam.jury.size,
            panelKey: SittingRequest.panelKey(regionKey: regionKey, imposed: imposed.sorted()))
    }

    // MARK: Who could sit, as member sets (for the layout's staffing checks)

    private(set) lazy var membersByRole: [Role: MemberSet] = Dictionary(uniqueKeysWithValues: Role.allCases.map { role in
        (role, MemberSet(count: campaign.members.count) { campaign.members[$0].role == role })
    })
    private(set) lazy var externalMembers = MemberSet(count: campaign.members.count) { campaign.members[$0].isExternal }
    private(set) lazy var presidingMembers = MemberSet(count: campaign.members.count) {
        campaign.members[$0].role == .professional && campaign.members[$0].canPreside
    }

    private(set) lazy var presidingExternalMembers = presidingMembers & externalMembers

    /// By request id (arrays: asked for every place a sitting is weighed at; sized in init,
    /// since a lazy array would be copied whole on every write).
    private var roomCache: [[Bool]?] = []
    /// By request id, like `roomCache`.
    private var roomOrderCache: [[Int]?] = []
    /// By request id, like `roomCache`.
    private var roomWasteCache: [[RoomWaste]?] = []

    /// What a request does not need of a room.
    struct RoomWaste {
        var equipment: Int
        var stepFree: Bool
        var seats: Int
    }

    /// What the request wastes of each room (computed once per request: names compare folded).
    func roomWaste(_ r: SittingRequest) -> [RoomWaste] {
        if let cached = roomWasteCache[r.id] { return cached }
        let waste = campaign.rooms.map { rm in
            RoomWaste(equipment: rm.equipment.filter { e in !r.exam.needs.contains { NameKey.same($0, e) } }.count,
                      stepFree: rm.accessible && !r.needsAccessible, seats: max(0, rm.capacity - max(r.candidates.count, 1)))
        }
        roomWasteCache[r.id] = waste
        return waste
    }

    /// Suitable rooms, those the request wastes least first (equipment, step-free access, then
    /// seats), for the layout to keep capable rooms for those who need them.
    func roomsByWaste(_ r: SittingRequest) -> [Int] {
        if let cached = roomOrderCache[r.id] { return cached }
        let fits = suitableRooms(r)
        let waste = roomWaste(r).map { Double($0.equipment) + ($0.stepFree ? 1 : 0) + 0.01 * Double($0.seats) }
        let order = campaign.rooms.indices.filter { fits[$0] }.sorted { (waste[$0], $0) < (waste[$1], $1) }
        roomOrderCache[r.id] = order
        return order
    }

    /// Rooms that suit the request (R11 equipment, step-free access, seats; R15 region).
    func suitableRooms(_ r: SittingRequest) -> [Bool] {
        if let cached = roomCache[r.id] { return cached }
        let fits = campaign.rooms.map { rm in
            Eligibility.roomSuits(rm, r.exam, accessibleNeeded: r.needsAccessible)
                && (r.exam.mode != .group || rm.capacity >= r.candidates.count)
                && (r.exam.mode != .written || rm.capacity >= 1)
                && (!r.exam.regional || NameKey.of(rm.region) == r.regionKey)
        }
        roomCache[r.id] = fits
        return fits
    }

    private var windowCache: [Int: MemberSet] = [:]

    /// Members who may be convened and are available during the whole window of a day (R9, R14).
    func availableDuring(_ dayIndex: Int, _ window: TimeRange) -> MemberSet {
        let key = (dayIndex * 2000 + window.start) * 2000 + window.end
        if let cached = windowCache[key] { return cached }
        let day = campaign.days[dayIndex]
        let set = MemberSet(count: campaign.members.count) { m in
            let member = campaign.members[m]
            return campaign.maxSittings(of: member) > 0 && availability.member(member.id, isFreeOn: day, window)
        }
        windowCache[key] = set
        return set
    }

    /// Times at which some member's or room's availability window opens on a day, inside
    /// opening hours: a sitting may have to wait for the only member or room that suits it (a
    /// window off the 15-minute grid, 09:05-09:35, has no other start).
    private(set) lazy var windowStarts: [[Int]] = windowEdges(\.start)

    /// Times at which some member's or room's availability window closes on a day, inside
    /// opening hours: a sitting may have to end there (a room open 09:00-09:35 holds a 30-minute
    /// oral from 09:05).
    private(set) lazy var windowEnds: [[Int]] = windowEdges(\.end)

    /// One edge (start or end) of every member's and room's availability token, by day, that
    /// falls strictly inside a half-day's opening hours, sorted.
    private func windowEdges(_ edge: KeyPath<TimeRange, Int>) -> [[Int]] {
        let opening = [campaign.hours.morning, campaign.hours.afternoon]
        let tokens = campaign.members.flatMap(\.available) + campaign.rooms.flatMap(\.available)
        return campaign.days.map { day in
            var edges = Set<Int>()
            for token in tokens where token.day == day {
                let t = token.interval(hours: campaign.hours)[keyPath: edge]
                if opening.contains(where: { $0.start < t && t < $0.end }) { edges.insert(t) }
            }
            return edges.sorted()
        }
    }

    /// Times on day d at which one of r's candidates becomes free (an unavailability ends: free
    /// from 08:50 on), a start no grid may hold.
    func candidatesFreeFrom(_ r: SittingRequest, dayIndex d: Int) -> [Int] {
        let day = campaign.days[d]
        return r.candidates.flatMap { c in
            campaign.candidates[c].unavailable.filter { $0.day == day }.map { $0.interval(hours: campaign.hours).end }
        }
    }

    /// Minutes of the session's shortest sitting (30 when there is none).
    private(set) lazy var shortestSitting: Int = max(1, requests.map(\.minutes).min() ?? 30)

    /// Supply curves of each seat kind on each day (`CapacityCurve`).
    private(set) lazy var dayCurves: [[CapacityCurve]] = campaign.days.map { date in
        let shortest = shortestSitting
        let buffer = campaign.bufferMinutes
        let fit = (campaign.hours.morning.minutes + buffer) / (shortest + buffer) + (campaign.hours.afternoon.minutes + buffer) / (shortest + buffer)
        let present = campaign.members.indices.filter { m in
            let member = campaign.members[m]
            return member.available.isEmpty || member.available.contains { $0.day == date }
        }
        return SeatKind.allCases.map { kind in
            let set = members(of: kind)
            return CapacityCurve(caps: present.filter { set.contains($0) }.map { min(campaign.maxSittings(of: campaign.members[$0]), fit) })
        }
    }

    /// Members who may be convened at all and are free, some time of the period, long enough
    /// for the session's shortest sitting (any window: one of 08:40–09:20 holds a 40-minute
    /// defence). A superset of who can sit there, so `Feasibility`'s proofs built on it hold.
    private(set) lazy var freeInPeriod: [MemberSet] = periods.map { period in
        let day = campaign.days[period.dayIndex], hours = campaign.hours.range(period.half)
        let availability = self.availability
        let shortest = shortestSitting
        return MemberSet(count: campaign.members.count) { m in
            let member = campaign.members[m]
            return campaign.maxSittings(of: member) > 0 && availability.member(member.id, longestFreeOn: day, within: hours) >= shortest
        }
    }

    /// Members who may examine the request's candidates in that period, ignoring time (R9 by
    /// half-day, R10, R15, R16, and `imposed: true`); for a written exam, any member. The one
    /// definition of "may examine" that the layout, the day models and `Feasibility` share.
    func mayExamine(_ r: SittingRequest, in period: Period) -> MemberSet {
        freeInPeriod[period.index] & mayExamine(r)
    }

    /// By request id, like `roomCache`.
    private var examinerCache: [MemberSet?] = []

    /// `mayExamine` without the period, computed once per request.
    func mayExamine(_ r: SittingRequest) -> MemberSet {
        if let cached = examinerCache[r.id] { return cached }
        let set = examiners(r)
        examinerCache[r.id] = set
        return set
    }

    private func examiners(_ r: SittingRequest) -> MemberSet {
        guard r.exam.mode.isExamined else { return MemberSet(count: campaign.members.count, full: true) }
        let people = r.candidates.map { campaign.candidates[$0] }
        let exact = r.exam.jury.imposed && !r.imposed.isEmpty
        return MemberSet(count: campaign.members.count) { m in
            let member = campaign.members[m]
            let fits = exact
                ? r.imposed.contains(member.id) && Eligibility.qualified(member, for: r.exam, in: campaign)
                : Eligibility.qualified(member, for: r.exam, in: campaign) && (r.exam.jury.accepts(member.role) || r.imposed.contains(member.id))
            return fits
                && people.allSatisfy { Eligibility.conflict(member, $0) == nil }
                && (!r.exam.regional || people.allSatisfy { Eligibility.examines(member, inRegion: $0.region) })
        }
    }

    /// By request id, like `roomCache`.
    private var mandatoryCache: [MemberSet?] = []

    /// Members who must sit on the request's jury: the imposed ones (R18) and, where only one
    /// member may preside, that one (R8). Two such sittings sharing one cannot follow each other
    /// without the buffer (R3), even in a room where juries take turns.
    func mandatoryMembers(_ r: SittingRequest) -> MemberSet {
        if let cached = mandatoryCache[r.id] { return cached }
        var set = MemberSet(count: campaign.members.count)
        for id in r.imposed { if let m = campaign.memberNumber(id) { set.insert(m) } }
        if r.exam.mode.isExamined, r.exam.jury.president {
            let presiders = mayExamine(r) & presidingMembers
            if presiders.count == 1 { set = set | presiders }
        }
        mandatoryCache[r.id] = set
        return set
    }

    /// Whether a jury for `r` can be drawn from `members` (roles, externals, president, imposed).
    func canStaff(_ r: SittingRequest, from members: MemberSet) -> Bool {
        let exact = r.exam.jury.imposed && !r.imposed.isEmpty && r.exam.mode.isExamined
        if exact || !r.exam.mode.isExamined || r.exam.jury.roles.isEmpty {
            if members.count < r.jurySize { return false }
        } else {
            for (role, n) in r.exam.jury.roles where n > 0 {
                if let set = membersByRole[role], members.countCommon(set) < n { return false }
            }
        }
        guard r.exam.mode.isExamined else { return true }
        for id in r.imposed { if let m = campaign.memberNumber(id), !members.contains(m) { return false } }
        if let threshold = r.exam.jury.external, !exact {
            let need = Int((threshold * Double(r.jurySize) + 1e-9).rounded(.down)) + 1
            if members.countCommon(externalMembers) < need { return false }
        }
        if r.exam.jury.president, !exact, members.countCommon(presidingMembers) < 1 { return false }
        return true
    }

    func day(_ p: Period) -> Day { campaign.days[p.dayIndex] }
    func hours(_ p: Period) -> TimeRange { campaign.hours.range(p.half) }
    func candidate(_ c: Int) -> Candidate { campaign.candidates[c] }

    /// Candidate c's own request for the exam (a written or group slot names another's).
    func request(of c: Int, exam examID: String) -> SittingRequest? {
        requestsOfCandidate[c].lazy.map { self.requests[$0] }.first { $0.exam.id == examID }
    }
}

extension PlanningProblem {
    /// R2, R9, R12 and R13 for candidate c sitting r from `start` on a day, besides the
    /// candidate's `placements` (which must not hold r itself).
    func candidateFits(_ c: Int, _ r: SittingRequest, dayIndex: Int, start: Int, besides placements: [Placement]) -> Bool {
        let end = start + r.exam.minutes(extraTime: campaign.candidates[c].extraTime)
        guard Availability.free(candidateBlocks[c], campaign.days[dayIndex], TimeRange(start: start, end: end)) else { return false }
        var sameDay = 0
        let exam = requestExam[r.id]
        for p in placements {
            if p.dayIndex == dayIndex {
                sameDay += 1
                guard Spacing.candidateFree(TimeRange(start: p.start, end: p.end), TimeRange(start: start, end: end), in: campaign) else { return false }
            }
            // R13 in both directions: prerequisites end before, successors start after.
            guard let exam, let other = examNumber(p.examID) else { continue }
            if examFollows[exam][other], (p.dayIndex, p.end) > (dayIndex, start) { return false }
            if examFollows[other][exam], (dayIndex, end) > (p.dayIndex, p.start) { return false }
        }
        return sameDay + 1 <= campaign.maxExamsPerDay
    }
}
