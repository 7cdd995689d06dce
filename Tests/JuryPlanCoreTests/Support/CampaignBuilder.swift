import XCTest
@testable import JuryPlanCore

// Test support: campaigns and schedules made in memory, concisely.

/// The two session days most tests use: Monday 14 and Tuesday 15 June 2027.
let D1 = "2027-06-14"
let D2 = "2027-06-15"

func day(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Day {
    guard let d = Day(parsing: text) else {
        XCTFail("bad test date \(text)", file: file, line: line)
        return Day(year: 2000, month: 1, day: 1)!
    }
    return d
}

/// "09:00-09:45" → a time range.
func span(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> TimeRange {
    guard let r = TimeRange(parsing: text) else {
        XCTFail("bad test range \(text)", file: file, line: line)
        return TimeRange(start: 0, end: 1)
    }
    return r
}

/// "2027-06-14 AM" → an availability token.
func token(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> AvailabilityToken {
    guard let t = AvailabilityToken(parsing: text) else {
        XCTFail("bad test token \(text)", file: file, line: line)
        return .day(Day(year: 2000, month: 1, day: 1)!)
    }
    return t
}

/// Builds a campaign: a preset's exams and aliases, then people and rooms added one by one.
final class CampaignBuilder {
    var name = "Test campaign"
    var preset: PresetName
    var days: [Day]
    var exams: [Exam]
    var aliases: [String: String]
    var candidates: [Candidate] = []
    var members: [JuryMember] = []
    var rooms: [Room] = []
    private var settings: [(inout Campaign) -> Void] = []

    init(_ preset: PresetName, days: [String] = [D1, D2]) {
        self.preset = preset
        self.days = days.map { day($0) }
        let p = Preset.named(preset)
        self.exams = p.exams
        self.aliases = p.aliases
    }

    /// A CSEC campaign with the usual cast (no candidate yet):
    /// - P1…P4 external professionals (P1 and P3 can preside), P5 an internal professional;
    /// - K1, K2 certifiers;
    /// - rooms at site "Campus": S1, S2 (projector, step-free, 1 seat), W1 (written room, 3 seats,
    ///   step-free, no projector), N1 (projector, not step-free), BIG (projector, step-free,
    ///   10 seats); and A1 at site "Annexe" (projector, step-free).
    static func csec() -> CampaignBuilder {
        CampaignBuilder(.csec).standardCast()
    }

    /// The same cast in a CPAS campaign (aliases BC1…BC5E2).
    static func cpas() -> CampaignBuilder {
        CampaignBuilder(.cpas).standardCast()
    }

    @discardableResult
    func standardCast() -> Self {
        professional("P1", canPreside: true)
        professional("P2")
        professional("P3", canPreside: true)
        professional("P4")
        professional("P5", external: false)
        certifier("K1")
        certifier("K2")
        room("S1")
        room("S2")
        room("W1", capacity: 3, equipment: [])
        room("N1", accessible: false)
        room("BIG", capacity: 10)
        room("A1", site: "Annexe")
        return self
    }

    @discardableResult
    func candidate(_ id: String, exams: [String], structure: String = "", region: String = "", extraTime: Bool = false,
                   accessible: Bool = false, unavailable: [String] = [], trainers: [String] = [], group: String = "",
                   jury: [String] = []) -> Self {
        candidates.append(Candidate(id: id, lastName: "Last" + id, firstName: "First" + id, structure: structure, region: region,
                                    exams: exams, extraTime: extraTime, accessible: accessible,
                                    unavailable: unavailable.map { token($0) }, trainers: trainers, group: group,
                                    imposedJury: jury, line: candidates.count + 2))
        return self
    }

    @discardableResult
    func member(_ id: String, role: Role, external: Bool, canPreside: Bool = false, structure: String = "",
                regions: [String] = [], available: [String] = [], maxPerDay: Int? = nil, exams: [String] = [],
                conflicts: [String] = []) -> Self {
        members.removeAll { $0.id == id }
        members.append(JuryMember(id: id, lastName: "Last" + id, firstName: "First" + id, role: role, declaredExternal: external,
                                  structure: structure, regions: regions, available: available.map { token($0) },
                                  maxPerDay: maxPerDay, exams: exams, canPreside: canPreside, conflicts: conflicts,
                                  line: members.count + 2))
        return self
    }

    @discardableResult
    func professional(_ id: String, external: Bool = true, canPreside: Bool = false, structure: String = "",
                      regions: [String] = [], available: [String] = [], maxPerDay: Int? = nil, exams: [String] = [],
                      conflicts: [String] = []) -> Self {
        member(id, role: .professional, external: external, canPreside: canPreside, structure: structure, regions: regions,
               available: available, maxPerDay: maxPerDay, exams: exams, conflicts: conflicts)
    }

    @discardableResult
    func certifier(_ id: String, external: Bool = false, canPreside: Bool = false, structure: String = "",
                   regions: [String] = [], available: [String] = [], maxPerDay: Int? = nil, exams: [String] = [],
                   conflicts: [String] = []) -> Self {
        member(id, role: .certifier, external: external, canPreside: canPreside, structure: structure, regions: regions,
               available: available, maxPerDay: maxPerDay, exams: exams, conflicts: conflicts)
    }

    /// Adds or replaces a room.
    @discardableResult
    func room(_ id: String, site: String = "Campus", region: String = "", capacity: Int = 1, accessible: Bool = true,
              equipment: [String] = ["projector"], available: [String] = []) -> Self {
        rooms.removeAll { $0.id == id }
        rooms.append(Room(id: id, site: site, region: region, capacity: capacity, accessible: accessible, equipment: equipment,
                          available: available.map { token($0) }, line: rooms.count + 2))
        return self
    }

    /// Adds an exam, or replaces the one with the same id.
    @discardableResult
    func exam(_ exam: Exam) -> Self {
        if let i = exams.firstIndex(where: { $0.id == exam.id }) { exams[i] = exam } else { exams.append(exam) }
        return self
    }

    @discardableResult
    func editExam(_ id: String, _ edit: (inout Exam) -> Void) -> Self {
        guard let i = exams.firstIndex(where: { $0.id == id }) else { XCTFail("no exam \(id)"); return self }
        edit(&exams[i])
        return self
    }

    @discardableResult
    func editMember(_ id: String, _ edit: (inout JuryMember) -> Void) -> Self {
        guard let i = members.firstIndex(where: { $0.id == id }) else { XCTFail("no member \(id)"); return self }
        edit(&members[i])
        return self
    }

    /// Campaign-wide settings (hours, buffer, limits).
    @discardableResult
    func set(_ change: @escaping (inout Campaign) -> Void) -> Self {
        settings.append(change)
        return self
    }

    func build() -> Campaign {
        var c = Campaign(name: name, preset: preset, days: days, exams: exams)
        c.examAliases = aliases
        c.setPeople(candidates: candidates, members: members, rooms: rooms)
        for s in settings { s(&c) }
        return c
    }
}

/// One schedule row; `line` is set by `schedule(_:)`.
func row(_ date: String = D1, _ time: String, _ room: String, _ exam: String, _ candidate: String, _ jury: [String],
         president: String = "", share: Double? = nil, site: String = "") -> ScheduleRow {
    ScheduleRow(day: day(date), time: span(time), site: site, room: room, exam: exam, candidateID: candidate,
                candidateName: "", jury: jury, president: president, externalShare: share)
}

/// A schedule whose rows carry the lines of a file with a header: row i is on line i + 2.
func schedule(_ rows: [ScheduleRow]) -> Schedule {
    Schedule(rows: rows.enumerated().map { i, r in
        var r = r
        r.line = i + 2
        return r
    })
}

func audit(_ campaign: Campaign, _ rows: [ScheduleRow]) -> Audit {
    RuleCatalogue.audit(schedule(rows), against: campaign)
}

func audit(_ builder: CampaignBuilder, _ rows: [ScheduleRow]) -> Audit {
    audit(builder.build(), rows)
}

/// What a test expects of one breach: the ids involved (any order) and the schedule lines.
struct Expect: Hashable, CustomStringConvertible {
    var people: [String]
    var lines: [Int]
    init(_ people: [String], _ lines: [Int]) {
        self.people = people.sorted()
        self.lines = lines
    }
    var description: String { "people \(people) lines \(lines)" }
}

extension XCTestCase {
    /// The audit has no breach at all.
    func assertClean(_ audit: Audit, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(audit.breaches.map(\.description), [], file: file, line: line)
    }

    /// The audit has no breach of `rule`.
    func assertKeeps(_ audit: Audit, _ rule: RuleID, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(audit.breaches(of: rule).map(\.description), [], file: file, line: line)
    }

    /// Exactly these rules are broken.
    func assertBroken(_ audit: Audit, _ rules: [RuleID], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(audit.rulesBroken, rules, "breaches: \(audit.breaches.map(\.description))", file: file, line: line)
    }

    /// The breaches of `rule` are exactly `expected` (people as a set, lines exactly), in any order.
    func assertBreaches(_ audit: Audit, _ rule: RuleID, _ expected: [Expect], file: StaticString = #filePath, line: UInt = #line) {
        let actual = audit.breaches(of: rule).map { Expect($0.people, $0.lines) }
        XCTAssertEqual(actual.map(\.description).sorted(), expected.map(\.description).sorted(),
                       "breaches: \(audit.breaches.map(\.description))", file: file, line: line)
        for b in audit.breaches(of: rule) {
            XCTAssertFalse(b.message.isEmpty, file: file, line: line)
        }
    }

    /// Exactly one breach in the whole audit, of `rule`, with these people and lines.
    func assertOnly(_ audit: Audit, _ rule: RuleID, _ people: [String], _ lines: [Int], file: StaticString = #filePath, line: UInt = #line) {
        assertBroken(audit, [rule], file: file, line: line)
        assertBreaches(audit, rule, [Expect(people, lines)], file: file, line: line)
    }
}
