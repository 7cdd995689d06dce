import XCTest
@testable import JuryPlanCore

/// R9, R10, R11, R15: availability, conflicts of interest, rooms, regions.
final class R9Tests: XCTestCase {
    func withP1(available: [String]) -> CampaignBuilder {
        CampaignBuilder.csec().editMember("P1") { $0.available = available.map { token($0) } }.candidate("C1", exams: ["BC1"])
    }

    func bc1(_ date: String, _ time: String, room: String = "S1") -> [ScheduleRow] {
        [row(date, time, room, "BC1", "C1", ["P1", "P2"])]
    }

    func testEmptyAvailableMeansEveryDay() {
        let b = withP1(available: [])
        assertClean(audit(b, bc1(D1, "08:30-09:15")))
        assertClean(audit(b, bc1(D2, "16:45-17:30")))
    }

    func testDateToken() {
        let b = withP1(available: [D1])
        assertClean(audit(b, bc1(D1, "09:00-09:45")))
        assertClean(audit(b, bc1(D1, "16:00-16:45")))
        assertOnly(audit(b, bc1(D2, "09:00-09:45")), .r9, ["P1"], [2])
    }

    func testFrenchDateToken() {
        let b = withP1(available: ["15/06/2027"])
        assertClean(audit(b, bc1(D2, "09:00-09:45")))
        assertOnly(audit(b, bc1(D1, "09:00-09:45")), .r9, ["P1"], [2])
    }

    func testMorningToken() {
        let b = withP1(available: ["2027-06-14 AM"])
        assertClean(audit(b, bc1(D1, "08:30-09:15")))
        assertClean(audit(b, bc1(D1, "11:45-12:30")))
        assertOnly(audit(b, bc1(D1, "14:00-14:45")), .r9, ["P1"], [2])
        assertOnly(audit(b, bc1(D2, "09:00-09:45")), .r9, ["P1"], [2])
    }

    func testAfternoonToken() {
        let b = withP1(available: ["2027-06-14 PM"])
        assertClean(audit(b, bc1(D1, "14:00-14:45")))
        assertOnly(audit(b, bc1(D1, "09:00-09:45")), .r9, ["P1"], [2])
    }

    func testHalfDaysFollowTheCampaignHours() {
        let b = withP1(available: ["2027-06-14 AM"]).set {
            $0.hours = SessionHours(morning: span("08:00-12:00"), afternoon: span("13:00-17:00"))
        }
        assertClean(audit(b, bc1(D1, "08:00-08:45")))
        assertOnly(audit(b, bc1(D1, "13:00-13:45")), .r9, ["P1"], [2])
    }

    func testTimeRangeToken() {
        let b = withP1(available: ["2027-06-14 09:00-10:00"])
        assertClean(audit(b, bc1(D1, "09:00-09:45")))
        assertClean(audit(b, bc1(D1, "09:15-10:00")))
        assertOnly(audit(b, bc1(D1, "09:30-10:15")), .r9, ["P1"], [2])
        assertOnly(audit(b, bc1(D1, "08:30-09:15")), .r9, ["P1"], [2])
    }

    func testUnionOfAdjacentTokensCoversASitting() {
        let b = withP1(available: ["2027-06-14 09:00-10:00", "2027-06-14 10:00-11:00"])
        assertClean(audit(b, bc1(D1, "09:30-10:15")))
        let overlapping = withP1(available: ["2027-06-14 09:00-10:00", "2027-06-14 09:30-10:30"])
        assertClean(audit(overlapping, bc1(D1, "09:40-10:25")))
        let gap = withP1(available: ["2027-06-14 09:00-10:00", "2027-06-14 10:05-11:00"])
        assertOnly(audit(gap, bc1(D1, "09:30-10:15")), .r9, ["P1"], [2])
        // A range that starts inside another one.
        let three = withP1(available: ["2027-06-14 13:30-14:00", "2027-06-14 PM", "2027-06-14 17:00-17:30"])
        assertClean(audit(three, bc1(D1, "16:45-17:30")))
    }

    func testTokenOutsideTheSessionNeverOpensASitting() {
        let b = withP1(available: ["2027-06-16"])
        // The day is not a session day: R17; P1's token covers it, so R9 says nothing more.
        assertOnly(audit(b, bc1("2027-06-16", "09:00-09:45")), .r17, ["C1"], [2])
        assertOnly(audit(b, bc1(D1, "09:00-09:45")), .r9, ["P1"], [2])
        let c = CampaignBuilder.csec().candidate("C1", exams: ["BC1"], unavailable: ["2027-06-16"])
        assertClean(audit(c, bc1(D1, "09:00-09:45")))
    }

