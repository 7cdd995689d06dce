import XCTest
@testable import JuryPlanCore

/// ScheduleDiff: which sittings changed and who must be told (issue 17, `juryplan diff`).
final class ScheduleDiffTests: XCTestCase {
    func row(_ candidate: String, _ exam: String, _ date: String, _ start: Int, room: String, jury: [String], president: String = "") -> ScheduleRow {
        ScheduleRow(day: Day(parsing: date)!, time: TimeRange(start: start, end: start + 30), room: room, exam: exam,
                    candidateID: candidate, jury: jury, president: president)
    }

    func testMovesRoomsJuriesAndThePeopleToTell() {
        let before = Schedule(rows: [
            row("C1", "BC4", "2027-06-14", 540, room: "S1", jury: ["M1", "M2"]),               // moves to the 15th
            row("C2", "BC4", "2027-06-14", 600, room: "S1", jury: ["M1", "M2"]),               // same time, other room
            row("C3", "BC5", "2027-06-14", 660, room: "S2", jury: ["M3", "M4"]),               // M4 replaced by M5
            row("C4", "BC5", "2027-06-14", 720, room: "S2", jury: ["M3", "M4"]),               // unchanged
            row("C5", "FINAL", "2027-06-14", 840, room: "S3", jury: ["M6", "M7", "M8"], president: "M7"),  // president changes
            row("C6", "BC5", "2027-06-14", 900, room: "S2", jury: ["M3", "M4"]),               // removed
        ])
        let after = Schedule(rows: [
            row("C1", "BC4", "2027-06-15", 540, room: "S1", jury: ["M1", "M2"]),
            row("C2", "BC4", "2027-06-14", 600, room: "S9", jury: ["M2", "M1"]),
            row("C3", "BC5", "2027-06-14", 660, room: "S2", jury: ["M3", "M5"]),
            row("C4", "BC5", "2027-06-14", 720, room: "S2", jury: ["M4", "M3"]),
            row("C5", "FINAL", "2027-06-14", 840, room: "S3", jury: ["M6", "M7", "M8"], president: "M6"),
            row("C7", "BC4", "2027-06-16", 540, room: "S1", jury: ["M1", "M9"]),               // added
        ])
        let diff = ScheduleDiff(from: before, to: after)
        XCTAssertEqual(diff.unchangedCount, 1)
        XCTAssertEqual(diff.entries.map(\.candidateID), ["C1", "C2", "C3", "C5", "C6", "C7"])
        XCTAssertEqual(diff.entries.map(\.changes), [[.moved], [.room], [.jury], [.jury], [.removed], [.added]])
        XCTAssertEqual(diff.count(.moved), 1)
        XCTAssertEqual(diff.count(.jury), 2)

        let told = diff.notices.map { "\($0.isCandidate ? "c" : "m"):\($0.personID):\($0.action.rawValue)" }
        XCTAssertEqual(told, [
            "c:C1:moved", "c:C2:moved", "c:C6:cancelled", "c:C7:sits",
            "m:M1:moved", "m:M1:moved", "m:M1:joins", "m:M2:moved", "m:M2:moved",
            "m:M3:leaves", "m:M4:leaves", "m:M4:leaves", "m:M5:joins",
            "m:M6:presides", "m:M7:stops presiding", "m:M9:joins",
        ])
        // C3 and C5 are not told: a jury change leaves their date, time and room as they were.
        XCTAssertFalse(diff.people.contains { $0.isCandidate && ["C3", "C5"].contains($0.id) })
        XCTAssertEqual(diff.people.count, 4 + 8)
        // M3 stays on C3's jury and is told of C6's cancellation only; M8 is never told.
        XCTAssertFalse(diff.people.contains { $0.id == "M8" })
    }

    func testAliasesCompareAsTheirExam() {
        let before = Schedule(rows: [row("C1", "BC4", "2027-06-14", 540, room: "S1", jury: ["M1", "M2"])])
        let after = Schedule(rows: [row("C1", "B4", "2027-06-14", 540, room: "S1", jury: ["M1", "M2"])])
        XCTAssertEqual(ScheduleDiff(from: before, to: after, canonical: { $0 == "BC4" ? "B4" : $0 }).entries.count, 0)
        XCTAssertEqual(ScheduleDiff(from: before, to: after).entries.count, 2, "without the alias: one removed, one added")
    }
}
