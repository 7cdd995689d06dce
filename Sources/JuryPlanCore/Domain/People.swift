/// A candidate of the session.
public struct Candidate: Hashable, Sendable, Identifiable {
    public var id: String
    public var lastName: String
    public var firstName: String
    public var email: String
    /// Employer (an MSP, a CPTS…), for conflicts of interest (R10).
    public var structure: String
    public var region: String
    /// Canonical exam ids the candidate is registered for, in file order.
    public var exams: [String]
    /// Extra time ("tiers-temps"): every sitting lengthened by one third.
    public var extraTime: Bool
    /// Needs step-free rooms only (R11).
    public var accessible: Bool
    public var unavailable: [AvailabilityToken]
    public var preferred: [AvailabilityToken]
    /// Member ids who trained or tutored the candidate (R10).
    public var trainers: [String]
    /// Group id for collective exams; empty when none.
    public var group: String
    /// Member ids imposed on the candidate's juries (R18).
    public var imposedJury: [String]
    /// Where the candidate was read from, for messages.
    public var line: Int

    public init(id: String, lastName: String, firstName: String, email: String = "", structure: String = "", region: String = "",
                exams: [String], extraTime: Bool = false, accessible: Bool = false, unavailable: [AvailabilityToken] = [],
                preferred: [AvailabilityToken] = [], trainers: [String] = [], group: String = "", imposedJury: [String] = [], line: Int = 0) {
        self.id = id
        self.lastName = lastName
        self.firstName = firstName
        self.email = email
        self.structure = structure
        self.region = region
        self.exams = exams
        self.extraTime = extraTime
        self.accessible = accessible
        self.unavailable = unavailable
        self.preferred = preferred
        self.trainers = trainers
        self.group = group
        self.imposedJury = imposedJury
        self.line = line
    }

    /// "Dupont Léa", as the schedule's `candidate_name` shows it.
    public var displayName: String { [lastName, firstName].filter { !$0.isEmpty }.joined(separator: " ") }
}

/// The sector a professional comes from.
public enum Sector: String, Hashable, Sendable, CaseIterable {
    case health, medicoSocial = "medico-social", social
}

/// A jury member (also an invigilator of written sittings).
public struct JuryMember: Hashable, Sendable, Identifiable {
    public var id: String
    public var lastName: String
    public var firstName: String
    public var email: String
    public var role: Role
    public var sector: Sector?
    /// As declared in jury.csv; see `isExternal`.
    public var declaredExternal: Bool
    public var structure: String
    /// Regions where the member examines; empty means anywhere (R15).
    public var regions: [String]
    /// Empty means available on every day of the session (R9).
    public var available: [AvailabilityToken]
    public var preferred: [AvailabilityToken]
    /// Overrides the campaign's `member.max_sittings_per_day`; 0 means never convened.
    public var maxPerDay: Int?
    /// Exams the member may examine; empty means every exam their role fits (R16).
    public var exams: [String]
    public var canPreside: Bool
    /// Candidate ids the member must not examine (R10).
    public var conflicts: [String]
    public var line: Int

    public init(id: String, lastName: String, firstName: String, email: String = "", role: Role, sector: Sector? = nil,
                declaredExternal: Bool = false, structure: String = "", regions: [String] = [], available: [AvailabilityToken] = [],
                preferred: [AvailabilityToken] = [], maxPerDay: Int? = nil, exams: [String] = [], canPreside: Bool = false,
                conflicts: [String] = [], line: Int = 0) {
        self.id = id
        self.lastName = lastName
        self.firstName = firstName
        self.email = email
        self.role = role
        self.sector = sector
        self.declaredExternal = declaredExternal
        self.structure = structure
        self.regions = regions
        self.available = available
        self.preferred = preferred
        self.maxPerDay = maxPerDay
        self.exams = exams
        self.canPreside = canPreside
        self.conflicts = conflicts
        self.line = line
    }

    /// A certifier is never external, whatever jury.csv says (R7).
    public var isExternal: Bool { role == .professional && declaredExternal }
    public var displayName: String { [lastName, firstName].filter { !$0.isEmpty }.joined(separator: " ") }
}

/// A room at a site.
public struct Room: Hashable, Sendable, Identifiable {
    public var id: String
    /// The building; a member works at one site a day (R14).
    public var site: String
    public var region: String
    /// Seats, for written and group sittings.
    public var capacity: Int
    /// Step-free access (R11).
    public var accessible: Bool
    public var equipment: [String]
    /// Empty means available on every day of the session (R9).
    public var available: [AvailabilityToken]
    public var line: Int

    public init(id: String, site: String = "", region: String = "", capacity: Int = 1, accessible: Bool = false,
                equipment: [String] = [], available: [AvailabilityToken] = [], line: Int = 0) {
        self.id = id
        self.site = site
        self.region = region
        self.capacity = capacity
        self.accessible = accessible
        self.equipment = equipment
        self.available = available
        self.line = line
    }
}

extension Candidate {
    /// SPEC §1.3's preference: a row at `time` on `day` meets it when the candidate states none,
    /// or when it overlaps one of their preferred days or half-days.
    public func isPreferred(_ day: Day, _ time: TimeRange, hours: SessionHours) -> Bool {
        Self.isPreferred(day, time, hours: hours, among: preferred)
    }

    /// `isPreferred` given the candidate's `preferred` tokens alone.
    public static func isPreferred(_ day: Day, _ time: TimeRange, hours: SessionHours, among preferred: [AvailabilityToken]) -> Bool {
        preferred.isEmpty || preferred.contains { $0.day == day && $0.interval(hours: hours).overlaps(time) }
    }
}

extension JuryMember {
    /// SPEC §1.3's preference for a member convened on `day`: met when they state none, or
    /// when `day` is one of their preferred days.
    public func isPreferred(_ day: Day) -> Bool {
        preferred.isEmpty || preferred.contains { $0.day == day }
    }
}
