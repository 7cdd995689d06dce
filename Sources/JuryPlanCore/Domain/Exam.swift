/// How an exam is sat.
public enum ExamMode: String, Hashable, Sendable, CaseIterable {
    /// One candidate before a jury.
    case oral
    /// On paper in a room, with invigilators and no jury.
    case written
    /// One sitting for every candidate of a group, before a jury.
    case group
    /// A production handed in and assessed without a sitting: accepted, listed, never scheduled.
    case submitted

    /// True for the modes whose jury examines (orals and group orals), as opposed to invigilates.
    public var isExamined: Bool { self == .oral || self == .group }
    /// True for the modes that gather several candidates in one sitting.
    public var gathers: Bool { self == .written || self == .group }
}

/// A jury member's role.
public enum Role: String, Hashable, Sendable, CaseIterable, Comparable {
    /// A professional of the health, medico-social or social sector.
    case professional
    /// A representative of the certifying organisation: never external.
    case certifier

    public static func < (a: Role, b: Role) -> Bool { a.rawValue < b.rawValue }
}

/// The jury an exam asks for (R5–R8, R18). For a written exam, `size` is the number of
/// invigilators per sitting and roles do not apply.
public struct JurySpec: Hashable, Sendable {
    public var size: Int
    /// Members of each role; empty means any role fits.
    public var roles: [Role: Int]
    /// External share that must be strictly exceeded (R7), e.g. 0.66; nil when none.
    public var external: Double?
    /// Whether the jury has a president (R8).
    public var president: Bool
    /// Whether the jury is exactly the candidate's imposed members (R18).
    public var imposed: Bool

    public init(size: Int, roles: [Role: Int] = [:], external: Double? = nil, president: Bool = false, imposed: Bool = false) {
        self.size = size
        self.roles = roles
        self.external = external
        self.president = president
        self.imposed = imposed
    }

    /// True when a member of `role` may fill a seat of this jury.
    public func accepts(_ role: Role) -> Bool { roles.isEmpty || (roles[role] ?? 0) > 0 }
}

/// An exam ("épreuve") of a certification.
public struct Exam: Hashable, Sendable, Identifiable {
    public var id: String
    /// The title shown in exports.
    public var name: String
    public var mode: ExamMode
    /// Normal duration; 0 for submitted exams.
    public var minutes: Int
    public var jury: JurySpec
    /// Room equipment the sitting needs (e.g. `projector`).
    public var needs: [String]
    /// Exams that must be over before this one starts (R13).
    public var after: [String]
    /// Candidate, members and room share a region (R15).
    public var regional: Bool

    public init(id: String, name: String, mode: ExamMode, minutes: Int, jury: JurySpec, needs: [String] = [], after: [String] = [], regional: Bool = false) {
        self.id = id
        self.name = name
        self.mode = mode
        self.minutes = minutes
        self.jury = jury
        self.needs = needs
        self.after = after
        self.regional = regional
    }

    /// The exact length of a sitting for a candidate, with or without extra time.
    public func minutes(extraTime: Bool) -> Int { extraTime ? extendedMinutes(minutes) : minutes }

    /// Seats of a sitting: the jury (or invigilators) it convenes.
    public var isScheduled: Bool { mode != .submitted }
}
