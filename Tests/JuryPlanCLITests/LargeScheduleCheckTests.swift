import Foundation
import XCTest
@testable import JuryPlanCLI

/// Issue 16: `check` on a schedule whose rows are repeated many times reported every clashing
/// pair, so its time and output grew with the square of the rows (1.3 million breaches and 36 s
/// at 11,000 rows). A person's or room's clashes of one day are now listed up to a limit, then
/// counted in one summary breach.
final class LargeScheduleCheckTests: TemporaryFolderTestCase {
    private struct Report: Decodable {
        struct Breach: Decodable { var rule: String; var message: String; var date: String?; var people: [String] }
        var rows: Int
        var breaches: [Breach]
        var counts: [String: Int]
    }

    /// csec-demo with its schedule's rows written `copies` times.
    private func repeatedSchedule(copies: Int) throws -> URL {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures/csec-demo")
        let folder = scratch.appendingPathComponent("repeated-\(copies)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in ["campaign.yaml", "candidates.csv", "jury.csv", "rooms.csv"] {
            try Data(contentsOf: fixture.appendingPathComponent(file).resolvingSymlinksInPath()).write(to: folder.appendingPathComponent(file))
        }
        var lines = try String(contentsOf: fixture.appendingPathComponent("schedule.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let header = lines.removeFirst()
        let body = Array(repeating: lines, count: copies).flatMap { $0 }
        try Data(([header] + body).joined(separator: "\n").appending("\n").utf8).write(to: folder.appendingPathComponent("schedule.csv"))
        return folder
    }

    private func check(_ folder: URL) throws -> Report {
        let result = juryplan(["check", "--campaign", folder.path, "--format", "json"])
        XCTAssertEqual(result.code, 1, result.err)
        return try JSONDecoder().decode(Report.self, from: Data(result.out.utf8))
    }

    func testTwoCopiesListEveryClash() throws {
        // Each sitting clashes with its copy only: every pair is listed, none summarised.
        let report = try check(try repeatedSchedule(copies: 2))
        XCTAssertFalse(report.breaches.contains { $0.message.contains("more pairs") })
        let r2 = report.breaches.filter { $0.rule == "R2" }
        XCTAssertEqual(r2.count, report.rows / 2, "one R2 breach per row and its copy")
    }

    func testManyCopiesAreSummarisedPerPersonAndDay() throws {
        let copies = 40
        let report = try check(try repeatedSchedule(copies: copies))
        XCTAssertGreaterThan(report.rows, 6_000)
        // A candidate with three rows a day has 120 here: 7,140 clashing pairs, 50 listed + 1 summary.
        let r2 = report.breaches.filter { $0.rule == "R2" }
        var perCandidateDay: [String: Int] = [:]
        for b in r2 { perCandidateDay[b.people.joined() + (b.date ?? ""), default: 0] += 1 }
        XCTAssertLessThanOrEqual(perCandidateDay.values.max() ?? 0, 51)
        XCTAssertTrue(r2.contains { $0.message.contains("more pairs of sittings at once") })
        XCTAssertTrue(report.breaches.contains { $0.rule == "R3" && $0.message.contains("more pairs of sittings") })
        XCTAssertTrue(report.breaches.contains { $0.rule == "R4" && $0.message.contains("more pairs of sittings") })
        XCTAssertLessThan(report.breaches.count, 20_000, "breaches grow with the rows, not with their square")
    }
}
