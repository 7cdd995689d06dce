/// Proofs about people, in the users' terms: why an imposed member cannot sit, and sittings
/// whose jury is never present together in any half-day.
extension Feasibility {
    /// Why `member` may not examine the request (R9, R10, R14, R15, R16), or nil when they may.
    static func whyNot(_ member: JuryMember, examine r: SittingRequest, _ problem: PlanningProblem) -> String? {
        let campaign = problem.campaign
        if campaign.maxSittings(of: member) == 0 { return "\(member.id) has max_per_day 0 (never convened)" }
        if !problem.periods.contains(where: { problem.freeInPeriod[$0.index].contains(campaign.memberNumber(member.id) ?? -1) }) {
            return "\(member.id) is available on no day of the session"
        }
        if !Eligibility.qualified(member, for: r.exam, in: campaign) {
            return member.exams.isEmpty
                ? "\(member.id) is a \(member.role.rawValue), and a \(member.role.rawValue) does not examine \(r.exam.id) (R16)"
                : "\(member.id) examines only \(member.exams.joined(separator: ", ")) (R16)"
        }
        for c in r.candidates {
            if let conflict = Eligibility.conflict(member, problem.candidate(c)) { return conflict + " (R10)" }
            let region = problem.candidate(c).region
            if r.exam.regional, !Eligibility.examines(member, inRegion: region) {
                return "\(member.id) examines only in \(member.regions.joined(separator: ", ")), not in \(region) (R15)"
            }
        }
        return nil
    }

    /// A jury must be present together: some half-day must hold every member the sitting needs
    /// (roles, external share, president, imposed members) among those free then (R5–R9, R18).
    /// Checked with anyone free at some time of the half-day, so a failure is a proof.
    static func halfDayShortage(_ r: SittingRequest, who: String, _ problem: PlanningProblem) -> String? {
        guard r.exam.mode.isExamined, !problem.periods.isEmpty else { return nil }
        let campaign = problem.campaign
        let pools = problem.periods.map { problem.mayExamine(r, in: $0) }
        if pools.contains(where: { problem.canStaff(r, from: $0) }) { return nil }
        // The most of a kind of member any half-day has, and which half-day.
        func most(_ kind: MemberSet?) -> (count: Int, period: Period) {
            var best = (count: -1, period: problem.periods[0])
            for (k, pool) in pools.enumerated() {
                let n = kind.map { pool.countCommon($0) } ?? pool.count
                if n > best.count { best = (n, problem.periods[k]) }
            }
            return best
        }
        func when(_ p: Period) -> String { "\(problem.day(p).iso) \(p.half == .morning ? "morning" : "afternoon")" }
        func shortfall(_ need: Int, _ what: String, _ kind: MemberSet?) -> String? {
            let (have, period) = most(kind)
            guard have < need else { return nil }
            return "\(r.exam.id) \(who) needs \(need) \(what) who may examine in the same half-day; no half-day has more than \(have) (\(when(period)))"
        }
        let exact = r.exam.jury.imposed && !r.imposed.isEmpty
        if exact {
            // A fixed committee: name two of its members who never meet, where there are two.
            let imposed = r.imposed.compactMap { campaign.memberNumber($0) }
            for (i, a) in imposed.enumerated() {
                for b in imposed[(i + 1)...] where !pools.contains(where: { $0.contains(a) && $0.contains(b) }) {
                    return "\(r.exam.id) \(who): \(campaign.members[a].id) and \(campaign.members[b].id) are never free in the same half-day (R9)"
                }
            }
        }
        if exact || r.exam.jury.roles.isEmpty {
            if let s = shortfall(r.jurySize, "members", nil) { return s }
        } else {
            for (role, n) in r.exam.jury.roles.sorted(by: { $0.key < $1.key }) where n > 0 {
                if let s = shortfall(n, "\(role.rawValue)s", problem.membersByRole[role]) { return s }
            }
        }
        if let threshold = r.exam.jury.external, !exact {
            let need = Int((threshold * Double(r.jurySize) + 1e-9).rounded(.down)) + 1
            if let s = shortfall(need, "external professionals", problem.externalMembers) { return s }
        }
        if r.exam.jury.president, !exact, let s = shortfall(1, "professional who can preside", problem.presidingMembers) { return s }
        let imposed = r.imposed.compactMap { campaign.memberNumber($0) }
        if !imposed.isEmpty, !pools.contains(where: { pool in imposed.allSatisfy { pool.contains($0) } }) {
            return "\(r.exam.id) \(who): the imposed members (\(r.imposed.joined(separator: ", "))) are never free in the same half-day"
        }
        return "\(r.exam.id) \(who): no half-day of the session has a whole jury free at once (roles, external share, president and imposed members together)"
    }
}
