/// A panel: one jury in one room for one half-day, hearing candidates of one exam one after
/// another (for a written exam: one sitting of several candidates). The planner lays out
/// panels first (`SittingLayout`) and then convenes members to them (`JuryAssignment`).
struct Panel {
    struct Slot {
        var request: Int
        var start: Int
        /// The sitting's end: the latest end of its candidates.
        var end: Int
        var candidates: [Int]
    }

    let id: Int
    let exam: Exam
    let period: Period
    /// Room number in `campaign.rooms`.
    let room: Int
    /// Region key of a regional exam and the imposed members: only such requests share it.
    let key: String
    /// Sorted by start.
    var slots: [Slot] = []

    var start: Int { slots.first?.start ?? 0 }
    var end: Int { slots.map(\.end).max() ?? 0 }
    var sittingCount: Int { slots.count }
    var candidateNumbers: [Int] { slots.flatMap(\.candidates) }
}

/// Where a candidate sits one request, for the candidate rules (R2, R9, R12, R13).
struct Placement {
    var request: Int
    var examID: String
    var dayIndex: Int
    var start: Int
    var end: Int
}

extension Placement {
    /// `candidate` sitting r from `start` on a day: their own row's length (extra time or not).
    init(_ r: SittingRequest, of candidate: Candidate, dayIndex: Int, start: Int) {
        self.init(request: r.id, examID: r.exam.id, dayIndex: dayIndex, start: start, end: start + r.minutes(of: candidate))
    }
}

extension SittingRequest {
    /// Requests that may share a panel have the same exam and the same key.
    static func panelKey(regionKey: String, imposed: [String]) -> String { regionKey + "\u{1F}" + imposed.joined(separator: "|") }
}
