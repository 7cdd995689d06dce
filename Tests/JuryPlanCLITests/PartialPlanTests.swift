import Foundation
import XCTest
import JuryPlanCore
import JuryPlanIO
@testable import JuryPlanCLI

/// `plan --allow-partial` on a panel session (CSEC): a candidate whom no professional may examine
/// (all trained them, R10) keeps everyone else from a complete plan; the partial plan places
/// all the others, names each sitting left out with the proof, and passes `check` but for R1.
final class PartialPlanTests: TemporaryFolderTestCase {
    func testPartialPlanOfAPanelSessionPlacesEveryoneElse() throws {
        let folder = scratch.appendingPathComponent("demo", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in ["campaign.yaml", "candidates.csv", "jury.csv", "rooms.csv"] {
            let data = try Data(contentsOf: ExportPaths.csecDemo.appendingPathComponent(name).resolvingSymlinksInPath())
            try data.write(to: folder.appendingPathComponent(name))
        }
        let loaded = try CampaignLoader.load(folder)
        let professionals = loaded.campaign.members.filter { $0.role == .professional }.map(\.id)
        let candidates = folder.appendingPathComponent("candidates.csv")
        var table = try XCTUnwrap(String(data: Data(contentsOf: candidates), encoding: .utf8)).components(separatedBy: "\n")
        let header = table[0].components(separatedBy: ",")
        let trainers = try XCTUnwrap(header.firstIndex(of: "trainers"))
        let first = try XCTUnwrap(table.firstIndex { $0.hasPrefix("C01,") })
        var cells = table[first].components(separatedBy: ",")
        cells[trainers] = professionals.joined(separator: "|")
        table[first] = cells.joined(separator: ",")
        try Data(table.joined(separator: "\n").utf8).write(to: candidates)

        let refused = juryplan(["plan", "--campaign", folder.path, "--out", scratch.appendingPathComponent("none.csv").path])
        XCTAssertEqual(refused.code, 1, refused.err)
        XCTAssertTrue(refused.err.contains("(C01)"), refused.err)

        let out = scratch.appendingPathComponent("partial.csv")
        let partial = juryplan(["plan", "--allow-partial", "--campaign", folder.path, "--out", out.path])
        XCTAssertEqual(partial.code, 0, partial.err)
        XCTAssertTrue(partial.out.contains("Partial plan: 5 sitting(s) could not be placed"), partial.out)
        for exam in ["BC1", "BC2", "BC4", "BC5", "FINAL"] {
            XCTAssertTrue(partial.out.contains("  - \(exam) of C01: "), "\(exam): \(partial.out)")
        }
        let (schedule, _) = try ScheduleCSV.read(contentsOf: out, displayName: "partial.csv")
        let audit = RuleCatalogue.audit(schedule, against: try CampaignLoader.load(folder).campaign)
        XCTAssertEqual(Set(audit.breaches.map(\.rule)), [.r1], "\(audit.breaches.prefix(3))")
        XCTAssertEqual(audit.breaches.count, 5)
        XCTAssertTrue(audit.breaches.allSatisfy { $0.people == ["C01"] })
        XCTAssertFalse(schedule.rows.contains { $0.candidateID == "C01" && $0.exam != "BC3" }, "C01 sits only the written exam")
        XCTAssertEqual(Set(schedule.rows.map(\.candidateID)).count, loaded.campaign.candidates.count)
    }

    /// Exit 3 names what the best partial plan leaves out, not the last layout's guesses.
    func testNotFoundNamesTheBestPartialPlansLeftOutSittings() {
        var figures = PlanFigures()
        figures.sittings = 82
        let left = UnplacedSitting(exam: "B5E2", candidates: ["C00037", "C00038"], reason: "no day, time, room and jury were found for it")
        let partial = Plan(schedule: Schedule(rows: []), figures: figures, unplaced: [left])
        let guesses = (1...30).map { "B3 of C\($0) found no place" }
        let withPartial = PlanningOptions.notFoundReport(guesses, partial: partial)
        XCTAssertEqual(withPartial, [
            "No plan found within the limits: the best plan found leaves 1 sitting(s) out:",
            "  - \(left.description)",
            "It places 82 sittings; `plan --allow-partial` writes it.",
        ])
        let without = PlanningOptions.notFoundReport(guesses, partial: nil)
        XCTAssertEqual(without.first, "No plan found within the limits:")
        XCTAssertEqual(without.count, 22, "20 reasons and a line for the 10 more")
        XCTAssertEqual(without.last, "  … and 10 more")
    }
}
