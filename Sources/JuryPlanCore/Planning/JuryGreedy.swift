/// A first set of juries for one day, built panel by panel: the warm start handed to GLPK
/// (whose own heuristics rarely find one here). A panel it cannot staff is left empty, which
/// the day model allows at a prohibitive cost (`JuryDayModel.unstaffed`), so the warm start is
/// always feasible. Prefers members already convened that day (no new member-day), then members
/// who have not met these candidates, then the least loaded.
struct JuryGreedy {
    let staffing: [PanelStaffing]
    let campaign: Campaign
    let examinedBefore: [Int: Set<Int>]
    let loadBefore: [Int]

    private struct Busy {
        var intervals: [(Int, Int)] = []
        var sittings = 0
        var site: String?
    }

    /// Marks `members` busy with panel p.
    private func occupy(_ busy: inout [Int: Busy], _ members: [Int], panel p: Int) {
        let panel = staffing[p].panel
        for m in members {
            var b = busy[m] ?? Busy()
            b.intervals.append((panel.start, panel.end))
            b.sittings += panel.sittingCount
            b.site = campaign.rooms[panel.room].site
            busy[m] = b
        }
    }

    /// Tries a few panel orders (by time, scarcest first, certifier panels first) and keeps the
    /// one that leaves fewest panels empty, then convenes fewest members.
    func run() -> (juries: [[Int]], presidents: [Int?]) {
        func scarcity(_ s: PanelStaffing) -> Int { s.eligible.count * 10 / max(1, s.size) }
        let byTime = staffing.indices.sorted {
            (staffing[$0].panel.start, scarcity(staffing[$0]), $0) < (staffing[$1].panel.start, scarcity(staffing[$1]), $1)
        }
        let scarce = staffing.indices.sorted {
            (scarcity(staffing[$0]), staffing[$0].panel.start, $0) < (scarcity(staffing[$1]), staffing[$1].panel.start, $1)
        }
        let certifiersFirst = staffing.indices.sorted {
            func key(_ p: Int) -> (Int, Int, Int) { ((staffing[p].roles[.certifier] ?? 0) > 0 ? 0 : 1, staffing[p].panel.start, p) }
            return key($0) < key($1)
        }
        var best: (juries: [[Int]], presidents: [Int?])?
        var bestKey = (Int.max, Int.max)
        for order in [byTime, scarce, certifiersFirst] {
            let found = releaseMembers(repair(assign(order)))
            let key = (found.juries.filter(\.isEmpty).count, Set(found.juries.joined()).count)
            if key < bestKey { (best, bestKey) = (found, key) }
        }
        // The chains are the costly part: only on the best of the orders.
        guard let best else { return (Array(repeating: [], count: staffing.count), Array(repeating: nil, count: staffing.count)) }
        return replacePairs(releaseByChains(best))
    }

    private func assign(_ order: [Int]) -> (juries: [[Int]], presidents: [Int?]) {
        var busy: [Int: Busy] = [:]
        var juries = Array(repeating: [Int](), count: staffing.count)
        var presidents = Array(repeating: Int?.none, count: staffing.count)
        var met: [Int: Set<Int>] = examinedBefore
        for p in order {
            let s = staffing[p]
            guard let (chosen, president) = jury(for: s, busy: busy, met: met) else { continue }
            occupy(&busy, chosen, panel: p)
            if s.examined { for m in chosen { met[m, default: []].formUnion(s.panel.candidateNumbers) } }
            juries[p] = chosen.sorted()
            presidents[p] = president
        }
        return (juries, presidents)
    }

    /// Who is busy with what, from a set of juries.
    private func busyMap(_ juries: [[Int]]) -> [Int: Busy] {
        var busy: [Int: Busy] = [:]
        for (p, jury) in juries.enumerated() { occupy(&busy, jury, panel: p) }
        return busy
    }

