import XCTest
@testable import JuryPlanCore

/// `plan --from DRAFT` on pooled sessions: the draft's lawful rows are the first plan, what it
/// lacks is placed, and the plan is improved. Drafts are generators' witnesses (lawful by
/// `check`), spoiled on purpose; every plan is audited by the rule catalogue.
final class DraftStartTests: XCTestCase {
    private static let cases: [(PresetName, Int, UInt64)] = [(.csec, 12, 21), (.pacte, 10, 22), (.cpas, 12, 23), (.csec, 20, 24)]

    private func generated(_ preset: PresetName, _ n: Int, _ seed: UInt64) throws -> (campaign: Campaign, witness: Schedule) {
        try XCTUnwrap(TightSessionGenerator(preset: preset, candidates: n, seed: seed).generate(), "no witness for \(preset):\(n):\(seed)")
    }

    private func plan(_ campaign: Campaign, from draft: Schedule) throws -> Plan {
        var options = PlanOptions(timeLimit: 60)
        options.startFrom = draft
        guard case .planned(let plan) = Planner(campaign: campaign, options: options).run() else {
            XCTFail("not planned from the draft")
            throw XCTSkip("not planned")
        }
        return plan
    }

    private func objective(_ schedule: Schedule, _ campaign: Campaign) -> Double {
        var figures = PlanFigures()
        PlanMeasures.fill(&figures, schedule: schedule, campaign: campaign)
        return figures.objective
    }

    /// A lawful, complete draft is kept whole, and the plan made from it costs no more.
    func testAWholeLawfulDraftIsKeptAndNotMadeWorse() throws {
        for (preset, n, seed) in Self.cases {
            let (campaign, witness) = try generated(preset, n, seed)
            XCTAssertTrue(RuleCatalogue.audit(witness, against: campaign).isClean, "the witness is lawful")
            let start = Planner(campaign: campaign).draftPlan(witness, problem: PlanningProblem(campaign))
            XCTAssertEqual(start.setAside, 0, "\(preset):\(n):\(seed): nothing of a lawful draft is set aside")
            XCTAssertEqual(start.kept, witness.rows.count)
            let planned = try plan(campaign, from: witness)
            XCTAssertEqual(RuleCatalogue.audit(planned.schedule, against: campaign).breaches.map(\.description), [])
            XCTAssertLessThanOrEqual(planned.figures.objective, objective(witness, campaign), "\(preset):\(n):\(seed)")
        }
    }

    /// A draft with rows missing, rows moved onto busy times and a stranger on a jury: those
    /// rows (and at most one row each moved row clashes with) are set aside, every sitting is
    /// placed, and the plan keeps every rule.
    func testASpoiledDraftIsMendedIntoALawfulPlan() throws {
        for (preset, n, seed) in Self.cases {
            let (campaign, witness) = try generated(preset, n, seed)
            var rows = witness.rows
            var random = SeededRandom(seed: seed)
            rows.removeSubrange(0..<(rows.count / 8))
            let moved = max(1, rows.count / 12)
            let first = rows[0].time.start
            for k in 0..<moved {
                let i = random.int(0...(rows.count - 1))
                let length = rows[i].time.end - rows[i].time.start
                rows[i].time = TimeRange(start: first, end: first + length)
                if k == 0 { rows[i].jury = ["NOBODY"] + rows[i].jury.dropFirst() }
            }
            let draft = Schedule(rows: rows)
            let start = Planner(campaign: campaign).draftPlan(draft, problem: PlanningProblem(campaign))
            // Measured: 2 of 4, 1 of 1, 6 of 2 (a CPAS group sitting goes whole), 9 of 8.
            XCTAssertLessThanOrEqual(start.setAside, 4 * moved, "\(preset):\(n):\(seed)")
            XCTAssertGreaterThan(start.kept, 0)
            let planned = try plan(campaign, from: draft)
            XCTAssertEqual(RuleCatalogue.audit(planned.schedule, against: campaign).breaches.map(\.description), [], "\(preset):\(n):\(seed)")
            XCTAssertFalse(planned.isPartial)
            let again = try plan(campaign, from: draft)
            XCTAssertEqual(again.schedule.rows, planned.schedule.rows, "same draft, same plan")
        }
    }

    /// A draft of another campaign names nothing here: it is set aside whole and the session is
    /// planned as without a draft.
    func testADraftOfAnotherCampaignIsSetAside() throws {
        let (campaign, _) = try generated(.csec, 12, 21)
        let (_, other) = try generated(.pacte, 10, 22)
        let start = Planner(campaign: campaign).draftPlan(other, problem: PlanningProblem(campaign))
        XCTAssertEqual(start.kept, 0)
        XCTAssertEqual(start.setAside, other.rows.count)
        let planned = try plan(campaign, from: other)
        XCTAssertEqual(RuleCatalogue.audit(planned.schedule, against: campaign).breaches.map(\.description), [])
    }
}
