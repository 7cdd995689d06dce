import MIP

/// The committee session as one time-indexed MIP, warm started by `CommitteeGreedy`:
/// - `x[s,o]` sitting s starts at option o (day, time, site); Σ_o x[s,o] ≤ 1, and each
///   sitting left out costs more than anything placing it can cost (placed sittings first);
/// - `z[m,d,site]` member m is convened on day d at that site: Σ_site z ≤ 1 (R14, one site);
/// - R3: for each member, day, site and start τ, the sittings whose interval extended by the
///   buffer covers τ sum to at most z (intervals that meet share the later start: these
///   cliques are exact), which also links x to z;
/// - R14: a member's sittings of a day are at most their daily limit times z;
/// - R4: at each start τ of a site, the sittings in progress are at most the rooms open then,
///   and at most `rooms[d,site,half]`, the room half-days paid for (intervals are perfect
///   graphs, so that many rooms hold them when rooms are alike; `CommitteePlanner` names them);
/// - R2, R12, R13 for candidates with several sittings.
/// Minimises SPEC §1.3: member-days, room half-days, preferences (candidate-days are fixed
/// once every sitting is placed; imbalance is left to the figures).
struct CommitteeModel {
    let session: CommitteeProblem
    let model = Model(name: "committees")
    /// x[i][k] for option k of the i-th free sitting.
    private(set) var x: [[Variable]] = []
    private var z: [Key: Variable] = [:]
    private var rooms: [Key: Variable] = [:]
    /// Rows bounding each room half-day variable from below, and their constants, to compute
    /// it for a warm start.
    private var roomRows: [Key: [[(Int, Int)]]] = [:]
    private var roomSlack: [Key: [Int]] = [:]

    private struct Key: Hashable { let a: Int, d: Int, site: Int }

    /// The sittings the model places (all, or a neighbourhood) and the options each may take.
    let free: [Int]
    let options: [[SlotOption]]
    /// Bookings that stay as they are around a neighbourhood (nil: the whole session is free).
    let fixed: CommitteeTimetable?
    private let position: [Int: Int]

    /// The whole session, or with `fixed` the sittings it leaves unbooked among `free`, the
    /// rest staying put: their members' time, days, sites and rooms are then taken into
    /// account through the options kept and the capacities left.
    /// Sittings the model must place (they were placed before it: Σ_o x = 1, a tighter LP than
    /// a reward for placing).
    let mustPlace: Set<Int>

    init(_ session: CommitteeProblem, free: [Int]? = nil, around fixed: CommitteeTimetable? = nil, mustPlace: Set<Int> = []) {
        self.session = session
        self.mustPlace = mustPlace
        self.fixed = fixed
        let free = free ?? Array(session.sittings.indices)
        self.free = free
        options = free.map { s in
            guard let fixed else { return session.sittings[s].options }
            return session.sittings[s].options.filter { fixed.peopleFree(s, at: $0) && fixed.room(for: s, at: $0) != nil }
        }
        position = Dictionary(uniqueKeysWithValues: free.enumerated().map { ($1, $0) })
        addPlacements()
        addMemberRows()
        addRoomRows()
        addCandidateRows()
    }

    private func option(_ s: Int, _ k: Int) -> SlotOption { options[position[s]!][k] }

    private var campaign: Campaign { session.campaign }

    private mutating func addPlacements() {
        let w = campaign.weights
        let campaign = self.campaign
        for (i, s) in free.enumerated() {
            let sitting = session.sittings[s]
            let worst = w.memberDays * Double(sitting.members.count) + w.roomHalfDays + w.preference * Double(sitting.members.count + sitting.request.candidates.count)
            let reward = 2 * worst + 1000
            x.append(options[i].map { o in
                let window = TimeRange(start: o.start, end: o.start + sitting.minutes)
                let missed = sitting.request.candidates.filter { c in
                    !campaign.candidates[c].isPreferred(campaign.days[o.dayIndex], window, hours: campaign.hours)
                }.count
                return model.addVariable("x[\(s),\(o.dayIndex),\(o.start),\(o.site)]", kind: .binary,
                                         objective: (mustPlace.contains(s) ? 0 : -reward) + w.preference * Double(missed))
            })
            if !x[i].isEmpty { model.addConstraint("once[\(s)]", LinearExpression.sum(x[i]), mustPlace.contains(s) ? .equal : .lessOrEqual, 1) }
        }
    }

    /// The free sittings of each member and each candidate, as positions in `free`.
    private func positions(_ lists: [[Int]]) -> [[Int]] { lists.map { $0.compactMap { position[$0] } } }

