/// Exact times, committing placements and undoing them.
extension SittingLayout {
    // MARK: Exact times

    /// The earliest start at which the request fits in the panel (buffer between the jury's
    /// sittings, inside the half-day, room available) and suits its candidates; nil if none.
    /// Members who could staff the panel if the request joined it at `start` (the panel's
    /// window grows to cover the new sitting: R9 over the whole window).
    func staffPool(_ panel: Panel, _ r: SittingRequest, start: Int) -> MemberSet {
        let window = TimeRange(start: min(panel.slots.isEmpty ? start : panel.start, start), end: max(panel.end, start + r.minutes))
        let base = panel.id >= 0 ? panelMembers[panel.id] : problem.freeInPeriod[panel.period.index]
        return base & problem.mayExamine(r) & problem.availableDuring(panel.period.dayIndex, window)
    }

    func startInPanel(_ panel: Panel, _ r: SittingRequest) -> Int? {
        work.starts += 1
        // A full panel takes no one (checked first: late in a large layout most panels are full).
        let joinsWritten = r.exam.mode == .written && !panel.slots.isEmpty
        guard joinsWritten || panel.slots.count < (r.exam.mode == .written ? 1 : capacity) else { return nil }
        let hours = problem.hours(panel.period)
        let day = problem.day(panel.period)
        // Packed panels put sittings back to back: each has its own jury (stage 2 keeps R3).
        let buffer = variant.packed ? 0 : campaign.bufferMinutes
        func staffed(_ t: Int) -> Bool {
            !r.exam.mode.isExamined && !panel.slots.isEmpty ? true : problem.canStaff(r, from: staffPool(panel, r, start: t))
        }
        // Back to back, two sittings need the buffer when a member must sit both (R3).
        let mine = problem.mandatoryMembers(r)
        func gap(_ s: Panel.Slot) -> Int {
            mine.countCommon(problem.mandatoryMembers(problem.requests[s.request])) > 0 ? campaign.bufferMinutes : 0
        }
        // Sittings of the room's other panels in the half-day (R4: one jury at a time).
        let roomTaken = (roomPanels[panel.period.index][panel.room] ?? []).filter { $0 != panel.id }.flatMap { panels[$0].slots }
        func roomFree(_ t: Int, _ end: Int) -> Bool { roomTaken.allSatisfy { end + gap($0) <= $0.start || $0.end + gap($0) <= t } }
        if r.exam.mode == .written, let slot = panel.slots.first {
            // Join the written sitting: everyone starts together; the room must seat one more.
            let seated = slot.candidates.count + r.candidates.count
            let end = max(slot.end, slot.start + r.minutes)
            guard seated <= campaign.rooms[panel.room].capacity, end <= hours.end, roomFree(slot.start, end),
                  problem.availability.room(campaign.rooms[panel.room].id, isFreeOn: day, TimeRange(start: slot.start, end: end)),
                  candidatesFit(r, panel.period, slot.start), staffed(slot.start) else { return nil }
            return slot.start
        }
        var starts: [Int] = [hours.start]
        for t in problem.windowStarts[panel.period.dayIndex] + problem.candidatesFreeFrom(r, dayIndex: panel.period.dayIndex)
        where hours.start < t && t < hours.end { starts.append(t) }
        for s in panel.slots { starts.append(s.end + max(buffer, gap(s))) }
        for s in roomTaken { starts.append(s.end + gap(s)) }
        for c in r.candidates {
            for p in placements[c] where p.dayIndex == panel.period.dayIndex { starts.append(p.end + campaign.minBreakMinutes) }
        }
        starts.sort()
        for (k, t) in starts.enumerated() where t >= hours.start && (k == 0 || starts[k - 1] != t) {
            let end = t + r.minutes
            if end > hours.end { break }
            let clear = panel.slots.allSatisfy { end + max(buffer, gap($0)) <= $0.start || $0.end + max(buffer, gap($0)) <= t } && roomFree(t, end)
            guard clear, problem.availability.room(campaign.rooms[panel.room].id, isFreeOn: day, TimeRange(start: t, end: end)),
                  candidatesFit(r, panel.period, t), staffed(t) else { continue }
            return t
        }
        return nil
    }

    /// R2, R9, R12 and R13 for every candidate of the request, starting at `start`.
    func candidatesFit(_ r: SittingRequest, _ period: Period, _ start: Int) -> Bool {
        r.candidates.allSatisfy { problem.candidateFits($0, r, dayIndex: period.dayIndex, start: start, besides: placements[$0]) }
    }

    // MARK: Committing, with a journal to undo a candidate's placements

    enum Change {
        /// `request` opened the panel: its seats are given back on undo.
        case opened(panel: Int, request: Int)
        case added(panel: Int, request: Int)
        case joined(panel: Int, request: Int, previousEnd: Int)
        case narrowed(panel: Int, previous: MemberSet)
        case matched(period: Int, previous: PeriodMatching)
    }


