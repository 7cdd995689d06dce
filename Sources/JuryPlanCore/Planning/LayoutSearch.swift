import Foundation

/// Stage 1 run several ways, keeping the best: the layout is a greedy, and which candidate or
/// which exam goes first changes its result by several percent either way (measured: written
/// exams first or last moved a 100-candidate CSEC objective by −2.8 % to +3.7 % depending on the
/// seed). Once the base layout is fully staffed by `JuryGreedy`, the other variants are laid out
/// and convened by the greedy alone, on both cores at once (pure Swift, no GLPK); the planner
/// solves the day models of the best one only. Deterministic: every variant is, and ties go to
/// the earlier variant.
struct LayoutSearch: @unchecked Sendable {  // each variant touches only its own problem
    let problem: PlanningProblem
    let panelCapacity: Int
    /// The time limit, handed to every layout (`SittingLayout.stop`).
    var stop: @Sendable () -> Bool = { false }

    /// What the planner tells every layout from earlier attempts.
    struct Feedback {
        var shares: [[SeatKind: Double]]
        var priority: [Int: Int] = [:]
        var unstaffed: [Int: [Int: Int]] = [:]
        var solo = Set<Int>()
    }

    struct Trial {
        var variantIndex: Int
        var layout: SittingLayout
        var panels: [Panel]
        /// Unplaced sittings, then panels the greedy left empty, then the greedy plan's objective
        /// (0 when not scored).
        var score: (Int, Int, Double)

        /// The greedy convened every panel of every day (so the planner's probe would pass).
        var staffedByGreedy: Bool { score.0 == 0 && score.1 == 0 && score.2 > 0 }
    }

    static let variants: [SittingLayout.Variant] = [
        SittingLayout.Variant(writtenLast: false, orderNoise: 0),
        SittingLayout.Variant(writtenLast: true, orderNoise: 0),
        SittingLayout.Variant(writtenLast: true, orderNoise: 2),
    ]
    /// Tried only when the base layout leaves sittings unplaced.
    static let tight = SittingLayout.Variant(tight: true)
    static let tightIndex = variants.count

    /// The base layout (variant 0), laid out and convened by the greedy; when it leaves
    /// sittings unplaced, the tight variant if that one places them all.
    func base(_ feedback: Feedback, attempt: Int = 0) -> Trial {
        // Scored by the greedy only when alternatives may be compared with it.
        let base = evaluate(0, feedback, scored: problem.requests.count <= Self.alternativesUpTo)
        guard !base.layout.unplaced.isEmpty else { return base }
        // Small sessions are cheap to lay out: try the tight variant in several candidate orders,
        // other ones at each attempt.
        let tries = problem.requests.count <= Self.smallSession ? Self.tightOrders : 1
        for k in 0..<tries {
            // Small sessions alternate plain and packed panels, candidate by candidate and
            // round by round.
            let tight = evaluate(Self.tightIndex, feedback, orderNoise: UInt64(attempt * tries + k),
                                 packed: tries > 1 && k % 2 == 1, examMajor: tries > 1 && k % 4 >= 2, scored: false)
            if tight.layout.unplaced.isEmpty { return tight }
        }
        return base
    }

    /// Up to this many sittings, the tight variant is tried in `tightOrders` orders.
    static let smallSession = 60
    static let tightOrders = 32

    /// The best of the other variants by the greedy plan's objective, when one is fully placed,
    /// fully staffed by the greedy and better than `base`; nil otherwise.
    func better(than base: Trial, _ feedback: Feedback) -> Trial? {
        guard base.variantIndex == 0, base.staffedByGreedy, problem.requests.count <= Self.alternativesUpTo else { return nil }
        let others = Array(1..<Self.variants.count)
        let results = Results(count: others.count)
        DispatchQueue.concurrentPerform(iterations: others.count) { k in
            // `PlanningProblem` fills caches as it is used: variants running at once get their own.
            results.set(k, evaluate(others[k], feedback, in: PlanningProblem(problem.campaign)))
        }
        var best = base
        for k in others.indices {
            let trial = results.get(k)
            if trial.score < best.score { best = trial }
        }
        return best.variantIndex == base.variantIndex ? nil : best
    }

