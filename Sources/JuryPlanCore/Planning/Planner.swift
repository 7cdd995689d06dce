import Foundation
import MIP

/// Turns a campaign into a timetable that keeps every rule R1–R18.
///
/// Decomposition (chosen because a monolithic time-indexed model does not scale on GLPK, see
/// README "Planning model"): stage 1 `SittingLayout` lays out panels and sittings with exact
/// times; stage 2 solves one `JuryDayModel` MIP per day with GLPK to convene members, warm
/// started by `JuryGreedy`. Optimality is lost in stage 1 (a greedy); stage 2 is exact per day
/// given stage 1 within its node limit. The bound reported is `LowerBound`, valid for any plan.
/// Every plan is audited by `RuleCatalogue` before it is returned.
public struct Planner {
    public let campaign: Campaign
    public var options: PlanOptions
    let solver: any MIPSolver

    public init(campaign: Campaign, options: PlanOptions = PlanOptions(), solver: any MIPSolver = GLPKSolver()) {
        self.campaign = campaign
        self.options = options
        self.solver = solver
    }

    public func run() -> PlanOutcome {
        let clock = Stopwatch()
        let problem = PlanningProblem(campaign)
        let impossible = Feasibility.impossibilities(problem)
        if !impossible.isEmpty { return .infeasible(impossible) }

        var layout = SittingLayout(problem)
        layout.run()
        let layoutSeconds = clock.elapsed
        if !layout.unplaced.isEmpty { return .notFound(layout.unplaced.map(\.reason)) }
        options.progress?("layout: \(layout.panels.count) panels for \(problem.requests.count) sittings in \(format(layoutSeconds)) s")

        var juries = Array(repeating: [Int](), count: layout.panels.count)
        var presidents = Array(repeating: Int?.none, count: layout.panels.count)
        var examined: [Int: Set<Int>] = [:]
        var load = Array(repeating: 0, count: campaign.members.count)
        var figures = PlanFigures()
        figures.layoutSeconds = layoutSeconds
        let days = Dictionary(grouping: layout.panels.indices, by: { layout.panels[$0].period.dayIndex })
        for (n, dayIndex) in days.keys.sorted().enumerated() {
            let panelIDs = days[dayIndex] ?? []
            let staffing = panelIDs.map { PanelStaffing(layout.panels[$0], problem: problem) }
            let shortages = staffing.compactMap { $0.shortage(campaign) }
            if !shortages.isEmpty { return .notFound(shortages) }
            let greedy = JuryGreedy(staffing: staffing, campaign: campaign, examinedBefore: examined, loadBefore: load).run()
            let model = JuryDayModel(day: campaign.days[dayIndex], staffing: staffing, campaign: campaign, examinedBefore: examined, loadBefore: load)
            figures.modelRows += model.model.constraintCount
            figures.modelColumns += model.model.variableCount
            figures.modelNonZeros += model.model.nonZeroCount
            var parameters = SolveParameters(
                timeLimit: max(1, (options.timeLimit - clock.elapsed) / Double(days.count - n)),
                relativeGap: options.gap, nodeLimit: options.nodeLimit)
            if let g = greedy { parameters.warmStart = model.values(juries: g.juries, presidents: g.presidents) }
            if let folder = options.writeLPFolder { parameters.writeLPPath = folder + "/jury-\(campaign.days[dayIndex].iso).lp" }
            let result = solver.solve(model.model, parameters)
            let day = campaign.days[dayIndex].iso
            let chosen: (juries: [[Int]], presidents: [Int?])
            if result.hasSolution {
                chosen = model.juries(from: result)
            } else if let g = greedy {
                chosen = g
            } else if result.reason == .infeasible {
                return .notFound(["on \(day) the panels cannot all be staffed at once (too few eligible members free at the same time, or daily limits): \(staffing.count) panels"])
            } else {
                return .notFound(["on \(day) no jury assignment was found within the time limit (\(result.reason))"])
            }
            figures.daysPlanned += 1
            if result.reason == .optimal { figures.daysProvedOptimal += 1 }
            options.progress?("\(day): \(staffing.count) panels, model \(model.model.constraintCount)×\(model.model.variableCount), \(result.reason), objective \(format(result.objective ?? .nan)), bound \(format(result.bestBound ?? .nan)), \(format(result.elapsed)) s")
            for (k, p) in panelIDs.enumerated() {
                juries[p] = chosen.juries[k]
                presidents[p] = chosen.presidents[k]
                for m in chosen.juries[k] {
                    load[m] += layout.panels[p].sittingCount
                    if layout.panels[p].exam.mode.isExamined { examined[m, default: []].formUnion(layout.panels[p].candidateNumbers) }
                }
            }
        }
        figures.jurySeconds = clock.elapsed - layoutSeconds
        let schedule = Self.schedule(layout.panels, juries: juries, presidents: presidents, problem: problem)
        let audit = RuleCatalogue.audit(schedule, against: campaign)
        if !audit.isClean {
            return .notFound(["internal error: the plan breaks \(audit.breaches.count) rule(s), first \(audit.breaches[0]); it was not written"])
        }
        PlanMeasures.fill(&figures, schedule: schedule, campaign: campaign)
        figures.bound = min(LowerBound.compute(problem).bound, figures.objective)
        figures.seconds = clock.elapsed
        return .planned(Plan(schedule: schedule, figures: figures))
    }

    /// One row per candidate of each sitting; a candidate without extra time leaves at the
    /// normal end of a sitting lengthened for another.
    static func schedule(_ panels: [Panel], juries: [[Int]], presidents: [Int?], problem: PlanningProblem) -> Schedule {
        let campaign = problem.campaign
        var rows: [ScheduleRow] = []
        for panel in panels {
            let room = campaign.rooms[panel.room]
            let jury = juries[panel.id].map { campaign.members[$0].id }
            let president = presidents[panel.id].map { campaign.members[$0].id } ?? ""
            for slot in panel.slots {
                for c in slot.candidates {
                    let candidate = campaign.candidates[c]
                    let end = slot.start + panel.exam.minutes(extraTime: candidate.extraTime)
                    rows.append(ScheduleRow(day: problem.day(panel.period), time: TimeRange(start: slot.start, end: end), site: room.site,
                                            room: room.id, exam: panel.exam.id, candidateID: candidate.id, candidateName: candidate.displayName,
                                            jury: jury, president: president))
                }
            }
        }
        return Schedule(rows: rows).sorted
    }
}

func format(_ x: Double) -> String { x.isFinite ? String(format: "%.2f", x) : "–" }

/// Monotonic wall time since creation.
struct Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds
    var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}
