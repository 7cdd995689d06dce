/// What stops a sitting on a day, in the users' words: counts of rooms and members by the rule
/// that keeps each out, at the time that came nearest.
extension PlacementProbe {
    private static let roomWords: [RuleID: String] = [
        .r4: "hold another sitting then", .r9: "are not available then", .r11: "do not suit it", .r15: "are in another region",
    ]
    private static let memberWords: [RuleID: String] = [
        .r3: "sit another sitting at that time or within the buffer", .r9: "are not available",
        .r14: "have reached their daily limit or work at another site that day",
    ]

    func roomsText(_ trial: Trial, miss: (start: Int, counts: [RuleID: Int])?, unsuited: Int) -> String {
        var parts = miss.map { miss in
            miss.counts.sorted { $0.key < $1.key }.map { "\($0.value) \(Self.roomWords[$0.key] ?? "break \($0.key)") (\($0.key))" }
        } ?? []
        if unsuited > 0 { parts.append("\(unsuited) do not suit it (R11, R15)") }
        let when = miss.map { " (at \(Clock.format($0.start)), the first time \(trial.who) is free)" } ?? ""
        return "no room is free for it when \(trial.who) is\(when): of \(campaign.rooms.count) rooms, \(parts.joined(separator: ", "))"
    }

    func membersText(_ seats: JurySeats, eligible: Int, best: (start: Int, room: Room, free: [String], blocked: [String: RuleID]),
                     why: (String) -> String?) -> String {
        let at = "at \(Clock.format(best.start)) in room \(best.room.id)"
        let notFree = seats.imposed.filter { !best.free.contains($0) }
        if !notFree.isEmpty {
            let names = notFree.prefix(3).map { id in
                let name = campaign.member(id).map { "\($0.displayName) (\(id))" } ?? id
                return "\(name): " + (why(id) ?? "may not examine it (R10, R15, R16)")
            }
            return "its imposed members are not all free at any time a room is (\(at), the nearest): \(names.joined(separator: "; "))"
        }
        var counts: [RuleID: Int] = [:]
        for rule in best.blocked.values { counts[rule, default: 0] += 1 }
        var reasons = counts.sorted { $0.key < $1.key }.map { "\($0.value) \(Self.memberWords[$0.key] ?? "break \($0.key)") (\($0.key))" }
        let pool = seats.pool.count
        if pool > eligible { reasons.append("\(pool - eligible) may not examine these candidates (R10, R15, R16)") }
        let most = best.free.isEmpty ? "no member who could sit it is free at any time a room is" : "at most \(seats.count(best.free)) are free at once (\(at))"
        return "it needs \(seats.needs), and \(most); of the \(pool) who could sit it, at \(Clock.format(best.start)) \(reasons.joined(separator: ", "))"
    }
}
