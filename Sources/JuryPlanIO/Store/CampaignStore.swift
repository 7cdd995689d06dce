import Foundation
import GRDB
import JuryPlanCore

/// campaign.sqlite, the store of a campaign folder (SPEC §2): every plan, numbered, with the
/// input files and options it was made from, its rows and figures, and its state.
///
/// SQLite in WAL mode; every command's writes are one IMMEDIATE transaction, so a process killed
/// at any moment leaves the store as it was before or after the command. A second command
/// waits up to `busyTimeout` for the first one's transaction, then gives up with a message.
/// Errors are `InputError`s naming campaign.sqlite (exit 2).
public final class CampaignStore: Sendable {
    public static let fileName = "campaign.sqlite"
    /// Seconds a command waits for another one's write to end.
    public static let busyTimeout: TimeInterval = 15

    let pool: DatabaseQueue
    public let url: URL

    public static func url(in folder: URL) -> URL { folder.appendingPathComponent(fileName) }
    public static func exists(in folder: URL) -> Bool { FileManager.default.fileExists(atPath: url(in: folder).path) }

    /// Opens the folder's store, creating it when `create` is true and it does not exist yet.
    /// Refuses a store written by a newer juryplan, or a file that is not a JuryPlan store.
    public static func open(_ folder: URL, create: Bool, busyTimeout: TimeInterval = busyTimeout) throws -> CampaignStore {
        let url = url(in: folder)
        guard create || FileManager.default.fileExists(atPath: url.path) else {
            throw InputError(SourceLocation(file: fileName), "no store in \(folder.path): `juryplan plan` creates it with the first plan")
        }
        return try guarded {
            var config = Configuration()
            config.busyMode = .timeout(busyTimeout)
            config.label = "campaign.sqlite"
            // One connection per command, in WAL mode (other processes read while one writes);
            // a queue rather than a pool so that closing it, the last connection, folds the log
            // back into the file (a pool's read-only readers cannot).
            config.journalMode = .wal
            let pool = try DatabaseQueue(path: url.path, configuration: config)
            let store = CampaignStore(pool: pool, url: url)
            try store.prepare()
            return store
        }
    }

    private init(pool: DatabaseQueue, url: URL) {
        self.pool = pool
        self.url = url
    }

    /// Checks what the file is, then brings an older schema up to date.
    private func prepare() throws {
        let migrator = StoreSchema.migrator
        let upToDate = try pool.read { db in
            let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
            if applicationID != StoreSchema.applicationID, applicationID != 0 || tables > 0 {
                throw InputError(SourceLocation(file: CampaignStore.fileName),
                                 "this SQLite file is not a JuryPlan store; move it away (juryplan keeps its plans in campaign.sqlite)")
            }
            if try migrator.hasBeenSuperseded(db) {
                let known = Set(migrator.migrations)
                let unknown = try migrator.appliedIdentifiers(db).subtracting(known).sorted()
                throw InputError(SourceLocation(file: CampaignStore.fileName),
                                 "the store was written by a newer version of juryplan (schema \(unknown.joined(separator: ", "))); "
                                 + "this version knows up to '\(migrator.migrations.last ?? "")': use the newer juryplan")
            }
            return try migrator.hasCompletedMigrations(db)
        }
        // Only a store to create or bring up to date takes the write lock when opened.
        if !upToDate { try migrator.migrate(pool) }
    }

    /// Closes the connections: SQLite folds the write-ahead log back into campaign.sqlite, so
    /// that the file alone (copied, mailed) holds every plan.
    public func close() {
        try? pool.close()
    }

    // MARK: - Plans

    /// Stores a plan as the next number, in one transaction; returns its number.
    public func record(_ plan: NewPlan, at date: Date = Date()) throws -> PlanNumber {
        try write { db in
            let number = (try Int.fetchOne(db, sql: "SELECT max(number) FROM plan") ?? 0) + 1
            try PlanRecord(number: number, createdAt: Self.timestamp(date), state: .draft, stateChangedAt: nil,
                           complete: plan.complete, unplaced: plan.unplaced.joined(separator: "\n"),
                           options: Self.json(plan.options), campaignName: plan.campaignName).insert(db)
            try FiguresRecord(plan.figures, plan: number).insert(db)
            for (file, bytes) in plan.inputFiles.sorted(by: { $0.key < $1.key }) {
                let hash = SHA256.hex(bytes)
                try InputFileRecord(sha256: hash, bytes: bytes).insert(db, onConflict: .ignore)
                try PlanInputRecord(planNumber: number, file: file, sha256: hash).insert(db)
            }
            for (position, row) in plan.schedule.sorted.rows.enumerated() {
                try PlanRowRecord(row, plan: number, position: position).insert(db)
            }
            return PlanNumber(number)
        }
    }

