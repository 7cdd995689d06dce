extension Planner {
    /// The search over every sitting's place and jury (`PooledPlaceSearch`) from a plan that
    /// leaves sittings out; its lawful result booked through `JuryAwareInsertion.book`, what it
    /// leaves out placed by ruin and recreate. nil when the search has nothing to start from.
    func searchPlaces(from found: (plan: MendedPlan, left: [Int]), problem: PlanningProblem, clock: Stopwatch, seed: UInt64) -> (plan: MendedPlan, left: [Int])? {
        let empty = JuryAwareInsertion(problem: problem, panels: [], juries: [], presidents: [])
        guard var search = PooledPlaceSearch(problem, from: found.plan, lookups: empty) else { return nil }
        let work = Self.placeSearchWork(problem)
        let result = search.search(work: work, seed: seed, stop: { clock.elapsed > options.timeLimit })
        var insertion = empty
        var left: [Int] = []
        // Start order; at one start the longest first (a written sitting lengthened for extra
        // time is joined by the others, not the other way round).
        let order = result.assignments.indices.compactMap { r in result.assignments[r].map { (r, $0, search.place(r, $0)) } }
            .sorted { a, b in (a.2.day, a.2.start, -problem.requests[a.0].minutes, a.0) < (b.2.day, b.2.start, -problem.requests[b.0].minutes, b.0) }
        for (r, a, place) in order where !insertion.book(problem.requests[r], day: place.day, start: place.start, room: a.room, jury: a.jury, president: a.president) {
            left.append(r)
        }
        left += result.assignments.indices.filter { result.assignments[$0] == nil }
        let booked = problem.requests.count - left.count
        left = insertion.placeAll(left.sorted(), rounds: Self.repairRounds(problem), seed: seed, stop: { clock.elapsed > options.timeLimit })
        options.progress?("search over places and juries (seed \(seed)): \(result.steps) steps, \(result.conflicts) conflict(s) left, \(booked) booked, "
            + "\(problem.requests.count - left.count) of \(problem.requests.count) sittings placed after repair, \(format(clock.elapsed)) s")
        return (insertion.plan, left)
    }

    /// Seeds of the searches run after the constructions while sittings are left out, each
    /// from the best plan so far (a search that seats one more is kept, the next starts from
    /// it): one search seats the last sittings of some sessions, a chain of them of more
    /// (CSEC, 20 candidates with exact hours, seeds 47–54: one search seats all, two seat
    /// one more, the others none). At most `placeSearchTotalWork` in all.
    static let placeSearchSeeds: [UInt64] = Array(47...52)
    static let placeSearchTotalWork = 2_000_000
    /// Work of the search, counted in places weighed: 2,000 a sitting, at most 1,000,000.
    static let placeSearchWorkCap = 1_000_000
    static let placeSearchWorkPerSitting = 2_000
    static func placeSearchWork(_ problem: PlanningProblem) -> Int { min(placeSearchWorkCap, placeSearchWorkPerSitting * problem.requests.count) }
}
