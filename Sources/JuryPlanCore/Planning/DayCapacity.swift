/// Kinds of jury seats that only some members can fill, for the layout's day-level check.
enum SeatKind: Int, CaseIterable {
    case anyone, professional, certifier, external, president, presidingExternal
}

/// How many seats of a kind a day's members can fill over S sittings: each member fills at
/// most one seat per sitting and at most their daily limit, so supply(S) = Σ_m min(cap_m, S).
/// A necessary condition for stage 2 (R3, R14) that aggregate sums miss: two FINALs needing
/// two externals each cannot both be held by the same two externals if one sits at most 4 times.
struct CapacityCurve {
    private let sortedCaps: [Int]
    private let prefix: [Int]

    init(caps: [Int]) {
        sortedCaps = caps.sorted()
        var p = [0]
        for c in sortedCaps { p.append(p[p.count - 1] + c) }
        prefix = p
    }

    func supply(_ sittings: Int) -> Int {
        // Members whose cap is below S give their cap; the others give S.
        var lo = 0, hi = sortedCaps.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sortedCaps[mid] < sittings { lo = mid + 1 } else { hi = mid }
        }
        return prefix[lo] + sittings * (sortedCaps.count - lo)
    }
}

/// Sittings and seats of each kind the layout has put on a day.
struct DayDemand {
    var sittings = Array(repeating: 0, count: SeatKind.allCases.count)
    var seats = Array(repeating: 0, count: SeatKind.allCases.count)
}

extension PlanningProblem {
    /// Seats of each kind one sitting of the request needs.
    func seatNeeds(_ r: SittingRequest) -> [Int] {
        var needs = Array(repeating: 0, count: SeatKind.allCases.count)
        needs[SeatKind.anyone.rawValue] = r.jurySize
        let exact = r.jurySize != r.exam.jury.size
        guard r.exam.mode.isExamined, !exact else { return needs }
        needs[SeatKind.professional.rawValue] = r.exam.jury.roles[.professional] ?? 0
        needs[SeatKind.certifier.rawValue] = r.exam.jury.roles[.certifier] ?? 0
        let externals = r.exam.jury.external.map { Int(($0 * Double(r.jurySize) + 1e-9).rounded(.down)) + 1 } ?? 0
        needs[SeatKind.external.rawValue] = externals
        let president = r.exam.jury.president ? 1 : 0
        needs[SeatKind.president.rawValue] = president
        let professionals = r.exam.jury.roles.isEmpty ? r.jurySize : (r.exam.jury.roles[.professional] ?? 0)
        if externals > 0, externals >= professionals { needs[SeatKind.presidingExternal.rawValue] = president }
        return needs
    }

    func members(of kind: SeatKind) -> MemberSet {
        switch kind {
        case .anyone: return MemberSet(count: campaign.members.count, full: true)
        case .professional: return membersByRole[.professional] ?? MemberSet(count: campaign.members.count)
        case .certifier: return membersByRole[.certifier] ?? MemberSet(count: campaign.members.count)
        case .external: return externalMembers
        case .president: return presidingMembers
        case .presidingExternal: return presidingExternalMembers
        }
    }
}
