/// A search over every sitting's place (start and room) at once, for sessions of fixed
/// committees whose last sittings the constructions, ruin and recreate and the MIPs cannot seat.
///
/// Such sessions are puzzles: each committee's shared hours are few, and seating the last
/// sitting means moving a chain of others in one step, which the constructions (one sitting at
/// a time, each to a free place) and GLPK (no integer point within its nodes: the LP seats
/// everything fractionally) do not find. Here every sitting always holds a place, lawful or
/// not, and the search lowers the conflicts: min-conflicts moves of one sitting, breakout
/// weights (Morris 1993) where no move helps, and a site change of a whole group of sittings
/// linked by their members (R14's one site a day binds them: a single sitting cannot leave).
/// Conflicts are the timetable's own definitions taken two sittings at a time (R3 with the
/// buffer and R14's one site through `CommitteeTimetable.memberClash`, R2/R12's break and R13 through
/// `PlanningProblem.candidateFits`, R4 by room) and the daily limits counted by member and by
/// candidate (R14, R12); the result is booked through `CommitteeTimetable`, which checks each
/// sitting whole, so a conflict the search misses leaves a sitting out, never breaks a rule.
/// Places are the starts on the sitting's own grid and on the session's (the half-day's start
/// plus whole sittings and buffers, how such sessions are laid out by hand), or all its starts
/// when none lies on them. Deterministic: a seeded generator and a counted number of steps.
struct CommitteePlaceSearch {
    let session: CommitteeProblem
    /// Places of each sitting: an option and a room open for it there.
    private var places: [[(option: SlotOption, room: Int)]] = []
    private var at: [Int]
    /// Sittings sharing a member or a candidate with each sitting.
    private var neighbours: [[Int]] = []
    /// Sittings at each place's room and day, and each member's count by day.
    private var roomDay: [[Set<Int>]]
    private var memberDay: [[Int]]
    /// Sittings of each candidate by day, for those who sit more than once (R12's daily count).
    private var candidateDay: [[Int]]
    private let candidatesOf: [[Int]]
    private let examsPerDay: Int
    /// Read once: the hot loops touch no campaign.
    private let members: [[Int]]
    private let minutes: [Int]
    private let cap: [Int]
    private let buffer: Int

    init(_ session: CommitteeProblem, from timetable: CommitteeTimetable) {
        self.session = session
        let campaign = session.campaign
        let days = campaign.days.count
        let empty = CommitteeTimetable(session)
        members = session.sittings.map(\.members)
        minutes = session.sittings.map(\.minutes)
        cap = campaign.members.map { campaign.maxSittings(of: $0) }
        buffer = campaign.bufferMinutes
        candidatesOf = session.sittings.map { $0.request.candidates.filter { session.sittingsOfCandidate[$0].count > 1 } }
        examsPerDay = campaign.maxExamsPerDay
        let hours = [campaign.hours.morning, campaign.hours.afternoon]
        // The session's grid: its commonest sitting with the buffer (a sitting with extra time
        // is laid out on it too, overrunning into the next slot).
        let steps = Dictionary(grouping: session.sittings.map { $0.minutes + campaign.bufferMinutes }, by: { $0 }).mapValues(\.count)
        let common = steps.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key ?? 1
        for (s, sitting) in session.sittings.enumerated() {
            let own = sitting.minutes + campaign.bufferMinutes
            let onGrid = sitting.options.filter { o in
                hours.contains { $0.start <= o.start && o.start < $0.end && ((o.start - $0.start) % own == 0 || (o.start - $0.start) % common == 0) }
            }
            var list: [(option: SlotOption, room: Int)] = []
            for option in onGrid.isEmpty ? sitting.options : onGrid {
                for k in campaign.rooms.indices where empty.roomIsFree(k, for: s, at: option) { list.append((option, k)) }
            }
            // A booking off the grid is not among the places: it would split two slots of its
            // members' grid; the sitting starts at its least conflicting place instead.
            places.append(list)
        }
        at = Array(repeating: -1, count: session.sittings.count)
        roomDay = Array(repeating: Array(repeating: [], count: days), count: campaign.rooms.count)
        memberDay = Array(repeating: Array(repeating: 0, count: days), count: campaign.members.count)
        candidateDay = Array(repeating: Array(repeating: 0, count: days), count: campaign.candidates.count)
        for (s, sitting) in session.sittings.enumerated() {
            var near = Set(sitting.members.flatMap { session.sittingsOfMember[$0] })
            for c in sitting.request.candidates { near.formUnion(session.sittingsOfCandidate[c]) }
            near.remove(s)
            neighbours.append(near.sorted())
        }
        // The timetable's bookings on the places first, then each other sitting at its least
        // conflicting place.
        for s in session.sittings.indices {
            guard let b = timetable.bookings[s], let k = places[s].firstIndex(where: { $0.option == b.option && $0.room == b.room }) else { continue }
            move(s, to: k)
        }
        for s in session.sittings.indices where at[s] < 0 && !places[s].isEmpty {
            let k = places[s].indices.min { (cost(s, $0), $0) < (cost(s, $1), $1) }!
            move(s, to: k)
        }
    }

