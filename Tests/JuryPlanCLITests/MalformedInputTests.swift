import Foundation
import XCTest
import JuryPlanCore
import JuryPlanIO
@testable import JuryPlanCLI

/// SPEC §4 "Safe with bad input": each malformed file, in a real campaign folder, makes `check`
/// exit 2 with an error that names file:line:col and says what was expected, and writes nothing.
/// The files are in Tests/JuryPlanIOTests/Files/bad/<case>/, laid over a valid campaign.
final class MalformedInputTests: TemporaryFolderTestCase {
    /// Builds the campaign `base` with the files of `bad/<name>` laid over it, runs `check` on it
    /// and asserts exit 2, the exact error lines expected (each in full, in order) and an unchanged folder.
    @discardableResult
    private func assertRejected(
        _ name: String, base: String = "csec_en", schedule: String? = nil, errors expected: [String],
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> RunResult {
        let folder = try copyFiles("campaigns/\(base)", into: name)
        try copyFiles("bad/\(name)", into: name)
        let before = try snapshot(scratch)
        var arguments = ["check"]
        if let schedule { arguments.append(folder.appendingPathComponent(schedule).path) }
        arguments += ["--campaign", folder.path]
        let result = juryplan(arguments)
        XCTAssertEqual(result.code, 2, "exit code; stderr: \(result.err)", file: file, line: line)
        XCTAssertEqual(result.out, "", "nothing on stdout", file: file, line: line)
        let errorLines = result.err.split(separator: "\n").map(String.init).filter { $0.contains(": error: ") }
        XCTAssertEqual(errorLines, expected, file: file, line: line)
        XCTAssertEqual(try snapshot(scratch), before, "the campaign folder must be left untouched", file: file, line: line)
        return result
    }

    // MARK: - campaign.yaml

    func testYAMLUnknownKeyNamesTheKeyAndItsLine() throws {
        try assertRejected("yaml_unknown_key", errors: [
            "campaign.yaml:5:1: error: unknown key 'sesion_days' in campaign.yaml; expected one of: name, preset, timezone, days, hours, buffer_minutes, candidate, member, exams, weights",
        ])
    }

    func testYAMLUnknownKeyInAnExamEntry() throws {
        try assertRejected("yaml_unknown_exam_key", errors: [
            "campaign.yaml:7:5: error: unknown key 'duree' in an exams entry; expected one of: id, name, minutes, mode, jury, needs, after, regional",
        ])
    }

    func testYAMLUnknownPreset() throws {
        try assertRejected("yaml_unknown_preset", errors: [
            "campaign.yaml:2:9: error: unknown preset 'csecc'; expected csec, pacte, cpas or custom",
        ])
    }

    func testYAMLEmptyDays() throws {
        try assertRejected("yaml_empty_days", errors: ["campaign.yaml:3:7: error: days must list at least one date"])
    }

    func testYAMLRepeatedDayInBothSpellings() throws {
        // 2027-06-15 and 15/06/2027 are the same day: the second is pointed at.
        try assertRejected("yaml_repeated_day", errors: ["campaign.yaml:3:32: error: day 2027-06-15 is listed twice"])
    }

    func testYAMLImpossibleDate() throws {
        try assertRejected("yaml_impossible_date", errors: [
            "campaign.yaml:5:5: error: '2027-02-30' is not a real date; expected YYYY-MM-DD or DD/MM/YYYY",
        ])
    }

    func testYAMLInvertedHours() throws {
        try assertRejected("yaml_inverted_hours", errors: [
            "campaign.yaml:4:18: error: hours.morning '12:30-08:30' must be a time range HH:MM-HH:MM with the start before the end",
        ])
    }

    func testYAMLOverlappingHours() throws {
        try assertRejected("yaml_overlapping_hours", errors: [
            "campaign.yaml:6:14: error: the morning (08:30-13:00) must end no later than the afternoon (12:30-17:30) starts",
        ])
    }

    func testYAMLZeroMinutes() throws {
        try assertRejected("yaml_zero_minutes", errors: ["campaign.yaml:5:24: error: minutes of BC4 must be a whole number between 1 and 1440, found 0"])
    }

    func testYAMLNegativeMinutes() throws {
        try assertRejected("yaml_negative_minutes", errors: ["campaign.yaml:6:14: error: minutes of BC5 must be a whole number between 1 and 1440, found -15"])
    }

    func testYAMLSyntaxError() throws {
        try assertRejected("yaml_syntax", errors: [
            "campaign.yaml:4:15: error: not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 3, column 7)",
        ])
    }

    func testYAMLDuplicateKey() throws {
        let result = try assertRejected("yaml_duplicate_key", errors: [
            "campaign.yaml:3:1: error: key 'days' appears more than once in the same mapping; expected each key once",
        ])
        XCTAssertFalse(result.err.contains("buffer_minutes"), "the file's text is not dumped in the message")
    }

    func testYAMLUnknownExamInAfter() throws {
        try assertRejected("yaml_unknown_after", errors: [
            "campaign.yaml:5:24: error: exam FINAL comes after unknown exam BC9; expected one of: BC1, BC2, BC3, BC4, BC5, FINAL",
        ])
    }

    func testYAMLEmptyFile() throws {
        try assertRejected("yaml_empty", errors: ["campaign.yaml:1:1: error: the file is empty; expected at least name, preset and days"])
    }

    func testYAMLInUTF16() throws {
        try assertRejected("yaml_utf16", errors: [
            "campaign.yaml:1:1: error: the file is encoded as UTF-16, expected UTF-8: save it as UTF-8 text",
        ])
    }

    // MARK: - candidates.csv, jury.csv, rooms.csv

    func testDuplicateCandidateID() throws {
        try assertRejected("csv_duplicate_id", errors: ["candidates.csv:4:1: error: duplicate candidate id 'C01' (first used on line 2)"])
    }

    func testUnknownExamInCandidates() throws {
        try assertRejected("csv_unknown_exam", errors: [
            "candidates.csv:2:19: error: unknown exam 'BC9'; expected one of: BC1, BC2, BC3, BC4, BC5, FINAL",
        ])
    }

    func testUnknownMemberInTrainers() throws {
        try assertRejected("csv_unknown_trainer", errors: [
            "candidates.csv:2:26: error: unknown jury member 'M99' in trainers; expected an id of jury.csv",
        ])
    }

    func testUnknownMemberInImposedJury() throws {
        try assertRejected("csv_unknown_imposed", errors: [
            "candidates.csv:2:28: error: unknown jury member 'M42' in jury; expected an id of jury.csv",
        ])
    }

    func testUnknownCandidateInConflicts() throws {
        try assertRejected("csv_unknown_conflict", errors: [
            "jury.csv:4:44: error: unknown candidate 'C77' in conflicts; expected an id of candidates.csv",
        ])
    }

    func testImpossibleDateInAnAvailabilityToken() throws {
        try assertRejected("csv_impossible_token", errors: [
            "candidates.csv:2:24: error: '2027-02-30 PM' is not a date (YYYY-MM-DD or DD/MM/YYYY), a half-day (2027-06-14 AM|PM) or a time range on a date (2027-06-14 15:00-17:00)",
        ])
    }

    func testBadBoolean() throws {
        try assertRejected("csv_bad_bool", errors: ["jury.csv:4:41: error: 'peut-être' is not yes or no (oui/non)"])
    }

    func testBadRole() throws {
        try assertRejected("csv_bad_role", errors: ["jury.csv:2:19: error: unknown role 'présidente'; expected professional or certifier"])
    }

    func testBadSector() throws {
        try assertRejected("csv_bad_sector", errors: [
            "jury.csv:2:32: error: unknown sector 'santé publique'; expected health (sanitaire), medico-social or social",
        ])
    }

    func testMissingRequiredColumn() throws {
        try assertRejected("csv_missing_column", errors: ["candidates.csv:1: error: missing required column: expected \"exams\" or \"épreuves\""])
    }

    func testUnterminatedQuote() throws {
        try assertRejected("csv_unterminated_quote", errors: [
            "candidates.csv:2:17: error: unterminated quoted field starting here: expected a closing \" before the end of the file",
        ])
    }

    func testTooManyFields() throws {
        try assertRejected("csv_too_many_fields", errors: [
            "rooms.csv:3:42: error: unexpected value \"Salle 2\": this row has 9 fields but the header has 7 columns (a value containing \",\" must be quoted)",
        ])
    }

    func testEmptyFile() throws {
        // An empty file has no line to point at: the message names the file and the header expected.
        try assertRejected("csv_empty_file", errors: [
            "jury.csv: error: the file is empty: expected a header line with the columns \"id\" or \"identifiant\"; \"last_name\", \"nom\" or \"nom de famille\"; \"first_name\" or \"prénom\"; \"role\"",
        ])
    }

    func testUTF16CSV() throws {
        try assertRejected("csv_utf16", errors: [
            "candidates.csv:1:1: error: the file is encoded as UTF-16, expected UTF-8 or Windows-1252: save it as \"CSV UTF-8\" or \"CSV\" from the spreadsheet",
        ])
    }

    func testRegionalExamWithoutRegion() throws {
        try assertRejected("csv_regional_no_region", base: "pacte_en", errors: [
            "candidates.csv:3:17: error: candidate D02 takes the regional exam THESIS and needs a region",
        ])
    }

    // MARK: - schedule.csv

    func testScheduleWithAnImpossibleTime() throws {
        try assertRejected("schedule_bad_time", base: "check_small", errors: [
            "schedule.csv:3:12: error: '25:00' is not a time; expected HH:MM",
            "schedule.csv:3:18: error: '25:30' is not a time; expected HH:MM",
        ])
    }

    func testScheduleEndingBeforeItStarts() throws {
        try assertRejected("schedule_end_before_start", base: "check_small", errors: [
            "schedule.csv:2:18: error: the end (09:30) must come after the start (10:00)",
        ])
    }

    func testScheduleInUTF16GivenOnTheCommandLine() throws {
        try assertRejected("schedule_utf16", base: "check_small", schedule: "schedule.csv", errors: [
            "\(scratch.appendingPathComponent("schedule_utf16/schedule.csv").path):1:1: error: the file is encoded as UTF-16, expected UTF-8 or Windows-1252: save it as \"CSV UTF-8\" or \"CSV\" from the spreadsheet",
        ])
    }

    func testMissingScheduleFile() throws {
        let folder = try copyFiles("campaigns/check_small", into: "no_schedule")
        let before = try snapshot(scratch)
        let result = juryplan(["check", "--campaign", folder.path])
        XCTAssertEqual(result.code, 2)
        XCTAssertEqual(result.err, "schedule.csv: error: file not found (looked for \(folder.appendingPathComponent("schedule.csv").path))\n")
        XCTAssertEqual(try snapshot(scratch), before)

        let missing = folder.appendingPathComponent("plan-7.csv").path
        let named = juryplan(["check", missing, "--campaign", folder.path])
        XCTAssertEqual(named.code, 2)
        XCTAssertEqual(named.err, "\(missing): error: file not found (looked for \(missing))\n")
    }

    func testMissingCampaignFolder() throws {
        let nowhere = scratch.appendingPathComponent("nowhere").path
        let result = juryplan(["check", "--campaign", nowhere])
        XCTAssertEqual(result.code, 2)
        XCTAssertEqual(result.err, "\(nowhere): error: no campaign folder here; create one with `juryplan init DIR --preset csec`\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: nowhere))
    }

    /// The count asked for by SPEC §4's test plan: at least twenty malformed inputs, each a real file.
    func testEveryBadCaseFolderIsCovered() throws {
        let cases = try FileManager.default.contentsOfDirectory(atPath: SharedFiles.url("bad").path).sorted()
        XCTAssertGreaterThanOrEqual(cases.count, 20)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        for name in cases {
            XCTAssertTrue(source.contains("assertRejected(\"\(name)\""), "bad/\(name) has no test")
        }
    }
}
