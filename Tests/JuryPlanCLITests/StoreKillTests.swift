import Foundation
import XCTest
import JuryPlanCore
import JuryPlanIO

/// SIGKILL at random moments of `plan`, `import`, `publish` and `replan` (issue 17, faults): after each
/// kill the store passes `PRAGMA integrity_check`, every plan stored before is intact, at most
/// one plan is published, and the campaign files are whole (the old bytes or the new).
final class StoreKillTests: TemporaryFolderTestCase {
    /// The built `juryplan` beside the test bundle (`swift build --build-tests` builds both).
    static var binary: URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("juryplan"),
            Bundle.main.bundleURL.appendingPathComponent("juryplan"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("juryplan"),
            PlanCommandTests.packageRoot.appendingPathComponent(".build/debug/juryplan"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[3]
    }

    struct Kept: Equatable {
        var rows: [ScheduleRow]
        var inputs: [String: Data]
        var objective: Double
    }

    /// Every stored plan's rows, snapshot and figures.
    func keptPlans(_ folder: URL) throws -> [Int: Kept] {
        let store = try CampaignStore.open(folder, create: false)
        defer { store.close() }
        XCTAssertEqual(try store.integrityCheck(), "ok")
        var kept: [Int: Kept] = [:]
        for plan in try store.plans() {
            kept[plan.number.value] = Kept(rows: try store.schedule(of: plan.number).rows, inputs: try store.inputFiles(of: plan.number),
                                           objective: plan.figures.objective)
        }
        XCTAssertLessThanOrEqual(try store.plans().filter { $0.state == .published }.count, 1)
        return kept
    }

    /// Runs the binary; kills it with SIGKILL after `delay` seconds. True when the kill landed.
    func run(_ arguments: [String], killAfter delay: Double?) throws -> (killed: Bool, seconds: Double) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let started = Date()
        try process.run()
        if let delay {
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        return (process.terminationReason == .uncaughtSignal, Date().timeIntervalSince(started))
    }

    func testKilledAtRandomMomentsTheStoreStaysWhole() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the binary first: \(Self.binary.path)")
        let folder = try copyFiles("campaigns/check_small", into: "small")
        for file in ["schedule_ok.csv", "schedule_breach.csv"] { try FileManager.default.removeItem(at: folder.appendingPathComponent(file)) }
        let campaign = ["--campaign", folder.path]
        // Two rooms files to import in turn, each undoing the other: every import rewrites rooms.csv.
        let roomsURL = folder.appendingPathComponent("rooms.csv")
        let s1 = "id,site,capacity,equipment,available\nS1,\"Bâtiment A; aile \"\"Est\"\"\",1,projector,"
        let variants = [Data((s1 + "2027-06-14 AM\n").utf8), Data((s1 + "\n").utf8)]
        var roomFiles: [URL] = []
        for (i, data) in variants.enumerated() {
            let url = scratch.appendingPathComponent("rooms-\(i).csv")
            try data.write(to: url)
            roomFiles.append(url)
        }
        // Durations of undisturbed runs, to aim the kills inside them.
        var seconds: [String: Double] = [:]
        _ = try run(["plan"] + campaign, killAfter: nil)  // creates the store; the next run is typical
        seconds["plan"] = try run(["plan"] + campaign, killAfter: nil).seconds
        // The files rooms.csv may hold: as it was, then after each import (S1 open in the morning only, or all day).
        var roomsBytes: Set<Data> = [try Data(contentsOf: roomsURL)]
        for file in roomFiles {
            seconds["import"] = try run(["import", "rooms", file.path] + campaign, killAfter: nil).seconds
            roomsBytes.insert(try Data(contentsOf: roomsURL))
        }
        XCTAssertEqual(roomsBytes.count, 3)
        seconds["publish"] = try run(["publish", "1"] + campaign, killAfter: nil).seconds
        // A room closed for the afternoon: replan repairs the published plan (or says it cannot).
        let replan = ["replan", "--absent", "S1@2027-06-14 PM"] + campaign
        seconds["replan"] = try run(replan, killAfter: nil).seconds
        var kept = try keptPlans(folder)
        XCTAssertGreaterThanOrEqual(kept.count, 2)

        var random = SeededRandom(seed: 17)
        var landed: [String: Int] = [:], attempts = 0, imports = 0, storeOpenAtKill = 0, leftoversSeen = Set<String>()
        while landed.values.reduce(0, +) < 24, attempts < 150 {
            attempts += 1
            // The operation with the fewest kills so far, so that each gets its share.
            let operation = ["plan", "import", "publish", "replan"].min { (landed[$0] ?? 0, $0) < (landed[$1] ?? 0, $1) } ?? "plan"
            let arguments: [String]
            switch operation {
            case "plan": arguments = ["plan"] + campaign
            case "replan": arguments = replan
            case "import":
                imports += 1
                arguments = ["import", "rooms", roomFiles[imports % 2].path] + campaign
            default: arguments = ["publish", String(random.int(1...max(1, kept.count)))] + campaign
            }
            // Half the kills anywhere in the run, half in its last half (where the writing is).
            let span = seconds[operation] ?? 0.2
            let fraction = Double(random.int(0...1000)) / 1000
            let delay = random.chance(0.5) ? fraction * span : span * (0.5 + fraction / 2)
            let outcome = try run(arguments, killAfter: delay)
            if outcome.killed { landed[operation, default: 0] += 1 }
            // A write-ahead log left behind: the process had the store open when it was killed.
            if outcome.killed, FileManager.default.fileExists(atPath: folder.appendingPathComponent("campaign.sqlite-wal").path) { storeOpenAtKill += 1 }

            let now = try keptPlans(folder)
            for (number, plan) in kept {
                XCTAssertEqual(now[number], plan, "plan \(number) changed after a kill of `\(operation)` at \(delay) s")
            }
            XCTAssertTrue(now.count == kept.count || (["plan", "replan"].contains(operation) && now.count == kept.count + 1), "\(kept.count) → \(now.count) plans")
            kept = now
            XCTAssertTrue(roomsBytes.contains(try Data(contentsOf: roomsURL)), "rooms.csv is whole: as before or after an import")
            XCTAssertNoThrow(try CampaignLoader.load(folder), "the campaign loads after a kill of `\(operation)` at \(delay) s")
            // A killed write may leave its hidden temporary file (never a half-written target),
            // which the next write of that file removes.
            let leftovers = Set(["schedule.csv", "rooms.csv"].flatMap { AtomicFile.leftovers(of: folder.appendingPathComponent($0)) }.map(\.lastPathComponent))
            let strays = try listing(folder).filter { !(CampaignLoader.inputFileNames + ["schedule.csv"]).contains($0) && !$0.hasPrefix("campaign.sqlite") }
            XCTAssertEqual(Set(strays).subtracting(leftovers), [], "only the temporary files of killed writes")
            leftoversSeen.formUnion(strays)
        }
        print("StoreKillTests: \(attempts) runs, kills landed: \(landed.sorted { $0.key < $1.key }), with the store open: \(storeOpenAtKill), temporary files of killed writes: \(leftoversSeen.count), plans kept: \(kept.count)")
        XCTAssertGreaterThanOrEqual(landed.values.reduce(0, +), 20, "kills that landed: \(landed)")
        for operation in ["plan", "import", "publish", "replan"] { XCTAssertGreaterThan(landed[operation] ?? 0, 0, operation) }
        // After every kill, the next commands work, and sweep the temporary files of killed writes.
        XCTAssertEqual(try run(["plan"] + campaign, killAfter: nil).killed, false)
        XCTAssertEqual(try keptPlans(folder).count, kept.count + 1)
        for file in roomFiles { XCTAssertEqual(try run(["import", "rooms", file.path] + campaign, killAfter: nil).killed, false) }
        XCTAssertEqual(try listing(folder), (CampaignLoader.inputFileNames + ["campaign.sqlite", "schedule.csv"]).sorted())
    }

