import MIP

/// Someone or something that cannot come: a member, a candidate or a room, on a day or a
/// half-day (`replan --absent M07@2027-06-15 PM`).
public struct Absence: Sendable, Hashable, CustomStringConvertible {
    public var id: String
    public var day: Day
    /// nil: the whole day.
    public var half: HalfDay?

    public init(id: String, day: Day, half: HalfDay? = nil) {
        self.id = id
        self.day = day
        self.half = half
    }

    /// `WHO@YYYY-MM-DD`, optionally followed by ` AM` or ` PM`; nil when it does not read so.
    public init?(parsing text: String) {
        let parts = text.split(separator: "@", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        let rest = parts[1].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let first = rest.first, let day = Day(parsing: first), rest.count <= 2 else { return nil }
        var half: HalfDay?
        if rest.count == 2 {
            guard let h = HalfDay(rawValue: rest[1].uppercased()) else { return nil }
            half = h
        }
        self.init(id: parts[0], day: day, half: half)
    }

    public var description: String { "\(id)@\(day.iso)" + (half.map { " \($0.rawValue)" } ?? "") }

    /// Whether the absence covers `time` on `day`.
    func covers(_ day: Day, _ time: TimeRange, hours: SessionHours) -> Bool {
        guard day == self.day else { return false }
        guard let half else { return true }
        return hours.range(half).overlaps(time)
    }

    /// What is left of `tokens` (an `available` list; empty means always) once the absence is
    /// taken out: other days whole, and on its day only the other half-day, if any.
    func remove(from tokens: [AvailabilityToken], days: [Day], hours: SessionHours) -> [AvailabilityToken] {
        let all: [AvailabilityToken] = tokens.isEmpty ? days.map { .day($0) } : tokens
        var kept: [AvailabilityToken] = []
        for token in all {
            guard token.day == day else { kept.append(token); continue }
            guard let half else { continue }
            let other = hours.range(half == .morning ? .afternoon : .morning)
            let span = token.interval(hours: hours)
            let start = max(span.start, other.start), end = min(span.end, other.end)
            if start < end { kept.append(.range(day, TimeRange(start: start, end: end))) }
        }
        // Available on no day at all would read as "always": keep one token that opens nothing.
        return kept.isEmpty ? [.range(day, TimeRange(start: 0, end: 1))] : kept
    }
}

extension Campaign {
    /// The campaign as it stands once the absences are known (R9 then keeps the absent away).
    public func with(_ absences: [Absence]) -> Campaign {
        var candidates = self.candidates, members = self.members, rooms = self.rooms
        for a in absences {
            if let i = members.firstIndex(where: { $0.id == a.id }) {
                members[i].available = a.remove(from: members[i].available, days: days, hours: hours)
            } else if let i = rooms.firstIndex(where: { $0.id == a.id }) {
                rooms[i].available = a.remove(from: rooms[i].available, days: days, hours: hours)
            } else if let i = candidates.firstIndex(where: { $0.id == a.id }) {
                candidates[i].unavailable.append(a.half.map { .halfDay(a.day, $0) } ?? .day(a.day))
            }
        }
        var changed = self
        changed.setPeople(candidates: candidates, members: members, rooms: rooms)
        return changed
    }
}

/// Repairs a published schedule after absences with the fewest changes: every sitting the
/// absences do not touch keeps its date, time, room and jury. A sitting they touch first keeps
/// its time and changes only what is missing (another member in the absent one's seat, another
/// room); a session of fixed committees moves it instead to a time its committee can all come.
/// What cannot be repaired so is listed with the reason.
public struct Replanner {
    public let campaign: Campaign
    public let published: Schedule
    public let absences: [Absence]

    public init(campaign: Campaign, published: Schedule, absences: [Absence]) {
        self.campaign = campaign.with(absences)
        self.published = published
        self.absences = absences
    }

    public struct Result: Sendable {
        public var schedule: Schedule
        public var unplaced: [UnplacedSitting]

        /// SPEC §1.3 of the repaired schedule, and the bound of any plan of the campaign with the absences.
        public func figures(_ campaign: Campaign) -> PlanFigures {
            var figures = PlanFigures()
            PlanMeasures.fill(&figures, schedule: schedule, campaign: campaign)
            let lower = LowerBound.compute(PlanningProblem(campaign))
            figures.bound = min(lower.bound, figures.objective)
            (figures.memberDaysBound, figures.roomHalfDaysBound, figures.candidateDaysBound) = (lower.memberDays, lower.roomHalfDays, lower.candidateDays)
            return figures
        }
    }

    public func run() -> Result {
        let sittings = Sitting.group(published, in: campaign)
        let touched = sittings.indices.filter { s in
            let sitting = sittings[s]
            return absences.contains { a in
                a.covers(sitting.day, sitting.time, hours: campaign.hours)
                    && (sitting.jury.contains(a.id) || sitting.room == a.id || sitting.rows.contains { published.rows[$0].candidateID == a.id })
            }
        }
        if CommitteeProblem(PlanningProblem(campaign)) != nil { return moveCommittees(touched, sittings) }
        var rows = published.rows
        var setAside = Set(touched.flatMap { sittings[$0].rows })
        var unplaced: [UnplacedSitting] = []
        for s in touched {
            let sitting = sittings[s]
            setAside.subtract(sitting.rows)
            if let repaired = substitute(sitting, in: rows, setAside: setAside) {
                for (k, r) in sitting.rows.enumerated() { rows[r] = repaired[k] }
            } else {
                setAside.formUnion(sitting.rows)
                let first = published.rows[sitting.rows[0]]
                unplaced.append(UnplacedSitting(exam: first.exam, candidates: sitting.rows.map { published.rows[$0].candidateID },
                                                reason: why(sitting)))
            }
        }
        let kept = rows.indices.filter { !setAside.contains($0) }.map { rows[$0] }
        return Result(schedule: Schedule(rows: kept, file: published.file).sorted, unplaced: unplaced)
    }

