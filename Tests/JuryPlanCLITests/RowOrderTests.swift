import Foundation
import XCTest
import JuryPlanIO
@testable import JuryPlanCLI

/// Issue 16: the same campaign gives the byte-identical plan whatever the order of the rows of
/// candidates.csv, jury.csv and rooms.csv, and messages still name each row's line in its file.
final class RowOrderTests: TemporaryFolderTestCase {
    private static let peopleFiles = ["candidates.csv", "jury.csv", "rooms.csv"]

    private func copyFixture(_ name: String, as copy: String) throws -> URL {
        let from = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures/\(name)")
        let to = scratch.appendingPathComponent(copy, isDirectory: true)
        try FileManager.default.createDirectory(at: to, withIntermediateDirectories: true)
        for file in ["campaign.yaml"] + Self.peopleFiles {
            try Data(contentsOf: from.appendingPathComponent(file).resolvingSymlinksInPath()).write(to: to.appendingPathComponent(file))
        }
        return to
    }

    private func copyFolder(_ folder: URL, as copy: String) throws -> URL {
        let to = scratch.appendingPathComponent(copy, isDirectory: true)
        try FileManager.default.copyItem(at: folder, to: to)
        return to
    }

    /// Shuffles the data rows (one physical line each in these files) with a seeded generator.
    private func shuffleRows(_ folder: URL, seed: UInt64) throws {
        var generator = SplitMix(seed)
        for file in Self.peopleFiles {
            let url = folder.appendingPathComponent(file)
            var lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
            let header = lines.removeFirst()
            var shuffled = lines.shuffled(using: &generator)
            if shuffled == lines { shuffled.reverse() }
            try Data(([header] + shuffled).joined(separator: "\n").appending("\n").utf8).write(to: url)
        }
    }

    private func plannedSchedule(_ folder: URL) throws -> Data {
        let result = juryplan(["plan", "--campaign", folder.path])
        XCTAssertEqual(result.code, 0, result.err)
        return try Data(contentsOf: folder.appendingPathComponent("schedule.csv"))
    }

    private func assertSamePlanWhenShuffled(_ original: URL, seeds: [UInt64]) throws {
        let reference = try plannedSchedule(original)
        XCTAssertFalse(reference.isEmpty)
        for seed in seeds {
            let shuffled = try copyFolder(original, as: original.lastPathComponent + "-shuffled-\(seed)")
            try? FileManager.default.removeItem(at: shuffled.appendingPathComponent("schedule.csv"))
            try shuffleRows(shuffled, seed: seed)
            XCTAssertNotEqual(try Data(contentsOf: shuffled.appendingPathComponent("candidates.csv")),
                              try Data(contentsOf: original.appendingPathComponent("candidates.csv")))
            XCTAssertEqual(try plannedSchedule(shuffled), reference, "\(original.lastPathComponent), seed \(seed): shuffled rows changed the plan")
        }
    }

    func testShuffledFixtureRowsGiveTheSamePlan() throws {
        try assertSamePlanWhenShuffled(try copyFixture("pacte-demo", as: "pacte"), seeds: [1, 2])
        try assertSamePlanWhenShuffled(try copyFixture("cpas-demo", as: "cpas"), seeds: [3])
    }

    func testShuffledGeneratedRowsGiveTheSamePlan() throws {
        let folder = scratch.appendingPathComponent("generated", isDirectory: true)
        XCTAssertEqual(juryplan(["generate", "--preset", "cpas", "--candidates", "60", "--seed", "5", folder.path]).code, 0)
        try assertSamePlanWhenShuffled(folder, seeds: [4])
    }

    /// Rows are planned in id order, but each keeps the line it has in its file.
    func testRowsKeepTheirLinesAfterReordering() throws {
        let folder = try copyFixture("pacte-demo", as: "lines")
        try shuffleRows(folder, seed: 9)
        let loaded = try CampaignLoader.load(folder)
        let lines = try String(contentsOf: folder.appendingPathComponent("candidates.csv"), encoding: .utf8).split(separator: "\n")
        let ids: [String] = loaded.campaign.candidates.map(\.id)
        XCTAssertEqual(ids, ids.sorted(), "pacte-demo's ids (P01…P30) are in id order")
        for candidate in loaded.campaign.candidates {
            XCTAssertTrue(lines[candidate.line - 1].hasPrefix(candidate.id + ","), "\(candidate.id) is on line \(candidate.line)")
        }
    }
}

/// A small seeded generator, so that the shuffles are the same on every run.
private struct SplitMix: RandomNumberGenerator {
    private var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
