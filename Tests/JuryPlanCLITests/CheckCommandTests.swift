import Foundation
import XCTest
import JuryPlanCore
import JuryPlanIO
@testable import JuryPlanCLI

/// `juryplan check [SCHEDULE.csv]` (SPEC §3): exit codes 0 / 1 / 2, text and JSON reports, the --excel dialect.
final class CheckCommandTests: TemporaryFolderTestCase {
    private func smallCampaign() throws -> URL { try copyFiles("campaigns/check_small", into: "small") }

    // MARK: - Exit codes

    func testCleanScheduleExits0() throws {
        let folder = try smallCampaign()
        let before = try snapshot(scratch)
        let result = juryplan(["check", folder.appendingPathComponent("schedule_ok.csv").path, "--campaign", folder.path])
        XCTAssertEqual(result.code, 0, result.out + result.err)
        XCTAssertEqual(result.err, "")
        XCTAssertEqual(result.out, "\(folder.appendingPathComponent("schedule_ok.csv").path): 2 rows, 2 sittings checked against \"Petite session\"; no breach: the schedule keeps every rule R1–R18.\n")
        XCTAssertEqual(try snapshot(scratch), before, "check writes nothing")
    }

    func testDefaultScheduleIsTheCampaignsScheduleCSV() throws {
        let folder = try smallCampaign()
        try FileManager.default.copyItem(at: folder.appendingPathComponent("schedule_ok.csv"), to: folder.appendingPathComponent("schedule.csv"))
        let result = juryplan(["check", "--campaign", folder.path])
        XCTAssertEqual(result.code, 0, result.err)
        XCTAssertTrue(result.out.hasPrefix("schedule.csv: 2 rows, 2 sittings"), result.out)
    }

    func testCampaignDefaultsToTheCurrentFolder() throws {
        let folder = try smallCampaign()
        try FileManager.default.copyItem(at: folder.appendingPathComponent("schedule_ok.csv"), to: folder.appendingPathComponent("schedule.csv"))
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(folder.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let result = juryplan(["check"])
        XCTAssertEqual(result.code, 0, result.err)
        XCTAssertTrue(result.out.hasPrefix("schedule.csv: 2 rows"), result.out)
    }

    func testBreachesExit1WithTheRulesGrouped() throws {
        let folder = try smallCampaign()
        let schedule = folder.appendingPathComponent("schedule_breach.csv").path
        let result = juryplan(["check", schedule, "--campaign", folder.path])
        XCTAssertEqual(result.code, 1, result.err)
        let lines = result.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines.filter { $0.hasPrefix("R") }, [
            "R1 — every registration is scheduled exactly once, with its exact duration (1 breach)",
            "R3 — a jury member is never in two sittings at once and has the buffer between two (2 breaches)",
            "R4 — a room holds one sitting at a time; a written room is not over capacity (1 breach)",
        ])
        XCTAssertTrue(lines.contains("  line 2: BC4 of Dupont Léa (C01) on 2027-06-14 09:00 lasts 45 min, 30 min required"), result.out)
        XCTAssertEqual(lines.last(where: { !$0.isEmpty }),
                       "\(schedule): 2 rows, 2 sittings checked against \"Petite session\"; 4 breaches (R1 1, R3 2, R4 1).")
    }

    func testJSONReportParses() throws {
        let folder = try smallCampaign()
        let schedule = folder.appendingPathComponent("schedule_breach.csv").path
        let result = juryplan(["check", schedule, "--campaign", folder.path, "--format", "json"])
        XCTAssertEqual(result.code, 1, result.err)
        let object = try JSONSerialization.jsonObject(with: Data(result.out.utf8))
        let report = try XCTUnwrap(object as? [String: Any])
        XCTAssertEqual(Set(report.keys), ["schedule", "rows", "clean", "breaches", "counts", "warnings", "inputWarnings"])
        XCTAssertEqual(report["schedule"] as? String, schedule)
        XCTAssertEqual(report["rows"] as? Int, 2)
        XCTAssertEqual(report["clean"] as? Bool, false)
        XCTAssertEqual(report["counts"] as? [String: Int], ["R1": 1, "R3": 2, "R4": 1])
        let breaches = try XCTUnwrap(report["breaches"] as? [[String: Any]])
        XCTAssertEqual(breaches.map { $0["rule"] as? String }, ["R1", "R3", "R3", "R4"])
        XCTAssertEqual(breaches[0]["message"] as? String, "BC4 of Dupont Léa (C01) on 2027-06-14 09:00 lasts 45 min, 30 min required")
        XCTAssertEqual(breaches[0]["date"] as? String, "2027-06-14")
        XCTAssertEqual(breaches[0]["lines"] as? [Int], [2])
        XCTAssertEqual(breaches[0]["people"] as? [String], ["C01"])
        XCTAssertEqual(breaches[3]["lines"] as? [Int], [2, 3])
        XCTAssertEqual(breaches[3]["people"] as? [String], ["S1"])
        XCTAssertEqual((report["warnings"] as? [Any])?.count, 0)
    }

