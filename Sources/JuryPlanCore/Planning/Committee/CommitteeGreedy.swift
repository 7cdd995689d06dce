/// Construction for committee sessions that knows who sits: the most constrained sitting
/// first, each at the start that convenes the fewest new member-days, preferring days on which
/// the members' other sittings could also be held (so each person's sittings gather). A sitting
/// with no free start is repaired by moving one sitting that blocks it; what still finds no
/// place stays unplaced. It never loops: each sitting is tried once, each repair once.
struct CommitteeGreedy {
    let session: CommitteeProblem
    /// Days on which each sitting has some option.
    private let optionDays: [Set<Int>]

    init(_ session: CommitteeProblem) {
        self.session = session
        optionDays = session.sittings.map { Set($0.options.map(\.dayIndex)) }
    }

    /// Sittings that share a member or a candidate with each sitting.
    private var neighbours: [[Int]] {
        session.sittings.indices.map { s in
            var set = Set<Int>()
            for m in session.sittings[s].members { set.formUnion(session.sittingsOfMember[m]) }
            for c in session.sittings[s].request.candidates { set.formUnion(session.sittingsOfCandidate[c]) }
            set.remove(s)
            return set.sorted()
        }
    }

    /// Books sittings one at a time, always the one with the fewest starts still free (ties:
    /// the larger committee), at the start that costs least by SPEC §1.3 and takes least from
    /// the sittings that share its people (`lookahead`).
    func construct() -> CommitteeTimetable {
        var timetable = CommitteeTimetable(session)
        let neighbours = self.neighbours
        var free = session.sittings.map(\.options)
        var waiting = Set(session.sittings.indices.filter { session.sittings[$0].impossibility == nil })
        var left: [Int] = []
        while let s = waiting.min(by: { a, b in
            (free[a].count, -session.sittings[a].members.count, a) < (free[b].count, -session.sittings[b].members.count, b)
        }) {
            waiting.remove(s)
            guard let booking = placeCheapest(s, in: &timetable, among: free[s], lookahead: (neighbours[s].filter(waiting.contains), free)) else {
                left.append(s)
                continue
            }
            for n in neighbours[s] where waiting.contains(n) {
                free[n] = free[n].filter { $0.dayIndex != booking.dayIndex || timetable.peopleFree(n, at: $0) }
            }
        }
        for s in left { _ = repair(s, in: &timetable) }
        return timetable
    }

    /// The way a person plans by hand: candidates as listed, each at the start that convenes
    /// the fewest new member-days (a second start for the search; on sessions where people
    /// are spread thin it can gather them better than the most-constrained order).
    func constructInOrder() -> CommitteeTimetable {
        var timetable = CommitteeTimetable(session)
        var left: [Int] = []
        for s in session.sittings.indices where session.sittings[s].impossibility == nil {
            if placeCheapest(s, in: &timetable) == nil { left.append(s) }
        }
        for s in left { _ = repair(s, in: &timetable) }
        return timetable
    }

    /// Books `s` at its cheapest free option (of `among`, by default all); nil when none is free.
    /// With a lookahead, a start also costs what it takes from the waiting sittings that share
    /// its people, weighed by how few starts they have left (a start that leaves one of them
    /// none costs more than any member-day).
    @discardableResult
    func placeCheapest(_ s: Int, in timetable: inout CommitteeTimetable, among: [SlotOption]? = nil,
                       lookahead: (waiting: [Int], free: [[SlotOption]])? = nil) -> Booking? {
        var best: (cost: Double, option: SlotOption, room: Int)?
        for option in among ?? session.sittings[s].options {
            guard let room = timetable.room(for: s, at: option) else { continue }
            var cost = self.cost(s, option, room: room, in: timetable)
            if let lookahead { cost += taken(s, option, from: lookahead.waiting, free: lookahead.free, in: timetable) }
            if best == nil || cost < best!.cost - 1e-9 { best = (cost, option, room) }
        }
        guard let best else { return nil }
        timetable.book(s, best.option, room: best.room)
        return timetable.bookings[s]
    }

