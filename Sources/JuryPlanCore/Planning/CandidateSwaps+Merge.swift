/// Two of a candidate's days made one: every sitting of one day moves to the other, whose own
/// oral sittings may change seats too (another seat of the same class that day), each by a
/// trade with the seat's holder, a written sitting by joining another sitting that day.
///
/// Pairwise trades and `emptyLightDays` move one sitting at a time against a day that stays as
/// it is: a FINAL early on the candidate's FINAL day leaves no time before it for the blocks
/// that should join it (R13), and only seating the FINAL later too lets them in. A small
/// depth-first search over the day's seats, first improvement, with a counted budget.
extension CandidateSwaps {
    /// Tries every candidate who comes on more days than their sittings need; returns how many
    /// days were saved.
    mutating func mergeDays(_ classes: [Int: [Int: [Seat]]], _ written: [String: [Int: [Seat]]]) -> Int {
        var merged = 0
        for pass in 0..<Self.mergePasses {
            let found = mergeDays(classes, written, plateau: pass + 1 < Self.mergePasses)
            merged += found
            if found == 0 { break }
        }
        return merged
    }

    static let mergePasses = 2

    private mutating func mergeDays(_ classes: [Int: [Int: [Seat]]], _ written: [String: [Int: [Seat]]], plateau: Bool) -> Int {
        let perDay = max(1, problem.campaign.maxExamsPerDay)
        var merged = 0
        for x in problem.campaign.candidates.indices {
            let byDay = Dictionary(grouping: seats[x] + fixed[x], by: { panels[$0.panel].period.dayIndex })
            let fewest = (seats[x].count + fixed[x].count + perDay - 1) / perDay
            guard byDay.count > max(1, fewest) else { continue }
            let order = byDay.sorted { ($0.value.count, $0.key) < ($1.value.count, $1.key) }
            pairs: for (from, leaving) in order {
                for (into, staying) in order where into != from && leaving.count + staying.count <= perDay {
                    var search = MergeSearch(x: x, into: into, budget: Self.mergeBudget)
                    search.plateau = plateau
                    let movable = staying.filter { seats[x].contains($0) }.sorted { ($0.panel, $0.slot) < ($1.panel, $1.slot) }
                    search.items = movable.map { ($0, false) } + leaving.sorted { ($0.panel, $0.slot) < ($1.panel, $1.slot) }.map { ($0, true) }
                    if merge(&search, 0, 0, classes, written) {
                        merged += 1
                        break pairs
                    }
                }
            }
        }
        return merged
    }

    /// Seats weighed at most in one try to merge two days (counted, not timed).
    static let mergeBudget = 1_000

    struct MergeSearch {
        let x: Int
        let into: Int
        var budget: Int
        /// A merge that costs nothing is taken too: the candidate it moves elsewhere may merge next.
        var plateau = false
        /// x's sittings to seat on `into`: those already there (may stay) and those that must come.
        var items: [(seat: Seat, mustMove: Bool)] = []
        init(x: Int, into: Int, budget: Int) { (self.x, self.into, self.budget) = (x, into, budget) }
    }

    /// Seats items[i...] on the day, depth first; true, with the moves applied, when the whole
    /// lowers the candidates' share of the objective (`delta` is the change so far).
    private mutating func merge(_ search: inout MergeSearch, _ i: Int, _ delta: Double,
                                _ classes: [Int: [Int: [Seat]]], _ written: [String: [Int: [Seat]]]) -> Bool {
        guard i < search.items.count else { return delta < (search.plateau ? 1e-9 : -1e-9) }
        let (seat, mustMove) = search.items[i]
        let x = search.x
        if !mustMove, merge(&search, i + 1, delta, classes, written) { return true }
        guard search.budget > 0 else { return false }
        for (move, change) in moves(x, seat, to: search.into, classes, written, budget: &search.budget) {
            apply(move)
            if merge(&search, i + 1, delta + change, classes, written) { return true }
            undo(move)
        }
        return false
    }

    /// x's lawful moves from `seat` to day d, with what each changes in the objective: trades
    /// of oral seats of the same class, or joining a written sitting of the same exam.
    private func moves(_ x: Int, _ seat: Seat, to d: Int, _ classes: [Int: [Int: [Seat]]],
                       _ written: [String: [Int: [Seat]]], budget: inout Int) -> [(Move, Double)] {
        var out: [(Move, Double)] = []
        let before = cost(x)
        let panel = panels[seat.panel]
        let xFits = fitter(x, from: seat)
        if fixed[x].contains(seat) {
            // A candidate with extra time lengthens the sitting they sit: they stay where they are.
            guard panel.exam.mode == .written, !problem.candidate(x).extraTime else { return [] }
            for to in written[panel.exam.id]?[d] ?? [] where to != seat {
                budget -= 1
                let target = panels[to.panel]
                guard target.slots[0].candidates.count < problem.campaign.rooms[target.room].capacity, xFits(to) else { continue }
                out.append((.join(candidate: x, from: seat, to: to), cost(x, moving: seat, to: to) - before))
            }
            // A full sitting: x takes the place of one of its candidates, who takes x's.
            for to in written[panel.exam.id]?[d] ?? [] where to != seat && xFits(to) {
                for y in panels[to.panel].slots[0].candidates where !panel.slots[0].candidates.contains(y) && !problem.candidate(y).extraTime {
                    budget -= 1
                    guard fits(y, from: to, into: seat) else { continue }
                    let change = cost(x, moving: seat, to: to) + cost(y, moving: to, to: seat) - before - cost(y)
                    out.append((.exchange(x, from: seat, with: y, to: to), change))
                }
            }
            return out
        }
        for b in classes[classNumber(seat.panel, seat.slot)]?[d] ?? [] where b != seat {
            budget -= 1
            let y = panels[b.panel].slots[b.slot].candidates[0]
            guard y != x, xFits(b), fits(y, from: b, into: seat) else { continue }
            out.append((.trade(seat, b), cost(x, moving: seat, to: b) + cost(y, moving: b, to: seat) - before - cost(y)))
        }
        return out
    }
}
