import XCTest
@testable import JuryPlanCore

/// R1 (every registration scheduled exactly once, as required) and R13 (prerequisites first).
final class R1Tests: XCTestCase {
    func testExactDurationKeepsR1() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1", "BC4"])
        assertClean(audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "10:30-11:00", "S1", "BC4", "C1", ["P1", "P2"]),
        ]))
    }

    func testWrongDurationBreaksR1() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"])
        assertOnly(audit(b, [row(D1, "09:00-09:30", "S1", "BC1", "C1", ["P1", "P2"])]), .r1, ["C1"], [2])
        assertOnly(audit(b, [row(D1, "09:00-10:00", "S1", "BC1", "C1", ["P1", "P2"])]), .r1, ["C1"], [2])
    }

    func testExtraTimeDurations() {
        let b = CampaignBuilder.csec()
            .exam(Exam(id: "ORAL60", name: "One hour", mode: .oral, minutes: 60, jury: JurySpec(size: 2, roles: [.professional: 2])))
            .candidate("X", exams: ["BC1", "BC4", "BC3", "ORAL60"], extraTime: true)
        // 45 → 60, 30 → 40, 120 → 160, 60 → 80.
        let lawful = [
            row(D1, "08:30-11:10", "W1", "BC3", "X", ["K1"]),
            row(D1, "13:30-14:30", "S1", "BC1", "X", ["P1", "P2"]),
            row(D2, "08:30-09:10", "S1", "BC4", "X", ["P1", "P2"]),
            row(D2, "09:40-11:00", "S1", "ORAL60", "X", ["P1", "P2"]),
        ]
        assertClean(audit(b, lawful))
        let normal = ["08:30-10:30", "13:30-14:15", "08:30-09:00", "09:40-10:40"]
        for (i, time) in normal.enumerated() {
            var rows = lawful
            rows[i].time = span(time)
            assertOnly(audit(b, rows), .r1, ["X"], [i + 2])
        }
    }

    func testExtraTimeGroupExamLasts80() {
        let b = CampaignBuilder.cpas().candidate("X", exams: ["B4"], extraTime: true)
        assertClean(audit(b, [row(D1, "09:00-10:20", "BIG", "B4", "X", ["P1", "P2"])]))
        assertOnly(audit(b, [row(D1, "09:00-10:00", "BIG", "B4", "X", ["P1", "P2"])]), .r1, ["X"], [2])
    }

    /// A written sitting with an extra-time candidate: the others may end at normal or extended time.
    func testWrittenSittingWithExtraTimeCandidate() {
        let b = CampaignBuilder.csec()
            .candidate("C1", exams: ["BC3"])
            .candidate("C2", exams: ["BC3"], extraTime: true)
            .candidate("C3", exams: ["BC3"])
        let rows = [
            row(D1, "08:30-10:30", "W1", "BC3", "C1", ["K1"]),
            row(D1, "08:30-11:10", "W1", "BC3", "C2", ["K1"]),
            row(D1, "08:30-11:10", "W1", "BC3", "C3", ["K1"]),
        ]
        assertClean(audit(b, rows))

        var short = rows
        short[0].time = span("08:30-10:00")
        assertOnly(audit(b, short), .r1, ["C1"], [2])

        // The extra-time candidate must have the extended time.
        var cut = rows
        cut[1].time = span("08:30-10:30")
        assertOnly(audit(b, cut), .r1, ["C2"], [3])

        // Other rows between normal and extended time are wrong.
        var between = rows
        between[2].time = span("08:30-10:50")
        assertOnly(audit(b, between), .r1, ["C3"], [4])
    }

    func testExtendedTimeWithoutExtraTimeCandidateBreaksR1() {
        let b = CampaignBuilder.csec()
            .candidate("C1", exams: ["BC3"])
            .candidate("C3", exams: ["BC3"])
        assertOnly(audit(b, [
            row(D1, "08:30-10:30", "W1", "BC3", "C1", ["K1"]),
            row(D1, "08:30-11:10", "W1", "BC3", "C3", ["K1"]),
        ]), .r1, ["C3"], [3])
    }

    func testExtraTimeCandidateInAnotherSittingDoesNotLengthenThisOne() {
        let b = CampaignBuilder.csec()
            .candidate("C1", exams: ["BC3"])
            .candidate("C2", exams: ["BC3"], extraTime: true)
        // Different rooms: two sittings. C1 at 160 min is wrong.
        let a = audit(b, [
            row(D1, "08:30-11:10", "W1", "BC3", "C1", ["K1"]),
            row(D1, "08:30-11:10", "S1", "BC3", "C2", ["K2"]),
        ])
        assertOnly(a, .r1, ["C1"], [2])
    }

    func testGroupSittingWithExtraTimeCandidate() {
        let b = CampaignBuilder.cpas()
            .candidate("C1", exams: ["B4"], extraTime: true, group: "G1")
            .candidate("C2", exams: ["B4"], group: "G1")
            .candidate("C3", exams: ["B4"], group: "G1")
        assertClean(audit(b, [
            row(D1, "09:00-10:20", "BIG", "B4", "C1", ["P1", "P2"]),
            row(D1, "09:00-10:00", "BIG", "B4", "C2", ["P1", "P2"]),
            row(D1, "09:00-10:20", "BIG", "B4", "C3", ["P1", "P2"]),
        ]))
        assertOnly(audit(b, [
            row(D1, "09:00-10:00", "BIG", "B4", "C1", ["P1", "P2"]),
            row(D1, "09:00-10:00", "BIG", "B4", "C2", ["P1", "P2"]),
            row(D1, "09:00-10:00", "BIG", "B4", "C3", ["P1", "P2"]),
        ]), .r1, ["C1"], [2])
    }

    func testUnknownCandidateBreaksR1() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"])
        assertOnly(audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "09:00-09:45", "S2", "BC1", "C99", ["P3", "P4"]),
        ]), .r1, ["C99"], [3])
    }

    func testUnknownExamBreaksR1() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"])
        assertOnly(audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "14:00-14:45", "S2", "BC9", "C1", ["P3", "P4"]),
        ]), .r1, ["C1"], [3])
    }

    func testExamNotRegisteredBreaksR1() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"])
        assertOnly(audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "14:00-14:45", "S1", "BC2", "C1", ["P1", "P2"]),
        ]), .r1, ["C1"], [3])
    }

    func testSubmittedExamWithARowBreaksR1() {
        let b = CampaignBuilder.cpas().candidate("C1", exams: ["B1", "B3"])
        let lawful = [row(D1, "09:00-09:30", "S1", "B3", "C1", ["P1", "P2"])]
        assertClean(audit(b, lawful))   // B1 is accepted without a row
        assertOnly(audit(b, lawful + [row(D1, "14:00-14:30", "S1", "B1", "C1", ["P1", "P2"])]), .r1, ["C1"], [3])
        // Through its alias too.
        assertOnly(audit(b, lawful + [row(D1, "14:00-14:30", "S1", "BC1", "C1", ["P1", "P2"])]), .r1, ["C1"], [3])
    }

    func testMissingRegistrationBreaksR1WithoutLine() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1", "BC2"])
        let a = audit(b, [row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"])])
        assertOnly(a, .r1, ["C1"], [])
        XCTAssertNil(a.breaches[0].day)
        XCTAssertTrue(a.breaches[0].message.contains("BC2"), a.breaches[0].message)
    }

    func testDuplicateRowBreaksR1() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"])
        assertOnly(audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "14:00-14:45", "S1", "BC1", "C1", ["P1", "P2"]),
        ]), .r1, ["C1"], [2, 3])
    }

    func testDuplicateThroughAliasBreaksR1() {
        let b = CampaignBuilder.cpas().candidate("C1", exams: ["B3"])
        assertOnly(audit(b, [
            row(D1, "09:00-09:30", "S1", "B3", "C1", ["P1", "P2"]),
            row(D1, "14:00-14:30", "S1", "BC3", "C1", ["P1", "P2"]),
        ]), .r1, ["C1"], [2, 3])
    }

    func testAliasesAreAcceptedInRegistrationsAndRows() {
        let b = CampaignBuilder.cpas()
            .candidate("C1", exams: ["BC3"])
            .candidate("C2", exams: ["B3"])
        assertClean(audit(b, [
            row(D1, "09:00-09:30", "S1", "B3", "C1", ["P1", "P2"]),
            row(D1, "09:00-09:30", "S2", "BC3", "C2", ["P3", "P4"]),
        ]))
    }

    func testGroupSittingWithRowsNamingTheExamAndItsAliasIsOneSitting() {
        let b = CampaignBuilder.cpas()
            .candidate("C1", exams: ["B4"], group: "G1")
            .candidate("C2", exams: ["B4"], group: "G1")
        assertClean(audit(b, [
            row(D1, "09:00-10:00", "BIG", "B4", "C1", ["P1", "P2"]),
            row(D1, "09:00-10:00", "BIG", "BC4", "C2", ["P1", "P2"]),
        ]))
    }

    func testWholeGroupInOneSittingKeepsR1() {
        let b = CampaignBuilder.cpas()
            .candidate("C1", exams: ["B4"], group: "G1")
            .candidate("C2", exams: ["B4"], group: "G1")
            .candidate("C3", exams: ["B4"], group: "G1")
        assertClean(audit(b, [
            row(D1, "09:00-10:00", "BIG", "B4", "C1", ["P1", "P2"]),
            row(D1, "09:00-10:00", "BIG", "B4", "C2", ["P2", "P1"]),  // jury order does not matter
            row(D1, "09:00-10:00", "BIG", "B4", "C3", ["P1", "P2"]),
        ]))
    }

    func testGroupSplitOverTwoSittingsBreaksR1() {
        let b = CampaignBuilder.cpas()
            .candidate("C1", exams: ["B4"], group: "G1")
            .candidate("C2", exams: ["B4"], group: "G1")
        assertOnly(audit(b, [
            row(D1, "09:00-10:00", "BIG", "B4", "C1", ["P1", "P2"]),
            row(D1, "14:00-15:00", "BIG", "B4", "C2", ["P1", "P2"]),
        ]), .r1, ["C1", "C2"], [2, 3])
        // Same time and room, another jury: two sittings too (and the room holds both: R4).
        let a = audit(b, [
            row(D1, "09:00-10:00", "BIG", "B4", "C1", ["P1", "P2"]),
            row(D1, "09:00-10:00", "BIG", "B4", "C2", ["P3", "P4"]),
        ])
        assertBroken(a, [.r1, .r4])
        assertBreaches(a, .r1, [Expect(["C1", "C2"], [2, 3])])
        assertBreaches(a, .r4, [Expect(["BIG"], [2, 3])])
    }

    func testTwoGroupsInOneSittingBreakR1() {
        let b = CampaignBuilder.cpas()
            .candidate("C1", exams: ["B4"], group: "G1")
            .candidate("C2", exams: ["B4"], group: "G2")
        assertOnly(audit(b, [
            row(D1, "09:00-10:00", "BIG", "B4", "C1", ["P1", "P2"]),
            row(D1, "09:00-10:00", "BIG", "B4", "C2", ["P1", "P2"]),
        ]), .r1, ["C1", "C2"], [2, 3])
    }

    func testGroupAndCandidateWithoutGroupInOneSittingBreakR1() {
        let b = CampaignBuilder.cpas()
            .candidate("C1", exams: ["B4"], group: "G1")
            .candidate("C2", exams: ["B4"])
        assertOnly(audit(b, [
            row(D1, "09:00-10:00", "BIG", "B4", "C1", ["P1", "P2"]),
            row(D1, "09:00-10:00", "BIG", "B4", "C2", ["P1", "P2"]),
        ]), .r1, ["C1", "C2"], [2, 3])
    }

    func testCandidatesWithoutGroupSitAlone() {
        let b = CampaignBuilder.cpas()
            .candidate("C1", exams: ["B5E2"])
            .candidate("C2", exams: ["B5E2"])
        assertClean(audit(b, [
            row(D1, "09:00-10:00", "BIG", "B5E2", "C1", ["P1", "P2"]),
            row(D1, "10:30-11:30", "BIG", "B5E2", "C2", ["P1", "P2"]),
        ]))
        assertOnly(audit(b, [
            row(D1, "09:00-10:00", "BIG", "B5E2", "C1", ["P1", "P2"]),
            row(D1, "09:00-10:00", "BIG", "B5E2", "C2", ["P1", "P2"]),
        ]), .r1, ["C1", "C2"], [2, 3])
    }

    func testOralRowsAreNeverGathered() {
        // Two BC1 rows with the same room, time and jury are two sittings (R3, R4), not one.
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"]).candidate("C2", exams: ["BC1"])
        let a = audit(b, [
            row(D1, "09:00-09:45", "BIG", "BC1", "C1", ["P1", "P2"]),
            row(D1, "09:00-09:45", "BIG", "BC1", "C2", ["P1", "P2"]),
        ])
        assertBroken(a, [.r3, .r4])
        assertBreaches(a, .r3, [Expect(["P1"], [2, 3]), Expect(["P2"], [2, 3])])
        assertBreaches(a, .r4, [Expect(["BIG"], [2, 3])])
    }
}

