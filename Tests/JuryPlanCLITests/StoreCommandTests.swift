import Foundation
import XCTest
import JuryPlanCore
import JuryPlanIO
@testable import JuryPlanCLI

/// The store commands end to end (issue 17): `plan` keeps every run, `plans`, `publish`,
/// `diff` in words and CSV, `check` on stored plans, and `import` that merges or changes nothing.
final class StoreCommandTests: TemporaryFolderTestCase {
    /// check_small: two candidates, two members, two rooms, one day; plans in a fraction of a second.
    func smallCampaign() throws -> URL {
        let folder = try copyFiles("campaigns/check_small", into: "small")
        for file in ["schedule_ok.csv", "schedule_breach.csv"] { try FileManager.default.removeItem(at: folder.appendingPathComponent(file)) }
        return folder
    }

    func run(_ arguments: [String], in folder: URL, expect code: Int32 = 0, file: StaticString = #filePath, line: UInt = #line) -> RunResult {
        let result = juryplan(arguments + ["--campaign", folder.path])
        XCTAssertEqual(result.code, code, "\(arguments): \(result.out)\n\(result.err)", file: file, line: line)
        return result
    }

    func testPlanKeepsEveryRunAndTheStoreCommandsShowThem() throws {
        let folder = try smallCampaign()
        XCTAssertTrue(run(["plan"], in: folder).out.contains("Stored as plan 1 in campaign.sqlite"))
        XCTAssertTrue(run(["plan"], in: folder).out.contains("Stored as plan 2 in campaign.sqlite"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("schedule.csv").path), "schedule.csv still written")
        XCTAssertEqual(try listing(folder).filter { $0.hasPrefix("campaign.sqlite") }, ["campaign.sqlite"], "the log is folded back when a command ends")

        var plans = run(["plans"], in: folder).out
        XCTAssertTrue(plans.contains("Plans of \"Petite session\""), plans)
        XCTAssertTrue(plans.contains("   1  "), plans)
        XCTAssertTrue(plans.contains("   2  "), plans)
        XCTAssertEqual(plans.components(separatedBy: "draft       complete").count - 1, 2, plans)
        XCTAssertEqual(plans.components(separatedBy: "unchanged").count - 1, 2, plans)

        // check without a file audits the latest stored plan; --plan another one.
        XCTAssertTrue(run(["check"], in: folder).out.hasPrefix("plan 2: 2 rows, 2 sittings"))
        XCTAssertTrue(run(["check", "--plan", "1"], in: folder).out.hasPrefix("plan 1: 2 rows"))
        XCTAssertTrue(run(["check", "--plan", "7"], in: folder, expect: 2).err.contains("no plan 7: the store has plans 1 to 2"))

        XCTAssertEqual(run(["publish", "1"], in: folder).out, "Plan 1 published.\n")
        XCTAssertEqual(run(["publish"], in: folder).out, "Plan 2 published; plan 1 is superseded (kept).\n")
        plans = run(["plans"], in: folder).out
        XCTAssertTrue(plans.contains("superseded  complete") && plans.contains("published   complete"), plans)
        XCTAssertTrue(run(["diff", "1", "2"], in: folder).out.hasPrefix("Plan 1 → plan 2: 0 sitting(s) of a candidate changed, 2 unchanged"))

        // S1 now open in the afternoon only: the next plan moves what was in S1 in the morning.
        let rooms = scratch.appendingPathComponent("rooms-new.csv")
        try Data("id,site,capacity,equipment,available\nS1,\"Bâtiment A; aile \"\"Est\"\"\",1,projector,2027-06-14 PM\n".utf8).write(to: rooms)
        let imported = run(["import", "rooms", rooms.path], in: folder).out
        XCTAssertTrue(imported.contains("changed       1: S1"), imported)
        XCTAssertTrue(run(["plans"], in: folder).out.contains("changed: rooms.csv"))
        XCTAssertTrue(run(["check", "--plan", "2"], in: folder, expect: 1).err.contains("rooms.csv changed since plan 2 was made"))
        // Against the files it was made from, plan 2 is still lawful.
        let asPlanned = run(["check", "--plan", "2", "--as-planned"], in: folder)
        XCTAssertTrue(asPlanned.out.hasPrefix("plan 2: 2 rows, 2 sittings") && asPlanned.out.contains("no breach"), asPlanned.out)
        XCTAssertEqual(asPlanned.err, "")
        XCTAssertTrue(run(["plan"], in: folder).out.contains("Stored as plan 3"))
        let before = try CampaignStore.open(folder, create: false)
        let diff = ScheduleDiff(from: try before.schedule(of: PlanNumber(2)), to: try before.schedule(of: PlanNumber(3)))
        before.close()
        XCTAssertFalse(diff.entries.isEmpty)
        let words = run(["diff", "2", "3"], in: folder).out
        XCTAssertTrue(words.contains("People to tell:"), words)
        XCTAssertTrue(words.contains("(candidate)") || words.contains("(member"), words)
        let csv = run(["diff", "2", "3", "--csv"], in: folder).out
        let lines = csv.split(separator: "\n")
        XCTAssertEqual(String(lines[0]), DiffReport.csvHeader.joined(separator: ","))
        XCTAssertEqual(lines.count - 1, diff.notices.count, csv)
        XCTAssertTrue(run(["plans", "3"], in: folder).out.contains("Plan 3 of \"Petite session\""))
    }

