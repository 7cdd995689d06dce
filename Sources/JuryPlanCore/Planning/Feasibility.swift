/// Quick proofs that no plan exists, in the users' terms: checks that hold whatever the
/// timetable (rooms that no sitting could use, juries no set of members could form).
enum Feasibility {
    static func impossibilities(_ problem: PlanningProblem) -> [String] {
        let campaign = problem.campaign
        var reasons: [String] = []
        var seen = Set<String>()
        func add(_ s: String) { if seen.insert(s).inserted { reasons.append(s) } }
        // Members who can be convened at all: a daily limit above 0 and some free time in the session.
        let free = problem.periods.reduce(MemberSet(count: campaign.members.count)) { $0 | problem.freeInPeriod[$1.index] }
        let usable = campaign.members.indices.filter { campaign.maxSittings(of: campaign.members[$0]) > 0 && free.contains($0) }.map { campaign.members[$0] }
        for r in problem.requests {
            let people = r.candidates.map { problem.candidate($0) }
            let who = r.candidates.count == 1 ? "of \(people[0].displayName) (\(people[0].id))" : "of group \(people[0].group)"
            let names = people.map(\.region).reduce(into: [String]()) { list, name in
                if !list.contains(where: { NameKey.same($0, name) }) { list.append(name) }
            }
            if r.exam.regional, names.count > 1 {
                add("\(r.exam.id) \(who) gathers candidates of \(names.count) regions (\(names.joined(separator: ", "))): a regional exam's room and jury share each candidate's region (R15)")
                continue
            }
            let before = reasons.count
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
                let why = campaign.member(id).flatMap { whyNot($0, examine: r, problem) } ?? "\(id) may not examine"
                add("\(r.exam.id) \(who): imposed member \(id) cannot sit: \(why)")
            }
            if !exact {
                imposedSeats(r, who: who, fit: fit, campaign: campaign).forEach(add)
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
            if reasons.count == before, let shortage = halfDayShortage(r, who: who, problem) { add(shortage) }
        }
        reasons += imposedOverload(problem).filter { seen.insert($0).inserted }
        reasons += capacityShortfalls(problem).filter { seen.insert($0).inserted }
        if reasons.isEmpty { reasons += scarceSeats(problem) }
        if reasons.isEmpty { reasons += roomTime(problem) }
        for (c, requests) in problem.requestsOfCandidate.enumerated() where requests.count > campaign.days.count * campaign.maxExamsPerDay {
            let cand = problem.candidate(c)
            add("\(cand.displayName) (\(cand.id)) has \(requests.count) exams to sit, at most \(campaign.maxExamsPerDay) a day over \(campaign.days.count) day(s)")
        }
        return reasons
    }

    /// Members imposed on a sitting whose jury the planner completes (R18) take seats of the
    /// exam's composition: more of them than seats, or than a role's seats, is impossible; and
    /// the seats left must still be able to reach the external share (R7) and a president (R8).
    static func imposedSeats(_ r: SittingRequest, who: String, fit: [JuryMember], campaign: Campaign) -> [String] {
        let imposed = fit.filter { r.imposed.contains($0.id) }
        guard !imposed.isEmpty else { return [] }
        let list = imposed.map(\.id).joined(separator: ", ")
        if imposed.count > r.jurySize {
            return ["\(r.exam.id) \(who) has a jury of \(r.jurySize), but \(imposed.count) members are imposed (\(list))"]
        }
        let roles = r.exam.jury.roles
        var reasons: [String] = []
        if !roles.isEmpty {
            for (role, n) in roles.sorted(by: { $0.key < $1.key }) {
                let k = imposed.filter { $0.role == role }.count
                if k > n { reasons.append("\(r.exam.id) \(who) has \(n) \(role.rawValue) seat(s), but \(k) imposed members (\(list)) are \(role.rawValue)s") }
            }
            for role in Set(imposed.map(\.role)) where roles[role] == nil {
                reasons.append("\(r.exam.id) \(who) has no \(role.rawValue) seat, but an imposed member (\(list)) is a \(role.rawValue)")
            }
            guard reasons.isEmpty else { return reasons }
        }
        let others = fit.filter { !r.imposed.contains($0.id) }
        if let threshold = r.exam.jury.external {
            let need = Int((threshold * Double(r.jurySize) + 1e-9).rounded(.down)) + 1
            // Each open seat of a role can take an external member of that role, if there is one.
            var reachable = imposed.filter(\.isExternal).count
            if roles.isEmpty {
                reachable += min(r.jurySize - imposed.count, others.filter(\.isExternal).count)
            } else {
                for (role, n) in roles {
                    reachable += min(n - imposed.filter { $0.role == role }.count, others.filter { $0.role == role && $0.isExternal }.count)
                }
            }
            if reachable < need {
                reasons.append("\(r.exam.id) \(who) needs \(need) external members of \(r.jurySize), but with the imposed members (\(list)) at most \(reachable) can be external")
            }
        }
        if r.exam.jury.president, !imposed.contains(where: { $0.role == .professional && $0.canPreside }) {
            let openProfessional = roles.isEmpty ? r.jurySize - imposed.count : (roles[.professional] ?? 0) - imposed.filter { $0.role == .professional }.count
            if openProfessional <= 0 || !others.contains(where: { $0.role == .professional && $0.canPreside }) {
                reasons.append("\(r.exam.id) \(who) needs a president: no imposed member (\(list)) can preside and no seat is left for a professional who can")
            }
        }
        return reasons
    }

