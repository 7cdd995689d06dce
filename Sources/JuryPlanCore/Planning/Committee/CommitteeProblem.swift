/// Where and when a committee sitting may start: a day, a start time and a site with a
/// suitable room open for the whole sitting.
struct SlotOption: Hashable, Comparable {
    let dayIndex: Int
    let start: Int
    /// Position in `CommitteeProblem.sites`.
    let site: Int

    static func < (a: SlotOption, b: SlotOption) -> Bool { (a.dayIndex, a.start, a.site) < (b.dayIndex, b.start, b.site) }
}

/// A sitting before a fixed committee: the jury is exactly the candidate's imposed members
/// (`jury: {imposed: true}`, SPEC §1.2.1 R18), so only its day, time and room are to choose.
struct CommitteeSitting {
    let request: SittingRequest
    /// Member numbers of the committee, sorted.
    let members: [Int]
    /// The member who presides (R8), where the exam has a president.
    let president: Int?
    let minutes: Int
    /// Starts lawful for the committee, the candidates and some room taken alone (R9, R11,
    /// R15, R17); sittings booked elsewhere decide which of them stay free.
    let options: [SlotOption]
    /// Why the sitting cannot be placed at all, when it cannot.
    let impossibility: String?
}

/// A session in which every sitting has a fixed committee (thesis defences: each candidate's
/// supervisor, co-supervisor and assessors). Panels do not apply there: each sitting is its own
/// jury, and what is scarce is the time its members share.
final class CommitteeProblem {
    let problem: PlanningProblem
    let sittings: [CommitteeSitting]
    /// Distinct sites of the rooms (R14: one site a member-day), sorted.
    let sites: [String]
    let siteOfRoom: [Int]
    /// Sittings of each member, by member number.
    let sittingsOfMember: [[Int]]
    /// Sitting numbers of each candidate (several only when a candidate has several exams).
    let sittingsOfCandidate: [[Int]]

    var campaign: Campaign { problem.campaign }

    /// The session as committee sittings, or nil when some sitting's jury is not fixed (pooled
    /// juries are planned in panels by `Planner`).
    init?(_ problem: PlanningProblem) {
        let campaign = problem.campaign
        guard !problem.requests.isEmpty, problem.requests.allSatisfy(Self.hasFixedCommittee) else { return nil }
        self.problem = problem
        sites = Array(Set(campaign.rooms.map(\.site))).sorted()
        let siteIndex = Dictionary(uniqueKeysWithValues: sites.enumerated().map { ($1, $0) })
        let siteOfRoom = campaign.rooms.map { siteIndex[$0.site] ?? 0 }
        self.siteOfRoom = siteOfRoom
        var sittings: [CommitteeSitting] = []
        var ofMember = Array(repeating: [Int](), count: campaign.members.count)
        var ofCandidate = Array(repeating: [Int](), count: campaign.candidates.count)
        let steps = problem.sittingSteps
        for request in problem.requests {
            let members = request.imposed.compactMap { campaign.memberNumber($0) }.sorted()
            for m in members { ofMember[m].append(sittings.count) }
            for c in request.candidates { ofCandidate[c].append(sittings.count) }
            sittings.append(Self.sitting(request, members: members, problem: problem, siteOfRoom: siteOfRoom, steps: steps))
        }
        self.sittings = sittings
        sittingsOfMember = ofMember
        sittingsOfCandidate = ofCandidate
    }

    /// Candidate c sitting s at `option`, for the candidate rules (R2, R12, R13).
    func placement(_ s: Int, of c: Int, at option: SlotOption) -> Placement {
        Placement(sittings[s].request, of: campaign.candidates[c], dayIndex: option.dayIndex, start: option.start)
    }

    /// Whether sitting `a`'s exam must end before sitting `b`'s starts (R13: `b`'s exam lists
    /// `a`'s in `after`), for one candidate's sittings.
    func mustPrecede(_ a: Int, _ b: Int) -> Bool { campaign.exam(sittings[b].request.exam, follows: sittings[a].request.exam.id) }

    /// An examined sitting whose jury is exactly its candidates' imposed members: the exam says
    /// `imposed: true`, or the imposed members are as many as the exam's jury size (R5 and R18
    /// then leave no seat to the pool: a bachelor defence before its supervisor and reviewer).
    static func hasFixedCommittee(_ r: SittingRequest) -> Bool {
        r.exam.mode.isExamined && !r.imposed.isEmpty && (r.exam.jury.imposed || r.imposed.count == r.exam.jury.size)
    }

