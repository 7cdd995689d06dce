import XCTest
@testable import JuryPlanCore

/// The layout variants (`LayoutSearch`): an alternative is taken only when it is fully placed,
/// fully staffed by the greedy and scores better; the parallel evaluation is deterministic; and
/// on small generated sessions the variants do find better layouts (measured: 3 of 5 below).
final class LayoutSearchTests: XCTestCase {
    private func feedback(_ campaign: Campaign) -> LayoutSearch.Feedback {
        LayoutSearch.Feedback(shares: Array(repeating: Dictionary(uniqueKeysWithValues: SeatKind.allCases.map { ($0, Planner.initialShare) }),
                                            count: campaign.days.count))
    }

    func testAlternativesAreBetterFullyStaffedAndDeterministic() throws {
        var improved = 0
        for seed: UInt64 in 1...5 {
            let campaign = CampaignGenerator(preset: .csec, candidates: 30, seed: seed).generate()
            let problem = PlanningProblem(campaign)
            let search = LayoutSearch(problem: problem, panelCapacity: campaign.maxSittingsPerDay / 2)
            let base = search.base(feedback(campaign))
            XCTAssertEqual(base.variantIndex, 0)
            guard let other = search.better(than: base, feedback(campaign)) else { continue }
            improved += 1
            XCTAssertNotEqual(other.variantIndex, 0, "seed \(seed)")
            XCTAssertEqual(other.score.0, 0, "seed \(seed): every sitting placed")
            XCTAssertEqual(other.score.1, 0, "seed \(seed): every panel staffed by the greedy")
            XCTAssertLessThan(other.score.2, base.score.2, "seed \(seed)")
            // Its greedy juries make a lawful plan scoring what the search says.
            let (juries, presidents, empty) = LayoutSearch.greedyJuries(other.panels, problem: problem)
            XCTAssertEqual(empty, 0)
            let schedule = Planner.schedule(other.panels, juries: juries, presidents: presidents, problem: problem)
            XCTAssertEqual(RuleCatalogue.audit(schedule, against: campaign).breaches.map(\.description), [], "seed \(seed)")
            var figures = PlanFigures()
            PlanMeasures.fill(&figures, schedule: schedule, campaign: campaign)
            XCTAssertEqual(figures.objective, other.score.2, accuracy: 1e-9)
            // Evaluated again on both cores: the same variant and the same timetable.
            let again = try XCTUnwrap(search.better(than: base, feedback(campaign)))
            XCTAssertEqual(again.variantIndex, other.variantIndex)
            XCTAssertEqual(again.panels.map { $0.slots.map { [$0.request, $0.start] } }, other.panels.map { $0.slots.map { [$0.request, $0.start] } })
            XCTAssertEqual(again.panels.map(\.room), other.panels.map(\.room))
        }
        XCTAssertGreaterThan(improved, 0, "no variant beat the base layout on any of 5 sessions")
    }

    /// Written sittings first or last: only the order of a candidate's requests changes.
    func testVariantOrdersWrittenSittings() {
        let campaign = CampaignGenerator(preset: .csec, candidates: 3, seed: 1).generate()
        let problem = PlanningProblem(campaign)
        var layout = SittingLayout(problem, panelCapacity: 4)
        let requests = problem.requestsOfCandidate[0].map { problem.requests[$0] }
        guard let written = requests.first(where: { $0.exam.mode == .written }),
              let oral = requests.first(where: { $0.exam.mode == .oral && $0.exam.after.isEmpty }) else {
            return XCTFail("candidate 1 has no written exam or no block oral")
        }
        XCTAssertTrue(layout.order(written) < layout.order(oral))
        layout.variant.writtenLast = true
        XCTAssertTrue(layout.order(written) > layout.order(oral))
    }

    /// The layout's work is counted in starts weighed, not seconds: a generated session lays
    /// out whole well inside the limit, and a layout that reaches it stops placing (the rest
    /// is left to the construction that knows juries) instead of running on for most of the
    /// time limit, as one did for 51 s on a session whose members were available only at a
    /// witness's sittings. The limit is checked before each placement, so the one in progress
    /// may weigh a few starts beyond it.
    func testLayoutStopsPlacingOnceItsLimitOfStartsIsReached() {
        let campaign = CampaignGenerator(preset: .csec, candidates: 100, seed: 1, days: 8).generate()
        let problem = PlanningProblem(campaign)
        var whole = SittingLayout(problem, panelCapacity: campaign.maxSittingsPerDay / 2)
        whole.run()
        XCTAssertEqual(whole.unplaced.count, 0)
        XCTAssertFalse(whole.outOfWork)
        XCTAssertLessThanOrEqual(whole.work.starts * 3, whole.workLimit, "a generated session should need a third of the limit at most")

        var cut = SittingLayout(problem, panelCapacity: campaign.maxSittingsPerDay / 2)
        cut.workLimit = whole.work.starts / 4
        cut.run()
        XCTAssertTrue(cut.outOfWork)
        XCTAssertGreaterThan(cut.unplaced.count, 0)
        XCTAssertEqual(Set(cut.unplaced.map(\.request)).count, cut.unplaced.count, "each sitting left out once")
    }
}