    func testCheckWithoutAStoreReadsScheduleCSVAndStoreCommandsNeedOne() throws {
        let folder = try smallCampaign()
        try FileManager.default.copyItem(at: SharedFiles.url("campaigns/check_small/schedule_ok.csv"), to: folder.appendingPathComponent("schedule.csv"))
        XCTAssertTrue(run(["check"], in: folder).out.hasPrefix("schedule.csv: 2 rows"))
        for command in [["plans"], ["publish", "1"], ["diff", "1", "2"], ["check", "--plan", "1"]] {
            XCTAssertTrue(run(command, in: folder, expect: 2).err.contains("campaign.sqlite: error: no store in"), "\(command)")
        }
        XCTAssertFalse(CampaignStore.exists(in: folder), "reading commands never create the store")
    }

    func testABadImportLeavesTheCampaignFolderByteIdentical() throws {
        func write(_ name: String, _ text: String) throws -> String {
            let url = scratch.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
        let rowErrors = try write("rows.csv", "id,last_name,first_name,exams\nC03,Neuf,Jean,BC4\nC03,Neuf,Jeanne,BC8\n")
        let unknownTrainer = try write("trainer.csv", "id,last_name,first_name,exams,trainers\nC03,Neuf,Jean,BC4,M09\n")
        let trainedByM02 = try write("c01.csv", "id,last_name,first_name,exams,trainers\nC01,Dupont,Léa,BC4,M02\n")
        let onlyM01 = try write("jury-one.csv", "id,last_name,first_name,role\nM01,Bernard,Anne,professional\n")
        for withStore in [false, true] {
            let folder = try copyFiles("campaigns/check_small", into: withStore ? "with-store" : "without-store")
            if withStore { _ = run(["plan"], in: folder) }
            XCTAssertEqual(CampaignStore.exists(in: folder), withStore)
            let before = try snapshot(folder)
            for replace in [[], ["--replace"]] {
                let rows = run(["import", "candidates", rowErrors] + replace, in: folder, expect: 2).err
                XCTAssertEqual(rows, """
                    \(rowErrors):3:1: error: duplicate candidate id 'C03' (first used on line 2)
                    \(rowErrors):3:17: error: unknown exam 'BC8'; expected one of: BC1, BC2, BC3, BC4, BC5, FINAL

                    """)
                let trainer = run(["import", "candidates", unknownTrainer] + replace, in: folder, expect: 2).err
                XCTAssertEqual(trainer, "\(unknownTrainer):2:19: error: unknown jury member 'M09' in trainers; expected an id of jury.csv\n")
                XCTAssertEqual(try snapshot(folder), before, "store \(withStore), \(replace)")
            }
            // Valid on its own, but it removes M02, whom C01 now names as a trainer.
            _ = run(["import", "candidates", trainedByM02], in: folder)
            let merged = try snapshot(folder)
            XCTAssertNotEqual(merged, before)
            let refused = run(["import", "jury", onlyM01, "--replace"], in: folder, expect: 2).err
            XCTAssertTrue(refused.contains("candidates.csv:2:"), refused)
            XCTAssertTrue(refused.contains("unknown jury member 'M02' in trainers"), refused)
            XCTAssertEqual(try snapshot(folder), merged)
        }
    }

    func testImportCountsAddedChangedUnchangedRemoved() throws {
        let folder = try smallCampaign()
        let file = scratch.appendingPathComponent("candidates-new.csv")
        try Data("id;nom;prénom;épreuves\nC01;Dupont;Léa;BC4\nC03;Neuf;Jean;BC5\n".utf8).write(to: file)
        let merged = run(["import", "candidates", file.path], in: folder).out
        XCTAssertTrue(merged.contains("added         1: C03"), merged)
        XCTAssertTrue(merged.contains("unchanged     1"), merged)
        XCTAssertTrue(merged.contains("1 row(s) absent from the file kept"), merged)
        let replaced = run(["import", "candidates", file.path, "--replace"], in: folder).out
        XCTAssertTrue(replaced.contains("removed       1: C02"), replaced)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("candidates.csv"), encoding: .utf8),
                       "id,last_name,first_name,exams\nC01,Dupont,Léa,BC4\nC03,Neuf,Jean,BC5\n")
        XCTAssertTrue(run(["import", "candidates", file.path], in: folder).out.contains("candidates.csv unchanged: nothing to write."))
        let store = try CampaignStore.open(folder, create: false)
        defer { store.close() }
        XCTAssertEqual(try store.importCount(), 3)
    }
}
