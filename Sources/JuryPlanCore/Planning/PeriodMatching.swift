/// Seats of the panels held in one half-day matched to distinct members (Kuhn's augmenting
/// paths). Panels of a half-day mostly overlap, so a member takes at most one seat per half-day
/// here; if the seats cannot all be matched, no set of juries exists for that half-day (R3, R5–R8,
/// R10, R15, R16, R18 together), and the layout looks elsewhere. A necessary condition, kept
/// incrementally as sittings are placed.
struct PeriodMatching {
    private(set) var seatMask: [MemberSet] = []
    private(set) var seatPanel: [Int] = []
    private var owner: [Int] = []
    private var seatOf: [Int: Int] = [:]

    /// Adds the seats of a new panel; false (and unchanged) when they cannot all be filled.
    mutating func addSeats(_ masks: [MemberSet], panel: Int) -> Bool {
        let saved = self
        for mask in masks {
            seatMask.append(mask)
            seatPanel.append(panel)
            owner.append(-1)
            var visited = Set<Int>()
            if !augment(seatMask.count - 1, &visited) {
                self = saved
                return false
            }
        }
        return true
    }

    /// Restricts a panel's seats to `members` (a candidate joined it); false (and unchanged)
    /// when the seats can no longer all be filled.
    mutating func narrow(panel: Int, to members: MemberSet) -> Bool {
        let saved = self
        var loose: [Int] = []
        for s in seatPanel.indices where seatPanel[s] == panel {
            seatMask[s] = seatMask[s] & members
            if owner[s] >= 0, !seatMask[s].contains(owner[s]) {
                seatOf[owner[s]] = nil
                owner[s] = -1
                loose.append(s)
            }
        }
        for s in loose {
            var visited = Set<Int>()
            if !augment(s, &visited) {
                self = saved
                return false
            }
        }
        return true
    }

    private mutating func augment(_ seat: Int, _ visited: inout Set<Int>) -> Bool {
        let mask = seatMask[seat]
        for (w, word) in mask.words.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                let m = w * 64 + bits.trailingZeroBitCount
                bits &= bits - 1
                guard visited.insert(m).inserted else { continue }
                if let other = seatOf[m] {
                    guard augment(other, &visited) else { continue }
                }
                owner[seat] = m
                seatOf[m] = seat
                return true
            }
        }
        return false
    }
}

extension PlanningProblem {
    /// The seats of one sitting of the request, each with the members of the kind it needs:
    /// certifier and professional seats, the professional seats that must be external (R7), the
    /// president's seat (R8), and imposed members pinned to seats (R18).
    func seatMasks(_ r: SittingRequest, within members: MemberSet) -> [MemberSet] {
        let all = MemberSet(count: campaign.members.count, full: true)
        let exact = r.jurySize != r.exam.jury.size
        var imposed = r.imposed.compactMap { campaign.memberNumber($0) }
        if exact || !r.exam.mode.isExamined { return Array(repeating: members, count: r.jurySize) }
        var seats: [MemberSet] = []
        if r.exam.jury.roles.isEmpty {
            seats = Array(repeating: all, count: r.jurySize)
        } else {
            for role in Role.allCases.sorted() {
                seats += Array(repeating: membersByRole[role] ?? all, count: r.exam.jury.roles[role] ?? 0)
            }
        }
        let needs = seatNeeds(r)
        // Externals and the president go on professional seats (a certifier is never external).
        let professionalSeats = seats.indices.filter { r.exam.jury.roles.isEmpty || seats[$0] == membersByRole[.professional] }
        let externals = needs[SeatKind.external.rawValue]
        for s in professionalSeats.prefix(externals) { seats[s] = seats[s] & externalMembers }
        if needs[SeatKind.president.rawValue] > 0 {
            let s = needs[SeatKind.presidingExternal.rawValue] > 0 ? professionalSeats.first : professionalSeats.dropFirst(min(externals, professionalSeats.count - 1)).first
            if let s { seats[s] = seats[s] & presidingMembers }
        }
        // Imposed members take a seat they fit, pinned to them.
        for s in seats.indices {
            guard let i = imposed.firstIndex(where: { seats[s].contains($0) }) else { continue }
            seats[s] = MemberSet(count: campaign.members.count) { $0 == imposed[i] }
            imposed.remove(at: i)
        }
        return seats.map { $0 & members }
    }
}
