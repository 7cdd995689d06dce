import XCTest
@testable import JuryPlanCore

/// `JuryAwareInsertion`: sittings placed one at a time with their day, start, room and jury
/// chosen together, ruin and recreate while some are left, and ruin and recreate on the cost.
/// Every plan it makes is audited by the rule catalogue (the independent definition of lawful),
/// on tight generated sessions of the three presets (members scarce, a witness exists).
final class JuryAwareInsertionTests: XCTestCase {
    private static let cases: [(PresetName, Int, UInt64)] = [
        (.csec, 6, 11), (.csec, 10, 12), (.pacte, 8, 13), (.cpas, 8, 14), (.cpas, 12, 15), (.csec, 14, 16),
    ]

    private func tight(_ preset: PresetName, _ n: Int, _ seed: UInt64) throws -> Campaign {
        try XCTUnwrap(TightSessionGenerator(preset: preset, candidates: n, seed: seed).generate()?.campaign, "no witness for \(preset):\(n):\(seed)")
    }

    private func schedule(_ insertion: JuryAwareInsertion) -> Schedule {
        let plan = insertion.plan
        return Planner.schedule(plan.panels, juries: plan.juries, presidents: plan.presidents, problem: insertion.problem)
    }

    /// Breaches other than R1 for the sittings left out.
    private func breaches(_ insertion: JuryAwareInsertion, leftOut: [Int]) -> [Breach] {
        let problem = insertion.problem
        let campaign = problem.campaign
        let unplaced = leftOut.map { r in
            UnplacedSitting(exam: problem.requests[r].exam.id, candidates: problem.requests[r].candidates.map { campaign.candidates[$0].id }, reason: "")
        }
        return Planner.breaches(of: schedule(insertion), besides: unplaced, campaign: campaign)
    }

    func testAPlanBuiltBySittingsAloneKeepsEveryRule() throws {
        var placedAll = 0
        for (preset, n, seed) in Self.cases {
            let campaign = try tight(preset, n, seed)
            let problem = PlanningProblem(campaign)
            var insertion = JuryAwareInsertion(problem: problem, panels: [], juries: [], presidents: [])
            let left = insertion.placeAll(Array(problem.requests.indices), rounds: 300)
            XCTAssertEqual(breaches(insertion, leftOut: left).map(\.description), [], "\(preset):\(n):\(seed)")
            XCTAssertEqual(insertion.placedRequests.count + left.count, problem.requests.count, "each request placed or left out, once")
            if left.isEmpty { placedAll += 1 }
        }
        // A witness exists for each: construction alone, from nothing, seats most of them whole.
        XCTAssertGreaterThanOrEqual(placedAll, Self.cases.count - 2)
    }

    /// csec:4:431906 (found by `TightSessionPropertyTests`): its one certifier free to watch
    /// BC3 must watch three candidates in one written sitting, as the witness does; with one room
    /// and one invigilator per written candidate the FINALs had no certifier left.
    func testCandidatesJoinAWrittenSitting() throws {
        let campaign = try tight(.csec, 4, 431_906)
        let problem = PlanningProblem(campaign)
        // Construction alone: written candidates gather, within the room's seats (R4).
        var insertion = JuryAwareInsertion(problem: problem, panels: [], juries: [], presidents: [])
        let left = insertion.placeAll(Array(problem.requests.indices), rounds: 300)
        XCTAssertEqual(breaches(insertion, leftOut: left).map(\.description), [])
        let written = insertion.plan.panels.filter { $0.exam.mode == .written }
        XCTAssertTrue(written.contains { $0.slots[0].candidates.count > 1 }, "a written sitting seats several candidates")
        for panel in written {
            XCTAssertLessThanOrEqual(panel.slots[0].candidates.count, campaign.rooms[panel.room].capacity, "R4: seats")
        }
        // The whole planner seats everyone.
        guard case .planned(let plan) = Planner(campaign: campaign, options: PlanOptions(timeLimit: 30)).run() else {
            return XCTFail("the planner finds a plan where the witness shows one")
        }
        XCTAssertEqual(RuleCatalogue.audit(plan.schedule, against: campaign).breaches.map(\.description), [])
    }

    func testSameSessionSamePlan() throws {
        let campaign = try tight(.csec, 10, 12)
        let problem = PlanningProblem(campaign)
        var first = JuryAwareInsertion(problem: problem, panels: [], juries: [], presidents: [])
        var second = first
        _ = first.placeAll(Array(problem.requests.indices), rounds: 200)
        _ = first.improve(rounds: 50)
        _ = second.placeAll(Array(problem.requests.indices), rounds: 200)
        _ = second.improve(rounds: 50)
        XCTAssertEqual(schedule(first).rows, schedule(second).rows)
    }

