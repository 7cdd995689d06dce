import XCTest
@testable import JuryPlanCore

/// Two of a candidate's days made one (`CandidateSwaps.mergeDays`), where no single trade
/// can: X sits BC4 on day 1 and BC5 on day 2 at 09:00; the BC4 seat of day 2 (09:30, Y's) is
/// too close to X's BC5 for R12's break. Only moving X's BC5 to Z's 11:00 seat as well lets X
/// take Y's BC4, and Y, who sits BC1 on day 1, takes X's: X and Y each save a day.
final class CandidateMergeTests: XCTestCase {
    private struct Seating {
        let campaign: Campaign
        let problem: PlanningProblem
        let panels: [Panel]
        let juries: [[Int]]
        func schedule(_ panels: [Panel]) -> Schedule {
            Planner.schedule(panels, juries: juries, presidents: Array(repeating: nil, count: panels.count), problem: problem)
        }
    }

    private func seating(yAwayOnDay1Morning: Bool = false) -> Seating {
        let builder = CampaignBuilder(.csec, days: [D1, D2]).standardCast()
        builder.candidate("X", exams: ["BC4", "BC5"])
            .candidate("Y", exams: ["BC1", "BC4"], unavailable: yAwayOnDay1Morning ? ["\(D1) 09:00-10:30"] : [])
            .candidate("Z", exams: ["BC5"])
        let campaign = builder.build()
        let problem = PlanningProblem(campaign)
        let layout: [(String, String, Int, Int, String)] = [
            ("X", "BC4", 0, 570, "S1"), ("Y", "BC4", 1, 570, "S1"),
            ("X", "BC5", 1, 540, "S2"), ("Z", "BC5", 1, 660, "S2"),
            ("Y", "BC1", 0, 660, "S2"),
        ]
        let panels = layout.enumerated().map { k, entry -> Panel in
            let c = campaign.candidates.firstIndex { $0.id == entry.0 }!
            let r = problem.requestsOfCandidate[c].map { problem.requests[$0] }.first { $0.exam.id == entry.1 }!
            let room = campaign.rooms.firstIndex { $0.id == entry.4 }!
            var panel = Panel(id: k, exam: r.exam, period: Period(dayIndex: entry.2, half: .morning), room: room, key: r.panelKey)
            panel.slots = [Panel.Slot(request: r.id, start: entry.3, end: entry.3 + r.minutes, candidates: [c])]
            return panel
        }
        let number = { (id: String) in campaign.memberNumber(id)! }
        let juries = (0..<5).map { $0 < 2 ? [number("P1"), number("P2")] : [number("P3"), number("P4")] }
        return Seating(campaign: campaign, problem: problem, panels: panels, juries: juries)
    }

    private func days(_ schedule: Schedule) -> [String: Int] {
        Dictionary(grouping: schedule.rows, by: \.candidateID).mapValues { Set($0.map(\.day)).count }
    }

    func testMergeBringsTwoCandidatesToOneDay() {
        let seating = seating()
        var before = PlanFigures(), after = PlanFigures()
        PlanMeasures.fill(&before, schedule: seating.schedule(seating.panels), campaign: seating.campaign)
        var swaps = CandidateSwaps(problem: seating.problem, panels: seating.panels, juries: seating.juries)
        XCTAssertEqual(swaps.mergeDays(swaps.tradableClasses(), swaps.writtenSittings()), 1)
        let schedule = seating.schedule(swaps.panels)
        XCTAssertEqual(RuleCatalogue.audit(schedule, against: seating.campaign).breaches.map(\.description), [])
        XCTAssertEqual(days(schedule), ["X": 1, "Y": 1, "Z": 1])
        let moved = schedule.rows.first { $0.candidateID == "X" && $0.exam == "BC5" }
        XCTAssertEqual(moved?.day.iso, D2)
        XCTAssertEqual(moved?.time.start, 660)
        PlanMeasures.fill(&after, schedule: schedule, campaign: seating.campaign)
        XCTAssertEqual(after.candidateDays, before.candidateDays - 2)
        XCTAssertEqual(after.memberDays, before.memberDays)
    }

    /// Y may not come on day 1 at 09:30 (R9): X's BC4 seat there is not Y's to take, and no
    /// other merge exists (no BC1 on day 2, no BC5 on day 1).
    func testNoMergeIntoAnUnavailableHour() {
        let seating = seating(yAwayOnDay1Morning: true)
        var swaps = CandidateSwaps(problem: seating.problem, panels: seating.panels, juries: seating.juries)
        XCTAssertEqual(swaps.mergeDays(swaps.tradableClasses(), swaps.writtenSittings()), 0)
        let schedule = seating.schedule(swaps.panels)
        XCTAssertEqual(RuleCatalogue.audit(schedule, against: seating.campaign).breaches.map(\.description), [])
        XCTAssertEqual(days(schedule), ["X": 2, "Y": 2, "Z": 1])
    }

    /// On generated sessions of the three certifications, merges alone (before any trade) never
    /// break a rule, never raise the objective, and find days to save.
    func testMergesOnGeneratedSessionsAreLawfulAndNeverWorse() {
        var merged = 0
        for session in StaffedSession.generated() {
            let before = session.figures().figures
            var swaps = CandidateSwaps(problem: session.problem, panels: session.panels, juries: session.juries)
            merged += swaps.mergeDays(swaps.tradableClasses(), swaps.writtenSittings())
            let (schedule, after) = session.figures(swaps.panels)
            XCTAssertEqual(RuleCatalogue.audit(schedule, against: session.campaign).breaches.map(\.description), [], session.label)
            XCTAssertLessThanOrEqual(after.objective, before.objective + 1e-9, session.label)
            XCTAssertEqual(after.memberDays, before.memberDays, session.label)
            XCTAssertEqual(after.rows, before.rows, session.label)
        }
        XCTAssertGreaterThan(merged, 0, "no merge on any of 18 sessions")
    }
}
