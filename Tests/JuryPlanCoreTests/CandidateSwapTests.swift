import XCTest
@testable import JuryPlanCore

/// Trades of sittings between candidates (`CandidateSwaps`): X sits BC1 on day 1 and BC2 on
/// day 2, Y the other way round; trading their BC1 sittings brings each to a single day. A
/// trade the rules forbid for either candidate is not made. Every result is audited.
final class CandidateSwapTests: XCTestCase {
    private func campaign(_ edit: (CampaignBuilder) -> Void = { _ in }) -> Campaign {
        let builder = CampaignBuilder.csec()
        builder.candidate("X", exams: ["BC1", "BC2"]).candidate("Y", exams: ["BC1", "BC2"])
        edit(builder)
        return builder.build()
    }

    /// p0: BC1 of X, day 1 09:00 in S1; p1: BC1 of Y, day 2 09:00 in S1; p2: BC2 of X, day 2
    /// 14:00 in S2; p3: BC2 of Y, day 1 14:00 in S2.
    private func plan(_ campaign: Campaign) -> (swaps: CandidateSwaps, trades: Int, before: PlanFigures, after: PlanFigures, audit: Audit) {
        let problem = PlanningProblem(campaign)
        let layout: [(String, String, Int, HalfDay, Int, String)] = [
            ("X", "BC1", 0, .morning, 540, "S1"), ("Y", "BC1", 1, .morning, 540, "S1"),
            ("X", "BC2", 1, .afternoon, 840, "S2"), ("Y", "BC2", 0, .afternoon, 840, "S2"),
        ]
        let panels = layout.enumerated().map { k, entry -> Panel in
            let c = campaign.candidates.firstIndex { $0.id == entry.0 }!
            let r = problem.requestsOfCandidate[c].map { problem.requests[$0] }.first { $0.exam.id == entry.1 }!
            let room = campaign.rooms.firstIndex { $0.id == entry.5 }!
            var panel = Panel(id: k, exam: r.exam, period: Period(dayIndex: entry.2, half: entry.3), room: room, key: r.panelKey)
            panel.slots = [Panel.Slot(request: r.id, start: entry.4, end: entry.4 + r.minutes, candidates: [c])]
            return panel
        }
        let number = { (id: String) in campaign.memberNumber(id)! }
        // p0 and p2 (X's sittings) have P1+P2, p1 and p3 (Y's) P3+P4: a trade repeats no examiner.
        let juries = panels.map { $0.id % 2 == 0 ? [number("P1"), number("P2")] : [number("P3"), number("P4")] }
        let presidents = Array(repeating: Int?.none, count: panels.count)
        var swaps = CandidateSwaps(problem: problem, panels: panels, juries: juries)
        let trades = swaps.improve()
        var before = PlanFigures(), after = PlanFigures()
        PlanMeasures.fill(&before, schedule: Planner.schedule(panels, juries: juries, presidents: presidents, problem: problem), campaign: campaign)
        let schedule = Planner.schedule(swaps.panels, juries: juries, presidents: presidents, problem: problem)
        PlanMeasures.fill(&after, schedule: schedule, campaign: campaign)
        return (swaps, trades, before, after, RuleCatalogue.audit(schedule, against: campaign))
    }

    func testTradeBringsEachCandidateToOneDay() {
        let result = plan(campaign())
        XCTAssertEqual(result.trades, 1)
        XCTAssertEqual(result.before.candidateDays, 4)
        XCTAssertEqual(result.after.candidateDays, 2)
        XCTAssertLessThan(result.after.objective, result.before.objective)
        XCTAssertEqual(result.audit.breaches.map(\.description), [])
    }

    /// X may come neither on the morning of day 2 nor on the afternoon of day 1 (R9): neither
    /// the BC1 trade nor the BC2 one.
    func testNoTradeIntoAnUnavailableHalfDay() {
        let result = plan(campaign { $0.candidates[0].unavailable = [token("\(D2) AM"), token("\(D1) PM")] })
        XCTAssertEqual(result.trades, 0)
        XCTAssertEqual(result.after.candidateDays, 4)
        XCTAssertEqual(result.audit.breaches.map(\.description), [])
    }

    /// P3, on the jury of Y's BC1, is from X's structure (R10): no trade.
    func testNoTradeBeforeAConflictedJury() {
        let result = plan(campaign {
            $0.candidates[0].structure = "MSP Alpha"
            $0.editMember("P3") { $0.structure = "msp alpha" }
        })
        XCTAssertEqual(result.trades, 0)
        XCTAssertEqual(result.audit.breaches.map(\.description), [])
    }