final class R13Tests: XCTestCase {
    func testFinalAfterEveryBlockKeepsR13() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1", "FINAL"])
        assertClean(audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P3", "P4"]),
            row(D2, "09:00-09:30", "S1", "FINAL", "C1", ["K1", "P1", "P2"], president: "P1"),
        ]))
    }

    func testFinalBeforeABlockBreaksR13() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1", "FINAL"])
        let a = audit(b, [
            row(D1, "09:00-09:30", "S1", "FINAL", "C1", ["K1", "P1", "P2"], president: "P1"),
            row(D2, "09:00-09:45", "S1", "BC1", "C1", ["P3", "P4"]),
        ])
        assertOnly(a, .r13, ["C1"], [2, 3])
        XCTAssertTrue(a.breaches[0].message.contains("BC1"), a.breaches[0].message)
    }

    func testFinalMayStartWhenTheBlockEnds() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1", "FINAL"])
            .set { $0.minBreakMinutes = 0 }
        assertClean(audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P3", "P4"]),
            row(D1, "09:45-10:15", "S2", "FINAL", "C1", ["K1", "P1", "P2"], president: "P1"),
        ]))
        let a = audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P3", "P4"]),
            row(D1, "09:40-10:10", "S2", "FINAL", "C1", ["K1", "P1", "P2"], president: "P1"),
        ])
        assertBroken(a, [.r2, .r13])
        assertBreaches(a, .r13, [Expect(["C1"], [2, 3])])
    }

    func testFinalBeforeTheWrittenBlockBreaksR13() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC3", "FINAL"])
        assertOnly(audit(b, [
            row(D1, "14:00-14:30", "S1", "FINAL", "C1", ["K1", "P1", "P2"], president: "P1"),
            row(D2, "08:30-10:30", "W1", "BC3", "C1", ["K2"]),
        ]), .r13, ["C1"], [2, 3])
    }

    func testPrerequisiteNotTakenIsIgnored() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["FINAL"])
        assertClean(audit(b, [row(D1, "09:00-09:30", "S1", "FINAL", "C1", ["K1", "P1", "P2"], president: "P1")]))
    }

    func testPrerequisiteTakenButUnscheduledIsR1Only() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1", "FINAL"])
        assertOnly(audit(b, [row(D1, "09:00-09:30", "S1", "FINAL", "C1", ["K1", "P1", "P2"], president: "P1")]), .r1, ["C1"], [])
    }

    func testCustomAfterThroughAliases() {
        let b = CampaignBuilder.cpas()
            .editExam("B3") { $0.after = ["BC4"] }
            .candidate("C1", exams: ["B3", "BC4"])
        assertClean(audit(b, [
            row(D1, "09:00-10:00", "BIG", "B4", "C1", ["P1", "P2"]),
            row(D1, "14:00-14:30", "S1", "B3", "C1", ["P1", "P2"]),
        ]))
        assertOnly(audit(b, [
            row(D1, "14:00-15:00", "BIG", "B4", "C1", ["P1", "P2"]),
            row(D1, "09:00-09:30", "S1", "B3", "C1", ["P1", "P2"]),
        ]), .r13, ["C1"], [2, 3])
    }
}
