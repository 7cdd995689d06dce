/// A last pass on a staffed plan: a room that holds a short block of sittings in a half-day
/// takes another room's block too, one after the other, so that the other room stays closed
/// that half-day (objective 2, room half-days).
///
/// The layout gives every panel a room of its own for the half-day, and most panels start with
/// the half-day: a panel of four 30-minute orals (150 minutes with the jury's buffers) leaves
/// 90 minutes of its room unused, a written sitting of two hours half a morning. Here the
/// blocks of a half-day (the panels of one room) are shifted as a whole, never split or
/// restaffed: juries, candidates, days and half-days stay as they are, so member-days and
/// candidate-days cannot change. What a shift or a move can break is checked before it is made:
/// the half-day's hours (R17), the room's availability and suitability (R9, R11, R15; capacity
/// for written sittings, R4), each candidate's day (R2, R9, R12, R13, through
/// `PlanningProblem.candidateFits`) and each juror's other sittings that day with the buffer
/// (R3) and their availability (R9). A block moves only to a room of the same site (R14).
/// Rooms need no buffer, so blocks follow one another back to back.
/// Blocks are tried shortest first, into the fullest room they fit, in a fixed order: the
/// result is deterministic.
struct RoomSharing {
    let problem: PlanningProblem
    let juries: [[Int]]
    private(set) var panels: [Panel]

    /// (panel, slot) of each candidate's sittings.
    private var sittingsOfCandidate: [[(panel: Int, slot: Int)]]
    /// Panels of each member.
    private var panelsOfMember: [[Int]]

    /// Shifts are whole multiples of this many minutes, so that times stay round.
    static let step = 5

    init(problem: PlanningProblem, panels: [Panel], juries: [[Int]]) {
        self.problem = problem
        self.panels = panels
        self.juries = juries
        var ofCandidate = Array(repeating: [(panel: Int, slot: Int)](), count: problem.campaign.candidates.count)
        var ofMember = Array(repeating: [Int](), count: problem.campaign.members.count)
        for (p, panel) in panels.enumerated() {
            for (k, slot) in panel.slots.enumerated() { for c in slot.candidates { ofCandidate[c].append((p, k)) } }
            for m in juries[panel.id] { ofMember[m].append(p) }
        }
        sittingsOfCandidate = ofCandidate
        panelsOfMember = ofMember
    }

    /// Moves blocks into other rooms while one fits; returns how many room half-days it closed.
    mutating func share() -> Int {
        var closed = 0
        let byPeriod = Dictionary(grouping: panels.indices.filter { !panels[$0].slots.isEmpty }, by: { panels[$0].period })
        for period in byPeriod.keys.sorted() {
            closed += share(in: period, byPeriod[period] ?? [])
        }
        return closed
    }

    /// One half-day: `rooms` maps a room to its blocks in time order, each block its panels.
    private mutating func share(in period: Period, _ ids: [Int]) -> Int {
        var rooms: [Int: [[Int]]] = [:]
        for (room, panelIDs) in Dictionary(grouping: ids, by: { panels[$0].room }) {
            rooms[room] = [panelIDs.sorted()]
        }
        let length = problem.hours(period).minutes
        var closed = 0
        // Rooms holding one block, shortest block first.
        let movable = rooms.keys.filter { rooms[$0]?.count == 1 }.sorted { (duration(rooms[$0]![0]), $0) < (duration(rooms[$1]![0]), $1) }
        for from in movable {
            guard let blocks = rooms[from], blocks.count == 1 else { continue }
            let block = blocks[0]
            let site = problem.campaign.rooms[from].site
            let hosts = rooms.keys.filter { $0 != from && problem.campaign.rooms[$0].site == site }
                .map { host in (host, rooms[host]!.reduce(0) { $0 + duration($1) }) }
                .filter { $0.1 + duration(block) <= length }
                .sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            for (host, _) in hosts {
                if let order = place(block, into: host, after: rooms[host]!) {
                    rooms[host] = order
                    rooms[from] = nil
                    closed += 1
                    break
                }
            }
        }
        return closed
    }

    /// Tries `block` before, between and after the host's blocks (each sequence laid out from
    /// the start of the half-day, every block at the first time it fits); keeps the first
    /// sequence that fits, or changes nothing and returns nil.
    private mutating func place(_ block: [Int], into host: Int, after hostBlocks: [[Int]]) -> [[Int]]? {
        for position in (0...hostBlocks.count).reversed() {
            var sequence = hostBlocks
            sequence.insert(block, at: position)
            let saved = panels
            if layOut(sequence, in: host) { return sequence }
            panels = saved
        }
        return nil
    }

