import Foundation
import GRDB
import XCTest
import JuryPlanCore
@testable import JuryPlanIO

/// campaign.sqlite on a real file (issue 17): numbered plans with their snapshots and figures,
/// publication, plans that never change, and refusal of a store from a newer juryplan.
final class CampaignStoreTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("juryplan-store-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    static func row(_ candidate: String, _ exam: String, _ date: String, _ start: String, _ end: String, room: String, jury: [String]) -> ScheduleRow {
        ScheduleRow(day: Day(parsing: date)!, time: TimeRange(start: Clock.minutes(start)!, end: Clock.minutes(end)!),
                    site: "Site A", room: room, exam: exam, candidateID: candidate, candidateName: "Name \(candidate)", jury: jury,
                    president: jury.count == 3 ? jury[1] : "")
    }

    static func newPlan(rows: [ScheduleRow], objective: Double, candidates: String = "id\nC01\n") -> NewPlan {
        var figures = PlanFigures()
        figures.objective = objective
        figures.bound = objective * 0.8
        figures.memberDays = 7
        figures.roomHalfDaysBound = 3
        figures.repeatedExaminers = 2
        figures.preferencesMet = 4
        figures.preferencesTotal = 9
        figures.seconds = 1.25
        figures.rows = rows.count
        return NewPlan(schedule: Schedule(rows: rows), figures: figures, options: ["time-limit": "60", "gap": "0.001"],
                       inputFiles: ["campaign.yaml": Data("name: x\n".utf8), "candidates.csv": Data(candidates.utf8)],
                       campaignName: "Session de test")
    }

    let rows = [
        row("C02", "BC4", "2027-06-14", "10:00", "10:30", room: "S2", jury: ["M01", "M02"]),
        row("C01", "FINAL", "2027-06-14", "09:00", "09:30", room: "S1", jury: ["M01", "M03", "M04"]),
    ]

    func testPlansAreNumberedAndKeepRowsFiguresOptionsAndInputBytes() throws {
        let store = try CampaignStore.open(folder, create: true)
        defer { store.close() }
        XCTAssertEqual(try store.plans().count, 0)
        XCTAssertEqual(try store.record(Self.newPlan(rows: rows, objective: 1000)), PlanNumber(1))
        XCTAssertEqual(try store.record(Self.newPlan(rows: Array(rows.prefix(1)), objective: 900, candidates: "id\nC02\n")), PlanNumber(2))

        let plans = try store.plans()
        XCTAssertEqual(plans.map(\.number.value), [1, 2])
        XCTAssertEqual(plans.map(\.state), [.draft, .draft])
        let first = plans[0]
        XCTAssertEqual(first.figures.objective, 1000)
        XCTAssertEqual(first.figures.bound, 800)
        XCTAssertEqual(first.figures.gap, 0.2, accuracy: 1e-12)
        XCTAssertEqual(first.figures.memberDays, 7)
        XCTAssertEqual(first.figures.roomHalfDaysBound, 3)
        XCTAssertEqual(first.figures.repeatedExaminers, 2)
        XCTAssertEqual(first.figures.preferencesUnmet, 5)
        XCTAssertEqual(first.figures.seconds, 1.25)
        XCTAssertEqual(first.options, ["time-limit": "60", "gap": "0.001"])
        XCTAssertTrue(first.complete)
        XCTAssertEqual(first.campaignName, "Session de test")
        XCTAssertEqual(first.inputs["candidates.csv"], SHA256.hex(Data("id\nC01\n".utf8)))

        // Rows come back in schedule order, every cell kept.
        let schedule = try store.schedule(of: PlanNumber(1))
        XCTAssertEqual(schedule.rows.map(\.candidateID), ["C01", "C02"])
        XCTAssertEqual(schedule.rows[0].jury, ["M01", "M03", "M04"])
        XCTAssertEqual(schedule.rows[0].president, "M03")
        XCTAssertEqual(schedule.rows[0].time, TimeRange(start: 540, end: 570))
        XCTAssertEqual(schedule.rows[1].site, "Site A")
        XCTAssertEqual(schedule.rows[1].candidateName, "Name C02")
        XCTAssertEqual(schedule.file, "plan 1")
        XCTAssertEqual(try store.schedule(of: PlanNumber(2)).rows.count, 1)

        // Snapshots: the bytes as given; the unchanged campaign.yaml is stored once.
        XCTAssertEqual(try store.inputFiles(of: PlanNumber(2))["candidates.csv"], Data("id\nC02\n".utf8))
        XCTAssertEqual(try store.inputFiles(of: PlanNumber(1))["candidates.csv"], Data("id\nC01\n".utf8))
        let blobs = try DatabaseQueue(path: store.url.path).read { try Int.fetchOne($0, sql: "SELECT count(*) FROM input_file") }
        XCTAssertEqual(blobs, 3)

        XCTAssertThrowsError(try store.plan(PlanNumber(3))) { error in
            XCTAssertTrue("\(error)".contains("no plan 3: the store has plans 1 to 2"), "\(error)")
        }
        XCTAssertEqual(try store.integrityCheck(), "ok")
    }

    func testOnePublishedPlanAtATimeAndEarlierOnesKept() throws {
        let store = try CampaignStore.open(folder, create: true)
        defer { store.close() }
        for objective in [300.0, 200, 100] { _ = try store.record(Self.newPlan(rows: rows, objective: objective)) }
        XCTAssertNil(try store.publish(PlanNumber(1)))
        XCTAssertEqual(try store.publish(PlanNumber(3)), PlanNumber(1))
        XCTAssertEqual(try store.plans().map(\.state), [.superseded, .draft, .published])
        // Publishing a superseded plan again supersedes the current one.
        XCTAssertEqual(try store.publish(PlanNumber(1)), PlanNumber(3))
        XCTAssertEqual(try store.plans().map(\.state), [.published, .draft, .superseded])
        XCTAssertNil(try store.publish(PlanNumber(1)), "republishing the published plan changes nothing")
        XCTAssertThrowsError(try store.publish(PlanNumber(9)))
        XCTAssertEqual(try store.plans().filter { $0.state == .published }.count, 1)
        XCTAssertEqual(try store.schedule(of: PlanNumber(3)).rows.count, 2, "a superseded plan keeps its rows")
    }

    func testAStoredPlanNeverChangesExceptItsState() throws {
        let store = try CampaignStore.open(folder, create: true)
        _ = try store.record(Self.newPlan(rows: rows, objective: 500))
        store.close()
        let db = try DatabaseQueue(path: CampaignStore.url(in: folder).path)
        for sql in ["UPDATE plan_row SET room = 'S9'", "DELETE FROM plan_row", "UPDATE plan_figures SET objective = 1",
                    "UPDATE plan SET created_at = 'x'", "DELETE FROM plan", "UPDATE input_file SET bytes = x'00'", "DELETE FROM plan_input",
                    "INSERT INTO plan (number, created_at, state, complete, options, campaign_name) VALUES (2, 'x', 'published', 1, '{}', 'x'); "
                        + "INSERT INTO plan (number, created_at, state, complete, options, campaign_name) VALUES (3, 'x', 'published', 1, '{}', 'x')"] {
            XCTAssertThrowsError(try db.write { try $0.execute(sql: sql) }, sql)
        }
        XCTAssertNoThrow(try db.write { try $0.execute(sql: "UPDATE plan SET state = 'published' WHERE number = 1") })
        try db.close()
        let reopened = try CampaignStore.open(folder, create: false)
        defer { reopened.close() }
        XCTAssertEqual(try reopened.schedule(of: PlanNumber(1)).rows.map(\.room), ["S1", "S2"])
        XCTAssertEqual(try reopened.plans().map(\.figures.objective), [500])
    }

    func testAStoreFromANewerJuryPlanIsRefusedAndLeftAlone() throws {
        let store = try CampaignStore.open(folder, create: true)
        _ = try store.record(Self.newPlan(rows: rows, objective: 500))
        XCTAssertEqual(try store.schemaVersions(), StoreSchema.migrator.migrations)
        store.close()
        let db = try DatabaseQueue(path: CampaignStore.url(in: folder).path)
        try db.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v2: exports')") }
        try db.close()
        let error = expectInputError { _ = try CampaignStore.open(self.folder, create: false) }
        XCTAssertTrue(error?.description.contains("campaign.sqlite: error: the store was written by a newer version of juryplan (schema v2: exports)") ?? false,
                      error?.description ?? "")
        // Nothing was migrated or written: the newer version's marks and the plan are as they were.
        let after = try DatabaseQueue(path: CampaignStore.url(in: folder).path)
        XCTAssertEqual(try after.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") },
                       StoreSchema.migrator.migrations + ["v2: exports"])
        XCTAssertEqual(try after.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM plan_row") }, 2)
        try after.close()
    }

    func testNoStoreAndAForeignFileAreClearErrors() throws {
        let missing = expectInputError { _ = try CampaignStore.open(self.folder, create: false) }
        XCTAssertTrue(missing?.description.contains("no store in") ?? false, missing?.description ?? "")
        XCTAssertFalse(CampaignStore.exists(in: folder), "opening without create makes no file")

        try Data("name,age\nx,1\n".utf8).write(to: CampaignStore.url(in: folder))
        let notSQLite = expectInputError { _ = try CampaignStore.open(self.folder, create: false) }
        XCTAssertTrue(notSQLite?.description.contains("not an SQLite database") ?? false, notSQLite?.description ?? "")

        try FileManager.default.removeItem(at: CampaignStore.url(in: folder))
        let other = try DatabaseQueue(path: CampaignStore.url(in: folder).path)
        try other.write { try $0.execute(sql: "CREATE TABLE notes (text TEXT)") }
        try other.close()
        let foreign = expectInputError { _ = try CampaignStore.open(self.folder, create: true) }
        XCTAssertTrue(foreign?.description.contains("not a JuryPlan store") ?? false, foreign?.description ?? "")
    }

    func testASecondWriterWaitsForTheFirstThenGivesUpWithAMessage() throws {
        let holder = try CampaignStore.open(folder, create: true)
        defer { holder.close() }
        _ = try holder.record(Self.newPlan(rows: rows, objective: 1))
        let started = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        // The first command holds the write lock for 2.5 s (as an import writing its file does).
        Thread.detachNewThread {
            _ = try? holder.importing { () -> (Int, ImportLogEntry?) in
                started.signal()
                Thread.sleep(forTimeInterval: 2.5)
                return (0, nil)
            }
            done.signal()
        }
        started.wait()
        let error = expectInputError {
            let impatient = try CampaignStore.open(self.folder, create: false, busyTimeout: 0.3)
            defer { impatient.close() }
            try impatient.publish(PlanNumber(1))
        }
        XCTAssertTrue(error?.description.contains("busy: another juryplan command") ?? false, error?.description ?? "")
        // A patient one waits and succeeds once the lock is released; reading never waits.
        let patient = try CampaignStore.open(folder, create: false, busyTimeout: 10)
        defer { patient.close() }
        XCTAssertEqual(try patient.plans().count, 1)
        let clock = Date()
        XCTAssertNoThrow(try patient.publish(PlanNumber(1)))
        XCTAssertGreaterThan(Date().timeIntervalSince(clock), 0.5, "it waited for the first writer")
        done.wait()
        XCTAssertEqual(try patient.plans().map(\.state), [.published])
    }

    /// A plan of a generated 1,000-candidate CSEC campaign, shaped as the planner's (one row per
    /// registration, 2–3 members a jury), with the campaign's real input files: stored in one
    /// transaction well within a second or two, in a few megabytes.
    func testStoringA1000CandidatePlanIsQuickAndSmall() throws {
        let campaign = CampaignGenerator(preset: .csec, candidates: 1_000, seed: 1).generate()
        var rows: [ScheduleRow] = []
        for (c, candidate) in campaign.candidates.enumerated() {
            for (e, exam) in candidate.exams.enumerated() {
                let start = 510 + (c % 8) * 30, members = campaign.members
                let jury = (0..<(exam == "FINAL" ? 3 : 2)).map { members[(c + e + $0 * 7) % members.count].id }
                rows.append(ScheduleRow(day: campaign.days[(c + e) % campaign.days.count], time: TimeRange(start: start, end: start + 30),
                                        site: "Site", room: campaign.rooms[c % campaign.rooms.count].id, exam: exam,
                                        candidateID: candidate.id, candidateName: candidate.displayName, jury: jury,
                                        president: jury.count == 3 ? jury[1] : ""))
            }
        }
        let inputs = Dictionary(CampaignWriter.files(campaign).map { ($0.name, $0.data) }, uniquingKeysWith: { a, _ in a })
        var plan = Self.newPlan(rows: rows, objective: 123_456)
        plan.inputFiles = inputs
        let store = try CampaignStore.open(folder, create: true)
        let clock = Date()
        XCTAssertEqual(try store.record(plan), PlanNumber(1))
        let seconds = Date().timeIntervalSince(clock)
        XCTAssertEqual(try store.schedule(of: PlanNumber(1)).rows.count, rows.count)
        store.close()
        let bytes = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: store.url.path)[.size] as? Int)
        let inputBytes = inputs.values.map(\.count).reduce(0, +)
        print(String(format: "store: a %d-row plan of %d candidates stored in %.3f s; campaign.sqlite %d KB (input files %d KB)",
                     rows.count, campaign.candidates.count, seconds, bytes / 1024, inputBytes / 1024))
        XCTAssertGreaterThan(rows.count, 5_000)
        XCTAssertLessThan(seconds, 5, "one transaction for the whole plan")
        XCTAssertLessThan(bytes, 8 << 20)
    }

    func testSHA256KnownAnswers() {
        XCTAssertEqual(SHA256.hex(Data()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Data("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Data(String(repeating: "a", count: 1_000).utf8)),
                       "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}