    private func window(_ s: Int, _ k: Int) -> TimeRange {
        let start = places[s][k].option.start
        return TimeRange(start: start, end: start + minutes[s])
    }

    /// Whether s at place k and t where it is cannot both stand.
    private func clash(_ s: Int, _ k: Int, _ t: Int) -> Bool {
        guard at[t] >= 0 else { return false }
        let (a, b) = (places[s][k].option, places[t][at[t]].option)
        if a.dayIndex == b.dayIndex, members[s].contains(where: members[t].contains),
           CommitteeTimetable.memberClash(window(s, k), at: a.site, window(t, at[t]), at: b.site, buffer: buffer) { return true }
        // A candidate shared by two sittings sits more than once: only those are listed.
        for c in candidatesOf[s] where candidatesOf[t].contains(c) {
            if !session.problem.candidateFits(c, session.sittings[s].request, dayIndex: a.dayIndex, start: a.start,
                                              besides: [session.placement(t, of: c, at: b)]) { return true }
        }
        return false
    }

    /// Conflicts s would have at place k: clashes, sittings in the room then, daily limits
    /// passed; each counted by the weights of the two sittings when `weight` is given.
    private func cost(_ s: Int, _ k: Int, _ weight: [Int]? = nil) -> Int {
        let place = places[s][k]
        let day = place.option.dayIndex
        var n = 0
        for t in neighbours[s] where clash(s, k, t) { n += weight.map { $0[s] + $0[t] } ?? 1 }
        let w = window(s, k)
        for t in roomDay[place.room][day] where t != s && window(t, at[t]).overlaps(w) { n += weight.map { $0[s] + $0[t] } ?? 1 }
        let stays = at[s] >= 0 && places[s][at[s]].option.dayIndex == day
        for m in members[s] where memberDay[m][day] - (stays ? 1 : 0) + 1 > cap[m] { n += weight.map { 2 * $0[s] } ?? 1 }
        for c in candidatesOf[s] where candidateDay[c][day] - (stays ? 1 : 0) + 1 > examsPerDay { n += weight.map { 2 * $0[s] } ?? 1 }
        return n
    }

    private mutating func move(_ s: Int, to k: Int) {
        if at[s] >= 0 {
            let old = places[s][at[s]]
            roomDay[old.room][old.option.dayIndex].remove(s)
            for m in members[s] { memberDay[m][old.option.dayIndex] -= 1 }
            for c in candidatesOf[s] { candidateDay[c][old.option.dayIndex] -= 1 }
        }
        at[s] = k
        let new = places[s][k]
        roomDay[new.room][new.option.dayIndex].insert(s)
        for m in members[s] { memberDay[m][new.option.dayIndex] += 1 }
        for c in candidatesOf[s] { candidateDay[c][new.option.dayIndex] += 1 }
    }

    /// The sittings on s's day at s's site linked to s through members they share there.
    private func siteGroup(_ s: Int) -> [Int] {
        let place = places[s][at[s]].option
        var group = [s], seen: Set<Int> = [s], i = 0
        while i < group.count {
            for t in neighbours[group[i]] where !seen.contains(t) && at[t] >= 0 {
                let o = places[t][at[t]].option
                guard o.dayIndex == place.dayIndex, o.site == place.site, members[t].contains(where: members[group[i]].contains) else { continue }
                seen.insert(t)
                group.append(t)
            }
            i += 1
        }
        return group.sorted()
    }

