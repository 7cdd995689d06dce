@testable import JuryPlanCore

/// A generated session laid out by the base layout and staffed by the jury greedy: what the
/// planner's last passes (trades, shared rooms) start from.
struct StaffedSession {
    var label: String
    var campaign: Campaign
    var problem: PlanningProblem
    var panels: [Panel]
    var juries: [[Int]]
    var presidents: [Int?]

    /// The figures of the session's schedule with `panels` in place of its own.
    func figures(_ panels: [Panel]? = nil) -> (schedule: Schedule, figures: PlanFigures) {
        let schedule = Planner.schedule(panels ?? self.panels, juries: juries, presidents: presidents, problem: problem)
        var figures = PlanFigures()
        PlanMeasures.fill(&figures, schedule: schedule, campaign: campaign)
        return (schedule, figures)
    }

    /// CSEC, PACTE and CPAS sessions of 23 to 63 candidates (seeds 1–6), those the greedy
    /// staffs in full.
    static func generated() -> [StaffedSession] {
        var sessions: [StaffedSession] = []
        for preset in [PresetName.csec, .pacte, .cpas] {
            for seed: UInt64 in 1...6 {
                let campaign = CampaignGenerator(preset: preset, candidates: 15 + Int(seed) * 8, seed: seed).generate()
                let problem = PlanningProblem(campaign)
                let search = LayoutSearch(problem: problem, panelCapacity: campaign.maxSittingsPerDay / 2)
                let shares = Dictionary(uniqueKeysWithValues: SeatKind.allCases.map { ($0, Planner.initialShare) })
                let base = search.base(LayoutSearch.Feedback(shares: Array(repeating: shares, count: campaign.days.count)))
                let (juries, presidents, empty) = LayoutSearch.greedyJuries(base.panels, problem: problem)
                guard base.layout.unplaced.isEmpty, empty == 0 else { continue }
                sessions.append(StaffedSession(label: "\(preset) seed \(seed)", campaign: campaign, problem: problem, panels: base.panels,
                                               juries: juries, presidents: presidents))
            }
        }
        return sessions
    }
}
