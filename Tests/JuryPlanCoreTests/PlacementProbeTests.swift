import XCTest
@testable import JuryPlanCore

/// The last look at a partial plan (`Planner.settle`, `PlacementProbe`): a sitting whose place is
/// free is placed (the plan then passes every rule), and one with no place gets, day by day, what
/// stops it.
final class PlacementProbeTests: XCTestCase {
    /// The witness without the rows of one sitting of `exam`, as a partial plan naming it.
    private func partial(_ witness: Schedule, _ campaign: Campaign, exam: String) throws -> (plan: Plan, removed: [ScheduleRow]) {
        let first = try XCTUnwrap(witness.rows.first { $0.exam == exam }, "no \(exam)")
        let same = { (r: ScheduleRow) in r.day == first.day && r.time.start == first.time.start && r.room == first.room && r.exam == first.exam }
        let removed = witness.rows.filter(same)
        let kept = Schedule(rows: witness.rows.filter { !same($0) })
        var figures = PlanFigures()
        PlanMeasures.fill(&figures, schedule: kept, campaign: campaign)
        let left = UnplacedSitting(exam: exam, candidates: removed.map(\.candidateID), reason: "taken out")
        return (Plan(schedule: kept, figures: figures, unplaced: [left]), removed)
    }

    private func settle(_ plan: Plan, _ campaign: Campaign) -> PlanOutcome {
        Planner(campaign: campaign).settle(.notFound(["test"], partial: plan), problem: PlanningProblem(campaign), clock: Stopwatch())
    }

    func testASittingWhosePlaceIsFreeIsPlacedAndThePlanKeepsEveryRule() throws {
        for (preset, n, seed, exams) in [(PresetName.csec, 8, UInt64(31), ["BC1", "FINAL", "BC3"]), (.pacte, 10, 32, ["INTERVIEW", "THESIS"]), (.cpas, 10, 33, ["B3", "B4"])] {
            let (campaign, witness) = try XCTUnwrap(TightSessionGenerator(preset: preset, candidates: n, seed: seed).generate(), "\(preset)")
            for exam in exams where witness.rows.contains(where: { $0.exam == exam }) {
                let (plan, removed) = try partial(witness, campaign, exam: exam)
                guard case .planned(let settled) = settle(plan, campaign) else {
                    return XCTFail("\(preset) \(exam): \(removed.count) row(s) taken out of a lawful plan were not placed again")
                }
                XCTAssertEqual(settled.unplaced.count, 0)
                XCTAssertEqual(settled.schedule.rows.count, witness.rows.count, "\(preset) \(exam)")
                XCTAssertEqual(RuleCatalogue.audit(settled.schedule, against: campaign).breaches.map(\.description), [], "\(preset) \(exam)")
                XCTAssertGreaterThan(settled.figures.bound, 0, "a complete plan reports its bound")
            }
        }
    }

    /// Members available exactly when the witness has them sit, without the sitting taken out:
    /// nobody who could sit it is ever free, and each day says so by rule.
    func testASittingWithNoPlaceIsExplainedDayByDay() throws {
        let (loose, witness) = try XCTUnwrap(TightSessionGenerator(preset: .csec, candidates: 8, seed: 34).generate())
        let (plan, _) = try partial(witness, loose, exam: "BC1")
        let campaign = TightSessionGenerator.exactHours(loose, witness: plan.schedule)
        XCTAssertEqual(RuleCatalogue.audit(plan.schedule, against: campaign).breaches.filter { $0.rule != .r1 }.map(\.description), [])
        guard case .notFound(_, let partial?) = settle(plan, campaign) else { return XCTFail("the sitting cannot be placed") }
        let reason = try XCTUnwrap(partial.unplaced.first).reason
        XCTAssertTrue(reason.hasPrefix("taken out. Day by day, nearest first: on "), reason)
        XCTAssertTrue(reason.contains("it needs 2 professionals"), reason)
        XCTAssertTrue(reason.contains("are not available (R9)"), reason)
        let named = campaign.days.filter { reason.contains("on \($0.iso) ") }.count
        XCTAssertEqual(named, min(campaign.days.count, Planner.daysExplained), reason)
        if campaign.days.count > Planner.daysExplained {
            XCTAssertTrue(reason.hasSuffix("and \(campaign.days.count - Planner.daysExplained) other day\(campaign.days.count - Planner.daysExplained == 1 ? "" : "s") that get less far"), reason)
        }
        XCTAssertEqual(partial.schedule.rows.count, plan.schedule.rows.count, "nothing else moves")
    }