    /// Staffs panels the first pass left empty by taking an eligible member off the panels
    /// that keep them busy (same time, another site, or their daily limit) and convening those
    /// panels again without them: a one-step ejection chain, tried member by member.
    private func repair(_ start: (juries: [[Int]], presidents: [Int?])) -> (juries: [[Int]], presidents: [Int?]) {
        var (juries, presidents) = start
        let buffer = campaign.bufferMinutes
        // Who is busy when, for `juries` as they stand (rebuilt after a repair): each trial
        // below only takes the ejected panels' members off it.
        var standing: [Int: Busy]?
        func busyWithout(_ ejected: [Int]) -> [Int: Busy] {
            let base = standing ?? busyMap(juries)
            standing = base
            var busy = base
            let affected = Set(ejected.flatMap { juries[$0] })
            for m in affected { busy[m] = nil }
            for (q, jury) in juries.enumerated() where !ejected.contains(q) {
                let kept = jury.filter { affected.contains($0) }
                if !kept.isEmpty { occupy(&busy, kept, panel: q) }
            }
            return busy
        }
        for p in staffing.indices where juries[p].isEmpty && staffing[p].size > 0 {
            let s = staffing[p]
            let site = campaign.rooms[s.panel.room].site
            func clashes(_ q: Int, _ m: Int) -> Bool {
                let o = staffing[q].panel
                if campaign.rooms[o.room].site != site { return true }
                return !(s.panel.end + buffer <= o.start || o.end + buffer <= s.panel.start)
            }
            for m in s.eligible {
                let mine = juries.indices.filter { juries[$0].contains(m) }
                let load = mine.reduce(0) { $0 + staffing[$1].panel.sittingCount }
                var ejected = mine.filter { clashes($0, m) }
                // Over the daily limit even without clashes: leave the smallest panels too.
                var kept = load - ejected.reduce(0) { $0 + staffing[$1].panel.sittingCount }
                for q in mine.filter({ !ejected.contains($0) }).sorted(by: { staffing[$0].panel.sittingCount < staffing[$1].panel.sittingCount })
                where kept + s.panel.sittingCount > campaign.maxSittings(of: campaign.members[m]) {
                    ejected.append(q)
                    kept -= staffing[q].panel.sittingCount
                }
                guard !ejected.isEmpty, ejected.count <= 2 else { continue }
                var trial = juries, trialPresidents = presidents
                for q in ejected { trial[q] = []; trialPresidents[q] = nil }
                guard let (chosen, president) = jury(for: s, busy: busyWithout(ejected), met: examinedBefore) else { continue }
                trial[p] = chosen.sorted()
                trialPresidents[p] = president
                var refilled = true
                for q in ejected {
                    guard let (again, head) = jury(for: staffing[q], busy: busyMap(trial), met: examinedBefore) else { refilled = false; break }
                    trial[q] = again.sorted()
                    trialPresidents[q] = head
                }
                if refilled {
                    (juries, presidents) = (trial, trialPresidents)
                    standing = nil
                    break
                }
            }
        }
        return (juries, presidents)
    }

    /// Local search on member-days: a member is released when every seat they hold can go to
    /// another member already convened that day (same role; external if the share needs it;
    /// able to preside if they presided), least busy members first.
    private func releaseMembers(_ start: (juries: [[Int]], presidents: [Int?])) -> (juries: [[Int]], presidents: [Int?]) {
        var (juries, presidents) = start
        let buffer = campaign.bufferMinutes
        func panelsOf(_ m: Int) -> [Int] { juries.indices.filter { juries[$0].contains(m) } }
        func sittings(_ m: Int) -> Int { panelsOf(m).reduce(0) { $0 + staffing[$1].panel.sittingCount } }
        var convened = Set(juries.joined())
        var changed = true
        while changed {
            changed = false
            for m in convened.sorted(by: { (sittings($0), $0) < (sittings($1), $1) }) {
                var trial = juries, trialPresidents = presidents
                var ok = true
                for p in panelsOf(m) {
                    let s = staffing[p]
                    let site = campaign.rooms[s.panel.room].site
                    let member = campaign.members[m]
                    let externalsLeft = trial[p].filter { $0 != m && campaign.members[$0].isExternal }.count
                    let replacement = s.eligible.first { r in
                        guard r != m, convened.contains(r), !trial[p].contains(r), !s.imposed.contains(m) else { return false }
                        let other = campaign.members[r]
                        if !s.roles.isEmpty, other.role != member.role { return false }
                        if externalsLeft + (other.isExternal ? 1 : 0) < s.externalsNeeded { return false }
                        if trialPresidents[p] == m, !s.presidents.contains(r) { return false }
                        let mine = trial.indices.filter { trial[$0].contains(r) }
                        if mine.contains(where: { campaign.rooms[staffing[$0].panel.room].site != site }) { return false }
                        if mine.reduce(0, { $0 + staffing[$1].panel.sittingCount }) + s.panel.sittingCount > campaign.maxSittings(of: other) { return false }
                        return mine.allSatisfy { q in
                            let o = staffing[q].panel
                            return s.panel.end + buffer <= o.start || o.end + buffer <= s.panel.start
                        }
                    }
                    guard let r = replacement else { ok = false; break }
                    trial[p] = (trial[p].filter { $0 != m } + [r]).sorted()
                    if trialPresidents[p] == m { trialPresidents[p] = r }
                }
                if ok {
                    (juries, presidents) = (trial, trialPresidents)
                    convened.remove(m)
                    changed = true
                }
            }
        }
        return (juries, presidents)
    }

