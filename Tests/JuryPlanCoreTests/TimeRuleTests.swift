import XCTest
@testable import JuryPlanCore

/// R2, R3, R4, R12, R14 and R17: nobody in two places, limits per day, opening hours.
final class R2Tests: XCTestCase {
    let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1", "BC2"])

    func testSeparateSittingsKeepR2() {
        assertClean(audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "10:15-11:00", "S2", "BC2", "C1", ["P3", "P4"]),
        ]))
        assertClean(audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D2, "09:00-09:45", "S2", "BC2", "C1", ["P3", "P4"]),
        ]))
    }

    func testOverlappingSittingsBreakR2() {
        let a = audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "09:30-10:15", "S2", "BC2", "C1", ["P3", "P4"]),
        ])
        // The overlap is R2's; R12 is about the break between two sittings that do not overlap.
        assertOnly(a, .r2, ["C1"], [2, 3])
        let noBreakNeeded = CampaignBuilder.csec().candidate("C1", exams: ["BC1", "BC2"]).set { $0.minBreakMinutes = 0 }
        assertOnly(audit(noBreakNeeded, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "09:30-10:15", "S2", "BC2", "C1", ["P3", "P4"]),
        ]), .r2, ["C1"], [2, 3])
    }

    func testTouchingSittingsKeepR2() {
        let c = CampaignBuilder.csec().candidate("C1", exams: ["BC1", "BC2"]).set { $0.minBreakMinutes = 0 }
        assertClean(audit(c, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "09:45-10:30", "S2", "BC2", "C1", ["P3", "P4"]),
        ]))
    }
}

final class R3Tests: XCTestCase {
    let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"]).candidate("C2", exams: ["BC1"])

    func testMemberInTwoOverlappingSittingsBreaksR3() {
        assertOnly(audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "09:30-10:15", "S2", "BC1", "C2", ["P1", "P3"]),
        ]), .r3, ["P1"], [2, 3])
    }

    func testSamePanelNeedsTheBuffer() {
        let a = audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "09:45-10:30", "S1", "BC1", "C2", ["P1", "P2"]),
        ])
        assertBroken(a, [.r3])
        assertBreaches(a, .r3, [Expect(["P1"], [2, 3]), Expect(["P2"], [2, 3])])

        let nine = audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "09:54-10:39", "S1", "BC1", "C2", ["P1", "P2"]),
        ])
        assertBreaches(nine, .r3, [Expect(["P1"], [2, 3]), Expect(["P2"], [2, 3])])

        assertClean(audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "09:55-10:40", "S1", "BC1", "C2", ["P1", "P2"]),
        ]))
    }

    func testBufferComesFromTheCampaign() {
        let zero = CampaignBuilder.csec().candidate("C1", exams: ["BC1"]).candidate("C2", exams: ["BC1"]).set { $0.bufferMinutes = 0 }
        assertClean(audit(zero, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "09:45-10:30", "S1", "BC1", "C2", ["P1", "P2"]),
        ]))
        let long = CampaignBuilder.csec().candidate("C1", exams: ["BC1"]).candidate("C2", exams: ["BC1"]).set { $0.bufferMinutes = 30 }
        assertOnly(audit(long, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "10:00-10:45", "S2", "BC1", "C2", ["P1", "P3"]),
        ]), .r3, ["P1"], [2, 3])
    }

    func testInvigilationCountsForTheBuffer() {
        let c = CampaignBuilder.csec().candidate("C1", exams: ["BC3"]).candidate("C2", exams: ["BC1"])
        assertOnly(audit(c, [
            row(D1, "08:30-10:30", "W1", "BC3", "C1", ["P3"]),
            row(D1, "10:35-11:20", "S1", "BC1", "C2", ["P3", "P4"]),
        ]), .r3, ["P3"], [2, 3])
        assertOnly(audit(c, [
            row(D1, "08:30-10:30", "W1", "BC3", "C1", ["P3"]),
            row(D1, "10:00-10:45", "S1", "BC1", "C2", ["P3", "P4"]),
        ]), .r3, ["P3"], [2, 3])
        assertClean(audit(c, [
            row(D1, "08:30-10:30", "W1", "BC3", "C1", ["P3"]),
            row(D1, "10:40-11:25", "S1", "BC1", "C2", ["P3", "P4"]),
        ]))
    }

    func testExtendedWrittenSittingEndsAtItsLatestRow() {
        let c = CampaignBuilder.csec()
            .candidate("C1", exams: ["BC3"]).candidate("C2", exams: ["BC3"], extraTime: true)
            .candidate("C3", exams: ["BC1"])
        // The sitting lasts until 11:10 for its invigilator, though C1 leaves at 10:30.
        assertOnly(audit(c, [
            row(D1, "08:30-10:30", "W1", "BC3", "C1", ["P3"]),
            row(D1, "08:30-11:10", "W1", "BC3", "C2", ["P3"]),
            row(D1, "11:00-11:45", "S1", "BC1", "C3", ["P3", "P4"]),
        ]), .r3, ["P3"], [2, 3, 4])
    }

    func testSittingsOnDifferentDaysNeedNoBuffer() {
        assertClean(audit(b, [
            row(D1, "11:45-12:30", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D2, "08:30-09:15", "S1", "BC1", "C2", ["P1", "P2"]),
        ]))
    }
}

