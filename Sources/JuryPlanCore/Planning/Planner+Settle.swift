/// The last look at a plan that leaves sittings out (`PlacementProbe`): each sitting without a
/// proof is tried at every day, start, room and jury the rules allow beside the plan as it
/// stands, and placed where one keeps every rule (the searches before place sittings among
/// others, and may miss a place that is simply free); what still has no place gets, day by
/// day, what stops it in the users' words: the candidate's day, the rooms, the members free
/// then, or the jury they would form.
extension Planner {
    /// Days named in an unplaced sitting's reason; the others are summed up in one clause.
    static let daysExplained = 4

    func settle(_ outcome: PlanOutcome, problem: PlanningProblem, clock: Stopwatch) -> PlanOutcome {
        switch outcome {
        case .planned(let plan) where plan.isPartial:
            return settled(plan, problem: problem, clock: clock).map { .planned($0) } ?? outcome
        case .notFound(let reasons, let partial?) where partial.isPartial:
            guard let plan = settled(partial, problem: problem, clock: clock) else { return outcome }
            return plan.isPartial ? .notFound(reasons, partial: plan) : .planned(plan)
        default:
            return outcome
        }
    }

    /// The plan with every sitting the probe could place placed and every other reason
    /// explained day by day; nil when the result would break a rule (a bug: the plan as it was
    /// is kept).
    private func settled(_ plan: Plan, problem: PlanningProblem, clock: Stopwatch) -> Plan? {
        let availability = Availability(campaign)
        var rows = plan.schedule.rows
        var left = plan.unplaced
        var explained: [UnplacedSitting: [String]] = [:]
        var placed = 0
        var progress = true
        while progress {
            progress = false
            for (i, sitting) in left.enumerated() where !sitting.proven && explained[sitting] == nil && !waits(sitting, among: left) {
                guard let exam = campaign.exam(sitting.exam) else { continue }
                let candidates = sitting.candidates.compactMap { campaign.candidate($0) }
                let probe = PlacementProbe(schedule: Schedule(rows: rows), campaign: campaign, availability: availability)
                switch probe.probe(exam: exam, candidates: candidates) {
                case .place(let found):
                    rows += found
                    left.remove(at: i)
                    placed += 1
                    progress = true
                    options.progress?("\(sitting.exam) of \(sitting.candidates.joined(separator: ", ")) placed on \(found[0].day.iso) \(Clock.format(found[0].time.start)) in room \(found[0].room)")
                case .blocked(let days):
                    explained[sitting] = days
                }
                if progress { break }
            }
        }
        let schedule = Schedule(rows: rows, file: plan.schedule.file).sorted
        let unplaced = left.map { sitting -> UnplacedSitting in
            var sitting = sitting
            if !sitting.proven, let first = prerequisite(of: sitting, among: left) {
                sitting.reason = "\(first.exam) of \(first.candidates.joined(separator: ", ")), which must come first, is not placed (R13)"
                return sitting
            }
            guard let days = explained[sitting], !days.isEmpty else { return sitting }
            let more = days.count - Self.daysExplained
            sitting.reason += ". Day by day, nearest first: " + days.prefix(Self.daysExplained).joined(separator: "; ")
                + (more > 0 ? "; and \(more) other day\(more == 1 ? "" : "s") that get less far" : "")
            return sitting
        }
        var figures = plan.figures
        PlanMeasures.fill(&figures, schedule: schedule, campaign: campaign)
        figures.seconds = clock.elapsed
        if unplaced.isEmpty {
            guard RuleCatalogue.audit(schedule, against: campaign).isClean else { return nil }
            let lower = LowerBound.compute(problem)
            figures.bound = min(lower.bound, figures.objective)
            (figures.memberDaysBound, figures.roomHalfDaysBound, figures.candidateDaysBound) = (lower.memberDays, lower.roomHalfDays, lower.candidateDays)
        } else if placed > 0 {
            guard Self.breaches(of: schedule, besides: unplaced, campaign: campaign).isEmpty else { return nil }
        }
        if placed > 0 { options.progress?("\(placed) sitting(s) placed by the last look, \(unplaced.count) left out") }
        return Plan(schedule: schedule, figures: figures, unplaced: unplaced)
    }

    /// True while an exam this sitting must follow (R13) is left out for one of its candidates:
    /// its reason then says so, and it is tried once that one is placed.
    private func waits(_ sitting: UnplacedSitting, among left: [UnplacedSitting]) -> Bool {
        prerequisite(of: sitting, among: left) != nil
    }

    /// A sitting left out that this one must follow for one of its candidates (R13).
    private func prerequisite(of sitting: UnplacedSitting, among left: [UnplacedSitting]) -> UnplacedSitting? {
        guard let exam = campaign.exam(sitting.exam) else { return nil }
        return left.first { other in
            other.exam != sitting.exam && campaign.exam(exam, follows: campaign.canonicalExamID(other.exam))
                && other.candidates.contains { sitting.candidates.contains($0) }
        }
    }
}
