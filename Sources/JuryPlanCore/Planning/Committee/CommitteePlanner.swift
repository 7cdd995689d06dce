import MIP

/// Plans a session of fixed committees (`CommitteeProblem`): two jury-aware constructions
/// (`CommitteeGreedy`) and the user's draft, if any, give the first plan; a small session is
/// then solved whole as one MIP (`CommitteeModel`), and neighbourhoods of it are freed and
/// re-solved with the rest fixed, each warm started by the current plan. Rooms are named
/// sitting by sitting after each solve; a sitting that finds none goes back to the
/// construction's repair. A plan is kept when it places more sittings, or as many at a lower
/// SPEC §1.3 objective. Sittings left out are listed with their reason.
struct CommitteePlanner {
    let session: CommitteeProblem
    let options: PlanOptions
    let solver: any MIPSolver

    /// Up to this many options the whole session is one MIP before the neighbourhoods (measured:
    /// 254 columns solve to optimality in 0.06 s; 2,613 do not close in 60 s).
    static let wholeModelColumns = 1_500
    static let wholeModelNonZeros = 20_000
    /// Ejection chains tried on what the constructions leave out: moves deep, starts tried.
    static let deepRepairDepth = 5
    static let deepRepairBudget = 60_000
    /// Branch-and-bound nodes per MIP: a deterministic work limit.
    static let nodeLimit = 20
    /// Neighbourhoods tried, and how many in a row may fail before the search stops.
    static let neighbourhoods = 400
    static let patience = 20
    /// Sittings freed in one neighbourhood: around a sitting left out (room is needed to seat
    /// it), and around a member convened on too many days (small MIPs close within the nodes).
    static let neighbourhoodSize = 100
    static let memberNeighbourhoodSize = 20
    /// Options (MIP columns) freed at most: a sub-MIP of a few thousand columns solves its root
    /// and 20 nodes in a fraction of a second (4,299 columns took 0.9 s for the LP alone).
    static let neighbourhoodColumns = 3_000
    static let memberNeighbourhoodColumns = 1_200

    struct Result {
        var timetable: CommitteeTimetable
        var modelRows = 0, modelColumns = 0, modelNonZeros = 0
        var provedOptimal = false
        var improvements = 0
    }