final class R4Tests: XCTestCase {
    func testTwoSittingsOverlappingInARoomBreakR4() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"]).candidate("C2", exams: ["BC1"])
        assertOnly(audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "09:30-10:15", "S1", "BC1", "C2", ["P3", "P4"]),
        ]), .r4, ["S1"], [2, 3])
        // Rooms need no buffer: back to back is lawful.
        assertClean(audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "09:45-10:30", "S1", "BC1", "C2", ["P3", "P4"]),
        ]))
    }

    func testWrittenSittingAndOralInOneRoomBreakR4() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC3"]).candidate("C2", exams: ["BC1"])
        assertOnly(audit(b, [
            row(D1, "08:30-10:30", "BIG", "BC3", "C1", ["K1"]),
            row(D1, "10:00-10:45", "BIG", "BC1", "C2", ["P1", "P2"]),
        ]), .r4, ["BIG"], [2, 3])
    }

    func testWrittenCapacity() {
        let b = CampaignBuilder.csec()
        for id in ["C1", "C2", "C3", "C4"] { b.candidate(id, exams: ["BC3"]) }
        let four = ["C1", "C2", "C3", "C4"].map { row(D1, "08:30-10:30", "W1", "BC3", $0, ["K1"]) }
        // Over capacity in a written room is R4, not R11.
        assertOnly(audit(b, four), .r4, ["W1"], [2, 3, 4, 5])

        let three = CampaignBuilder.csec()
        for id in ["C1", "C2", "C3"] { three.candidate(id, exams: ["BC3"]) }
        assertClean(audit(three, Array(four.prefix(3))))
    }

    func testTwoWrittenSittingsInOneRoomBreakR4() {
        // Same time and room, different invigilators: not one sitting.
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC3"]).candidate("C2", exams: ["BC3"])
        assertOnly(audit(b, [
            row(D1, "08:30-10:30", "W1", "BC3", "C1", ["K1"]),
            row(D1, "08:30-10:30", "W1", "BC3", "C2", ["K2"]),
        ]), .r4, ["W1"], [2, 3])
    }

    func testGroupOutnumberingTheRoomBreaksR11NotR4() {
        let b = CampaignBuilder.cpas()
            .room("G2", capacity: 2)
            .candidate("C1", exams: ["B4"], group: "G1")
            .candidate("C2", exams: ["B4"], group: "G1")
            .candidate("C3", exams: ["B4"], group: "G1")
        let rows = ["C1", "C2", "C3"].map { row(D1, "09:00-10:00", "G2", "B4", $0, ["P1", "P2"]) }
        assertOnly(audit(b, rows), .r11, ["G2"], [2, 3, 4])
        b.room("G2", capacity: 3)
        assertClean(audit(b, rows))
    }
}

