/// A first lawful set of juries for one day, built panel by panel: the warm start handed to
/// GLPK (whose own heuristics rarely find one here) and the fallback if it finds nothing.
/// Prefers members already convened that day (no new member-day), then members who have not
/// met these candidates, then the least loaded.
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

    /// Tries a few panel orders (by time, scarcest first) and keeps the cheapest success.
    /// The role short on the first failure, for the planner's feedback to the layout (nil when
    /// the shortage is of members of any role, presidents or externals).
    private(set) var shortRole: Role?

    mutating func run() -> (juries: [[Int]], presidents: [Int?])? {
        let byTime = staffing.indices.sorted {
            let a = staffing[$0], b = staffing[$1]
            return (a.panel.start, a.eligible.count * 10 / max(1, a.size), a.panel.id) < (b.panel.start, b.eligible.count * 10 / max(1, b.size), b.panel.id)
        }
        let scarce = staffing.indices.sorted {
            let a = staffing[$0], b = staffing[$1]
            return (a.eligible.count * 10 / max(1, a.size), a.panel.start, a.panel.id) < (b.eligible.count * 10 / max(1, b.size), b.panel.start, b.panel.id)
        }
        let certifiersFirst = staffing.indices.sorted {
            let a = staffing[$0], b = staffing[$1]
            return ((a.roles[.certifier] ?? 0) > 0 ? 0 : 1, a.panel.start, a.panel.id) < ((b.roles[.certifier] ?? 0) > 0 ? 0 : 1, b.panel.start, b.panel.id)
        }
        var best: (juries: [[Int]], presidents: [Int?], members: Int)?
        for order in [byTime, scarce, certifiersFirst] {
            let (assigned, short) = assign(order)
            if best == nil, assigned == nil, order == byTime { shortRole = short }
            guard let found = assigned else { continue }
            let members = Set(found.juries.joined()).count
            if best == nil || members < best!.members { best = (found.juries, found.presidents, members) }
        }
        return best.map { ($0.juries, $0.presidents) }
    }

    private func assign(_ order: [Int]) -> ((juries: [[Int]], presidents: [Int?])?, Role?) {
        let buffer = campaign.bufferMinutes
        var busy: [Int: Busy] = [:]
        var juries = Array(repeating: [Int](), count: staffing.count)
        var presidents = Array(repeating: Int?.none, count: staffing.count)
        var met: [Int: Set<Int>] = examinedBefore
        for p in order {
            let s = staffing[p]
            let site = campaign.rooms[s.panel.room].site
            let candidates = Set(s.panel.candidateNumbers)
            func free(_ m: Int) -> Bool {
                let b = busy[m] ?? Busy()
                if let other = b.site, other != site { return false }
                if b.sittings + s.panel.sittingCount > campaign.maxSittings(of: campaign.members[m]) { return false }
                return b.intervals.allSatisfy { s.panel.end + buffer <= $0.0 || $0.1 + buffer <= s.panel.start }
            }
            func rank(_ m: Int) -> (Int, Int, Int, Int) {
                ((busy[m] == nil ? 1 : 0), met[m].map { $0.intersection(candidates).count } ?? 0, loadBefore[m], m)
            }
            var chosen: [Int] = []
            for m in s.imposed {
                guard s.eligible.contains(m), free(m) else { return (nil, nil) }
                chosen.append(m)
            }
            let pool = s.eligible.filter { free($0) && !chosen.contains($0) }.sorted { rank($0) < rank($1) }
            var president: Int?
            if s.examined, s.panel.exam.jury.president {
                president = chosen.first { s.presidents.contains($0) }
                if president == nil {
                    // A president who is also external when externals are needed.
                    let options = pool.filter { s.presidents.contains($0) }
                    president = options.first { campaign.members[$0].isExternal } ?? options.first
                    if s.externalsNeeded == 0 { president = options.first }
                    guard let pm = president else { return (nil, .professional) }
                    chosen.append(pm)
                }
            }
            func count(_ role: Role?) -> Int { chosen.filter { role == nil || campaign.members[$0].role == role }.count }
            var externals = chosen.filter { campaign.members[$0].isExternal }.count
            let needs: [(Role?, Int)] = s.roles.isEmpty ? [(nil, s.size)] : s.roles.sorted { $0.key > $1.key }.map { ($0.key, $0.value) }
            for (role, n) in needs {
                var missing = n - count(role)
                let fits = pool.filter { m in !chosen.contains(m) && (role == nil || campaign.members[m].role == role) }
                let preferExternal = fits.filter { campaign.members[$0].isExternal } + fits.filter { !campaign.members[$0].isExternal }
                for m in (externals < s.externalsNeeded ? preferExternal : fits) where missing > 0 {
                    chosen.append(m)
                    missing -= 1
                    if campaign.members[m].isExternal { externals += 1 }
                }
                if missing > 0 { return (nil, role) }
            }
            guard chosen.count == s.size, externals >= s.externalsNeeded else { return (nil, .professional) }
            for m in chosen {
                var b = busy[m] ?? Busy()
                b.intervals.append((s.panel.start, s.panel.end))
                b.sittings += s.panel.sittingCount
                b.site = site
                busy[m] = b
                if s.examined { met[m, default: []].formUnion(candidates) }
            }
            juries[p] = chosen.sorted()
            presidents[p] = president
        }
        return ((juries, presidents), nil)
    }
}