    func testRoomAvailability() {
        let b = CampaignBuilder.csec().room("S1", available: ["2027-06-14 PM"]).candidate("C1", exams: ["BC1"])
        assertOnly(audit(b, bc1(D1, "09:00-09:45")), .r9, ["S1"], [2])
        assertClean(audit(b, bc1(D1, "14:00-14:45")))
        assertOnly(audit(b, bc1(D2, "14:00-14:45")), .r9, ["S1"], [2])
        // An unknown room is R11's business, not R9's.
        assertOnly(audit(b, bc1(D1, "09:00-09:45", room: "Z1")), .r11, ["Z1"], [2])
    }

    func testCandidateUnavailable() {
        func with(_ tokens: [String]) -> CampaignBuilder {
            CampaignBuilder.csec().candidate("C1", exams: ["BC1"], unavailable: tokens)
        }
        assertOnly(audit(with(["2027-06-14 AM"]), bc1(D1, "09:00-09:45")), .r9, ["C1"], [2])
        assertClean(audit(with(["2027-06-14 AM"]), bc1(D1, "14:00-14:45")))
        assertOnly(audit(with([D1]), bc1(D1, "16:00-16:45")), .r9, ["C1"], [2])
        assertClean(audit(with([D2]), bc1(D1, "09:00-09:45")))
        // A range meets the sitting if it overlaps it at all.
        assertOnly(audit(with(["2027-06-14 09:40-10:00"]), bc1(D1, "09:00-09:45")), .r9, ["C1"], [2])
        assertClean(audit(with(["2027-06-14 09:45-10:00"]), bc1(D1, "09:00-09:45")))
        assertClean(audit(with(["2027-06-14 08:00-09:00"]), bc1(D1, "09:00-09:45")))
    }

    func testInvigilatorAvailabilityCoversTheWholeWrittenSitting() {
        let b = CampaignBuilder.csec()
            .editMember("P3") { $0.available = [token("2027-06-14 08:30-10:30")] }
            .candidate("C1", exams: ["BC3"]).candidate("C2", exams: ["BC3"], extraTime: true)
        assertOnly(audit(b, [
            row(D1, "08:30-10:30", "W1", "BC3", "C1", ["P3"]),
            row(D1, "08:30-11:10", "W1", "BC3", "C2", ["P3"]),
        ]), .r9, ["P3"], [2, 3])
        let alone = CampaignBuilder.csec()
            .editMember("P3") { $0.available = [token("2027-06-14 08:30-10:30")] }
            .candidate("C1", exams: ["BC3"])
        assertClean(audit(alone, [row(D1, "08:30-10:30", "W1", "BC3", "C1", ["P3"])]))
    }
}

final class R10Tests: XCTestCase {
    func campaign(candidateStructure: String, memberStructure: String) -> CampaignBuilder {
        CampaignBuilder.csec().editMember("P1") { $0.structure = memberStructure }
            .candidate("C1", exams: ["BC1"], structure: candidateStructure)
    }

    let bc1 = [row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"])]

    func testSameStructureIgnoringCaseAccentsAndSpaces() {
        assertOnly(audit(campaign(candidateStructure: "MSP  des Lilas", memberStructure: "msp des lilas"), bc1), .r10, ["C1", "P1"], [2])
        assertOnly(audit(campaign(candidateStructure: "Hôpital Nord", memberStructure: "hopital nord"), bc1), .r10, ["C1", "P1"], [2])
        assertOnly(audit(campaign(candidateStructure: "CPTS Sud", memberStructure: "CPTS Sud"), bc1), .r10, ["C1", "P1"], [2])
    }

    func testOtherStructuresKeepR10() {
        assertClean(audit(campaign(candidateStructure: "MSP des Lilas", memberStructure: "MSP des Roses"), bc1))
        assertClean(audit(campaign(candidateStructure: "Hôpital Nord", memberStructure: "Hôpital Sud"), bc1))
    }

    func testEmptyStructureNeverMatches() {
        assertClean(audit(campaign(candidateStructure: "", memberStructure: ""), bc1))
        assertClean(audit(campaign(candidateStructure: "  ", memberStructure: " "), bc1))
        assertClean(audit(campaign(candidateStructure: "MSP", memberStructure: ""), bc1))
    }

    func testTrainerBreaksR10() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"], trainers: ["P2"])
        assertOnly(audit(b, bc1), .r10, ["C1", "P2"], [2])
        let other = CampaignBuilder.csec().candidate("C1", exams: ["BC1"], trainers: ["P3"])
        assertClean(audit(other, bc1))
    }

