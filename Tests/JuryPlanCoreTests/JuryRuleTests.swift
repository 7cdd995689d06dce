import XCTest
@testable import JuryPlanCore

/// R5, R6, R7, R8, R16, R18: who sits on a jury.
final class R5Tests: XCTestCase {
    /// A custom oral with a size and no roles, so that R6 stays out of the way.
    static func custom() -> CampaignBuilder {
        CampaignBuilder(.custom).standardCast()
            .exam(Exam(id: "DUO", name: "Duo", mode: .oral, minutes: 30, jury: JurySpec(size: 2)))
            .candidate("C1", exams: ["DUO"])
    }

    func testRightSizeKeepsR5() {
        assertClean(audit(Self.custom(), [row(D1, "09:00-09:30", "S1", "DUO", "C1", ["P1", "K1"])]))
    }

    func testWrongSizeBreaksR5() {
        assertOnly(audit(Self.custom(), [row(D1, "09:00-09:30", "S1", "DUO", "C1", ["P1"])]), .r5, ["P1"], [2])
        assertOnly(audit(Self.custom(), [row(D1, "09:00-09:30", "S1", "DUO", "C1", ["P1", "P2", "P3"])]), .r5, ["P1", "P2", "P3"], [2])
        assertOnly(audit(Self.custom(), [row(D1, "09:00-09:30", "S1", "DUO", "C1", [])]), .r5, [], [2])
    }

    func testUnknownMemberBreaksR5() {
        assertOnly(audit(Self.custom(), [row(D1, "09:00-09:30", "S1", "DUO", "C1", ["P1", "Z9"])]), .r5, ["Z9"], [2])
        // On a CSEC block the unknown member also leaves a professional seat empty (R6).
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"])
        let a = audit(b, [row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "Z9"])])
        assertBroken(a, [.r5, .r6])
        assertBreaches(a, .r5, [Expect(["Z9"], [2])])
    }

    func testMemberTwiceBreaksR5() {
        assertOnly(audit(Self.custom(), [row(D1, "09:00-09:30", "S1", "DUO", "C1", ["P1", "P1"])]), .r5, ["P1"], [2])
    }

    func testWrittenSittingHasExactlyOneInvigilatorOfAnyRole() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC3"]).candidate("C2", exams: ["BC3"])
        for invigilator in ["K1", "P5", "P1"] {
            assertClean(audit(b, [
                row(D1, "08:30-10:30", "W1", "BC3", "C1", [invigilator]),
                row(D1, "08:30-10:30", "W1", "BC3", "C2", [invigilator]),
            ]))
        }
        assertOnly(audit(b, [
            row(D1, "08:30-10:30", "W1", "BC3", "C1", ["K1", "P1"]),
            row(D1, "08:30-10:30", "W1", "BC3", "C2", ["K1", "P1"]),
        ]), .r5, ["K1", "P1"], [2, 3])
        assertOnly(audit(b, [
            row(D1, "08:30-10:30", "W1", "BC3", "C1", []),
            row(D1, "08:30-10:30", "W1", "BC3", "C2", []),
        ]), .r5, [], [2, 3])
    }

    func testWrittenExamMaySayOtherwise() {
        let b = CampaignBuilder.csec().editExam("BC3") { $0.jury = JurySpec(size: 2) }.candidate("C1", exams: ["BC3"])
        assertClean(audit(b, [row(D1, "08:30-10:30", "W1", "BC3", "C1", ["K1", "P1"])]))
        assertOnly(audit(b, [row(D1, "08:30-10:30", "W1", "BC3", "C1", ["K1"])]), .r5, ["K1"], [2])
    }
}

final class R6Tests: XCTestCase {
    let b = CampaignBuilder.csec().candidate("C1", exams: ["FINAL"])

    func testRolesAsAskedKeepR6() {
        assertClean(audit(b, [row(D1, "09:00-09:30", "S1", "FINAL", "C1", ["P1", "K1", "P2"], president: "P1")]))
    }

    func testMissingCertifierBreaksR6() {
        assertOnly(audit(b, [row(D1, "09:00-09:30", "S1", "FINAL", "C1", ["P1", "P2", "P3"], president: "P1")]),
                   .r6, ["P1", "P2", "P3"], [2])
    }

