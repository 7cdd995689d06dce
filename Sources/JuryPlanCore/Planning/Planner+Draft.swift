/// `plan --from DRAFT` for pooled sessions: the draft's lawful part becomes the first plan
/// (one panel per sitting, with the draft's jury and president), the sittings it leaves out are
/// placed with their juries by `JuryAwareInsertion`, and the whole is improved as any staffed plan.
extension Planner {
    /// The lawful part of `draft` as panels with their juries, and how many rows were set aside.
    ///
    /// Lawful is what `check` says (`RuleCatalogue`, every rule): rows that name nothing of this
    /// campaign go first; then, while the audit names rows, each breach loses one of its rows
    /// (below). A missing sitting (R1 without a row) is what the search is for, not a reason to
    /// drop anything.
    func draftPlan(_ draft: Schedule, problem: PlanningProblem) -> (plan: MendedPlan, kept: Int, setAside: Int) {
        let campaign = problem.campaign
        var rows: [ScheduleRow] = []
        for row in draft.sorted.rows {
            guard let c = campaign.candidateNumber(row.candidateID), campaign.roomNumber(row.room) != nil,
                  campaign.days.contains(row.day),
                  problem.request(of: c, exam: campaign.canonicalExamID(row.exam)) != nil,
                  row.jury.allSatisfy({ campaign.memberNumber($0) != nil }),
                  row.president.isEmpty || campaign.memberNumber(row.president) != nil else { continue }
            var kept = row
            kept.exam = campaign.canonicalExamID(row.exam)
            kept.externalShare = nil
            kept.line = rows.count + 1
            rows.append(kept)
        }
        while true {
            let breaches = RuleCatalogue.audit(Schedule(rows: rows), against: campaign).breaches
            let naming = breaches.filter { !$0.lines.isEmpty }
            if naming.isEmpty {
                // A breach that names no row (none is known besides missing sittings): nothing is kept.
                if breaches.contains(where: { $0.rule != .r1 }) { rows = [] }
                break
            }
            // Each breach loses the row it shares with most others (a sitting moved onto a busy
            // time clashes with several; the rows it clashes with stay), the later row on a tie.
            var count: [Int: Int] = [:]
            for breach in naming { for line in Set(breach.lines) { count[line, default: 0] += 1 } }
            var dropped = Set<Int>()
            for breach in naming where breach.lines.allSatisfy({ !dropped.contains($0) }) {
                if let worst = breach.lines.max(by: { (count[$0] ?? 0, $0) < (count[$1] ?? 0, $1) }) { dropped.insert(worst) }
            }
            rows.removeAll { dropped.contains($0.line) }
        }
        let panels = Self.draftPanels(rows, problem: problem)
        let kept = panels.panels.reduce(0) { $0 + $1.slots.reduce(0) { $0 + $1.candidates.count } }
        return (panels, kept, draft.rows.count - kept)
    }

    /// One panel per sitting of `rows` (lawful rows of this campaign): a written or group sitting
    /// gathers the rows of its start, room and invigilators; a group sitting is kept only whole.
    private static func draftPanels(_ rows: [ScheduleRow], problem: PlanningProblem) -> MendedPlan {
        let campaign = problem.campaign
        struct SittingKey: Hashable { var day: Day; var start: Int; var room: String; var exam: String; var jury: [String]; var president: String }
        let sittings = Dictionary(grouping: rows) { SittingKey(day: $0.day, start: $0.time.start, room: $0.room, exam: $0.exam, jury: $0.jury.sorted(), president: $0.president) }
        var out: MendedPlan = ([], [], [])
        for key in sittings.keys.sorted(by: { ($0.day, $0.start, $0.room, $0.exam, $0.jury.joined(separator: "|")) < ($1.day, $1.start, $1.room, $1.exam, $1.jury.joined(separator: "|")) }) {
            let group = sittings[key] ?? []
            guard let d = campaign.days.firstIndex(of: key.day), let room = campaign.roomNumber(key.room) else { continue }
            var requests: [SittingRequest] = []
            for row in group {
                guard let c = campaign.candidateNumber(row.candidateID), let r = problem.request(of: c, exam: key.exam) else { continue }
                if !requests.contains(where: { $0.id == r.id }) { requests.append(r) }
            }
            let candidates = requests.flatMap(\.candidates)
            // A group sitting stands only with every candidate of the group; orals one by one.
            guard let longest = requests.max(by: { ($0.minutes, -$0.id) < ($1.minutes, -$1.id) }),
                  Set(candidates).count == group.count, requests.count == 1 || longest.exam.mode == .written else { continue }
            let window = TimeRange(start: key.start, end: key.start + longest.minutes)
            guard let half = campaign.hours.halfDay(containing: window),
                  requests.allSatisfy({ $0.panelKey == longest.panelKey }) else { continue }
            var panel = Panel(id: out.panels.count, exam: longest.exam, period: Period(dayIndex: d, half: half), room: room, key: longest.panelKey)
            panel.slots = [Panel.Slot(request: longest.id, start: key.start, end: window.end, candidates: candidates)]
            out.panels.append(panel)
            out.juries.append(key.jury.compactMap { campaign.memberNumber($0) }.sorted())
            out.presidents.append(key.president.isEmpty ? nil : campaign.memberNumber(key.president))
        }
        return out
    }

    /// The draft completed and improved; nil when some sittings found no place beside it (the
    /// search then goes on from layouts, with the completed draft as its partial plan in `partial`).
    func planFromDraft(_ draft: Schedule, problem: PlanningProblem, clock: Stopwatch, budget: SearchBudget,
                       partial: inout (plan: MendedPlan, left: [Int])?) -> PlanOutcome? {
        let start = draftPlan(draft, problem: problem)
        options.progress?("draft: \(start.kept) candidate row(s) kept, \(start.setAside) set aside (not lawful here, or naming nothing of this campaign)")
        let completed = mend(start.plan.panels, Convened(juries: start.plan.juries, presidents: start.plan.presidents, failures: []),
                             problem: problem, clock: clock)
        guard completed.left.isEmpty else {
            partial = completed
            return nil
        }
        var figures = PlanFigures()
        figures.layoutSeconds = clock.elapsed
        let plan = completed.plan
        return finishBest(plan.panels, juries: plan.juries, presidents: plan.presidents, problem: problem, figures: figures, clock: clock, budget: budget)
    }
}
