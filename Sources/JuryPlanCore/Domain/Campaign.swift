import Foundation

/// The built-in certifications, or `custom` for a campaign that defines its own exams.
public enum PresetName: String, Hashable, Sendable, CaseIterable {
    case csec, pacte, cpas, custom
}

/// Weights of the soft objective (SPEC §1.3), from campaign.yaml `weights`.
public struct Weights: Hashable, Sendable {
    public var memberDays: Double = 100
    public var roomHalfDays: Double = 20
    public var candidateDays: Double = 10
    public var repeatExaminer: Double = 5
    public var imbalance: Double = 1
    public var preference: Double = 2
    public init() {}
}

/// A campaign: the settings of campaign.yaml and the people and rooms of the input files.
public struct Campaign: Sendable {
    public var name: String
    public var preset: PresetName
    public var timezone: String = "Europe/Paris"
    public var days: [Day]
    public var hours: SessionHours = .standard
    public var bufferMinutes: Int = 10
    public var maxExamsPerDay: Int = 3
    public var minBreakMinutes: Int = 30
    public var maxSittingsPerDay: Int = 8
    public var weights = Weights()
    /// Other names of exam ids (CPAS `BC1` for `B1`), resolved by `canonicalExamID`.
    public var examAliases: [String: String] = [:]
    /// Exams in preset order, then custom ones in file order.
    public private(set) var exams: [Exam]
    public private(set) var candidates: [Candidate]
    public private(set) var members: [JuryMember]
    public private(set) var rooms: [Room]

    private var examIndex: [String: Int] = [:]
    private var candidateIndex: [String: Int] = [:]
    private var memberIndex: [String: Int] = [:]
    private var roomIndex: [String: Int] = [:]

    public init(name: String, preset: PresetName, days: [Day], exams: [Exam],
                candidates: [Candidate] = [], members: [JuryMember] = [], rooms: [Room] = []) {
        self.name = name
        self.preset = preset
        self.days = days
        self.exams = exams
        self.candidates = candidates
        self.members = members
        self.rooms = rooms
        reindex()
    }

    private mutating func reindex() {
        examIndex = Dictionary(exams.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        candidateIndex = Dictionary(candidates.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        memberIndex = Dictionary(members.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        roomIndex = Dictionary(rooms.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public mutating func setPeople(candidates: [Candidate], members: [JuryMember], rooms: [Room]) {
        self.candidates = candidates
        self.members = members
        self.rooms = rooms
        reindex()
    }

    public mutating func setExams(_ exams: [Exam]) {
        self.exams = exams
        reindex()
    }

    public func exam(_ id: String) -> Exam? { examIndex[canonicalExamID(id)].map { exams[$0] } }

    /// The exam id an alias stands for (`BC1` → `B1` in CPAS), or the id itself.
    public func canonicalExamID(_ id: String) -> String { examAliases[id] ?? id }
    /// R13: whether `exam` must come after the exam `earlierID` (a canonical id), i.e. lists it in `after`.
    public func exam(_ exam: Exam, follows earlierID: String) -> Bool { exam.after.contains { canonicalExamID($0) == earlierID } }
    public func candidate(_ id: String) -> Candidate? { candidateIndex[id].map { candidates[$0] } }
    public func member(_ id: String) -> JuryMember? { memberIndex[id].map { members[$0] } }
    public func room(_ id: String) -> Room? { roomIndex[id].map { rooms[$0] } }

    /// Position of a candidate / member / room in its list, for dense arrays in the planner.
    public func candidateNumber(_ id: String) -> Int? { candidateIndex[id] }
    public func memberNumber(_ id: String) -> Int? { memberIndex[id] }
    public func roomNumber(_ id: String) -> Int? { roomIndex[id] }

    public func isSessionDay(_ day: Day) -> Bool { days.contains(day) }

    /// The sittings-per-day limit of a member (R14): jury.csv `max_per_day`, else the campaign's.
    public func maxSittings(of member: JuryMember) -> Int { member.maxPerDay ?? maxSittingsPerDay }
}

/// Comparison keys that ignore case, accents and spaces (structures and regions, R10, R15).
public enum NameKey {
    public static func of(_ text: String) -> String {
        // ASCII needs no folding (most ids and many names); other text is folded once and
        // remembered: the planner compares the same few structures and regions millions of times.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.compactMap { b -> UInt8? in
                switch b {
                case 0x09...0x0D, 0x20: return nil
                case 0x41...0x5A: return b + 0x20
                default: return b
                }
            }, as: UTF8.self)
        }
        if let known = folded.withLock({ $0[text] }) { return known }
        let key = fold(text)
        folded.withLock { $0[text] = key }
        return key
    }

    /// The full folding (any text); `of` gives the same key faster.
    static func fold(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: posix)
        return String(folded.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init)).lowercased()
    }

    private static let posix = Locale(identifier: "en_US_POSIX")
    private static let folded = LockedDictionary()

    /// Keys already folded, shared by the threads that lay out variants.
    private final class LockedDictionary: @unchecked Sendable {
        private let lock = NSLock()
        private var storage: [String: String] = [:]
        func withLock<T>(_ body: (inout [String: String]) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body(&storage)
        }
    }

    /// Two non-empty names that compare equal; an empty name never matches.
    public static func same(_ a: String, _ b: String) -> Bool {
        let ka = of(a), kb = of(b)
        return !ka.isEmpty && ka == kb
    }
}
