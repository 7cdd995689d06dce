/// The seats a sitting's jury must fill, as R5, R6, R8 and R18 count them: by role, or exactly
/// the candidates' imposed members (a fixed committee); who may be drawn; and every jury that
/// fills them from a list of members.
struct JurySeats {
    let exam: Exam
    let campaign: Campaign
    /// The candidates' imposed members, each once, in the candidates' order.
    let imposed: [String]
    /// Seats by role (`nil`: any role).
    let seats: [(role: Role?, count: Int)]
    /// Members who may take a seat, before conflicts, regions and qualifications.
    let pool: [String]
    /// Those of the pool who may examine these candidates (R10, R15, R16 by `Eligibility`, the
    /// predicates the checker uses; invigilators of a written sitting are not concerned).
    let eligible: [String]

    init(_ exam: Exam, _ candidates: [Candidate], _ campaign: Campaign) {
        self.exam = exam
        self.campaign = campaign
        var seen = Set<String>()
        let imposed = candidates.flatMap(\.imposedJury).filter { seen.insert($0).inserted }
        self.imposed = imposed
        // A fixed committee (R18 with `imposed: true`): the jury is exactly the imposed members.
        let fixed = exam.mode.isExamined && exam.jury.imposed && !imposed.isEmpty
        let roles = exam.mode.isExamined ? exam.jury.roles.filter { $0.value > 0 } : [:]
        seats = fixed ? [(nil, imposed.count)]
            : roles.isEmpty ? [(nil, exam.jury.size)] : roles.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let pool = fixed ? imposed
            : campaign.members.filter { !exam.mode.isExamined || exam.jury.accepts($0.role) || imposed.contains($0.id) }.map(\.id)
        self.pool = pool
        eligible = pool.filter { id in
            guard let member = campaign.member(id) else { return false }
            guard exam.mode.isExamined else { return true }
            return Eligibility.qualified(member, for: exam, in: campaign)
                && candidates.allSatisfy { Eligibility.conflict(member, $0) == nil }
                && (!exam.regional || candidates.allSatisfy { Eligibility.examines(member, inRegion: $0.region) })
        }
    }

    var size: Int { seats.reduce(0) { $0 + $1.count } }

    /// "2 professionals", "1 certifier + 2 professionals", "3 members".
    var needs: String {
        seats.count == 1 && seats[0].role == nil ? "\(size) member\(size == 1 ? "" : "s")" : describeRoles(exam.jury.roles.filter { $0.value > 0 })
    }

    private func fits(_ id: String, _ seat: Int) -> Bool {
        seats[seat].role.map { campaign.member(id)?.role == $0 } ?? true
    }

    /// How many of the seats the members can fill, each member one seat of their role.
    func cover(by members: [String]) -> Int {
        seats.indices.reduce(0) { total, s in total + min(seats[s].count, members.filter { fits($0, s) }.count) }
    }

    /// True when the members can fill every seat, the imposed members among them.
    func fills(_ members: [String]) -> Bool {
        imposed.allSatisfy(members.contains) && cover(by: members) == size
    }

    /// The members free for each seat, by role: "0 certifiers + 2 professionals".
    func count(_ members: [String]) -> String {
        seats.indices.map { s in
            let n = members.filter { fits($0, s) }.count
            return seats[s].role.map { "\(n) \($0.rawValue)\(n == 1 ? "" : "s")" } ?? "\(n)"
        }.joined(separator: " + ")
    }

    /// The first professional who can preside, where the exam has a president (R8).
    func president(of jury: [String]) -> String {
        guard exam.jury.president else { return "" }
        return jury.first { campaign.member($0).map { $0.role == .professional && $0.canPreside } ?? false } ?? ""
    }

    /// Calls `visit` with each jury that fills every seat from `members` (imposed members in
    /// it), in order, while it returns true.
    func juries(from members: [String], visit: ([String]) -> Bool) {
        var remaining = seats.map(\.count)
        var jury: [String] = []
        func seat(of id: String) -> Int? { seats.indices.first { remaining[$0] > 0 && fits(id, $0) } }
        for id in imposed {
            guard let s = seat(of: id) else { return }
            remaining[s] -= 1
            jury.append(id)
        }
        let others = members.filter { !imposed.contains($0) }
        var going = true
        func extend(from index: Int) {
            guard going else { return }
            if remaining.allSatisfy({ $0 == 0 }) {
                going = visit(jury)
                return
            }
            for i in index..<others.count where going {
                guard let s = seat(of: others[i]) else { continue }
                remaining[s] -= 1
                jury.append(others[i])
                extend(from: i + 1)
                jury.removeLast()
                remaining[s] += 1
            }
        }
        extend(from: 0)
    }
}