    /// Per member: presence z, one site a day, the daily limit, and the buffer cliques. Around
    /// fixed bookings a day the member already comes costs nothing more, and the daily limit
    /// is what those bookings leave.
    private mutating func addMemberRows() {
        let w = campaign.weights
        let buffer = campaign.bufferMinutes
        for (m, list) in positions(session.sittingsOfMember).enumerated() where !list.isEmpty {
            let member = campaign.members[m]
            var byKey: [Key: [(i: Int, k: Int)]] = [:]
            for i in list { for (k, o) in options[i].enumerated() { byKey[Key(a: m, d: o.dayIndex, site: o.site), default: []].append((i, k)) } }
            var sitesOfDay: [Int: [Variable]] = [:]
            var ofDay: [Int: [Variable]] = [:]
            for key in byKey.keys.sorted(by: { ($0.d, $0.site) < ($1.d, $1.site) }) {
                let entries = byKey[key]!
                let unpreferred = !member.isPreferred(campaign.days[key.d])
                let comes = fixed?.isConvened(m, key.d) ?? false
                let presence = model.addVariable("z[\(member.id),\(key.d),\(key.site)]", kind: .binary,
                                                 objective: comes ? 0 : w.memberDays + (unpreferred ? w.preference : 0))
                z[key] = presence
                sitesOfDay[key.d, default: []].append(presence)
                ofDay[key.d, default: []] += entries.map { x[$0.i][$0.k] }
                for tau in Set(entries.map { options[$0.i][$0.k].start }).sorted() {
                    let covering = entries.filter { e in
                        let o = options[e.i][e.k]
                        return o.start <= tau && tau < o.start + session.sittings[free[e.i]].minutes + buffer
                    }.map { x[$0.i][$0.k] }
                    model.addConstraint("busy[\(member.id),\(key.d),\(key.site),\(tau)]", LinearExpression.sum(covering) - presence, .lessOrEqual, 0)
                }
            }
            for d in sitesOfDay.keys.sorted() {
                let presence = sitesOfDay[d]!
                let cap = Double(campaign.maxSittings(of: member) - (fixed?.sittings(of: m, on: d) ?? 0))
                if presence.count > 1 { model.addConstraint("oneSite[\(member.id),\(d)]", LinearExpression.sum(presence), .lessOrEqual, 1) }
                model.addConstraint("dailyLimit[\(member.id),\(d)]", LinearExpression.sum(ofDay[d]!) - cap * LinearExpression.sum(presence), .lessOrEqual, 0)
            }
        }
    }

    /// R4 by counting: sittings in progress at a site at most the rooms open and not taken then.
    private mutating func addRoomRows() {
        let hours = campaign.hours
        var byKey: [Key: [(i: Int, k: Int)]] = [:]
        for (i, s) in free.enumerated() {
            for (k, o) in options[i].enumerated() {
                let half = hours.halfDay(containing: TimeRange(start: o.start, end: o.start + session.sittings[s].minutes)) == .morning ? 0 : 1
                byKey[Key(a: half, d: o.dayIndex, site: o.site), default: []].append((i, k))
            }
        }
        let roomsOfSite = Dictionary(grouping: campaign.rooms.indices, by: { session.siteOfRoom[$0] })
        for key in byKey.keys.sorted(by: { ($0.d, $0.a, $0.site) < ($1.d, $1.a, $1.site) }) {
            let entries = byKey[key]!
            let siteRooms = roomsOfSite[key.site] ?? []
            let day = campaign.days[key.d]
            let alreadyOpen = fixed?.roomsUsed(siteRooms, day: key.d, half: key.a == 0 ? .morning : .afternoon) ?? 0
            let open = model.addVariable("rooms[\(key.d),\(key.a),\(key.site)]", kind: .integer, upperBound: Double(siteRooms.count),
                                         objective: campaign.weights.roomHalfDays)
            rooms[key] = open
            var rows: [(covering: [(Int, Int)], taken: Int)] = []
            for tau in Set(entries.map { options[$0.i][$0.k].start }).sorted() {
                let covering = entries.filter { e in
                    let o = options[e.i][e.k]
                    return o.start <= tau && tau < o.start + session.sittings[free[e.i]].minutes
                }
                let now = TimeRange(start: tau, end: tau + 1)
                let taken = fixed?.roomsBusy(siteRooms, day: key.d, at: tau) ?? 0
                rows.append((covering.map { ($0.i, $0.k) }, taken))
                let vars = covering.map { x[$0.i][$0.k] }
                model.addConstraint("roomsUsed[\(key.d),\(key.site),\(tau)]", LinearExpression.sum(vars) - open, .lessOrEqual, Double(alreadyOpen - taken))
                let openNow = siteRooms.filter { session.problem.availability.room(campaign.rooms[$0].id, isFreeOn: day, now) }.count - taken
                if openNow < siteRooms.count { model.addConstraint("roomsOpen[\(key.d),\(key.site),\(tau)]", LinearExpression.sum(vars), .lessOrEqual, Double(max(0, openNow))) }
            }
            roomRows[key] = rows.map { row in row.covering }
            roomSlack[key] = rows.map { alreadyOpen - $0.taken }
        }
    }

