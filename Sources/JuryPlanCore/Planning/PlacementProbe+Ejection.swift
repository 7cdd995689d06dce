/// Places where a left-out sitting could sit if one sitting of the plan stepped aside: at a time
/// the candidates and a room are free, every seat can be filled by members who are free or whom
/// only that one sitting keeps busy (R3 with the buffer, or R14's one site). The caller takes
/// that sitting out, seats the left-out one, and places the one taken out again elsewhere: an
/// ejection chain of one link, which moves a sitting to another day when that is what frees a
/// place (members available only in exact time ranges leave no other way).
extension PlacementProbe {
    struct Ejection: Hashable {
        var day: Day
        /// The rows of the sitting that steps aside, in the probe's schedule.
        var rows: [Int]
    }

    func ejections(exam: Exam, candidates: [Candidate], limit: Int) -> [Ejection] {
        var found: [Ejection] = []
        var seen = Set<[Int]>()
        let seats = JurySeats(exam, candidates, campaign)
        let members = seats.eligible
        for day in campaign.days {
            let trial = Trial(exam, candidates, on: day)
            guard case .success(let places) = candidateStarts(trial).flatMap({ self.places(trial, starts: $0) }) else { continue }
            for (start, room) in places {
                let time = trial.time(start)
                var free: [String] = []
                var freedBy: [[Int]: [String]] = [:]
                for id in members {
                    guard let rule = memberBlock(id, day: day, time: time, site: room.site) else {
                        free.append(id)
                        continue
                    }
                    // Kept out by one sitting alone (R3, or R14's one site), its daily limit
                    // kept once that sitting goes.
                    guard rule != .r9, let member = campaign.member(id) else { continue }
                    let sittings = load.members[DayKey(id: id, day: day)] ?? []
                    let blocking = sittings.filter { !Spacing.memberFree($0.time, time, in: campaign) || $0.site != room.site }
                    if blocking.count == 1, sittings.count <= campaign.maxSittings(of: member) {
                        freedBy[blocking[0].rows, default: []].append(id)
                    }
                }
                for (rows, freed) in freedBy.sorted(by: { $0.key.lexicographicallyPrecedes($1.key) }) where seats.fills(free + freed) {
                    guard seen.insert(rows).inserted else { continue }
                    found.append(Ejection(day: day, rows: rows))
                    if found.count >= limit { return found }
                }
            }
        }
        return found
    }
}
