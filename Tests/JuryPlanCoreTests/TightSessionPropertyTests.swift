import Foundation
import XCTest
import JuryPlanCore

/// Issue 15: sessions where members are scarce, each with a lawful witness. A witness exists, so
/// "impossible" is a false proof and "not found" the planner's failure: both fail the test;
/// every plan must keep every rule and seat every registration.
///
/// Replay one case: `JURYPLAN_TIGHT_CASE=csec:12:345678`.
final class TightSessionPropertyTests: XCTestCase {
    static let masterSeed: UInt64 = 20_261_204
    static let presets: [PresetName] = [.csec, .pacte, .cpas]
    /// 3 × 30 = 90 tight campaigns (with the 24 defence sessions of `CommitteePlannerTests` and
    /// the 300 preset campaigns of `PlannerPropertyTests`).
    static let campaignsPerPreset = 30
    static let sizes = 2...20
    static let options = PlanOptions(timeLimit: 30)

    struct Verdict {
        var problems: [String] = []
        var notFound: String?
    }

    /// What is wrong on one tight campaign; nil when there was no witness to plant (the loose
    /// campaign did not plan whole).
    static func check(_ preset: PresetName, candidates: Int, seed: UInt64) -> Verdict? {
        guard let (campaign, witness) = TightSessionGenerator(preset: preset, candidates: candidates, seed: seed).generate() else { return nil }
        var problems: [String] = [], notFound: String?
        let witnessAudit = RuleCatalogue.audit(witness, against: campaign)
        problems += witnessAudit.breaches.prefix(3).map { "witness breach \($0.description)" }
        // A last pass whose result breaks a rule is dropped silently by the planner (the plan
        // stays lawful); here it is a failure: such a pass is a bug.
        let dropped = ProgressLines()
        var options = Self.options
        options.progress = { line in if line.contains("keeping the plan without them") { dropped.append(line) } }
        switch Planner(campaign: campaign, options: options).run() {
        case .planned(let plan):
            if plan.isPartial { problems.append("partial plan: \(plan.unplaced.prefix(3).map(\.description))") }
            problems += RuleCatalogue.audit(plan.schedule, against: campaign).breaches.map { "breach \($0.description)" }
            problems += PlannerPropertyTests.registrationProblems(plan.schedule, campaign)
        case .infeasible(let reasons):
            problems.append("reported impossible although a witness exists: \(reasons.prefix(3))")
        case .notFound(let reasons, _):
            notFound = "not found although a witness exists: \(reasons.prefix(3))"
        }
        problems += dropped.lines.prefix(2).map { "dropped pass: \($0)" }
        return Verdict(problems: problems, notFound: notFound)
    }

    func testTightSessionsWithAWitnessAllPlan() throws {
        if let single = ProcessInfo.processInfo.environment["JURYPLAN_TIGHT_CASE"] {
            let parts = single.split(separator: ":").map(String.init)
            guard parts.count == 3, let preset = PresetName(rawValue: parts[0]), let n = Int(parts[1]), let seed = UInt64(parts[2]) else {
                return XCTFail("JURYPLAN_TIGHT_CASE must read preset:candidates:seed")
            }
            let verdict = try XCTUnwrap(Self.check(preset, candidates: n, seed: seed), "no witness")
            XCTAssertEqual(verdict.problems, [])
            XCTAssertNil(verdict.notFound)
            return
        }
        var rng = SplitMix64(seed: Self.masterSeed)
        var witnessed = 0, failures: [String] = [], notFound: [String] = []
        let started = Date()
        for index in 0..<Self.campaignsPerPreset {
            for (p, preset) in Self.presets.enumerated() {
                let size = Self.sizes.lowerBound + (index * 7 + p * 3) % Self.sizes.count
                let seed = rng.next() % 1_000_000
                guard let verdict = Self.check(preset, candidates: size, seed: seed) else { continue }
                witnessed += 1
                let problems = verdict.problems
                if let reason = verdict.notFound {
                    print("not found: \(preset.rawValue):\(size):\(seed) \(reason)")
                    notFound.append("\(preset.rawValue):\(size):\(seed)")
                }
                if !problems.isEmpty {
                    let line = "FAILED \(preset.rawValue):\(size):\(seed) (replay: JURYPLAN_TIGHT_CASE=\(preset.rawValue):\(size):\(seed)): "
                        + problems.prefix(5).joined(separator: "; ")
                    print(line)
                    failures.append(line)
                }
            }
        }
        print(String(format: "TightSessionPropertyTests: %d tight campaigns with a witness, %d not found, %d failing, %.1f s",
                     witnessed, notFound.count, failures.count, Date().timeIntervalSince(started)))
        XCTAssertGreaterThanOrEqual(witnessed, Self.campaignsPerPreset * Self.presets.count * 9 / 10, "too few loose campaigns planned whole to plant a witness")
        XCTAssertEqual(failures, [])
        XCTAssertEqual(notFound, [], "not found although a witness exists")
    }

    /// The witness keeps every rule, and members are scarce: the witness fills about half of the
    /// available time of the members it uses.
    func testWitnessIsLawfulAndMembersAreBusy() throws {
        let (campaign, witness) = try XCTUnwrap(TightSessionGenerator(preset: .csec, candidates: 30, seed: 3).generate())
        XCTAssertTrue(RuleCatalogue.audit(witness, against: campaign).isClean)
        var busy: [String: Set<String>] = [:], minutes: [String: Int] = [:]
        for row in witness.rows {
            for m in row.jury where busy[m, default: []].insert("\(row.day) \(row.time) \(row.room)").inserted {
                minutes[m, default: 0] += row.time.minutes
            }
        }
        XCTAssertFalse(minutes.isEmpty)
        var used = 0, available = 0
        for m in campaign.members {
            let hours = m.available.reduce(0) { $0 + $1.interval(hours: campaign.hours).minutes }
            XCTAssertGreaterThan(hours, 0, "\(m.id) is available some time")
            guard let sat = minutes[m.id] else { continue }
            XCTAssertLessThanOrEqual(sat, hours, m.id)
            used += sat
            available += hours
        }
        // Half-days are added one at a time until each member is at most 50–60 % busy.
        let share = Double(used) / Double(available)
        XCTAssertTrue((0.4...0.62).contains(share), "the witness fills \(share) of its members' available time")
        let (again, witnessAgain) = try XCTUnwrap(TightSessionGenerator(preset: .csec, candidates: 30, seed: 3).generate())
        XCTAssertEqual(again.members.map(\.available), campaign.members.map(\.available), "same seed, same campaign")
        XCTAssertEqual(witnessAgain.rows, witness.rows)
    }
}

/// Progress lines gathered from the planner's threads.
final class ProgressLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.lock(); stored.append(line); lock.unlock() }
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return stored }
}
