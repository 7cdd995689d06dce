import Foundation
import XCTest
import JuryPlanCore
import JuryPlanIO
@testable import JuryPlanCLI

/// `export` reads campaign.sqlite once plans are stored: the published plan by default (what
/// people were sent), else the latest, or `--plan N`; its number and creation time reach the files.
final class StoredPlanExportTests: TemporaryFolderTestCase {
    private func exportedJSON(_ folder: URL, _ extra: [String] = []) throws -> [String: Any] {
        let out = scratch.appendingPathComponent("out-\(UUID().uuidString)")
        let result = juryplan(["export", "--format", "json", "--campaign", folder.path, "--out", out.path] + extra)
        XCTAssertEqual(result.code, 0, result.err)
        let data = try Data(contentsOf: out.appendingPathComponent("plan.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    private func source(_ json: [String: Any]) -> String {
        let plan = json["plan"] as? [String: Any] ?? json
        return (plan["source"] as? String) ?? (json["source"] as? String) ?? "\(json.keys.sorted())"
    }

    func testExportFollowsThePublishedPlanThenTheLatestOrTheOneNamed() throws {
        let folder = try copyFiles("campaigns/check_small", into: "small")
        XCTAssertEqual(juryplan(["plan", "--campaign", folder.path]).code, 0)
        XCTAssertEqual(juryplan(["plan", "--campaign", folder.path]).code, 0)
        let latest = try exportedJSON(folder)
        XCTAssertTrue("\(latest)".contains("plan 2"), "no plan published: the latest (\(source(latest)))")
        XCTAssertEqual(juryplan(["publish", "1", "--campaign", folder.path]).code, 0)
        XCTAssertTrue("\(try exportedJSON(folder))".contains("plan 1"), "the published plan")
        XCTAssertTrue("\(try exportedJSON(folder, ["--plan", "2"]))".contains("plan 2"))
        let file = try exportedJSON(folder, ["--schedule", folder.appendingPathComponent("schedule_ok.csv").path])
        XCTAssertTrue("\(file)".contains("schedule_ok.csv"))
        let refused = juryplan(["export", "--format", "json", "--campaign", folder.path, "--plan", "9"])
        XCTAssertEqual(refused.code, 2, refused.err)
    }
}
