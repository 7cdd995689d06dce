/// A last pass on a staffed plan: two candidates of the same exam trade their sittings when that
/// lowers the candidate side of the objective (candidate-days, preferences, repeated examiners).
///
/// The layout places candidates one at a time, so an early candidate's choice can leave a later
/// one with a lone exam on a third day while someone else sits that exam on a day the later one
/// already comes. A trade keeps every panel, room, time and jury as it is: member-days, room
/// half-days and the members' side of the rules cannot change. What can is checked for both
/// candidates before a trade: the room suits them (R11, R15), every juror may examine them
/// (R10, R15, R16, R18), and their own day still keeps R2, R9, R12 and R13. Trades are first
/// improvement in a fixed order, so the result is deterministic.
struct CandidateSwaps {
    let problem: PlanningProblem
    let juries: [[Int]]
    var panels: [Panel]

    /// Where a candidate's oral sitting is: panel and slot.
    struct Seat: Hashable {
        var panel: Int
        var slot: Int
    }

    /// Each candidate's seats that may be traded, and those that may not (written, group).
    var seats: [[Seat]]
    var fixed: [[Seat]]
    /// `classKey` of each seat as a number, by panel and slot: a trade moves a candidate between
    /// seats of one class, so a seat's class never changes (the hot loops hash no strings).
    private let classNumbers: [[Int]]
    private let marks: Marks

    init(problem: PlanningProblem, panels: [Panel], juries: [[Int]]) {
        self.problem = problem
        self.panels = panels
        self.juries = juries
        var seats = Array(repeating: [Seat](), count: problem.campaign.candidates.count)
        var fixed = seats
        for (p, panel) in panels.enumerated() {
            for (k, slot) in panel.slots.enumerated() {
                if Self.tradable(panel.exam) && slot.candidates.count == 1 {
                    seats[slot.candidates[0]].append(Seat(panel: p, slot: k))
                } else {
                    for c in slot.candidates { fixed[c].append(Seat(panel: p, slot: k)) }
                }
            }
        }
        (self.seats, self.fixed) = (seats, fixed)
        marks = Marks(days: problem.campaign.days.count, members: problem.campaign.members.count)
        var numbers: [String: Int] = [:]
        classNumbers = panels.map { panel in
            panel.slots.map { slot in
                let key = Self.classKey(problem.requests[slot.request], slot)
                if let known = numbers[key] { return known }
                numbers[key] = numbers.count
                return numbers.count - 1
            }
        }
    }

    /// Oral sittings of one candidate each; groups and written sittings stay as they are.
    static func tradable(_ exam: Exam) -> Bool { exam.mode == .oral }

    static let passes = 4

    /// Trades while one helps, at most `passes` rounds over all candidates. A trade is looked
    /// for where it can save a day: the other seat is on a day the candidate already comes.
    /// `merging`: also merge two of a candidate's days (`mergeDays`), the costliest step.
    mutating func improve(merging: Bool = true) -> Int {
        var trades = 0
        let campaign = problem.campaign
        let classes = tradableClasses()
        // Each candidate's cost as the plan stands, kept up to date after every trade.
        var current = campaign.candidates.indices.map { cost($0) }
        for _ in 0..<Self.passes {
            var traded = false
            for x in campaign.candidates.indices {
                for a in seats[x] {
                    let days = Set((seats[x] + fixed[x]).map { panels[$0.panel].period.dayIndex })
                    let own = panels[a.panel].period.dayIndex
                    let key = classNumber(a.panel, a.slot)
                    search: for day in days.sorted() where day != own {
                        for b in classes[key]?[day] ?? [] {
                            let y = panels[b.panel].slots[b.slot].candidates[0]
                            guard y != x else { continue }
                            let delta = cost(x, moving: a, to: b) + cost(y, moving: b, to: a) - current[x] - current[y]
                            guard delta < -1e-9, fits(x, from: a, into: b), fits(y, from: b, into: a) else { continue }
                            trade(a, b)
                            (current[x], current[y]) = (cost(x), cost(y))
                            trades += 1
                            traded = true
                            break search
                        }
                    }
                }
            }
            if !traded { break }
        }
        let written = writtenSittings()
        return trades + emptyLightDays(classes, written) + (merging ? mergeDays(classes, written) : 0)
    }

    /// Seats that may be traded, by class (exam, panel key and length) and by day. A seat stays
    /// where it is while its holder changes, so this holds for every trade that follows.
    func tradableClasses() -> [Int: [Int: [Seat]]] {
        var classes: [Int: [Int: [Seat]]] = [:]
        for (p, panel) in panels.enumerated() where Self.tradable(panel.exam) {
            for (k, slot) in panel.slots.enumerated() where slot.candidates.count == 1 {
                classes[classNumber(p, k), default: [:]][panel.period.dayIndex, default: []].append(Seat(panel: p, slot: k))
            }
        }
        return classes
    }

