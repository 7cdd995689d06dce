import MIP

/// The plain monolithic model, for comparison only (benchmark): one time-indexed MIP over the
/// whole session, on a grid of `step` minutes. `x[r,room,s]` request r starts at s in room,
/// `y[m,r,s]` member m sits it, `v[e,room,s]` a written sitting opens, `z[m,d]` member-days,
/// `o[room,h]` room half-days, `w[c,d]` candidate-days. Objective: the first three criteria of
/// SPEC §1.3. It keeps R1–R13, R15–R18; R14's one-site rule is left out (single-site campaigns
/// only) and sittings start on the grid, so its optimum is that of a restricted problem.
public struct MonolithicModel {
    public let model = Model(name: "monolithic")
    public let step: Int
    public private(set) var startCount = 0

    /// Builds the model; nil when the campaign uses several sites.
    public init?(_ campaign: Campaign, step: Int = 15) {
        self.step = step
        guard Set(campaign.rooms.map(\.site)).count <= 1 else { return nil }
        let problem = PlanningProblem(campaign)
        build(problem)
    }

    private struct Start: Hashable { var period: Period; var time: Int }

    private mutating func build(_ problem: PlanningProblem) {
        let campaign = problem.campaign
        let w = campaign.weights
        let buffer = campaign.bufferMinutes
        // Starts per request: on the grid, inside a half-day, the candidates available.
        var starts: [[Start]] = []
        var rooms: [[Int]] = []
        for r in problem.requests {
            var list: [Start] = []
            for period in problem.periods {
                let h = problem.hours(period)
                var t = h.start
                while t + r.minutes <= h.end {
                    let day = problem.day(period)
                    if r.candidates.allSatisfy({ problem.availability.candidate(problem.candidate($0).id, isFreeOn: day, TimeRange(start: t, end: t + r.minutes)) }) {
                        list.append(Start(period: period, time: t))
                    }
                    t += step
                }
            }
            starts.append(list)
            rooms.append(campaign.rooms.indices.filter { problem.suitableRooms(r)[$0] })
        }
        startCount = starts.reduce(0) { $0 + $1.count }
        var x: [[Start: [Int: Variable]]] = Array(repeating: [:], count: problem.requests.count)
        var occupancyRoom: [String: LinearExpression] = [:]     // room|day|minute → sittings
        var occupancyCandidate: [String: LinearExpression] = [:]
        var occupancyMember: [String: LinearExpression] = [:]
        var roomHalf: [String: LinearExpression] = [:]
        var candidateDay: [String: LinearExpression] = [:]
        var memberDay: [String: LinearExpression] = [:]
        func minutes(_ s: Start, _ length: Int) -> [Int] { Array(stride(from: s.time, to: s.time + length, by: step)) }
        // Written sittings: one per exam, room and start.
        var written: [String: Variable] = [:]
        for (ri, r) in problem.requests.enumerated() {
            var one = LinearExpression()
            for s in starts[ri] {
                for room in rooms[ri] where problem.availability.room(campaign.rooms[room].id, isFreeOn: problem.day(s.period), TimeRange(start: s.time, end: s.time + r.minutes)) {
                    let v = model.addVariable("x[r\(ri),\(campaign.rooms[room].id),\(s.period.index),\(s.time)]", kind: .binary)
                    x[ri][s, default: [:]][room] = v
                    one += v
                    let dayKey = "\(s.period.dayIndex)"
                    roomHalf["\(room)|\(s.period.index)", default: LinearExpression()] += v
                    if r.exam.mode == .written {
                        let key = "\(r.exam.id)|\(room)|\(s.period.index)|\(s.time)"
                        let length = r.exam.minutes(extraTime: campaign.candidates.contains { $0.extraTime && $0.exams.contains(r.exam.id) })
                        if written[key] == nil {
                            let open = model.addVariable("v[\(key)]", kind: .binary)
                            written[key] = open
                            for t in minutes(s, length) { occupancyRoom["\(room)|\(dayKey)|\(t)", default: LinearExpression()] += open }
                            var invigilators = LinearExpression()
                            let window = TimeRange(start: s.time, end: s.time + length)
                            for m in campaign.members.indices where problem.availableDuring(s.period.dayIndex, window).contains(m) {
                                let iv = model.addVariable("i[\(campaign.members[m].id),\(key)]", kind: .binary)
                                invigilators += iv
                                for t in minutes(s, length + buffer) { occupancyMember["\(m)|\(dayKey)|\(t)", default: LinearExpression()] += iv }
                                memberDay["\(m)|\(dayKey)", default: LinearExpression()] += iv
                            }
                            model.addConstraint("invigilate[\(key)]", invigilators - Double(r.exam.jury.size) * open, .equal, 0)
                        }
                        if let open = written[key] { model.addConstraint("inroom[r\(ri),\(key)]", v - open, .lessOrEqual, 0) }
                    } else {
                        for t in minutes(s, r.minutes) { occupancyRoom["\(room)|\(dayKey)|\(t)", default: LinearExpression()] += v }
                    }
                }
            }
            model.addConstraint("once[r\(ri)]", one, .equal, 1)
        }
        // Written capacity: Σ candidates in a written sitting ≤ capacity.
        var seated: [String: LinearExpression] = [:]
        for (ri, r) in problem.requests.enumerated() where r.exam.mode == .written {
            for (s, byRoom) in x[ri] { for (room, v) in byRoom { seated["\(r.exam.id)|\(room)|\(s.period.index)|\(s.time)", default: LinearExpression()] += v } }
        }
        for (key, expr) in seated.sorted(by: { $0.key < $1.key }) {
            let room = Int(key.split(separator: "|")[1]) ?? 0
            if let open = written[key] { model.addConstraint("capacity[\(key)]", expr - Double(campaign.rooms[room].capacity) * open, .lessOrEqual, 0) }
        }
        // Juries, time-indexed: y[m,r,s].
        for (ri, r) in problem.requests.enumerated() where r.exam.mode.isExamined {
            let eligible = problem.mayExamine(r)
            var presidents = LinearExpression()
            var sits: [Int: LinearExpression] = [:]
            for s in starts[ri] {
                guard let byRoom = x[ri][s] else { continue }
                let chosen = LinearExpression.sum(byRoom.values.sorted())
                let window = TimeRange(start: s.time, end: s.time + r.minutes)
                let pool = eligible & problem.availableDuring(s.period.dayIndex, window)
                var byRole: [Role: LinearExpression] = [:]
                var all = LinearExpression(), externals = LinearExpression()
                for m in campaign.members.indices where pool.contains(m) {
                    let y = model.addVariable("y[\(campaign.members[m].id),r\(ri),\(s.period.index),\(s.time)]", kind: .binary)
                    byRole[campaign.members[m].role, default: LinearExpression()] += y
                    all += y
                    if campaign.members[m].isExternal { externals += y }
                    sits[m, default: LinearExpression()] += y
                    let dayKey = "\(s.period.dayIndex)"
                    for t in minutes(s, r.minutes + buffer) { occupancyMember["\(m)|\(dayKey)|\(t)", default: LinearExpression()] += y }
                    memberDay["\(m)|\(dayKey)", default: LinearExpression()] += y
                }
                let tag = "r\(ri),\(s.period.index),\(s.time)"
                if r.exam.jury.roles.isEmpty || r.jurySize != r.exam.jury.size {
                    model.addConstraint("size[\(tag)]", all - Double(r.jurySize) * chosen, .equal, 0)
                } else {
                    for (role, n) in r.exam.jury.roles.sorted(by: { $0.key < $1.key }) {
                        model.addConstraint("role[\(tag),\(role.rawValue)]", (byRole[role] ?? LinearExpression()) - Double(n) * chosen, .equal, 0)
                    }
                }
                let need = problem.seatNeeds(r)[SeatKind.external.rawValue]
                if need > 0 { model.addConstraint("external[\(tag)]", externals - Double(need) * chosen, .greaterOrEqual, 0) }
            }
            for id in r.imposed {
                if let m = campaign.memberNumber(id) { model.addConstraint("imposed[\(id),r\(ri)]", sits[m] ?? LinearExpression(), .equal, 1) }
            }
            if r.exam.jury.president, r.jurySize == r.exam.jury.size {
                for (m, expr) in sits.sorted(by: { $0.key < $1.key }) where problem.presidingMembers.contains(m) {
                    let p = model.addVariable("pres[\(campaign.members[m].id),r\(ri)]", kind: .binary)
                    presidents += p
                    model.addConstraint("presides[\(campaign.members[m].id),r\(ri)]", p - expr, .lessOrEqual, 0)
                }
                model.addConstraint("president[r\(ri)]", presidents, .equal, 1)
            }
        }
        // Candidates: no overlap with breaks (R2, R12), daily limit, candidate-days, order (R13).
        for (ri, r) in problem.requests.enumerated() {
            for (s, byRoom) in x[ri] {
                let chosen = LinearExpression.sum(byRoom.values.sorted())
                for c in r.candidates {
                    let length = r.minutes(of: problem.candidate(c)) + campaign.minBreakMinutes
                    for t in minutes(s, length) { occupancyCandidate["\(c)|\(s.period.dayIndex)|\(t)", default: LinearExpression()] += chosen }
                    candidateDay["\(c)|\(s.period.dayIndex)", default: LinearExpression()] += chosen
                }
            }
        }
        for (ri, r) in problem.requests.enumerated() {
            for before in r.exam.after {
                for c in r.candidates {
                    guard let pi = problem.requestsOfCandidate[c].first(where: { problem.requests[$0].exam.id == campaign.canonicalExamID(before) }) else { continue }
                    func clock(_ s: Start) -> Double { Double(s.period.dayIndex * 1440 + s.time) }
                    var expr = LinearExpression()
                    for (s, byRoom) in x[ri] { for v in byRoom.values { expr.add(clock(s), v) } }
                    for (s, byRoom) in x[pi] { for v in byRoom.values { expr.add(-(clock(s) + Double(problem.requests[pi].minutes(of: problem.candidate(c)))), v) } }
                    model.addConstraint("after[c\(c),r\(ri),r\(pi)]", expr, .greaterOrEqual, 0)
                }
            }
        }
        for (key, expr) in occupancyRoom.sorted(by: { $0.key < $1.key }) { model.addConstraint("room[\(key)]", expr, .lessOrEqual, 1) }
        for (key, expr) in occupancyCandidate.sorted(by: { $0.key < $1.key }) { model.addConstraint("cand[\(key)]", expr, .lessOrEqual, 1) }
        for (key, expr) in candidateDay.sorted(by: { $0.key < $1.key }) {
            let day = model.addVariable("w[\(key)]", kind: .binary, objective: w.candidateDays)
            model.addConstraint("cday[\(key)]", expr - Double(campaign.maxExamsPerDay) * day, .lessOrEqual, 0)
        }
        for (key, expr) in roomHalf.sorted(by: { $0.key < $1.key }) {
            let open = model.addVariable("o[\(key)]", kind: .binary, objective: w.roomHalfDays)
            model.addConstraint("rhalf[\(key)]", expr - 1000 * open, .lessOrEqual, 0)
        }
        var dayOf: [String: Variable] = [:]
        for (key, expr) in memberDay.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "|")
            let member = campaign.members[Int(parts[0]) ?? 0]
            let z = model.addVariable("z[\(member.id),\(parts[1])]", kind: .binary, objective: w.memberDays)
            dayOf[key] = z
            model.addConstraint("mday[\(key)]", expr - Double(campaign.maxSittings(of: member)) * z, .lessOrEqual, 0)
        }
        for (key, expr) in occupancyMember.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "|")
            if let z = dayOf["\(parts[0])|\(parts[1])"] { model.addConstraint("member[\(key)]", expr - z, .lessOrEqual, 0) }
        }
        model.setObjective(LinearExpression(), .minimize)
    }
}
