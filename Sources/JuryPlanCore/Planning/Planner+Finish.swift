/// The last steps on a staffed plan: ruin and recreate in stages, the candidates' seats dealt
/// out again between stages, then candidate trades and shared rooms, each version audited.
extension Planner {
    /// The staffed plan finished, or the same plan improved by ruin and recreate
    /// (`JuryAwareInsertion.improve`) and convened again by the day models, whichever scores lower.
    func finishBest(_ panels: [Panel], juries: [[Int]], presidents: [Int?], problem: PlanningProblem, figures: PlanFigures,
                    clock: Stopwatch, budget: SearchBudget) -> PlanOutcome {
        // The plain plan is scored without the exact reassignment, which runs on it only when
        // it is the one returned (the improved plan usually wins: CSEC 100, 0.25 s saved).
        let plain = finish(panels, juries: juries, presidents: presidents, problem: problem, figures: figures, clock: clock, exact: false)
        guard case .planned(let first) = plain else { return plain }
        func plainFinished() -> PlanOutcome {
            finish(panels, juries: juries, presidents: presidents, problem: problem, figures: figures, clock: clock)
        }
        var search = JuryAwareInsertion(problem: problem, panels: panels, juries: juries, presidents: presidents)
        // The snug tuning places what is hard to place; here every sitting has a place and
        // its slack sums cost twice the time (CSEC 100 over 8 days: 6.5 s against 4.5 s).
        search.tuning = .classic
        let before = search.cost
        let rounds = Self.improvementRounds(problem)
        // Between stages the candidates' seats are dealt out again (trades, merged days, the
        // exact reassignment): the rounds after start from days the candidates share better.
        var better = 0
        let stages = Self.improvementStages(problem)
        for stage in 0..<stages {
            better += search.improve(rounds: rounds / stages, seed: 15 + UInt64(stage), stop: { clock.elapsed > options.timeLimit })
            guard stage + 1 < stages, clock.elapsed <= options.timeLimit else { break }
            let ruined = search.cost
            let staged = search.plan
            var reseated = CandidateSwaps(problem: problem, panels: staged.panels, juries: staged.juries)
            if reseated.improve() + reseated.reassign() > 0 {
                _ = reseated.improve()
                var next = JuryAwareInsertion(problem: problem, panels: reseated.panels, juries: staged.juries, presidents: staged.presidents)
                next.tuning = .classic
                if next.cost <= search.cost {
                    if next.cost < search.cost { better += 1 }
                    search = next
                }
            }
            options.progress?("improvement stage \(stage + 1) of \(stages): \(format(ruined)) after ruin and recreate, \(format(search.cost)) with the seats dealt out again, \(format(clock.elapsed)) s")
        }
        options.progress?("improvement: \(better) of \(rounds) ruin-and-recreate rounds lowered member-days, room half-days and candidate-days from \(format(before)) to \(format(search.cost)), \(format(clock.elapsed)) s")
        guard better > 0 else { return plainFinished() }
        let improved = search.plan
        let second = finish(improved.panels, juries: improved.juries, presidents: improved.presidents, problem: problem, figures: figures, clock: clock)
        guard case .planned(let other) = second, other.figures.objective < first.figures.objective else { return plainFinished() }
        options.progress?("improvement kept: objective \(format(other.figures.objective)) against \(format(first.figures.objective))")
        return second
    }

    /// Stages of the improvement, the seats dealt out again between two: 8 up to 600 sittings,
    /// 4 at 1,200, 2 up to 2,000, 1 above (a dealing costs 0.1 s at 565 sittings, 1.1 s at
    /// 1,700: CSEC 100 over 4 days, seeds 1-5, 93,239 with 4 stages and 93,063 with 8; CSEC 300
    /// over 8 days, seeds 1-3, 500 rounds: 169,507 in one stage, 169,107 in two, 1 s more).
    static func improvementStages(_ problem: PlanningProblem) -> Int {
        let sittings = problem.requests.count
        return sittings > 2_000 ? 1 : sittings > 1_200 ? 2 : max(1, min(8, 4_800 / max(1, sittings)))
    }

    /// Rounds of ruin and recreate on a staffed plan (counted, not timed).
    /// About the same work whatever the size: 1,000 rounds up to 860 sittings, 300 from 2,870
    /// (a round costs about as much as a sitting's insertion, whose cost grows with the plan).
    static func improvementRounds(_ problem: PlanningProblem) -> Int {
        max(300, min(1_000, 860_000 / max(1, problem.requests.count)))
    }

    /// The last passes on a staffed plan (trades of sittings between candidates, then rooms
    /// shared in a half-day), each checked by the rule catalogue: one that let a breach through
    /// would be a bug, and the plan without it is kept instead.
    func finish(_ panels: [Panel], juries: [[Int]], presidents: [Int?], problem: PlanningProblem, figures: PlanFigures,
                clock: Stopwatch, exact: Bool = true) -> PlanOutcome {
        var swaps = CandidateSwaps(problem: problem, panels: panels, juries: juries)
        // The plain plan is only weighed against the improved one: no merges, no reassignment.
        var trades = swaps.improve(merging: exact)
        let reassigned = exact ? swaps.reassign() : 0
        if reassigned > 0 { trades += reassigned + swaps.improve() }
        options.progress?("\(trades) trade(s) of sittings between candidates (\(reassigned) by exact reassignment), \(format(clock.elapsed)) s")
        var sharing = RoomSharing(problem: problem, panels: swaps.panels, juries: juries)
        let closed = sharing.share()
        options.progress?("\(closed) room half-day(s) closed by sharing rooms, \(format(clock.elapsed)) s")
        var versions = [(panels, "the plan as staffed")]
        if trades > 0 { versions.insert((swaps.panels, "the trades"), at: 0) }
        if closed > 0 { versions.insert((sharing.panels, "the shared rooms"), at: 0) }
        for (k, (version, name)) in versions.enumerated() {
            let schedule = Self.schedule(version, juries: juries, presidents: presidents, problem: problem)
            var measured = figures
            PlanMeasures.fill(&measured, schedule: schedule, campaign: campaign)
            if closed > 0, k == 0 {
                // A shift can miss a candidate's preferred hours: the shared rooms must score better.
                var unshared = figures
                PlanMeasures.fill(&unshared, schedule: Self.schedule(versions[1].0, juries: juries, presidents: presidents, problem: problem), campaign: campaign)
                if unshared.objective <= measured.objective { continue }
            }
            let audit = RuleCatalogue.audit(schedule, against: campaign)
            guard audit.isClean else {
                if k + 1 == versions.count {
                    return .notFound(["internal error: the plan breaks \(audit.breaches.count) rule(s), first \(audit.breaches[0]); it was not written"])
                }
                options.progress?("\(name) break \(audit.breaches[0]); keeping the plan without them")
                continue
            }
            let lower = LowerBound.compute(problem)
            measured.bound = min(lower.bound, measured.objective)
            (measured.memberDaysBound, measured.roomHalfDaysBound, measured.candidateDaysBound) = (lower.memberDays, lower.roomHalfDays, lower.candidateDays)
            measured.seconds = clock.elapsed
            return .planned(Plan(schedule: schedule, figures: measured))
        }
        return .notFound(["internal error: no version of the plan was kept"])
    }
}
