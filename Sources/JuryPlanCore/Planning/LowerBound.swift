/// A lower bound on the objective of any plan, by counting arguments that do not depend on the
/// planner's decomposition (so the reported gap is a true gap, not one relative to stage 1):
/// - member-days: every seat on a jury (invigilations included) is a sitting of some member-day,
///   and a member-day holds at most `min(max_per_day, what fits in the two half-days)` sittings;
///   certifier and professional seats are counted apart and together;
/// - room half-days: a room half-day holds at most its length in sitting minutes;
/// - candidate-days: a candidate sits at most `max_exams_per_day` exams a day;
/// - preferences: so a candidate's rows beyond `max_exams_per_day` per preferred day miss.
/// Repeated examiners, imbalance and members' preferences are bounded by 0.
enum LowerBound {
    static func compute(_ problem: PlanningProblem) -> (bound: Double, memberDays: Int, roomHalfDays: Int, candidateDays: Int) {
        let campaign = problem.campaign
        let w = campaign.weights
        let buffer = campaign.bufferMinutes
        var seats: [Role?: Int] = [:]
        var minutes = 0
        var writtenSeatsMin = 0
        let largestRoom = max(1, campaign.rooms.map(\.capacity).max() ?? 1)
        var writtenCandidates: [String: Int] = [:]
        for r in problem.requests {
            if r.exam.mode == .written {
                writtenCandidates[r.exam.id, default: 0] += r.candidates.count
                continue
            }
            minutes += r.minutes
            let exact = r.jurySize != r.exam.jury.size || r.exam.jury.roles.isEmpty
            if exact { seats[nil, default: 0] += r.jurySize } else {
                for (role, n) in r.exam.jury.roles { seats[role, default: 0] += n }
            }
        }
        for (id, n) in writtenCandidates {
            guard let exam = campaign.exam(id) else { continue }
            let sittings = (n + largestRoom - 1) / largestRoom
            writtenSeatsMin += sittings * exam.jury.size
            minutes += sittings * exam.minutes
        }
        seats[nil, default: 0] += writtenSeatsMin
        let shortest = problem.requests.map(\.minutes).min() ?? 60
        func fits(_ range: TimeRange) -> Int { (range.minutes + buffer) / (shortest + buffer) }
        let timeCap = fits(campaign.hours.morning) + fits(campaign.hours.afternoon)
        func memberDaysNeeded(_ need: Int, _ members: [JuryMember]) -> Int {
            guard need > 0 else { return 0 }
            var caps: [Int] = []
            for m in members {
                let cap = min(campaign.maxSittings(of: m), timeCap)
                guard cap > 0 else { continue }
                let days = m.available.isEmpty ? campaign.days.count : Set(m.available.map(\.day)).intersection(campaign.days).count
                caps += Array(repeating: cap, count: days)
            }
            caps.sort(by: >)
            var covered = 0
            for (k, cap) in caps.enumerated() {
                covered += cap
                if covered >= need { return k + 1 }
            }
            return caps.count + 1  // not enough capacity: the planner will report it
        }
        let certifiers = campaign.members.filter { $0.role == .certifier }
        let professionals = campaign.members.filter { $0.role == .professional }
        let byRole = memberDaysNeeded(seats[.certifier] ?? 0, certifiers) + memberDaysNeeded(seats[.professional] ?? 0, professionals)
        let all = memberDaysNeeded(seats.values.reduce(0, +), campaign.members)
        let memberDays = max(byRole, all)
        let halfLength = max(campaign.hours.morning.minutes, campaign.hours.afternoon.minutes)
        let roomHalfDays = (minutes + halfLength - 1) / halfLength
        let candidateDays = problem.requestsOfCandidate.reduce(0) { $0 + ($1.count + campaign.maxExamsPerDay - 1) / campaign.maxExamsPerDay }
        // A candidate's rows on preferred days are at most `max_exams_per_day` per such day.
        var unmetPreferences = 0
        for (c, requests) in problem.requestsOfCandidate.enumerated() {
            let preferred = Set(campaign.candidates[c].preferred.map(\.day)).intersection(campaign.days)
            guard !campaign.candidates[c].preferred.isEmpty else { continue }
            unmetPreferences += max(0, requests.count - campaign.maxExamsPerDay * preferred.count)
        }
        let bound = w.memberDays * Double(memberDays) + w.roomHalfDays * Double(roomHalfDays) + w.candidateDays * Double(candidateDays)
            + w.preference * Double(unmetPreferences)
        return (bound, memberDays, roomHalfDays, candidateDays)
    }
}
