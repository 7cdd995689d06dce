/// Who may sit on a panel: the jury rules that depend on one member and one panel (R9, R10,
/// R14's daily limit, R15, R16, R18 for `imposed: true`), decided before any model is built so
/// that the model only holds variables for lawful pairs.
final class PanelStaffing {
    let panel: Panel
    let request: SittingRequest
    /// Member numbers who may sit on the panel, ascending.
    let eligible: [Int]
    /// Of those, who may preside (R8), when the exam has a president.
    let presidents: [Int]
    /// Members imposed on the panel's candidates (R18), as member numbers.
    let imposed: [Int]
    /// Members of each role the jury needs; empty roles means `size` members of any role.
    let roles: [Role: Int]
    let size: Int
    /// The seats to fill in `JuryGreedy.pickJury`'s order: each role (professionals before
    /// certifiers) and its count, or `size` seats of any role.
    let needs: [(role: Role?, count: Int)]
    /// Externals needed to be strictly above the threshold (R7).
    let externalsNeeded: Int
    var examined: Bool { panel.exam.mode.isExamined }

    init(_ panel: Panel, problem: PlanningProblem) {
        let campaign = problem.campaign
        let request = problem.requests[panel.slots[0].request]
        self.panel = panel
        self.request = request
        let window = TimeRange(start: panel.start, end: panel.end)
        let examined = panel.exam.mode.isExamined
        let exact = examined && panel.exam.jury.imposed && !request.imposed.isEmpty
        imposed = request.imposed.compactMap { campaign.memberNumber($0) }
        // Who may examine every candidate of the panel, and is free over its whole window.
        var pool = problem.availableDuring(panel.period.dayIndex, window)
        for slot in panel.slots { pool = pool & problem.mayExamine(problem.requests[slot.request]) }
        eligible = pool.members.filter { campaign.maxSittings(of: campaign.members[$0]) >= panel.sittingCount }
        let eligibleSet = eligible
        presidents = examined && panel.exam.jury.president
            ? eligibleSet.filter { campaign.members[$0].role == .professional && campaign.members[$0].canPreside } : []
        if exact || !examined {
            roles = [:]
            size = exact ? request.imposed.count : panel.exam.jury.size
        } else {
            roles = panel.exam.jury.roles.filter { $0.value > 0 }
            size = panel.exam.jury.size
        }
        if examined, let threshold = panel.exam.jury.external {
            externalsNeeded = Int((threshold * Double(size) + 1e-9).rounded(.down)) + 1
        } else {
            externalsNeeded = 0
        }
        needs = roles.isEmpty ? [(nil, size)] : roles.sorted { $0.key > $1.key }.map { ($0.key, $0.value) }
    }

    /// Why no lawful jury exists for this panel taken alone, or nil when one may.
    func shortage(_ campaign: Campaign) -> String? {
        let day = campaign.days[panel.period.dayIndex].iso
        let when = "on \(day) at \(Clock.format(panel.start))"
        let members = eligible.map { campaign.members[$0] }
        for m in imposed where !eligible.contains(m) {
            return "\(panel.exam.id) \(when): imposed member \(campaign.members[m].id) cannot sit (unavailable, unqualified or in conflict)"
        }
        for (role, n) in roles.sorted(by: { $0.key < $1.key }) {
            let have = members.filter { $0.role == role }.count
            if have < n { return "\(panel.exam.id) \(when) needs \(n) \(role.rawValue)\(n == 1 ? "" : "s"), \(have) can sit" }
        }
        if members.count < size { return "\(panel.exam.id) \(when) needs \(size) members, \(members.count) can sit" }
        let externals = members.filter(\.isExternal).count
        if externals < externalsNeeded {
            return "\(panel.exam.id) \(when) needs \(externalsNeeded) external professionals, \(externals) are available"
        }
        if panel.exam.jury.president, examined, presidents.isEmpty {
            return "\(panel.exam.id) \(when) needs a president (a professional with can_preside), none can sit"
        }
        return nil
    }
}
