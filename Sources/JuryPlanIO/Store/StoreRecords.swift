import Foundation
import GRDB
import JuryPlanCore

// The rows of campaign.sqlite as Swift values (GRDB records). Columns are snake_case in SQL.

/// A plan's place in the store: plan 1, plan 2, … in the order they were made.
public struct PlanNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var value: Int
    public init(_ value: Int) { self.value = value }
    public static func < (a: PlanNumber, b: PlanNumber) -> Bool { a.value < b.value }
    public var description: String { String(value) }
}

/// Where a stored plan stands: made, sent out, or replaced by a later publication.
public enum PlanState: String, Sendable, Codable, CaseIterable {
    case draft, published, superseded
}

/// A plan as kept in the store (without its rows and input bytes, which are read on demand).
public struct StoredPlan: Sendable {
    public var number: PlanNumber
    public var createdAt: Date
    public var state: PlanState
    public var stateChangedAt: Date?
    /// False for a partial plan: `unplaced` then says what was left out and why.
    public var complete: Bool
    public var unplaced: [String]
    public var options: [String: String]
    public var campaignName: String
    public var figures: PlanFigures
    /// Input file name → SHA-256 of the bytes the plan was made from.
    public var inputs: [String: String]
}

/// What `plan` hands to the store.
public struct NewPlan: Sendable {
    public var schedule: Schedule
    public var figures: PlanFigures
    public var complete: Bool
    public var unplaced: [String]
    public var options: [String: String]
    /// File name → bytes (LoadedCampaign.inputFiles).
    public var inputFiles: [String: Data]
    public var campaignName: String

    public init(schedule: Schedule, figures: PlanFigures, complete: Bool = true, unplaced: [String] = [],
                options: [String: String], inputFiles: [String: Data], campaignName: String) {
        self.schedule = schedule
        self.figures = figures
        self.complete = complete
        self.unplaced = unplaced
        self.options = options
        self.inputFiles = inputFiles
        self.campaignName = campaignName
    }
}

/// What one `import` did, as logged in the store.
public struct ImportLogEntry: Sendable {
    public var kind: String
    public var source: String
    public var replaceAll: Bool
    public var added: Int, changed: Int, unchanged: Int, removed: Int
    public var resultSHA256: String

    public init(kind: String, source: String, replaceAll: Bool, added: Int, changed: Int, unchanged: Int, removed: Int, resultSHA256: String) {
        self.kind = kind
        self.source = source
        self.replaceAll = replaceAll
        (self.added, self.changed, self.unchanged, self.removed) = (added, changed, unchanged, removed)
        self.resultSHA256 = resultSHA256
    }
}

/// Codable records stored with snake_case columns.
protocol SnakeCaseRecord: Codable, FetchableRecord, PersistableRecord {}
extension SnakeCaseRecord {
    static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

struct PlanRecord: SnakeCaseRecord {
    static let databaseTableName = "plan"
    var number: Int
    var createdAt: String
    var state: PlanState
    var stateChangedAt: String?
    var complete: Bool
    var unplaced: String
    var options: String
    var campaignName: String
}

struct FiguresRecord: SnakeCaseRecord {
    static let databaseTableName = "plan_figures"
    var planNumber: Int
    var objective, bound, gap, seconds, layoutSeconds, jurySeconds: Double
    var memberDays, memberDaysBound, roomHalfDays, roomHalfDaysBound, daysOpened: Int
    var candidateDays, candidateDaysBound, repeatedExaminers, imbalance, preferencesMet, preferencesTotal: Int
    var sittings, scheduleRows, daysProvedOptimal, daysPlanned, modelRows, modelColumns, modelNonZeros: Int

    init(_ f: PlanFigures, plan: Int) {
        planNumber = plan
        (objective, bound, gap, seconds, layoutSeconds, jurySeconds) = (f.objective, f.bound, f.gap, f.seconds, f.layoutSeconds, f.jurySeconds)
        (memberDays, memberDaysBound, roomHalfDays, roomHalfDaysBound, daysOpened) = (f.memberDays, f.memberDaysBound, f.roomHalfDays, f.roomHalfDaysBound, f.daysOpened)
        (candidateDays, candidateDaysBound, repeatedExaminers, imbalance) = (f.candidateDays, f.candidateDaysBound, f.repeatedExaminers, f.imbalance)
        (preferencesMet, preferencesTotal, sittings, scheduleRows) = (f.preferencesMet, f.preferencesTotal, f.sittings, f.rows)
        (daysProvedOptimal, daysPlanned, modelRows, modelColumns, modelNonZeros) = (f.daysProvedOptimal, f.daysPlanned, f.modelRows, f.modelColumns, f.modelNonZeros)
    }

    /// The gap is stored for readers of the file; PlanFigures computes it from objective and bound.
    var figures: PlanFigures {
        var f = PlanFigures()
        (f.objective, f.bound, f.seconds, f.layoutSeconds, f.jurySeconds) = (objective, bound, seconds, layoutSeconds, jurySeconds)
        (f.memberDays, f.memberDaysBound, f.roomHalfDays, f.roomHalfDaysBound, f.daysOpened) = (memberDays, memberDaysBound, roomHalfDays, roomHalfDaysBound, daysOpened)
        (f.candidateDays, f.candidateDaysBound, f.repeatedExaminers, f.imbalance) = (candidateDays, candidateDaysBound, repeatedExaminers, imbalance)
        (f.preferencesMet, f.preferencesTotal, f.sittings, f.rows) = (preferencesMet, preferencesTotal, sittings, scheduleRows)
        (f.daysProvedOptimal, f.daysPlanned, f.modelRows, f.modelColumns, f.modelNonZeros) = (daysProvedOptimal, daysPlanned, modelRows, modelColumns, modelNonZeros)
        return f
    }
}

struct PlanRowRecord: SnakeCaseRecord {
    static let databaseTableName = "plan_row"
    var planNumber: Int
    var position: Int
    var date: String
    var startMinute: Int
    var endMinute: Int
    var site, room, exam, candidateId, candidateName, jury, president: String

    init(_ row: ScheduleRow, plan: Int, position: Int) {
        (planNumber, self.position) = (plan, position)
        (date, startMinute, endMinute) = (row.day.iso, row.time.start, row.time.end)
        (site, room, exam, candidateId, candidateName) = (row.site, row.room, row.exam, row.candidateID, row.candidateName)
        (jury, president) = (row.jury.joined(separator: "|"), row.president)
    }

    /// Nil only for a date the store could not have written.
    func scheduleRow() -> ScheduleRow? {
        guard let day = Day(parsing: date) else { return nil }
        return ScheduleRow(day: day, time: TimeRange(start: startMinute, end: endMinute), site: site, room: room, exam: exam,
                           candidateID: candidateId, candidateName: candidateName,
                           jury: jury.split(separator: "|").map(String.init), president: president, line: position + 2)
    }
}

struct InputFileRecord: SnakeCaseRecord {
    static let databaseTableName = "input_file"
    var sha256: String
    var bytes: Data
}

struct PlanInputRecord: SnakeCaseRecord {
    static let databaseTableName = "plan_input"
    var planNumber: Int
    var file: String
    var sha256: String
}

struct ImportLogRecord: SnakeCaseRecord {
    static let databaseTableName = "import_log"
    var id: Int?
    var createdAt: String
    var kind, source: String
    var replaceAll: Bool
    var added, changed, unchanged, removed: Int
    var resultSha256: String
}
