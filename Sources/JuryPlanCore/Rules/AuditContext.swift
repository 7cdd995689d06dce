/// What every rule check reads: the campaign, the schedule grouped into sittings, and the
/// breaches found so far. It holds no planner state: `check` must work on hand-made schedules.
public struct AuditContext {
    public let campaign: Campaign
    public let schedule: Schedule
    public let sittings: [Sitting]
    public let availability: Availability
    public private(set) var breaches: [Breach] = []
    public private(set) var warnings: [String] = []

    public init(campaign: Campaign, schedule: Schedule, availability: Availability? = nil) {
        self.campaign = campaign
        self.schedule = schedule
        self.availability = availability ?? Availability(campaign)
        self.sittings = Sitting.group(schedule, in: campaign)
    }

    public mutating func report(_ rule: RuleID, _ message: String, day: Day? = nil, rows: [Int] = [], people: [String] = []) {
        let lines = rows.map { schedule.rows[$0].line }
        breaches.append(Breach(rule, message, day: day, lines: lines, people: people))
    }

    public mutating func warn(_ message: String) { warnings.append(message) }

    // MARK: Reading the schedule

    public func row(_ i: Int) -> ScheduleRow { schedule.rows[i] }
    public func exam(of sitting: Sitting) -> Exam? { campaign.exam(sitting.exam) }

    /// Distinct known-or-unknown member ids of a sitting, in schedule order.
    public func memberIDs(of sitting: Sitting) -> [String] {
        var seen = Set<String>()
        return sitting.jury.filter { seen.insert($0).inserted }
    }

    public func candidates(of sitting: Sitting) -> [Candidate] {
        sitting.rows.compactMap { campaign.candidate(schedule.rows[$0].candidateID) }
    }

    /// True when the sitting's jury examines (oral, group) rather than invigilates (written).
    public func isExamined(_ sitting: Sitting) -> Bool { exam(of: sitting)?.mode.isExamined ?? true }

    /// "FINAL of Dupont Léa (C07) on 2027-06-15 09:00" or "BC3 in room S1 on … (12 candidates)".
    public func describe(_ sitting: Sitting) -> String {
        let when = "on \(sitting.day.iso) \(Clock.format(sitting.time.start))"
        if sitting.rows.count == 1 { return describe(row: sitting.rows[0]) }
        return "\(sitting.exam) in room \(sitting.room) \(when) (\(sitting.rows.count) candidates)"
    }

    public func describe(row i: Int) -> String {
        let r = schedule.rows[i]
        return "\(r.exam) of \(name(ofCandidate: r.candidateID)) on \(r.day.iso) \(Clock.format(r.time.start))"
    }

    public func name(ofCandidate id: String) -> String {
        guard let c = campaign.candidate(id) else { return id }
        return "\(c.displayName) (\(id))"
    }

    public func name(ofMember id: String) -> String {
        guard let m = campaign.member(id) else { return id }
        return "\(m.displayName) (\(id))"
    }
}

/// Audits a schedule against every rule of SPEC §1.2, read as §1.2.1 defines them.
public enum RuleCatalogue {
    /// The one place that lists every rule and the function that checks it.
    public static let checks: [(RuleID, @Sendable (inout AuditContext) -> Void)] = [
        (.r1, RegistrationRules.checkR1),
        (.r2, OverlapRules.checkR2),
        (.r3, OverlapRules.checkR3),
        (.r4, OverlapRules.checkR4),
        (.r5, JuryRules.checkR5),
        (.r6, JuryRules.checkR6),
        (.r7, JuryRules.checkR7),
        (.r8, JuryRules.checkR8),
        (.r9, PlaceRules.checkR9),
        (.r10, JuryRules.checkR10),
        (.r11, PlaceRules.checkR11),
        (.r12, OverlapRules.checkR12),
        (.r13, RegistrationRules.checkR13),
        (.r14, OverlapRules.checkR14),
        (.r15, PlaceRules.checkR15),
        (.r16, JuryRules.checkR16),
        (.r17, PlaceRules.checkR17),
        (.r18, JuryRules.checkR18),
    ]

    public static func audit(_ schedule: Schedule, against campaign: Campaign, rules: Set<RuleID> = Set(RuleID.allCases),
                             availability: Availability? = nil) -> Audit {
        var context = AuditContext(campaign: campaign, schedule: schedule, availability: availability)
        for (rule, check) in checks where rules.contains(rule) { check(&context) }
        var seen = Set<Breach>()
        let breaches = context.breaches.filter { seen.insert($0).inserted }.sorted {
            ($0.rule, $0.lines.first ?? 0, $0.message) < ($1.rule, $1.lines.first ?? 0, $1.message)
        }
        var seenWarnings = Set<String>()
        return Audit(breaches: breaches, warnings: context.warnings.filter { seenWarnings.insert($0).inserted })
    }
}

/// "33 %" for 1/3: shares as coordinators read them.
func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }

/// "1 certifier + 2 professionals"
func describeRoles(_ roles: [Role: Int]) -> String {
    roles.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key.rawValue)\($0.value == 1 ? "" : "s")" }.joined(separator: " + ")
}
