/// Ejection chains on member-days: releases a member convened for a single panel by moving other
/// convened members from panel to panel.
///
/// `releaseMembers` hands a seat to a member who is already convened and free at that time. Often
/// none is free: every convened professional already sits a panel that morning. A member who
/// works only in the afternoon could still take a morning seat if someone else moves over. So
/// m's seat on p goes to r, r's seat on q goes to r′, and so on, until a member takes a seat
/// without leaving another one. That is an augmenting path between the two half-days' seats,
/// found here by a depth-limited search that visits each panel once. Each chain found saves a
/// member-day.
extension JuryGreedy {
    typealias Juries = (juries: [[Int]], presidents: [Int?])

    /// What the chains ask of members and panels again and again, read once.
    struct ChainFacts {
        var role: [Role], external: [Bool], cap: [Int]
        var site: [Int], start: [Int], end: [Int], sittings: [Int]
        var buffer: Int

        init(_ greedy: JuryGreedy) {
            let campaign = greedy.campaign
            role = campaign.members.map(\.role)
            external = campaign.members.map(\.isExternal)
            cap = campaign.members.map { campaign.maxSittings(of: $0) }
            var sites: [String: Int] = [:]
            site = greedy.staffing.map { s in
                let name = campaign.rooms[s.panel.room].site
                if let k = sites[name] { return k }
                sites[name] = sites.count
                return sites.count - 1
            }
            start = greedy.staffing.map(\.panel.start)
            end = greedy.staffing.map(\.panel.end)
            sittings = greedy.staffing.map(\.panel.sittingCount)
            buffer = campaign.bufferMinutes
        }

        func apart(_ p: Int, _ q: Int) -> Bool { end[p] + buffer <= start[q] || end[q] + buffer <= start[p] }
    }

    /// Releases members (fewest sittings first) through chains of at most `depth` moves, until
    /// no member can be released.
    func releaseByChains(_ start: Juries, depth: Int = JuryGreedy.chainDepth) -> Juries {
        let facts = ChainFacts(self)
        var current = start
        var changed = true
        while changed {
            changed = false
            var pool = Array(repeating: false, count: campaign.members.count)
            for m in current.juries.joined() { pool[m] = true }
            let load = sittingsByMember(current.juries)
            let convened = pool.indices.filter { pool[$0] }
            // One pass over the members as ranked at its start (ranking again after every
            // release made large days quadratic), then another while any release was found.
            for m in convened.sorted(by: { (load[$0], $0) < (load[$1], $1) }) where pool[m] {
                var trial = current
                var released = true
                for p in trial.juries.indices where trial.juries[p].contains(m) {
                    var visited: Set<Int> = [p]
                    guard let moved = fill(seatOf: m, on: p, in: trial, released: m, pool: pool, depth: depth, visited: &visited, facts) else {
                        released = false
                        break
                    }
                    trial = moved
                }
                if released {
                    current = trial
                    pool[m] = false
                    changed = true
                }
            }
        }
        return current
    }

    static let chainDepth = 3

    /// Two members who each sit one half-day (one of them often for a reason: a morning-only
    /// availability, a daily limit of 4 or 5, a short list of exams) give way to one member not
    /// yet convened who can sit both, each seat reached through a chain: one member-day saved.
    func replacePairs(_ start: Juries, depth: Int = JuryGreedy.chainDepth) -> Juries {
        let facts = ChainFacts(self)
        var current = start
        var changed = true
        while changed {
            changed = false
            var pool = Array(repeating: false, count: campaign.members.count)
            for m in current.juries.joined() { pool[m] = true }
            var fresh = Array(repeating: false, count: campaign.members.count)
            for s in staffing { for m in s.eligible where !pool[m] { fresh[m] = true } }
            var mine = panelsByMember(current.juries)
            let single = pool.indices.filter { pool[$0] && mine[$0].count == 1 }.map { (member: $0, panel: mine[$0][0]) }
            // Chains move members between panels: a member still sitting only that panel.
            func stillSingle(_ s: (member: Int, panel: Int)) -> Bool { mine[s.member] == [s.panel] }
            for a in single where stillSingle(a) {
                // The chain from a's seat may end with any newcomer; the one it ends with must
                // then reach the seat of another one-half-day member. A few newcomers are tried.
                var open = fresh
                for _ in 0..<Self.newcomersTried {
                    var trialPool = pool
                    trialPool[a.member] = false
                    for m in open.indices where open[m] { trialPool[m] = true }
                    var visited: Set<Int> = [a.panel]
                    guard let first = fill(seatOf: a.member, on: a.panel, in: current, released: a.member, pool: trialPool, depth: depth, visited: &visited, facts),
                          let x = first.juries.joined().first(where: { open[$0] }) else { break }
                    var done: Juries?
                    for b in single where b.member != a.member && stillSingle(b) && facts.apart(a.panel, b.panel) && facts.site[a.panel] == facts.site[b.panel] {
                        var pairPool = pool
                        (pairPool[a.member], pairPool[b.member], pairPool[x]) = (false, false, true)
                        visited = [b.panel]
                        if let both = fill(seatOf: b.member, on: b.panel, in: first, released: b.member, pool: pairPool, depth: depth, visited: &visited, facts) {
                            done = both
                            break
                        }
                    }
                    if let done {
                        current = done
                        mine = panelsByMember(current.juries)
                        fresh[x] = false
                        pool = Array(repeating: false, count: campaign.members.count)
                        for m in current.juries.joined() { pool[m] = true }
                        changed = true
                        break
                    }
                    open[x] = false
                }
            }
        }
        return current
    }

