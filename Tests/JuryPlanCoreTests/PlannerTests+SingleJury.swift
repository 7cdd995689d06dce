import XCTest
import JuryPlanCore

/// PlannerTests, continued: sessions a second reader wrote from SPEC alone, where one jury or one member must do
/// everything, and small impossible ones whose reason must be named (they ended with exit 3 or
/// an internal error). Every plan is audited against R1–R18 by `assertPlans`.
extension PlannerTests {
    /// One room, one day, two members for a custom 30-minute oral: 7 candidates need both
    /// members on all 7 sittings (the layout's day reserve left one seat short).
    func testOneJuryHearsSevenOralsInADay() throws {
        let b = CampaignBuilder(.custom, days: [D1])
            .exam(Exam(id: "A", name: "A", mode: .oral, minutes: 30, jury: JurySpec(size: 2)))
            .professional("M1", external: false).professional("M2", external: false)
            .room("R1", capacity: 4, equipment: [])
            .set { $0.maxSittingsPerDay = 20 }
        for k in 1...7 { b.candidate("C\(k)", exams: ["A"]) }
        let plan = try XCTUnwrap(assertPlans(b.build(), "7 orals, one jury"))
        XCTAssertEqual(Set(plan.schedule.rows.map(\.jury)), [["M1", "M2"]])
    }

    /// A day of 7 thesis defences before the only certification jury possible (1 certifier,
    /// 2 external professionals, one of whom presides), each member at most 8 sittings a day.
    func testOneCertificationJuryHearsSevenFinals() throws {
        let b = CampaignBuilder(.csec, days: [D1])
            .certifier("K1").professional("P1", canPreside: true).professional("P2")
            .room("S1")
        for k in 1...7 { b.candidate("C\(k)", exams: ["FINAL"]) }
        let plan = try XCTUnwrap(assertPlans(b.build(), "7 FINALs, one jury"))
        XCTAssertEqual(plan.schedule.rows.count, 7)
    }

    /// FINAL with `imposed: true`: C1's jury is K1, P1, P2 and C3's is P1, P3; C2 has none and
    /// gets the exam's composition. P1 is the only member who can preside, so P1 sits all three,
    /// in the only room: the juries take turns with the buffer between them (R3).
    func testImposedJuriesSharingTheOnlyPresidentInOneRoom() throws {
        let b = CampaignBuilder(.csec, days: [D1])
            .editExam("FINAL") { $0.jury = JurySpec(size: 3, roles: [.certifier: 1, .professional: 2], external: 0.66, president: true, imposed: true) }
            .certifier("K1").certifier("K2")
            .professional("P1", canPreside: true).professional("P2").professional("P3")
            .room("S1")
            .candidate("C1", exams: ["FINAL"], jury: ["K1", "P1", "P2"])
            .candidate("C2", exams: ["FINAL"])
            .candidate("C3", exams: ["FINAL"], jury: ["P1", "P3"])
        let plan = try XCTUnwrap(assertPlans(b.build(), "imposed FINAL juries"))
        XCTAssertTrue(plan.schedule.rows.allSatisfy { $0.jury.contains("P1") })
    }

    /// FINAL needs 2 external professionals together; each day only one is available.
    func testExternalsNeverPresentTogetherIsInfeasible() {
        let b = CampaignBuilder(.csec, days: [D1, D2])
            .certifier("K1")
            .professional("P1", canPreside: true, available: [D1])
            .professional("P2", available: [D2])
            .professional("P3", external: false, canPreside: true)
            .room("S1")
            .candidate("C1", exams: ["FINAL"])
        assertInfeasible(b.build(), naming: ["FINAL", "2 external professionals", "same half-day", "no half-day has more than 1"],
                                 "externals on different days")
    }

