import Foundation
import JuryPlanCore

/// One sitting as every export shows it: a jury (or invigilator) in a room at a time, with the
/// candidates it hears. Its end is the latest end of its rows, so that a member or a room never
/// sees which candidate has extra time (the sitting is simply longer).
public struct ExportSitting: Sendable {
    public var day: Day
    public var time: TimeRange
    public var site: String
    public var room: String
    public var exam: String
    public var examName: String
    public var mode: ExamMode?
    /// Indices into `PlanView.rows`.
    public var rows: [Int]
    public var candidateIDs: [String]
    public var jury: [String]
    /// Empty where the exam has no president.
    public var president: String
    /// Share of external members, for examined sittings with a jury.
    public var externalShare: Double?
    /// What identifies the sitting across plans, whatever its time or room: the exam and the
    /// candidate (an oral), the group (a group oral), or day, start and room (a written sitting).
    public var identity: String
    public var isExamined: Bool { mode?.isExamined ?? true }
}

/// Whether a sitting's jury keeps the jury rules, as the rule catalogue audits them.
public struct JuryCompliance: Sendable, Equatable {
    /// R5, R6, R16, R18: size, roles, qualifications, imposed members.
    public var composition: Bool
    /// R7; nil where the exam sets no external threshold.
    public var external: Bool?
    /// R8; nil where the exam has no president.
    public var president: Bool?
    public var isCompliant: Bool { composition && external != false && president != false }
}

/// A breach as exports show it: rows are indices into `PlanView.rows`, and messages that would
/// tell a candidate's accommodation (health data) are withheld.
public struct ExportBreach: Sendable {
    public var rule: RuleID
    public var message: String
    public var day: Day?
    public var rows: [Int]
    public var people: [String]
}

/// The plan read once for every writer: sittings, names, the audit and each jury's compliance.
public struct PlanView: Sendable {
    public let plan: ExportedPlan
    public var campaign: Campaign { plan.campaign }
    public var rows: [ScheduleRow] { plan.schedule.rows }
    public let sittings: [ExportSitting]
    /// Sitting index of each row.
    public let sittingOfRow: [Int]
    public let breaches: [ExportBreach]
    public let auditWarnings: [String]
    public let compliance: [JuryCompliance]
    public let figures: PlanFigures
    /// Who sits where, indexed once: per-person files would otherwise scan every sitting.
    private let sittingsOfMember: [String: [Int]]
    private let sittingsInRoom: [String: [Int]]
    private let rowsOfCandidate: [String: [Int]]

    public init(_ plan: ExportedPlan) {
        self.plan = plan
        let campaign = plan.campaign
        // Rows numbered by position, so that each breach names the rows it concerns.
        var numbered = plan.schedule
        for i in numbered.rows.indices { numbered.rows[i].line = i + 1 }
        let grouped = Sitting.group(numbered, in: campaign)
        var sittingOfRow = Array(repeating: 0, count: numbered.rows.count)
        var sittings: [ExportSitting] = []
        for (s, sitting) in grouped.enumerated() {
            for r in sitting.rows { sittingOfRow[r] = s }
            sittings.append(Self.describe(sitting, rows: numbered.rows, campaign: campaign))
        }
        self.sittings = sittings
        self.sittingOfRow = sittingOfRow
        var byMember: [String: [Int]] = [:], byRoom: [String: [Int]] = [:], byCandidate: [String: [Int]] = [:]
        for (s, sitting) in sittings.enumerated() {
            for m in Set(sitting.jury).sorted() { byMember[m, default: []].append(s) }
            byRoom[sitting.room, default: []].append(s)
        }
        for (r, row) in numbered.rows.enumerated() { byCandidate[row.candidateID, default: []].append(r) }
        sittingsOfMember = byMember
        sittingsInRoom = byRoom
        rowsOfCandidate = byCandidate
        let audit = RuleCatalogue.audit(numbered, against: campaign)
        breaches = audit.breaches.map { b in
            ExportBreach(rule: b.rule, message: Privacy.redact(b), day: b.day, rows: b.lines.map { $0 - 1 }, people: b.people)
        }
        auditWarnings = audit.warnings
        var broken = Array(repeating: Set<RuleID>(), count: sittings.count)
        for b in audit.breaches { for line in b.lines { broken[sittingOfRow[line - 1]].insert(b.rule) } }
        compliance = sittings.indices.map { s in
            let exam = campaign.exam(sittings[s].exam)
            let rules = broken[s]
            return JuryCompliance(
                composition: rules.isDisjoint(with: [.r5, .r6, .r16, .r18]),
                external: exam?.jury.external == nil || !sittings[s].isExamined ? nil : !rules.contains(.r7),
                president: exam?.jury.president == true ? !rules.contains(.r8) : nil)
        }
        var figures = PlanFigures()
        PlanMeasures.fill(&figures, schedule: numbered, campaign: campaign)
        self.figures = figures
    }

