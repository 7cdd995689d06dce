/// Ruin and recreate (Schrimpf et al., 2000) on the pooled plan: while some sitting has no
/// place, take out a few panels that compete with it for members, rooms or the candidate's day
/// (on one day), insert it first and the others after, and keep the result unless it places
/// fewer sittings. Deterministic: a seeded generator and a counted number of rounds.
extension JuryAwareInsertion {
    /// Inserts `requests`, then ruins and recreates up to `rounds` times while some are left;
    /// `stop` is the time limit's safety net. Returns the requests still without a place.
    /// A sitting no round brings closer for `patience` rounds (a fifth of them by default) is
    /// taken as out of reach.
    mutating func placeAll(_ requests: [Int], rounds: Int, patience: Int? = nil, seed: UInt64 = 15, stop: () -> Bool = { false }) -> [Int] {
        var left = insert(requests, stop: stop)
        guard !campaign.days.isEmpty else { return left }
        var random = SeededRandom(seed: seed)
        var round = 0, lastGain = 0
        let patience = patience ?? max(1, rounds / 5)
        while !left.isEmpty, round < rounds, round - lastGain < patience, !stop() {
            round += 1
            let target = random.pick(left)
            var trial = self
            let request = problem.requests[target]
            let ruined = random.chance(tuning.placeRuinChance)
                ? trial.ruin(at: request, random: &random) : trial.ruin(around: request, random: &random)
            guard !ruined.isEmpty else { continue }
            let trialLeft = trial.insert(left.filter { $0 != target } + ruined, first: [target])
            if trialLeft.count <= left.count {
                if trialLeft.count < left.count { lastGain = round }
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
        // Mostly a day on which r could have a jury at all: with members available in a few
        // exact time ranges, most days cannot hold it and ruining them is wasted.
        let possible = possibleDays(r)
        let d = possible.isEmpty || random.chance(tuning.anyDayChance) ? random.int(0...(campaign.days.count - 1)) : random.pick(possible)
        let examiners = problem.mayExamine(r)
        let rooms = problem.suitableRooms(r)
        var competing = Set<Int>()
        for m in examiners.members { for b in memberDay[m][d] { competing.insert(b.panel) } }
        if random.chance(0.5) {
            for k in rooms.indices where rooms[k] { for b in roomDay[k][d] { competing.insert(b.panel) } }
        }
        for c in r.candidates {
            for p in placements[c] where p.dayIndex == d {
                if let q = panelOf[p.request] { competing.insert(q) }
            }
        }
        var pool = competing.sorted()
        var taken: [Int] = []
        let count = random.int(1...Self.ruinedPanels)
        while taken.count < count, !pool.isEmpty {
            let k = random.int(0...(pool.count - 1))
            taken.append(pool.remove(at: k))
        }
        // Now and then the candidates' whole timetables too: when r's candidate has no room left
        // on the one day r could have, another of their sittings must move to another day.
        if random.chance(Self.wholeTimetableChance) {
            for c in r.candidates { for p in placements[c] { if let q = panelOf[p.request], !taken.contains(q) { taken.append(q) } } }
        }
        return taken.flatMap { remove($0) }
    }

    /// Clears one place where r could sit if nothing else were there: a day, start and room
    /// that R9 allows for r's candidates and for as many examiners as r's jury needs, then the
    /// sittings that hold that room, the jury + 1 examiners there who have fewest sittings in the
    /// way (with the buffer), and r's candidates' sittings that day. With members available in
    /// exact time ranges the place r needs is usually taken by a sitting that fits elsewhere;
    /// a random ruin of the day rarely frees it.
    private mutating func ruin(at r: SittingRequest, random: inout SeededRandom) -> [Int] {
        let possible = possibleDays(r)
        guard !possible.isEmpty else { return [] }
        let d = random.pick(possible)
        // Members never convened (a daily limit of 0) free nothing by being cleared.
        let examiners = problem.mayExamine(r).members.filter { campaign.maxSittings(of: campaign.members[$0]) > 0 }
        let rooms = problem.roomsByWaste(r)
        var places: [(window: TimeRange, members: [Int], rooms: [Int])] = []
        for start in starts(of: r, on: d) {
            let window = TimeRange(start: start, end: start + r.minutes)
            guard campaign.hours.halfDay(containing: window) != nil,
                  r.candidates.allSatisfy({ problem.candidateFits($0, r, dayIndex: d, start: start, besides: []) }) else { continue }
            let available = examiners.filter { memberAvailable($0, d, window) }
            let open = rooms.filter { roomOpen($0, d, window) }
            guard available.count >= r.jurySize, !open.isEmpty else { continue }
            places.append((window, available, open))
        }
        guard !places.isEmpty else { return [] }
        let place = random.pick(places)
        let buffer = campaign.bufferMinutes
        let reach = TimeRange(start: place.window.start - buffer, end: place.window.end + buffer)
        func inTheWay(_ m: Int) -> [Int] {
            memberDay[m][d].filter { TimeRange(start: $0.start, end: $0.end).overlaps(reach) }.map(\.panel)
        }
        var taken = Set<Int>()
        let jury = place.members.map { (m: $0, panels: inTheWay($0)) }.sorted { ($0.panels.count, $0.m) < ($1.panels.count, $1.m) }
        for member in jury.prefix(r.jurySize + 1) { taken.formUnion(member.panels) }
        let room = place.rooms.map { k in (k, roomDay[k][d].filter { TimeRange(start: $0.start, end: $0.end).overlaps(place.window) }.map(\.panel)) }
            .min { ($0.1.count, $0.0) < ($1.1.count, $1.0) }
        if let room { taken.formUnion(room.1) }
        for c in r.candidates {
            for p in placements[c] where p.dayIndex == d { if let q = panelOf[p.request] { taken.insert(q) } }
        }
        return taken.sorted().flatMap { remove($0) }
    }

    static let ruinedPanels = 4
    static let wholeTimetableChance = 0.25
}

/// Improvement by ruin and recreate on SPEC §1.3's first criteria: take out the panels of a
/// member-day, a room half-day or a candidate-day that holds few sittings, insert their
/// sittings again at their cheapest places, and keep the plan when it costs no more.
extension JuryAwareInsertion {
    /// Member-days, room half-days and candidate-days, weighted as in SPEC §1.3.
    var cost: Double {
        let w = campaign.weights
        var memberDays = 0, roomHalves = 0, candidateDays = 0
        for days in memberDay { for day in days where !day.isEmpty { memberDays += 1 } }
        for days in roomDay {
            for day in days where !day.isEmpty {
                let halves = Set(day.map { campaign.hours.halfDay(containing: TimeRange(start: $0.start, end: $0.end)) })
                roomHalves += halves.count
            }
        }
        for list in placements { candidateDays += Set(list.map(\.dayIndex)).count }
        return w.memberDays * Double(memberDays) + w.roomHalfDays * Double(roomHalves) + w.candidateDays * Double(candidateDays)
    }

    /// Up to `rounds` rounds; returns how many lowered the cost. A round that ends at the same
    /// cost is kept too (the search moves along plateaus).
    mutating func improve(rounds: Int, seed: UInt64 = 15, stop: () -> Bool = { false }) -> Int {
        // Nothing to move, or nowhere to move it (no candidate, member, room or day).
        guard held.contains(where: { $0 != nil }), !campaign.days.isEmpty, !memberDay.isEmpty, !roomDay.isEmpty, !placements.isEmpty else { return 0 }
        var random = SeededRandom(seed: seed)
        var current = cost
        var better = 0
        for _ in 0..<rounds where !stop() {
            var trial = self
            let removed = trial.ruinWaste(random: &random)
            guard !removed.isEmpty, trial.insert(removed).isEmpty else { continue }
            let found = trial.cost
            if found <= current {
                if found < current { better += 1 }
                self = trial
                current = found
            }
        }
        return better
    }

    /// Takes out the panels of the emptiest of three sampled member-days, room half-days,
    /// candidate-days or timetables of candidates who come on more days than their sittings need
    /// (one kind drawn at random); returns the requests they held.
    private mutating func ruinWaste(random: inout SeededRandom) -> [Int] {
        var units: [(size: Int, panels: [Int])] = []
        switch random.int(0...3) {
        case 0:
            for _ in 0..<Self.sampled {
                let m = random.int(0...(memberDay.count - 1)), d = random.int(0...(campaign.days.count - 1))
                let day = memberDay[m][d]
                if !day.isEmpty { units.append((day.reduce(0) { $0 + $1.sittings }, day.map(\.panel))) }
            }
        case 1:
            for _ in 0..<Self.sampled {
                let k = random.int(0...(roomDay.count - 1)), d = random.int(0...(campaign.days.count - 1))
                let day = roomDay[k][d]
                guard let first = day.first else { continue }
                let half = campaign.hours.halfDay(containing: TimeRange(start: first.start, end: first.end))
                let same = day.filter { campaign.hours.halfDay(containing: TimeRange(start: $0.start, end: $0.end)) == half }
                units.append((same.count, same.map(\.panel)))
            }
        case 3:
            // A candidate's whole timetable, taken by one who comes on more days than needed.
            for _ in 0..<Self.sampled {
                let c = random.int(0...(placements.count - 1))
                let days = Set(placements[c].map(\.dayIndex)).count
                let fewest = (placements[c].count + campaign.maxExamsPerDay - 1) / max(1, campaign.maxExamsPerDay)
                guard days > fewest else { continue }
                let requests = Set(placements[c].map(\.request))
                let panels = requests.compactMap { panelOf[$0] }
                units.append((requests.count - days, panels))
            }
        default:
            for _ in 0..<Self.sampled {
                let c = random.int(0...(placements.count - 1))
                let days = Set(placements[c].map(\.dayIndex))
                guard days.count > 1, let d = days.min(by: { a, b in
                    (placements[c].filter { $0.dayIndex == a }.count, a) < (placements[c].filter { $0.dayIndex == b }.count, b)
                }) else { continue }
                let requests = Set(placements[c].filter { $0.dayIndex == d }.map(\.request))
                let panels = requests.compactMap { panelOf[$0] }
                units.append((requests.count, panels))
            }
        }
        guard let unit = units.min(by: { $0.size < $1.size }) else { return [] }
        return Array(Set(unit.panels)).sorted().flatMap { remove($0) }
    }

    static let sampled = 3
}
