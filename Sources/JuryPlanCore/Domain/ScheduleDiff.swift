/// How a later schedule differs from an earlier one, registration by registration (a candidate
/// sitting an exam), and who must be told.
///
/// Who is told: a candidate when their sitting is added, removed, or moves (date, time or
/// room); a member when they join or leave a sitting, when a sitting of theirs moves, or when
/// they start or stop presiding it. A jury change alone is not the candidate's business: their
/// convocation (date, time, room) stays the same.
public struct ScheduleDiff: Sendable {
    public enum Change: String, Sendable, CaseIterable {
        /// Another date or start time.
        case moved
        /// Another room.
        case room
        /// Other members, or another president.
        case jury
        case added, removed
    }

    /// One registration whose sitting changed.
    public struct Entry: Sendable {
        public var candidateID: String
        public var exam: String
        public var before: ScheduleRow?
        public var after: ScheduleRow?
        public var changes: [Change]
    }

    /// What a person must be told about one entry.
    public struct Notice: Sendable {
        public enum Action: String, Sendable {
            /// A candidate's sitting, or a member's, changes date, time or room (or appears, or goes).
            case sits, moved, cancelled
            /// A member joins or leaves the jury, or starts or stops presiding it.
            case joins, leaves, presides, stopsPresiding = "stops presiding"
        }
        public var personID: String
        public var isCandidate: Bool
        public var action: Action
        /// Index into `entries`.
        public var entry: Int
    }

    public var entries: [Entry]
    public var unchangedCount: Int
    /// Candidates first, then members, each by id; a person's notices in entry order.
    public var notices: [Notice]

    /// Compares by candidate and exam; `canonical` maps an exam alias to its id (CPAS BC1 → B1).
    public init(from before: Schedule, to after: Schedule, canonical: (String) -> String = { $0 }) {
        func keyed(_ schedule: Schedule) -> [String: ScheduleRow] {
            var rows: [String: ScheduleRow] = [:]
            for row in schedule.sorted.rows {
                var key = row.candidateID + "\u{1F}" + canonical(row.exam), n = 1
                while rows[key] != nil { n += 1; key = row.candidateID + "\u{1F}" + canonical(row.exam) + "\u{1F}\(n)" }
                rows[key] = row
            }
            return rows
        }
        let old = keyed(before), new = keyed(after)
        var entries: [Entry] = [], unchanged = 0
        for key in Set(old.keys).union(new.keys) {
            let a = old[key], b = new[key]
            var changes: [Change] = []
            switch (a, b) {
            case let (a?, b?):
                if a.day != b.day || a.time != b.time { changes.append(.moved) }
                if a.room != b.room { changes.append(.room) }
                if Set(a.jury) != Set(b.jury) || a.president != b.president { changes.append(.jury) }
            case (nil, _?): changes = [.added]
            case (_?, nil): changes = [.removed]
            case (nil, nil): continue
            }
            guard let any = a ?? b else { continue }
            if changes.isEmpty { unchanged += 1; continue }
            entries.append(Entry(candidateID: any.candidateID, exam: canonical(any.exam), before: a, after: b, changes: changes))
        }
        entries.sort { x, y in
            let p = x.before ?? x.after!, q = y.before ?? y.after!
            return ScheduleRow.scheduleOrder(p, q)
        }
        self.entries = entries
        unchangedCount = unchanged
        notices = Self.notices(entries)
    }

    private static func notices(_ entries: [Entry]) -> [Notice] {
        var candidates: [Notice] = [], members: [Notice] = []
        for (i, e) in entries.enumerated() {
            let moves = e.changes.contains(.moved) || e.changes.contains(.room)
            if e.changes.contains(.added) {
                candidates.append(Notice(personID: e.candidateID, isCandidate: true, action: .sits, entry: i))
            } else if e.changes.contains(.removed) {
                candidates.append(Notice(personID: e.candidateID, isCandidate: true, action: .cancelled, entry: i))
            } else if moves {
                candidates.append(Notice(personID: e.candidateID, isCandidate: true, action: .moved, entry: i))
            }
            let was = e.before?.jury ?? [], now = e.after?.jury ?? []
            for m in was where !now.contains(m) { members.append(Notice(personID: m, isCandidate: false, action: .leaves, entry: i)) }
            for m in now where !was.contains(m) { members.append(Notice(personID: m, isCandidate: false, action: .joins, entry: i)) }
            for m in now where was.contains(m) {
                let presided = e.before?.president == m, presides = e.after?.president == m
                if moves { members.append(Notice(personID: m, isCandidate: false, action: .moved, entry: i)) }
                if presides, !presided { members.append(Notice(personID: m, isCandidate: false, action: .presides, entry: i)) }
                if presided, !presides { members.append(Notice(personID: m, isCandidate: false, action: .stopsPresiding, entry: i)) }
            }
        }
        // By person, then in entry order; the offset keeps a person's notices on one entry in order.
        func byPerson(_ notices: [Notice]) -> [Notice] {
            notices.enumerated().sorted { ($0.element.personID, $0.element.entry, $0.offset) < ($1.element.personID, $1.element.entry, $1.offset) }.map(\.element)
        }
        return byPerson(candidates) + byPerson(members)
    }

    /// The ids of the people to tell, candidates first.
    public var people: [(id: String, isCandidate: Bool)] {
        var seen = Set<String>(), out: [(id: String, isCandidate: Bool)] = []
        for n in notices where seen.insert((n.isCandidate ? "c:" : "m:") + n.personID).inserted { out.append((n.personID, n.isCandidate)) }
        return out
    }

    public func count(_ change: Change) -> Int { entries.filter { $0.changes.contains(change) }.count }
}
