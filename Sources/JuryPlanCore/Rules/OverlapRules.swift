/// Rules about time: nobody in two places (R2, R3, R4) and daily limits (R12, R14).
enum OverlapRules {
    /// R2: a candidate's rows never overlap.
    static func checkR2(_ ctx: inout AuditContext) {
        for (candidate, rows) in rowsByCandidateAndDay(ctx) {
            let clashes = ClashSweep(rows, start: { ctx.row($0).time.start }, reach: { ctx.row($0).time.end })
            for (a, b) in clashes.pairs {
                ctx.report(.r2, "\(ctx.name(ofCandidate: candidate.id)) is in two sittings at once: \(ctx.describe(row: a)) and \(ctx.describe(row: b))",
                           day: ctx.row(a).day, rows: [a, b], people: [candidate.id])
            }
            if clashes.unlisted > 0 {
                let day = ctx.row(rows[0]).day
                ctx.report(.r2, "\(ctx.name(ofCandidate: candidate.id)) is in \(clashes.unlisted) more pairs of sittings at once on \(day.iso) (the first \(ClashSweep.limit) are listed)",
                           day: day, rows: rows, people: [candidate.id])
            }
        }
    }

    /// R3: a member's sittings (invigilations included) never overlap and are `buffer_minutes` apart.
    static func checkR3(_ ctx: inout AuditContext) {
        let buffer = ctx.campaign.bufferMinutes
        for (member, sittings) in sittingsByMemberAndDay(ctx) {
            let clashes = ClashSweep(sittings, start: { ctx.sittings[$0].time.start }, reach: { ctx.sittings[$0].time.end + buffer })
            if clashes.unlisted > 0 {
                let day = ctx.sittings[sittings[0]].day
                ctx.report(.r3, "\(ctx.name(ofMember: member)) has \(clashes.unlisted) more pairs of sittings at once or closer than \(buffer) min on \(day.iso) (the first \(ClashSweep.limit) are listed)",
                           day: day, rows: sittings.flatMap { ctx.sittings[$0].rows }, people: [member])
            }
            for (a, b) in clashes.pairs {
                let sa = ctx.sittings[a], sb = ctx.sittings[b]
                let (first, second) = sa.time.start <= sb.time.start ? (sa, sb) : (sb, sa)
                if first.time.overlaps(second.time) {
                    ctx.report(.r3, "\(ctx.name(ofMember: member)) is in two sittings at once: \(ctx.describe(first)) and \(ctx.describe(second))",
                               day: sa.day, rows: sa.rows + sb.rows, people: [member])
                } else if second.time.start - first.time.end < buffer {
                    ctx.report(.r3, "\(ctx.name(ofMember: member)) has \(second.time.start - first.time.end) min between \(ctx.describe(first)) and \(ctx.describe(second)), \(buffer) min required",
                               day: sa.day, rows: sa.rows + sb.rows, people: [member])
                }
            }
        }
    }

    /// R4: a room holds one sitting at a time, and a written sitting at most `capacity` candidates.
    static func checkR4(_ ctx: inout AuditContext) {
        var byRoomDay: [String: [Int]] = [:]
        for (s, sitting) in ctx.sittings.enumerated() {
            byRoomDay[sitting.room + "\u{1F}" + sitting.day.iso, default: []].append(s)
        }
        for key in byRoomDay.keys.sorted() {
            let sittings = byRoomDay[key] ?? []
            let clashes = ClashSweep(sittings, start: { ctx.sittings[$0].time.start }, reach: { ctx.sittings[$0].time.end })
            for (a, b) in clashes.pairs {
                let sa = ctx.sittings[a], sb = ctx.sittings[b]
                ctx.report(.r4, "room \(sa.room) holds two sittings at once: \(ctx.describe(sa)) and \(ctx.describe(sb))",
                           day: sa.day, rows: sa.rows + sb.rows, people: [sa.room])
            }
            if clashes.unlisted > 0, let first = sittings.first.map({ ctx.sittings[$0] }) {
                ctx.report(.r4, "room \(first.room) holds \(clashes.unlisted) more pairs of sittings at once on \(first.day.iso) (the first \(ClashSweep.limit) are listed)",
                           day: first.day, rows: sittings.flatMap { ctx.sittings[$0].rows }, people: [first.room])
            }
        }
        for sitting in ctx.sittings {
            guard ctx.exam(of: sitting)?.mode == .written, let room = ctx.campaign.room(sitting.room) else { continue }
            if sitting.rows.count > room.capacity {
                ctx.report(.r4, "\(ctx.describe(sitting)) seats \(sitting.rows.count) candidates in room \(room.id), which has \(room.capacity) seats",
                           day: sitting.day, rows: sitting.rows, people: [room.id])
            }
        }
    }