    func testDeclaredConflictBreaksR10() {
        let b = CampaignBuilder.csec().editMember("P1") { $0.conflicts = ["C1"] }.candidate("C1", exams: ["BC1"])
        assertOnly(audit(b, bc1), .r10, ["C1", "P1"], [2])
        let other = CampaignBuilder.csec().editMember("P1") { $0.conflicts = ["C2"] }.candidate("C1", exams: ["BC1"])
        assertClean(audit(other, bc1))
    }

    func testInvigilatingOwnCandidateIsAllowed() {
        let b = CampaignBuilder.csec()
            .editMember("P3") { $0.structure = "msp des lilas"; $0.conflicts = ["C1"] }
            .candidate("C1", exams: ["BC3"], structure: "MSP des Lilas", trainers: ["P3"])
        assertClean(audit(b, [row(D1, "08:30-10:30", "W1", "BC3", "C1", ["P3"])]))
    }

    func testConflictInAGroupSittingConcernsThatCandidate() {
        let b = CampaignBuilder.cpas().editMember("P1") { $0.structure = "CPTS Est" }
            .candidate("C1", exams: ["B4"], structure: "cpts est", group: "G1")
            .candidate("C2", exams: ["B4"], structure: "CPTS Ouest", group: "G1")
        assertOnly(audit(b, [
            row(D1, "09:00-10:00", "BIG", "B4", "C1", ["P1", "P2"]),
            row(D1, "09:00-10:00", "BIG", "B4", "C2", ["P1", "P2"]),
        ]), .r10, ["C1", "P1"], [2])
    }

    func testEveryConflictIsReported() {
        let b = CampaignBuilder.csec().editMember("P1") { $0.conflicts = ["C1"] }
            .candidate("C1", exams: ["BC1"], trainers: ["P2"])
        let a = audit(b, bc1)
        assertBroken(a, [.r10])
        assertBreaches(a, .r10, [Expect(["C1", "P1"], [2]), Expect(["C1", "P2"], [2])])
    }
}

