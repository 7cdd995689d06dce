/// The last look at a plan that leaves sittings out (`PlacementProbe`). Each sitting without a
/// proof is tried at every day, start, room and jury the rules allow beside the plan as it
/// stands, and placed where one keeps every rule (the searches before place sittings among
/// others, and may miss a place that is simply free); then, while a budget of tries lasts, a
/// sitting of the plan steps aside for it and is placed again elsewhere (`ejections`). What
/// still has no place gets, day by day, what stops it in the users' words: the candidate's
/// day, the rooms, the members free then, or the jury they would form. Deterministic: tries are
/// counted, not timed; the time limit only stops it (past it, only the first
/// `alwaysExplained` sittings are explained, the others keep the search's reason): at 400
/// defences an ejection took 5 s, and the last look ran 19 s past a 60 s limit.
extension Planner {
    /// Days named in an unplaced sitting's reason; the others are summed up in one clause.
    static let daysExplained = 4
    /// Probes (a sitting tried at every day, start, room and jury) one last look may spend on
    /// placing, in a session of up to 500 sittings over up to 10 days (proportionally fewer
    /// beyond: a probe costs more): about 5 s at 100 CSEC candidates. An ejection costs two,
    /// and looking for ejections one.
    static let probes = 200
    /// Ejections tried at most for one left-out sitting, which gets one round of them.
    static let ejectionsPerSitting = 24
    /// Left-out sittings explained day by day at most (each costs a probe), scaled like
    /// `probes`; the others keep the search's reason.
    static let sittingsExplained = 40
    /// Left-out sittings explained day by day even past the time limit.
    static let alwaysExplained = 3

    func settle(_ outcome: PlanOutcome, problem: PlanningProblem, clock: Stopwatch) -> PlanOutcome {
        switch outcome {
        case .planned(let plan) where plan.isPartial:
            return settled(plan, problem: problem, clock: clock).map { .planned($0) } ?? outcome
        case .notFound(let reasons, let partial?) where partial.isPartial:
            guard let plan = settled(partial, problem: problem, clock: clock) else { return outcome }
            return plan.isPartial ? .notFound(reasons, partial: plan) : .planned(plan)
        default:
            return outcome
        }
    }

    /// The rows and left-out sittings of a plan while the last look works on them.
    private struct Settling {
        var rows: [ScheduleRow]
        var left: [UnplacedSitting]
        /// The version of the rows at which each left-out sitting was last known to have no
        /// place (a placement only takes room, so it keeps them without one).
        var blockedAt: [UnplacedSitting: Int] = [:]
        /// Why each found no place, and the version of the rows that said so.
        var days: [UnplacedSitting: (version: Int, text: [String])] = [:]
        var version = 0
        var placed = 0
        /// Sittings whose round of ejections was spent.
        var ejected: Set<UnplacedSitting> = []
        /// Probes left to spend on placing.
        var probes: Int

        mutating func place(_ rows: [ScheduleRow], for sitting: UnplacedSitting, keepingBlocked: Bool) {
            self.rows += rows
            left.removeAll { $0 == sitting }
            placed += 1
            version += 1
            if keepingBlocked { for key in blockedAt.keys { blockedAt[key] = version } }
        }
    }

    /// The plan with every sitting the probe could place placed and every other reason
    /// explained day by day; nil when the result would break a rule (a bug: the plan as it was
    /// is kept).
    private func settled(_ plan: Plan, problem: PlanningProblem, clock: Stopwatch) -> Plan? {
        let availability = Availability(campaign)
        let scale = min(1, 500 / Double(max(1, problem.requests.count))) * min(1, 10 / Double(max(1, campaign.days.count)))
        var state = Settling(rows: plan.schedule.rows, left: plan.unplaced, probes: max(2, Int(Double(Self.probes) * scale)))
        let limit = options.timeLimit
        let stop = { clock.elapsed > limit }
        while true {
            placeWhatFits(&state, availability, stop: stop)
            guard state.probes > 0, !stop(), eject(&state, availability, stop: stop) else { break }
        }
        let unplaced = explain(&state, availability, atMost: max(3, Int(Double(Self.sittingsExplained) * scale)), stop: stop)
        let schedule = Schedule(rows: state.rows, file: plan.schedule.file).sorted
        var figures = plan.figures
        PlanMeasures.fill(&figures, schedule: schedule, campaign: campaign)
        figures.seconds = clock.elapsed
        if unplaced.isEmpty {
            guard RuleCatalogue.audit(schedule, against: campaign).isClean else { return nil }
            let lower = LowerBound.compute(problem)
            figures.bound = min(lower.bound, figures.objective)
            (figures.memberDaysBound, figures.roomHalfDaysBound, figures.candidateDaysBound) = (lower.memberDays, lower.roomHalfDays, lower.candidateDays)
        } else if state.placed > 0 {
            guard Self.breaches(of: schedule, besides: unplaced, campaign: campaign).isEmpty else { return nil }
        }
        if state.placed > 0 { options.progress?("\(state.placed) sitting(s) placed by the last look, \(unplaced.count) left out") }
        return Plan(schedule: schedule, figures: figures, unplaced: unplaced)
    }

