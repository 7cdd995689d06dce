/// Ruin and recreate (Schrimpf et al., 2000) on the pooled plan: while some sitting has no
/// place, take out a few panels that compete with it for members, rooms or the candidate's day
/// (on one day), insert it first and the others after, and keep the result unless it places
/// fewer sittings. Deterministic: a seeded generator and a counted number of rounds.
extension JuryAwareInsertion {
    /// Inserts `requests`, then ruins and recreates up to `rounds` times while some are left;
    /// `stop` is the time limit's safety net. Returns the requests still without a place.
    mutating func placeAll(_ requests: [Int], rounds: Int, seed: UInt64 = 15, stop: () -> Bool = { false }) -> [Int] {
        var left = insert(requests)
        var random = SeededRandom(seed: seed)
        var round = 0
        while !left.isEmpty, round < rounds, !stop() {
            round += 1
            let target = random.pick(left)
            var trial = self
            let ruined = trial.ruin(around: problem.requests[target], random: &random)
            guard !ruined.isEmpty else { continue }
            let trialLeft = trial.insert(left.filter { $0 != target } + ruined, first: [target])
            if trialLeft.count <= left.count {
                self = trial
                left = trialLeft
            }
        }
        return left
    }

    /// Takes out, on one day, up to four panels whose juries could sit r, whose rooms suit r, or
    /// that hold r's candidates; returns the requests they held.
    private mutating func ruin(around r: SittingRequest, random: inout SeededRandom) -> [Int] {
        let campaign = self.campaign
        let d = random.int(0...(campaign.days.count - 1))
        let examiners = problem.mayExamine(r)
        let rooms = problem.suitableRooms(r)
        var competing = Set<Int>()
        for m in examiners.members { for b in memberDay[m][d] { competing.insert(b.panel) } }
        if random.chance(0.5) {
            for k in rooms.indices where rooms[k] { for b in roomDay[k][d] { competing.insert(b.panel) } }
        }
        for c in r.candidates {
            for p in placements[c] where p.dayIndex == d {
                for k in roomDay.indices { for b in roomDay[k][d] where b.start == p.start && heldRequests(b.panel).contains(p.request) { competing.insert(b.panel) } }
            }
        }
        var pool = competing.sorted()
        var taken: [Int] = []
        let count = random.int(1...Self.ruinedPanels)
        while taken.count < count, !pool.isEmpty {
            let k = random.int(0...(pool.count - 1))
            taken.append(pool.remove(at: k))
        }
        return taken.flatMap { remove($0) }
    }

    /// The requests of the candidates held by panel p.
    private func heldRequests(_ p: Int) -> [Int] {
        guard let panel = held[p] else { return [] }
        return panel.slots.flatMap { slot in slot.candidates.compactMap { ownRequest($0, slot)?.id } }
    }

    static let ruinedPanels = 4
}