    func testTwoCertifiersBreakR6AndR7() {
        let a = audit(b, [row(D1, "09:00-09:30", "S1", "FINAL", "C1", ["K1", "K2", "P1"], president: "P1")])
        assertBroken(a, [.r6, .r7])
        assertBreaches(a, .r6, [Expect(["K1", "K2", "P1"], [2])])
    }

    func testCertifierOnACSECBlockBreaksR6AndR16() {
        let c = CampaignBuilder.csec().candidate("C1", exams: ["BC1"])
        let a = audit(c, [row(D1, "09:00-09:45", "S1", "BC1", "C1", ["K1", "P1"])])
        assertBroken(a, [.r6, .r16])
        assertBreaches(a, .r6, [Expect(["K1", "P1"], [2])])
        assertBreaches(a, .r16, [Expect(["K1"], [2])])
    }

    func testRolesDoNotApplyToInvigilators() {
        let c = CampaignBuilder.csec().candidate("C1", exams: ["BC3"])
            .editExam("BC3") { $0.jury = JurySpec(size: 1, roles: [.professional: 1]) }
        assertClean(audit(c, [row(D1, "08:30-10:30", "W1", "BC3", "C1", ["K1"])]))
    }

    func testExamWithoutRolesAcceptsAnyRole() {
        let c = CampaignBuilder(.pacte).standardCast().candidate("C1", exams: ["INTERVIEW"], region: "Bretagne")
            .room("S1", region: "Bretagne")
        assertClean(audit(c, [row(D1, "09:00-09:30", "S1", "INTERVIEW", "C1", ["K1", "K2"])]))
        assertClean(audit(c, [row(D1, "09:00-09:30", "S1", "INTERVIEW", "C1", ["P1", "P5"])]))
    }
}

final class R7Tests: XCTestCase {
    /// A custom campaign (thresholds of the user's own exams) with one candidate registered for `exam`.
    static func custom(_ exam: String) -> CampaignBuilder {
        CampaignBuilder(.custom).standardCast()
            .exam(Exam(id: "DUO", name: "Duo", mode: .oral, minutes: 30, jury: JurySpec(size: 2, external: 0.66)))
            .exam(Exam(id: "TRIO", name: "Trio", mode: .oral, minutes: 30, jury: JurySpec(size: 3, external: 0.66)))
            .exam(Exam(id: "HALF", name: "Half", mode: .oral, minutes: 30, jury: JurySpec(size: 2, external: 0.5)))
            .candidate("C1", exams: [exam])
    }

    func testOneOfTwoDoesNotPass() {
        let b = Self.custom("DUO")
        assertOnly(audit(b, [row(D1, "09:00-09:30", "S1", "DUO", "C1", ["P1", "P5"])]), .r7, ["P1", "P5"], [2])
        assertClean(audit(b, [row(D1, "09:00-09:30", "S1", "DUO", "C1", ["P1", "P2"])]))
    }

    func testTwoOfThreePasses() {
        let b = Self.custom("TRIO")
        assertClean(audit(b, [row(D1, "09:00-09:30", "S1", "TRIO", "C1", ["P1", "P2", "P5"])]))
        assertOnly(audit(b, [row(D1, "09:00-09:30", "S1", "TRIO", "C1", ["P1", "K1", "P5"])]), .r7, ["P1", "K1", "P5"], [2])
    }

    func testThresholdIsStrict() {
        let b = Self.custom("HALF")
        assertOnly(audit(b, [row(D1, "09:00-09:30", "S1", "HALF", "C1", ["P1", "P5"])]), .r7, ["P1", "P5"], [2])
        assertClean(audit(b, [row(D1, "09:00-09:30", "S1", "HALF", "C1", ["P1", "P2"])]))
    }

