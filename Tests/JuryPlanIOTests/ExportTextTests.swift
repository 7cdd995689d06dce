import Foundation
import XCTest
import JuryPlanCore
@testable import JuryPlanIO

/// The small pieces every export relies on: iCalendar text, CSV formula guard, file names, stamps.
final class ExportTextTests: XCTestCase {
    func testICSEscapesBackslashSemicolonCommaAndLineBreaks() {
        XCTAssertEqual(ICSText.escape("a\\b;c,d\ne\r\nf\rg"), "a\\\\b\\;c\\,d\\ne\\nf\\ng")
        XCTAssertEqual(ICSText.escape("tab\there\u{7}bell"), "tab herebell")
        XCTAssertEqual(ICSText.escape("Noe\u{308}l 😀 \"q\" :"), "Noe\u{308}l 😀 \"q\" :")
    }

    func testICSFoldsAt75OctetsWithoutSplittingAUTF8Sequence() {
        for text in [String(repeating: "a", count: 200), String(repeating: "é", count: 120), String(repeating: "😀", count: 60),
                     "DESCRIPTION:" + String(repeating: "Noe\u{308}l ", count: 30)] {
            let folded = ICSText.fold(text)
            // Physical lines as bytes: each at most 75 octets and valid UTF-8 on its own.
            var lines: [[UInt8]] = [[]]
            for b in folded.utf8 {
                if b == 10, lines[lines.count - 1].last == 13 { lines[lines.count - 1].removeLast(); lines.append([]) } else { lines[lines.count - 1].append(b) }
            }
            XCTAssertGreaterThan(lines.count, 1)
            for (i, line) in lines.enumerated() {
                XCTAssertLessThanOrEqual(line.count, 75)
                XCTAssertNotNil(String(bytes: line, encoding: .utf8), "line \(i) cuts a UTF-8 sequence")
                if i > 0 { XCTAssertEqual(line.first, 0x20) }
                // Full lines are used: only the last may be shorter than 75 less one character.
                if i < lines.count - 1 { XCTAssertGreaterThanOrEqual(line.count, 72, "line \(i)") }
            }
            // Unfolding (RFC 5545 §3.1) gives the text back, and a letter keeps its accent.
            let unfolded = lines.enumerated().map { $0.offset == 0 ? $0.element : Array($0.element.dropFirst()) }.joined()
            XCTAssertEqual(String(decoding: Array(unfolded), as: UTF8.self), text)
            XCTAssertFalse(lines.contains { $0.starts(with: [0x20, 0xCC, 0x88]) }, "a combining accent starts a line")
        }
        XCTAssertEqual(ICSText.fold(String(repeating: "b", count: 75)), String(repeating: "b", count: 75))
    }

    func testFormulaGuardNeutralisesEveryTrigger() {
        for cell in ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1)", "\t=1", "\r=1", " =1", "=HYPERLINK(\"http://x\",\"y\")"] {
            XCTAssertEqual(FormulaGuard.neutralise(cell), "'" + cell, cell)
        }
        for cell in ["", "Dupont", "2027-06-14", "08:30", "0.67", "J01|J02", "a=b", "Léa", "'quoted", " plain"] {
            XCTAssertEqual(FormulaGuard.neutralise(cell), cell, cell)
        }
    }

    func testFileNamesAreSafeAndDistinct() {
        let names = ExportFileNames.names(for: ["J01", "../etc/passwd", "a b", "a_b", "A_B", "", "Zoé"])
        XCTAssertEqual(names["J01"], "J01")
        XCTAssertEqual(names["../etc/passwd"], "___etc_passwd")
        XCTAssertEqual(names["a b"], "a_b")
        XCTAssertEqual(names["a_b"], "a_b-2")
        XCTAssertEqual(names["A_B"], "A_B-3")
        XCTAssertEqual(names[""], "_")
        XCTAssertEqual(names["Zoé"], "Zo_")
        XCTAssertEqual(Set(names.values.map { $0.lowercased() }).count, names.count)
    }

    func testUTCStampsAreComputedWithoutTheSystemCalendar() {
        XCTAssertEqual(UTCStamp.iso(Date(timeIntervalSince1970: 0)), "1970-01-01T00:00:00Z")
        XCTAssertEqual(UTCStamp.iso(Date(timeIntervalSince1970: 1_812_345_678)), "2027-06-07T05:21:18Z")
        XCTAssertEqual(UTCStamp.ical(Date(timeIntervalSince1970: 951_782_400)), "20000229T000000Z")
        let day = Day(year: 2027, month: 6, day: 14)!
        XCTAssertEqual(UTCStamp.civil(day.ordinal), day)
    }

    func testParisTimeZoneHasTheEURules() {
        let lines = ICSTimeZone.component(for: "Europe/Paris", days: [Day(year: 2027, month: 6, day: 14)!])
        XCTAssertEqual(lines.first, "BEGIN:VTIMEZONE")
        XCTAssertTrue(lines.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"))
        XCTAssertTrue(lines.contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"))
        // Another zone: dated transitions around the session, from the system's zone data.
        let ny = ICSTimeZone.component(for: "America/New_York", days: [Day(year: 2027, month: 6, day: 14)!])
        XCTAssertTrue(ny.contains("DTSTART:20270314T020000"), "\(ny)")
        XCTAssertTrue(ny.contains("DTSTART:20271107T020000"), "\(ny)")
        let tokyo = ICSTimeZone.component(for: "Asia/Tokyo", days: [Day(year: 2027, month: 6, day: 14)!])
        XCTAssertTrue(tokyo.contains("TZOFFSETTO:+0900"))
    }
}
