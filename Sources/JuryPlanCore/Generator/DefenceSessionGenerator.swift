/// Thesis-defence sessions shaped like real university ones, each with a lawful witness
/// schedule, so that tests and benchmarks can tell "impossible" from "not found": every
/// candidate defends once before their own fixed committee (`jury: {imposed: true}`), staff are
/// available in scattered hours, rooms have hours of their own, and there is no lunch break.
///
/// The witness is made first, as a careful person would make it by hand (each committee on a
/// day its members already come, in the first free slot and room); the availability written to
/// jury.csv and rooms.csv covers it, plus scattered hours of its own.
public struct DefenceSessionGenerator {
    public struct Shape: Sendable {
        public var candidates: Int
        public var staff: Int
        public var rooms: Int
        public var days: Int
        /// Length of a defence (one slot).
        public var minutes: Int
        public var committee: ClosedRange<Int>
        public var hours = SessionHours(morning: TimeRange(start: 9 * 60, end: 13 * 60), afternoon: TimeRange(start: 13 * 60, end: 18 * 60))

        /// Master's defences: 66 candidates, committees of 3–6 among 121 staff, 5 rooms, 3 days of 1-hour slots.
        public static func master(candidates: Int = 66) -> Shape {
            Shape(candidates: candidates, staff: max(8, candidates * 121 / 66), rooms: max(2, (candidates * 5 + 65) / 66),
                  days: max(1, (candidates * 3 + 65) / 66), minutes: 60, committee: 3...6)
        }

        /// Bachelor's defences: 377 candidates before their supervisor and one reviewer, 58 staff, 10 rooms, 10 days of 30-minute slots.
        public static func bachelor(candidates: Int = 377) -> Shape {
            Shape(candidates: candidates, staff: max(4, candidates * 58 / 377), rooms: max(1, (candidates * 10 + 376) / 377),
                  days: max(1, (candidates * 10 + 376) / 377), minutes: 30, committee: 2...2)
        }
    }

    public var shape: Shape
    public var seed: UInt64

    public init(shape: Shape, seed: UInt64) {
        self.shape = shape
        self.seed = seed
    }

    public static let examID = "DEFENCE"
    /// The campaign's `max_sittings_per_day`, which the witness keeps.
    static let dailyLimit = 8

