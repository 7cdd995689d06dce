import Foundation
import XCTest
import JuryPlanCore
import JuryPlanIO
@testable import JuryPlanCLI

/// `generate --preset P --tight` through the command line: the campaign and a witness that
/// `check` passes, the witness's objective in the message, and the same files for the same seed.
final class GenerateCommandTests: TemporaryFolderTestCase {
    func testTightPresetWritesAWitnessThatChecks() throws {
        let folder = scratch.appendingPathComponent("tight")
        let generated = juryplan(["generate", "--preset", "pacte", "--tight", "--candidates", "12", "--seed", "3", folder.path])
        XCTAssertEqual(generated.code, 0, generated.err)
        XCTAssertTrue(generated.out.contains("members scarce, with a lawful witness.csv (objective "), generated.out)
        let witness = folder.appendingPathComponent("witness.csv")
        let checked = juryplan(["check", witness.path, "--campaign", folder.path])
        XCTAssertEqual(checked.code, 0, checked.out + checked.err)

        let again = scratch.appendingPathComponent("again")
        XCTAssertEqual(juryplan(["generate", "--preset", "pacte", "--tight", "--candidates", "12", "--seed", "3", again.path]).code, 0)
        for file in ["jury.csv", "rooms.csv", "witness.csv"] {
            XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent(file)), try Data(contentsOf: again.appendingPathComponent(file)), file)
        }
        XCTAssertEqual(juryplan(["generate", "--shape", "master-defences", "--tight", "--candidates", "5", scratch.appendingPathComponent("x").path]).code, 2,
                       "--tight goes with --preset")
    }

    /// `--exact-hours`: each member the witness convenes is available in the ranges of their
    /// witness sittings and nothing else, read back from the written jury.csv; the others are
    /// never convened; the witness still checks.
    func testExactHoursGiveEachMemberTheirWitnessRangesOnly() throws {
        let folder = scratch.appendingPathComponent("exact")
        let generated = juryplan(["generate", "--preset", "csec", "--tight", "--exact-hours", "--candidates", "10", "--seed", "4", "--days", "3", folder.path])
        XCTAssertEqual(generated.code, 0, generated.err)
        XCTAssertTrue(generated.out.contains("members scarce (exact hours), with a lawful witness.csv"), generated.out)
        let checked = juryplan(["check", folder.appendingPathComponent("witness.csv").path, "--campaign", folder.path])
        XCTAssertEqual(checked.code, 0, checked.out + checked.err)
        let campaign = try CampaignLoader.load(folder).campaign
        let (witness, _) = try ScheduleCSV.read(contentsOf: folder.appendingPathComponent("witness.csv"))
        var ranges: [String: Set<String>] = [:]
        for row in witness.rows { for id in row.jury { ranges[id, default: []].insert("\(row.day.iso) \(row.time)") } }
        XCTAssertGreaterThan(ranges.count, 3)
        for member in campaign.members {
            if let own = ranges[member.id] {
                let given = Set(member.available.map { token -> String in
                    guard case .range(let day, let time) = token else { return "not a range: \(token)" }
                    return "\(day.iso) \(time)"
                })
                XCTAssertEqual(given, own, member.id)
            } else {
                XCTAssertEqual(member.maxPerDay, 0, "\(member.id) sits nowhere in the witness")
            }
        }
        XCTAssertEqual(juryplan(["generate", "--preset", "csec", "--exact-hours", "--candidates", "5", scratch.appendingPathComponent("y").path]).code, 2,
                       "--exact-hours goes with --tight")
    }
}