final class R12Tests: XCTestCase {
    func testAtMostMaxExamsPerDay() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1", "BC2", "BC4", "BC5"])
        let rows = [
            row(D1, "08:30-09:15", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "09:45-10:30", "S1", "BC2", "C1", ["P1", "P2"]),
            row(D1, "11:00-11:30", "S1", "BC4", "C1", ["P1", "P2"]),
            row(D1, "13:30-14:00", "S1", "BC5", "C1", ["P1", "P2"]),
        ]
        assertOnly(audit(b, rows), .r12, ["C1"], [2, 3, 4, 5])

        var split = rows
        split[3].day = day(D2)
        assertClean(audit(b, split))

        b.set { $0.maxExamsPerDay = 4 }
        assertClean(audit(b, rows))
    }

    func testMinimumBreak() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1", "BC2"])
        assertOnly(audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "10:00-10:45", "S1", "BC2", "C1", ["P1", "P2"]),
        ]), .r12, ["C1"], [2, 3])
        // Listed in any order.
        assertOnly(audit(b, [
            row(D1, "10:00-10:45", "S1", "BC2", "C1", ["P1", "P2"]),
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
        ]), .r12, ["C1"], [2, 3])
        let exact = [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "10:15-11:00", "S1", "BC2", "C1", ["P1", "P2"]),
        ]
        assertClean(audit(b, exact))
        b.set { $0.minBreakMinutes = 60 }
        assertOnly(audit(b, exact), .r12, ["C1"], [2, 3])
    }

    func testWrittenSittingCountsOnceForItsCandidate() {
        let b = CampaignBuilder.csec()
            .candidate("C1", exams: ["BC3", "BC1", "BC2"])
            .candidate("C2", exams: ["BC3"])
            .candidate("C3", exams: ["BC3"])
        assertClean(audit(b, [
            row(D1, "08:30-10:30", "W1", "BC3", "C1", ["K1"]),
            row(D1, "08:30-10:30", "W1", "BC3", "C2", ["K1"]),
            row(D1, "08:30-10:30", "W1", "BC3", "C3", ["K1"]),
            row(D1, "11:00-11:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "14:00-14:45", "S1", "BC2", "C1", ["P1", "P2"]),
        ]))
    }
}

final class R14Tests: XCTestCase {
    static func three() -> CampaignBuilder {
        CampaignBuilder.csec().candidate("C1", exams: ["BC1"]).candidate("C2", exams: ["BC1"]).candidate("C3", exams: ["BC1"])
    }

    static let rows = [
        row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
        row(D1, "10:00-10:45", "S1", "BC1", "C2", ["P1", "P3"]),
        row(D1, "11:00-11:45", "S1", "BC1", "C3", ["P1", "P4"]),
    ]

    func testMaxPerDayOverride() {
        let b = Self.three().editMember("P1") { $0.maxPerDay = 2 }
        assertOnly(audit(b, Self.rows), .r14, ["P1"], [2, 3, 4])
        let three = Self.three().editMember("P1") { $0.maxPerDay = 3 }
        assertClean(audit(three, Self.rows))
        // The limit is per day.
        var twoDays = Self.rows
        twoDays[2].day = day(D2)
        assertClean(audit(b, twoDays))
        // The override wins over the campaign's default, both ways.
        let lifted = Self.three().set { $0.maxSittingsPerDay = 2 }.editMember("P1") { $0.maxPerDay = 3 }
        assertClean(audit(lifted, Self.rows))
    }

    func testCampaignDefault() {
        let b = Self.three().set { $0.maxSittingsPerDay = 2 }
        assertOnly(audit(b, Self.rows), .r14, ["P1"], [2, 3, 4])
        XCTAssertEqual(b.build().maxSittings(of: b.build().member("P2")!), 2)
    }