    public func generate() -> (campaign: Campaign, witness: Schedule) {
        var rng = SeededRandom(seed: seed &* 7_919 &+ UInt64(shape.candidates))
        let days = (0..<shape.days).compactMap { CampaignGenerator.sessionDay($0) }
        let halves = [shape.hours.morning, shape.hours.afternoon]
        let slots: [(d: Int, range: TimeRange)] = days.indices.flatMap { d in
            halves.flatMap { h in stride(from: h.start, through: h.end - shape.minutes, by: shape.minutes).map { (d, TimeRange(start: $0, end: $0 + shape.minutes)) } }
        }
        // Some staff supervise many theses: draw supervisors from a skewed pool.
        let staffIDs = (0..<shape.staff).map { "E\(String(format: "%03d", $0 + 1))" }
        var busy = Array(repeating: Set<Int>(), count: shape.staff)          // slots each member sits in the witness
        var present = Array(repeating: Set<Int>(), count: shape.staff)       // days each member comes
        var perDay = Array(repeating: [Int: Int](), count: shape.staff)
        var roomBusy = Array(repeating: Set<Int>(), count: shape.rooms)
        var rows: [(candidate: Int, slot: Int, room: Int, committee: [Int])] = []
        for i in 0..<shape.candidates {
            for _ in 0..<30 {
                let size = rng.int(shape.committee.lowerBound...shape.committee.upperBound)
                let supervisor = min(shape.staff - 1, Int(Double(shape.staff) * pow2(Double(rng.int(0...1000)) / 1000)))
                var committee = [supervisor]
                while committee.count < min(size, shape.staff) {
                    let m = rng.int(0...(shape.staff - 1))
                    if !committee.contains(m) { committee.append(m) }
                }
                // The slot that convenes the fewest new member-days, then the earliest.
                var best: (cost: Int, slot: Int, room: Int)?
                for (k, slot) in slots.enumerated() where committee.allSatisfy({ !busy[$0].contains(k) && (perDay[$0][slot.d] ?? 0) < Self.dailyLimit }) {
                    guard let room = (0..<shape.rooms).first(where: { !roomBusy[$0].contains(k) }) else { continue }
                    let cost = committee.filter { !present[$0].contains(slot.d) }.count
                    if best == nil || cost < best!.cost { best = (cost, k, room) }
                }
                guard let best else { continue }
                for m in committee {
                    busy[m].insert(best.slot)
                    present[m].insert(slots[best.slot].d)
                    perDay[m][slots[best.slot].d, default: 0] += 1
                }
                roomBusy[best.room].insert(best.slot)
                rows.append((i, best.slot, best.room, committee))
                break
            }
        }

        var members: [JuryMember] = []
        for (m, id) in staffIDs.enumerated() {
            // Around each witness sitting: mostly the whole half-day, else a window of a few slots.
            var tokens = busy[m].sorted().map { k -> AvailabilityToken in
                let h = halves[0].contains(slots[k].range) ? halves[0] : halves[1]
                if rng.chance(0.6) { return .halfDay(days[slots[k].d], h == halves[0] ? .morning : .afternoon) }
                let start = max(h.start, slots[k].range.start - shape.minutes * rng.int(0...2))
                return .range(days[slots[k].d], TimeRange(start: start, end: min(h.end, slots[k].range.end + shape.minutes * rng.int(0...2))))
            }
            // Scattered hours besides: a few 2–3 hour windows on random days.
            for _ in 0..<rng.int(1...4) {
                let d = rng.int(0...(days.count - 1)), h = halves[rng.int(0...1)]
                let start = h.start + shape.minutes * rng.int(0...max(0, (h.minutes - 2 * shape.minutes) / shape.minutes))
                tokens.append(.range(days[d], TimeRange(start: start, end: min(h.end, start + shape.minutes * rng.int(2...3)))))
            }
            members.append(JuryMember(id: id, lastName: rng.pick(CampaignGenerator.lastNames), firstName: rng.pick(CampaignGenerator.firstNames),
                                      email: "enseignant\(m + 1)@univ.exemple.fr", role: .professional, declaredExternal: rng.chance(0.3),
                                      structure: "Département \(m % 4 + 1)", available: tokens))
        }
        var rooms: [Room] = []
        for k in 0..<shape.rooms {
            var room = Room(id: "A\(101 + k)", site: "Campus", capacity: 30, accessible: k % 2 == 0, equipment: ["projector"])
            // A third of the rooms have hours of their own: the half-days the witness uses, and some more.
            if k % 3 == 2 {
                // Half-days numbered 2d (morning) and 2d + 1 (afternoon).
                var used = Set(roomBusy[k].map { 2 * slots[$0].d + (halves[0].contains(slots[$0].range) ? 0 : 1) })
                for d in days.indices where rng.chance(0.5) { used.insert(2 * d + (rng.chance(0.5) ? 0 : 1)) }
                room.available = used.sorted().map { .halfDay(days[$0 / 2], $0 % 2 == 0 ? .morning : .afternoon) }
            }
            rooms.append(room)
        }
        var candidates: [Candidate] = []
        var witnessRows: [ScheduleRow] = []
        for (i, placed) in rows.enumerated() {
            let committee = placed.committee.sorted().map { staffIDs[$0] }
            let candidate = Candidate(id: "T\(String(format: "%04d", i + 1))", lastName: rng.pick(CampaignGenerator.lastNames),
                                      firstName: rng.pick(CampaignGenerator.firstNames), email: "etudiant\(i + 1)@univ.exemple.fr",
                                      exams: [Self.examID], imposedJury: committee)
            candidates.append(candidate)
            let room = rooms[placed.room]
            witnessRows.append(ScheduleRow(day: days[slots[placed.slot].d], time: slots[placed.slot].range, site: room.site, room: room.id,
                                           exam: Self.examID, candidateID: candidate.id, candidateName: candidate.displayName, jury: committee))
        }
        let exam = Exam(id: Self.examID, name: "Soutenance du mémoire", mode: .oral, minutes: shape.minutes,
                        jury: JurySpec(size: shape.committee.lowerBound, imposed: true), needs: ["projector"])
        var campaign = Campaign(name: "Soutenances — session générée (\(rows.count) candidats, graine \(seed))", preset: .custom, days: days, exams: [exam])
        campaign.hours = shape.hours
        campaign.bufferMinutes = 0
        campaign.maxSittingsPerDay = Self.dailyLimit
        campaign.setPeople(candidates: candidates, members: members, rooms: rooms)
        return (campaign, Schedule(rows: witnessRows, file: "witness.csv").sorted)
    }

    private func pow2(_ u: Double) -> Double { u * u }
}
