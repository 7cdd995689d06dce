/// Where a committee sitting was placed.
struct Booking: Hashable {
    let option: SlotOption
    let end: Int
    let room: Int
    var dayIndex: Int { option.dayIndex }
    var start: Int { option.start }
}

/// A possibly partial timetable of committee sittings, with the exact checks of every move:
/// R3 with the buffer, R14's daily limit and one site a day, R4 for rooms, and each
/// candidate's own day (R2, R12, R13 through `PlanningProblem.candidateFits`). The options
/// already hold what a sitting needs alone (R9, R11, R15, R17).
struct CommitteeTimetable {
    let session: CommitteeProblem
    private(set) var bookings: [Booking?]
    /// Booked sittings of each member on each day.
    private var memberDay: [[[Int]]]
    /// Booked sittings in each room on each day.
    private var roomDay: [[[Int]]]

    init(_ session: CommitteeProblem) {
        self.session = session
        let days = session.campaign.days.count
        bookings = Array(repeating: nil, count: session.sittings.count)
        memberDay = Array(repeating: Array(repeating: [], count: days), count: session.campaign.members.count)
        roomDay = Array(repeating: Array(repeating: [], count: days), count: session.campaign.rooms.count)
    }

    var placedCount: Int { bookings.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    func isConvened(_ m: Int, _ d: Int) -> Bool { !memberDay[m][d].isEmpty }
    func sittings(of m: Int, on d: Int) -> Int { memberDay[m][d].count }

    /// Whether the people of `s` (members and candidates) are free for it at `option`.
    /// `blockingChoices` would return one empty set: no clash, no daily limit reached, each
    /// candidate's day keeps; checked without building the sets (the constructions ask it of
    /// every option: 12 % of a ruin-and-recreate round went to the sets and their hashing).
    func peopleFree(_ s: Int, at option: SlotOption) -> Bool {
        let sitting = session.sittings[s]
        let campaign = session.campaign
        let window = TimeRange(start: option.start, end: option.start + sitting.minutes)
        for m in sitting.members {
            let day = memberDay[m][option.dayIndex]
            if day.contains(where: { $0 != s && clashes($0, window, site: option.site, campaign) }) { return false }
            if day.count + 1 > campaign.maxSittings(of: campaign.members[m]) { return false }
        }
        for c in sitting.request.candidates where session.sittingsOfCandidate[c].count > 1 && !candidateFits(c, s, option, ignoring: []) {
            return false
        }
        return true
    }

    /// Sets of booked sittings whose moving would free `option` for `s` on account of people:
    /// those that clash with it (buffer, another site, the candidate's day), and where a
    /// member's daily limit is reached, any one more of that member's sittings that day.
    func blockingChoices(_ s: Int, at option: SlotOption) -> [[Int]] {
        let sitting = session.sittings[s]
        let campaign = session.campaign
        let window = TimeRange(start: option.start, end: option.start + sitting.minutes)
        var clash = Set<Int>()
        for m in sitting.members {
            for other in memberDay[m][option.dayIndex] where other != s && clashes(other, window, site: option.site, campaign) {
                clash.insert(other)
            }
        }
        for c in sitting.request.candidates where session.sittingsOfCandidate[c].count > 1 && !candidateFits(c, s, option, ignoring: clash) {
            // The candidate's sittings that day (R2, R12) and, across days, those that must come
            // before or after this one (R13); if moving them all would not do, nothing would.
            for other in session.sittingsOfCandidate[c] where other != s && bookings[other] != nil
                && (bookings[other]?.dayIndex == option.dayIndex || session.mustPrecede(other, s) || session.mustPrecede(s, other)) {
                clash.insert(other)
            }
            if !candidateFits(c, s, option, ignoring: clash) { return [] }
        }
        var choices = [clash.sorted()]
        for m in sitting.members {
            let day = memberDay[m][option.dayIndex]
            guard day.filter({ !clash.contains($0) }).count + 1 > campaign.maxSittings(of: campaign.members[m]) else { continue }
            choices = choices.flatMap { base in day.filter { !base.contains($0) }.map { (base + [$0]).sorted() } }
        }
        return choices
    }

    /// Whether booked sitting `other` keeps a member of it from sitting `window` at `site` that
    /// day: too close for the buffer (R3) or at another site (R14).
    private func clashes(_ other: Int, _ window: TimeRange, site: Int, _ campaign: Campaign) -> Bool {
        guard let b = bookings[other] else { return false }
        return Self.memberClash(TimeRange(start: b.start, end: b.end), at: b.option.site, window, at: site, buffer: campaign.bufferMinutes)
    }

    /// Two sittings of one member on one day that cannot both stand: too close for the buffer
    /// (R3) or at two sites (R14). `CommitteePlaceSearch` counts its conflicts with it too.
    static func memberClash(_ a: TimeRange, at siteA: Int, _ b: TimeRange, at siteB: Int, buffer: Int) -> Bool {
        siteA != siteB || !Spacing.memberFree(a, b, buffer: buffer)
    }

    /// Booked sittings that hold a room `s` could take at `option` (suitable, open, same site):
    /// moving any one of them would free a room.
    func roomBlockers(_ s: Int, at option: SlotOption) -> [Int] {
        let campaign = session.campaign
        let sitting = session.sittings[s]
        let day = campaign.days[option.dayIndex]
        let window = TimeRange(start: option.start, end: option.start + sitting.minutes)
        var found = Set<Int>()
        for k in session.problem.roomsByWaste(sitting.request) where session.siteOfRoom[k] == option.site
            && session.problem.availability.room(campaign.rooms[k].id, isFreeOn: day, window) {
            let holding = roomDay[k][option.dayIndex].filter { other in bookings[other].map { $0.start < window.end && window.start < $0.end } ?? false }
            if holding.count == 1 { found.insert(holding[0]) }
        }
        return found.sorted()
    }

    /// R2, R12, R13 for candidate c sitting `s` at `option`, besides their other booked sittings.
    private func candidateFits(_ c: Int, _ s: Int, _ option: SlotOption, ignoring: Set<Int>) -> Bool {
        let placements = session.sittingsOfCandidate[c].compactMap { other -> Placement? in
            guard other != s, !ignoring.contains(other), let b = bookings[other] else { return nil }
            return session.placement(other, of: c, at: b.option)
        }
        return session.problem.candidateFits(c, session.sittings[s].request, dayIndex: option.dayIndex, start: option.start, besides: placements)
    }

    /// The room `s` would take at `option`, or nil when the members, the candidates or the
    /// rooms cannot have it. A room already open in that half-day comes first (room half-days).
    func room(for s: Int, at option: SlotOption) -> Int? {
        guard peopleFree(s, at: option) else { return nil }
        return freeRoom(for: s, at: option)
    }

    /// A suitable room at the option's site, open and free for the whole sitting.
    func freeRoom(for s: Int, at option: SlotOption) -> Int? {
        let campaign = session.campaign
        let sitting = session.sittings[s]
        let day = campaign.days[option.dayIndex]
        let window = TimeRange(start: option.start, end: option.start + sitting.minutes)
        let half = campaign.hours.halfDay(containing: window)
        var best: (open: Bool, rank: Int, room: Int)?
        for (rank, k) in session.problem.roomsByWaste(sitting.request).enumerated() where session.siteOfRoom[k] == option.site {
            guard session.problem.availability.room(campaign.rooms[k].id, isFreeOn: day, window) else { continue }
            var open = false, free = true
            for other in roomDay[k][option.dayIndex] {
                guard let b = bookings[other] else { continue }
                if b.start < window.end && window.start < b.end { free = false; break }
                if campaign.hours.halfDay(containing: TimeRange(start: b.start, end: b.end)) == half { open = true }
            }
            guard free else { continue }
            if best == nil || (open && !best!.open) { best = (open, rank, k) }
            if open { break }
        }
        return best?.room
    }

    /// Whether room k suits `s`, is open and free for it at `option`.
    func roomIsFree(_ k: Int, for s: Int, at option: SlotOption) -> Bool {
        let campaign = session.campaign
        let sitting = session.sittings[s]
        let window = TimeRange(start: option.start, end: option.start + sitting.minutes)
        guard session.problem.suitableRooms(sitting.request)[k], session.siteOfRoom[k] == option.site,
              session.problem.availability.room(campaign.rooms[k].id, isFreeOn: campaign.days[option.dayIndex], window) else { return false }
        return !roomDay[k][option.dayIndex].contains { other in bookings[other].map { $0.start < window.end && window.start < $0.end } ?? false }
    }

    mutating func book(_ s: Int, _ option: SlotOption, room: Int) {
        precondition(bookings[s] == nil, "sitting booked twice")
        bookings[s] = Booking(option: option, end: option.start + session.sittings[s].minutes, room: room)
        for m in session.sittings[s].members { memberDay[m][option.dayIndex].append(s) }
        roomDay[room][option.dayIndex].append(s)
    }

    mutating func unbook(_ s: Int) {
        guard let b = bookings[s] else { return }
        bookings[s] = nil
        for m in session.sittings[s].members { memberDay[m][b.dayIndex].removeAll { $0 == s } }
        roomDay[b.room][b.dayIndex].removeAll { $0 == s }
    }

    /// Whether the room is used in the half-day of `option` by a sitting other than `s`.
    func roomOpen(_ room: Int, _ option: SlotOption, minutes: Int) -> Bool {
        let hours = session.campaign.hours
        let half = hours.halfDay(containing: TimeRange(start: option.start, end: option.start + minutes))
        return roomDay[room][option.dayIndex].contains { other in
            guard let b = bookings[other] else { return false }
            return hours.halfDay(containing: TimeRange(start: b.start, end: b.end)) == half
        }
    }

    /// Rooms among `rooms` holding a booking at minute `t` of day d.
    func roomsBusy(_ rooms: [Int], day d: Int, at t: Int) -> Int {
        rooms.filter { k in roomDay[k][d].contains { other in bookings[other].map { $0.start <= t && t < $0.end } ?? false } }.count
    }

    /// Rooms among `rooms` holding some booking in that half-day of day d.
    func roomsUsed(_ rooms: [Int], day d: Int, half: HalfDay) -> Int {
        let hours = session.campaign.hours
        return rooms.filter { k in
            roomDay[k][d].contains { other in
                bookings[other].map { hours.halfDay(containing: TimeRange(start: $0.start, end: $0.end)) == half } ?? false
            }
        }.count
    }
}
