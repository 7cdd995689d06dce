import MIP

/// Stage 2 of the planner: the MIP that convenes members to the panels of one day.
///
/// Index sets: `P` the day's panels, `E(p)` the members who may sit on p (`PanelStaffing`),
/// `M` the members eligible somewhere. Variables: `a[m,p]` m sits on p, `pres[m,p]` m presides
/// p, `z[m]` m is convened that day, `y[m,s]` m works at site s, `v[m,p,q]` m meets again a
/// candidate of p in q. Member assignment separates exactly by day (R3, R14 are per day), so
/// one model per day loses nothing given the panels.
final class JuryDayModel {
    let model: Model
    let staffing: [PanelStaffing]
    private let campaign: Campaign
    private(set) var a: [[Int: Variable]]
    private(set) var pres: [[Int: Variable]]
    private(set) var z: [Int: Variable] = [:]
    /// `u[p] = 1` leaves panel p without a jury, at a prohibitive cost: the model is always
    /// feasible, and the panels it leaves out tell the layout exactly what to move.
    private(set) var unstaffed: [Variable] = []
    static let unstaffedCost = 100_000.0
    private var y: [Int: [String: Variable]] = [:]
    private var repeats: [(m: Int, p: Int, q: Int, v: Variable)] = []
    private var objective = LinearExpression()
    private let candidates: [[Int]]?

    /// - Parameters:
    ///   - examinedBefore: for each member, the candidates they examined on earlier days.
    ///   - loadBefore: sittings of each member on earlier days (for balance).
    /// - Parameter candidates: when given, the members considered for each panel (a subset of
    ///   `E(p)` holding the warm start), to keep large days small.
    init(day: Day, staffing: [PanelStaffing], campaign: Campaign, examinedBefore: [Int: Set<Int>], loadBefore: [Int],
         candidates: [[Int]]? = nil) {
        self.candidates = candidates
        self.staffing = staffing
        self.campaign = campaign
        model = Model(name: "jury_\(day.iso)")
        a = Array(repeating: [:], count: staffing.count)
        pres = Array(repeating: [:], count: staffing.count)
        addVariables(day: day, examinedBefore: examinedBefore, loadBefore: loadBefore)
        addJuryComposition()
        addExternalShare()
        addPresident()
        addImposedMembers()
        addNoOverlap()
        addDailyLimit()
        addOneSite()
        addRepeatedExaminers()
        model.setObjective(objective, .minimize)
    }

    private func addVariables(day: Day, examinedBefore: [Int: Set<Int>], loadBefore: [Int]) {
        let w = campaign.weights
        let maxLoad = Double(max(1, loadBefore.max() ?? 1))
        for s in staffing {
            unstaffed.append(model.addVariable("u[p\(s.panel.id)]", kind: .binary, objective: Self.unstaffedCost))
        }
        for (p, s) in staffing.enumerated() {
            let considered = self.candidates.map { Set($0[p]) }
            let candidates = Set(s.panel.candidateNumbers)
            for m in s.eligible where considered?.contains(m) ?? true {
                // Objective 4 across days and 5 (balance): a tie-breaker below one member-day.
                let again = examinedBefore[m].map { candidates.intersection($0).count } ?? 0
                let cost = w.repeatExaminer * Double(again) + w.imbalance * Double(s.panel.sittingCount) * Double(loadBefore[m]) / maxLoad
                a[p][m] = model.addVariable("a[\(campaign.members[m].id),p\(s.panel.id)]", kind: .binary, objective: cost)
                if z[m] == nil {
                    let member = campaign.members[m]
                    let unpreferred = !member.isPreferred(day)
                    z[m] = model.addVariable("z[\(member.id)]", kind: .binary, objective: w.memberDays + (unpreferred ? w.preference : 0))
                }
            }
            for m in s.presidents where a[p][m] != nil {
                pres[p][m] = model.addVariable("pres[\(campaign.members[m].id),p\(s.panel.id)]", kind: .binary)
            }
        }
    }