    func testJSONReportOfACleanSchedule() throws {
        let folder = try smallCampaign()
        let result = juryplan(["check", folder.appendingPathComponent("schedule_ok.csv").path, "--campaign", folder.path, "--format", "json"])
        XCTAssertEqual(result.code, 0, result.err)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        XCTAssertEqual(report["clean"] as? Bool, true)
        XCTAssertEqual((report["breaches"] as? [Any])?.count, 0)
        XCTAssertEqual(report["counts"] as? [String: Int], [:])
    }

    /// Warnings about the input files reach the JSON report too (not only stderr).
    func testJSONReportCarriesInputWarnings() throws {
        let folder = try smallCampaign()
        let ok = try String(contentsOf: folder.appendingPathComponent("schedule_ok.csv"), encoding: .utf8)
        let lines = ok.split(separator: "\n", omittingEmptySubsequences: true)
        let extra = ([lines[0] + ",remark"] + lines.dropFirst().map { $0 + ",-" }).joined(separator: "\n") + "\n"
        let path = folder.appendingPathComponent("with_remark.csv")
        try Data(extra.utf8).write(to: path)
        let result = juryplan(["check", path.path, "--campaign", folder.path, "--format", "json"])
        XCTAssertEqual(result.code, 0, result.err)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        let warnings = try XCTUnwrap(report["inputWarnings"] as? [String])
        XCTAssertEqual(warnings.count, 1, "\(warnings)")
        XCTAssertTrue(warnings.first?.contains("remark") ?? false, "\(warnings)")
        XCTAssertTrue(result.err.contains("remark"), result.err)
    }

    func testBadInputExits2() throws {
        let folder = try smallCampaign()
        try Data("date,start,end,room,exam,candidate_id,jury\n2027-06-14,9:00,,S1,BC4,C01,M01\n".utf8)
            .write(to: folder.appendingPathComponent("schedule.csv"))
        let result = juryplan(["check", "--campaign", folder.path, "--format", "json"])
        XCTAssertEqual(result.code, 2)
        XCTAssertEqual(result.out, "", "no report on bad input")
        XCTAssertEqual(result.err, "schedule.csv:2:17: error: the end time is empty; a value is required\n")
    }

    func testWarningsOfTheCampaignGoToStderr() throws {
        let folder = try copyFiles("campaigns/csec_en", into: "en")
        try Data("date,start,end,site,room,exam,candidate_id,candidate_name,jury,president,external_share\n".utf8)
            .write(to: folder.appendingPathComponent("schedule.csv"))
        let result = juryplan(["check", "--campaign", folder.path])
        XCTAssertEqual(result.code, 1, "an empty schedule leaves every registration unscheduled (R1)")
        XCTAssertEqual(result.err, """
            candidates.csv:1:111: warning: unknown column "notes" is ignored
            jury.csv:1:130: warning: unknown column "phone" is ignored
            jury.csv:3:38: warning: 2027-07-01 is not a day of the session; '2027-07-01' is ignored
            rooms.csv:3:25: warning: the capacity is empty and read as 1 seat: a sitting of the written exam BC3 in this room holds one candidate at most

            """)
        XCTAssertTrue(result.out.contains("R1 — every registration is scheduled exactly once"), result.out)
    }

    // MARK: - The --excel dialect

