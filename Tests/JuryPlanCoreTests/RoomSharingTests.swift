import XCTest
@testable import JuryPlanCore

/// Rooms shared in a half-day (`RoomSharing`): X's BC4 (30 min) in S1 and Y's BC5 in S2, both
/// at 08:30 on day 1 with juries P1+P2 and P3+P4, fit one after the other in one room. A move
/// the rules forbid is not made. Every result is audited.
final class RoomSharingTests: XCTestCase {
    private func campaign(_ edit: (CampaignBuilder) -> Void = { _ in }) -> Campaign {
        let builder = CampaignBuilder.csec()
        builder.candidate("X", exams: ["BC4"]).candidate("Y", exams: ["BC5"])
        edit(builder)
        return builder.build()
    }

    private struct Result {
        var closed: Int
        var before: PlanFigures
        var after: PlanFigures
        var schedule: Schedule
        var audit: Audit
    }

    /// Each entry: candidate, exam, start (minutes), room, jury.
    private func share(_ campaign: Campaign, _ layout: [(String, String, Int, String, [String])]) -> Result {
        let problem = PlanningProblem(campaign)
        let panels = layout.enumerated().map { k, entry -> Panel in
            let c = campaign.candidates.firstIndex { $0.id == entry.0 }!
            let r = problem.requestsOfCandidate[c].map { problem.requests[$0] }.first { $0.exam.id == entry.1 }!
            let room = campaign.rooms.firstIndex { $0.id == entry.3 }!
            var panel = Panel(id: k, exam: r.exam, period: Period(dayIndex: 0, half: .morning), room: room, key: r.panelKey)
            panel.slots = [Panel.Slot(request: r.id, start: entry.2, end: entry.2 + r.minutes, candidates: [c])]
            return panel
        }
        let juries = layout.map { $0.4.map { campaign.memberNumber($0)! } }
        let presidents = Array(repeating: Int?.none, count: panels.count)
        var sharing = RoomSharing(problem: problem, panels: panels, juries: juries)
        let closed = sharing.share()
        var before = PlanFigures(), after = PlanFigures()
        PlanMeasures.fill(&before, schedule: Planner.schedule(panels, juries: juries, presidents: presidents, problem: problem), campaign: campaign)
        let schedule = Planner.schedule(sharing.panels, juries: juries, presidents: presidents, problem: problem)
        PlanMeasures.fill(&after, schedule: schedule, campaign: campaign)
        return Result(closed: closed, before: before, after: after, schedule: schedule, audit: RuleCatalogue.audit(schedule, against: campaign))
    }

    private let twoPanels: [(String, String, Int, String, [String])] = [
        ("X", "BC4", 510, "S1", ["P1", "P2"]), ("Y", "BC5", 510, "S2", ["P3", "P4"]),
    ]

    func testTwoShortBlocksShareOneRoom() {
        let result = share(campaign(), twoPanels)
        XCTAssertEqual(result.closed, 1)
        XCTAssertEqual(result.before.roomHalfDays, 2)
        XCTAssertEqual(result.after.roomHalfDays, 1)
        XCTAssertEqual(result.after.memberDays, result.before.memberDays)
        XCTAssertEqual(result.after.objective, result.before.objective - campaign().weights.roomHalfDays)
        XCTAssertEqual(Set(result.schedule.rows.map(\.room)).count, 1)
        XCTAssertEqual(result.schedule.rows.map { Clock.format($0.time.start) }, ["08:30", "09:00"], "back to back: rooms need no buffer")
        XCTAssertEqual(result.audit.breaches.map(\.description), [])
    }

    /// A1 is at another site: the juries would work at two sites that day (R14) if one moved.
    func testNoSharingAcrossSites() {
        let result = share(campaign(), [twoPanels[0], ("Y", "BC5", 510, "A1", ["P3", "P4"])])
        XCTAssertEqual(result.closed, 0)
        XCTAssertEqual(result.after.roomHalfDays, 2)
        XCTAssertEqual(result.audit.breaches.map(\.description), [])
    }

    /// Neither candidate may sit after 09:00 (R9): neither block can go second.
    func testNoShiftIntoAnUnavailability() {
        let result = share(campaign {
            $0.candidates[0].unavailable = [token("\(D1) 09:00-12:30")]
            $0.candidates[1].unavailable = [token("\(D1) 09:00-12:30")]
        }, twoPanels)
        XCTAssertEqual(result.closed, 0)
        XCTAssertEqual(result.schedule.rows.map { Clock.format($0.time.start) }, ["08:30", "08:30"])
        XCTAssertEqual(result.audit.breaches.map(\.description), [])
    }

    /// Only Y may come later: X keeps 08:30 and Y follows in X's room, whichever room goes.
    func testTheBlockThatCanWaitGoesSecond() {
        let result = share(campaign { $0.candidates[0].unavailable = [token("\(D1) 09:00-12:30")] }, twoPanels)
        XCTAssertEqual(result.closed, 1)
        let y = result.schedule.rows.first { $0.candidateID == "Y" }!
        XCTAssertEqual(Clock.format(y.time.start), "09:00")
        XCTAssertEqual(result.audit.breaches.map(\.description), [])
    }

    /// X needs step-free access and sits in S1; Y sits in N1, which has none: Y moves into S1,
    /// never X into N1 (R11).
    func testAStepFreeNeedIsKept() {
        let result = share(campaign { $0.candidates[0].accessible = true }, [twoPanels[0], ("Y", "BC5", 510, "N1", ["P3", "P4"])])
        XCTAssertEqual(result.closed, 1)
        XCTAssertEqual(Set(result.schedule.rows.map(\.room)), ["S1"])
        XCTAssertEqual(result.audit.breaches.map(\.description), [])
    }

    /// P1 and P2 also hear Z in N1 at 09:10: X's sitting cannot follow Y's at 09:00 (R3, 10-minute
    /// buffer) and waits until 09:50; Z's then follows X's in the same room after the buffer.
    func testJurorsKeepTheirBuffer() {
        let result = share(campaign { $0.candidate("Z", exams: ["BC4"]) }, twoPanels + [("Z", "BC4", 550, "N1", ["P1", "P2"])])
        XCTAssertEqual(result.closed, 2)
        XCTAssertEqual(result.after.roomHalfDays, 1)
        XCTAssertEqual(result.schedule.rows.map { "\($0.candidateID) \(Clock.format($0.time.start))" }, ["Y 08:30", "X 09:50", "Z 10:30"])
        XCTAssertEqual(result.audit.breaches.map(\.description), [])
    }

    /// On generated sessions of the three certifications, sharing rooms on the base layout with
    /// the greedy's juries never breaks a rule, never opens a room half-day, and leaves
    /// member-days and candidate-days as they were.
    func testSharingOnGeneratedSessionsIsLawful() {
        var closed = 0
        for session in StaffedSession.generated() {
            let before = session.figures().figures
            var sharing = RoomSharing(problem: session.problem, panels: session.panels, juries: session.juries)
            let n = sharing.share()
            closed += n
            let (schedule, after) = session.figures(sharing.panels)
            XCTAssertEqual(RuleCatalogue.audit(schedule, against: session.campaign).breaches.map(\.description), [], session.label)
            XCTAssertEqual(after.roomHalfDays, before.roomHalfDays - n, session.label)
            XCTAssertEqual(after.memberDays, before.memberDays, session.label)
            XCTAssertEqual(after.candidateDays, before.candidateDays, session.label)
        }
        XCTAssertGreaterThan(closed, 0, "no room shared on any of 18 sessions")
    }
}