    private static func sitting(_ r: SittingRequest, members: [Int], problem: PlanningProblem, siteOfRoom: [Int], steps: [Int]) -> CommitteeSitting {
        let campaign = problem.campaign
        let president = r.exam.jury.president
            ? members.first { campaign.members[$0].role == .professional && campaign.members[$0].canPreside } : nil
        if let why = whyNoCommittee(r, members: members, president: president, problem: problem) {
            return CommitteeSitting(request: r, members: members, president: president, minutes: r.minutes, options: [], impossibility: why)
        }
        let options = startOptions(r, members: members, problem: problem, siteOfRoom: siteOfRoom, steps: steps)
        let why = options.isEmpty ? whyNoTime(r, members: members, problem: problem) : nil
        return CommitteeSitting(request: r, members: members, president: president, minutes: r.minutes, options: options, impossibility: why)
    }

    /// R5–R8, R10, R15, R16 for the committee as a whole: what no time or room can mend.
    private static func whyNoCommittee(_ r: SittingRequest, members: [Int], president: Int?, problem: PlanningProblem) -> String? {
        let campaign = problem.campaign
        if members.count < r.imposed.count {
            let unknown = r.imposed.filter { campaign.memberNumber($0) == nil }
            return "imposed member(s) \(unknown.joined(separator: ", ")) are not in jury.csv (R18)"
        }
        let examiners = problem.mayExamine(r)
        for m in members where !examiners.contains(m) {
            let member = campaign.members[m]
            if !Eligibility.qualified(member, for: r.exam, in: campaign) {
                return "\(member.displayName) (\(member.id)) may not examine \(r.exam.id) (R16, their exams column)"
            }
            for c in r.candidates {
                if let conflict = Eligibility.conflict(member, campaign.candidates[c]) { return "\(conflict) (R10)" }
            }
            return "\(member.displayName) (\(member.id)) does not examine in the candidate's region (R15)"
        }
        if !r.exam.jury.imposed, !JuryRules.rolesMatch(members.map { campaign.members[$0].role }, r.exam) {
            return "the imposed members' roles are not the \(r.exam.id) jury's (R6)"
        }
        for m in members where campaign.maxSittings(of: campaign.members[m]) == 0 {
            return "\(campaign.members[m].displayName) (\(campaign.members[m].id)) is never convened (max_per_day 0, R14)"
        }
        if r.exam.jury.president, president == nil {
            return "no member of the committee may preside (R8: a professional who can_preside)"
        }
        if let threshold = r.exam.jury.external {
            let externals = members.filter { campaign.members[$0].isExternal }.count
            if !(Double(externals) / Double(members.count) > threshold) {
                return "\(externals) of the committee's \(members.count) members are external, more than \(Int((threshold * 100).rounded())) % required (R7)"
            }
        }
        return nil
    }

    /// Starts on each half-day: from the half-day's start and from every time a member's or a
    /// room's availability opens, then every time reachable from those by the session's
    /// sitting lengths with and without the buffer (a member sitting back to back needs it, a
    /// room does not).
    private static func startOptions(_ r: SittingRequest, members: [Int], problem: PlanningProblem, siteOfRoom: [Int], steps: [Int]) -> [SlotOption] {
        let campaign = problem.campaign
        let suitable = problem.suitableRooms(r)
        var options: [SlotOption] = []
        for d in campaign.days.indices {
            for hours in [campaign.hours.morning, campaign.hours.afternoon] where hours.minutes >= r.minutes {
                var anchors = Set([hours.start])
                for t in problem.windowStarts[d] + problem.candidatesFreeFrom(r, dayIndex: d) where hours.start < t && t < hours.end {
                    anchors.insert(t)
                }
                // Every start reachable from an anchor by sittings of the session's lengths placed
                // back to back, with or without the buffer (a member's day mixes them).
                var starts = Set<Int>()
                var queue = anchors.sorted()
                while let t = queue.popLast() {
                    guard t + r.minutes <= hours.end, starts.insert(t).inserted else { continue }
                    for step in steps { queue.append(t + step) }
                }
                for t in starts.sorted() {
                    for s in sites(r, members: members, problem: problem, siteOfRoom: siteOfRoom, suitable: suitable, dayIndex: d, start: t) {
                        options.append(SlotOption(dayIndex: d, start: t, site: s))
                    }
                }
            }
        }
        return options
    }

