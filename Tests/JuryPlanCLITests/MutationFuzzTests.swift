import Foundation
import XCTest
@testable import JuryPlanCLI

/// Issue 16: seeded mutants of the fixtures (one edit each: a large or negative number, a stray
/// byte, a line dropped, doubled or swapped, a cell blanked, a file cut short). On every one,
/// `check` and `plan` exit with 0, 1, 2 or 3 (a trap would kill the test run); exit 2 names a
/// file; a failed `plan` writes nothing; a plan written passes `check`.
final class MutationFuzzTests: TemporaryFolderTestCase {
    private static let files = ["campaign.yaml", "candidates.csv", "jury.csv", "rooms.csv", "schedule.csv"]
    private static let numbers = ["0", "-1", "1441", "721", "99999999999", "2305843009213693952", "9223372036854775807", "1e9"]
    private static let strays = ["\u{0}", "\u{301}", "\u{200D}", "\"", "\t", "|", ",", ";", "\n", "é", "\r"]

    private var random = SplitMixGenerator(seed: 16)

    private func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    private func number(below n: Int) -> Int { n <= 0 ? 0 : Int(random.next() % UInt64(n)) }

    /// One seeded edit of `bytes`; returns what was done, for failure messages.
    private func mutate(_ bytes: inout [UInt8]) -> String {
        var lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
        switch number(below: 8) {
        case 0:
            let text = String(decoding: bytes, as: UTF8.self)
            let runs = text.ranges(of: /[0-9]+/)
            guard !runs.isEmpty else { return "no number" }
            let run = runs[number(below: runs.count)], value = pick(Self.numbers)
            bytes = Array(text.replacingCharacters(in: run, with: value).utf8)
            return "number \(text[run]) → \(value)"
        case 1:
            let at = number(below: bytes.count + 1), stray = pick(Self.strays)
            bytes.insert(contentsOf: Array(stray.utf8), at: at)
            return "inserted \(stray.debugDescription) at byte \(at)"
        case 2:
            let k = number(below: lines.count)
            lines.remove(at: k)
            bytes = Array(lines.joined(separator: "\n").utf8)
            return "dropped line \(k + 1)"
        case 3:
            let k = number(below: lines.count)
            lines.insert(lines[k], at: k)
            bytes = Array(lines.joined(separator: "\n").utf8)
            return "doubled line \(k + 1)"
        case 4:
            let a = number(below: lines.count), b = number(below: lines.count)
            lines.swapAt(a, b)
            bytes = Array(lines.joined(separator: "\n").utf8)
            return "swapped lines \(a + 1) and \(b + 1)"
        case 5:
            let k = number(below: lines.count)
            var cells = lines[k].components(separatedBy: ",")
            let c = number(below: cells.count)
            cells[c] = ""
            lines[k] = cells.joined(separator: ",")
            bytes = Array(lines.joined(separator: "\n").utf8)
            return "blanked cell \(c + 1) of line \(k + 1)"
        case 6:
            let at = number(below: bytes.count + 1)
            bytes.removeSubrange(at...)
            return "cut at byte \(at)"
        default:
            guard !bytes.isEmpty else { return "empty" }
            let at = number(below: bytes.count), byte = pick([0x81, 0xE9, 0xFF, 0x00] as [UInt8])
            bytes[at] = byte
            return "byte \(at) → \(byte)"
        }
    }

    private func fixture(_ name: String, into folder: URL) throws {
        let from = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures/\(name)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in Self.files {
            try Data(contentsOf: from.appendingPathComponent(file).resolvingSymlinksInPath()).write(to: folder.appendingPathComponent(file))
        }
    }

    private func assertNamesAFile(_ result: RunResult, _ what: String) {
        let first = result.err.split(separator: "\n").first { $0.contains("error") }.map(String.init) ?? ""
        XCTAssertTrue(Self.files.contains { first.hasPrefix($0) }, "\(what): exit 2 must name a file: \(result.err.prefix(300))")
    }

    func testMutantsNeverCrash() throws {
        // csec-demo takes seconds to plan in a debug build: its mutants are checked, the smaller ones planned too.
        let fixtures = ["csec-demo", "pacte-demo", "cpas-demo"]
        var exits: [Int32: Int] = [:]
        for n in 0..<240 {
            let name = fixtures[n % fixtures.count]
            let folder = scratch.appendingPathComponent("mutant-\(n)", isDirectory: true)
            try fixture(name, into: folder)
            let file = pick(Self.files)
            let url = folder.appendingPathComponent(file)
            var bytes = [UInt8](try Data(contentsOf: url))
            let edit = mutate(&bytes)
            try Data(bytes).write(to: url)
            let what = "mutant \(n) of \(name), \(file): \(edit)"

            let checked = juryplan(["check", "--campaign", folder.path])
            XCTAssertTrue((0...3).contains(checked.code), "\(what): check exit \(checked.code)")
            if checked.code == 2 { assertNamesAFile(checked, what + " (check)") }
            exits[checked.code, default: 0] += 1

            guard name != "csec-demo", file != "schedule.csv" else { continue }
            let out = folder.appendingPathComponent("planned.csv")
            let planned = juryplan(["plan", "--campaign", folder.path, "--out", out.path, "--time-limit", "20"])
            XCTAssertTrue((0...3).contains(planned.code), "\(what): plan exit \(planned.code)")
            if planned.code == 2 { assertNamesAFile(planned, what + " (plan)") }
            if planned.code != 0 {
                XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "\(what): a failed plan must write nothing")
            } else {
                let audit = juryplan(["check", out.path, "--campaign", folder.path])
                XCTAssertEqual(audit.code, 0, "\(what): the plan written must pass check: \(audit.out.suffix(500))")
            }
        }
        // The mutants reach both sides: some still pass, many are refused.
        XCTAssertGreaterThan(exits[2, default: 0], 40, "\(exits)")
        XCTAssertGreaterThan(exits[0, default: 0] + exits[1, default: 0], 40, "\(exits)")
    }
}

/// A seeded generator (SplitMix64), so that every run makes the same mutants.
struct SplitMixGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