    /// Shifts each block of `sequence`, in order, to the first time from the end of the previous
    /// one where it fits in `room`; false when one does not fit before the end of the half-day.
    private mutating func layOut(_ sequence: [[Int]], in room: Int) -> Bool {
        let hours = problem.hours(panels[sequence[0][0]].period)
        var free = hours.start
        for block in sequence {
            let start = block.map { panels[$0].start }.min()!
            let length = duration(block)
            // The first start from `free` on, shifting by whole steps.
            let late = ((free - start) % Self.step + Self.step) % Self.step
            var shift = free - start + (late == 0 ? 0 : Self.step - late)
            var placed = false
            while start + shift + length <= hours.end {
                if fits(block, shift: shift, room: room) {
                    for p in block { panels[p] = Self.moved(panels[p], by: shift, to: room) }
                    placed = true
                    break
                }
                shift += Self.step
            }
            guard placed else { return false }
            free = start + shift + length
        }
        return true
    }

    private func duration(_ block: [Int]) -> Int {
        block.map { panels[$0].end }.max()! - block.map { panels[$0].start }.min()!
    }

    /// The block's panels, all shifted by `shift` minutes and held in `room`, keep every rule.
    private func fits(_ block: [Int], shift: Int, room: Int) -> Bool {
        let campaign = problem.campaign
        let period = panels[block[0]].period
        let hours = problem.hours(period), day = problem.day(period)
        let target = campaign.rooms[room]
        let inBlock = Set(block)
        for p in block {
            let panel = panels[p]
            guard panel.start + shift >= hours.start, panel.end + shift <= hours.end else { return false }
            for (k, slot) in panel.slots.enumerated() {
                let time = TimeRange(start: slot.start + shift, end: slot.end + shift)
                guard problem.availability.room(target.id, isFreeOn: day, time) else { return false }
                if room != panel.room {
                    if panel.exam.mode == .written, target.capacity < slot.candidates.count { return false }
                    for c in slot.candidates {
                        guard let own = problem.request(of: c, exam: problem.requests[slot.request].exam.id), problem.suitableRooms(own)[room] else { return false }
                    }
                }
                if shift != 0 {
                    for c in slot.candidates {
                        let others = placements(of: c, besides: inBlock, except: (p, k))
                        guard problem.candidateFits(c, problem.requests[slot.request], dayIndex: period.dayIndex, start: slot.start + shift, besides: others)
                        else { return false }
                    }
                }
            }
            guard shift != 0 else { continue }
            for m in juries[panel.id] {
                let member = campaign.members[m]
                for slot in panel.slots {
                    guard problem.availability.member(member.id, isFreeOn: day, TimeRange(start: slot.start + shift, end: slot.end + shift)) else { return false }
                }
                for q in panelsOfMember[m] where !inBlock.contains(q) && panels[q].period.dayIndex == period.dayIndex {
                    let other = panels[q]
                    guard Spacing.memberFree(TimeRange(start: panel.start + shift, end: panel.end + shift),
                                             TimeRange(start: other.start, end: other.end), in: campaign) else { return false }
                }
            }
        }
        return true
    }

    /// Where candidate c sits, but the sittings of the block being moved (they move together)
    /// and the sitting being checked.
    private func placements(of c: Int, besides block: Set<Int>, except: (Int, Int)) -> [Placement] {
        sittingsOfCandidate[c].filter { !block.contains($0.panel) && ($0.panel, $0.slot) != except }.map { seat in
            let panel = panels[seat.panel], slot = panel.slots[seat.slot]
            return Placement(request: slot.request, examID: panel.exam.id, dayIndex: panel.period.dayIndex, start: slot.start,
                             end: slot.start + panel.exam.minutes(extraTime: problem.candidate(c).extraTime))
        }
    }

    static func moved(_ panel: Panel, by shift: Int, to room: Int) -> Panel {
        var copy = Panel(id: panel.id, exam: panel.exam, period: panel.period, room: room, key: panel.key)
        copy.slots = panel.slots.map { slot in
            var s = slot
            s.start += shift
            s.end += shift
            return s
        }
        return copy
    }
}