    /// Written sittings by exam and day: another of them may take a candidate in.
    func writtenSittings() -> [String: [Int: [Seat]]] {
        var written: [String: [Int: [Seat]]] = [:]
        for (p, panel) in panels.enumerated() where panel.exam.mode == .written && panel.slots.count == 1 {
            written[panel.exam.id, default: [:]][panel.period.dayIndex, default: []].append(Seat(panel: p, slot: 0))
        }
        return written
    }

    /// One step of `emptyLightDays`: a trade of oral seats, or a move to another written sitting.
    enum Move {
        case trade(Seat, Seat)
        case join(candidate: Int, from: Seat, to: Seat)
        /// Two candidates exchange their places in two written sittings.
        case exchange(Int, from: Seat, with: Int, to: Seat)
    }

    /// Moves every sitting off a candidate's lightest day (at most two sittings), each by a
    /// trade or by joining a written sitting on another of the candidate's days, when the whole
    /// saves: two moves that each save nothing alone can save the day together.
    private mutating func emptyLightDays(_ classes: [Int: [Int: [Seat]]], _ written: [String: [Int: [Seat]]]) -> Int {
        var moves = 0
        for x in problem.campaign.candidates.indices {
            let byDay = Dictionary(grouping: seats[x] + fixed[x], by: { panels[$0.panel].period.dayIndex })
            guard byDay.count > 1 else { continue }
            // The lightest day first; when its sittings cannot leave (a FINAL alone on the only
            // day its jury sits), the next light day may join it instead.
            let light = byDay.filter { $0.value.count <= Self.lightDay }.sorted { ($0.value.count, $0.key) < ($1.value.count, $1.key) }
            for (day, sittings) in light {
                let targets = byDay.keys.filter { $0 != day }.sorted()
                var journal: [Move] = []
                var total = 0.0
                for seat in sittings.sorted(by: { ($0.panel, $0.slot) < ($1.panel, $1.slot) }) {
                    guard let (move, delta) = bestMove(x, seat, to: targets, classes, written) else { break }
                    apply(move)
                    journal.append(move)
                    total += delta
                }
                if journal.count == sittings.count && total < -1e-9 {
                    moves += journal.count
                    break
                }
                for move in journal.reversed() { undo(move) }
            }
        }
        return moves
    }

    static let lightDay = 2

    /// The cheapest lawful move of x's sitting at `seat` to one of the `targets` days.
    private func bestMove(_ x: Int, _ seat: Seat, to targets: [Int], _ classes: [Int: [Int: [Seat]]],
                          _ written: [String: [Int: [Seat]]]) -> (Move, Double)? {
        var best: (Move, Double)?
        let before = cost(x)
        let panel = panels[seat.panel]
        if fixed[x].contains(seat) {
            // Joining another written sitting: same exam, a seat left, not lengthened by x.
            guard panel.exam.mode == .written, !problem.candidate(x).extraTime else { return nil }
            for day in targets {
                for to in written[panel.exam.id]?[day] ?? [] {
                    let target = panels[to.panel]
                    guard target.slots[0].candidates.count < problem.campaign.rooms[target.room].capacity else { continue }
                    let delta = cost(x, moving: seat, to: to) - before
                    guard best.map({ delta < $0.1 }) ?? true, fits(x, from: seat, into: to) else { continue }
                    best = (.join(candidate: x, from: seat, to: to), delta)
                }
            }
            return best
        }
        let key = classNumber(seat.panel, seat.slot)
        for day in targets {
            for b in classes[key]?[day] ?? [] {
                let y = panels[b.panel].slots[b.slot].candidates[0]
                guard y != x else { continue }
                let delta = cost(x, moving: seat, to: b) + cost(y, moving: b, to: seat) - before - cost(y)
                guard best.map({ delta < $0.1 }) ?? true, fits(x, from: seat, into: b), fits(y, from: b, into: seat) else { continue }
                best = (.trade(seat, b), delta)
            }
        }
        return best
    }

    mutating func apply(_ move: Move) {
        switch move {
        case .trade(let a, let b): trade(a, b)
        case .join(let x, let from, let to): join(x, from: from, to: to)
        case .exchange(let x, let from, let y, let to): join(x, from: from, to: to); join(y, from: to, to: from)
        }
    }

    mutating func undo(_ move: Move) {
        switch move {
        case .trade(let a, let b): trade(b, a)
        case .join(let x, let from, let to): join(x, from: to, to: from)
        case .exchange(let x, let from, let y, let to): join(x, from: to, to: from); join(y, from: from, to: to)
        }
    }

    private mutating func join(_ x: Int, from: Seat, to: Seat) {
        panels[from.panel].slots[from.slot].candidates.removeAll { $0 == x }
        panels[to.panel].slots[to.slot].candidates.append(x)
        fixed[x] = fixed[x].map { $0 == from ? to : $0 }
    }

    func classKey(_ p: Int, _ k: Int) -> String {
        Self.classKey(problem.requests[panels[p].slots[k].request], panels[p].slots[k])
    }

