/// Who and what may meet whom: the per-person predicates behind R9, R10, R11, R15 and R16,
/// shared by the checker and the planner so that both read the rules the same way.
public enum Eligibility {
    /// R10: why `member` may not examine `candidate`, or nil when they may.
    public static func conflict(_ member: JuryMember, _ candidate: Candidate) -> String? {
        if NameKey.same(member.structure, candidate.structure) {
            return "\(member.id) works at the candidate's structure (\(candidate.structure))"
        }
        if candidate.trainers.contains(member.id) { return "\(member.id) trained \(candidate.id)" }
        if member.conflicts.contains(candidate.id) { return "\(member.id) declared a conflict with \(candidate.id)" }
        return nil
    }

    /// R16: a member with an `exams` list examines only those; otherwise every exam their role fits.
    public static func qualified(_ member: JuryMember, for exam: Exam, in campaign: Campaign) -> Bool {
        if !member.exams.isEmpty { return member.exams.contains { campaign.canonicalExamID($0) == exam.id } }
        return exam.jury.accepts(member.role)
    }

    /// R15: a member with regions examines only there; an empty list examines anywhere.
    public static func examines(_ member: JuryMember, inRegion region: String) -> Bool {
        member.regions.isEmpty || member.regions.contains { NameKey.same($0, region) }
    }

    /// R11: the equipment `exam` needs that `room` lacks.
    public static func missingEquipment(_ room: Room, for exam: Exam) -> [String] {
        exam.needs.filter { need in !room.equipment.contains { NameKey.same($0, need) } }
    }

    /// R11 for one candidate: equipment and step-free access.
    public static func roomSuits(_ room: Room, _ exam: Exam, accessibleNeeded: Bool) -> Bool {
        missingEquipment(room, for: exam).isEmpty && (!accessibleNeeded || room.accessible)
    }
}

/// R9: when people and rooms can be used, with the campaign's hours resolved.
public struct Availability: Sendable {
    private let memberWindows: [String: AvailabilityWindows]
    private let roomWindows: [String: AvailabilityWindows]
    private let candidateBlocks: [String: AvailabilityWindows]

    public init(_ campaign: Campaign) {
        var m: [String: AvailabilityWindows] = [:]
        for member in campaign.members where !member.available.isEmpty {
            m[member.id] = AvailabilityWindows(member.available, hours: campaign.hours)
        }
        var r: [String: AvailabilityWindows] = [:]
        for room in campaign.rooms where !room.available.isEmpty {
            r[room.id] = AvailabilityWindows(room.available, hours: campaign.hours)
        }
        var c: [String: AvailabilityWindows] = [:]
        for cand in campaign.candidates where !cand.unavailable.isEmpty {
            c[cand.id] = AvailabilityWindows(cand.unavailable, hours: campaign.hours)
        }
        memberWindows = m
        roomWindows = r
        candidateBlocks = c
    }

    /// An empty `available` means every day of the session.
    public func member(_ id: String, isFreeOn day: Day, _ time: TimeRange) -> Bool {
        memberWindows[id]?.covers(day, time) ?? true
    }

    /// The member's windows (nil: available on every day), for callers that ask often and keep
    /// them by number.
    public func windows(ofMember id: String) -> AvailabilityWindows? { memberWindows[id] }

    /// The room's windows (nil: open whenever the session is), for callers that ask often.
    public func windows(ofRoom id: String) -> AvailabilityWindows? { roomWindows[id] }

    /// The longest time, in minutes, the member is free within `range` on `day`.
    public func member(_ id: String, longestFreeOn day: Day, within range: TimeRange) -> Int {
        guard let windows = memberWindows[id] else { return range.minutes }
        return windows.windows(on: day).reduce(0) { longest, w in max(longest, min(w.end, range.end) - max(w.start, range.start)) }
    }

    public func room(_ id: String, isFreeOn day: Day, _ time: TimeRange) -> Bool {
        roomWindows[id]?.covers(day, time) ?? true
    }

    /// A candidate's `unavailable` tokens must not meet the sitting.
    public func candidate(_ id: String, isFreeOn day: Day, _ time: TimeRange) -> Bool {
        Self.free(candidateBlocks[id], day, time)
    }

    /// The candidate's blocked hours (nil: none), for callers that ask often and keep them by number.
    public func candidateBlocks(_ id: String) -> AvailabilityWindows? { candidateBlocks[id] }

    /// R9 for a candidate whose blocked hours are `blocks`.
    public static func free(_ blocks: AvailabilityWindows?, _ day: Day, _ time: TimeRange) -> Bool {
        !(blocks?.meets(day, time) ?? false)
    }
}