    func testZeroMeansNeverConvened() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"]).editMember("P5") { $0.maxPerDay = 0 }
        assertOnly(audit(b, [row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P5", "P2"])]), .r14, ["P5"], [2])
        XCTAssertEqual(b.build().maxSittings(of: b.build().member("P5")!), 0)
    }

    func testInvigilationCountsAsASitting() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC3"]).candidate("C2", exams: ["BC1"])
            .editMember("P3") { $0.maxPerDay = 1 }
        assertOnly(audit(b, [
            row(D1, "08:30-10:30", "W1", "BC3", "C1", ["P3"]),
            row(D1, "11:00-11:45", "S1", "BC1", "C2", ["P3", "P4"]),
        ]), .r14, ["P3"], [2, 3])
    }

    func testOneWrittenSittingCountsOnceWhateverItsRows() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC3"]).candidate("C2", exams: ["BC3"])
            .editMember("P3") { $0.maxPerDay = 1 }
        assertClean(audit(b, [
            row(D1, "08:30-10:30", "W1", "BC3", "C1", ["P3"]),
            row(D1, "08:30-10:30", "W1", "BC3", "C2", ["P3"]),
        ]))
    }

    func testTwoSitesADayBreakR14() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"]).candidate("C2", exams: ["BC1"])
        assertOnly(audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D1, "14:00-14:45", "A1", "BC1", "C2", ["P1", "P3"]),
        ]), .r14, ["P1"], [2, 3])
        assertClean(audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"]),
            row(D2, "14:00-14:45", "A1", "BC1", "C2", ["P1", "P3"]),
        ]))
        // The site comes from rooms.csv: a row's `site` cell does not change it.
        assertClean(audit(b, [
            row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"], site: "Campus"),
            row(D1, "14:00-14:45", "S2", "BC1", "C2", ["P1", "P3"], site: "Annexe"),
        ]))
    }
}

final class R17Tests: XCTestCase {
    let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"])

    func testInsideOpeningHoursKeepsR17() {
        assertClean(audit(b, [row(D1, "08:30-09:15", "S1", "BC1", "C1", ["P1", "P2"])]))
        assertClean(audit(b, [row(D1, "11:45-12:30", "S1", "BC1", "C1", ["P1", "P2"])]))
        assertClean(audit(b, [row(D2, "13:30-14:15", "S1", "BC1", "C1", ["P1", "P2"])]))
        assertClean(audit(b, [row(D2, "16:45-17:30", "S1", "BC1", "C1", ["P1", "P2"])]))
    }

    func testNotASessionDayBreaksR17() {
        assertOnly(audit(b, [row("2027-06-16", "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"])]), .r17, ["C1"], [2])
    }

    func testAcrossLunchBreaksR17() {
        assertOnly(audit(b, [row(D1, "12:00-12:45", "S1", "BC1", "C1", ["P1", "P2"])]), .r17, ["C1"], [2])
        assertOnly(audit(b, [row(D1, "12:30-13:15", "S1", "BC1", "C1", ["P1", "P2"])]), .r17, ["C1"], [2])
    }

    func testOutsideHoursBreaksR17() {
        assertOnly(audit(b, [row(D1, "08:00-08:45", "S1", "BC1", "C1", ["P1", "P2"])]), .r17, ["C1"], [2])
        assertOnly(audit(b, [row(D1, "17:00-17:45", "S1", "BC1", "C1", ["P1", "P2"])]), .r17, ["C1"], [2])
    }

    func testHoursComeFromTheCampaign() {
        let c = CampaignBuilder.csec().candidate("C1", exams: ["BC1"]).set {
            $0.hours = SessionHours(morning: span("09:00-12:00"), afternoon: span("12:30-16:00"))
        }
        assertOnly(audit(c, [row(D1, "08:30-09:15", "S1", "BC1", "C1", ["P1", "P2"])]), .r17, ["C1"], [2])
        assertClean(audit(c, [row(D1, "12:30-13:15", "S1", "BC1", "C1", ["P1", "P2"])]))
        assertOnly(audit(c, [row(D1, "15:30-16:15", "S1", "BC1", "C1", ["P1", "P2"])]), .r17, ["C1"], [2])
    }

    func testEveryRowOfAWrittenSittingIsChecked() {
        let c = CampaignBuilder.csec().candidate("C1", exams: ["BC3"]).candidate("C2", exams: ["BC3"], extraTime: true)
        // The extra-time row runs past 12:30.
        assertOnly(audit(c, [
            row(D1, "10:00-12:00", "W1", "BC3", "C1", ["K1"]),
            row(D1, "10:00-12:40", "W1", "BC3", "C2", ["K1"]),
        ]), .r17, ["C2"], [3])
    }
}