    /// Counting arguments over the whole session: a sitting longer than any half-day (R17); more
    /// jury seats than the members' daily limits over their available days give (R14); sittings
    /// whose candidates can only come in one half-day needing more room time than the rooms
    /// have then (R4).
    static func capacityShortfalls(_ problem: PlanningProblem) -> [String] {
        let campaign = problem.campaign
        var reasons: [String] = []
        let longest = max(campaign.hours.morning.minutes, campaign.hours.afternoon.minutes)
        for r in problem.requests where r.exam.mode != .submitted && r.minutes > longest {
            let who = r.candidates.map { problem.candidate($0).displayName + " (" + problem.candidate($0).id + ")" }.joined(separator: ", ")
            reasons.append("\(r.exam.id) of \(who) lasts \(r.minutes) minutes, longer than any half-day (\(longest) minutes): a sitting never spans the lunch break")
        }
        // Member-sittings: each member gives at most their daily limit on each day they are free.
        var seats = 0, certifierSeats = 0
        for r in problem.requests where r.exam.mode.isExamined {
            seats += r.jurySize
            if r.jurySize == r.exam.jury.size { certifierSeats += r.exam.jury.roles[.certifier] ?? 0 }
        }
        var capacity = 0, certifierCapacity = 0
        for (m, member) in campaign.members.enumerated() {
            let days = campaign.days.indices.filter { problem.freeInPeriod[2 * $0].contains(m) || problem.freeInPeriod[2 * $0 + 1].contains(m) }.count
            capacity += days * campaign.maxSittings(of: member)
            if member.role == .certifier { certifierCapacity += days * campaign.maxSittings(of: member) }
        }
        if seats > capacity {
            reasons.append("the juries need \(seats) member-sittings, but the members' daily limits over the days they are free give at most \(capacity)")
        } else if certifierSeats > certifierCapacity {
            reasons.append("the juries need \(certifierSeats) certifier-sittings, but the certifiers' daily limits over the days they are free give at most \(certifierCapacity)")
        }
        // Room time in a half-day, for the sittings that can only take place then.
        var confined: [Int: [SittingRequest]] = [:]
        for r in problem.requests where r.exam.mode.isExamined && r.candidates.contains(where: { !problem.candidate($0).unavailable.isEmpty }) {
            // The half-days in which the sitting fits between its candidates' unavailabilities;
            // two are enough to stop looking.
            var open: [Period] = []
            for p in problem.periods where open.count < 2 {
                let h = problem.hours(p)
                let fits = stride(from: h.start, through: h.end - r.minutes, by: 5).contains { t in
                    r.candidates.allSatisfy { problem.availability.candidate(problem.candidate($0).id, isFreeOn: problem.day(p), TimeRange(start: t, end: t + r.minutes)) }
                }
                if fits { open.append(p) }
            }
            if open.count == 1 { confined[open[0].index, default: []].append(r) }
            if open.isEmpty {
                let who = r.candidates.map { problem.candidate($0).displayName + " (" + problem.candidate($0).id + ")" }.joined(separator: ", ")
                reasons.append("\(r.exam.id) of \(who): \(r.candidates.count > 1 ? "its candidates are never all free" : "the candidate is never free") for \(r.minutes) minutes within a half-day of the session")
            }
        }
        for (index, requests) in confined.sorted(by: { $0.key < $1.key }) {
            let period = problem.periods[index]
            let h = problem.hours(period), day = problem.day(period)
            var roomMinutes = 0
            for (k, room) in campaign.rooms.enumerated() where requests.contains(where: { problem.suitableRooms($0)[k] }) {
                roomMinutes += openMinutes(room, day, h, campaign)
            }
            let need = requests.reduce(0) { $0 + $1.minutes }
            if need > roomMinutes {
                reasons.append("on \(day.iso) \(period.half == .morning ? "morning" : "afternoon") \(requests.count) sitting(s) whose candidates can come only then need \(need) minutes of room time; the suitable rooms offer \(roomMinutes)")
            }
        }
        return reasons
    }

