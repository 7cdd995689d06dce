/// The hard rules of SPEC §1.2, by id. Each one is checked in exactly one function, listed in
/// `RuleCatalogue.checks`; the planner keeps each one in the model family named after it.
public enum RuleID: Int, CaseIterable, Comparable, Sendable, CustomStringConvertible {
    case r1 = 1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15, r16, r17, r18

    public var description: String { "R\(rawValue)" }

    public init?(_ text: String) {
        guard text.hasPrefix("R"), let n = Int(text.dropFirst()), let r = RuleID(rawValue: n) else { return nil }
        self = r
    }

    public var summary: String {
        switch self {
        case .r1: return "every registration is scheduled exactly once, with its exact duration"
        case .r2: return "a candidate is never in two sittings at once"
        case .r3: return "a jury member is never in two sittings at once and has the buffer between two"
        case .r4: return "a room holds one sitting at a time; a written room is not over capacity"
        case .r5: return "the jury has the exam's size"
        case .r6: return "the jury has the roles the exam asks for"
        case .r7: return "the share of external members is above the exam's threshold"
        case .r8: return "the president is a professional who can preside"
        case .r9: return "members, candidates and rooms are used only when available"
        case .r10: return "no conflict of interest"
        case .r11: return "the room suits the sitting (equipment, step-free access, capacity)"
        case .r12: return "a candidate's daily limit and break between exams"
        case .r13: return "an exam comes after its prerequisites"
        case .r14: return "a member's daily limit and one site a day"
        case .r15: return "regional exams: candidate, members and room share a region"
        case .r16: return "a member examines only exams they are qualified for"
        case .r17: return "sittings lie inside the opening hours, never across lunch"
        case .r18: return "imposed members sit on the candidate's juries"
        }
    }

    public static func < (a: RuleID, b: RuleID) -> Bool { a.rawValue < b.rawValue }
}

/// One breach of a rule, in words a coordinator understands.
public struct Breach: Hashable, Sendable, CustomStringConvertible {
    public var rule: RuleID
    public var message: String
    public var day: Day?
    /// Lines of the schedule file involved (empty for plans made in memory or missing rows).
    public var lines: [Int]
    /// Ids of the candidates, members and rooms involved.
    public var people: [String]

    public init(_ rule: RuleID, _ message: String, day: Day? = nil, lines: [Int] = [], people: [String] = []) {
        self.rule = rule
        self.message = message
        self.day = day
        self.lines = lines.filter { $0 > 0 }.sorted()
        self.people = people
    }

    public var description: String {
        let at = lines.isEmpty ? "" : " (line\(lines.count > 1 ? "s" : "") \(lines.map(String.init).joined(separator: ", ")))"
        return "\(rule): \(message)\(at)"
    }
}

/// What `check` found: breaches by rule, and warnings that break no rule.
public struct Audit: Sendable {
    public var breaches: [Breach]
    public var warnings: [String]

    public var isClean: Bool { breaches.isEmpty }
    public func breaches(of rule: RuleID) -> [Breach] { breaches.filter { $0.rule == rule } }
    public var rulesBroken: [RuleID] { Array(Set(breaches.map(\.rule))).sorted() }
}
