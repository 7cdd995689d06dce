import MIP

/// A neighbourhood solved exactly with GLPK: the oral seats of one class (same exam, panel key
/// and length) handed out again among the candidates who hold them, every panel, time and jury
/// kept. With the candidates' other sittings fixed, a candidate's share of the objective
/// (candidate-days, preferences, repeated examiners) for each seat is a constant, and the rules
/// a seat must keep for them (R2, R9, R10, R11, R12, R13, R15, R16, R18) do not depend on who
/// holds the other seats: the neighbourhood is an assignment problem, whose LP relaxation is
/// integral. It finds the exchanges among three or more candidates that pairwise trades miss.
extension CandidateSwaps {
    /// Each class reassigned in a fixed order (seats in chunks of at most `assignmentChunk`, by
    /// day), `assignmentPasses` times while one helps; returns how many candidates moved.
    mutating func reassign() -> Int {
        var moved = 0
        // A second pass finds a little more (CSEC 100 over 4 days: 1.1 % in all); above 1,000
        // sittings it costs more time than the speed goals leave.
        let passes = problem.requests.count > Self.secondPassUpTo ? 1 : Self.assignmentPasses
        for _ in 0..<passes {
            var movedThisPass = 0
            var classes: [String: [Seat]] = [:]
            for (p, panel) in panels.enumerated() where Self.tradable(panel.exam) {
                for (k, slot) in panel.slots.enumerated() where slot.candidates.count == 1 {
                    classes[classKey(p, k), default: []].append(Seat(panel: p, slot: k))
                }
            }
            for key in classes.keys.sorted() {
                let seats = classes[key]!.sorted { (panels[$0.panel].period.dayIndex, $0.panel, $0.slot) < (panels[$1.panel].period.dayIndex, $1.panel, $1.slot) }
                var start = 0
                while start < seats.count {
                    let chunk = Array(seats[start..<min(seats.count, start + Self.assignmentChunk)])
                    movedThisPass += reassign(chunk)
                    start += Self.assignmentChunk
                }
            }
            moved += movedThisPass
            if movedThisPass == 0 { break }
        }
        return moved
    }

    static let assignmentPasses = 2
    static let secondPassUpTo = 1_000
    static let assignmentChunk = 150

    /// One chunk of seats handed out again at least cost; returns how many candidates moved.
    private mutating func reassign(_ chunk: [Seat]) -> Int {
        guard chunk.count > 2 else { return 0 }
        let holders = chunk.map { panels[$0.panel].slots[$0.slot].candidates[0] }
        // Each holder's other sittings stay fixed only if they hold one seat here.
        guard Set(holders).count == holders.count else { return 0 }
        let model = Model(name: "seats")
        var row: [[(seat: Int, variable: Variable)]] = Array(repeating: [], count: chunk.count)
        var column: [[Variable]] = Array(repeating: [], count: chunk.count)
        var current = 0.0
        for (i, x) in holders.enumerated() {
            let own = cost(x)
            current += own
            // Seats on the days x comes anyway: a move elsewhere can only lower x's cost when
            // the seat is x's only sitting that day (a preference, a repeated examiner), and
            // weighing every seat cost a second a pass at 300 candidates.
            let days = Set((seats[x] + fixed[x]).map { panels[$0.panel].period.dayIndex })
            let xFits = fitter(x, from: chunk[i])
            for (j, seat) in chunk.enumerated() where j == i || (days.contains(panels[seat.panel].period.dayIndex) && xFits(seat)) {
                let c = j == i ? own : cost(x, moving: chunk[i], to: seat)
                let v = model.addVariable("a_\(i)_\(j)", kind: .binary, objective: c)
                row[i].append((j, v))
                column[j].append(v)
            }
        }
        // Nothing but the plan as it stands: no exchange to weigh.
        guard row.contains(where: { $0.count > 1 }) else { return 0 }
        for i in chunk.indices {
            model.addConstraint("candidate_\(i)", LinearExpression(row[i].map { (1.0, $0.variable) }), .equal, 1)
            model.addConstraint("seat_\(i)", LinearExpression(column[i].map { (1.0, $0) }), .equal, 1)
        }
        model.setObjective(LinearExpression(), .minimize)
        var warm = Array(repeating: 0.0, count: model.variableCount)
        for (i, entries) in row.enumerated() { if let own = entries.first(where: { $0.seat == i }) { warm[own.variable.index] = 1 } }
        var parameters = SolveParameters(relativeGap: 0, nodeLimit: Self.assignmentNodes)
        parameters.warmStart = warm
        let result = GLPKSolver().solve(model, parameters)
        guard let objective = result.objective, objective < current - 1e-9, result.values.count == model.variableCount else { return 0 }
        var target = Array(chunk.indices)
        for (i, entries) in row.enumerated() {
            guard let chosen = entries.first(where: { result.values[$0.variable.index] > 0.5 }) else { return 0 }
            target[i] = chosen.seat
        }
        guard Set(target).count == chunk.count else { return 0 }
        // Every slot takes its new holder's request for the exam.
        let requests = chunk.map { panels[$0.panel].slots[$0.slot].request }
        for (i, x) in holders.enumerated() {
            let seat = chunk[target[i]]
            panels[seat.panel].slots[seat.slot].request = requests[i]
            panels[seat.panel].slots[seat.slot].candidates = [x]
            seats[x] = seats[x].map { $0 == chunk[i] ? seat : $0 }
        }
        return zip(chunk.indices, target).filter { $0 != $1 }.count
    }

    /// The assignment's LP relaxation is integral: the root node settles it.
    static let assignmentNodes = 2
}