    /// R12: at most `max_exams_per_day` rows of a candidate a day, `min_break_minutes` apart.
    static func checkR12(_ ctx: inout AuditContext) {
        let campaign = ctx.campaign
        for (candidate, rows) in rowsByCandidateAndDay(ctx) {
            let day = ctx.row(rows[0]).day
            if rows.count > campaign.maxExamsPerDay {
                ctx.report(.r12, "\(ctx.name(ofCandidate: candidate.id)) has \(rows.count) exams on \(day.iso), at most \(campaign.maxExamsPerDay) allowed",
                           day: day, rows: rows, people: [candidate.id])
            }
            let sorted = rows.sorted { (ctx.row($0).time.start, ctx.row($0).time.end) < (ctx.row($1).time.start, ctx.row($1).time.end) }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                let gap = ctx.row(b).time.start - ctx.row(a).time.end
                // Rows that overlap break R2, which reports them; R12 is the break between two.
                if gap >= 0, gap < campaign.minBreakMinutes {
                    ctx.report(.r12, "\(ctx.name(ofCandidate: candidate.id)) has \(gap) min of break between \(ctx.describe(row: a)) and \(ctx.describe(row: b)), \(campaign.minBreakMinutes) min required",
                               day: day, rows: [a, b], people: [candidate.id])
                }
            }
        }
    }

    /// R14: at most `max_per_day` sittings a member a day (invigilations count; 0 = never
    /// convened), all at one site.
    static func checkR14(_ ctx: inout AuditContext) {
        for (member, sittings) in sittingsByMemberAndDay(ctx) {
            let day = ctx.sittings[sittings[0]].day
            let rows = sittings.flatMap { ctx.sittings[$0].rows }
            if let m = ctx.campaign.member(member) {
                let limit = ctx.campaign.maxSittings(of: m)
                if sittings.count > limit {
                    let what = limit == 0 ? "is never to be convened (max_per_day 0)" : "may sit at most \(limit) times a day"
                    ctx.report(.r14, "\(ctx.name(ofMember: member)) sits \(sittings.count) times on \(day.iso) and \(what)",
                               day: day, rows: rows, people: [member])
                }
            }
            let sites = Set(sittings.compactMap { ctx.campaign.room(ctx.sittings[$0].room)?.site })
            if sites.count > 1 {
                ctx.report(.r14, "\(ctx.name(ofMember: member)) works at \(sites.count) sites on \(day.iso) (\(sites.sorted().joined(separator: ", "))), one site a day allowed",
                           day: day, rows: rows, people: [member])
            }
        }
    }

    // MARK: Helpers

    /// Each candidate's rows on each day, in a stable order.
    static func rowsByCandidateAndDay(_ ctx: AuditContext) -> [(Candidate, [Int])] {
        var map: [String: [Int]] = [:]
        var keys: [String] = []
        for (i, row) in ctx.schedule.rows.enumerated() {
            let key = row.candidateID + "\u{1F}" + row.day.iso
            if map[key] == nil { keys.append(key) }
            map[key, default: []].append(i)
        }
        return keys.sorted().compactMap { key in
            guard let rows = map[key], let c = ctx.campaign.candidate(ctx.row(rows[0]).candidateID) else { return nil }
            return (c, rows)
        }
    }

    /// Each member id's sittings on each day (a member listed twice in one jury counts once).
    static func sittingsByMemberAndDay(_ ctx: AuditContext) -> [(String, [Int])] {
        var map: [String: [Int]] = [:]
        for (s, sitting) in ctx.sittings.enumerated() {
            for m in ctx.memberIDs(of: sitting) { map[m + "\u{1F}" + sitting.day.iso, default: []].append(s) }
        }
        return map.keys.sorted().compactMap { key in
            guard let sittings = map[key], let member = key.split(separator: "\u{1F}").first else { return nil }
            return (String(member), sittings)
        }
    }
}