    /// R5, R6: for every panel p and role r with a count, `Σ_{m∈E(p), role(m)=r} a[m,p] = n_r·(1 − u[p])`;
    /// without roles, `Σ_{m∈E(p)} a[m,p] = size(p)·(1 − u[p])`.
    private func addJuryComposition() {
        for (p, s) in staffing.enumerated() {
            if s.roles.isEmpty {
                model.addConstraint("size[p\(s.panel.id)]", LinearExpression.sum(a[p].values) + Double(s.size) * unstaffed[p], .equal, Double(s.size))
                continue
            }
            for (role, n) in s.roles.sorted(by: { $0.key < $1.key }) {
                let vars = a[p].filter { campaign.members[$0.key].role == role }.map(\.value)
                model.addConstraint("role[p\(s.panel.id),\(role.rawValue)]", LinearExpression.sum(vars) + Double(n) * unstaffed[p], .equal, Double(n))
            }
            // Members of a role the exam does not ask for (imposed ones) cannot sit.
            for (m, v) in a[p] where s.roles[campaign.members[m].role] == nil { model.setBounds(of: v, lower: 0, upper: 0) }
        }
    }

    /// R7: `Σ_{m∈E(p) external} a[m,p] ≥ (⌊threshold·size⌋ + 1)·(1 − u[p])`, i.e. the share strictly above.
    private func addExternalShare() {
        for (p, s) in staffing.enumerated() where s.externalsNeeded > 0 {
            let vars = a[p].filter { campaign.members[$0.key].isExternal }.map(\.value)
            model.addConstraint("external[p\(s.panel.id)]", LinearExpression.sum(vars) + Double(s.externalsNeeded) * unstaffed[p], .greaterOrEqual, Double(s.externalsNeeded))
        }
    }

    /// R8: `Σ_m pres[m,p] = 1 − u[p]` and `pres[m,p] ≤ a[m,p]` for exams with a president.
    private func addPresident() {
        for (p, s) in staffing.enumerated() where s.examined && s.panel.exam.jury.president {
            model.addConstraint("president[p\(s.panel.id)]", LinearExpression.sum(pres[p].values) + unstaffed[p], .equal, 1)
            for (m, v) in pres[p].sorted(by: { $0.key < $1.key }) {
                if let av = a[p][m] { model.addConstraint("presides[\(campaign.members[m].id),p\(s.panel.id)]", v - av, .lessOrEqual, 0) }
            }
        }
    }

    /// R18: `a[m,p] = 1 − u[p]` for every member imposed on a candidate of p (an imposed member
    /// who may not sit leaves the panel unstaffed).
    private func addImposedMembers() {
        for (p, s) in staffing.enumerated() {
            for m in s.imposed {
                if let v = a[p][m] {
                    model.addConstraint("imposed[\(campaign.members[m].id),p\(s.panel.id)]", v + unstaffed[p], .equal, 1)
                } else {
                    model.setBounds(of: unstaffed[p], lower: 1, upper: 1)
                }
            }
        }
    }

    /// R3: panels whose times (extended by `buffer_minutes`) overlap form cliques of an interval
    /// graph; at every panel start t, `Σ_{p: start(p) ≤ t < end(p)+buffer} a[m,p] ≤ z[m]`. This
    /// also links a to z, with a tighter LP bound than `a ≤ z` pair by pair.
    private func addNoOverlap() {
        let buffer = campaign.bufferMinutes
        let starts = Set(staffing.map(\.panel.start)).sorted()
        var cliques: [[Int]] = []
        for t in starts {
            let clique = staffing.indices.filter { staffing[$0].panel.start <= t && t < staffing[$0].panel.end + buffer }
            if let last = cliques.last, Set(clique).isSubset(of: Set(last)) { continue }
            cliques.removeAll { Set($0).isSubset(of: Set(clique)) }
            cliques.append(clique)
        }
        for (k, clique) in cliques.enumerated() {
            for (m, zm) in z.sorted(by: { $0.key < $1.key }) {
                let vars = clique.compactMap { a[$0][m] }
                guard !vars.isEmpty else { continue }
                model.addConstraint("overlap[\(campaign.members[m].id),t\(k)]", LinearExpression.sum(vars) - zm, .lessOrEqual, 0)
            }
        }
    }