    func plan(clock: Stopwatch) -> Result {
        let greedy = CommitteeGreedy(session)
        var result = Result(timetable: greedy.construct())
        var best = (placed: result.timetable.placedCount, objective: score(result.timetable))
        options.progress?("construction: \(best.placed) of \(session.sittings.count) sittings placed, objective \(format(best.objective)), \(format(clock.elapsed)) s")
        consider(greedy.constructInOrder(), &result, &best, "construction in the candidates' order", clock)
        if let draft = options.startFrom {
            let (timetable, dropped) = self.timetable(from: draft)
            options.progress?("draft: \(timetable.placedCount) sittings kept, \(dropped) row(s) set aside (not lawful here, or not a committee sitting)")
            consider(timetable, &result, &best, "the draft", clock)
        }
        // Sittings left out by both constructions: deeper ejection chains before any MIP (cheap
        // next to a neighbourhood that holds a sitting left out, which costs GLPK seconds).
        let leftOut = session.sittings.indices.filter { result.timetable.bookings[$0] == nil && session.sittings[$0].impossibility == nil }
        if !leftOut.isEmpty {
            var deeper = result.timetable
            for s in leftOut where deeper.bookings[s] == nil {
                _ = greedy.repair(s, in: &deeper, depth: Self.deepRepairDepth, budget: Self.deepRepairBudget)
            }
            consider(deeper, &result, &best, "deeper ejection chains", clock)
        }
        let columns = session.sittings.reduce(0) { $0 + $1.options.count }
        let all = result.timetable.placedCount == session.sittings.count
        // Dense models are left to the neighbourhoods: with half-day availability the members'
        // overlap rows make 1,315 columns 63,913 non-zeros, whose 20 nodes took 22 s and found
        // nothing (a generated master session of 200: 1,239 columns, 10,490 non-zeros).
        if columns > 0, columns <= Self.wholeModelColumns,
           case let model = CommitteeModel(session, mustPlace: all ? Set(session.sittings.indices) : []),
           model.model.nonZeroCount <= Self.wholeModelNonZeros {
            (result.modelRows, result.modelColumns, result.modelNonZeros) = (model.model.constraintCount, model.model.variableCount, model.model.nonZeroCount)
            if let solved = solve(model, name: "session", warmStart: result.timetable, around: CommitteeTimetable(session), greedy: greedy, clock: clock, proved: &result.provedOptimal) {
                consider(solved, &result, &best, "whole-session model", clock)
            }
        }
        // While sittings that may be placed are left out: ruin and recreate first (thousands of
        // rounds cost less than one neighbourhood around a sitting left out, 9 s at 100
        // defences with half-day availability), then the neighbourhoods, then ruin and recreate
        // again from where they ended, with another seed, up to `cycles` times. Counted, not
        // timed: the time limit only stops a session that is not placed whole.
        let placeable = session.sittings.indices.filter { session.sittings[$0].impossibility == nil }.count
        var cycle = 0
        let constructed = result.timetable
        if result.timetable.placedCount < placeable { ruinAndRecreate(&result, &best, greedy: greedy, clock: clock, seed: Self.recreateSeed) }
        // Still short: a search over every place at once, from the plan before ruin and
        // recreate (which may settle into a layout the search cannot leave), then from the best
        // plan with another seed; before the neighbourhoods, whose rounds around a sitting left
        // out cost seconds.
        if result.timetable.placedCount < placeable, clock.elapsed < options.timeLimit {
            searchPlaces(from: constructed, &result, &best, greedy: greedy, clock: clock, seed: Self.placeSearchSeed)
        }
        if result.timetable.placedCount < placeable, clock.elapsed < options.timeLimit {
            searchPlaces(from: result.timetable, &result, &best, greedy: greedy, clock: clock, seed: Self.placeSearchSeed + 1)
        }
        while true {
            improveByNeighbourhoods(&result, &best, greedy: greedy, clock: clock)
            guard result.timetable.placedCount < placeable, cycle < Self.cycles, clock.elapsed < options.timeLimit else { break }
            cycle += 1
            ruinAndRecreate(&result, &best, greedy: greedy, clock: clock, seed: Self.recreateSeed + UInt64(cycle))
        }
        return result
    }

    /// The sittings still left out after ruin and recreate: a search over every sitting's
    /// place at once (`CommitteePlaceSearch`), what it leaves out placed by the construction's repair.
    private func searchPlaces(from start: CommitteeTimetable, _ result: inout Result, _ best: inout (placed: Int, objective: Double),
                              greedy: CommitteeGreedy, clock: Stopwatch, seed: UInt64) {
        var search = CommitteePlaceSearch(session, from: start)
        var found = search.search(iterations: Self.placeSearchSteps(session), seed: seed, stop: { clock.elapsed > options.timeLimit })
        for s in session.sittings.indices where found.bookings[s] == nil && session.sittings[s].impossibility == nil
            && greedy.placeCheapest(s, in: &found) == nil {
            _ = greedy.repair(s, in: &found)
        }
        consider(found, &result, &best, "search over every sitting's place", clock)
    }

    /// Steps of the search over places: counted, so the same session gives the same plan.
    /// Sessions it seats (black-box bachelor defences of 120 and 200) are seated within a few
    /// hundred steps; one it does not seat spends them all (the time limit stops it sooner).
    static func placeSearchSteps(_ session: CommitteeProblem) -> Int { min(50_000, 50 * session.sittings.count) }
    static let placeSearchSeed: UInt64 = 47

    /// Rounds of search while some sittings stay out (see `plan`).
    static let cycles = 8

