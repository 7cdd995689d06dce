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
            let rooms = campaign.rooms.filter { room in
                Eligibility.roomSuits(room, r.exam, accessibleNeeded: r.needsAccessible)
                    && (r.exam.mode != .group || room.capacity >= r.candidates.count)
                    && (r.exam.mode != .written || room.capacity >= 1)
                    && (!r.exam.regional || NameKey.of(room.region) == r.regionKey)
            }
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
            let fit = usable.filter { m in
                (exact ? r.imposed.contains(m.id) : Eligibility.qualified(m, for: r.exam, in: campaign) && (r.exam.jury.accepts(m.role) || r.imposed.contains(m.id)))
                    && people.allSatisfy { Eligibility.conflict(m, $0) == nil }
                    && (!r.exam.regional || people.allSatisfy { Eligibility.examines(m, inRegion: $0.region) })
            }
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
                }
            }
        }
        for (c, requests) in problem.requestsOfCandidate.enumerated() where requests.count > campaign.days.count * campaign.maxExamsPerDay {
            let cand = problem.candidate(c)
            add("\(cand.displayName) (\(cand.id)) has \(requests.count) exams to sit, at most \(campaign.maxExamsPerDay) a day over \(campaign.days.count) day(s)")
        }
        return reasons
    }
}
