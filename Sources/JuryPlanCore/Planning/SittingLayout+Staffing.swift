/// Seat accounting of the layout: what the half-days and days can still staff.
extension SittingLayout {
    /// Enough members of each role are free in the half-day to seat one more panel (R5, R6, R9):
    /// an optimistic count that keeps stage 2 from meeting more panels than people.
    func staffFits(_ r: SittingRequest, _ period: Period) -> Bool {
        let used = seatsInPeriod[period.index] ?? [:]
        let free = problem.staff(period)
        var total = 0
        for (role, n) in seatsByRole(r) {
            total += n
            if r.exam.jury.roles.isEmpty { continue }
            if (used[role] ?? 0) + n > (free[role] ?? 0) { return false }
        }
        let usedTotal = used.values.reduce(0, +), freeTotal = free.values.reduce(0, +)
        guard usedTotal + total <= freeTotal else { return false }
        // Externals (R7) and presidents (R8) of panels held at once come from fewer people.
        let special = specialSeats(r), usedSpecial = specialInPeriod[period.index] ?? SpecialSeats()
        let pool = problem.freeInPeriod[period.index]
        return usedSpecial.fits(special, within: SpecialSeats(
            externals: pool.countCommon(problem.externalMembers), presidents: pool.countCommon(problem.presidingMembers),
            presidingExternals: pool.countCommon(problem.presidingExternalMembers)))
    }

    /// Seats only some members can fill: externals (R7), presidents (R8), and presidents who must
    /// also be external (when every professional seat must be external, as for CSEC FINAL).
    struct SpecialSeats {
        var externals = 0
        var presidents = 0
        var presidingExternals = 0

        func fits(_ more: SpecialSeats, within limit: SpecialSeats, share: Double = 1) -> Bool {
            (more.externals == 0 || Double(externals + more.externals) <= share * Double(limit.externals))
                && (more.presidents == 0 || Double(presidents + more.presidents) <= share * Double(limit.presidents))
                && (more.presidingExternals == 0 || Double(presidingExternals + more.presidingExternals) <= share * Double(limit.presidingExternals))
        }

        mutating func add(_ other: SpecialSeats, times k: Int) {
            externals += k * other.externals
            presidents += k * other.presidents
            presidingExternals += k * other.presidingExternals
        }
    }

    func specialSeats(_ r: SittingRequest) -> SpecialSeats {
        guard r.exam.mode.isExamined, r.jurySize == r.exam.jury.size else { return SpecialSeats() }
        let externals = r.exam.jury.external.map { Int(($0 * Double(r.jurySize) + 1e-9).rounded(.down)) + 1 } ?? 0
        let professionals = r.exam.jury.roles.isEmpty ? r.jurySize : (r.exam.jury.roles[.professional] ?? 0)
        let president = r.exam.jury.president ? 1 : 0
        return SpecialSeats(externals: externals, presidents: president,
                            presidingExternals: externals >= professionals && externals > 0 ? president : 0)
    }

    /// One more sitting keeps every seat kind of the day within `dayShare` of what the day's
    /// members can give (`CapacityCurve`: R14 daily limits, R9 availability).
    func dayFits(_ r: SittingRequest, _ day: Int) -> Bool {
        let needs = problem.seatNeeds(r)
        let demand = dayDemand[day]
        for kind in SeatKind.allCases where needs[kind.rawValue] > 0 {
            let k = kind.rawValue
            // The share keeps whole seats in reserve: none while the supply is small.
            let supply = Double(problem.dayCurves[day][k].supply(demand.sittings[k] + 1))
            let reserve = ((1 - (dayShare[day][kind] ?? 1)) * supply).rounded(.down)
            if Double(demand.seats[k] + needs[k]) > supply - reserve { return false }
        }
        return true
    }

    mutating func adjustDayLoad(_ r: SittingRequest, _ day: Int, by sign: Int) {
        let needs = problem.seatNeeds(r)
        for k in needs.indices where needs[k] > 0 {
            dayDemand[day].sittings[k] += sign
            dayDemand[day].seats[k] += sign * needs[k]
        }
    }

    func seatsByRole(_ r: SittingRequest) -> [(Role, Int)] {
        if r.exam.jury.roles.isEmpty || r.jurySize != r.exam.jury.size { return [(.professional, r.jurySize)] }
        return Role.allCases.compactMap { role in r.exam.jury.roles[role].map { (role, $0) } }
    }

    func slotIndex(_ half: HalfDay, _ role: Role) -> Int { (half == .morning ? 0 : 2) + (role == .professional ? 0 : 1) }

    /// R11 and R15 for a room: equipment, step-free access, seats for a group, the region
    /// (computed once per request: name comparisons fold accents and are not cheap).
    func roomFits(_ room: Int, _ r: SittingRequest) -> Bool { problem.suitableRooms(r)[room] }
}
