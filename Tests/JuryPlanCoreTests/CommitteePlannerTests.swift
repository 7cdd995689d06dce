import XCTest
import JuryPlanCore

/// Sessions of fixed committees (thesis defences), generated with a lawful witness: every one
/// must plan, keep every rule, and convene no more member-days than the witness.
final class CommitteePlannerTests: XCTestCase {
    static let options = PlanOptions(timeLimit: 30)

    private func memberDays(_ schedule: Schedule, _ campaign: Campaign) -> Int {
        var figures = PlanFigures()
        PlanMeasures.fill(&figures, schedule: schedule, campaign: campaign)
        return figures.memberDays
    }

    /// The property over both shapes and 55 seeds (110 sessions); sizes kept small for a debug build.
    func testGeneratedDefenceSessionsPlanLawfullyAndGatherAsWellAsTheWitness() {
        var cases: [(String, DefenceSessionGenerator.Shape, UInt64)] = []
        for seed in UInt64(1)...55 {
            cases.append(("master", .master(candidates: 10 + Int(seed % 12) * 3), seed))
            cases.append(("bachelor", .bachelor(candidates: 20 + Int(seed % 12) * 6), seed))
        }
        var planned = 0, witnessed = 0
        for (name, shape, seed) in cases {
            let (campaign, witness) = DefenceSessionGenerator(shape: shape, seed: seed).generate()
            let label = "\(name) \(campaign.candidates.count) seed \(seed)"
            XCTAssertTrue(RuleCatalogue.audit(witness, against: campaign).isClean, "\(label): the witness breaks a rule")
            guard case .planned(let plan) = Planner(campaign: campaign, options: Self.options).run() else {
                XCTFail("\(label): a lawful witness exists, but no plan was found")
                continue
            }
            XCTAssertFalse(plan.isPartial, label)
            let audit = RuleCatalogue.audit(plan.schedule, against: campaign)
            XCTAssertTrue(audit.isClean, "\(label): \(audit.breaches.prefix(3))")
            XCTAssertEqual(plan.schedule.rows.count, campaign.candidates.count, label)
            let days = memberDays(plan.schedule, campaign), witnessDays = memberDays(witness, campaign)
            XCTAssertLessThanOrEqual(days, witnessDays, "\(label): more member-days than the witness")
            XCTAssertGreaterThanOrEqual(days, plan.figures.memberDaysBound, label)
            planned += days
            witnessed += witnessDays
        }
        XCTAssertLessThan(planned, witnessed, "over all sessions, fewer member-days than the hand-made witnesses")
    }

    /// A committee member who is never available: that defence is named with why, every other
    /// one is planned, and without `allowPartial` the campaign is reported impossible.
    func testPartialPlanNamesTheSittingsOfAMemberAvailableOnNoDay() throws {
        var (campaign, _) = DefenceSessionGenerator(shape: .master(candidates: 24), seed: 5).generate()
        var members = campaign.members
        let absent = try XCTUnwrap(campaign.candidates.first?.imposedJury.first)
        let index = try XCTUnwrap(members.firstIndex { $0.id == absent })
        // Available only before the session's hours: on no day can they sit.
        members[index].available = [.range(campaign.days[0], TimeRange(start: 6 * 60, end: 7 * 60))]
        campaign.setPeople(candidates: campaign.candidates, members: members, rooms: campaign.rooms)
        let affected = Set(campaign.candidates.filter { $0.imposedJury.contains(absent) }.map(\.id))

        var options = Self.options
        options.allowPartial = true
        guard case .planned(let plan) = Planner(campaign: campaign, options: options).run() else { return XCTFail("expected a partial plan") }
        XCTAssertEqual(Set(plan.unplaced.flatMap(\.candidates)), affected)
        for u in plan.unplaced {
            XCTAssertTrue(u.reason.contains(absent), "the reason names the member: \(u.reason)")
            XCTAssertTrue(u.reason.contains("R9"), u.reason)
        }
        XCTAssertEqual(Set(plan.schedule.rows.map(\.candidateID)), Set(campaign.candidates.map(\.id)).subtracting(affected))
        let breaches = RuleCatalogue.audit(plan.schedule, against: campaign).breaches
        XCTAssertTrue(breaches.allSatisfy { $0.rule == .r1 && affected.contains($0.people.first ?? "") }, "\(breaches.prefix(3))")
        XCTAssertEqual(breaches.count, affected.count)

        guard case .infeasible(let reasons) = Planner(campaign: campaign, options: Self.options).run() else { return XCTFail("expected infeasible") }
        XCTAssertTrue(reasons.contains { $0.contains(absent) }, "\(reasons)")
    }

    func testSameSessionGivesTheSameSchedule() {
        let (campaign, _) = DefenceSessionGenerator(shape: .bachelor(candidates: 60), seed: 3).generate()
        guard case .planned(let a) = Planner(campaign: campaign, options: Self.options).run(),
              case .planned(let b) = Planner(campaign: campaign, options: Self.options).run() else { return XCTFail("expected plans") }
        XCTAssertEqual(a.schedule.rows, b.schedule.rows)
    }

    /// A candidate with two defences before the same committee, one after the other (R13),
    /// at most two a day with the break (R12): the MIP and the construction keep the candidate's own rules.
    func testCandidateWithTwoCommitteeExamsKeepsOrderAndDailyLimit() {
        var (campaign, _) = DefenceSessionGenerator(shape: .master(candidates: 12), seed: 2).generate()
        var second = campaign.exams[0]
        second.id = "POSTER"
        second.name = "Poster"
        second.minutes = 30
        second.after = [campaign.exams[0].id]
        campaign.setExams(campaign.exams + [second])
        campaign.maxExamsPerDay = 2
        let candidates = campaign.candidates.enumerated().map { i, c -> Candidate in
            var c = c
            if i % 3 == 0 { c.exams.append("POSTER") }
            return c
        }
        campaign.setPeople(candidates: candidates, members: campaign.members, rooms: campaign.rooms)
        var options = Self.options
        options.allowPartial = true
        guard case .planned(let plan) = Planner(campaign: campaign, options: options).run() else { return XCTFail("expected a plan") }
        let breaches = RuleCatalogue.audit(plan.schedule, against: campaign).breaches
        let unplaced = Set(plan.unplaced.flatMap { u in u.candidates.map { "\(u.exam) \($0)" } })
        XCTAssertTrue(breaches.allSatisfy { b in b.rule == .r1 && unplaced.contains { $0.hasSuffix(b.people.first ?? "?") } }, "\(breaches.prefix(3))")
        XCTAssertTrue(plan.schedule.rows.contains { $0.exam == "POSTER" }, "some posters are planned")
    }
}