    /// R14: `Σ_p sittings(p)·a[m,p] ≤ max_per_day(m)` (invigilations count as sittings).
    private func addDailyLimit() {
        for (m, _) in z.sorted(by: { $0.key < $1.key }) {
            let terms = staffing.indices.compactMap { p in a[p][m].map { (Double(staffing[p].panel.sittingCount), $0) } }
            let total = terms.reduce(0) { $0 + $1.0 }
            let limit = Double(campaign.maxSittings(of: campaign.members[m]))
            if total > limit { model.addConstraint("daily[\(campaign.members[m].id)]", LinearExpression.sum(terms), .lessOrEqual, limit) }
        }
    }

    /// R14: one site a day: `a[m,p] ≤ y[m,site(p)]`, `Σ_s y[m,s] ≤ 1`.
    private func addOneSite() {
        for (m, _) in z.sorted(by: { $0.key < $1.key }) {
            var sites: [String: [Variable]] = [:]
            for p in staffing.indices { if let v = a[p][m] { sites[site(p), default: []].append(v) } }
            guard sites.count > 1 else { continue }
            let id = campaign.members[m].id
            var chosen: [Variable] = []
            for (name, vars) in sites.sorted(by: { $0.key < $1.key }) {
                let ys = model.addVariable("y[\(id),\(name)]", kind: .binary)
                y[m, default: [:]][name] = ys
                chosen.append(ys)
                // Aggregated: at most (count) panels at the site, all only if the site is chosen.
                model.addConstraint("site[\(id),\(name)]", LinearExpression.sum(vars) - Double(vars.count) * ys, .lessOrEqual, 0)
            }
            model.addConstraint("onesite[\(id)]", LinearExpression.sum(chosen), .lessOrEqual, 1)
        }
    }

    func site(_ p: Int) -> String { campaign.rooms[staffing[p].panel.room].site }

    /// Objective 4 within the day: `v[m,p,q] ≥ a[m,p] + a[m,q] − 1` for panels sharing candidates,
    /// costing `repeat_examiner` per shared candidate.
    private func addRepeatedExaminers() {
        let w = campaign.weights.repeatExaminer
        guard w > 0 else { return }
        for p in staffing.indices {
            let cp = Set(staffing[p].panel.candidateNumbers)
            for q in staffing.indices where q > p {
                let shared = cp.intersection(staffing[q].panel.candidateNumbers).count
                guard shared > 0 else { continue }
                for (m, ap) in a[p].sorted(by: { $0.key < $1.key }) {
                    guard let aq = a[q][m] else { continue }
                    let v = model.addVariable("v[\(campaign.members[m].id),p\(staffing[p].panel.id),p\(staffing[q].panel.id)]", objective: w * Double(shared))
                    model.addConstraint("again[\(campaign.members[m].id),p\(staffing[p].panel.id),p\(staffing[q].panel.id)]", ap + aq - v, .lessOrEqual, 1)
                    repeats.append((m, p, q, v))
                }
            }
        }
    }

    /// A full assignment of the model's variables from juries and presidents (for a warm start).
    func values(juries: [[Int]], presidents: [Int?]) -> [Double] {
        var x = Array(repeating: 0.0, count: model.variableCount)
        for p in staffing.indices {
            if juries[p].isEmpty { x[unstaffed[p].index] = 1 }
            for m in juries[p] { if let v = a[p][m] { x[v.index] = 1 }; if let zm = z[m] { x[zm.index] = 1 } }
            if let pm = presidents[p], let v = pres[p][pm] { x[v.index] = 1 }
            for m in juries[p] { if let ys = y[m]?[site(p)] { x[ys.index] = 1 } }
        }
        for r in repeats where juries[r.p].contains(r.m) && juries[r.q].contains(r.m) { x[r.v.index] = 1 }
        return x
    }

    /// Panels the solution leaves without a jury.
    func unstaffedPanels(_ result: SolveResult) -> [Int] { staffing.indices.filter { result.isOne(unstaffed[$0]) } }

    /// Juries and presidents read from a solution.
    func juries(from result: SolveResult) -> (juries: [[Int]], presidents: [Int?]) {
        var juries: [[Int]] = [], presidents: [Int?] = []
        for p in staffing.indices {
            juries.append(a[p].filter { result.isOne($0.value) }.map(\.key).sorted())
            presidents.append(pres[p].filter { result.isOne($0.value) }.map(\.key).min())
        }
        return (juries, presidents)
    }
}
