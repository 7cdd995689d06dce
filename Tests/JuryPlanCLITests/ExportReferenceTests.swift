import Foundation
import XCTest
import JuryPlanCore
import JuryPlanIO
@testable import JuryPlanCLI

/// Exports compared byte for byte with the files in Tests/ExportReferences. They were recorded
/// on purpose (JURYPLAN_RECORD_EXPORTS=1 scripts/test) and read by eye; a difference is either a
/// bug or a change to re-record and review.
final class ExportReferenceTests: TemporaryFolderTestCase {
    func testHostileCampaignMatchesItsReferencesInEveryFormat() throws {
        let out = export(ExportPaths.hostile, into: "hostile")
        try assertMatchesReferences(out, reference: "hostile")
    }

    func testExcelFrenchCSVMatchesItsReferences() throws {
        let out = export(ExportPaths.hostile, formats: [.csv], into: "hostile-excel-fr", extra: ["--excel", "--lang", "fr"])
        try assertMatchesReferences(out, reference: "hostile-excel-fr")
    }

    func testFrenchCalendarsAndReportMatchTheirReferences() throws {
        let out = export(ExportPaths.hostile, formats: [.ics, .html], into: "hostile-fr", extra: ["--lang", "fr"])
        try assertMatchesReferences(out, reference: "hostile-fr")
    }

    /// The demo fixture: one file of each kind (all 109 would only repeat these).
    func testCSECDemoMatchesItsReferences() throws {
        let out = export(ExportPaths.csecDemo, into: "csec-demo")
        XCTAssertEqual(try listing(out).filter { !$0.hasSuffix("/") }.count, 1 + 20 + 30 + 6 + 20 + 30 + 2)
        try assertMatchesReferences(out, reference: "csec-demo", paths: [
            "schedule.csv", "members/J01.csv", "members/J18.csv", "candidates/C05.csv", "rooms/GE-B.csv",
            "members/J18.ics", "candidates/C05.ics", "report.html", "plan.json",
        ])
    }

    func testReExportingGivesByteIdenticalFiles() throws {
        let first = try snapshot(export(ExportPaths.csecDemo, into: "first"))
        let second = try snapshot(export(ExportPaths.csecDemo, into: "second"))
        XCTAssertEqual(first.count, 109 + 3) // files and the three folders
        XCTAssertEqual(first.keys.sorted(), second.keys.sorted())
        for (path, data) in first { XCTAssertEqual(data, second[path], "\(path) changed on re-export") }
    }

    func testTheWholeScheduleIsWhatPlanWritesAndChecksClean() throws {
        let out = export(ExportPaths.csecDemo, formats: [.csv], into: "csv", extra: ["--by", "room"])
        // --by keeps one kind of timetable and no whole schedule.
        XCTAssertEqual(try listing(out).filter { !$0.hasSuffix("/") }, ["rooms/AMPHI.csv", "rooms/GE-A.csv", "rooms/GE-B.csv",
                                                                        "rooms/PD-101.csv", "rooms/PD-102.csv", "rooms/PD-103.csv"])
        let all = export(ExportPaths.csecDemo, formats: [.csv], into: "all")
        let loaded = try CampaignLoader.load(ExportPaths.csecDemo)
        let (exported, _) = try ScheduleCSV.read(contentsOf: all.appendingPathComponent("schedule.csv"))
        let (original, _) = try ScheduleCSV.read(contentsOf: ExportPaths.csecDemo.appendingPathComponent("schedule.csv"))
        XCTAssertEqual(ScheduleCSV.write(exported, campaign: loaded.campaign), ScheduleCSV.write(original, campaign: loaded.campaign))
        XCTAssertTrue(RuleCatalogue.audit(exported, against: loaded.campaign).isClean)
    }

    func testUsageErrorsExitTwoAndWriteNothing() throws {
        for arguments in [["--format", "html", "--by", "member"], ["--format", "ics", "--by", "room"],
                          ["--format", "json", "--excel"], ["--format", "pdf"]] {
            let out = scratch.appendingPathComponent("none")
            let result = juryplan(["export", "--campaign", ExportPaths.csecDemo.path, "--out", out.path] + arguments)
            XCTAssertEqual(result.code, 2, "\(arguments): \(result.err)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "\(arguments) wrote files")
        }
        let missing = juryplan(["export", "--campaign", ExportPaths.csecDemo.path, "--format", "csv",
                                "--schedule", scratch.appendingPathComponent("nope.csv").path, "--out", scratch.appendingPathComponent("x").path])
        XCTAssertEqual(missing.code, 2)
        XCTAssertTrue(missing.err.contains("nope.csv"), missing.err)
    }

    func testDemoWritesTheExportsAndSaysWhere() throws {
        let folder = scratch.appendingPathComponent("demo", isDirectory: true)
        let result = juryplan(["demo", "--out", folder.path, "--time-limit", "60"])
        XCTAssertEqual(result.code, 0, result.out + result.err)
        let exports = folder.appendingPathComponent("exports")
        XCTAssertTrue(result.out.contains("Exports:  \(exports.path)/"), result.out)
        let files = try listing(exports).filter { !$0.hasSuffix("/") }
        // Every candidate and room; the members the plan convenes (not always all 20).
        let members = files.filter { $0.hasPrefix("members/") && $0.hasSuffix(".ics") }.count
        XCTAssertTrue(result.out.contains("ics: \(30 + members) files (candidates/ 30, members/ \(members))"), result.out)
        XCTAssertEqual(files.count, 1 + 30 + 6 + 2 * members + 30 + 2)
        for name in ["report.html", "plan.json", "schedule.csv", "members/J01.csv", "members/J01.ics", "candidates/C01.ics", "rooms/AMPHI.csv"] {
            XCTAssertTrue(files.contains(name), name)
        }
    }

    /// The seam the campaign store will use: a plan with a number and a creation time.
    func testStoredPlanMetadataReachesCalendarsJSONAndReport() throws {
        let loaded = try CampaignLoader.load(ExportPaths.hostile)
        let (schedule, _) = try ScheduleCSV.read(contentsOf: ExportPaths.hostile.appendingPathComponent("schedule.csv"))
        let created = Date(timeIntervalSince1970: 1_812_345_678) // 2027-06-07T05:21:18Z
        let plan = ExportedPlan(campaign: loaded.campaign, schedule: schedule,
                                metadata: PlanMetadata(number: 4, created: created, source: "campaign.sqlite", sequence: 2))
        let settings = ExportSettings(version: "9.9.9")
        func text(_ format: ExportFormat, _ path: String) throws -> String {
            let file = try XCTUnwrap(Exporter.files(format, plan: plan, settings: settings).first { $0.path == path })
            return String(decoding: file.data, as: UTF8.self)
        }
        let ics = try text(.ics, "members/J1.ics")
        XCTAssertTrue(ics.contains("DTSTAMP:20270607T052118Z\r\n"))
        XCTAssertTrue(ics.contains("SEQUENCE:2\r\n"))
        XCTAssertTrue(ics.contains("PRODID:-//JuryPlan//juryplan 9.9.9//EN\r\n"))
        let json = try text(.json, "plan.json")
        XCTAssertTrue(json.contains("\"created\" : \"2027-06-07T05:21:18Z\""), json)
        XCTAssertTrue(json.contains("\"number\" : 4"))
        XCTAssertTrue(try text(.html, "report.html").contains("campaign.sqlite (plan 4) · Made 2027-06-07T05:21:18Z · juryplan 9.9.9"))
    }
}
