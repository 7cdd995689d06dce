/// A half-day of the session: the unit in which a jury sits in one room ("panel").
public struct Period: Hashable, Comparable, Sendable {
    /// Position of the day in `campaign.days`.
    public var dayIndex: Int
    public var half: HalfDay

    public var index: Int { dayIndex * 2 + (half == .morning ? 0 : 1) }
    public var other: Period { Period(dayIndex: dayIndex, half: half == .morning ? .afternoon : .morning) }
    public static func < (a: Period, b: Period) -> Bool { a.index < b.index }
}

/// A sitting to schedule: one candidate (oral, written) or a whole group (group exam).
struct SittingRequest {
    let id: Int
    let exam: Exam
    /// Candidate numbers (positions in `campaign.candidates`).
    let candidates: [Int]
    /// The sitting's length: extended when one of its candidates has extra time.
    let minutes: Int
    let needsAccessible: Bool
    /// The candidates' region for a regional exam, else "".
    let regionKey: String
    /// Members imposed on the sitting (R18), sorted.
    let imposed: [String]
    /// Seats of the jury (the imposed members when the exam's jury is exactly them).
    let jurySize: Int

    /// Candidates' own row length (a candidate without extra time leaves at the normal end).
    func minutes(of candidate: Candidate) -> Int { exam.minutes(extraTime: candidate.extraTime) }
}

/// What the planner reads of a campaign, precomputed once: requests, periods, eligibility.
struct PlanningProblem {
    let campaign: Campaign
    let availability: Availability
    let periods: [Period]
    let requests: [SittingRequest]
    /// Requests of each candidate, by candidate number.
    let requestsOfCandidate: [[Int]]
    /// Members of each role who can be convened in each period (available at some time in it).
    private let staffByPeriod: [[Role: Int]]
    private let capacityByDay: [[Role: Int]]

    init(_ campaign: Campaign) {
        self.campaign = campaign
        availability = Availability(campaign)
        periods = campaign.days.indices.flatMap { [Period(dayIndex: $0, half: .morning), Period(dayIndex: $0, half: .afternoon)] }
        var requests: [SittingRequest] = []
        var ofCandidate = Array(repeating: [Int](), count: campaign.candidates.count)
        var groupRequest: [String: Int] = [:]
        for (c, candidate) in campaign.candidates.enumerated() {
            for examID in candidate.exams {
                guard let exam = campaign.exam(examID), exam.isScheduled else { continue }
                if exam.mode == .group, !candidate.group.isEmpty {
                    let key = exam.id + "\u{1F}" + candidate.group
                    if let r = groupRequest[key] {
                        ofCandidate[c].append(r)
                        continue
                    }
                    // One sitting for every candidate of the group registered for the exam.
                    let members = campaign.candidates.indices.filter { i in
                        campaign.candidates[i].group == candidate.group && campaign.candidates[i].exams.contains { campaign.canonicalExamID($0) == exam.id }
                    }
                    groupRequest[key] = requests.count
                    ofCandidate[c].append(requests.count)
                    requests.append(Self.request(id: requests.count, exam: exam, candidates: members, campaign: campaign))
                } else {
                    ofCandidate[c].append(requests.count)
                    requests.append(Self.request(id: requests.count, exam: exam, candidates: [c], campaign: campaign))
                }
            }
        }
        self.requests = requests
        requestsOfCandidate = ofCandidate
        let availability = self.availability
        staffByPeriod = periods.map { period in
            var count: [Role: Int] = [:]
            let day = campaign.days[period.dayIndex], hours = campaign.hours.range(period.half)
            for m in campaign.members where campaign.maxSittings(of: m) > 0 {
                let free = stride(from: hours.start, to: hours.end, by: 30).contains { t in
                    availability.member(m.id, isFreeOn: day, TimeRange(start: t, end: min(t + 30, hours.end)))
                }
                if free { count[m.role, default: 0] += 1 }
            }
            return count
        }
        let shortest = max(1, requests.map(\.minutes).min() ?? 30)
        let buffer = campaign.bufferMinutes
        let fit = (campaign.hours.morning.minutes + buffer) / (shortest + buffer) + (campaign.hours.afternoon.minutes + buffer) / (shortest + buffer)
        capacityByDay = campaign.days.indices.map { d in
            var count: [Role: Int] = [:]
            let day = campaign.days[d]
            for m in campaign.members where campaign.maxSittings(of: m) > 0 {
                if m.available.isEmpty || m.available.contains(where: { $0.day == day }) {
                    count[m.role, default: 0] += min(campaign.maxSittings(of: m), fit)
                }
            }
            return count
        }
    }

    func staff(_ p: Period) -> [Role: Int] { staffByPeriod[p.index] }

    /// Member-sittings each role can give on a day: the daily limits of the members available
    /// that day (at most what fits in the two half-days of the shortest exam).
    func dailyCapacity(_ day: Int) -> [Role: Int] { capacityByDay[day] }

    private static func request(id: Int, exam: Exam, candidates: [Int], campaign: Campaign) -> SittingRequest {
        let people = candidates.map { campaign.candidates[$0] }
        var imposed = Set(people.flatMap(\.imposedJury))
        if !exam.mode.isExamined { imposed = [] }
        let exact = exam.jury.imposed && !imposed.isEmpty
        return SittingRequest(
            id: id, exam: exam, candidates: candidates,
            minutes: exam.minutes(extraTime: people.contains(where: \.extraTime)),
            needsAccessible: people.contains(where: \.accessible),
            regionKey: exam.regional ? NameKey.of(people.first?.region ?? "") : "",
            imposed: imposed.sorted(),
            jurySize: exact ? imposed.count : exam.jury.size)
    }

    func day(_ p: Period) -> Day { campaign.days[p.dayIndex] }
    func hours(_ p: Period) -> TimeRange { campaign.hours.range(p.half) }
    func candidate(_ c: Int) -> Candidate { campaign.candidates[c] }
}