    func testFinalTwoOfThreeExternalPasses() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["FINAL"])
        assertClean(audit(b, [row(D1, "09:00-09:30", "S1", "FINAL", "C1", ["K1", "P1", "P2"], president: "P1")]))
        assertOnly(audit(b, [row(D1, "09:00-09:30", "S1", "FINAL", "C1", ["K1", "P1", "P5"], president: "P1")]),
                   .r7, ["K1", "P1", "P5"], [2])
    }

    func testCertifierDeclaredExternalIsNotExternal() {
        let b = CampaignBuilder.csec().certifier("K3", external: true).candidate("C1", exams: ["FINAL"])
        // Counted as external, K3 would make 2 of 3.
        assertOnly(audit(b, [row(D1, "09:00-09:30", "S1", "FINAL", "C1", ["K3", "P1", "P5"], president: "P1")]),
                   .r7, ["K3", "P1", "P5"], [2])
        let k3 = b.build().member("K3")!
        XCTAssertTrue(k3.declaredExternal)
        XCTAssertFalse(k3.isExternal)
        XCTAssertTrue(b.build().member("P1")!.isExternal)
        XCTAssertFalse(b.build().member("P5")!.isExternal)
    }

    func testExternalShareCell() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["FINAL"])
        func final(_ share: Double?) -> [ScheduleRow] {
            [row(D1, "09:00-09:30", "S1", "FINAL", "C1", ["K1", "P1", "P2"], president: "P1", share: share)]
        }
        for ok in [nil, 0.67, 0.66, 0.6667, 0.676, 0.657] as [Double?] {
            assertClean(audit(b, final(ok)))
        }
        for wrong in [0.5, 0.65, 0.678, 1.0, 0.33] {
            assertOnly(audit(b, final(wrong)), .r7, ["K1", "P1", "P2"], [2])
        }
    }

    func testExternalShareCellIsCheckedWithoutThreshold() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"])
        assertClean(audit(b, [row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P5"], share: 0.5)]))
        assertClean(audit(b, [row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P5"])]))
        assertOnly(audit(b, [row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P5"], share: 1)]), .r7, ["P1", "P5"], [2])
    }

    func testEachRowOfAGroupSittingHasItsShareCell() {
        let b = CampaignBuilder.cpas()
            .candidate("C1", exams: ["B4"], group: "G1").candidate("C2", exams: ["B4"], group: "G1")
        assertOnly(audit(b, [
            row(D1, "09:00-10:00", "BIG", "B4", "C1", ["P1", "P5"], share: 0.5),
            row(D1, "09:00-10:00", "BIG", "B4", "C2", ["P1", "P5"], share: 0.0),
        ]), .r7, ["P1", "P5"], [3])
    }

    func testExternalsDoNotApplyToInvigilators() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC3"])
            .editExam("BC3") { $0.jury = JurySpec(size: 1, external: 0.66) }
        assertClean(audit(b, [row(D1, "08:30-10:30", "W1", "BC3", "C1", ["K1"])]))
    }
}

final class R8Tests: XCTestCase {
    let b = CampaignBuilder.csec().candidate("C1", exams: ["FINAL"])
    func final(_ president: String, jury: [String] = ["K1", "P1", "P2"]) -> [ScheduleRow] {
        [row(D1, "09:00-09:30", "S1", "FINAL", "C1", jury, president: president)]
    }

    func testEligiblePresidentKeepsR8() {
        assertClean(audit(b, final("P1")))
    }

    func testEmptyPresidentBreaksR8() {
        assertOnly(audit(b, final("")), .r8, ["K1", "P1", "P2"], [2])
    }

    func testPresidentNotOnTheJuryBreaksR8() {
        assertOnly(audit(b, final("P3")), .r8, ["P3"], [2])
    }

    func testCertifierPresidentBreaksR8() {
        assertOnly(audit(b, final("K1")), .r8, ["K1"], [2])
        // Even a certifier flagged can_preside.
        let c = CampaignBuilder.csec().certifier("K3", canPreside: true).candidate("C1", exams: ["FINAL"])
        assertOnly(audit(c, final("K3", jury: ["K3", "P1", "P2"])), .r8, ["K3"], [2])
    }

    func testProfessionalWhoCannotPresideBreaksR8() {
        assertOnly(audit(b, final("P2")), .r8, ["P2"], [2])
    }

    func testUnknownPresidentOnTheJuryBreaksR8() {
        let a = audit(b, final("Z9", jury: ["K1", "P1", "Z9"]))
        assertBreaches(a, .r8, [Expect(["Z9"], [2])])
        assertBreaches(a, .r5, [Expect(["Z9"], [2])])
    }

    func testExamsWithoutPresident() {
        let c = CampaignBuilder.csec().candidate("C1", exams: ["BC1"])
        assertClean(audit(c, [row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"])]))
        // A filled cell is ignored, with a warning.
        let a = audit(c, [row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"], president: "P2")])
        assertClean(a)
        XCTAssertEqual(a.warnings.count, 1)
        XCTAssertTrue(a.warnings.first?.contains("line 2") ?? false, "\(a.warnings)")
    }

    func testPACTEThesisHasAPresident() {
        let c = CampaignBuilder(.pacte).standardCast().room("S1", region: "Bretagne")
            .candidate("C1", exams: ["THESIS"], region: "Bretagne")
        assertClean(audit(c, [row(D1, "09:00-10:00", "S1", "THESIS", "C1", ["K1", "P1", "P2"], president: "P1")]))
        assertOnly(audit(c, [row(D1, "09:00-10:00", "S1", "THESIS", "C1", ["K1", "P1", "P2"])]), .r8, ["K1", "P1", "P2"], [2])
        assertOnly(audit(c, [row(D1, "09:00-10:00", "S1", "THESIS", "C1", ["K1", "P1", "P2"], president: "P2")]), .r8, ["P2"], [2])
    }

    func testPresidentDoesNotApplyToInvigilators() {
        let c = CampaignBuilder.csec().candidate("C1", exams: ["BC3"])
            .editExam("BC3") { $0.jury = JurySpec(size: 1, president: true) }
        assertClean(audit(c, [row(D1, "08:30-10:30", "W1", "BC3", "C1", ["K1"])]))
    }
}

final class R16Tests: XCTestCase {
    func testExamsListRestricts() {
        let b = CampaignBuilder.csec().editMember("P1") { $0.exams = ["BC2"] }.candidate("C1", exams: ["BC1"])
        assertOnly(audit(b, [row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"])]), .r16, ["P1"], [2])
        let c = CampaignBuilder.csec().editMember("P1") { $0.exams = ["BC2"] }.candidate("C1", exams: ["BC2"])
        assertClean(audit(c, [row(D1, "09:00-09:45", "S1", "BC2", "C1", ["P1", "P2"])]))
    }

    func testEmptyListFollowsRole() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["FINAL"]).candidate("C2", exams: ["BC4"])
        let a = audit(b, [
            row(D1, "09:00-09:30", "S1", "FINAL", "C1", ["K1", "P1", "P2"], president: "P1"),
            row(D1, "09:00-09:30", "S2", "BC4", "C2", ["P3", "P4"]),
        ])
        assertClean(a)
    }

    func testListedExamOutsideTheRoleKeepsR16ButNotR6() {
        let b = CampaignBuilder.csec().editMember("K1") { $0.exams = ["BC1"] }.candidate("C1", exams: ["BC1"])
        let a = audit(b, [row(D1, "09:00-09:45", "S1", "BC1", "C1", ["K1", "P1"])])
        assertBroken(a, [.r6])
    }

    func testQualificationDoesNotApplyToInvigilators() {
        let b = CampaignBuilder.csec().editMember("P1") { $0.exams = ["BC1"] }.candidate("C1", exams: ["BC3"])
        assertClean(audit(b, [row(D1, "08:30-10:30", "W1", "BC3", "C1", ["P1"])]))
    }

    func testExamsListThroughAliases() {
        let b = CampaignBuilder.cpas().editMember("P1") { $0.exams = ["BC3"] }.editMember("P2") { $0.exams = ["BC4"] }
            .candidate("C1", exams: ["B3"])
        assertOnly(audit(b, [row(D1, "09:00-09:30", "S1", "B3", "C1", ["P1", "P2"])]), .r16, ["P2"], [2])
        assertClean(audit(b, [row(D1, "09:00-09:30", "S1", "B3", "C1", ["P1", "P3"])]))
    }
}

final class R18Tests: XCTestCase {
    func testImposedMemberOnTheJuryKeepsR18() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"], jury: ["P3"])
        assertClean(audit(b, [row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P3"])]))
    }

    func testImposedMemberMissingBreaksR18() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"], jury: ["P3"])
        assertOnly(audit(b, [row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"])]), .r18, ["C1", "P3"], [2])
    }

    func testImposedMembersDoNotApplyToInvigilation() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC3"], jury: ["P3"])
        assertClean(audit(b, [row(D1, "08:30-10:30", "W1", "BC3", "C1", ["K1"])]))
    }

    func testImposedMemberOfOneCandidateInAGroupSitting() {
        let b = CampaignBuilder.cpas()
            .candidate("C1", exams: ["B4"], group: "G1", jury: ["P3"])
            .candidate("C2", exams: ["B4"], group: "G1")
        assertOnly(audit(b, [
            row(D1, "09:00-10:00", "BIG", "B4", "C1", ["P1", "P2"]),
            row(D1, "09:00-10:00", "BIG", "B4", "C2", ["P1", "P2"]),
        ]), .r18, ["C1", "P3"], [2])
        assertClean(audit(b, [
            row(D1, "09:00-10:00", "BIG", "B4", "C1", ["P1", "P3"]),
            row(D1, "09:00-10:00", "BIG", "B4", "C2", ["P1", "P3"]),
        ]))
    }

    /// A custom exam whose jury is exactly the candidate's imposed members.
    static func imposedExam() -> CampaignBuilder {
        CampaignBuilder.csec()
            .exam(Exam(id: "DEF", name: "Defence", mode: .oral, minutes: 30,
                       jury: JurySpec(size: 3, roles: [.certifier: 1, .professional: 2], imposed: true), needs: ["projector"]))
    }

    func testImposedJuryIsExactlyTheImposedMembers() {
        let b = Self.imposedExam().candidate("C1", exams: ["DEF"], jury: ["P1", "P2"])
        // Two members where the exam says 3, no certifier: R5 counts the imposed, R6 does not apply.
        assertClean(audit(b, [row(D1, "09:00-09:30", "S1", "DEF", "C1", ["P1", "P2"])]))
        assertClean(audit(b, [row(D1, "09:00-09:30", "S1", "DEF", "C1", ["P2", "P1"])]))
    }

    func testImposedJuryOfAnySize() {
        let b = Self.imposedExam().candidate("C1", exams: ["DEF"], jury: ["P1", "P2", "P3", "P4"])
        assertClean(audit(b, [row(D1, "09:00-09:30", "S1", "DEF", "C1", ["P1", "P2", "P3", "P4"])]))
    }

    func testExtraMemberOnAnImposedJury() {
        let b = Self.imposedExam().candidate("C1", exams: ["DEF"], jury: ["P1", "P2"])
        let a = audit(b, [row(D1, "09:00-09:30", "S1", "DEF", "C1", ["P1", "P2", "K1"])])
        assertBroken(a, [.r5, .r18])
        assertBreaches(a, .r5, [Expect(["P1", "P2", "K1"], [2])])
        assertBreaches(a, .r18, [Expect(["K1"], [2])])
    }

    func testMissingMemberOfAnImposedJury() {
        let b = Self.imposedExam().candidate("C1", exams: ["DEF"], jury: ["P1", "P2"])
        let a = audit(b, [row(D1, "09:00-09:30", "S1", "DEF", "C1", ["P1"])])
        assertBroken(a, [.r5, .r18])
        assertBreaches(a, .r5, [Expect(["P1"], [2])])
        assertBreaches(a, .r18, [Expect(["C1", "P2"], [2])])
    }

    func testNoImposedMemberOnAnImposedExamGetsTheNormalJury() {
        let b = Self.imposedExam().candidate("C2", exams: ["DEF"])
        assertClean(audit(b, [row(D1, "09:00-09:30", "S1", "DEF", "C2", ["K1", "P1", "P2"])]))
        let a = audit(b, [row(D1, "09:00-09:30", "S1", "DEF", "C2", ["P1", "P2"])])
        assertBroken(a, [.r5, .r6])
        assertBreaches(a, .r5, [Expect(["P1", "P2"], [2])])
        assertBreaches(a, .r6, [Expect(["P1", "P2"], [2])])
    }
}
