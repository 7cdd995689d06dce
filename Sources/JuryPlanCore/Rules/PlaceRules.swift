/// Rules about where and when: availability (R9), rooms (R11), regions (R15), hours (R17).
enum PlaceRules {
    /// R9: members and rooms inside their `available` windows (empty = every day); candidates
    /// outside their `unavailable` tokens.
    static func checkR9(_ ctx: inout AuditContext) {
        for sitting in ctx.sittings {
            for id in ctx.memberIDs(of: sitting) where ctx.campaign.member(id) != nil {
                if !ctx.availability.member(id, isFreeOn: sitting.day, sitting.time) {
                    ctx.report(.r9, "\(ctx.describe(sitting)): \(ctx.name(ofMember: id)) is not available then", day: sitting.day, rows: sitting.rows, people: [id])
                }
            }
            if ctx.campaign.room(sitting.room) != nil, !ctx.availability.room(sitting.room, isFreeOn: sitting.day, sitting.time) {
                ctx.report(.r9, "\(ctx.describe(sitting)): room \(sitting.room) is not available then", day: sitting.day, rows: sitting.rows, people: [sitting.room])
            }
        }
        for (i, row) in ctx.schedule.rows.enumerated() where ctx.campaign.candidate(row.candidateID) != nil {
            if !ctx.availability.candidate(row.candidateID, isFreeOn: row.day, row.time) {
                ctx.report(.r9, "\(ctx.describe(row: i)): the candidate is unavailable then", day: row.day, rows: [i], people: [row.candidateID])
            }
        }
    }

    /// R11: the room exists and has the exam's equipment; step-free rooms for candidates who need
    /// them; a group fits the room.
    static func checkR11(_ ctx: inout AuditContext) {
        for sitting in ctx.sittings {
            guard let room = ctx.campaign.room(sitting.room) else {
                ctx.report(.r11, "\(ctx.describe(sitting)): unknown room \(sitting.room)", day: sitting.day, rows: sitting.rows, people: [sitting.room])
                continue
            }
            guard let exam = ctx.exam(of: sitting) else { continue }
            let missing = Eligibility.missingEquipment(room, for: exam)
            if !missing.isEmpty {
                ctx.report(.r11, "\(ctx.describe(sitting)): room \(room.id) lacks \(missing.joined(separator: ", "))", day: sitting.day, rows: sitting.rows, people: [room.id])
            }
            for r in sitting.rows {
                guard let c = ctx.campaign.candidate(ctx.row(r).candidateID), c.accessible, !room.accessible else { continue }
                ctx.report(.r11, "\(ctx.describe(row: r)): the candidate needs step-free access and room \(room.id) has none", day: sitting.day, rows: [r], people: [c.id, room.id])
            }
            if exam.mode == .group, sitting.rows.count > room.capacity {
                ctx.report(.r11, "\(ctx.describe(sitting)): the group of \(sitting.rows.count) outnumbers room \(room.id) (\(room.capacity) seats)", day: sitting.day, rows: sitting.rows, people: [room.id])
            }
            for r in sitting.rows {
                let site = ctx.row(r).site
                if !site.isEmpty, !NameKey.same(site, room.site) {
                    ctx.warn("line \(ctx.row(r).line): site \(site) does not match room \(room.id)'s site \(room.site) in rooms.csv")
                }
            }
        }
    }

    /// R15: for a regional exam, the room is in the candidate's region and every member with
    /// regions lists it.
    static func checkR15(_ ctx: inout AuditContext) {
        for sitting in ctx.sittings {
            guard let exam = ctx.exam(of: sitting), exam.regional else { continue }
            for r in sitting.rows {
                guard let c = ctx.campaign.candidate(ctx.row(r).candidateID) else { continue }
                if let room = ctx.campaign.room(sitting.room), !NameKey.same(room.region, c.region) {
                    ctx.report(.r15, "\(ctx.describe(row: r)): room \(room.id) is in \(room.region.isEmpty ? "no region" : room.region), the candidate in \(c.region)",
                               day: sitting.day, rows: [r], people: [c.id, room.id])
                }
                guard exam.mode.isExamined else { continue }
                for id in ctx.memberIDs(of: sitting) {
                    guard let m = ctx.campaign.member(id), !Eligibility.examines(m, inRegion: c.region) else { continue }
                    ctx.report(.r15, "\(ctx.describe(row: r)): \(ctx.name(ofMember: id)) examines only in \(m.regions.joined(separator: ", ")), the candidate is in \(c.region)",
                               day: sitting.day, rows: [r], people: [c.id, id])
                }
            }
        }
    }

    /// R17: on a session day, inside the morning or inside the afternoon.
    static func checkR17(_ ctx: inout AuditContext) {
        let campaign = ctx.campaign
        for (i, row) in ctx.schedule.rows.enumerated() {
            if !campaign.isSessionDay(row.day) {
                ctx.report(.r17, "\(ctx.describe(row: i)): \(row.day.iso) is not a day of the session", day: row.day, rows: [i], people: [row.candidateID])
            } else if campaign.hours.halfDay(containing: row.time) == nil {
                let h = campaign.hours
                ctx.report(.r17, "\(ctx.describe(row: i)) (\(row.time)) is not inside the morning (\(h.morning)) or the afternoon (\(h.afternoon))",
                           day: row.day, rows: [i], people: [row.candidateID])
            }
        }
    }
}