    /// R2 and R12 (overlap with the break, daily count) and R13 for candidates with several
    /// sittings among the free ones (options already keep clear of their fixed sittings).
    private mutating func addCandidateRows() {
        let gap = campaign.minBreakMinutes
        let horizon = Double((campaign.days.count + 1) * 1440)
        for (c, list) in positions(session.sittingsOfCandidate).enumerated() where list.count > 1 {
            let candidate = campaign.candidates[c]
            var byDay: [Int: [(i: Int, k: Int)]] = [:]
            for i in list { for (k, o) in options[i].enumerated() { byDay[o.dayIndex, default: []].append((i, k)) } }
            for d in byDay.keys.sorted() {
                let entries = byDay[d]!
                let fixedThatDay = session.sittingsOfCandidate[c].filter { fixed?.bookings[$0]?.dayIndex == d }.count
                model.addConstraint("examsPerDay[\(candidate.id),\(d)]", LinearExpression.sum(entries.map { x[$0.i][$0.k] }), .lessOrEqual,
                                    Double(campaign.maxExamsPerDay - fixedThatDay))
                for tau in Set(entries.map { options[$0.i][$0.k].start }).sorted() {
                    let covering = entries.filter { e in
                        let o = options[e.i][e.k]
                        return o.start <= tau && tau < o.start + session.sittings[free[e.i]].request.minutes(of: candidate) + gap
                    }.map { x[$0.i][$0.k] }
                    if covering.count > 1 { model.addConstraint("break[\(candidate.id),\(d),\(tau)]", LinearExpression.sum(covering), .lessOrEqual, 1) }
                }
            }
            for later in list {
                let exam = session.sittings[free[later]].request.exam
                for earlier in list where earlier != later && campaign.exam(exam, follows: session.sittings[free[earlier]].request.exam.id) {
                    func time(_ i: Int, _ k: Int, end: Bool) -> Double {
                        let o = options[i][k]
                        return Double(o.dayIndex * 1440 + o.start + (end ? session.sittings[free[i]].request.minutes(of: candidate) : 0))
                    }
                    model.addConstraint("afterPlaced[\(candidate.id),\(later),\(earlier)]", LinearExpression.sum(x[later]) - LinearExpression.sum(x[earlier]), .lessOrEqual, 0)
                    var order = LinearExpression()
                    for k in x[later].indices { order.add(time(later, k, end: false) - horizon, x[later][k]) }
                    for k in x[earlier].indices { order.add(-time(earlier, k, end: true), x[earlier][k]) }
                    model.addConstraint("after[\(candidate.id),\(later),\(earlier)]", order, .greaterOrEqual, -horizon)
                }
            }
        }
    }

    /// A full assignment for the timetable's bookings of the free sittings (the warm start).
    func values(_ timetable: CommitteeTimetable) -> [Double] {
        var values = Array(repeating: 0.0, count: model.variableCount)
        for (i, s) in free.enumerated() {
            guard let booking = timetable.bookings[s], let k = options[i].firstIndex(of: booking.option) else { continue }
            values[x[i][k].index] = 1
            for m in session.sittings[s].members { if let v = z[Key(a: m, d: booking.dayIndex, site: booking.option.site)] { values[v.index] = 1 } }
        }
        for (key, rows) in roomRows {
            let slack = roomSlack[key] ?? []
            let used = zip(rows, slack).map { row, extra in row.reduce(0) { $0 + Int(values[x[$1.0][$1.1].index]) } - extra }.max() ?? 0
            values[rooms[key]!.index] = Double(max(0, used))
        }
        return values
    }

    /// The option chosen for each free sitting in a solution (by sitting number), nil where left out.
    func chosen(_ result: SolveResult) -> [Int: SlotOption?] {
        Dictionary(uniqueKeysWithValues: free.enumerated().map { i, s in (s, x[i].firstIndex(where: result.isOne).map { options[i][$0] }) })
    }
}
