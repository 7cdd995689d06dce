import Foundation
import XCTest
@testable import JuryPlanCLI

/// Issue 16, through the command line: damaged input files are refused with file, line and
/// column, or read right; never silently reshaped.
final class DamagedInputTests: TemporaryFolderTestCase {
    private func fixture(_ name: String) throws -> URL {
        let from = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures/\(name)")
        let to = scratch.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: to, withIntermediateDirectories: true)
        for file in ["campaign.yaml", "candidates.csv", "jury.csv", "rooms.csv"] {
            try Data(contentsOf: from.appendingPathComponent(file).resolvingSymlinksInPath()).write(to: to.appendingPathComponent(file))
        }
        return to
    }

    private func replace(_ old: String, _ new: String, in file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "\(old) in \(file.lastPathComponent)")
        try Data(text.replacingOccurrences(of: old, with: new).utf8).write(to: file)
    }

    /// pacte-demo's P12 with U+0301 at the start of the e-mail cell: the cell no longer swallows
    /// the comma before it, so the row keeps its shape and P12's THESIS is planned.
    func testACombiningMarkAfterADelimiterKeepsTheRow() throws {
        let folder = try fixture("pacte-demo")
        try replace("P12,Combes,Hervé,herve", "P12,Combes,Hervé,\u{301}herve", in: folder.appendingPathComponent("candidates.csv"))
        let result = juryplan(["plan", "--campaign", folder.path])
        XCTAssertEqual(result.code, 0, result.err)
        XCTAssertEqual(result.err, "", "no warning: the row is read as written")
        let schedule = try String(contentsOf: folder.appendingPathComponent("schedule.csv"), encoding: .utf8)
        XCTAssertTrue(schedule.contains(",THESIS,P12,"), schedule)
    }

    func testCampaignYAMLMustBeUTF8() throws {
        let folder = try fixture("csec-demo")
        let url = folder.appendingPathComponent("campaign.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        // The same text in Windows-1252 ("é" is the byte E9, "—" the byte 97).
        let latin = try XCTUnwrap(text.replacingOccurrences(of: "—", with: "-").data(using: .windowsCP1252))
        try latin.write(to: url)
        let result = juryplan(["check", "--campaign", folder.path])
        XCTAssertEqual(result.code, 2)
        XCTAssertTrue(result.err.hasPrefix("campaign.yaml:1:"), result.err)
        XCTAssertTrue(result.err.contains("is not valid UTF-8: campaign.yaml must be saved as UTF-8 text"), result.err)
    }

    func testARoomRowWrittenWithTabsIsRefused() throws {
        let folder = try fixture("csec-demo")
        let rooms = folder.appendingPathComponent("rooms.csv")
        var lines = try String(contentsOf: rooms, encoding: .utf8).components(separatedBy: "\n")
        lines[2] = lines[2].replacingOccurrences(of: ",", with: "\t")
        try Data(lines.joined(separator: "\n").utf8).write(to: rooms)
        let result = juryplan(["plan", "--campaign", folder.path])
        XCTAssertEqual(result.code, 2)
        XCTAssertTrue(result.err.hasPrefix("rooms.csv:3:"), result.err)
        XCTAssertTrue(result.err.contains("separated by a tab"), result.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("schedule.csv").path))
    }

    func testADoubledQuoteAroundAnIDIsRefused() throws {
        let folder = try fixture("csec-demo")
        let jury = folder.appendingPathComponent("jury.csv")
        try replace("\nJ02,", "\n\"\"J02\"\",", in: jury)
        let result = juryplan(["check", "--campaign", folder.path])
        XCTAssertEqual(result.code, 2)
        XCTAssertEqual(result.err, "jury.csv:3:6: error: stray quote after the quoted field that starts at column 1: a quote inside a quoted field is written \"\"\n")
    }

    func testAnAvailabilityOfOnlySeparatorsIsRefused() throws {
        let folder = try fixture("csec-demo")
        let rooms = folder.appendingPathComponent("rooms.csv")
        var lines = try String(contentsOf: rooms, encoding: .utf8).components(separatedBy: "\n")
        XCTAssertTrue(lines[1].hasSuffix(","), lines[1])
        lines[1] += "|"
        try Data(lines.joined(separator: "\n").utf8).write(to: rooms)
        let result = juryplan(["check", "--campaign", folder.path])
        XCTAssertEqual(result.code, 2)
        XCTAssertTrue(result.err.hasPrefix("rooms.csv:2:"), result.err)
        XCTAssertTrue(result.err.contains("'|' lists no date"), result.err)
    }

    func testABlankCapacityForAWrittenExamIsReadAsOneSeatWithAWarning() throws {
        let folder = try fixture("csec-demo")
        let rooms = folder.appendingPathComponent("rooms.csv")
        try replace("Auvergne-Rhône-Alpes,40,", "Auvergne-Rhône-Alpes,,", in: rooms)
        let result = juryplan(["check", "--campaign", folder.path, "--format", "json"])
        XCTAssertTrue(result.err.contains("rooms.csv:2:"), result.err)
        XCTAssertTrue(result.err.contains("the capacity is empty and read as 1 seat"), result.err)
    }

    func testRepeatedWarningsAreSummarised() throws {
        let folder = try fixture("csec-demo")
        let candidates = folder.appendingPathComponent("candidates.csv")
        var lines = try String(contentsOf: candidates, encoding: .utf8).components(separatedBy: "\n")
        lines[0] += (1...1_000).map { ",extra\($0)" }.joined()
        try Data(lines.joined(separator: "\n").utf8).write(to: candidates)
        let result = juryplan(["check", "--campaign", folder.path])
        let warnings = result.err.split(separator: "\n").filter { $0.contains(": warning: ") }
        // 1,000 unknown columns and 30 short rows: 20 of each kind, then one count of each.
        XCTAssertEqual(warnings.count, 42, result.err)
        XCTAssertTrue(warnings.contains { $0 == "candidates.csv: warning: … and 980 more warnings like \"unknown column \"extra1\" is ignored\"" }, result.err)
        XCTAssertTrue(warnings.contains { $0.hasPrefix("candidates.csv: warning: … and 10 more warnings like \"this row has 13 fields") }, result.err)
    }

    func testALongStructureNameIsRefused() throws {
        let folder = try fixture("csec-demo")
        try replace("MSP des Pentes", String(repeating: "MSP des Pentes ", count: 20), in: folder.appendingPathComponent("jury.csv"))
        let result = juryplan(["check", "--campaign", folder.path])
        XCTAssertEqual(result.code, 2)
        XCTAssertTrue(result.err.hasPrefix("jury.csv:2:"), result.err)
        XCTAssertTrue(result.err.contains("this name is longer than 200 characters"), result.err)
    }
}