    /// The class of a seat: its exam, panel key and length. The slot's own exam: a panel of the
    /// tight layout may hear two exams of one jury (BC4 then BC5), and a candidate holds one
    /// seat of each.
    private static func classKey(_ request: SittingRequest, _ slot: Panel.Slot) -> String {
        "\(request.exam.id)\u{1F}\(request.panelKey)\u{1F}\(slot.end - slot.start)"
    }

    /// `classKey` as a number (`classNumbers`).
    func classNumber(_ p: Int, _ k: Int) -> Int { classNumbers[p][k] }

    private mutating func trade(_ a: Seat, _ b: Seat) {
        let (x, y) = (panels[a.panel].slots[a.slot].candidates[0], panels[b.panel].slots[b.slot].candidates[0])
        let (rx, ry) = (panels[a.panel].slots[a.slot].request, panels[b.panel].slots[b.slot].request)
        panels[a.panel].slots[a.slot].request = ry
        panels[a.panel].slots[a.slot].candidates = [y]
        panels[b.panel].slots[b.slot].request = rx
        panels[b.panel].slots[b.slot].candidates = [x]
        seats[x] = seats[x].map { $0 == a ? b : $0 }
        seats[y] = seats[y].map { $0 == b ? a : $0 }
    }

    /// Candidate x, now at seat `from`, may sit at seat `to` instead.
    func fits(_ x: Int, from: Seat, into to: Seat) -> Bool { fitter(x, from: from)(to) }

    /// `fits` for many seats `to`: x's request, its rooms and examiners and x's other sittings
    /// looked up once (a merge weighs every seat of a class on a day).
    func fitter(_ x: Int, from: Seat) -> (Seat) -> Bool {
        // A written sitting's slot names its first candidate's request: x's own is looked up.
        let exam = problem.requests[panels[from.panel].slots[from.slot].request].exam.id
        guard let request = problem.request(of: x, exam: exam) else { return { _ in false } }
        let rooms = problem.suitableRooms(request)
        let examiners = problem.mayExamine(request)
        let others = placements(x, except: from)
        let (panels, juries, problem) = (self.panels, self.juries, self.problem)
        return { to in
            rooms[panels[to.panel].room] && juries[to.panel].allSatisfy { examiners.contains($0) }
                && problem.candidateFits(x, request, dayIndex: panels[to.panel].period.dayIndex, start: panels[to.panel].slots[to.slot].start,
                                         besides: others)
        }
    }

    /// Every placement of candidate c in the plan (written and group sittings too) but one.
    private func placements(_ c: Int, except: Seat) -> [Placement] {
        let extraTime = problem.campaign.candidates[c].extraTime
        return (seats[c] + fixed[c]).filter { $0 != except }.map { seat in
            let slot = panels[seat.panel].slots[seat.slot]
            let exam = problem.requests[slot.request].exam
            return Placement(request: slot.request, examID: exam.id, dayIndex: panels[seat.panel].period.dayIndex, start: slot.start,
                             end: slot.start + exam.minutes(extraTime: extraTime))
        }
    }

    /// The candidate's share of the objective: days, unmet preferences, repeated examiners; with
    /// the sitting at `moving` held at `to` instead when given. Called for every pair a trade is
    /// weighed for (a hundred thousand times a plan): days and members met are marked in the
    /// shared `marks` instead of collected and sorted.
    func cost(_ c: Int, moving: Seat? = nil, to: Seat? = nil) -> Double {
        // Fields read one by one: copying the campaign or the candidate costs a retain per field.
        let w = problem.campaign.weights, hours = problem.campaign.hours
        let preferred = problem.campaign.candidates[c].preferred
        let marks = self.marks
        marks.stamp += 1
        let stamp = marks.stamp
        var days = 0, unmet = 0, repeats = 0
        func count(_ seat: Seat) {
            let s = seat == moving ? to! : seat
            let period = panels[s.panel].period
            if marks.day[period.dayIndex] != stamp {
                marks.day[period.dayIndex] = stamp
                days += 1
            }
            if !preferred.isEmpty {
                let slot = panels[s.panel].slots[s.slot]
                if !Candidate.isPreferred(problem.day(period), TimeRange(start: slot.start, end: slot.end), hours: hours, among: preferred) { unmet += 1 }
            }
            // A jury lists each member once (R5), so repeats are the members met more than once.
            guard panels[s.panel].exam.mode.isExamined else { return }
            for m in juries[s.panel] {
                if marks.member[m] == stamp { repeats += 1 } else { marks.member[m] = stamp }
            }
        }
        for seat in seats[c] { count(seat) }
        for seat in fixed[c] { count(seat) }
        return w.candidateDays * Double(days) + w.preference * Double(unmet) + w.repeatExaminer * Double(repeats)
    }

    /// Scratch marks for `cost`: a day or member is counted when its mark is the current stamp.
    /// One box per trade search (copies share it; a search runs on one thread).
    final class Marks {
        var stamp = 0
        var day: [Int]
        var member: [Int]
        init(days: Int, members: Int) { (day, member) = (Array(repeating: 0, count: days), Array(repeating: 0, count: members)) }
    }
}
