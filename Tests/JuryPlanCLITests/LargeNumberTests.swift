import Foundation
import XCTest
@testable import JuryPlanCLI

/// Issue 16: the smallest value of each number that made `check` or `plan` trap on an arithmetic
/// overflow is now refused on input: exit 2, an error naming file:line:column and the range.
final class LargeNumberTests: TemporaryFolderTestCase {
    /// A copy of `fixtures/<name>` (symbolic links resolved) in the scratch folder.
    private func fixture(_ name: String) throws -> URL {
        let from = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures/\(name)")
        let to = scratch.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: to, withIntermediateDirectories: true)
        for file in ["campaign.yaml", "candidates.csv", "jury.csv", "rooms.csv", "schedule.csv"] {
            try Data(contentsOf: from.appendingPathComponent(file).resolvingSymlinksInPath())
                .write(to: to.appendingPathComponent(file))
        }
        return to
    }

    private func edit(_ folder: URL, _ file: String, _ change: (String) -> String) throws {
        let url = folder.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let changed = change(text)
        XCTAssertNotEqual(changed, text, "the edit of \(file) must change it")
        try Data(changed.utf8).write(to: url)
    }

    /// Replaces the cell `column` (0-based) of physical line `line` (1-based) of a CSV file without quotes.
    private func setCell(_ folder: URL, _ file: String, line: Int, column: Int, to value: String) throws {
        try edit(folder, file) { text in
            var lines = text.components(separatedBy: "\n")
            var cells = lines[line - 1].components(separatedBy: ",")
            cells[column] = value
            lines[line - 1] = cells.joined(separator: ",")
            return lines.joined(separator: "\n")
        }
    }

    /// Runs each command and expects exit 2 with one error at `file:line:column` naming `range`.
    private func assertRefused(_ folder: URL, commands: [String], at location: String, range: String,
                               file: StaticString = #filePath, line: UInt = #line) {
        for command in commands {
            var arguments = [command, "--campaign", folder.path]
            if command == "plan" { arguments += ["--time-limit", "10"] }
            let before = try? snapshot(folder)
            let result = juryplan(arguments)
            XCTAssertEqual(result.code, 2, "\(command): \(result.err)", file: file, line: line)
            let errors = result.err.split(separator: "\n").filter { $0.contains(": error: ") }
            XCTAssertEqual(errors.count, 1, "\(command): \(result.err)", file: file, line: line)
            XCTAssertTrue(errors.first?.hasPrefix(location + ": error: ") ?? false, "\(command): \(result.err)", file: file, line: line)
            XCTAssertTrue(result.err.contains(range), "\(command) must name the range \(range): \(result.err)", file: file, line: line)
            XCTAssertEqual(try? snapshot(folder), before, "\(command) must write nothing", file: file, line: line)
        }
    }

    func testMaxExamsPerDay() throws {
        let folder = try fixture("csec-demo")
        try edit(folder, "campaign.yaml") { $0.replacingOccurrences(of: "max_exams_per_day: 3", with: "max_exams_per_day: 2305843009213693952") }
        assertRefused(folder, commands: ["plan"], at: "campaign.yaml:10:32", range: "between 1 and 1000")
    }

    func testMemberMaxPerDayInJuryCSV() throws {
        let folder = try fixture("csec-demo")
        try setCell(folder, "jury.csv", line: 2, column: 11, to: "2305843009213693820")
        assertRefused(folder, commands: ["plan"], at: "jury.csv:2:91", range: "between 0 and 1000")
    }

    func testMaxSittingsPerDay() throws {
        let folder = try fixture("csec-demo")
        try edit(folder, "campaign.yaml") { $0.replacingOccurrences(of: "max_sittings_per_day: 8", with: "max_sittings_per_day: 135637824071393762") }
        assertRefused(folder, commands: ["plan"], at: "campaign.yaml:11:32", range: "between 1 and 1000")
    }

    func testJurySize() throws {
        let folder = try fixture("csec-demo")
        try edit(folder, "campaign.yaml") { $0.replacingOccurrences(of: "{id: BC1, ", with: "{id: BC1, jury: 341606371735362058, ") }
        assertRefused(folder, commands: ["plan"], at: "campaign.yaml:15:21", range: "between 0 and 50")
    }

    func testOralWrittenAndGroupMinutes() throws {
        let csec = try fixture("csec-demo")
        try edit(csec, "campaign.yaml") { $0.replacingOccurrences(of: "{id: BC1, ", with: "{id: BC1, minutes: 2305843009213693949, ") }
        assertRefused(csec, commands: ["check", "plan"], at: "campaign.yaml:15:24", range: "between 1 and 1440")

        let written = try fixture("csec-demo")
        try edit(written, "campaign.yaml") { $0.replacingOccurrences(of: "{id: BC3, ", with: "{id: BC3, minutes: 2305843009213693949, ") }
        assertRefused(written, commands: ["check", "plan"], at: "campaign.yaml:17:24", range: "between 1 and 1440")

        let group = try fixture("cpas-demo")
        try edit(group, "campaign.yaml") { $0.replacingOccurrences(of: "collectif\", minutes: 60", with: "collectif\", minutes: 2305843009213693949") }
        assertRefused(group, commands: ["check", "plan"], at: "campaign.yaml:17:70", range: "between 1 and 1440")
    }

    func testBufferAndBreakMinutes() throws {
        let buffer = try fixture("csec-demo")
        try edit(buffer, "campaign.yaml") { $0.replacingOccurrences(of: "buffer_minutes: 10", with: "buffer_minutes: 9223372036854775568") }
        assertRefused(buffer, commands: ["plan"], at: "campaign.yaml:9:17", range: "between 0 and 720")

        let pause = try fixture("csec-demo")
        try edit(pause, "campaign.yaml") { $0.replacingOccurrences(of: "min_break_minutes: 30", with: "min_break_minutes: 9223372036854775807") }
        assertRefused(pause, commands: ["plan"], at: "campaign.yaml:10:54", range: "between 0 and 1440")
    }

    func testRoomCapacity() throws {
        let folder = try fixture("csec-demo")
        try setCell(folder, "rooms.csv", line: 2, column: 3, to: "9223372036854775781")
        assertRefused(folder, commands: ["plan"], at: "rooms.csv:2:45", range: "between 0 and 100000")
    }

    func testPacteBufferAndSittingsPerDay() throws {
        let buffer = try fixture("pacte-demo")
        try edit(buffer, "campaign.yaml") { $0.replacingOccurrences(of: "buffer_minutes: 15", with: "buffer_minutes: 4611686018427387904") }
        assertRefused(buffer, commands: ["plan"], at: "campaign.yaml:10:17", range: "between 0 and 720")

        let sittings = try fixture("pacte-demo")
        try edit(sittings, "campaign.yaml") { $0.replacingOccurrences(of: "max_sittings_per_day: 6", with: "max_sittings_per_day: 4611686018427387904") }
        assertRefused(sittings, commands: ["plan"], at: "campaign.yaml:12:32", range: "between 1 and 1000")
    }
}