    /// Staffings are remembered by examiner class (one exam, one set of examiners): candidates
    /// with other conflicts of interest (R10) are of other classes, at the same time.
    func testRememberedStaffingsKeepEachCandidatesConflicts() throws {
        let builder = CampaignBuilder.csec()
            .editMember("P1") { $0.conflicts = ["C2", "C4"] }
            .editMember("P2") { $0.conflicts = ["C2", "C4"] }
            .editMember("P3") { $0.conflicts = ["C1", "C3", "C5", "C6"] }
            .editMember("P4") { $0.conflicts = ["C1", "C3", "C5", "C6"] }
            .editMember("P5") { $0.conflicts = ["C1", "C3", "C5", "C6"] }
        for c in 1...6 { builder.candidate("C\(c)", exams: ["BC1"]) }
        let campaign = builder.build()
        let problem = PlanningProblem(campaign)
        var insertion = JuryAwareInsertion(problem: problem, panels: [], juries: [], presidents: [])
        let left = insertion.placeAll(Array(problem.requests.indices), rounds: 50)
        XCTAssertEqual(left, [])
        XCTAssertEqual(breaches(insertion, leftOut: left).map(\.description), [])
        let rows = schedule(insertion).rows
        let conflicted = rows.filter { ["C2", "C4"].contains($0.candidateID) }
        XCTAssertEqual(conflicted.count, 2)
        XCTAssertFalse(conflicted.contains { $0.jury.contains("P1") || $0.jury.contains("P2") }, "R10")
        // Only P1 and P2 may examine the others: a staffing of C2's class lent to them would
        // leave them out, one of theirs lent to C2 would break R10.
        XCTAssertEqual(Set(rows.filter { !["C2", "C4"].contains($0.candidateID) }.map { $0.jury.sorted() }), [["P1", "P2"]])
    }

    func testImprovementNeverRaisesTheCostAndKeepsEveryRule() throws {
        for (preset, n, seed) in Self.cases.prefix(4) {
            let campaign = try tight(preset, n, seed)
            let problem = PlanningProblem(campaign)
            var insertion = JuryAwareInsertion(problem: problem, panels: [], juries: [], presidents: [])
            let left = insertion.placeAll(Array(problem.requests.indices), rounds: 300)
            let before = insertion.cost, placed = insertion.placedRequests
            _ = insertion.improve(rounds: 80)
            XCTAssertLessThanOrEqual(insertion.cost, before, "\(preset):\(n):\(seed)")
            XCTAssertEqual(insertion.placedRequests, placed, "improvement moves sittings, never drops one")
            XCTAssertEqual(breaches(insertion, leftOut: left).map(\.description), [], "\(preset):\(n):\(seed)")
            // The cost is SPEC §1.3's first three criteria measured on the schedule.
            var figures = PlanFigures()
            PlanMeasures.fill(&figures, schedule: schedule(insertion), campaign: campaign)
            let w = campaign.weights
            XCTAssertEqual(insertion.cost, w.memberDays * Double(figures.memberDays) + w.roomHalfDays * Double(figures.roomHalfDays)
                + w.candidateDays * Double(figures.candidateDays), accuracy: 1e-9)
        }
    }

    func testTakingEveryPanelOutLeavesNothingBehind() throws {
        let campaign = try tight(.pacte, 8, 13)
        let problem = PlanningProblem(campaign)
        var insertion = JuryAwareInsertion(problem: problem, panels: [], juries: [], presidents: [])
        _ = insertion.placeAll(Array(problem.requests.indices), rounds: 100)
        XCTAssertGreaterThan(insertion.cost, 0)
        var returned: [Int] = []
        for p in insertion.held.indices { returned += insertion.remove(p) }
        XCTAssertEqual(insertion.cost, 0)
        XCTAssertTrue(insertion.placedRequests.isEmpty)
        XCTAssertTrue(insertion.memberDay.allSatisfy { $0.allSatisfy(\.isEmpty) })
        XCTAssertTrue(insertion.roomDay.allSatisfy { $0.allSatisfy(\.isEmpty) })
        XCTAssertEqual(Set(returned).count, returned.count, "each request held once")
        // What was taken out goes back in, lawfully.
        let left = insertion.insert(returned)
        XCTAssertEqual(breaches(insertion, leftOut: left).map(\.description), [])
    }

    /// Two orals are placed; with every professional never convened (max_per_day 0) no jury
    /// can be drawn and both stay out, the plan empty.
    func testASittingWithoutAPossibleJuryStaysOut() throws {
        let builder = CampaignBuilder.csec()
        builder.candidate("X", exams: ["BC4"]).candidate("Y", exams: ["BC5"])
        let campaign = builder.build()
        let problem = PlanningProblem(campaign)
        var insertion = JuryAwareInsertion(problem: problem, panels: [], juries: [], presidents: [])
        let left = insertion.placeAll(Array(problem.requests.indices), rounds: 20)
        XCTAssertEqual(left, [])
        XCTAssertEqual(breaches(insertion, leftOut: left).map(\.description), [])
        // The same two sittings with every professional away: neither can be placed.
        let away = CampaignBuilder.csec()
        away.candidate("X", exams: ["BC4"]).candidate("Y", exams: ["BC5"])
        var blocked = away.build()
        blocked.setPeople(candidates: blocked.candidates, members: blocked.members.map { m in
            var m = m
            if m.role == .professional { m.maxPerDay = 0 }
            return m
        }, rooms: blocked.rooms)
        let empty = PlanningProblem(blocked)
        var none = JuryAwareInsertion(problem: empty, panels: [], juries: [], presidents: [])
        XCTAssertEqual(none.placeAll(Array(empty.requests.indices), rounds: 20).count, empty.requests.count)
        XCTAssertEqual(none.cost, 0)
    }
}