    /// MIP neighbourhoods until `patience` fail in a row (or the time limit).
    private func improveByNeighbourhoods(_ result: inout Result, _ best: inout (placed: Int, objective: Double), greedy: CommitteeGreedy, clock: Stopwatch) {
        var failures = 0
        for round in 0..<Self.neighbourhoods where failures < Self.patience && clock.elapsed < options.timeLimit && !result.provedOptimal {
            let free = neighbourhood(round, result.timetable)
            guard !free.isEmpty else { failures += 1; continue }
            var around = result.timetable
            for s in free { around.unbook(s) }
            let model = CommitteeModel(session, free: free, around: around, mustPlace: Set(free.filter { result.timetable.bookings[$0] != nil }))
            var proved = false
            guard let solved = solve(model, name: "neighbourhood-\(round + 1)", warmStart: result.timetable, around: around, greedy: greedy, clock: clock, proved: &proved),
                  consider(solved, &result, &best, "neighbourhood \(round + 1) (\(free.count) sittings)", clock) else {
                failures += 1
                continue
            }
            failures = 0
        }
    }

    /// Keeps `candidate` when it places more sittings, or as many at a lower objective.
    @discardableResult
    func consider(_ candidate: CommitteeTimetable, _ result: inout Result, _ best: inout (placed: Int, objective: Double),
                          _ name: String, _ clock: Stopwatch) -> Bool {
        let placed = candidate.placedCount
        let objective = score(candidate)
        guard placed > best.placed || (placed == best.placed && objective < best.objective - 1e-6) else { return false }
        best = (placed, objective)
        result.timetable = candidate
        result.improvements += 1
        options.progress?("\(name): \(placed) of \(session.sittings.count) placed, objective \(format(objective)), \(format(clock.elapsed)) s")
        return true
    }

    /// Solves a model warm started by the current timetable and books its choice around the
    /// fixed part; nil when GLPK found nothing.
    private func solve(_ model: CommitteeModel, name: String, warmStart: CommitteeTimetable, around: CommitteeTimetable, greedy: CommitteeGreedy,
                       clock: Stopwatch, proved: inout Bool) -> CommitteeTimetable? {
        var parameters = SolveParameters(timeLimit: max(1, options.timeLimit - clock.elapsed), relativeGap: options.gap,
                                         nodeLimit: Self.nodeLimit, warmStart: model.values(warmStart))
        if let folder = options.writeLPFolder { parameters.writeLPPath = folder + "/committees-\(name).lp" }
        let solution = solver.solve(model.model, parameters)
        proved = solution.reason == .optimal
        guard solution.hasSolution else { return nil }
        return rebook(model.chosen(solution), around: around, greedy: greedy)
    }

    /// Books the chosen starts in start order, naming rooms (a room already open that half-day
    /// first); a sitting that finds no room, or was left out, goes to the construction's repair.
    private func rebook(_ chosen: [Int: SlotOption?], around: CommitteeTimetable, greedy: CommitteeGreedy) -> CommitteeTimetable {
        var timetable = around
        let placed = chosen.compactMap { s, option in option.map { (s, $0) } }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        var left = chosen.filter { $0.value == nil }.map(\.key).sorted()
        for (s, option) in placed {
            guard let room = timetable.room(for: s, at: option) else { left.append(s); continue }
            timetable.book(s, option, room: room)
        }
        for s in left where session.sittings[s].impossibility == nil && greedy.placeCheapest(s, in: &timetable) == nil {
            _ = greedy.repair(s, in: &timetable)
        }
        return timetable
    }