    /// The sitting at its own time with the absent member replaced, or in another room: the
    /// first lawful version (the audit of the whole schedule decides), members already convened
    /// that day first, so that as few people as possible see a change.
    private func substitute(_ sitting: Sitting, in rows: [ScheduleRow], setAside: Set<Int>) -> [ScheduleRow]? {
        let current = sitting.rows.map { rows[$0] }
        var versions: [[ScheduleRow]] = []
        let absentMembers = sitting.jury.filter { id in absences.contains { $0.id == id && $0.covers(sitting.day, sitting.time, hours: campaign.hours) } }
        let absentRoom = absences.contains { $0.id == sitting.room && $0.covers(sitting.day, sitting.time, hours: campaign.hours) }
        let absentCandidate = current.contains { row in absences.contains { $0.id == row.candidateID && $0.covers(sitting.day, sitting.time, hours: campaign.hours) } }
        guard !absentCandidate, absentMembers.count <= 1 else { return nil }
        let rooms = absentRoom ? campaign.rooms.map(\.id).filter { $0 != sitting.room } : [sitting.room]
        let convened = Set(rows.filter { $0.day == sitting.day }.flatMap(\.jury))
        let candidates: [String?] = absentMembers.isEmpty ? [nil] : substitutes(for: absentMembers[0], in: sitting, current: current, convened: convened)
        for room in rooms {
            for newcomer in candidates {
                var version = current
                for k in version.indices {
                    version[k].room = room
                    version[k].site = campaign.room(room)?.site ?? version[k].site
                    if let absent = absentMembers.first, let newcomer {
                        version[k].jury = version[k].jury.map { $0 == absent ? newcomer : $0 }
                        if version[k].president == absent { version[k].president = president(of: version[k].jury, exam: version[k].exam) ?? "" }
                        version[k].externalShare = nil
                    }
                }
                versions.append(version)
            }
        }
        let others = rows.indices.filter { !setAside.contains($0) && !sitting.rows.contains($0) }.map { rows[$0] }
        let unplacedHere = setAside.map { rows[$0] }.map { UnplacedSitting(exam: $0.exam, candidates: [$0.candidateID], reason: "") }
        for version in versions.prefix(Self.trials) {
            let schedule = Schedule(rows: others + version)
            if Planner.breaches(of: schedule, besides: unplacedHere, campaign: campaign).isEmpty { return version }
        }
        return nil
    }

    /// Versions of a sitting tried at most (each is one audit of the schedule).
    static let trials = 40

    /// Members who could take the absent one's seat, by cheap tests (role, qualification,
    /// conflicts, availability at that time); those already convened that day first.
    private func substitutes(for absent: String, in sitting: Sitting, current: [ScheduleRow], convened: Set<String>) -> [String?] {
        guard let exam = campaign.exam(sitting.exam), let leaving = campaign.member(absent) else { return [] }
        let availability = Availability(campaign)
        let people = current.compactMap { campaign.candidate($0.candidateID) }
        let fits = campaign.members.filter { m in
            !sitting.jury.contains(m.id) && (exam.mode.isExamined ? m.role == leaving.role : true)
                && (!exam.mode.isExamined || Eligibility.qualified(m, for: exam, in: campaign))
                && (!exam.mode.isExamined || people.allSatisfy { Eligibility.conflict(m, $0) == nil })
                && availability.member(m.id, isFreeOn: sitting.day, sitting.time) && campaign.maxSittings(of: m) > 0
                && (!exam.mode.isExamined || m.isExternal || !leaving.isExternal)
        }
        return fits.sorted { (convened.contains($0.id) ? 0 : 1, $0.id) < (convened.contains($1.id) ? 0 : 1, $1.id) }.map(\.id)
    }

    /// A professional of the jury who may preside (R8), when the exam has a president.
    private func president(of jury: [String], exam: String) -> String? {
        guard campaign.exam(exam)?.jury.president == true else { return nil }
        return jury.first { campaign.member($0).map { $0.role == .professional && $0.canPreside } ?? false }
    }

    private func why(_ sitting: Sitting) -> String {
        let names = absences.filter { a in a.covers(sitting.day, sitting.time, hours: campaign.hours) }.map(\.description).joined(separator: ", ")
        if sitting.rows.contains(where: { r in absences.contains { $0.id == published.rows[r].candidateID } }) {
            return "the candidate cannot come (\(names)); a pooled sitting is moved to another day by planning again, not by replan"
        }
        return "no one free and lawful takes the absent one's place at that time, and no other room suits (\(names); R3, R6–R10, R14, R16)"
    }

    /// Fixed committees: every booking the absences leave lawful stays; the others are placed
    /// again at the cheapest start their committee can all come to, moving other sittings only
    /// when nothing else works.
    private func moveCommittees(_ touched: [Int], _ sittings: [Sitting]) -> Result {
        guard let session = CommitteeProblem(PlanningProblem(campaign)) else { return Result(schedule: published, unplaced: []) }
        let planner = CommitteePlanner(session: session, options: PlanOptions(), solver: GLPKSolver())
        var (timetable, _) = planner.timetable(from: published)
        let greedy = CommitteeGreedy(session)
        for s in session.sittings.indices where timetable.bookings[s] == nil && session.sittings[s].impossibility == nil {
            if greedy.placeCheapest(s, in: &timetable) == nil { _ = greedy.repair(s, in: &timetable) }
        }
        return Result(schedule: planner.schedule(timetable), unplaced: planner.unplaced(timetable))
    }
}