    static let newcomersTried = 3

    /// Juries where m's seat on p is held by another member of `pool`, moving at most `depth`
    /// members in turn; nil when no chain exists. `released` never takes a seat.
    private func fill(seatOf m: Int, on p: Int, in state: Juries, released: Int, pool: [Bool], depth: Int,
                      visited: inout Set<Int>, _ facts: ChainFacts) -> Juries? {
        let s = staffing[p]
        guard state.juries[p].contains(m), !s.imposed.contains(m) else { return nil }
        let mine = panelsByMember(state.juries)
        let takers = s.eligible.filter { $0 != released && $0 != m && pool[$0] && !state.juries[p].contains($0) }
        // A member free for the seat ends the chain.
        for r in takers where mayTake(seatOf: m, on: p, by: r, in: state, others: mine[r], leaving: nil, facts) {
            return taking(seatOf: m, on: p, by: r, in: state)
        }
        guard depth > 1 else { return nil }
        // Otherwise r leaves one panel q that keeps them from p, and q's seat is filled in turn
        // (r holds it until then).
        for r in takers {
            for q in mine[r] where !visited.contains(q) && mayTake(seatOf: m, on: p, by: r, in: state, others: mine[r], leaving: q, facts) {
                visited.insert(q)
                let moved = taking(seatOf: m, on: p, by: r, in: state)
                if let done = fill(seatOf: r, on: q, in: moved, released: released, pool: pool, depth: depth - 1, visited: &visited, facts) {
                    return done
                }
            }
        }
        return nil
    }

    /// r takes m's seat on p (and presides if m did).
    private func taking(seatOf m: Int, on p: Int, by r: Int, in state: Juries) -> Juries {
        var next = state
        next.juries[p] = (next.juries[p].filter { $0 != m } + [r]).sorted()
        if next.presidents[p] == m { next.presidents[p] = r }
        return next
    }

    /// Whether r may hold m's seat on p: the same role, the external share and the president kept
    /// (R6–R8; the rest of eligibility is `eligible`), and R3, R14 and one site a day against r's
    /// `others` panels but `leaving`.
    private func mayTake(seatOf m: Int, on p: Int, by r: Int, in state: Juries, others: [Int], leaving: Int?, _ facts: ChainFacts) -> Bool {
        let s = staffing[p]
        if !s.roles.isEmpty, facts.role[r] != facts.role[m] { return false }
        if s.externalsNeeded > 0, !facts.external[r], facts.external[m] {
            let left = state.juries[p].filter { $0 != m && facts.external[$0] }.count
            if left < s.externalsNeeded { return false }
        }
        if state.presidents[p] == m, !s.presidents.contains(r) { return false }
        var sittings = facts.sittings[p]
        for q in others where q != leaving && q != p {
            guard facts.site[q] == facts.site[p], facts.apart(p, q) else { return false }
            sittings += facts.sittings[q]
        }
        return sittings <= facts.cap[r]
    }

    func panelsByMember(_ juries: [[Int]]) -> [[Int]] {
        var mine = Array(repeating: [Int](), count: campaign.members.count)
        for (p, jury) in juries.enumerated() { for m in jury { mine[m].append(p) } }
        return mine
    }

    func sittingsByMember(_ juries: [[Int]]) -> [Int] {
        var load = Array(repeating: 0, count: campaign.members.count)
        for (p, jury) in juries.enumerated() { for m in jury { load[m] += staffing[p].panel.sittingCount } }
        return load
    }
}