final class R11Tests: XCTestCase {
    func testMissingEquipmentBreaksR11() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"])
        assertOnly(audit(b, [row(D1, "09:00-09:45", "W1", "BC1", "C1", ["P1", "P2"])]), .r11, ["W1"], [2])
    }

    func testEquipmentComparesIgnoringCase() {
        let b = CampaignBuilder.csec().room("E1", equipment: ["visio", "Projector"]).candidate("C1", exams: ["BC1"])
        assertClean(audit(b, [row(D1, "09:00-09:45", "E1", "BC1", "C1", ["P1", "P2"])]))
    }

    func testWrittenExamNeedsNoProjector() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC3"])
        assertClean(audit(b, [row(D1, "08:30-10:30", "W1", "BC3", "C1", ["K1"])]))
    }

    func testAccessibleCandidateInNonAccessibleRoomBreaksR11() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"], accessible: true)
        assertOnly(audit(b, [row(D1, "09:00-09:45", "N1", "BC1", "C1", ["P1", "P2"])]), .r11, ["C1", "N1"], [2])
        assertClean(audit(b, [row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"])]))
        // A candidate who needs no step-free access may sit in N1.
        let c = CampaignBuilder.csec().candidate("C1", exams: ["BC1"])
        assertClean(audit(c, [row(D1, "09:00-09:45", "N1", "BC1", "C1", ["P1", "P2"])]))
    }

    func testAccessibleCandidateInNonAccessibleWrittenRoomBreaksR11() {
        let b = CampaignBuilder.csec().room("WN", capacity: 3, accessible: false, equipment: [])
            .candidate("C1", exams: ["BC3"], accessible: true)
            .candidate("C2", exams: ["BC3"])
        assertOnly(audit(b, [
            row(D1, "08:30-10:30", "WN", "BC3", "C1", ["K1"]),
            row(D1, "08:30-10:30", "WN", "BC3", "C2", ["K1"]),
        ]), .r11, ["C1", "WN"], [2])
    }

    func testUnknownRoomBreaksR11() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"])
        assertOnly(audit(b, [row(D1, "09:00-09:45", "Z1", "BC1", "C1", ["P1", "P2"])]), .r11, ["Z1"], [2])
    }

    func testSiteCellMismatchIsOnlyAWarning() {
        let b = CampaignBuilder.csec().candidate("C1", exams: ["BC1"])
        let a = audit(b, [row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"], site: "Annexe")])
        assertClean(a)
        XCTAssertEqual(a.warnings.count, 1)
        XCTAssertTrue(a.warnings[0].contains("Annexe") && a.warnings[0].contains("Campus"), a.warnings[0])
        let same = audit(b, [row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"], site: "campus")])
        XCTAssertEqual(same.warnings, [])
    }
}

final class R15Tests: XCTestCase {
    /// PACTE: P1 examines anywhere, P2 in Bretagne, P3 in Normandie; rooms RB (Bretagne) and RN (Normandie).
    static func pacte(candidateRegion: String = "Bretagne") -> CampaignBuilder {
        CampaignBuilder(.pacte)
            .professional("P1", canPreside: true)
            .professional("P2", regions: ["Bretagne"])
            .professional("P3", canPreside: true, regions: ["Normandie"])
            .certifier("K1")
            .room("RB", site: "Rennes", region: "Bretagne")
            .room("RN", site: "Caen", region: "Normandie")
            .candidate("C1", exams: ["THESIS"], region: candidateRegion)
    }

    func thesis(room: String = "RB", jury: [String] = ["K1", "P1", "P2"]) -> [ScheduleRow] {
        [row(D1, "09:00-10:00", room, "THESIS", "C1", jury, president: "P1")]
    }

    func testSameRegionKeepsR15() {
        assertClean(audit(Self.pacte(), thesis()))
    }

    func testRoomInAnotherRegionBreaksR15() {
        assertOnly(audit(Self.pacte(), thesis(room: "RN")), .r15, ["C1", "RN"], [2])
    }

    func testMemberWhoDoesNotExamineThereBreaksR15() {
        assertOnly(audit(Self.pacte(), thesis(jury: ["K1", "P1", "P3"])), .r15, ["C1", "P3"], [2])
    }

    func testEmptyRegionsExamineAnywhere() {
        let b = Self.pacte(candidateRegion: "Normandie")
        assertOnly(audit(b, thesis(room: "RN")), .r15, ["C1", "P2"], [2])
        assertClean(audit(b, thesis(room: "RN", jury: ["K1", "P1", "P3"])))
    }

    func testRegionsCompareIgnoringCaseAndAccents() {
        let b = Self.pacte(candidateRegion: "Île-de-France")
            .room("RB", region: "ile-de-france")
            .editMember("P2") { $0.regions = ["Occitanie", "ÎLE-DE-FRANCE"] }
        assertClean(audit(b, thesis()))
        let c = Self.pacte(candidateRegion: "Provence-Alpes-Côte d'Azur").room("RB", region: "provence-alpes-cote d'azur")
            .editMember("P2") { $0.regions = ["Provence-Alpes-Cote  d'Azur"] }
        assertClean(audit(c, thesis()))
    }

    func testInterviewIsRegionalToo() {
        let b = CampaignBuilder(.pacte).professional("P2", regions: ["Bretagne"]).professional("P3", regions: ["Normandie"])
            .certifier("K1").room("RB", region: "Bretagne").room("RN", region: "Normandie")
            .candidate("C1", exams: ["INTERVIEW"], region: "Bretagne")
        assertClean(audit(b, [row(D1, "09:00-09:30", "RB", "INTERVIEW", "C1", ["K1", "P2"])]))
        let a = audit(b, [row(D1, "09:00-09:30", "RN", "INTERVIEW", "C1", ["K1", "P3"])])
        assertBroken(a, [.r15])
        assertBreaches(a, .r15, [Expect(["C1", "RN"], [2]), Expect(["C1", "P3"], [2])])
    }

    func testNonRegionalExamIgnoresRegions() {
        let b = CampaignBuilder.csec().room("S1", region: "Normandie").editMember("P1") { $0.regions = ["Normandie"] }
            .candidate("C1", exams: ["BC1"], region: "Bretagne")
        assertClean(audit(b, [row(D1, "09:00-09:45", "S1", "BC1", "C1", ["P1", "P2"])]))
    }
}
