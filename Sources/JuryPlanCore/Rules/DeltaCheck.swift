/// What a move breaks: the breaches a schedule has once rows are added to it and others taken
/// out, that it did not have before (R1's "not scheduled" for a row added is thereby fixed, not
/// new). It runs the catalogue's own checks, so a move is judged exactly as `check` judges the
/// whole schedule, but only on the rows the move can affect: every rule of SPEC §1.2 is a
/// property of one sitting, or of the rows of one candidate, one member or one room on a day,
/// or of one group's rows of a group exam (R1: a group sits together), so a breach the move
/// makes or mends lies among the rows that share one of those with a row added or taken out.
///
/// A breach whose count changes ("sits 6 times on 2027-06-15" where it sat 5) is reported as
/// new: the move made it worse. Two limits: breaches are told apart by rule and message (two
/// breaches worded alike, on different lines, count once), and where more than
/// `ClashSweep.limit` pairs clash the rows listed may differ from the whole audit's.
public struct DeltaCheck {
    public let campaign: Campaign
    public let schedule: Schedule
    private let availability: Availability
    private let rowsOfCandidate: [String: [Int]]
    private let rowsOfMember: [String: [Int]]
    private let rowsOfRoomDay: [RoomDay: [Int]]
    private let rowsOfGroupExam: [String: [Int]]
    private let before = Before()

    private struct RoomDay: Hashable {
        var room: String
        var day: Day
    }

    public init(schedule: Schedule, campaign: Campaign, availability: Availability? = nil) {
        self.campaign = campaign
        self.schedule = schedule
        self.availability = availability ?? Availability(campaign)
        var byCandidate: [String: [Int]] = [:], byMember: [String: [Int]] = [:], byRoomDay: [RoomDay: [Int]] = [:]
        var byGroup: [String: [Int]] = [:]
        for (i, row) in schedule.rows.enumerated() {
            byCandidate[row.candidateID, default: []].append(i)
            for id in Set(row.jury) { byMember[id, default: []].append(i) }
            byRoomDay[RoomDay(room: row.room, day: row.day), default: []].append(i)
            if let key = Self.groupKey(row, campaign) { byGroup[key, default: []].append(i) }
        }
        rowsOfCandidate = byCandidate
        rowsOfMember = byMember
        rowsOfRoomDay = byRoomDay
        rowsOfGroupExam = byGroup
    }

    /// The group exam and group a row belongs to, when it does.
    private static func groupKey(_ row: ScheduleRow, _ campaign: Campaign) -> String? {
        guard let exam = campaign.exam(row.exam), exam.mode == .group,
              let group = campaign.candidate(row.candidateID)?.group, !group.isEmpty else { return nil }
        return exam.id + "\u{1F}" + group
    }

    /// The breaches of `rules` that adding `added` and taking out the rows at `removed` makes,
    /// in the catalogue's order.
    public func breaches(adding added: [ScheduleRow], removing removed: Set<Int> = [],
                         rules: Set<RuleID> = Set(RuleID.allCases)) -> [Breach] {
        let moved = added + removed.map { schedule.rows[$0] }
        var near = Set<Int>()
        for row in moved {
            near.formUnion(rowsOfCandidate[row.candidateID] ?? [])
            for id in row.jury { near.formUnion(rowsOfMember[id] ?? []) }
            near.formUnion(rowsOfRoomDay[RoomDay(room: row.room, day: row.day)] ?? [])
            if let key = Self.groupKey(row, campaign) { near.formUnion(rowsOfGroupExam[key] ?? []) }
        }
        let kept = near.sorted()
        let after = Schedule(rows: kept.filter { !removed.contains($0) }.map { schedule.rows[$0] } + added, file: schedule.file)
        let old = breachesBefore(kept, rules: rules)
        return RuleCatalogue.audit(after, against: campaign, rules: rules, availability: availability).breaches.filter { !old.contains(Key($0)) }
    }

    /// The rows of the schedule that name this candidate.
    public func rows(ofCandidate id: String) -> [Int] { rowsOfCandidate[id] ?? [] }

    /// The breaches the schedule's rows `kept` have among themselves: the same for every move
    /// near them (a probe tries many starts against one candidate's day), so kept once.
    private func breachesBefore(_ kept: [Int], rules: Set<RuleID>) -> Set<Key> {
        let key = BeforeKey(rows: kept, rules: rules)
        if let known = before.audits[key] { return known }
        let rows = Schedule(rows: kept.map { schedule.rows[$0] }, file: schedule.file)
        let found = Set(RuleCatalogue.audit(rows, against: campaign, rules: rules, availability: availability).breaches.map(Key.init))
        if before.audits.count < Self.beforeKept { before.audits[key] = found }
        return found
    }

    /// At most this many audits are kept (a few per probed day).
    private static let beforeKept = 4_096

    private struct BeforeKey: Hashable {
        var rows: [Int]
        var rules: Set<RuleID>
    }

    /// Shared by copies: a check is a value, its memory of audits is not part of it.
    private final class Before {
        var audits: [BeforeKey: Set<Key>] = [:]
    }

    /// True when the move breaks none of `rules`.
    public func keeps(adding added: [ScheduleRow], removing removed: Set<Int> = [], rules: Set<RuleID> = Set(RuleID.allCases)) -> Bool {
        breaches(adding: added, removing: removed, rules: rules).isEmpty
    }

    /// A breach as the move sees it: the same rule saying the same thing (lines and people follow
    /// from the message).
    private struct Key: Hashable {
        var rule: RuleID
        var message: String
        init(_ breach: Breach) {
            rule = breach.rule
            message = breach.message
        }
    }
}