    /// Minutes of the half-day `h` of `day` during which the room is available (R9).
    static func openMinutes(_ room: Room, _ day: Day, _ h: TimeRange, _ campaign: Campaign) -> Int {
        guard !room.available.isEmpty else { return h.minutes }
        return AvailabilityWindows(room.available, hours: campaign.hours).windows(on: day).reduce(0) { total, w in
            total + max(0, min(w.end, h.end) - max(w.start, h.start))
        }
    }

    /// Room time over the session (R4, R9, R11): the oral and group sittings whose suitable rooms
    /// all lie within a set S need, together, no more minutes than the rooms of S are open.
    /// Checked for every distinct set of suitable rooms (up to `poolLimit` of them).
    static func roomTime(_ problem: PlanningProblem) -> [String] {
        let campaign = problem.campaign
        var demand: [[Bool]: (minutes: Int, exams: Set<String>)] = [:]
        for r in problem.requests where r.exam.mode == .oral || r.exam.mode == .group {
            var d = demand[problem.suitableRooms(r)] ?? (0, [])
            d.minutes += r.minutes
            d.exams.insert(r.exam.id)
            demand[problem.suitableRooms(r)] = d
        }
        guard demand.count <= Self.poolLimit else { return [] }
        var open = Array(repeating: 0, count: campaign.rooms.count)
        for (k, room) in campaign.rooms.enumerated() {
            for day in campaign.days {
                open[k] += openMinutes(room, day, campaign.hours.morning, campaign) + openMinutes(room, day, campaign.hours.afternoon, campaign)
            }
        }
        let sets = demand.keys.sorted { $0.lexicographicallyPrecedes($1) { !$0 && $1 } }
        for set in sets {
            let inside = sets.filter { other in other.indices.allSatisfy { !other[$0] || set[$0] } }
            let need = inside.reduce(0) { $0 + demand[$1]!.minutes }
            let have = set.indices.reduce(0) { $0 + (set[$1] ? open[$1] : 0) }
            guard need > have else { continue }
            let exams = inside.reduce(into: Set<String>()) { $0.formUnion(demand[$1]!.exams) }.sorted().joined(separator: ", ")
            let rooms = set.indices.filter { set[$0] }.map { campaign.rooms[$0].id }
            let named = rooms.prefix(6).joined(separator: ", ") + (rooms.count > 6 ? ", …" : "")
            return ["the \(exams) sittings need \(need) minutes of room time in the rooms that suit them (\(rooms.isEmpty ? "none" : named)); those rooms are open \(have) minutes over the session"]
        }
        return []
    }