    /// Two imports into rooms.csv at once, and a publish: each waits for the other's write, so
    /// neither import's room is lost (without the lock, the second would merge into the old file).
    func testCommandsAtOnceWaitForEachOther() throws {
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the binary first: \(Self.binary.path)")
        let folder = try copyFiles("campaigns/check_small", into: "small")
        let campaign = ["--campaign", folder.path]
        XCTAssertFalse(try run(["plan"] + campaign, killAfter: nil).killed)
        var processes: [Process] = []
        for room in ["R8", "R9"] {
            let url = scratch.appendingPathComponent("\(room).csv")
            try Data("id,site,capacity,equipment\n\(room),Annexe,4,projector\n".utf8).write(to: url)
            for arguments in [["import", "rooms", url.path] + campaign, ["publish", "1"] + campaign] {
                let process = Process()
                process.executableURL = Self.binary
                process.arguments = arguments
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                processes.append(process)
            }
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        XCTAssertEqual(processes.map(\.terminationStatus), [0, 0, 0, 0])
        let rooms = try CampaignLoader.load(folder).campaign.rooms.map(\.id)
        // Both rooms (the loader puts rows in id order, whichever import took the lock first).
        XCTAssertEqual(rooms, ["R8", "R9", "S1", "S2"])
        let store = try CampaignStore.open(folder, create: false)
        defer { store.close() }
        XCTAssertEqual(try store.importCount(), 2)
        XCTAssertEqual(try store.plans().map(\.state), [.published])
    }
}