    /// A lawful jury for one panel among the members still free, or nil.
    private func jury(for s: PanelStaffing, busy: [Int: Busy], met: [Int: Set<Int>]) -> ([Int], Int?)? {
        let buffer = campaign.bufferMinutes
        let site = campaign.rooms[s.panel.room].site
        let candidates = Set(s.panel.candidateNumbers)
        func free(_ m: Int) -> Bool {
            let b = busy[m] ?? Busy()
            if let other = b.site, other != site { return false }
            if b.sittings + s.panel.sittingCount > campaign.maxSittings(of: campaign.members[m]) { return false }
            return b.intervals.allSatisfy { s.panel.end + buffer <= $0.0 || $0.1 + buffer <= s.panel.start }
        }
        func rank(_ m: Int) -> (Int, Int, Int, Int) {
            let seen = met[m].map { met in candidates.reduce(0) { $0 + (met.contains($1) ? 1 : 0) } } ?? 0
            return ((busy[m] == nil ? 1 : 0), seen, loadBefore[m], m)
        }
        return Self.pickJury(for: s, campaign: campaign, free: free, rank: rank)
    }

    /// A lawful jury for panel `s` among the eligible members that are `free`, best `rank` first
    /// (R5–R8, R18): imposed members, then a president, then each role, externals first while
    /// the threshold needs them. nil when none can be drawn that way.
    /// `traits`, when given, answers R6/R7's role and external questions without copying members.
    static func pickJury(for s: PanelStaffing, campaign: Campaign, traits: MemberTraits? = nil, free: (Int) -> Bool,
                         rank: (Int) -> (Int, Int, Int, Int)) -> ([Int], Int?)? {
        var chosen: [Int] = []
        chosen.reserveCapacity(s.size)
        for m in s.imposed {
            guard s.eligible.contains(m), free(m) else { return nil }
            chosen.append(m)
        }
        // Ranked once per member (the ranks are distinct: the member number ends them). This
        // runs for every place a sitting is weighed at: one buffer, no intermediate arrays.
        var ranked: [((Int, Int, Int, Int), Int)] = []
        ranked.reserveCapacity(s.eligible.count)
        for m in s.eligible where free(m) && !chosen.contains(m) { ranked.append((rank(m), m)) }
        ranked.sort { $0.0 < $1.0 }
        func isExternal(_ m: Int) -> Bool { traits?.external[m] ?? campaign.members[m].isExternal }
        var president: Int?
        if s.examined, s.panel.exam.jury.president {
            president = chosen.first { s.presidents.contains($0) }
            if president == nil {
                // An external president when the threshold needs externals.
                var first: Int?, firstExternal: Int?
                for (_, m) in ranked where s.presidents.contains(m) {
                    if first == nil { first = m }
                    if isExternal(m) { firstExternal = m; break }
                    if s.externalsNeeded == 0 { break }
                }
                president = s.externalsNeeded > 0 ? (firstExternal ?? first) : first
                guard let pm = president else { return nil }
                chosen.append(pm)
            }
        }
        var externals = chosen.reduce(0) { $0 + (isExternal($1) ? 1 : 0) }
        for (role, n) in s.needs {
            func fits(_ m: Int) -> Bool { role == nil || Self.role(of: m, traits, campaign) == role }
            var missing = n - chosen.reduce(0) { $0 + (fits($1) ? 1 : 0) }
            // Externals first while the threshold needs them (decided once per role).
            let externalsFirst = externals < s.externalsNeeded
            for pass in 0..<(externalsFirst ? 2 : 1) {
                for (_, m) in ranked where missing > 0 {
                    guard !externalsFirst || isExternal(m) == (pass == 0), fits(m), !chosen.contains(m) else { continue }
                    chosen.append(m)
                    missing -= 1
                    if isExternal(m) { externals += 1 }
                }
            }
            if missing > 0 { return nil }
        }
        guard chosen.count == s.size, externals >= s.externalsNeeded else { return nil }
        return (chosen, president)
    }

    private static func role(of m: Int, _ traits: MemberTraits?, _ campaign: Campaign) -> Role { traits?.role[m] ?? campaign.members[m].role }
}

/// Each member's role and whether they count as external (R6, R7), by member number: read for
/// every jury weighed, where copying a member each time showed in profiles.
struct MemberTraits {
    let external: [Bool]
    let role: [Role]
    init(_ campaign: Campaign) {
        external = campaign.members.map(\.isExternal)
        role = campaign.members.map(\.role)
    }
}
