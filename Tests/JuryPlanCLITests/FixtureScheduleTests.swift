import Foundation
import XCTest
import JuryPlanCore
import JuryPlanIO
@testable import JuryPlanCLI

/// The demo fixtures' hand-made schedules (issue 3): each `schedule.csv` keeps every rule, and
/// each `schedule-broken.csv` breaks exactly the rules listed in the README beside it, on the
/// listed lines, naming the listed people. The README is read as written, so the test fails
/// if either the checker or the list drifts.
final class FixtureScheduleTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = ["csec-demo", "pacte-demo", "cpas-demo"]

    struct Listed: Hashable {
        var rule: String
        var lines: [Int]
    }

    /// Rows `| R3 | 30, 36 | J01, J02 | why |` of the README's breach table.
    static func listedBreaches(_ readme: String) -> [Listed: Set<String>] {
        var out: [Listed: Set<String>] = [:]
        for line in readme.split(separator: "\n") where line.hasPrefix("| R") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 5, RuleID(cells[1]) != nil else { continue }
            let lines = cells[2].split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.sorted()
            let people = Set(cells[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
            out[Listed(rule: cells[1], lines: lines), default: []].formUnion(people)
        }
        return out
    }

    func audit(_ fixture: String, _ file: String) throws -> (Audit, Campaign) {
        let folder = Self.packageRoot.appendingPathComponent("fixtures/\(fixture)", isDirectory: true)
        let campaign = try CampaignLoader.load(folder).campaign
        let (schedule, _) = try ScheduleCSV.read(contentsOf: folder.appendingPathComponent(file))
        return (RuleCatalogue.audit(schedule, against: campaign), campaign)
    }

    func testHandMadeSchedulesKeepEveryRule() throws {
        for fixture in Self.fixtures {
            let (audit, _) = try audit(fixture, "schedule.csv")
            XCTAssertTrue(audit.isClean, "\(fixture)/schedule.csv: \(audit.breaches.map(\.description))")
        }
    }

    func testBrokenSchedulesBreakExactlyTheListedRules() throws {
        for fixture in Self.fixtures {
            let readme = try String(contentsOf: Self.packageRoot.appendingPathComponent("fixtures/\(fixture)/README.md"), encoding: .utf8)
            let listed = Self.listedBreaches(readme)
            XCTAssertGreaterThanOrEqual(listed.count, 8, "\(fixture): the README lists its breaches")
            let (audit, _) = try audit(fixture, "schedule-broken.csv")
            var found: [Listed: Set<String>] = [:]
            for b in audit.breaches { found[Listed(rule: b.rule.description, lines: b.lines), default: []].formUnion(b.people) }
            func describe(_ keys: Dictionary<Listed, Set<String>>.Keys) -> [String] { keys.map { "\($0.rule) \($0.lines)" }.sorted() }
            XCTAssertEqual(Set(found.keys), Set(listed.keys), "\(fixture): reported \(describe(found.keys)), listed \(describe(listed.keys))")
            for (key, people) in listed {
                XCTAssertTrue(people.isSubset(of: found[key] ?? []), "\(fixture) \(key): listed \(people), reported \(found[key] ?? [])")
            }
        }
    }
}
