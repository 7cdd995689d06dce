import MIP

/// Partial plans (`plan --allow-partial`): when no layout could be staffed whole, the best
/// mended one (or else the last one) keeps every panel that found a jury; the sittings of the
/// others, those the layout could not place, and the sittings that must follow one of them
/// (R13) are listed with the reason.
extension Planner {
    func partialOutcome(_ reasons: [String], panels: [Panel], unplaced: [(request: Int, reason: String)], problem: PlanningProblem,
                        budget: SearchBudget, clock: Stopwatch, known: (juries: [[Int]], presidents: [Int?])? = nil) -> PlanOutcome {
        var figures = PlanFigures()
        let proven = options.allowPartial ? Feasibility.impossibilities(problem) : []
        let convened = staff(panels, problem: problem, figures: &figures, clock: clock, budget: budget, greedyFirst: false, known: known)
        var left: [Int: String] = [:]
        for (r, reason) in unplaced { left[r] = reason }
        var kept: [Panel] = []
        for panel in panels {
            if convened.juries[panel.id].isEmpty, PanelStaffing(panel, problem: problem).size > 0 {
                let day = campaign.days[panel.period.dayIndex].iso
                for slot in panel.slots {
                    for r in requests(of: slot, in: panel, problem) where left[r] == nil {
                        left[r] = "no jury could be convened for it on \(day) beside that day's other sittings (members' availability R9, daily limits R14, conflicts of interest R10, roles R6–R8)"
                    }
                }
            } else {
                kept.append(panel)
            }
        }
        let held = Set(kept.flatMap { panel in panel.slots.flatMap { requests(of: $0, in: panel, problem) } })
        for r in problem.requests.indices where left[r] == nil && !held.contains(r) {
            left[r] = "the last layout tried found it no place beside the others (rooms, members and the candidate's own day)"
        }
        // A sitting whose prerequisite is left out cannot be held either (R13).
        var changed = true
        while changed {
            changed = false
            for (c, requests) in problem.requestsOfCandidate.enumerated() {
                for r in requests where left[r] == nil {
                    let exam = problem.requests[r].exam
                    guard let missing = requests.first(where: { q in left[q] != nil && campaign.exam(exam, follows: problem.requests[q].exam.id) }) else { continue }
                    left[r] = "\(problem.requests[missing].exam.id) of \(campaign.candidates[c].id), which must come first, is not placed (R13)"
                    changed = true
                }
            }
        }
        kept = kept.compactMap { panel in
            var panel = panel
            panel.slots = panel.slots.compactMap { slot in
                var slot = slot
                slot.candidates.removeAll { c in problem.request(of: c, exam: problem.requests[slot.request].exam.id).map { left[$0.id] != nil } ?? true }
                return slot.candidates.isEmpty ? nil : slot
            }
            return panel.slots.isEmpty ? nil : panel
        }
        let schedule = Self.schedule(kept, juries: convened.juries, presidents: convened.presidents, problem: problem)
        let missing = left.keys.sorted().map { r in
            let request = problem.requests[r]
            let ids = request.candidates.map { campaign.candidates[$0].id }
            // Where the campaign proves the sitting impossible, that proof is the reason.
            let groups = Set(request.candidates.map { campaign.candidates[$0].group }.filter { !$0.isEmpty })
            let proof = proven.first { line in
                line.hasPrefix("\(request.exam.id) of ") && (ids.contains { line.contains("(\($0))") } || groups.contains { line.hasPrefix("\(request.exam.id) of group \($0) ") })
            }
            return UnplacedSitting(exam: request.exam.id, candidates: ids, reason: proof ?? left[r]!, proven: proof != nil)
        }
        // Nothing can be placed and the campaign is proven impossible: that proof is the answer.
        if schedule.rows.isEmpty, !proven.isEmpty { return .infeasible(proven) }
        let breaches = Self.breaches(of: schedule, besides: missing, campaign: campaign)
        guard breaches.isEmpty, !schedule.rows.isEmpty else {
            options.progress?("no partial plan: \(breaches.first.map(\.description) ?? "nothing placed")")
            return .notFound(reasons)
        }
        PlanMeasures.fill(&figures, schedule: schedule, campaign: campaign)
        figures.bound = 0
        figures.seconds = clock.elapsed
        let plan = Plan(schedule: schedule, figures: figures, unplaced: missing)
        options.progress?("partial plan: \(schedule.rows.count) rows placed, \(missing.count) sitting(s) left out")
        return options.allowPartial ? .planned(plan) : .notFound(reasons, partial: plan)
    }

    /// The requests a slot holds: its own, and for a written or group sitting each candidate's.
    private func requests(of slot: Panel.Slot, in panel: Panel, _ problem: PlanningProblem) -> [Int] {
        [slot.request] + slot.candidates.compactMap { problem.request(of: $0, exam: problem.requests[slot.request].exam.id)?.id }
    }

    /// The breaches of a partial plan other than R1 for the sittings it leaves out: any is a bug.
    static func breaches(of schedule: Schedule, besides unplaced: [UnplacedSitting], campaign: Campaign) -> [Breach] {
        RuleCatalogue.audit(schedule, against: campaign).breaches.filter { breach in
            !(breach.rule == .r1 && breach.people.count == 1 && breach.message.hasSuffix(" is not scheduled")
              && unplaced.contains { $0.candidates.contains(breach.people[0]) && breach.message.hasPrefix("\($0.exam) of ") })
        }
    }
}
