import XCTest
@testable import JuryPlanCore

/// `PooledPlaceSearch`, the search over every sitting's place and jury, on the session it was
/// built for: CSEC, 20 candidates over 3 days, members available exactly in the hours of their
/// witness sittings (`generate --preset csec --tight --exact-hours --candidates 20 --days 3
/// --seed 3`). Before it, `plan` ended in exit 3 with a FINAL left out after 55 s.
final class PooledPlaceSearchTests: XCTestCase {
    private func session() throws -> (Campaign, PlanningProblem, witness: Schedule) {
        let (loose, witness) = try XCTUnwrap(TightSessionGenerator(preset: .csec, candidates: 20, seed: 3, days: 3).generate())
        let campaign = TightSessionGenerator.exactHours(loose, witness: witness)
        return (campaign, PlanningProblem(campaign), witness)
    }

    /// The construction without ruin and recreate: it leaves sittings out here.
    private func constructed(_ problem: PlanningProblem) -> (plan: Planner.MendedPlan, left: [Int]) {
        var insertion = JuryAwareInsertion(problem: problem, panels: [], juries: [], presidents: [])
        let left = insertion.insert(Array(problem.requests.indices))
        return (insertion.plan, left)
    }

    private func breaches(_ plan: Planner.MendedPlan, left: [Int], _ problem: PlanningProblem) -> [String] {
        let campaign = problem.campaign
        let schedule = Planner.schedule(plan.panels, juries: plan.juries, presidents: plan.presidents, problem: problem)
        let unplaced = left.map { r in
            UnplacedSitting(exam: problem.requests[r].exam.id, candidates: problem.requests[r].candidates.map { campaign.candidates[$0].id }, reason: "")
        }
        return Planner.breaches(of: schedule, besides: unplaced, campaign: campaign).map(\.description)
    }

    func testTheWitnessIsLawful() throws {
        let (campaign, _, witness) = try session()
        XCTAssertEqual(RuleCatalogue.audit(witness, against: campaign).breaches.map(\.description), [])
    }

    func testTheSearchLowersConflictsAndIsRepeatable() throws {
        let (_, problem, _) = try session()
        let start = constructed(problem)
        XCTAssertFalse(start.left.isEmpty, "the case the search is for: the construction leaves sittings out")
        let lookups = JuryAwareInsertion(problem: problem, panels: [], juries: [], presidents: [])
        var one = try XCTUnwrap(PooledPlaceSearch(problem, from: start.plan, lookups: lookups))
        let first = one.search(work: 1, seed: 47)
        var full = try XCTUnwrap(PooledPlaceSearch(problem, from: start.plan, lookups: lookups))
        let searched = full.search(work: 100_000, seed: 47)
        XCTAssertGreaterThan(first.conflicts, 0)
        XCTAssertLessThan(searched.conflicts, first.conflicts)
        XCTAssertEqual(searched.assignments.compactMap { $0 }.count, problem.requests.count, "every sitting holds a place and a jury")
        var again = try XCTUnwrap(PooledPlaceSearch(problem, from: start.plan, lookups: lookups))
        XCTAssertEqual(again.search(work: 100_000, seed: 47).assignments, searched.assignments, "same start, same seed: same places")
    }

    /// Booked and repaired, the search's result keeps every rule, whatever conflicts it left:
    /// only the sittings left out are missing (R1), and no more than the construction left out.
    func testTheBookedResultIsLawful() throws {
        let (campaign, problem, _) = try session()
        let start = constructed(problem)
        let planner = Planner(campaign: campaign, options: PlanOptions(timeLimit: 600))
        let found = try XCTUnwrap(planner.searchPlaces(from: start, problem: problem, clock: Stopwatch(), seed: 47))
        XCTAssertEqual(breaches(found.plan, left: found.left, problem), [])
        XCTAssertLessThanOrEqual(found.left.count, start.left.count)
    }

    /// End to end: CPAS, 100 candidates over 3 days with exact hours (seed 2), which ended in
    /// exit 3 with one group sitting out after 30 s before the search, plans whole and lawful.
    /// The time limit is a safety net only (the search counts places weighed, not seconds).
    func testASessionLeftShortBeforeNowPlansWhole() throws {
        let (loose, witness) = try XCTUnwrap(TightSessionGenerator(preset: .cpas, candidates: 100, seed: 2, days: 3).generate())
        let campaign = TightSessionGenerator.exactHours(loose, witness: witness)
        switch Planner(campaign: campaign, options: PlanOptions(timeLimit: 600)).run() {
        case .planned(let plan):
            XCTAssertEqual(plan.unplaced.map(\.description), [])
            XCTAssertEqual(RuleCatalogue.audit(plan.schedule, against: campaign).breaches.map(\.description), [])
            XCTAssertEqual(PlannerPropertyTests.registrationProblems(plan.schedule, campaign), [])
        case .infeasible(let reasons):
            XCTFail("reported impossible although the witness is lawful: \(reasons.prefix(3))")
        case .notFound(let reasons, let partial):
            XCTFail("not found; left out \(partial?.unplaced.map(\.description) ?? reasons)")
        }
    }
}
