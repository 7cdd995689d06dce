/// Quick proofs that no plan exists, in the users' terms: checks that hold whatever the
/// timetable (rooms that no sitting could use, juries no set of members could form).
enum Feasibility {
    static func impossibilities(_ problem: PlanningProblem) -> [String] {
        let campaign = problem.campaign
        var reasons: [String] = []
        var seen = Set<String>()
        func add(_ s: String) { if seen.insert(s).inserted { reasons.append(s) } }
        let usable = campaign.members.filter { campaign.maxSittings(of: $0) > 0 }
        for r in problem.requests {
            let people = r.candidates.map { problem.candidate($0) }
            let who = r.candidates.count == 1 ? "of \(people[0].displayName) (\(people[0].id))" : "of group \(people[0].group)"
            // Rooms (R11, R15).
            let rooms = problem.suitableRooms(r).filter { $0 }
            if rooms.isEmpty {
                var needs = r.exam.needs.isEmpty ? [] : ["\(r.exam.needs.joined(separator: ", "))"]
                if r.needsAccessible { needs.append("step-free access") }
                if r.exam.regional { needs.append("a room in region \(people[0].region)") }
                if r.exam.mode == .group { needs.append("\(r.candidates.count) seats") }
                add("\(r.exam.id) \(who) needs \(needs.joined(separator: " and ")): no room in rooms.csv has it")
            }
            // Juries (R5–R8, R10, R15, R16, R18), ignoring time.
            guard r.exam.mode.isExamined else {
                if usable.count < r.exam.jury.size { add("\(r.exam.id) needs \(r.exam.jury.size) invigilator(s), \(usable.count) member(s) can be convened") }
                continue
            }
            let exact = r.exam.jury.imposed && !r.imposed.isEmpty
            let examiners = problem.mayExamine(r)
            let fit = usable.filter { examiners.contains(campaign.memberNumber($0.id) ?? -1) }
            for id in r.imposed where !fit.contains(where: { $0.id == id }) {
                add("\(r.exam.id) \(who): imposed member \(id) may not examine (not qualified, in conflict of interest, another region, or never convened)")
            }
            if !exact {
                for (role, n) in r.exam.jury.roles.sorted(by: { $0.key < $1.key }) where n > 0 {
                    let have = fit.filter { $0.role == role }.count
                    if have < n { add("\(r.exam.id) \(who) needs \(n) \(role.rawValue)\(n == 1 ? "" : "s") who may examine, \(have) exist\(have == 1 ? "s" : "")") }
                }
                if fit.count < r.jurySize { add("\(r.exam.id) \(who) needs \(r.jurySize) members who may examine, \(fit.count) exist") }
                if let threshold = r.exam.jury.external {
                    let need = Int((threshold * Double(r.jurySize) + 1e-9).rounded(.down)) + 1
                    let have = fit.filter(\.isExternal).count
                    if have < need { add("\(r.exam.id) \(who) needs \(need) external professionals (more than \(Int(threshold * 100)) % of \(r.jurySize)), \(have) may examine") }
                }
                if r.exam.jury.president, !fit.contains(where: { $0.role == .professional && $0.canPreside }) {
                    add("\(r.exam.id) \(who) needs a president: no professional with can_preside may examine")
                } else if problem.seatNeeds(r)[SeatKind.presidingExternal.rawValue] > 0,
                          !fit.contains(where: { $0.isExternal && $0.canPreside }) {
                    add("\(r.exam.id) \(who) needs a president who is also external (every professional seat must be external): no external professional with can_preside may examine")
                }
            }
        }
        reasons += imposedOverload(problem).filter { seen.insert($0).inserted }
        for (c, requests) in problem.requestsOfCandidate.enumerated() where requests.count > campaign.days.count * campaign.maxExamsPerDay {
            let cand = problem.candidate(c)
            add("\(cand.displayName) (\(cand.id)) has \(requests.count) exams to sit, at most \(campaign.maxExamsPerDay) a day over \(campaign.days.count) day(s)")
        }
        return reasons
    }

    /// An imposed member must sit every sitting of their candidates (R18): those sittings must fit
    /// in the member's available time and daily limits, one after another with the buffer.
    static func imposedOverload(_ problem: PlanningProblem) -> [String] {
        let campaign = problem.campaign
        var sittings: [String: [SittingRequest]] = [:]
        for r in problem.requests where r.exam.mode.isExamined {
            for id in r.imposed { sittings[id, default: []].append(r) }
        }
        var reasons: [String] = []
        for (id, requests) in sittings.sorted(by: { $0.key < $1.key }) {
            guard let member = campaign.member(id) else { continue }
            let limit = campaign.maxSittings(of: member)
            var days = 0, minutes = 0
            for (d, day) in campaign.days.enumerated() {
                let windows = member.available.isEmpty
                    ? [campaign.hours.morning, campaign.hours.afternoon]
                    : AvailabilityWindows(member.available, hours: campaign.hours).windows(on: day).flatMap { w in
                        [campaign.hours.morning, campaign.hours.afternoon].compactMap { h -> TimeRange? in
                            let s = max(w.start, h.start), e = min(w.end, h.end)
                            return s < e ? TimeRange(start: s, end: e) : nil
                        }
                    }
                _ = d
                let usable = windows.reduce(0) { $0 + $1.minutes + campaign.bufferMinutes }
                if usable > 0 { days += 1; minutes += usable }
            }
            let need = requests.reduce(0) { $0 + $1.minutes + campaign.bufferMinutes }
            if requests.count > days * limit {
                reasons.append("member \(id) is imposed on \(requests.count) sittings but may sit at most \(limit) a day on \(days) day(s)")
            } else if need > minutes {
                reasons.append("member \(id) is imposed on \(requests.count) sittings (\(need) minutes with the buffers) but is available for \(minutes) minutes of opening hours")
            }
        }
        return reasons
    }
}
