import MIP

/// Sessions of fixed committees (every sitting's jury is its candidate's imposed members).
extension Planner {
    func planCommittees(_ session: CommitteeProblem, problem: PlanningProblem, clock: Stopwatch) -> PlanOutcome {
        let planner = CommitteePlanner(session: session, options: options, solver: solver)
        let result = planner.plan(clock: clock)
        let schedule = planner.schedule(result.timetable)
        let unplaced = planner.unplaced(result.timetable)
        var figures = PlanFigures()
        PlanMeasures.fill(&figures, schedule: schedule, campaign: campaign)
        (figures.modelRows, figures.modelColumns, figures.modelNonZeros) = (result.modelRows, result.modelColumns, result.modelNonZeros)
        figures.daysPlanned = campaign.days.count
        figures.daysProvedOptimal = result.provedOptimal ? campaign.days.count : 0
        (figures.committeeRoute, figures.improvements) = (true, result.improvements)
        let breaches = Self.breaches(of: schedule, besides: unplaced, campaign: campaign)
        guard breaches.isEmpty else {
            return .notFound(["internal error: the plan breaks \(breaches.count) rule(s), first \(breaches[0]); it was not written"])
        }
        let lower = LowerBound.compute(problem)
        let memberDays = max(lower.memberDays, planner.memberDaysBound())
        figures.bound = min(lower.bound + campaign.weights.memberDays * Double(memberDays - lower.memberDays), figures.objective)
        (figures.memberDaysBound, figures.roomHalfDaysBound, figures.candidateDaysBound) = (memberDays, lower.roomHalfDays, lower.candidateDays)
        figures.seconds = clock.elapsed
        figures.layoutSeconds = clock.elapsed
        let plan = Plan(schedule: schedule, figures: figures, unplaced: unplaced)
        if unplaced.isEmpty || options.allowPartial { return .planned(plan) }
        let reasons = unplaced.map(\.description)
        // Proven when every sitting left out has a reason no other booking could change.
        if unplaced.allSatisfy({ u in session.sittings.contains { $0.impossibility == u.reason } }) { return .infeasible(reasons) }
        return .notFound(reasons, partial: plan)
    }
}