    /// A regional group exam whose group has candidates of two regions: no room and jury can
    /// share both regions (R15).
    func testRegionalGroupAcrossRegionsIsInfeasible() {
        let b = CampaignBuilder.cpas()
            .editExam("B4") { $0.regional = true }
            .room("S1", region: "Bretagne", capacity: 5)
            .candidate("C1", exams: ["B4"], region: "Bretagne", group: "G1")
            .candidate("C2", exams: ["B4"], region: "Normandie", group: "G1")
        assertInfeasible(b.build(), naming: ["group G1", "2 regions", "Bretagne", "Normandie", "R15"], "group across regions")
    }

    /// A certifier imposed on an `imposed: true` group exam whose jury is professionals only:
    /// the certifier may not examine it (R16), so no jury is lawful.
    func testImposedMemberWhoMayNotExamineIsNamed() {
        let b = CampaignBuilder.cpas()
            .editExam("B4") { $0.jury = JurySpec(size: 2, roles: [.professional: 2], imposed: true) }
            .room("S1", capacity: 5)
            .candidate("C1", exams: ["B4"], group: "G1", jury: ["P1", "K1"])
            .candidate("C2", exams: ["B4"], group: "G1", jury: ["P1", "K1"])
        assertInfeasible(b.build(), naming: ["imposed member K1", "certifier", "does not examine B4", "R16"], "imposed certifier")
    }
    /// Three BC4 need 6 professional seats on the one day; the two professionals may sit twice
    /// each (the certifiers may not sit a block, R6/R16).
    func testTooFewProfessionalSittingsIsInfeasible() {
        let b = CampaignBuilder(.csec, days: [D1])
            .professional("P1", maxPerDay: 2).professional("P2", maxPerDay: 2)
            .certifier("K1").room("S1").room("S2")
        for k in 1...3 { b.candidate("C\(k)", exams: ["BC4"]) }
        assertInfeasible(b.build(), naming: ["6 professional seat(s)", "P1, P2", "at most 4"], "professional sittings")
    }

    /// Three BC1 (45 minutes) in the only room with a projector, open one hour of the session.
    func testTooLittleRoomTimeIsInfeasible() {
        let b = CampaignBuilder(.csec, days: [D1])
            .professional("P1").professional("P2").professional("P3").professional("P4")
            .room("S1", available: ["\(D1) 09:00-10:00"]).room("W1", capacity: 3, equipment: [])
        for k in 1...3 { b.candidate("C\(k)", exams: ["BC1"]) }
        assertInfeasible(b.build(), naming: ["135 minutes of room time", "(S1)", "open 60 minutes"], "room time")
    }
    /// Four CSEC candidates over two days, three of them with imposed supervisors (P1+P2, P1,
    /// P3) on all six exams, two rooms, one certifier: the greedy cannot staff the days these
    /// layouts give, and one branch-and-bound node did not either (exit 3); the small-day search
    /// finds the juries.
    func testImposedSupervisorsOverTwoDaysArePlanned() throws {
        let all = ["BC1", "BC2", "BC3", "BC4", "BC5", "FINAL"]
        let b = CampaignBuilder(.csec, days: [D1, D2])
            .certifier("C1")
            .professional("P1", canPreside: true, structure: "MSP de Vendôme").professional("P2", structure: "CPTS Tours")
            .professional("P3", canPreside: true, structure: "EHPAD Bourges").professional("P4", external: false, structure: "CCAS Orléans")
            .professional("P5", structure: "MSP de Dreux")
            .room("O1", site: "Orléans", capacity: 8).room("O2", site: "Orléans", capacity: 8)
            .candidate("S01", exams: all, structure: "MSP de Blois", jury: ["P1", "P2"])
            .candidate("S02", exams: all, structure: "MSP de Vierzon", jury: ["P1"])
            .candidate("S03", exams: all, structure: "MSP de Chinon", jury: ["P3"])
            .candidate("S04", exams: all, structure: "MSP de Gien")
        let plan = try XCTUnwrap(assertPlans(b.build(), "imposed supervisors"))
        XCTAssertEqual(plan.schedule.rows.count, 24)
    }
}