    /// Each sitting still left out with its reason day by day (probed again where the rows
    /// changed since; one found a place after all is placed).
    private func explain(_ state: inout Settling, _ availability: Availability, atMost: Int, stop: () -> Bool) -> [UnplacedSitting] {
        var explaining = atMost
        var probe: PlacementProbe?
        var unplaced: [UnplacedSitting] = []
        for original in state.left {
            var sitting = original
            if !sitting.proven, let first = prerequisite(of: sitting, among: state.left) {
                sitting.reason = "\(first.exam) of \(first.candidates.joined(separator: ", ")), which must come first, is not placed (R13)"
                unplaced.append(sitting)
                continue
            }
            guard !sitting.proven, explaining > 0, atMost - explaining < Self.alwaysExplained || !stop(),
                  let (exam, candidates) = parts(of: sitting) else {
                unplaced.append(sitting)
                continue
            }
            explaining -= 1
            var days: [String] = []
            if let known = state.days[sitting], known.version == state.version {
                days = known.text
            } else {
                let current = probe ?? PlacementProbe(schedule: Schedule(rows: state.rows), campaign: campaign, availability: availability)
                probe = current
                switch current.probe(exam: exam, candidates: candidates) {
                case .place(let found):
                    state.place(found, for: original, keepingBlocked: true)
                    probe = nil
                    continue
                case .blocked(let found):
                    days = found
                }
            }
            if !days.isEmpty {
                let more = days.count - Self.daysExplained
                sitting.reason += ". Day by day, nearest first: " + days.prefix(Self.daysExplained).joined(separator: "; ")
                    + (more > 0 ? "; and \(more) other day\(more == 1 ? "" : "s") that get less far" : "")
            }
            unplaced.append(sitting)
        }
        return unplaced
    }

    /// Places, one at a time, each left-out sitting that has a free place; remembers why the
    /// others have none.
    private func placeWhatFits(_ state: inout Settling, _ availability: Availability, stop: () -> Bool) {
        var progress = true
        while progress {
            progress = false
            for sitting in state.left where tryable(sitting, state) && state.blockedAt[sitting] != state.version {
                guard state.probes > 0, !stop() else { return }
                guard let (exam, candidates) = parts(of: sitting) else { continue }
                state.probes -= 1
                let probe = PlacementProbe(schedule: Schedule(rows: state.rows), campaign: campaign, availability: availability)
                switch probe.probe(exam: exam, candidates: candidates) {
                case .place(let found):
                    state.place(found, for: sitting, keepingBlocked: true)
                    options.progress?("\(sitting.exam) of \(sitting.candidates.joined(separator: ", ")) placed on \(found[0].day.iso) \(Clock.format(found[0].time.start)) in room \(found[0].room)")
                    progress = true
                case .blocked(let days):
                    state.blockedAt[sitting] = state.version
                    state.days[sitting] = (state.version, days)
                }
                if progress { break }
            }
        }
    }

    /// One ejection that places a left-out sitting: a sitting of the plan steps aside for it
    /// on a day and is placed again elsewhere. False when none of the tries within the budget
    /// works.
    private func eject(_ state: inout Settling, _ availability: Availability, stop: () -> Bool) -> Bool {
        for sitting in state.left where tryable(sitting, state) && !state.ejected.contains(sitting) && !stop() {
            guard let (exam, candidates) = parts(of: sitting) else { continue }
            state.ejected.insert(sitting)
            state.probes -= 1
            // The budget shared out among the sittings still to try.
            let waiting = state.left.filter { tryable($0, state) && !state.ejected.contains($0) }.count + 1
            let trials = state.probes / 2
            let share = min(Self.ejectionsPerSitting, max(6, trials / waiting), trials)
            guard share > 0 else { return false }
            let probe = PlacementProbe(schedule: Schedule(rows: state.rows), campaign: campaign, availability: availability)
            for ejection in probe.ejections(exam: exam, candidates: candidates, limit: share) where !stop() {
                state.probes -= 2
                let stepping = ejection.rows.map { state.rows[$0] }
                let aside = Set(ejection.rows)
                let without = state.rows.indices.filter { !aside.contains($0) }.map { state.rows[$0] }
                let movedCandidates = stepping.compactMap { campaign.candidate($0.candidateID) }
                let first = PlacementProbe(schedule: Schedule(rows: without), campaign: campaign, availability: availability)
                guard movedCandidates.count == stepping.count, let movedExam = campaign.exam(stepping[0].exam),
                      case .success(let seated) = first.probe(exam: exam, candidates: candidates, on: ejection.day) else { continue }
                let second = PlacementProbe(schedule: Schedule(rows: without + seated), campaign: campaign, availability: availability)
                guard case .place(let moved) = second.probe(exam: movedExam, candidates: movedCandidates), moved.count == stepping.count else { continue }
                state.rows = without + moved
                state.place(seated, for: sitting, keepingBlocked: false)
                options.progress?("\(sitting.exam) of \(sitting.candidates.joined(separator: ", ")) placed on \(seated[0].day.iso) \(Clock.format(seated[0].time.start)), \(movedExam.id) of \(stepping[0].candidateID) moved to \(moved[0].day.iso) \(Clock.format(moved[0].time.start))")
                return true
            }
            if state.probes < 2 { return false }
        }
        return false
    }

    /// Not proven impossible, and not waiting for a left-out prerequisite (R13).
    private func tryable(_ sitting: UnplacedSitting, _ state: Settling) -> Bool {
        !sitting.proven && prerequisite(of: sitting, among: state.left) == nil
    }

    private func parts(of sitting: UnplacedSitting) -> (Exam, [Candidate])? {
        guard let exam = campaign.exam(sitting.exam) else { return nil }
        let candidates = sitting.candidates.compactMap { campaign.candidate($0) }
        return candidates.isEmpty ? nil : (exam, candidates)
    }

    /// A sitting left out that this one must follow for one of its candidates (R13).
    private func prerequisite(of sitting: UnplacedSitting, among left: [UnplacedSitting]) -> UnplacedSitting? {
        guard let exam = campaign.exam(sitting.exam) else { return nil }
        return left.first { other in
            other.exam != sitting.exam && campaign.exam(exam, follows: campaign.canonicalExamID(other.exam))
                && other.candidates.contains { sitting.candidates.contains($0) }
        }
    }
}