    /// The sites where `r` may start at `start` of day d, judged alone: everyone free (R9) and
    /// some suitable room open there (R9, R11, R15); the caller keeps within the hours (R17).
    private static func sites(_ r: SittingRequest, members: [Int], problem: PlanningProblem, siteOfRoom: [Int], suitable: [Bool],
                              dayIndex d: Int, start t: Int) -> [Int] {
        let campaign = problem.campaign
        let day = campaign.days[d]
        let window = TimeRange(start: t, end: t + r.minutes)
        guard r.candidates.allSatisfy({ problem.availability.candidate(campaign.candidates[$0].id, isFreeOn: day, window) }),
              members.allSatisfy({ problem.availability.member(campaign.members[$0].id, isFreeOn: day, window) }) else { return [] }
        var open = Set<Int>()
        for (k, room) in campaign.rooms.enumerated() where suitable[k] && problem.availability.room(room.id, isFreeOn: day, window) {
            open.insert(siteOfRoom[k])
        }
        return open.sorted()
    }

    /// Whether `option` suits sitting s alone, on the grid or off it (a draft's 09:45).
    func admits(_ s: Int, _ option: SlotOption) -> Bool {
        let sitting = sittings[s], hours = campaign.hours
        guard sitting.impossibility == nil else { return false }
        if sitting.options.contains(option) { return true }
        let window = TimeRange(start: option.start, end: option.start + sitting.minutes)
        guard hours.halfDay(containing: window) != nil else { return false }
        return Self.sites(sitting.request, members: sitting.members, problem: problem, siteOfRoom: siteOfRoom,
                          suitable: problem.suitableRooms(sitting.request), dayIndex: option.dayIndex, start: option.start).contains(option.site)
    }

    /// Why no start suits: a candidate never free, two members never free together, or no room.
    private static func whyNoTime(_ r: SittingRequest, members: [Int], problem: PlanningProblem) -> String {
        let campaign = problem.campaign
        func together(_ people: [Int]) -> Bool {
            campaign.days.contains { day in
                [campaign.hours.morning, campaign.hours.afternoon].contains { hours in
                    stride(from: hours.start, through: hours.end - r.minutes, by: 5).contains { t in
                        let window = TimeRange(start: t, end: t + r.minutes)
                        return people.allSatisfy { problem.availability.member(campaign.members[$0].id, isFreeOn: day, window) }
                            && r.candidates.allSatisfy { problem.availability.candidate(campaign.candidates[$0].id, isFreeOn: day, window) }
                    }
                }
            }
        }
        if !together([]) { return "the candidate is never free for \(r.minutes) minutes within the session's hours (R9, R17)" }
        for m in members where !together([m]) {
            return "\(campaign.members[m].displayName) (\(campaign.members[m].id)) is never available for \(r.minutes) minutes when the candidate is (R9)"
        }
        for (i, a) in members.enumerated() { for b in members[(i + 1)...] where !together([a, b]) {
            return "\(campaign.members[a].displayName) (\(campaign.members[a].id)) and \(campaign.members[b].displayName) (\(campaign.members[b].id)) are never available together for \(r.minutes) minutes (R9)"
        } }
        if !together(members) { return "the committee's \(members.count) members are never all available at one time for \(r.minutes) minutes (R9)" }
        return "no suitable room (equipment, step-free access, region) is open while the committee is available (R9, R11, R15)"
    }
}

extension PlanningProblem {
    /// The lengths of the session's sittings, alone, followed by the buffer, and followed by a
    /// candidate's break: the steps between two starts of a room's, a member's or a
    /// candidate's day (a 60-minute defence at 08:30, then the candidate's poster at 09:45).
    var sittingSteps: [Int] {
        let lengths = Set(requests.map(\.minutes))
        // The break only where some candidate sits more than once (else it only thickens the grid).
        let severalSittings = requestsOfCandidate.contains { $0.count > 1 }
        let gaps = [campaign.bufferMinutes] + (severalSittings ? [campaign.minBreakMinutes] : [])
        let after = gaps.flatMap { gap in lengths.map { $0 + gap } }
        return Array(lengths.union(after)).filter { $0 > 0 }.sorted()
    }
}
