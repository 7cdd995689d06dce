/// The objective of SPEC §1.3 measured on any schedule (planned or hand-made), from its rows.
public enum PlanMeasures {
    public static func fill(_ f: inout PlanFigures, schedule: Schedule, campaign: Campaign) {
        let sittings = Sitting.group(schedule, in: campaign)
        var memberDays = Set<String>()
        var load: [String: Int] = [:]
        var roomHalves = Set<String>()
        var days = Set<Day>()
        var meetings: [String: Int] = [:]
        for s in sittings {
            days.insert(s.day)
            let half = campaign.hours.halfDay(containing: s.time)?.rawValue ?? "?"
            roomHalves.insert("\(s.room)|\(s.day.iso)|\(half)")
            for m in Set(s.jury) {
                memberDays.insert("\(m)|\(s.day.iso)")
                load[m, default: 0] += 1
            }
            if campaign.exam(s.exam)?.mode.isExamined ?? false {
                for r in s.rows { for m in Set(s.jury) { meetings["\(schedule.rows[r].candidateID)|\(m)", default: 0] += 1 } }
            }
        }
        var candidateDays = Set<String>()
        var met = 0, total = 0
        for row in schedule.rows {
            candidateDays.insert("\(row.candidateID)|\(row.day.iso)")
            if let c = campaign.candidate(row.candidateID), !c.preferred.isEmpty {
                total += 1
                if c.isPreferred(row.day, row.time, hours: campaign.hours) { met += 1 }
            }
        }
        for key in memberDays {
            let parts = key.split(separator: "|").map(String.init)
            guard let m = campaign.member(parts[0]), !m.preferred.isEmpty, let day = Day(parsing: parts[1]) else { continue }
            total += 1
            if m.isPreferred(day) { met += 1 }
        }
        f.memberDays = memberDays.count
        f.roomHalfDays = roomHalves.count
        f.daysOpened = days.count
        f.candidateDays = candidateDays.count
        f.repeatedExaminers = meetings.values.reduce(0) { $0 + max(0, $1 - 1) }
        f.imbalance = (load.values.max() ?? 0) - (load.values.min() ?? 0)
        f.preferencesMet = met
        f.preferencesTotal = total
        f.sittings = sittings.count
        f.rows = schedule.rows.count
        let w = campaign.weights
        f.objective = w.memberDays * Double(f.memberDays) + w.roomHalfDays * Double(f.roomHalfDays)
            + w.candidateDays * Double(f.candidateDays) + w.repeatExaminer * Double(f.repeatedExaminers)
            + w.imbalance * Double(f.imbalance) + w.preference * Double(f.preferencesUnmet)
    }
}