    /// The sittings a round frees: while some are unplaced, every other round those (a few at a
    /// time) with every sitting that shares a member with them; otherwise the sittings of one
    /// member and of those who sit most with them, members taken by excess member-days first.
    func neighbourhood(_ round: Int, _ timetable: CommitteeTimetable) -> [Int] {
        let unplaced = session.sittings.indices.filter { timetable.bookings[$0] == nil && session.sittings[$0].impossibility == nil }
        var chosen: [Int] = []
        var seen = Set<Int>()
        var columns = 0
        let cap = unplaced.isEmpty || round % 2 == 1 ? Self.memberNeighbourhoodColumns : Self.neighbourhoodColumns
        func add(_ s: Int) {
            let more = session.sittings[s].options.count
            guard chosen.count < Self.neighbourhoodSize, chosen.isEmpty || columns + more <= cap, seen.insert(s).inserted else { return }
            chosen.append(s)
            columns += more
        }
        if !unplaced.isEmpty, round % 4 == 2 {
            // One sitting left out and what holds the rooms on a day it could be held.
            let seed = unplaced[(round / 4) % unplaced.count]
            let days = Array(Set(session.sittings[seed].options.map(\.dayIndex))).sorted()
            guard !days.isEmpty else { return [] }
            let day = days[(round / 4 / unplaced.count) % days.count]
            add(seed)
            for c in session.sittings[seed].request.candidates { for s in session.sittingsOfCandidate[c] { add(s) } }
            for (s, booking) in timetable.bookings.enumerated() where booking?.dayIndex == day { add(s) }
            return chosen.sorted()
        }
        if !unplaced.isEmpty, round % 2 == 0 {
            // One sitting left out, the sittings of its members, then of those members' co-members.
            let seed = unplaced[(round / 4) % unplaced.count]
            // The second ring keeps first the sittings booked on a day the seed could be held.
            add(seed)
            let days = Set(session.sittings[seed].options.map(\.dayIndex))
            var ring = [seed]
            for _ in 0..<2 {
                var next: [Int] = []
                for s in ring {
                    // The candidates' own other sittings (R13 may hold them in place), then the members'.
                    let related = session.sittings[s].request.candidates.flatMap { session.sittingsOfCandidate[$0] }
                        + session.sittings[s].members.flatMap { session.sittingsOfMember[$0] }
                    for other in related where !seen.contains(other) && !next.contains(other) { next.append(other) }
                }
                next.sort { a, b in
                    let inA = timetable.bookings[a].map { days.contains($0.dayIndex) } ?? true, inB = timetable.bookings[b].map { days.contains($0.dayIndex) } ?? true
                    return (inA ? 0 : 1, a) < (inB ? 0 : 1, b)
                }
                for s in next { add(s) }
                ring = next.filter(seen.contains)
            }
            return chosen.sorted()
        }
        let campaign = session.campaign
        let ranked = session.sittingsOfMember.indices.filter { !session.sittingsOfMember[$0].isEmpty }.map { m -> (excess: Int, m: Int) in
            let days = Set(session.sittingsOfMember[m].compactMap { timetable.bookings[$0]?.dayIndex }).count
            let cap = max(1, campaign.maxSittings(of: campaign.members[m]))
            return (days - (session.sittingsOfMember[m].count + cap - 1) / cap, m)
        }.filter { $0.excess > 0 }.sorted { ($0.excess, -$0.m) > ($1.excess, -$1.m) }
        guard !ranked.isEmpty else { return [] }
        let member = ranked[(unplaced.isEmpty ? round : round / 2) % ranked.count].m
        var together: [Int: Int] = [:]
        for s in session.sittingsOfMember[member] {
            add(s)
            for m in session.sittings[s].members where m != member { together[m, default: 0] += 1 }
        }
        for (m, _) in together.sorted(by: { ($0.value, -$0.key) > ($1.value, -$1.key) }) where chosen.count < Self.memberNeighbourhoodSize {
            for s in session.sittingsOfMember[m] { add(s) }
        }
        return chosen.sorted()
    }