    mutating func commit(_ r: SittingRequest, _ o: Option) {
        let day = o.period.dayIndex
        var panelID: Int
        if let p = o.panel {
            panelID = p
        } else {
            panelID = panels.count
            panels.append(Panel(id: panelID, exam: r.exam, period: o.period, room: o.room, key: r.panelKey))
            panelMembers.append(problem.freeInPeriod[o.period.index])
            panelsAt[o.period.index].append(panelID)
            roomPanels[o.period.index][o.room, default: []].append(panelID)
            adjustSeats(r, o.period, o.room, by: 1)
            journal.append(.opened(panel: panelID, request: r.id))
        }
        journal.append(.narrowed(panel: panelID, previous: panelMembers[panelID]))
        panelMembers[panelID] = staffPool(panels[panelID], r, start: o.start)
        if r.exam.mode == .written, let slot = panels[panelID].slots.first {
            journal.append(.joined(panel: panelID, request: r.id, previousEnd: slot.end))
            panels[panelID].slots[0].candidates += r.candidates
            panels[panelID].slots[0].end = max(slot.end, o.start + r.minutes)
        } else {
            journal.append(.added(panel: panelID, request: r.id))
            adjustDayLoad(r, day, by: 1)
            panels[panelID].slots.append(Panel.Slot(request: r.id, start: o.start, end: o.start + r.minutes, candidates: r.candidates))
            panels[panelID].slots.sort { $0.start < $1.start }
        }
        for c in r.candidates {
            let end = o.start + r.minutes(of: problem.candidate(c))
            placements[c].append(Placement(request: r.id, examID: r.exam.id, dayIndex: day, start: o.start, end: end))
        }
        placedRequests.insert(r.id)
    }

    mutating func adjustSeats(_ r: SittingRequest, _ period: Period, _ room: Int, by sign: Int) {
        let site = campaign.rooms[room].site
        var byHalf = seats[period.dayIndex]?[site] ?? Array(repeating: 0, count: 4)
        for (role, n) in seatsByRole(r) {
            byHalf[slotIndex(period.half, role)] += sign * n
            seatsInPeriod[period.index, default: [:]][role, default: 0] += sign * n
        }
        specialInPeriod[period.index, default: SpecialSeats()].add(specialSeats(r), times: sign)
        seats[period.dayIndex, default: [:]][site] = byHalf
    }

    mutating func undo(to mark: Int) {
        while journal.count > mark, let change = journal.popLast() {
            switch change {
            case .opened(let p, let request):
                let panel = panels[p]
                panelsAt[panel.period.index].removeAll { $0 == p }
                roomPanels[panel.period.index][panel.room]?.removeAll { $0 == p }
                adjustSeats(problem.requests[request], panel.period, panel.room, by: -1)
                panels.removeLast()
                panelMembers.removeLast()
            case .added(let p, let request):
                panels[p].slots.removeAll { $0.request == request }
                adjustDayLoad(problem.requests[request], panels[p].period.dayIndex, by: -1)
                forget(request)
            case .matched(let period, let previous):
                matchings[period] = previous
            case .narrowed(let p, let previous):
                panelMembers[p] = previous
            case .joined(let p, let request, let previousEnd):
                let people = Set(problem.requests[request].candidates)
                panels[p].slots[0].candidates.removeAll { people.contains($0) }
                panels[p].slots[0].end = previousEnd
                forget(request)
            }
        }
    }

    mutating func forget(_ request: Int) {
        for c in problem.requests[request].candidates { placements[c].removeAll { $0.request == request } }
        placedRequests.remove(request)
    }

    /// Why a request found no place, in the users' terms: what blocked it in each half-day.
    func reason(for requestID: Int) -> String {
        let r = problem.requests[requestID]
        let who = r.candidates.map { problem.candidate($0).displayName + " (" + problem.candidate($0).id + ")" }.joined(separator: ", ")
        let rooms = campaign.rooms.indices.filter { roomFits($0, r) }
        if rooms.isEmpty {
            var needs = r.exam.needs
            if r.needsAccessible { needs.append("step-free access") }
            if r.exam.regional { needs.append("region \(problem.candidate(r.candidates[0]).region)") }
            if r.exam.mode == .group { needs.append("\(r.candidates.count) seats") }
            return "\(r.exam.id) of \(who): no room has \(needs.isEmpty ? "what the exam needs" : needs.joined(separator: ", "))"
        }
        var blocked: [String: Int] = [:]
        for period in problem.periods {
            let day = problem.day(period)
            let window = problem.hours(period)
            if r.candidates.contains(where: { !problem.availability.candidate(problem.candidate($0).id, isFreeOn: day, window) }) {
                blocked["the candidate is unavailable", default: 0] += 1
            } else if !dayFits(r, period.dayIndex) {
                blocked["the day's members are fully booked (daily limits)", default: 0] += 1
            } else if !staffFits(r, period) {
                blocked["too few members free at once", default: 0] += 1
            } else if rooms.allSatisfy({ !(roomPanels[period.index][$0]?.isEmpty ?? true) }) {
                blocked["every suitable room is taken", default: 0] += 1
            } else {
                blocked["the candidate's other exams, breaks or daily limit leave no time", default: 0] += 1
            }
        }
        let summary = blocked.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) (\($0.value) half-day\($0.value == 1 ? "" : "s"))" }
        return "\(r.exam.id) of \(who) found no place: \(summary.joined(separator: "; "))"
    }
}
