import Foundation
import XCTest
import JuryPlanCore
import JuryPlanIO
@testable import JuryPlanCLI

/// `replan --absent` on real stores: the busiest member absent on their busiest day; the repair
/// is lawful with the absence, the member is gone that day, and every other sitting is unchanged.
final class ReplanCommandTests: TemporaryFolderTestCase {
    private func run(_ arguments: [String], _ folder: URL, expect code: Int32 = 0, file: StaticString = #filePath, line: UInt = #line) -> RunResult {
        let result = juryplan(arguments + ["--campaign", folder.path])
        XCTAssertEqual(result.code, code, "\(arguments): \(result.out)\n\(result.err)", file: file, line: line)
        return result
    }

    private func stored(_ folder: URL, _ number: Int) throws -> Schedule {
        let store = try CampaignStore.open(folder, create: false)
        defer { store.close() }
        return try store.schedule(of: PlanNumber(number))
    }

    /// The member with the most sittings on one day, and that day.
    private func busiest(_ schedule: Schedule) throws -> (String, Day) {
        var count: [String: Int] = [:]
        for row in schedule.rows { for m in Set(row.jury) { count["\(m)@\(row.day.iso)", default: 0] += 1 } }
        let top = try XCTUnwrap(count.max { ($0.value, $1.key) < ($1.value, $0.key) }).key.split(separator: "@")
        return (String(top[0]), try XCTUnwrap(Day(parsing: String(top[1]))))
    }

    private func assertRepaired(_ folder: URL, absent who: String, on day: Day, keepsOthers: Bool, file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try stored(folder, 1), after = try stored(folder, 2)
        let campaign = try CampaignLoader.load(folder).campaign.with([Absence(id: who, day: day)])
        let audit = RuleCatalogue.audit(after, against: campaign)
        XCTAssertTrue(audit.isClean, "\(audit.breaches.prefix(3))", file: file, line: line)
        XCTAssertFalse(after.rows.contains { $0.day == day && $0.jury.contains(who) }, "\(who) still sits on \(day.iso)", file: file, line: line)
        XCTAssertEqual(after.rows.count, before.rows.count, file: file, line: line)
        guard keepsOthers else { return }
        func key(_ r: ScheduleRow) -> String { "\(r.candidateID)|\(r.exam)" }
        let later = Dictionary(uniqueKeysWithValues: after.rows.map { (key($0), $0) })
        for row in before.rows where !(row.day == day && row.jury.contains(who)) {
            let now = try XCTUnwrap(later[key(row)], file: file, line: line)
            XCTAssertEqual([now.day.iso, Clock.format(now.time.start), now.room, now.jury.joined(separator: "|")],
                           [row.day.iso, Clock.format(row.time.start), row.room, row.jury.joined(separator: "|")],
                           "\(key(row)) changed although the absence did not touch it", file: file, line: line)
        }
    }

    func testReplanReplacesTheBusiestMemberOfAPooledSession() throws {
        let folder = scratch.appendingPathComponent("csec")
        XCTAssertEqual(juryplan(["generate", "--preset", "csec", "--candidates", "30", "--seed", "3", folder.path]).code, 0)
        run(["plan"], folder)
        run(["replan", "--absent", "J0001@2027-06-07"], folder, expect: 2)  // nothing published yet
        run(["publish", "1"], folder)
        let (who, day) = try busiest(try stored(folder, 1))
        let result = run(["replan", "--absent", "\(who)@\(day.iso)"], folder)
        XCTAssertTrue(result.out.contains("Stored as plan 2"), result.out)
        XCTAssertTrue(result.out.contains("people to tell"), result.out)
        try assertRepaired(folder, absent: who, on: day, keepsOthers: true)
        XCTAssertEqual(run(["check", "--plan", "2"], folder).code, 0)

        run(["replan", "--absent", "NOBODY@\(day.iso)"], folder, expect: 2)
        run(["replan", "--absent", "\(who)@2031-01-01"], folder, expect: 2)
        run(["replan", "--absent", "\(who) on \(day.iso)"], folder, expect: 2)
        // A candidate who cannot come that day: a pooled sitting is not moved by replan.
        let candidate = try XCTUnwrap(try stored(folder, 1).rows.first { $0.day == day }?.candidateID)
        let refused = run(["replan", "--absent", "\(candidate)@\(day.iso)"], folder, expect: 1)
        XCTAssertTrue(refused.err.contains("nothing was stored") && refused.err.contains(candidate), refused.err)
        let store = try CampaignStore.open(folder, create: false)
        defer { store.close() }
        XCTAssertEqual(try store.plans().count, 2)
    }

    func testReplanMovesTheDefencesOfAnAbsentCommitteeMember() throws {
        let folder = scratch.appendingPathComponent("defences")
        XCTAssertEqual(juryplan(["generate", "--shape", "master-defences", "--candidates", "30", "--seed", "2", folder.path]).code, 0)
        run(["plan"], folder)
        run(["publish"], folder)
        let (who, day) = try busiest(try stored(folder, 1))
        // Generated staff come only around their own defences: nowhere to move them to.
        let stuck = run(["replan", "--absent", "\(who)@\(day.iso)"], folder, expect: 1)
        XCTAssertTrue(stuck.err.contains("DEFENCE of") && stuck.err.contains(who) && stuck.err.contains("(R9)"), stuck.err)
        // Once everyone can also come on the session's other day, the defences move there.
        let campaign = try CampaignLoader.load(folder).campaign
        let other = try XCTUnwrap(campaign.days.first { $0 != day })
        let jury = folder.appendingPathComponent("jury.csv")
        var lines = try XCTUnwrap(String(data: Data(contentsOf: jury), encoding: .utf8)).components(separatedBy: "\n")
        let available = try XCTUnwrap(lines[0].components(separatedBy: ",").firstIndex(of: "available"))
        for i in lines.indices.dropFirst() where !lines[i].isEmpty {
            var cells = lines[i].components(separatedBy: ",")
            cells[available] += (cells[available].isEmpty ? "" : "|") + other.iso
            lines[i] = cells.joined(separator: ",")
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: jury)
        let moved = run(["replan", "--absent", "\(who)@\(day.iso)"], folder)
        XCTAssertTrue(moved.out.contains("Stored as plan 2"), moved.out)
        try assertRepaired(folder, absent: who, on: day, keepsOthers: false)
    }
}