    private func okRows(_ campaign: Campaign) -> Schedule {
        Schedule(rows: [
            ScheduleRow(day: Day(year: 2027, month: 6, day: 14)!, time: TimeRange(start: 600, end: 630), room: "S2", exam: "BC5",
                        candidateID: "C02", jury: ["M01", "M02"]),
            ScheduleRow(day: Day(year: 2027, month: 6, day: 14)!, time: TimeRange(start: 540, end: 570), room: "S1", exam: "BC4",
                        candidateID: "C01", jury: ["M01", "M02"]),
        ])
    }

    func testCheckReadsTheExcelDialect() throws {
        let folder = try smallCampaign()
        let campaign = try CampaignLoader.load(folder).campaign
        let data = ScheduleCSV.write(okRows(campaign), campaign: campaign, options: .init(excel: true, language: .fr))
        let url = folder.appendingPathComponent("schedule.csv")
        try data.write(to: url)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), "\u{FEFF}"
            + "date;début;fin;site;salle;épreuve;id_candidat;nom_candidat;jury;président;part_externe\r\n"
            + "14/06/2027;09:00;09:30;\"Bâtiment A; aile \"\"Est\"\"\";S1;BC4;C01;Dupont Léa;M01|M02;;0.50\r\n"
            + "14/06/2027;10:00;10:30;\"Bâtiment A; aile \"\"Est\"\"\";S2;BC5;C02;\"O'Brien, Jr Sam \"\"Sammy\"\"\";M01|M02;;0.50\r\n")

        // Read back by the real reader: the same rows as the hand-written English schedule.
        let (excel, _) = try ScheduleCSV.read(contentsOf: url)
        let (english, _) = try ScheduleCSV.read(contentsOf: folder.appendingPathComponent("schedule_ok.csv"))
        XCTAssertEqual(excel.rows, english.rows)

        let result = juryplan(["check", "--campaign", folder.path])
        XCTAssertEqual(result.code, 0, result.out + result.err)
        XCTAssertEqual(result.out, "schedule.csv: 2 rows, 2 sittings checked against \"Petite session\"; no breach: the schedule keeps every rule R1–R18.\n")
    }

    func testCheckReadsEnglishAndFrenchWithoutExcel() throws {
        let folder = try smallCampaign()
        let campaign = try CampaignLoader.load(folder).campaign
        for language in HeaderLanguage.allCases {
            try ScheduleCSV.write(okRows(campaign), campaign: campaign, options: .init(excel: false, language: language))
                .write(to: folder.appendingPathComponent("schedule.csv"))
            let result = juryplan(["check", "--campaign", folder.path])
            XCTAssertEqual(result.code, 0, "\(language): \(result.out) \(result.err)")
        }
    }

    // MARK: - Usage errors

    func testUsageErrorsExit2Not64() throws {
        let folder = try smallCampaign()
        for arguments in [
            ["check", "--bogus"],
            ["check", "--campaign", folder.path, "--format", "xml"],
            ["check", "a.csv", "b.csv", "--campaign", folder.path],
            ["check", "--campaign"],
            ["frobnicate"],
            ["plan-everything", "--now"],
        ] {
            let result = juryplan(arguments)
            XCTAssertEqual(result.code, 2, "\(arguments): \(result.err)")
            XCTAssertTrue(result.err.hasPrefix("Error: "), "\(arguments): \(result.err)")
            XCTAssertTrue(result.err.contains("Usage: juryplan"), "\(arguments): \(result.err)")
            XCTAssertEqual(result.out, "", "\(arguments)")
        }
    }

    func testUnknownOptionIsNamed() {
        let result = juryplan(["check", "--bogus"])
        XCTAssertEqual(result.code, 2)
        XCTAssertTrue(result.err.contains("Unknown option '--bogus'"), result.err)
        let sub = juryplan(["frobnicate"])
        XCTAssertTrue(sub.err.contains("Unexpected argument 'frobnicate'"), sub.err)
    }

    func testHelpExits0() {
        let result = juryplan(["check", "--help"])
        XCTAssertEqual(result.code, 0)
        XCTAssertTrue(result.out.contains("Exit codes: 0 no breach, 1 breaches found, 2 bad input."), result.out)
        XCTAssertEqual(juryplan(["--help"]).code, 0)
    }
}
