/// Sittings still left out: seeded ruin and recreate around them. A round takes a sitting left
/// out and either clears one of its starts (what holds its people there, and a room) and books
/// it there, or frees about half of the booked sittings that share a member or a candidate
/// with it (at most `ruinSize`) and books it first; then the freed ones
/// (fewest starts first), each at its cheapest start or by a short ejection chain. The round's
/// timetable is kept when it places at least as many sittings (a walk across equal plans is
/// what lets a busy member's week be rearranged); the best plan is kept as everywhere else.
/// Rounds are counted, not timed, so the same session gives the same plan.
extension CommitteePlanner {
    static let recreateRounds = 3_000
    static let ruinSize = 14
    /// Rounds that clear one place of the sitting left out rather than free its neighbours.
    static let placeRuinChance = 0.5
    static let recreateSeed: UInt64 = 31

    func ruinAndRecreate(_ result: inout Result, _ best: inout (placed: Int, objective: Double), greedy: CommitteeGreedy, clock: Stopwatch,
                         seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var current = result.timetable
        let placeable = session.sittings.indices.filter { session.sittings[$0].impossibility == nil }
        var rounds = 0
        for _ in 0..<Self.recreateRounds where clock.elapsed < options.timeLimit {
            let left = placeable.filter { current.bookings[$0] == nil }
            guard !left.isEmpty else { break }
            rounds += 1
            let seed = left[random.int(0...(left.count - 1))]
            var trial = current
            let sitting = session.sittings[seed]
            var ruined: [Int] = []
            if random.chance(Self.placeRuinChance), !sitting.options.isEmpty {
                // Clear one place: a start of the sitting drawn at random, with whatever holds
                // its people there (and a room, if none is free). With hours given exactly, the
                // one start a committee shares is taken by sittings that fit elsewhere.
                let option = sitting.options[random.int(0...(sitting.options.count - 1))]
                let choices = trial.blockingChoices(seed, at: option)
                guard let blockers = choices.isEmpty ? nil : choices[random.int(0...(choices.count - 1))] else { continue }
                for b in blockers { trial.unbook(b) }
                ruined = blockers
                if trial.room(for: seed, at: option) == nil, let holder = trial.roomBlockers(seed, at: option).first {
                    trial.unbook(holder)
                    ruined.append(holder)
                }
                if let room = trial.room(for: seed, at: option) { trial.book(seed, option, room: room) }
            } else {
                var related: [Int] = []
                for s in sitting.members.flatMap({ session.sittingsOfMember[$0] }) + sitting.request.candidates.flatMap({ session.sittingsOfCandidate[$0] })
                where s != seed && trial.bookings[s] != nil && !related.contains(s) {
                    related.append(s)
                }
                for s in related where ruined.count < Self.ruinSize && random.chance(0.5) {
                    trial.unbook(s)
                    ruined.append(s)
                }
            }
            let order = [seed] + ruined.sorted { (session.sittings[$0].options.count, $0) < (session.sittings[$1].options.count, $1) }
            // The sitting left out goes to a start drawn at random among those free now (the
            // cheapest one is where the same plan grows back); the others to their cheapest.
            let open = trial.bookings[seed] != nil ? [] : sitting.options.compactMap { option in trial.room(for: seed, at: option).map { (option, $0) } }
            if !open.isEmpty, random.chance(0.5) {
                let (option, room) = open[random.int(0...(open.count - 1))]
                trial.book(seed, option, room: room)
            }
            for s in order where trial.bookings[s] == nil && greedy.placeCheapest(s, in: &trial) == nil {
                _ = greedy.repair(s, in: &trial, depth: 2, budget: Self.recreateRepairBudget)
            }
            guard trial.placedCount >= current.placedCount else { continue }
            current = trial
            if trial.placedCount > best.placed { consider(trial, &result, &best, "ruin and recreate, round \(rounds)", clock) }
        }
        options.progress?("ruin and recreate: \(rounds) round(s), \(best.placed) of \(session.sittings.count) placed, \(format(clock.elapsed)) s")
    }

    static let recreateRepairBudget = 300
}