    /// What booking `s` at `option` takes from waiting sittings that share a member: their free
    /// starts that day it would clash with (buffer, another site, the member's daily limit).
    private func taken(_ s: Int, _ option: SlotOption, from waiting: [Int], free: [[SlotOption]], in timetable: CommitteeTimetable) -> Double {
        let campaign = session.campaign
        let sitting = session.sittings[s]
        let end = option.start + sitting.minutes
        let buffer = campaign.bufferMinutes
        let full = Set(sitting.members.filter { timetable.sittings(of: $0, on: option.dayIndex) + 1 >= campaign.maxSittings(of: campaign.members[$0]) })
        var cost = 0.0
        for n in waiting where !free[n].isEmpty {
            let other = session.sittings[n]
            let shared = other.members.filter { sitting.members.contains($0) }
            guard !shared.isEmpty else { continue }
            let dayFull = shared.contains { full.contains($0) }
            let killed = free[n].filter { o in
                o.dayIndex == option.dayIndex
                    && (dayFull || o.site != option.site || !(o.start + other.minutes + buffer <= option.start || end + buffer <= o.start))
            }.count
            guard killed > 0 else { continue }
            cost += killed == free[n].count ? 50 * campaign.weights.memberDays : campaign.weights.memberDays * Double(killed) / Double(free[n].count)
        }
        return cost
    }

    /// SPEC §1.3 as this move changes it: new member-days (discounted where the member's other
    /// sittings could join them that day), a room half-day opened, preferences missed.
    func cost(_ s: Int, _ option: SlotOption, room: Int, in timetable: CommitteeTimetable) -> Double {
        let campaign = session.campaign
        let w = campaign.weights
        let sitting = session.sittings[s]
        let day = campaign.days[option.dayIndex]
        var cost = 0.0
        for m in sitting.members where !timetable.isConvened(m, option.dayIndex) {
            let others = session.sittingsOfMember[m].filter { $0 != s && timetable.bookings[$0] == nil }
            let here = others.filter { optionDays[$0].contains(option.dayIndex) }.count
            cost += w.memberDays * (1 - 0.5 * Double(here) / Double(max(1, others.count)))
            let member = campaign.members[m]
            if !member.isPreferred(day) { cost += w.preference }
        }
        if !timetable.roomOpen(room, option, minutes: sitting.minutes) { cost += w.roomHalfDays }
        let window = TimeRange(start: option.start, end: option.start + sitting.minutes)
        for c in sitting.request.candidates where !campaign.candidates[c].isPreferred(day, window, hours: campaign.hours) {
            cost += w.preference
        }
        // Ties: earlier in the day packs each person's sittings together.
        return cost + Double(option.dayIndex) * 1e-3 + Double(option.start) * 1e-6
    }

    /// Ejection chains: books `s` at a start where at most three sittings (or one holding the
    /// only room) block it, those
    /// sittings then go elsewhere the same way, up to `depth` moves deep; the timetable is
    /// restored when the chain fails. `budget` counts the starts tried (a deterministic limit).
    func repair(_ s: Int, in timetable: inout CommitteeTimetable, depth: Int = 3, budget: Int = repairBudget) -> Bool {
        var budget = budget
        return relocate(s, in: &timetable, depth: depth, moved: [s], budget: &budget)
    }

    /// Starts a repair may try for one sitting left out, and how many sittings one move may
    /// push out of its way.
    static let repairBudget = 4_000
    static let chainWidth = 3

    private func relocate(_ s: Int, in timetable: inout CommitteeTimetable, depth: Int, moved: Set<Int>, budget: inout Int) -> Bool {
        if placeCheapest(s, in: &timetable) != nil { return true }
        guard depth > 0 else { return false }
        for option in session.sittings[s].options {
            var choices = timetable.blockingChoices(s, at: option)
            if choices == [[]] { choices = timetable.roomBlockers(s, at: option).map { [$0] } }
            for blockers in choices {
                guard budget > 0 else { return false }
                budget -= 1
                guard !blockers.isEmpty, blockers.count <= Self.chainWidth, !blockers.contains(where: moved.contains) else { continue }
                let saved = timetable
                for b in blockers { timetable.unbook(b) }
                if let room = timetable.room(for: s, at: option) {
                    timetable.book(s, option, room: room)
                    let chain = moved.union(blockers)
                    if blockers.allSatisfy({ relocate($0, in: &timetable, depth: depth - 1, moved: chain, budget: &budget) }) { return true }
                }
                timetable = saved
            }
        }
        return false
    }
}