    /// The lawful part of a schedule (a hand-made draft, an earlier plan): each row booked at its
    /// own day, start and room when its jury is the committee, the start one of the sitting's
    /// options, and the people and the room free; the others are set aside.
    func timetable(from draft: Schedule) -> (CommitteeTimetable, dropped: Int) {
        let campaign = session.campaign
        var timetable = CommitteeTimetable(session)
        var dropped = 0
        for row in draft.sorted.rows {
            guard let c = campaign.candidateNumber(row.candidateID), let room = campaign.roomNumber(row.room),
                  let d = campaign.days.firstIndex(of: row.day),
                  let s = session.sittingsOfCandidate[c].first(where: { session.sittings[$0].request.exam.id == campaign.canonicalExamID(row.exam) }),
                  timetable.bookings[s] == nil else { dropped += 1; continue }
            let sitting = session.sittings[s]
            let option = SlotOption(dayIndex: d, start: row.time.start, site: session.siteOfRoom[room])
            guard Set(row.jury) == Set(sitting.members.map { campaign.members[$0].id }), session.admits(s, option),
                  timetable.peopleFree(s, at: option), timetable.roomIsFree(room, for: s, at: option) else { dropped += 1; continue }
            timetable.book(s, option, room: room)
        }
        return (timetable, dropped)
    }

    /// SPEC §1.3 of a timetable, measured as `check` measures any schedule.
    func score(_ timetable: CommitteeTimetable) -> Double {
        var figures = PlanFigures()
        PlanMeasures.fill(&figures, schedule: schedule(timetable), campaign: session.campaign)
        return figures.objective
    }

    /// One row per candidate of each booked sitting.
    func schedule(_ timetable: CommitteeTimetable) -> Schedule {
        let campaign = session.campaign
        var rows: [ScheduleRow] = []
        for (s, booking) in timetable.bookings.enumerated() {
            guard let booking else { continue }
            let sitting = session.sittings[s]
            let room = campaign.rooms[booking.room]
            let jury = sitting.members.map { campaign.members[$0].id }
            for c in sitting.request.candidates {
                let candidate = campaign.candidates[c]
                rows.append(ScheduleRow(day: campaign.days[booking.dayIndex],
                                        time: TimeRange(start: booking.start, end: booking.start + sitting.request.minutes(of: candidate)),
                                        site: room.site, room: room.id, exam: sitting.request.exam.id, candidateID: candidate.id,
                                        candidateName: candidate.displayName, jury: jury,
                                        president: sitting.president.map { campaign.members[$0].id } ?? ""))
            }
        }
        return Schedule(rows: rows).sorted
    }

    /// The sittings the timetable leaves out, each with why.
    func unplaced(_ timetable: CommitteeTimetable) -> [UnplacedSitting] {
        let campaign = session.campaign
        return session.sittings.indices.compactMap { s in
            guard timetable.bookings[s] == nil else { return nil }
            let sitting = session.sittings[s]
            let names = sitting.members.map { campaign.members[$0].id }.joined(separator: ", ")
            let reason = sitting.impossibility
                ?? "every start at which its committee (\(names)) is available is taken by their other sittings, the candidate's other exams or the rooms"
            return UnplacedSitting(exam: sitting.request.exam.id, candidates: sitting.request.candidates.map { campaign.candidates[$0].id }, reason: reason,
                                  proven: sitting.impossibility != nil)
        }
    }

    /// No plan convenes a member on fewer days than their sittings over what a day can hold.
    func memberDaysBound() -> Int {
        let campaign = session.campaign
        var total = 0
        for (m, list) in session.sittingsOfMember.enumerated() where !list.isEmpty {
            let shortest = list.map { session.sittings[$0].minutes }.min() ?? 60
            let fit = [campaign.hours.morning, campaign.hours.afternoon].reduce(0) {
                $0 + ($1.minutes + campaign.bufferMinutes) / (shortest + campaign.bufferMinutes)
            }
            let cap = max(1, min(campaign.maxSittings(of: campaign.members[m]), fit))
            let placeable = list.filter { session.sittings[$0].impossibility == nil }.count
            total += (placeable + cap - 1) / cap
        }
        return total
    }
}