    private static func describe(_ sitting: Sitting, rows: [ScheduleRow], campaign: Campaign) -> ExportSitting {
        let first = rows[sitting.rows[0]]
        let exam = campaign.exam(sitting.exam)
        let candidates = sitting.rows.map { rows[$0].candidateID }
        var share: Double?
        if exam?.mode.isExamined ?? true, !sitting.jury.isEmpty {
            share = Double(sitting.jury.filter { campaign.member($0)?.isExternal ?? false }.count) / Double(sitting.jury.count)
        }
        let examID = campaign.canonicalExamID(sitting.exam)
        let identity: String
        switch exam?.mode {
        case .written?: identity = "\(examID)|written|\(sitting.day.iso)|\(Clock.format(sitting.time.start))|\(sitting.room)"
        case .group?:
            let group = campaign.candidate(first.candidateID)?.group ?? ""
            identity = "\(examID)|group|" + (group.isEmpty ? "candidate:\(first.candidateID)" : group)
        default: identity = "\(examID)|candidate|\(first.candidateID)"
        }
        return ExportSitting(day: sitting.day, time: sitting.time, site: campaign.room(sitting.room)?.site ?? first.site,
                             room: sitting.room, exam: sitting.exam, examName: exam?.name ?? sitting.exam, mode: exam?.mode,
                             rows: sitting.rows, candidateIDs: candidates, jury: sitting.jury, president: first.president,
                             externalShare: share, identity: identity)
    }

    // MARK: Names

    public func memberName(_ id: String) -> String { campaign.member(id)?.displayName ?? id }
    public func candidateName(_ id: String) -> String {
        campaign.candidate(id)?.displayName ?? rows.first { $0.candidateID == id }?.candidateName ?? id
    }

    // MARK: Who sits where

    /// Member ids in campaign order, then unknown ids met in the schedule.
    public var memberIDs: [String] { ordered(campaign.members.map(\.id), sittings.flatMap(\.jury)) }
    public var candidateIDs: [String] { ordered(campaign.candidates.map(\.id), rows.map(\.candidateID)) }
    public var roomIDs: [String] { ordered(campaign.rooms.map(\.id), sittings.map(\.room)) }

    private func ordered(_ known: [String], _ met: [String]) -> [String] {
        var seen = Set<String>()
        let used = Set(met)
        return (known.filter { used.contains($0) } + met).filter { seen.insert($0).inserted }
    }

    /// Sittings of a member, a room, or (by row) a candidate, in schedule order.
    public func sittings(ofMember id: String) -> [Int] { sittingsOfMember[id] ?? [] }
    public func sittings(inRoom id: String) -> [Int] { sittingsInRoom[id] ?? [] }
    public func rows(ofCandidate id: String) -> [Int] { rowsOfCandidate[id] ?? [] }

    /// Days on which a member sits, and how many sittings in all.
    public func workload(ofMember id: String) -> (days: Int, sittings: Int) {
        let own = sittings(ofMember: id)
        return (Set(own.map { sittings[$0].day }).count, own.count)
    }

    /// The sitting's jury with the president first, as people read it.
    public func juryInReadingOrder(_ s: ExportSitting) -> [String] {
        s.president.isEmpty || !s.jury.contains(s.president) ? s.jury : [s.president] + s.jury.filter { $0 != s.president }
    }
}

/// Accommodations are health data: they reach only the candidate's own files.
public enum Privacy {
    /// The audit messages that name an accommodation (R1 "with extra time", R11 step-free access).
    static func redact(_ breach: Breach) -> String {
        let lowered = breach.message.lowercased()
        if lowered.contains("extra time") || lowered.contains("step-free") || lowered.contains("accessible") {
            return "details withheld from exports (health data); run `juryplan check` to read them"
        }
        return breach.message
    }

    /// A rule's summary for a printed page: R11's names step-free access, which, next to a
    /// candidate's name, would hint at their need.
    static func summary(_ rule: RuleID) -> String {
        rule == .r11 ? "the room suits the sitting (equipment, capacity)" : rule.summary
    }
}

/// File names from ids: ids come from spreadsheets and may hold `/`, `..` or spaces.
public enum ExportFileNames {
    /// One safe, distinct name per id, in the order given.
    public static func names(for ids: [String]) -> [String: String] {
        var used = Set<String>()
        var names: [String: String] = [:]
        for id in ids {
            var base = String(id.unicodeScalars.map { s -> Character in
                s.isASCII && (CharacterSet.alphanumerics.contains(s) || s == "-" || s == "_") ? Character(s) : "_"
            })
            if base.isEmpty { base = "_" }
            var name = base, n = 2
            while !used.insert(name.lowercased()).inserted {
                name = "\(base)-\(n)"
                n += 1
            }
            names[id] = name
        }
        return names
    }
}
