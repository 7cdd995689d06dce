import Foundation
import XCTest
import JuryPlanCore
import JuryPlanIO
@testable import JuryPlanCLI

/// `explain` on a campaign with no proof that cannot be planned whole: a lawful plan's members
/// are made available exactly when it has them sit, and one BC1 sitting is taken out of it, so
/// nobody who could examine that BC1 is ever free. `explain` names it with what stops it day by
/// day (exit 3); `plan --allow-partial` writes everything else with the same reason.
final class ExplainCommandTests: TemporaryFolderTestCase {
    private func campaignWithASittingNobodyCanSit() throws -> URL {
        let (loose, witness) = try XCTUnwrap(TightSessionGenerator(preset: .csec, candidates: 8, seed: 34).generate())
        let out = try XCTUnwrap(witness.rows.first { $0.exam == "BC1" })
        let rest = witness.rows.filter { $0 != out }
        var ranges: [String: [AvailabilityToken]] = [:]
        for row in rest { for id in row.jury { ranges[id, default: []].append(.range(row.day, row.time)) } }
        var campaign = loose
        let members = campaign.members.map { member -> JuryMember in
            var member = member
            member.available = ranges[member.id] ?? []
            if member.available.isEmpty { member.maxPerDay = 0 }
            return member
        }
        campaign.setPeople(candidates: campaign.candidates, members: members, rooms: campaign.rooms)
        XCTAssertEqual(RuleCatalogue.audit(Schedule(rows: rest), against: campaign).breaches.filter { $0.rule != .r1 }.count, 0)
        let folder = scratch.appendingPathComponent("exact", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try CampaignWriter.write(campaign, to: folder)
        return folder
    }

    func testExplainNamesEachSittingThatFindsNoPlaceDayByDay() throws {
        let folder = try campaignWithASittingNobodyCanSit()
        let explained = juryplan(["explain", "--campaign", folder.path, "--time-limit", "10"])
        XCTAssertEqual(explained.code, 3, explained.out + explained.err)
        // The BC1 taken out, or another sitting whose members' time it took: the search may
        // leave out any of them, each named on its own line.
        XCTAssertTrue(explained.out.components(separatedBy: "\n").contains { $0.hasPrefix("  - ") }, explained.out)
        XCTAssertTrue(explained.out.contains("Day by day, nearest first: on "), explained.out)
        XCTAssertTrue(explained.out.contains("(R9)"), explained.out)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("schedule.csv").path), "explain writes nothing")

        let out = scratch.appendingPathComponent("partial.csv")
        let partial = juryplan(["plan", "--allow-partial", "--time-limit", "10", "--campaign", folder.path, "--out", out.path])
        XCTAssertEqual(partial.code, 0, partial.err)
        XCTAssertTrue(partial.out.contains("Day by day"), partial.out)
        let (schedule, _) = try ScheduleCSV.read(contentsOf: out, displayName: "partial.csv")
        let breaches = RuleCatalogue.audit(schedule, against: try CampaignLoader.load(folder).campaign).breaches
        XCTAssertFalse(breaches.isEmpty)
        XCTAssertTrue(breaches.allSatisfy { $0.rule == .r1 && $0.message.hasSuffix(" is not scheduled") }, "\(breaches.prefix(3))")
        // Every sitting the plan leaves out is listed, once.
        XCTAssertEqual(partial.out.components(separatedBy: "\n").filter { $0.hasPrefix("  - ") }.count, breaches.count, partial.out)
    }
}
