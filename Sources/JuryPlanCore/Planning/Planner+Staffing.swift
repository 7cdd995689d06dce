import MIP

/// Stage 2: the members who sit each panel, day by day (`JuryGreedy` first, a `JuryDayModel`
/// MIP where the greedy leaves a day short), and the schedule rows of a staffed plan.
extension Planner {
    struct DayFailure: Error {
        var dayIndex: Int
        /// Panels left without a jury: their sittings are moved out of that half-day next time.
        var panels: [Int]
        var reason: String
    }

    /// Stage 2: one jury MIP per day, in day order (a member's earlier days set the repeat and
    /// balance costs of later ones). A first pass convenes every day with `JuryGreedy` alone and
    /// calls GLPK only for a day the greedy leaves short: a layout that fails somewhere is then
    /// rejected without solving the days that were fine. `staffedByGreedy`: `LayoutSearch`
    /// already ran that pass on these panels and the greedy staffed every day.
    /// `rescue`: the probe asks GLPK to staff a day the greedy leaves short (otherwise the
    /// layout is rejected at once).
    func convene(_ panels: [Panel], problem: PlanningProblem, figures: inout PlanFigures, clock: Stopwatch, budget: SearchBudget,
                 staffedByGreedy: Bool,
                 rescue: Bool = true) -> Result<([[Int]], [Int?]), DayFailures> {
        var probe = PlanFigures()
        if !staffedByGreedy,
           case .failure(let failures) = convene(panels, problem: problem, figures: &probe, clock: clock, budget: budget, greedyFirst: true, rescue: rescue) {
            return .failure(failures)
        }
        return convene(panels, problem: problem, figures: &figures, clock: clock, budget: budget, greedyFirst: false)
    }

    func convene(_ panels: [Panel], problem: PlanningProblem, figures: inout PlanFigures, clock: Stopwatch, budget: SearchBudget,
                 greedyFirst: Bool,
                 rescue: Bool = true) -> Result<([[Int]], [Int?]), DayFailures> {
        let convened = staff(panels, problem: problem, figures: &figures, clock: clock, budget: budget, greedyFirst: greedyFirst, rescue: rescue)
        return convened.failures.isEmpty ? .success((convened.juries, convened.presidents)) : .failure(DayFailures(days: convened.failures, convened: convened))
    }

    /// Juries for every panel that could be staffed (empty for the others), and each day's failure.
    struct Convened {
        var juries: [[Int]]
        var presidents: [Int?]
        var failures: [DayFailure]
    }

    func staff(_ panels: [Panel], problem: PlanningProblem, figures: inout PlanFigures, clock: Stopwatch, budget: SearchBudget,
               greedyFirst: Bool, rescue: Bool = true, known: (juries: [[Int]], presidents: [Int?])? = nil) -> Convened {
        var failures: [DayFailure] = []
        var juries = Array(repeating: [Int](), count: panels.count)
        var presidents = Array(repeating: Int?.none, count: panels.count)
        var history = ConveningHistory(memberCount: campaign.members.count)
        let days = Dictionary(grouping: panels.indices, by: { panels[$0].period.dayIndex })
        for (n, dayIndex) in days.keys.sorted().enumerated() {
            let panelIDs = days[dayIndex] ?? []
            let day = campaign.days[dayIndex].iso
            let staffing = panelIDs.map { PanelStaffing(panels[$0], problem: problem) }
            let short = staffing.indices.filter { staffing[$0].shortage(self.campaign) != nil }
            if let first = short.first, let why = staffing[first].shortage(campaign) {
                failures.append(DayFailure(dayIndex: dayIndex, panels: short.map { panelIDs[$0] }, reason: why))
                continue
            }
            var greedy = JuryGreedy(staffing: staffing, campaign: campaign, examinedBefore: history.examined, loadBefore: history.load).run()
            var greedyShort = staffing.indices.contains(where: { greedy.juries[$0].isEmpty && staffing[$0].size > 0 })
            // Juries known to staff the day (a repaired plan's) start the day model where the greedy falls short.
            if greedyShort, let known, panelIDs.allSatisfy({ !known.juries[$0].isEmpty || staffing[panelIDs.firstIndex(of: $0)!].size == 0 }) {
                greedy = (panelIDs.map { known.juries[$0] }, panelIDs.map { known.presidents[$0] })
                greedyShort = false
            }
            if greedyFirst, !greedyShort || !rescue {
                // The greedy's juries are kept: a failed layout's staffed part can be repaired.
                for (k, p) in panelIDs.enumerated() { (juries[p], presidents[p]) = (greedy.juries[k], greedy.presidents[k]) }
                history.record(greedy.juries, of: panelIDs, panels: panels)
                if greedyShort {
                    let empty = staffing.indices.filter { greedy.juries[$0].isEmpty && staffing[$0].size > 0 }
                    failures.append(unstaffed(empty, staffing, panelIDs, dayIndex: dayIndex))
                }
                continue
            }
            let model = JuryDayModel(day: campaign.days[dayIndex], staffing: staffing, campaign: campaign, examinedBefore: history.examined,
                                     loadBefore: history.load, candidates: Self.shortlist(staffing, greedy: greedy.juries, load: history.load))
            figures.modelRows += model.model.constraintCount
            figures.modelColumns += model.model.variableCount
            figures.modelNonZeros += model.model.nonZeroCount
            // A small day that the greedy cannot staff gets a real search: one node rarely finds
            // the only way through.
            let search = greedyShort && staffing.count <= Self.searchedPanels && budget.searches > 0
            if search { budget.searches -= 1 }
            var parameters = SolveParameters(
                timeLimit: max(1, (options.timeLimit - clock.elapsed) / Double(days.count - n)),
                relativeGap: options.gap, nodeLimit: search ? max(options.nodeLimit, Self.searchNodes) : options.nodeLimit)
            parameters.warmStart = model.values(juries: greedy.juries, presidents: greedy.presidents)
            parameters.proximitySearch = options.proximitySearch
            if let folder = options.writeLPFolder { parameters.writeLPPath = folder + "/jury-\(day).lp" }
            let result = solver.solve(model.model, parameters)
            guard result.hasSolution else {
                failures.append(DayFailure(dayIndex: dayIndex, panels: [], reason: "on \(day) no jury assignment was found within the limits (\(result.reason))"))
                continue
            }
            // Later days are still solved, so that one layout reports every day it failed.
            let empty = model.unstaffedPanels(result)
            if !empty.isEmpty { failures.append(unstaffed(empty, staffing, panelIDs, dayIndex: dayIndex)) }
            let chosen = model.juries(from: result)
            figures.daysPlanned += 1
            if result.reason == .optimal { figures.daysProvedOptimal += 1 }
            options.progress?("\(day): \(staffing.count) panels, model \(model.model.constraintCount)×\(model.model.variableCount), \(result.reason), objective \(format(result.objective ?? .nan)), bound \(format(result.bestBound ?? .nan)), \(format(result.elapsed)) s")
            for (k, p) in panelIDs.enumerated() {
                juries[p] = chosen.juries[k]
                presidents[p] = chosen.presidents[k]
            }
            history.record(chosen.juries, of: panelIDs, panels: panels)
        }
        return Convened(juries: juries, presidents: presidents, failures: failures)
    }