    /// Above this many sittings the alternatives are not tried. Measured at 1,000 CSEC
    /// candidates (4,857 sittings): 0.4 % better for 30 s more (34 → 65 s); at 100 (483
    /// sittings) 2.4 % better for 0.9 s.
    static let alternativesUpTo = 2_000

    /// Lays out one variant; `scored`: also convenes it by the greedy and scores the plan.
    private func evaluate(_ index: Int, _ feedback: Feedback, orderNoise: UInt64 = 0, packed: Bool = false, examMajor: Bool = false, scored: Bool = true,
                          in problem: PlanningProblem? = nil) -> Trial {
        let problem = problem ?? self.problem
        var layout = SittingLayout(problem, panelCapacity: panelCapacity)
        layout.stop = stop
        layout.variant = index == Self.tightIndex ? Self.tight : Self.variants[index]
        if orderNoise > 0 { layout.variant.orderNoise = orderNoise }
        layout.variant.packed = packed
        layout.variant.examMajor = examMajor
        layout.dayShare = feedback.shares
        layout.priority = feedback.priority
        layout.unstaffedBefore = feedback.unstaffed
        layout.run()
        guard layout.unplaced.isEmpty else { return Trial(variantIndex: index, layout: layout, panels: [], score: (layout.unplaced.count, 0, 0)) }
        let solo = packed ? Set(problem.requests.map(\.id)) : feedback.solo
        let panels = Planner.juryPanels(layout.panels, sittingsPerJury: panelCapacity, solo: solo)
        guard scored else { return Trial(variantIndex: index, layout: layout, panels: panels, score: (0, 0, 0)) }
        let (juries, presidents, empty) = Self.greedyJuries(panels, problem: problem)
        guard empty == 0 else { return Trial(variantIndex: index, layout: layout, panels: panels, score: (0, empty, 0)) }
        var figures = PlanFigures()
        let schedule = Planner.schedule(panels, juries: juries, presidents: presidents, problem: problem)
        PlanMeasures.fill(&figures, schedule: schedule, campaign: problem.campaign)
        return Trial(variantIndex: index, layout: layout, panels: panels, score: (0, 0, figures.objective))
    }

    /// Juries for every day by `JuryGreedy`, in day order, and how many panels it left empty.
    static func greedyJuries(_ panels: [Panel], problem: PlanningProblem) -> ([[Int]], [Int?], Int) {
        let campaign = problem.campaign
        var juries = Array(repeating: [Int](), count: panels.count)
        var presidents = Array(repeating: Int?.none, count: panels.count)
        var history = ConveningHistory(memberCount: campaign.members.count)
        var empty = 0
        let days = Dictionary(grouping: panels.indices, by: { panels[$0].period.dayIndex })
        for dayIndex in days.keys.sorted() {
            let panelIDs = days[dayIndex] ?? []
            let staffing = panelIDs.map { PanelStaffing(panels[$0], problem: problem) }
            let greedy = JuryGreedy(staffing: staffing, campaign: campaign, examinedBefore: history.examined, loadBefore: history.load).run()
            for (k, p) in panelIDs.enumerated() {
                juries[p] = greedy.juries[k]
                presidents[p] = greedy.presidents[k]
                if greedy.juries[k].isEmpty && staffing[k].size > 0 { empty += 1 }
            }
            history.record(greedy.juries, of: panelIDs, panels: panels)
        }
        return (juries, presidents, empty)
    }

    /// One slot per variant, written from several threads.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Trial?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ c: Trial) { lock.withLock { slots[i] = c } }
        func get(_ i: Int) -> Trial { lock.withLock { slots[i]! } }
    }
}

/// Members' sittings and the candidates they examined on the days convened so far: a member's
/// earlier days set the repeat and balance costs of later ones.
struct ConveningHistory {
    var examined: [Int: Set<Int>] = [:]
    var load: [Int]

    init(memberCount: Int) { load = Array(repeating: 0, count: memberCount) }

    mutating func record(_ chosen: [[Int]], of panelIDs: [Int], panels: [Panel]) {
        for (k, p) in panelIDs.enumerated() {
            for m in chosen[k] {
                load[m] += panels[p].sittingCount
                if panels[p].exam.mode.isExamined { examined[m, default: []].formUnion(panels[p].candidateNumbers) }
            }
        }
    }
}