    /// Seats only a few members can fill (a president, a certifier, an external member): the
    /// sittings whose pool of such members lies within a set S need, together, no more seats
    /// than the members of S can sit: each sits one seat per sitting, at most their daily limit
    /// and what fits in their free half-days (R3, R8, R9, R14). Checked for every distinct
    /// pool S (up to `poolLimit` of them). E.g. 14 regional theses whose only possible
    /// president is free for twelve sittings.
    static func scarceSeats(_ problem: PlanningProblem) -> [String] {
        let campaign = problem.campaign
        let examined = problem.requests.filter { $0.exam.mode.isExamined && $0.jurySize == $0.exam.jury.size }
        guard !examined.isEmpty else { return [] }
        // What a member can sit over the session, in sittings of `minutes`.
        let buffer = campaign.bufferMinutes
        struct Key: Hashable { var member: Int, minutes: Int }
        var memo: [Key: Int] = [:]
        func capacity(_ m: Int, _ minutes: Int) -> Int {
            if let known = memo[Key(member: m, minutes: minutes)] { return known }
            let member = campaign.members[m]
            let windows = AvailabilityWindows(member.available, hours: campaign.hours)
            let total = campaign.days.indices.reduce(0) { total, d in
                let fits = [campaign.hours.morning, campaign.hours.afternoon].reduce(0) { n, h in
                    let free = member.available.isEmpty ? [h] : windows.windows(on: campaign.days[d]).compactMap { w -> TimeRange? in
                        let s = max(w.start, h.start), e = min(w.end, h.end)
                        return s < e ? TimeRange(start: s, end: e) : nil
                    }
                    return n + free.reduce(0) { $0 + ($1.minutes + buffer) / max(1, minutes + buffer) }
                }
                return total + min(campaign.maxSittings(of: member), fits)
            }
            memo[Key(member: m, minutes: minutes)] = total
            return total
        }
        let kinds: [(name: String, members: MemberSet, need: (SittingRequest) -> Int)] = [
            ("president", problem.presidingMembers & problem.members(of: .professional), { $0.exam.jury.president ? 1 : 0 }),
            ("certifier", problem.members(of: .certifier), { $0.exam.jury.roles[.certifier] ?? 0 }),
            ("professional", problem.members(of: .professional), { $0.exam.jury.roles[.professional] ?? 0 }),
            ("external member", problem.externalMembers, { r in r.exam.jury.external.map { Int(($0 * Double(r.jurySize) + 1e-9).rounded(.down)) + 1 } ?? 0 }),
        ]
        var reasons: [String] = []
        for kind in kinds {
            var demand: [MemberSet: (seats: Int, exams: Set<String>, shortest: Int)] = [:]
            for r in examined where kind.need(r) > 0 {
                let pool = problem.mayExamine(r) & kind.members
                var d = demand[pool] ?? (0, [], r.minutes)
                d.seats += kind.need(r)
                d.exams.insert(r.exam.id)
                d.shortest = min(d.shortest, r.minutes)
                demand[pool] = d
            }
            guard demand.count <= Self.poolLimit else { continue }
            let pools = demand.keys.sorted { $0.members.lexicographicallyPrecedes($1.members) }
            for pool in pools {
                let inside = pools.filter { $0.countCommon(pool) == $0.count }
                let need = inside.reduce(0) { $0 + demand[$1]!.seats }
                let shortest = inside.map { demand[$0]!.shortest }.min() ?? 1
                let can = pool.members.reduce(0) { $0 + capacity($1, shortest) }
                guard need > can else { continue }
                let exams = inside.reduce(into: Set<String>()) { $0.formUnion(demand[$1]!.exams) }.sorted().joined(separator: ", ")
                let who = pool.members.prefix(6).map { campaign.members[$0].id }.joined(separator: ", ") + (pool.count > 6 ? ", …" : "")
                reasons.append("\(exams) sittings need \(need) \(kind.name) seat(s) that only \(pool.count == 0 ? "no one" : who) may fill; \(pool.count == 1 ? "that member" : "those members") can sit at most \(can) (availability and daily limits)")
                break
            }
        }
        return reasons
    }

    static let poolLimit = 400

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
            for day in campaign.days {
                let windows = member.available.isEmpty
                    ? [campaign.hours.morning, campaign.hours.afternoon]
                    : AvailabilityWindows(member.available, hours: campaign.hours).windows(on: day).flatMap { w in
                        [campaign.hours.morning, campaign.hours.afternoon].compactMap { h -> TimeRange? in
                            let s = max(w.start, h.start), e = min(w.end, h.end)
                            return s < e ? TimeRange(start: s, end: e) : nil
                        }
                    }
                let usable = windows.reduce(0) { $0 + $1.minutes + campaign.bufferMinutes }
                if usable > 0 { days += 1; minutes += usable }
            }
            // Never convened, or free on no day: each of their sittings already says so (`whyNot`).
            guard limit > 0, days > 0 else { continue }
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
