import XCTest
@testable import JuryPlanCore

/// Whole lawful schedules of each preset: every rule is kept, so every "breaks" test elsewhere
/// starts from a schedule that is known to be clean.
final class CleanScheduleTests: XCTestCase {
    /// Two CSEC candidates sitting the six exams over two days.
    static func csecCampaign() -> CampaignBuilder {
        CampaignBuilder.csec()
            .candidate("C1", exams: ["BC1", "BC2", "BC3", "BC4", "BC5", "FINAL"])
            .candidate("C2", exams: ["BC1", "BC2", "BC3", "BC4", "BC5", "FINAL"])
    }

    static func csecRows() -> [ScheduleRow] {
        [
            row(D1, "08:30-10:30", "W1", "BC3", "C1", ["K1"]),
            row(D1, "08:30-10:30", "W1", "BC3", "C2", ["K1"]),
            row(D1, "11:00-11:45", "S1", "BC1", "C1", ["P1", "P2"], share: 1),
            row(D1, "11:00-11:45", "S2", "BC1", "C2", ["P3", "P4"], share: 1),
            row(D1, "14:00-14:45", "S1", "BC2", "C1", ["P1", "P2"], share: 1),
            row(D1, "14:00-14:45", "S2", "BC2", "C2", ["P3", "P4"]),
            row(D2, "08:30-09:00", "S1", "BC4", "C1", ["P1", "P2"]),
            row(D2, "08:30-09:00", "S2", "BC5", "C2", ["P3", "P4"]),
            row(D2, "09:30-10:00", "S2", "BC5", "C1", ["P3", "P4"]),
            row(D2, "10:00-10:30", "S1", "BC4", "C2", ["P1", "P2"]),
            row(D2, "13:30-14:00", "S1", "FINAL", "C1", ["K1", "P1", "P2"], president: "P1", share: 0.67),
            row(D2, "14:10-14:40", "S1", "FINAL", "C2", ["K1", "P1", "P3"], president: "P3", share: 0.67),
        ]
    }

    func testFullCSECSessionIsClean() {
        let a = audit(Self.csecCampaign(), Self.csecRows())
        assertClean(a)
        XCTAssertEqual(a.warnings, [])
    }

    func testEveryRowOfTheCleanSessionIsNeeded() {
        // Dropping any row leaves a registration unscheduled: R1 names that candidate, no line.
        let rows = Self.csecRows()
        for i in rows.indices {
            var less = rows
            let gone = less.remove(at: i)
            let a = audit(Self.csecCampaign(), less)
            assertBroken(a, [.r1])
            assertBreaches(a, .r1, [Expect([gone.candidateID], [])])
        }
    }

    func testCPASSessionIsClean() {
        let b = CampaignBuilder.cpas()
            .candidate("C1", exams: ["B1", "B2", "B3", "B4", "B5E1"], group: "G1")
            .candidate("C2", exams: ["B1", "B2", "B3", "B4", "B5E2"], group: "G1")
            .candidate("C3", exams: ["BC1", "BC2", "BC3", "BC4", "BC5E2"], group: "G2")
        let a = audit(b, [
            row(D1, "08:30-09:30", "BIG", "B4", "C1", ["P1", "P2"]),
            row(D1, "08:30-09:30", "BIG", "B4", "C2", ["P1", "P2"]),
            row(D1, "08:30-09:30", "S1", "BC4", "C3", ["P3", "P4"]),
            row(D1, "10:00-10:30", "S1", "B3", "C1", ["P3", "P4"]),
            row(D1, "10:00-10:30", "S2", "B3", "C2", ["P1", "P2"]),
            row(D1, "11:00-11:30", "S1", "BC3", "C3", ["P3", "P4"]),
            row(D1, "14:00-15:00", "BIG", "B5E2", "C2", ["P1", "P2"]),
            row(D1, "14:00-15:00", "S1", "B5E2", "C3", ["P3", "P4"]),
        ])
        assertClean(a)
    }

    func testPACTESessionIsClean() {
        let b = CampaignBuilder(.pacte)
            .professional("P1", canPreside: true)
            .professional("P2", regions: ["Bretagne"])
            .certifier("K1")
            .room("RB", site: "Rennes", region: "Bretagne")
            .candidate("C1", exams: ["INTERVIEW", "THESIS"], region: "Bretagne")
        let a = audit(b, [
            row(D1, "09:00-09:30", "RB", "INTERVIEW", "C1", ["K1", "P2"], share: 0.5),
            row(D1, "14:00-15:00", "RB", "THESIS", "C1", ["K1", "P1", "P2"], president: "P1", share: 0.67),
        ])
        assertClean(a)
    }

    func testEmptyScheduleOfEmptyCampaignIsClean() {
        assertClean(audit(CampaignBuilder.csec(), []))
    }

    func testBreachesCarryDayAndAreSortedByRuleThenLine() {
        var rows = Self.csecRows()
        rows[11].time = span("14:05-14:35")          // P1 and K1: 5 min after C1's FINAL (R3)
        rows[2].time = span("11:00-11:30")           // BC1 too short (R1)
        let a = audit(Self.csecCampaign(), rows)
        assertBroken(a, [.r1, .r3])
        XCTAssertEqual(a.breaches.map(\.rule), [.r1, .r3, .r3])
        assertBreaches(a, .r1, [Expect(["C1"], [4])])
        assertBreaches(a, .r3, [Expect(["K1"], [12, 13]), Expect(["P1"], [12, 13])])
        XCTAssertEqual(a.breaches(of: .r1).first?.day, day(D1))
        XCTAssertEqual(a.breaches(of: .r3).first?.day, day(D2))
    }

    func testAuditCanBeLimitedToSomeRules() {
        var rows = Self.csecRows()
        rows[2].time = span("11:00-11:30")
        let c = Self.csecCampaign().build()
        XCTAssertEqual(RuleCatalogue.audit(schedule(rows), against: c, rules: [.r2, .r3]).breaches.count, 0)
        XCTAssertEqual(RuleCatalogue.audit(schedule(rows), against: c, rules: [.r1]).rulesBroken, [.r1])
    }

    func testCatalogueListsEveryRuleOnceInOrder() {
        XCTAssertEqual(RuleCatalogue.checks.map(\.0), RuleID.allCases)
        XCTAssertEqual(RuleID.allCases.count, 18)
        XCTAssertEqual(RuleID("R12"), .r12)
        XCTAssertNil(RuleID("R19"))
        XCTAssertNil(RuleID("12"))
        XCTAssertEqual(RuleID.r7.description, "R7")
    }
}