    /// A sitting proven impossible is not tried, and one whose prerequisite is left out waits for it.
    func testProvenSittingsAreLeftAsTheyAreAndFollowersWait() throws {
        let (campaign, witness) = try XCTUnwrap(TightSessionGenerator(preset: .csec, candidates: 6, seed: 35).generate())
        let candidate = try XCTUnwrap(witness.rows.first { $0.exam == "FINAL" }).candidateID
        let taken = witness.rows.filter { $0.candidateID == candidate && ($0.exam == "FINAL" || $0.exam == "BC1") }
        XCTAssertEqual(taken.count, 2)
        let kept = Schedule(rows: witness.rows.filter { row in !taken.contains(row) })
        let proof = UnplacedSitting(exam: "BC1", candidates: [candidate], reason: "proof", proven: true)
        let follower = UnplacedSitting(exam: "FINAL", candidates: [candidate], reason: "no place found")
        let outcome = settle(Plan(schedule: kept, figures: PlanFigures(), unplaced: [proof, follower]), campaign)
        guard case .notFound(_, let partial?) = outcome else { return XCTFail("\(outcome)") }
        var waiting = follower
        waiting.reason = "BC1 of \(candidate), which must come first, is not placed (R13)"
        XCTAssertEqual(partial.unplaced, [proof, waiting], "neither is placed; the follower says what it waits for")
        XCTAssertEqual(partial.schedule.rows.count, kept.rows.count)
    }

    /// Members available exactly when a lawful plan has them sit; in the partial plan, candidate
    /// b's BC1 has taken the time and jury of candidate a's, and a cannot sit in b's old place.
    /// No place is free for a's BC1 (the probe says so), but b's BC1 can step back: the last
    /// look moves it and seats a's, and the plan is whole and lawful.
    func testASittingStepsAsideForALeftOutOne() throws {
        var tried = 0
        for seed: UInt64 in 36...44 {
            guard let generated = TightSessionGenerator(preset: .csec, candidates: 10, seed: seed).generate() else { continue }
            let (loose, witness) = generated
            let campaign = TightSessionGenerator.exactHours(loose, witness: witness)
            let orals = witness.rows.indices.filter { witness.rows[$0].exam == "BC1" }
            for a in orals {
                for b in orals where b != a && witness.rows[b].time.minutes == witness.rows[a].time.minutes {
                    var rows = witness.rows
                    let sitting = rows[a]
                    rows[b].day = sitting.day
                    rows[b].time = sitting.time
                    rows[b].room = sitting.room
                    rows[b].site = sitting.site
                    rows[b].jury = sitting.jury
                    rows[b].president = sitting.president
                    rows.remove(at: a)
                    let partial = Schedule(rows: rows)
                    let left = UnplacedSitting(exam: "BC1", candidates: [sitting.candidateID], reason: "taken out")
                    guard Planner.breaches(of: partial, besides: [left], campaign: campaign).isEmpty else { continue }
                    let probe = PlacementProbe(schedule: partial, campaign: campaign, availability: Availability(campaign))
                    guard case .blocked = probe.probe(exam: try XCTUnwrap(campaign.exam("BC1")), candidates: [try XCTUnwrap(campaign.candidate(sitting.candidateID))]) else { continue }
                    tried += 1
                    var figures = PlanFigures()
                    PlanMeasures.fill(&figures, schedule: partial, campaign: campaign)
                    guard case .planned(let plan) = settle(Plan(schedule: partial, figures: figures, unplaced: [left]), campaign) else {
                        return XCTFail("seed \(seed): \(witness.rows[b].candidateID)'s BC1 could step back for \(sitting.candidateID)'s")
                    }
                    XCTAssertEqual(RuleCatalogue.audit(plan.schedule, against: campaign).breaches.map(\.description), [])
                    XCTAssertEqual(plan.schedule.rows.count, witness.rows.count)
                    if tried == 3 { return }
                }
            }
        }
        XCTAssertGreaterThan(tried, 0, "no case where the left-out sitting has no free place")
    }
}