    /// The failure of a day whose panels `empty` (positions in `staffing`) found no jury.
    func unstaffed(_ empty: [Int], _ staffing: [PanelStaffing], _ panelIDs: [Int], dayIndex: Int) -> DayFailure {
        let first = staffing[empty[0]].panel
        let why = "on \(campaign.days[dayIndex].iso) \(empty.count) panel(s) could not be staffed alongside the others (first: \(first.exam.id) at \(Clock.format(first.start)) in \(campaign.rooms[first.room].id))"
        return DayFailure(dayIndex: dayIndex, panels: empty.map { panelIDs[$0] }, reason: why)
    }

    /// Members the day model considers for each panel when the day is large: the greedy's jury,
    /// then members the greedy convened that day, then the least loaded, up to
    /// `shortlistPerSeat` per seat. nil (everyone eligible) for small days.
    static func shortlist(_ staffing: [PanelStaffing], greedy: [[Int]], load: [Int]) -> [[Int]]? {
        let pairs = staffing.reduce(0) { $0 + $1.eligible.count }
        guard pairs > shortlistAbove else { return nil }
        let convened = Set(greedy.joined())
        return staffing.indices.map { p in
            let s = staffing[p]
            let ranked = s.eligible.sorted { (convened.contains($0) ? 0 : 1, load[$0], $0) < (convened.contains($1) ? 0 : 1, load[$1], $1) }
            var list = greedy[p]
            for m in ranked where list.count < max(s.size, 1) * shortlistPerSeat && !list.contains(m) { list.append(m) }
            for m in s.imposed where !list.contains(m) && s.eligible.contains(m) { list.append(m) }
            let presidents = s.presidents.filter { list.contains($0) }
            if s.examined, s.panel.exam.jury.president, presidents.isEmpty, let first = s.presidents.first { list.append(first) }
            return list.sorted()
        }
    }

    static let shortlistAbove = 6000
    static let shortlistPerSeat = 6

    struct DayFailures: Error {
        var days: [DayFailure]
        /// The juries found for the panels that could be staffed.
        var convened: Convened
    }

    /// Splits a panel longer than one jury's half-day share into consecutive parts of nearly
    /// equal length, each with its own jury, so that juries can still pair a morning and an
    /// afternoon within `max_sittings_per_day`.
    /// A panel holding a `solo` request is split into one part per sitting.
    static func juryPanels(_ panels: [Panel], sittingsPerJury k: Int, solo: Set<Int> = []) -> [Panel] {
        var out: [Panel] = []
        for panel in panels {
            let parts = panel.slots.contains(where: { solo.contains($0.request) }) ? panel.slots.count : max(1, (panel.slots.count + k - 1) / k)
            let base = panel.slots.count / parts, extra = panel.slots.count % parts
            var next = 0
            for part in 0..<parts {
                let size = base + (part < extra ? 1 : 0)
                var piece = Panel(id: out.count, exam: panel.exam, period: panel.period, room: panel.room, key: panel.key)
                piece.slots = Array(panel.slots[next..<(next + size)])
                next += size
                out.append(piece)
            }
        }
        return out
    }

    /// One row per candidate of each sitting; a candidate without extra time leaves at the
    /// normal end of a sitting lengthened for another.
    static func schedule(_ panels: [Panel], juries: [[Int]], presidents: [Int?], problem: PlanningProblem) -> Schedule {
        let campaign = problem.campaign
        var rows: [ScheduleRow] = []
        for panel in panels {
            let room = campaign.rooms[panel.room]
            let jury = juries[panel.id].map { campaign.members[$0].id }
            let president = presidents[panel.id].map { campaign.members[$0].id } ?? ""
            for slot in panel.slots {
                let exam = problem.requests[slot.request].exam
                for c in slot.candidates {
                    let candidate = campaign.candidates[c]
                    let end = slot.start + exam.minutes(extraTime: candidate.extraTime)
                    rows.append(ScheduleRow(day: problem.day(panel.period), time: TimeRange(start: slot.start, end: end), site: room.site,
                                            room: room.id, exam: exam.id, candidateID: candidate.id, candidateName: candidate.displayName,
                                            jury: jury, president: president))
                }
            }
        }
        return Schedule(rows: rows).sorted
    }
}
