import Foundation
import XCTest
@testable import JuryPlanCore
import JuryPlanIO
import MIP

/// The search over every sitting's place on a session the constructions leave short: 200
/// bachelor defences, each before its two imposed members, at two campuses (one site a day per
/// member, R14), written from SPEC alone by a black-box pass with a lawful witness. Before the
/// search, `plan` ended in exit 3 with 3 defences left out after 55 s.
final class CommitteePlaceSearchTests: XCTestCase {
    private let folder = ExportPaths.repository.appendingPathComponent("fixtures/bachelor-defences-200", isDirectory: true)

    private func session() throws -> (Campaign, CommitteeProblem) {
        let campaign = try CampaignLoader.load(folder).campaign
        return (campaign, try XCTUnwrap(CommitteeProblem(PlanningProblem(campaign))))
    }

    func testTheWitnessIsLawful() throws {
        let (campaign, _) = try session()
        let (witness, _) = try ScheduleCSV.read(contentsOf: folder.appendingPathComponent("witness.csv"))
        XCTAssertEqual(witness.rows.count, 200)
        XCTAssertTrue(RuleCatalogue.audit(witness, against: campaign).isClean)
    }

    func testSearchSeatsEveryDefenceTheConstructionLeftOut() throws {
        let (campaign, session) = try session()
        let constructed = CommitteeGreedy(session).construct()
        // The case the search is for: the construction leaves defences out.
        XCTAssertLessThan(constructed.placedCount, session.sittings.count)
        var search = CommitteePlaceSearch(session, from: constructed)
        let found = search.search(iterations: CommitteePlanner.placeSearchSteps(session), seed: CommitteePlanner.placeSearchSeed)
        XCTAssertEqual(found.placedCount, session.sittings.count)
        let planner = CommitteePlanner(session: session, options: PlanOptions(), solver: GLPKSolver())
        let schedule = planner.schedule(found)
        XCTAssertEqual(schedule.rows.count, 200)
        let audit = RuleCatalogue.audit(schedule, against: campaign)
        XCTAssertTrue(audit.isClean, "\(audit.breaches.prefix(3))")
        for row in schedule.rows {
            let imposed = campaign.candidates.first { $0.id == row.candidateID }?.imposedJury ?? []
            XCTAssertEqual(Set(row.jury), Set(imposed), row.candidateID)
        }
        // Same start, same seed: the same timetable.
        var again = CommitteePlaceSearch(session, from: constructed)
        let second = again.search(iterations: CommitteePlanner.placeSearchSteps(session), seed: CommitteePlanner.placeSearchSeed)
        XCTAssertEqual(second.bookings, found.bookings)
    }

    /// A search of no step books only the places that keep every rule with one another: what
    /// it returns is lawful even when conflicts are left.
    func testAnUnfinishedSearchBooksOnlyLawfulPlaces() throws {
        let (campaign, session) = try session()
        var search = CommitteePlaceSearch(session, from: CommitteeTimetable(session))
        let found = search.search(iterations: 1, seed: 1)
        XCTAssertGreaterThan(found.placedCount, 0)
        XCTAssertLessThan(found.placedCount, session.sittings.count)
        let planner = CommitteePlanner(session: session, options: PlanOptions(), solver: GLPKSolver())
        XCTAssertTrue(RuleCatalogue.audit(planner.schedule(found), against: campaign).breaches.allSatisfy { $0.rule == .r1 })
    }
}
