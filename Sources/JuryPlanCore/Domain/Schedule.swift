/// One row of a schedule: one candidate sitting one exam (SPEC §2.3).
public struct ScheduleRow: Hashable, Sendable {
    public var day: Day
    public var time: TimeRange
    /// Informative: rooms.csv is authoritative.
    public var site: String
    public var room: String
    public var exam: String
    public var candidateID: String
    public var candidateName: String
    /// Member ids; for a written sitting, the invigilators.
    public var jury: [String]
    public var president: String
    /// As written in the schedule; nil when the cell is empty.
    public var externalShare: Double?
    /// Physical line in the schedule file (0 for plans made in memory).
    public var line: Int

    public init(day: Day, time: TimeRange, site: String = "", room: String, exam: String, candidateID: String,
                candidateName: String = "", jury: [String], president: String = "", externalShare: Double? = nil, line: Int = 0) {
        self.day = day
        self.time = time
        self.site = site
        self.room = room
        self.exam = exam
        self.candidateID = candidateID
        self.candidateName = candidateName
        self.jury = jury
        self.president = president
        self.externalShare = externalShare
        self.line = line
    }

    /// The order of SPEC §2.3: date, start, room, candidate.
    public static func scheduleOrder(_ a: ScheduleRow, _ b: ScheduleRow) -> Bool {
        (a.day, a.time.start, a.room, a.candidateID, a.exam) < (b.day, b.time.start, b.room, b.candidateID, b.exam)
    }
}

/// A timetable: rows as read from a file or produced by the planner.
public struct Schedule: Sendable {
    public var rows: [ScheduleRow]
    /// Display name of the file, for messages.
    public var file: String

    public init(rows: [ScheduleRow], file: String = "schedule.csv") {
        self.rows = rows
        self.file = file
    }

    /// Rows in the order of SPEC §2.3.
    public var sorted: Schedule { Schedule(rows: rows.sorted(by: ScheduleRow.scheduleOrder), file: file) }
}

/// A sitting: a jury (or invigilators) in a room at a time, for one candidate (oral) or several
/// (written, group). Rows with the same date, start, room, exam and jury form one sitting when the
/// exam gathers candidates; an oral row is always its own sitting (SPEC §1.2.1).
public struct Sitting: Sendable {
    public var day: Day
    /// From the common start to the latest end of its rows.
    public var time: TimeRange
    public var room: String
    public var exam: String
    public var jury: [String]
    /// Indices of its rows in the schedule.
    public var rows: [Int]

    /// Groups the rows of a schedule into sittings, in schedule order. `canonical` maps an exam id
    /// to the id it stands for (CPAS `BC4` → `B4`), so that rows naming an exam by its alias join
    /// the same sitting.
    public static func group(_ schedule: Schedule, gathers: (String) -> Bool,
                             canonical: (String) -> String = { $0 }) -> [Sitting] {
        var sittings: [Sitting] = []
        var index: [String: Int] = [:]
        for (i, row) in schedule.rows.enumerated() {
            if gathers(row.exam) {
                let key = [row.day.iso, String(row.time.start), row.room, canonical(row.exam), row.jury.sorted().joined(separator: "|")]
                    .joined(separator: "\u{1F}")
                if let s = index[key] {
                    sittings[s].rows.append(i)
                    sittings[s].time.end = max(sittings[s].time.end, row.time.end)
                    continue
                }
                index[key] = sittings.count
            }
            sittings.append(Sitting(day: row.day, time: row.time, room: row.room, exam: row.exam, jury: row.jury, rows: [i]))
        }
        return sittings
    }
}

extension Sitting {
    /// The sittings of a schedule read against a campaign: written and group rows gather, and
    /// exam aliases join the sitting of the exam they stand for.
    public static func group(_ schedule: Schedule, in campaign: Campaign) -> [Sitting] {
        group(schedule, gathers: { campaign.exam($0)?.mode.gathers ?? false }, canonical: campaign.canonicalExamID)
    }
}
