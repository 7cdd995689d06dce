import XCTest
@testable import JuryPlanCore

/// `DeltaCheck`: what a move breaks, judged on the rows it touches, must be exactly what the
/// whole audit finds new after the move. Lawful witnesses of generated sessions are mutated at
/// random (a row moved in time, to another day or room, a juror or president replaced, a row
/// added twice or taken out) and both answers compared.
final class DeltaCheckTests: XCTestCase {
    private struct Key: Hashable, CustomStringConvertible {
        var rule: RuleID
        var message: String
        var description: String { "\(rule): \(message)" }
    }

    private func keys(_ breaches: [Breach]) -> Set<Key> { Set(breaches.map { Key(rule: $0.rule, message: $0.message) }) }

    func testDeltaCheckFindsWhatTheWholeAuditFindsNewAfterAMove() throws {
        var compared = 0, breaking = 0
        var groupRowsAdded = 0
        for (preset, n, seed) in [(PresetName.csec, 8, UInt64(21)), (.pacte, 10, 22), (.cpas, 10, 23)] {
            let (campaign, witness) = try XCTUnwrap(TightSessionGenerator(preset: preset, candidates: n, seed: seed).generate(), "\(preset)")
            let before = keys(RuleCatalogue.audit(witness, against: campaign).breaches)
            XCTAssertEqual(before, [], "\(preset): the witness is lawful")
            let delta = DeltaCheck(schedule: witness, campaign: campaign)
            var random = SeededRandom(seed: seed)
            for trial in 0..<120 {
                let i = random.int(0...(witness.rows.count - 1))
                var row = witness.rows[i]
                var removed: Set<Int> = [i]
                switch trial % 7 {
                case 0:
                    let start = row.time.start + 5 * (random.int(0...24) - 12)
                    row.time = TimeRange(start: start, end: start + row.time.minutes)
                case 1: row.day = campaign.days[random.int(0...(campaign.days.count - 1))]
                case 2: row.room = campaign.rooms[random.int(0...(campaign.rooms.count - 1))].id
                case 3 where !row.jury.isEmpty:
                    row.jury[random.int(0...(row.jury.count - 1))] = campaign.members[random.int(0...(campaign.members.count - 1))].id
                case 4: removed = []
                case 6:
                    // A second row on another day: a group's rows split over two sittings (R1).
                    row.day = campaign.days[((campaign.days.firstIndex(of: row.day) ?? 0) + 1) % campaign.days.count]
                    removed = []
                default: row.president = campaign.members[random.int(0...(campaign.members.count - 1))].id
                }
                let added = trial % 7 == 5 && trial % 14 == 12 ? [] : [row]
                let after = Schedule(rows: witness.rows.indices.filter { !removed.contains($0) }.map { witness.rows[$0] } + added)
                let expected = keys(RuleCatalogue.audit(after, against: campaign).breaches).subtracting(before)
                let found = keys(delta.breaches(adding: added, removing: removed))
                XCTAssertEqual(found, expected, "\(preset) trial \(trial): row \(i) → \(row)")
                compared += 1
                if removed.isEmpty, campaign.exam(row.exam)?.mode == .group { groupRowsAdded += 1 }
                if !expected.isEmpty { breaking += 1 }
            }
        }
        XCTAssertEqual(compared, 360)
        // The mutations must break rules often enough for the comparison to mean something.
        XCTAssertGreaterThan(breaking, 150, "moves that break a rule")
        XCTAssertGreaterThan(groupRowsAdded, 0, "rows of a group exam added alone")
    }

    /// Restricted to some rules, the delta check reports only those.
    func testDeltaCheckKeepsToTheRulesAskedFor() throws {
        let (campaign, witness) = try XCTUnwrap(TightSessionGenerator(preset: .csec, candidates: 6, seed: 24).generate())
        let delta = DeltaCheck(schedule: witness, campaign: campaign)
        var twice = witness.rows[0]
        twice.line = 0
        XCTAssertFalse(delta.breaches(adding: [twice], rules: [.r1, .r2]).isEmpty, "the same registration twice breaks R1 and R2")
        XCTAssertTrue(delta.breaches(adding: [twice], rules: [.r1, .r2]).allSatisfy { [.r1, .r2].contains($0.rule) })
    }

    /// A group member's row added alone, elsewhere and before another jury, to a plan that
    /// lacks it: the group is then split (R1), though the new row shares no member, room or day
    /// with the group's sitting.
    func testAGroupSplitByARowAddedAloneIsFound() throws {
        let (campaign, witness) = try XCTUnwrap(TightSessionGenerator(preset: .cpas, candidates: 10, seed: 25).generate())
        var checked = 0
        for i in witness.rows.indices where campaign.exam(witness.rows[i].exam)?.mode == .group {
            let base = Schedule(rows: witness.rows.indices.filter { $0 != i }.map { witness.rows[$0] })
            var row = witness.rows[i]
            guard let other = campaign.days.first(where: { $0 != row.day }) else { continue }
            row.day = other
            let strangers = campaign.members.map(\.id).filter { !witness.rows[i].jury.contains($0) }
            guard strangers.count >= row.jury.count else { continue }
            row.jury = Array(strangers.prefix(row.jury.count))
            row.president = ""
            let before = keys(RuleCatalogue.audit(base, against: campaign).breaches)
            let expected = keys(RuleCatalogue.audit(Schedule(rows: base.rows + [row]), against: campaign).breaches).subtracting(before)
            XCTAssertTrue(expected.contains { $0.rule == .r1 && $0.message.contains(" is split over ") }, "\(expected)")
            XCTAssertEqual(keys(DeltaCheck(schedule: base, campaign: campaign).breaches(adding: [row])), expected)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 0)
    }
}