    /// After the trade X would sit BC1 09:00-09:45 and BC2 at 14:00 on day 2 (255 minutes apart),
    /// and Y likewise on day 1: with a 60-minute break the trade is made, with 300 (R12) it is not.
    func testNoTradeThatBreaksTheBreak() {
        let campaign = campaign { $0.set { $0.minBreakMinutes = 60 } }
        var result = plan(campaign)
        XCTAssertEqual(result.trades, 1, "09:00-09:45 then 14:00 keeps a 60-minute break")
        result = plan(self.campaign { $0.set { $0.minBreakMinutes = 300 } })
        XCTAssertEqual(result.trades, 0)
        XCTAssertEqual(result.audit.breaches.map(\.description), [])
    }

    /// X sits the BC3 written exam alone on day 1 (room W1) and BC1 on day 2; Y sits BC3 on day 2
    /// in the afternoon (room BIG). X joins Y's written sitting: one day for X, and day 1's
    /// written sitting (with its invigilator) disappears from the schedule.
    func testJoiningAnotherWrittenSittingSavesADay() {
        let campaign = CampaignBuilder.csec()
            .candidate("X", exams: ["BC1", "BC3"]).candidate("Y", exams: ["BC3"]).build()
        let problem = PlanningProblem(campaign)
        func request(_ candidate: String, _ exam: String) -> SittingRequest {
            let c = campaign.candidates.firstIndex { $0.id == candidate }!
            return problem.requestsOfCandidate[c].map { problem.requests[$0] }.first { $0.exam.id == exam }!
        }
        let layout: [(SittingRequest, Int, HalfDay, Int, String)] = [
            (request("X", "BC3"), 0, .morning, 540, "W1"), (request("X", "BC1"), 1, .morning, 540, "S1"),
            (request("Y", "BC3"), 1, .afternoon, 840, "BIG"),
        ]
        let panels = layout.enumerated().map { k, entry -> Panel in
            let room = campaign.rooms.firstIndex { $0.id == entry.4 }!
            var panel = Panel(id: k, exam: entry.0.exam, period: Period(dayIndex: entry.1, half: entry.2), room: room, key: entry.0.panelKey)
            panel.slots = [Panel.Slot(request: entry.0.id, start: entry.3, end: entry.3 + entry.0.minutes, candidates: entry.0.candidates)]
            return panel
        }
        let number = { (id: String) in campaign.memberNumber(id)! }
        let juries = [[number("P5")], [number("P1"), number("P2")], [number("K1")]]
        let presidents = Array(repeating: Int?.none, count: panels.count)
        var swaps = CandidateSwaps(problem: problem, panels: panels, juries: juries)
        XCTAssertEqual(swaps.improve(), 1)
        let schedule = Planner.schedule(swaps.panels, juries: juries, presidents: presidents, problem: problem)
        XCTAssertEqual(RuleCatalogue.audit(schedule, against: campaign).breaches.map(\.description), [])
        var figures = PlanFigures()
        PlanMeasures.fill(&figures, schedule: schedule, campaign: campaign)
        XCTAssertEqual(figures.candidateDays, 2)
        XCTAssertEqual(figures.memberDays, 3, "P5 no longer invigilates on day 1")
        XCTAssertEqual(schedule.rows.filter { $0.exam == "BC3" }.map(\.room), ["BIG", "BIG"])
    }

    /// On generated sessions of the three certifications, trades on the base layout with the
    /// greedy's juries never break a rule and never raise the objective (the planner would fall
    /// back silently; here nothing hides a bad trade).
    func testTradesOnGeneratedSessionsAreLawfulAndNeverWorse() {
        var traded = 0
        for session in StaffedSession.generated() {
            let before = session.figures().figures
            var swaps = CandidateSwaps(problem: session.problem, panels: session.panels, juries: session.juries)
            traded += swaps.improve()
            let (schedule, after) = session.figures(swaps.panels)
            XCTAssertEqual(RuleCatalogue.audit(schedule, against: session.campaign).breaches.map(\.description), [], session.label)
            XCTAssertLessThanOrEqual(after.objective, before.objective + 1e-9, session.label)
            XCTAssertLessThanOrEqual(after.memberDays, before.memberDays, session.label)
            XCTAssertLessThanOrEqual(after.roomHalfDays, before.roomHalfDays, session.label)
        }
        XCTAssertGreaterThan(traded, 0, "no trade on any of 18 sessions")
    }

