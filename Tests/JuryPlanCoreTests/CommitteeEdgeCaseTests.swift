import XCTest
import JuryPlanCore

/// Committee sessions shaped like those a black-box pass wrote from SPEC alone, each with the
/// lawful plan it knew: the planner must find a plan (or keep the given one), never a false
/// proof of impossibility, never a breach of its own.
final class CommitteeEdgeCaseTests: XCTestCase {
    private func day(_ d: Int) -> Day { Day(year: 2027, month: 6, day: d)! }
    private func hm(_ h: Int, _ m: Int) -> Int { h * 60 + m }

    /// A member free for exactly the defence's 40 minutes, off any half-hour grid (08:40–09:20).
    func testAWindowExactlyAsLongAsTheDefenceIsNotNoDay() {
        let exam = Exam(id: "DEFENCE", name: "Soutenance", mode: .oral, minutes: 40, jury: JurySpec(size: 2, imposed: true))
        var campaign = Campaign(name: "exact window", preset: .custom, days: [day(14)], exams: [exam])
        campaign.hours = SessionHours(morning: TimeRange(start: hm(8, 0), end: hm(13, 0)), afternoon: TimeRange(start: hm(13, 0), end: hm(19, 0)))
        campaign.bufferMinutes = 0
        let a = JuryMember(id: "A", lastName: "Martin", firstName: "Léa", role: .professional,
                           available: [.range(day(14), TimeRange(start: hm(8, 40), end: hm(9, 20)))])
        let b = JuryMember(id: "B", lastName: "Roux", firstName: "Noé", role: .professional, declaredExternal: true)
        let s1 = Candidate(id: "S1", lastName: "Petit", firstName: "Zoé", exams: ["DEFENCE"], imposedJury: ["A", "B"])
        campaign.setPeople(candidates: [s1], members: [a, b], rooms: [Room(id: "R1", site: "Campus", capacity: 30, accessible: true)])
        guard case .planned(let plan) = Planner(campaign: campaign).run() else { return XCTFail("a lawful plan exists: S1 at 08:40") }
        XCTAssertEqual(plan.schedule.rows.map(\.time), [TimeRange(start: hm(8, 40), end: hm(9, 20))])
        XCTAssertTrue(RuleCatalogue.audit(plan.schedule, against: campaign).isClean)
    }

    /// A thesis then its poster (R13) before a committee free together only 08:30–10:15 on the
    /// first day: the poster must come at 09:45, after the candidate's 15-minute break — a
    /// start the grid reaches only with the break as a step; and whatever the search moves,
    /// no poster may come before its thesis on another day.
    func testThesisThenPosterInTheOnlyWindowTheCommitteeShares() {
        let thesis = Exam(id: "MEMOIRE", name: "Mémoire", mode: .oral, minutes: 60, jury: JurySpec(size: 2, imposed: true))
        var poster = Exam(id: "POSTER", name: "Poster", mode: .oral, minutes: 30, jury: JurySpec(size: 2, imposed: true))
        poster.after = ["MEMOIRE"]
        var campaign = Campaign(name: "thesis then poster", preset: .custom, days: [day(14), day(15)], exams: [thesis, poster])
        campaign.bufferMinutes = 10
        campaign.minBreakMinutes = 15
        campaign.maxExamsPerDay = 2
        let window = AvailabilityToken.range(day(14), TimeRange(start: hm(8, 30), end: hm(10, 15)))
        let members = [
            JuryMember(id: "M1", lastName: "Noël", firstName: "Mathéo", role: .professional, declaredExternal: true, available: [window]),
            JuryMember(id: "M2", lastName: "Perrin", firstName: "Léa", role: .professional, declaredExternal: true, available: [window, .day(day(15))]),
            JuryMember(id: "M3", lastName: "Henry", firstName: "Raphaël", role: .professional, declaredExternal: true),
        ]
        let candidates = [
            Candidate(id: "S1", lastName: "Gautier", firstName: "Benoît", exams: ["MEMOIRE", "POSTER"], imposedJury: ["M1", "M2"]),
            Candidate(id: "S2", lastName: "Roux", firstName: "Anaïs", exams: ["MEMOIRE", "POSTER"], imposedJury: ["M2", "M3"]),
        ]
        campaign.setPeople(candidates: candidates, members: members, rooms: [Room(id: "R1", site: "Campus", capacity: 30, accessible: true)])
        guard case .planned(let plan) = Planner(campaign: campaign, options: PlanOptions(timeLimit: 30)).run() else { return XCTFail("a lawful plan exists") }
        XCTAssertFalse(plan.isPartial, "\(plan.unplaced.map(\.description))")
        let audit = RuleCatalogue.audit(plan.schedule, against: campaign)
        XCTAssertTrue(audit.isClean, "\(audit.breaches.prefix(3))")
        let s1 = plan.schedule.rows.filter { $0.candidateID == "S1" }.sorted { $0.time.start < $1.time.start }
        XCTAssertEqual(s1.map(\.exam), ["MEMOIRE", "POSTER"])
        XCTAssertEqual(s1.last?.time.start, hm(9, 45))
    }

    /// Reasons in the users' words, each said once: a committee whose two members never meet
    /// names them; a member never convened is named on the sitting, not again as a capacity line.
    func testImpossibleCommitteesNameWhoAndWhyOnce() {
        let exam = Exam(id: "DEFENCE", name: "Soutenance", mode: .oral, minutes: 60, jury: JurySpec(size: 2, imposed: true))
        var campaign = Campaign(name: "reasons", preset: .custom, days: [day(14), day(15)], exams: [exam])
        var zero = JuryMember(id: "ZERO", lastName: "Zéro", firstName: "Ana", role: .professional)
        zero.maxPerDay = 0
        let members = [
            JuryMember(id: "SPLITA", lastName: "Avant", firstName: "Léo", role: .professional, available: [.halfDay(day(14), .morning)]),
            JuryMember(id: "SPLITB", lastName: "Après", firstName: "Léa", role: .professional, available: [.halfDay(day(15), .afternoon)]),
            JuryMember(id: "OK", lastName: "Libre", firstName: "Noé", role: .professional, declaredExternal: true),
            zero,
        ]
        let candidates = [
            Candidate(id: "S1", lastName: "Meyer", firstName: "Anaïs", exams: ["DEFENCE"], imposedJury: ["SPLITA", "SPLITB"]),
            Candidate(id: "S2", lastName: "Fournier", firstName: "Hugo", exams: ["DEFENCE"], imposedJury: ["ZERO", "OK"]),
        ]
        campaign.setPeople(candidates: candidates, members: members, rooms: [Room(id: "R1", site: "Campus", capacity: 30, accessible: true)])
        guard case .infeasible(let reasons) = Planner(campaign: campaign).run() else { return XCTFail("expected a proof") }
        XCTAssertEqual(reasons.count, 2, "\(reasons)")
        XCTAssertTrue(reasons.contains { $0.contains("S1") && $0.contains("SPLITA and SPLITB are never free in the same half-day (R9)") }, "\(reasons)")
        XCTAssertTrue(reasons.contains { $0.contains("S2") && $0.contains("ZERO has max_per_day 0") }, "\(reasons)")
    }
}
