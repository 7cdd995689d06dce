import XCTest
@testable import JuryPlanCore

/// Ejection chains in the jury greedy (`JuryGreedy+Chains`): one morning and one afternoon
/// BC1 sitting in each of two rooms, juries given by hand, and a member-day the plain greedy
/// cannot save. Every result is audited against the whole rule catalogue.
final class JuryChainTests: XCTestCase {
    /// X1 is from structure Alpha, like F: F may not examine X1 (R10).
    private func campaign(_ edit: (CampaignBuilder) -> Void) -> Campaign {
        let builder = CampaignBuilder(.csec, days: [D1])
        for id in ["A", "C", "D", "E", "F"] { builder.professional(id, structure: id == "F" ? "Alpha" : "") }
        builder.room("S1").room("S2")
        builder.candidate("X1", exams: ["BC1"], structure: "Alpha")
        for id in ["X2", "X3", "X4"] { builder.candidate(id, exams: ["BC1"]) }
        edit(builder)
        return builder.build()
    }

    /// Panels p0 (X1, S1) and p1 (X2, S2) at 09:00; q0 (X3, S1) and q1 (X4, S2) at 14:00.
    private func panels(_ problem: PlanningProblem) -> [Panel] {
        let slots: [(String, HalfDay, Int, Int)] = [("X1", .morning, 0, 540), ("X2", .morning, 1, 540), ("X3", .afternoon, 0, 840), ("X4", .afternoon, 1, 840)]
        return slots.enumerated().map { k, entry in
            let c = problem.campaign.candidates.firstIndex { $0.id == entry.0 }!
            let request = problem.requests[problem.requestsOfCandidate[c][0]]
            var panel = Panel(id: k, exam: request.exam, period: Period(dayIndex: 0, half: entry.1), room: entry.2, key: request.panelKey)
            panel.slots = [Panel.Slot(request: request.id, start: entry.3, end: entry.3 + request.minutes, candidates: [c])]
            return panel
        }
    }

    private func run(_ campaign: Campaign, juries ids: [[String]], _ step: (JuryGreedy, JuryGreedy.Juries) -> JuryGreedy.Juries) -> (ids: [[String]], schedule: Schedule) {
        let problem = PlanningProblem(campaign)
        let panels = panels(problem)
        let staffing = panels.map { PanelStaffing($0, problem: problem) }
        let greedy = JuryGreedy(staffing: staffing, campaign: campaign, examinedBefore: [:], loadBefore: Array(repeating: 0, count: campaign.members.count))
        let start = ids.map { $0.map { campaign.memberNumber($0)! }.sorted() }
        let found = step(greedy, (start, Array(repeating: nil, count: panels.count)))
        let schedule = Planner.schedule(panels, juries: found.juries, presidents: found.presidents, problem: problem)
        return (found.juries.map { $0.map { campaign.members[$0].id } }, schedule)
    }

    private let start = [["A", "E"], ["C", "D"], ["A", "C"], ["D", "F"]]

    /// E sits only the morning. No convened member is free at 09:00 to take E's seat, and F may
    /// not examine X1; but C can move from p1 to p0 and F can take C's seat on p1.
    func testAChainOfTwoMovesReleasesAMember() {
        let campaign = campaign { $0.editMember("E") { $0.available = [token("\(D1) AM")] } }
        let (ids, schedule) = run(campaign, juries: start) { greedy, juries in greedy.releaseByChains(juries) }
        XCTAssertEqual(Set(ids.joined()), ["A", "C", "D", "F"], "\(ids)")
        XCTAssertEqual(RuleCatalogue.audit(schedule, against: campaign).breaches.map(\.description), [])
        // With chains of one move only (what `releaseMembers` does), nobody can be released.
        let (direct, _) = run(campaign, juries: start) { greedy, juries in greedy.releaseByChains(juries, depth: 1) }
        XCTAssertEqual(direct, start)
    }

    /// E sits only the morning, F only the afternoon, each for a reason (availability): no
    /// chain among the convened releases either, but G, not yet convened, can take both seats.
    func testTwoHalfDayMembersGiveWayToOneNewcomer() {
        let campaign = campaign {
            $0.editMember("E") { $0.available = [token("\(D1) AM")] }
            $0.editMember("F") { $0.available = [token("\(D1) PM")] }
            $0.professional("G")
        }
        let (chained, _) = run(campaign, juries: start) { greedy, juries in greedy.releaseByChains(juries) }
        XCTAssertEqual(chained, start, "no chain among the convened members")
        let (ids, schedule) = run(campaign, juries: start) { greedy, juries in greedy.replacePairs(juries) }
        XCTAssertEqual(Set(ids.joined()), ["A", "C", "D", "G"], "\(ids)")
        XCTAssertEqual(RuleCatalogue.audit(schedule, against: campaign).breaches.map(\.description), [])
    }

    /// A newcomer is never convened where they could sit only one of the two seats: with G
    /// free in the morning only, nothing changes.
    func testNoNewcomerWhenNobodyCanSitBothSeats() {
        let campaign = campaign {
            $0.editMember("E") { $0.available = [token("\(D1) AM")] }
            $0.editMember("F") { $0.available = [token("\(D1) PM")] }
            $0.professional("G", available: ["\(D1) AM"])
        }
        let (ids, schedule) = run(campaign, juries: start) { greedy, juries in greedy.replacePairs(juries) }
        XCTAssertEqual(Set(ids.joined()).count, 5, "\(ids)")
        XCTAssertEqual(RuleCatalogue.audit(schedule, against: campaign).breaches.map(\.description), [])
    }
}