    /// Every stored plan, oldest first.
    public func plans() throws -> [StoredPlan] {
        try read { db in
            let figures = Dictionary(try FiguresRecord.fetchAll(db).map { ($0.planNumber, $0.figures) }, uniquingKeysWith: { a, _ in a })
            var inputs: [Int: [String: String]] = [:]
            for input in try PlanInputRecord.fetchAll(db) { inputs[input.planNumber, default: [:]][input.file] = input.sha256 }
            return try PlanRecord.order(Column("number")).fetchAll(db).map { record in
                StoredPlan(number: PlanNumber(record.number), createdAt: Self.date(record.createdAt) ?? Date(timeIntervalSince1970: 0),
                           state: record.state, stateChangedAt: record.stateChangedAt.flatMap(Self.date),
                           complete: record.complete, unplaced: record.unplaced.isEmpty ? [] : record.unplaced.components(separatedBy: "\n"),
                           options: Self.dictionary(record.options), campaignName: record.campaignName,
                           figures: figures[record.number] ?? PlanFigures(), inputs: inputs[record.number] ?? [:])
            }
        }
    }

    /// The plan numbered `number`, or an error naming the plans there are.
    public func plan(_ number: PlanNumber) throws -> StoredPlan {
        let all = try plans()
        guard let plan = all.first(where: { $0.number == number }) else {
            let range = all.isEmpty ? "the store has no plan yet" : "the store has plans 1 to \(all.count)"
            throw InputError(SourceLocation(file: Self.fileName), "no plan \(number): \(range) (see `juryplan plans`)")
        }
        return plan
    }

    /// The latest plan, nil when none was stored yet.
    public func latest() throws -> StoredPlan? { try plans().last }

    /// The plan's rows, in schedule order; the schedule is named "plan N" in messages.
    public func schedule(of number: PlanNumber) throws -> Schedule {
        let records = try read { db in
            try PlanRowRecord.filter(Column("plan_number") == number.value).order(Column("position")).fetchAll(db)
        }
        return Schedule(rows: records.compactMap { $0.scheduleRow() }, file: "plan \(number)")
    }

    /// The bytes of the input files the plan was made from (file name → bytes).
    public func inputFiles(of number: PlanNumber) throws -> [String: Data] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT plan_input.file, input_file.bytes FROM plan_input JOIN input_file USING (sha256)
                WHERE plan_input.plan_number = ?
                """, arguments: [number.value])
            return Dictionary(rows.map { ($0["file"] as String, $0["bytes"] as Data) }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// Publishes a plan: the one published before becomes superseded (both kept). Returns the
    /// plan superseded, if any. Publishing the published plan again changes nothing.
    @discardableResult
    public func publish(_ number: PlanNumber, at date: Date = Date()) throws -> PlanNumber? {
        try write { db in
            guard try PlanRecord.fetchOne(db, key: number.value) != nil else {
                let count = try PlanRecord.fetchCount(db)
                throw InputError(SourceLocation(file: Self.fileName),
                                 "no plan \(number): " + (count == 0 ? "the store has no plan yet" : "the store has plans 1 to \(count)"))
            }
            let previous = try Int.fetchOne(db, sql: "SELECT number FROM plan WHERE state = 'published'")
            guard previous != number.value else { return nil }
            let now = Self.timestamp(date)
            try db.execute(sql: "UPDATE plan SET state = 'superseded', state_changed_at = ? WHERE state = 'published'", arguments: [now])
            try db.execute(sql: "UPDATE plan SET state = 'published', state_changed_at = ? WHERE number = ?", arguments: [now, number.value])
            return previous.map(PlanNumber.init)
        }
    }

    // MARK: - Imports and checks

    /// Runs `body` holding the store's write lock (so that two imports, or an import and a plan,
    /// never interleave), and logs what it returns in the same transaction.
    public func importing<T>(_ body: () throws -> (T, ImportLogEntry?)) throws -> T {
        try write { db in
            let (value, entry) = try body()
            if let e = entry {
                try ImportLogRecord(id: nil, createdAt: Self.timestamp(Date()), kind: e.kind, source: e.source, replaceAll: e.replaceAll,
                                    added: e.added, changed: e.changed, unchanged: e.unchanged, removed: e.removed,
                                    resultSha256: e.resultSHA256).insert(db)
            }
            return value
        }
    }

    /// Number of imports logged.
    public func importCount() throws -> Int { try read { db in try ImportLogRecord.fetchCount(db) } }

    /// `PRAGMA integrity_check`: "ok" for a sound file, else SQLite's list of problems.
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    /// The migrations applied to the file, oldest first.
    public func schemaVersions() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
    }

    // MARK: - Helpers

    private func write<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.guarded {
            try pool.writeWithoutTransaction { db in
                var value: T?
                try db.inTransaction(.immediate) {
                    value = try body(db)
                    return .commit
                }
                return value!
            }
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.guarded { try pool.read(body) }
    }

    /// Turns SQLite's errors into messages for the user (exit 2).
    static func guarded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            let location = SourceLocation(file: fileName)
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                throw InputError(location, "busy: another juryplan command (plan, import or publish) is writing to this campaign; "
                                 + "try again when it has finished")
            case .SQLITE_NOTADB:
                throw InputError(location, "this file is not an SQLite database; move it away (juryplan keeps its plans in campaign.sqlite)")
            case .SQLITE_CORRUPT:
                throw InputError(location, "the store is damaged (\(error.message ?? "corrupt")); restore it from a backup")
            default:
                throw InputError(location, "store error: \(error.message ?? "\(error.resultCode)")")
            }
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    static func json(_ options: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(options)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func dictionary(_ json: String) -> [String: String] {
        (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
    }
}
