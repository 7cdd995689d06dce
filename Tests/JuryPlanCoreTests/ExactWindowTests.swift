import XCTest
import JuryPlanCore

/// Issue 15: members available only in scattered time ranges, as staff give them in real
/// sessions. Each campaign is a tight generated one whose members are made available exactly
/// when its witness has them sit (and never otherwise), so a lawful plan exists but almost no
/// slack: a member free 10:50-11:50 can sit only a sitting that fits there. Before the insertion
/// ranked members by the slack of their free stretch and tried starts where a window closes, 2
/// of 8 such PACTE sessions of 60 candidates planned and no CPAS one.
final class ExactWindowTests: XCTestCase {
    func testSessionsWithExactMemberWindowsPlanWhole() throws {
        var planned = 0
        for preset in [PresetName.pacte, .cpas] {
            for seed: UInt64 in 1...3 {
                let label = "\(preset.rawValue) 24 seed \(seed)"
                let (loose, witness) = try XCTUnwrap(TightSessionGenerator(preset: preset, candidates: 24, seed: seed).generate(), label)
                let campaign = TightSessionGenerator.exactHours(loose, witness: witness)
                XCTAssertEqual(RuleCatalogue.audit(witness, against: campaign).breaches.map(\.description), [], "\(label): the witness must stay lawful")
                switch Planner(campaign: campaign, options: PlanOptions(timeLimit: 120)).run() {
                case .planned(let plan):
                    XCTAssertEqual(plan.unplaced.map(\.description), [], label)
                    XCTAssertEqual(RuleCatalogue.audit(plan.schedule, against: campaign).breaches.map(\.description), [], label)
                    XCTAssertEqual(PlannerPropertyTests.registrationProblems(plan.schedule, campaign), [], label)
                    // Every member sits only inside the ranges the witness gave them.
                    let windows = Dictionary(uniqueKeysWithValues: campaign.members.map { ($0.id, AvailabilityWindows($0.available, hours: campaign.hours)) })
                    for row in plan.schedule.rows {
                        for id in row.jury { XCTAssertTrue(windows[id]?.covers(row.day, row.time) ?? false, "\(label): \(id) at \(row.day.iso) \(row.time)") }
                    }
                    planned += 1
                case .infeasible(let reasons):
                    XCTFail("\(label): reported impossible although the witness is lawful: \(reasons.prefix(3))")
                case .notFound(let reasons, let partial):
                    XCTFail("\(label): not found; left out \(partial?.unplaced.map(\.description) ?? reasons)")
                }
            }
        }
        XCTAssertEqual(planned, 6)
    }
}