    /// The exact reassignment of each class of seats (GLPK, `CandidateSwaps.reassign`) after the
    /// pairwise trades: never a breach, never worse, and it finds exchanges the trades missed.
    func testExactReassignmentAfterTradesIsLawfulAndFindsMore() {
        var moved = 0
        for session in StaffedSession.generated() {
            var swaps = CandidateSwaps(problem: session.problem, panels: session.panels, juries: session.juries)
            _ = swaps.improve()
            let traded = session.figures(swaps.panels).figures
            moved += swaps.reassign()
            let (schedule, after) = session.figures(swaps.panels)
            XCTAssertEqual(RuleCatalogue.audit(schedule, against: session.campaign).breaches.map(\.description), [], session.label)
            XCTAssertLessThanOrEqual(after.objective, traded.objective + 1e-9, session.label)
            XCTAssertEqual(after.memberDays, traded.memberDays, session.label)
            XCTAssertEqual(after.roomHalfDays, traded.roomHalfDays, session.label)
            XCTAssertEqual(after.rows, traded.rows, session.label)
        }
        XCTAssertGreaterThan(moved, 0, "the exact reassignment found nothing the trades missed on 18 sessions")
    }

    /// X, Y and Z each sit BC1 and BC2 on two of three days, and each BC1 seat is on the day of
    /// another's BC2: the reassignment alone (no trade first) brings all three to one day. When X
    /// may not come on the morning of day 2 (R9), all three still come on one day (the BC2
    /// seats move instead), and X does not sit there.
    func testReassignmentClosesACycleAndHonoursAvailability() {
        for xAway in [false, true] {
            let builder = CampaignBuilder(.csec, days: [D1, D2, "2027-06-16"]).standardCast()
            builder.candidate("X", exams: ["BC1", "BC2"], unavailable: xAway ? ["\(D2) AM"] : [])
                .candidate("Y", exams: ["BC1", "BC2"]).candidate("Z", exams: ["BC1", "BC2"])
            let campaign = builder.build()
            let problem = PlanningProblem(campaign)
            // BC1 of X, Y, Z on days 1, 2, 3 (S1, 09:00); BC2 of X, Y, Z on days 2, 3, 1 (S2, 14:00).
            let layout: [(String, String, Int, Int, String)] = [
                ("X", "BC1", 0, 540, "S1"), ("Y", "BC1", 1, 540, "S1"), ("Z", "BC1", 2, 540, "S1"),
                ("X", "BC2", 1, 840, "S2"), ("Y", "BC2", 2, 840, "S2"), ("Z", "BC2", 0, 840, "S2"),
            ]
            let panels = layout.enumerated().map { k, entry -> Panel in
                let c = campaign.candidates.firstIndex { $0.id == entry.0 }!
                let r = problem.requestsOfCandidate[c].map { problem.requests[$0] }.first { $0.exam.id == entry.1 }!
                let room = campaign.rooms.firstIndex { $0.id == entry.4 }!
                var panel = Panel(id: k, exam: r.exam, period: Period(dayIndex: entry.2, half: entry.3 < 720 ? .morning : .afternoon), room: room, key: r.panelKey)
                panel.slots = [Panel.Slot(request: r.id, start: entry.3, end: entry.3 + r.minutes, candidates: [c])]
                return panel
            }
            let number = { (id: String) in campaign.memberNumber(id)! }
            let juries = (0..<6).map { $0 < 3 ? [number("P1"), number("P2")] : [number("P3"), number("P4")] }
            var swaps = CandidateSwaps(problem: problem, panels: panels, juries: juries)
            let moved = swaps.reassign()
            let schedule = Planner.schedule(swaps.panels, juries: juries, presidents: Array(repeating: nil, count: 6), problem: problem)
            XCTAssertEqual(RuleCatalogue.audit(schedule, against: campaign).breaches.map(\.description), [])
            let days = Dictionary(grouping: schedule.rows, by: \.candidateID).mapValues { Set($0.map(\.day)).count }
            if xAway {
                XCTAssertEqual(days, ["X": 1, "Y": 1, "Z": 1])
                XCTAssertFalse(schedule.rows.contains { $0.candidateID == "X" && $0.exam == "BC1" && $0.day.iso == D2 })
            } else {
                XCTAssertEqual(moved, 3)
                XCTAssertEqual(days, ["X": 1, "Y": 1, "Z": 1])
            }
        }
    }
}