    /// Moves the site group of a sitting in a site conflict to another site, each sitting at
    /// the same start in a room of that site with the fewest conflicts, when that lowers the
    /// weighted conflicts; true when one was moved.
    private mutating func flipSite(_ current: inout [Int], _ weighted: inout [Int], _ weight: [Int]) -> Bool {
        let sites = session.sites.indices
        for s in places.indices where current[s] > 0 {
            let o = places[s][at[s]].option
            guard neighbours[s].contains(where: { t in at[t] >= 0 && places[t][at[t]].option.dayIndex == o.dayIndex && places[t][at[t]].option.site != o.site
                && members[t].contains(where: members[s].contains) }) else { continue }
            let group = siteGroup(s)
            for site in sites where site != o.site {
                let before = at
                var affected = Set<Int>()
                func touch(_ t: Int) {
                    affected.insert(t)
                    affected.formUnion(neighbours[t])
                    let p = places[t][at[t]]
                    affected.formUnion(roomDay[p.room][p.option.dayIndex])
                }
                var ok = true
                for t in group {
                    let start = places[t][at[t]].option.start
                    let options = places[t].indices.filter { places[t][$0].option.dayIndex == o.dayIndex && places[t][$0].option.start == start && places[t][$0].option.site == site }
                    guard let k = options.min(by: { (cost(t, $0), $0) < (cost(t, $1), $1) }) else { ok = false; break }
                    touch(t)
                    move(t, to: k)
                    touch(t)
                }
                if ok {
                    let oldWeighted = affected.reduce(0) { $0 + weighted[$1] }
                    let newWeighted = affected.reduce(0) { $0 + (at[$1] >= 0 ? cost($1, at[$1], weight) : 0) }
                    if newWeighted < oldWeighted {
                        for t in affected where at[t] >= 0 {
                            current[t] = cost(t, at[t])
                            weighted[t] = cost(t, at[t], weight)
                        }
                        return true
                    }
                }
                for t in group.reversed() where at[t] != before[t] { move(t, to: before[t]) }
            }
        }
        return false
    }

    /// Searches for `iterations` steps at most (breakout, Morris 1993): the move of a sitting
    /// in conflict that lowers the weighted conflicts most; where none does, the weights of the
    /// sittings in conflict grow by one, which reshapes the landscape out of the local minimum.
    /// Returns the timetable of the sittings whose places keep every rule with the others
    /// booked (all of them when the search ends without conflict), booked in start order
    /// through `CommitteeTimetable`. `stop` is the time limit's safety net (checked every few
    /// steps; only a search it stops depends on the machine's speed).
    mutating func search(iterations: Int, seed: UInt64, stop: () -> Bool = { false }) -> CommitteeTimetable {
        var random = SeededRandom(seed: seed)
        var weight = Array(repeating: 1, count: places.count)
        var current = places.indices.map { at[$0] >= 0 ? cost($0, at[$0]) : 0 }
        var weighted = places.indices.map { at[$0] >= 0 ? cost($0, at[$0], weight) : 0 }
        var total = current.reduce(0, +)
        var best = (total: total, at: at)
        for step in 0..<max(1, iterations) {
            guard total > 0, step % 16 != 15 || !stop() else { break }
            var chosen: (delta: Int, s: Int, k: Int, ties: Int)?
            for s in places.indices where current[s] > 0 {
                for k in places[s].indices where k != at[s] {
                    let delta = cost(s, k, weight) - weighted[s]
                    if chosen == nil || delta < chosen!.delta {
                        chosen = (delta, s, k, 1)
                    } else if delta == chosen!.delta {
                        chosen!.ties += 1
                        if random.int(1...chosen!.ties) == 1 { (chosen!.s, chosen!.k) = (s, k) }
                    }
                }
            }
            guard let move = chosen, move.delta < 0 else {
                // One site a day binds a member's sittings of a day together: a group that
                // changes site in one step where no single sitting can.
                if flipSite(&current, &weighted, weight) {
                    total = current.reduce(0, +)
                    if total < best.total {
                        best = (total, at)
                    }
                    continue
                }
                for s in places.indices where current[s] > 0 { weight[s] += 1 }
                weighted = places.indices.map { at[$0] >= 0 ? cost($0, at[$0], weight) : 0 }
                continue
            }
            let affected = [move.s] + neighbours[move.s] + Array(roomDay[places[move.s][at[move.s]].room][places[move.s][at[move.s]].option.dayIndex])
                + Array(roomDay[places[move.s][move.k].room][places[move.s][move.k].option.dayIndex])
            self.move(move.s, to: move.k)
            // A sitting's conflicts change only with the sittings it meets: its members' and
            // candidates' (clashes, daily limits), those of the rooms left and taken that day.
            for t in Set(affected) where at[t] >= 0 {
                current[t] = cost(t, at[t])
                weighted[t] = cost(t, at[t], weight)
            }
            total = current.reduce(0, +)
            if total < best.total {
                best = (total, at)
            }
        }
        // Back to the best state, the counts with it (the struct stays consistent).
        for s in places.indices where at[s] >= 0 && best.at[s] >= 0 && at[s] != best.at[s] { move(s, to: best.at[s]) }
        var timetable = CommitteeTimetable(session)
        let order = session.sittings.indices.filter { at[$0] >= 0 }.sorted { (places[$0][at[$0]].option, $0) < (places[$1][at[$1]].option, $1) }
        for s in order {
            let place = places[s][at[s]]
            if timetable.peopleFree(s, at: place.option), timetable.roomIsFree(place.room, for: s, at: place.option) {
                timetable.book(s, place.option, room: place.room)
            }
        }
        return timetable
    }
}
