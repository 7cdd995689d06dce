import Foundation
import MIP

/// Turns a campaign into a timetable that keeps every rule R1–R18.
///
/// Decomposition (chosen because a monolithic time-indexed model does not scale on GLPK, see
/// README "Planning model"): stage 1 `SittingLayout` lays out panels and sittings with exact
/// times (`LayoutSearch` keeps the best of a few variants, or tries the tight one when the base
/// leaves sittings unplaced); stage 2 solves one `JuryDayModel` MIP per day with GLPK to
/// convene members, warm started by `JuryGreedy`; then candidates trade sittings
/// (`CandidateSwaps`) and rooms are shared in a half-day (`RoomSharing`). Optimality is lost
/// in stage 1 (a greedy); stage 2 is exact per day given stage 1 within its node limit. The
/// bound reported is `LowerBound`, valid for any plan.
/// Every plan is audited by `RuleCatalogue` before it is returned.
public struct Planner {
    public let campaign: Campaign
    public var options: PlanOptions
    let solver: any MIPSolver

    public init(campaign: Campaign, options: PlanOptions = PlanOptions(), solver: any MIPSolver = GLPKSolver()) {
        self.campaign = campaign
        self.options = options
        self.solver = solver
    }

    /// Proofs that no plan of the campaign exists, in the users' terms (`juryplan explain`).
    public static func impossibilities(_ campaign: Campaign) -> [String] {
        Feasibility.impossibilities(PlanningProblem(campaign))
    }

    public func run() -> PlanOutcome {
        let clock = Stopwatch()
        let problem = PlanningProblem(campaign)
        // The search leaves a tenth of the time limit (at most 5 s) to the last look at a plan
        // that leaves sittings out (`settle`), which counts its tries rather than the clock.
        var searching = self
        searching.options.timeLimit = options.timeLimit - min(options.timeLimit * 0.1, Self.lastLookReserve)
        return settle(searching.search(problem, clock: clock), problem: problem, clock: clock)
    }

    /// Seconds of the time limit kept for the last look.
    static let lastLookReserve = 5.0

    private func search(_ problem: PlanningProblem, clock: Stopwatch) -> PlanOutcome {
        let budget = SearchBudget()
        let committees = CommitteeProblem(problem)
        // With --allow-partial a session proven impossible is still planned as far as it goes.
        if !options.allowPartial {
            let impossible = Feasibility.impossibilities(problem)
            if !impossible.isEmpty { return .infeasible(impossible) }
        }
        if let committees { return planCommittees(committees, problem: problem, clock: clock) }

        // Panels of half a day's sittings let one jury sit a morning and an afternoon.
        let half = max(1, campaign.maxSittingsPerDay / 2)
        var search = LayoutSearch(problem: problem, panelCapacity: half)
        search.stop = { [limit = options.timeLimit] in clock.elapsed > limit }
        var feedback = LayoutSearch.Feedback(shares: Array(repeating: Dictionary(uniqueKeysWithValues: SeatKind.allCases.map { ($0, Self.initialShare) }), count: campaign.days.count))
        var reasons: [String] = []
        // Stage 2 tells stage 1 which day it could not staff (that day gets less load next time);
        // candidates stage 1 could not place go first next time.
        // A fixed number of attempts keeps the result independent of the machine's speed; the
        // time limit only stops a run that would otherwise go on too long (exit 3).
        let attempts = problem.requests.count <= LayoutSearch.smallSession ? Self.smallSessionAttempts : Self.layoutAttempts
        // The last layout and what it could not place: a partial plan is made from it.
        var last: (panels: [Panel], unplaced: [(request: Int, reason: String)])?
        // The first failed layout, mended (`mend`): the plan returned when no later layout is
        // staffed whole within `attemptsAfterMending` more attempts.
        var mended: (plan: MendedPlan, attempt: Int)?
        // A mending that left sittings out: the partial plan, when nothing better is found.
        var partlyMended: (plan: MendedPlan, left: [Int])?
        var mendings = Self.mendings
        var built = false
        if let draft = options.startFrom,
           let planned = planFromDraft(draft, problem: problem, clock: clock, budget: budget, partial: &partlyMended) {
            return planned
        }
        // Every sitting placed with its jury from an empty plan, once a run.
        func buildOnce(attempt: Int) {
            guard mended == nil, !built else { return }
            built = true
            guard let found = construct(problem: problem, clock: clock, beating: partlyMended) else { return }
            if found.left.isEmpty { mended = (found.plan, attempt) } else { partlyMended = found }
        }
        func mendOnce(_ panels: [Panel], _ convened: Convened, attempt: Int) {
            guard mended == nil, mendings > 0 else { return }
            mendings -= 1
            let found = mend(panels, convened, problem: problem, clock: clock)
            if found.left.isEmpty {
                mended = (found.plan, attempt)
            } else if partlyMended.map({ found.left.count < $0.left.count }) ?? true {
                partlyMended = found
            }
            // The last mending failed too: build the plan from nothing, jury and all, now rather
            // than after every layout (which may leave no time for it).
            if mendings == 0 { buildOnce(attempt: attempt) }
        }
        for attempt in 0..<attempts where attempt == 0 || clock.elapsed < options.timeLimit {
            if let mended, attempt > mended.attempt + (problem.requests.count > Self.largeSession ? 0 : Self.attemptsAfterMending) { break }
            let base = search.base(feedback, attempt: attempt)
            let layout = base.layout
            if base.variantIndex == LayoutSearch.tightIndex {
                options.progress?("layout \(attempt + 1): the base layout left sittings unplaced; the tight one (exams of one jury mixed in a panel, rooms shared in a half-day) places them all")
            }
            if !layout.unplaced.isEmpty {
                let staffable = Self.juryPanels(layout.panels, sittingsPerJury: half, solo: feedback.solo)
                if mended == nil, mendings > 0 {
                    var scratch = PlanFigures()
                    let greedy = staff(staffable, problem: problem, figures: &scratch, clock: clock, budget: budget, greedyFirst: true, rescue: false)
                    mendOnce(staffable, greedy, attempt: attempt)
                }
                last = (Self.juryPanels(layout.panels, sittingsPerJury: half, solo: feedback.solo), layout.unplaced)
                reasons = layout.unplaced.map(\.reason)
                options.progress?("layout \(attempt + 1): \(layout.unplaced.count) sitting(s) found no place; placing their candidates first")
                // A layout that ran out of starts to weigh says nothing a next one would not:
                // the sittings are placed with their juries from here (`buildOnce` below).
                if layout.outOfWork {
                    let why = layout.stop() ? "at the time limit" : "after \(layout.workLimit) starts weighed"
                    options.progress?("layout \(attempt + 1) stopped \(why); no further layout is tried")
                    break
                }
                for (r, _) in layout.unplaced { for c in problem.requests[r].candidates { feedback.priority[c, default: 0] += 1 } }
                // Days held back for stage 2 may now be too tight for stage 1: give back what was
                // taken from the kinds of seat those sittings need (the sittings that could not
                // be staffed stay steered away by `unstaffed` and `solo`). In a small session
                // whose every day turned the sitting away, the reserve itself goes where nothing
                // was taken (one jury hearing 7 orals in a day needs every seat its members have;
                // in large sessions the reserve is what lets stage 2 staff the days).
                for (r, _) in layout.unplaced {
                    let request = problem.requests[r]
                    let needs = problem.seatNeeds(request)
                    let everyDayFull = problem.requests.count <= LayoutSearch.smallSession
                        && feedback.shares.indices.allSatisfy { !layout.dayFits(request, $0) }
                    for kind in SeatKind.allCases where needs[kind.rawValue] > 0 {
                        for d in feedback.shares.indices {
                            let untouched = (feedback.shares[d][kind] ?? Self.initialShare) >= Self.initialShare
                            feedback.shares[d][kind] = everyDayFull && untouched ? 1 : Self.initialShare
                        }
                    }
                }
                continue
            }
            options.progress?("layout \(attempt + 1): \(layout.panels.count) panels for \(problem.requests.count) sittings, \(format(clock.elapsed)) s")
            var panels = base.panels
            var figures = PlanFigures()
            var outcome: Result<([[Int]], [Int?]), DayFailures>?
            if let other = search.better(than: base, feedback) {
                options.progress?("variant \(other.variantIndex) of the layout scores \(format(other.score.2)) against \(format(base.score.2)) by the greedy juries, \(format(clock.elapsed)) s")
                figures.layoutSeconds = clock.elapsed
                if case .success(let found) = convene(other.panels, problem: problem, figures: &figures, clock: clock, budget: budget, staffedByGreedy: true) {
                    (panels, outcome) = (other.panels, .success(found))
                } else {
                    figures = PlanFigures()
                }
            }
            if outcome == nil { figures.layoutSeconds = clock.elapsed }
            // Early layouts of a large session are rejected on the greedy's word alone: GLPK
            // rarely staffs a day the greedy leaves short, and asking it cost a second a day.
            let rescue = attempt >= Self.greedyOnlyAttempts || problem.requests.count <= LayoutSearch.smallSession
            switch outcome ?? convene(panels, problem: problem, figures: &figures, clock: clock, budget: budget, staffedByGreedy: base.staffedByGreedy, rescue: rescue) {
            case .failure(let failures):
                mendOnce(panels, failures.convened, attempt: attempt)
                last = (panels, [])
                reasons = failures.days.map(\.reason)
                for failure in failures.days {
                    options.progress?("\(failure.reason); laying out again without those sittings there")
                    // The kinds of seat those panels need get less of the day next time.
                    var kinds = Set<SeatKind>(failure.panels.isEmpty ? SeatKind.allCases : [])
                    for p in failure.panels {
                        let needs = problem.seatNeeds(problem.requests[panels[p].slots[0].request])
                        for kind in SeatKind.allCases where needs[kind.rawValue] > 0 && kind != .anyone { kinds.insert(kind) }
                    }
                    for kind in kinds { feedback.shares[failure.dayIndex][kind, default: Self.initialShare] *= 0.9 }
                    // First give each of those sittings its own jury (fewer conflicts of interest to
                    // honour at once); if that fails too, steer them to another half-day.
                    for p in failure.panels {
                        for slot in panels[p].slots where !feedback.solo.insert(slot.request).inserted {
                            feedback.unstaffed[slot.request, default: [:]][panels[p].period.index, default: 0] += 1
                        }
                    }
                }
            case .success(let (juries, presidents)):
                figures.jurySeconds = clock.elapsed - figures.layoutSeconds
                return finishBest(panels, juries: juries, presidents: presidents, problem: problem, figures: figures, clock: clock, budget: budget)
            }
        }
        if last != nil { buildOnce(attempt: attempts) }
        if mended == nil, let partial = partlyMended, !partial.left.isEmpty,
           let found = construct(problem: problem, clock: clock, beating: partial, fresh: true) {
            if found.left.isEmpty { mended = (found.plan, attempts) } else { partlyMended = found }
        }
        if let mended { return finishMended(mended.plan, problem: problem, clock: clock, budget: budget) }
        if let partlyMended {
            let reason = "no day, time, room and jury were found for it beside the other sittings (members' availability R9, daily limits R14, conflicts of interest R10, roles R6–R8)"
            return partialOutcome(reasons, panels: partlyMended.plan.panels, unplaced: partlyMended.left.map { ($0, reason) }, problem: problem,
                                  budget: budget, clock: clock, known: (partlyMended.plan.juries, partlyMended.plan.presidents))
        }
        guard let last else { return .notFound(reasons) }
        return partialOutcome(reasons, panels: last.panels, unplaced: last.unplaced, problem: problem, budget: budget, clock: clock)
    }

    /// A layout that could not be placed or staffed whole, mended: its panels keep the juries
    /// found for them, and every sitting left without one is placed with its jury by
    /// `JuryAwareInsertion` (ruin and recreate while some are left); with the sittings that
    /// still have no place.
    func mend(_ panels: [Panel], _ convened: Convened, problem: PlanningProblem, clock: Stopwatch) -> (plan: MendedPlan, left: [Int]) {
        var insertion = JuryAwareInsertion(problem: problem, panels: panels, juries: convened.juries, presidents: convened.presidents)
        let placed = insertion.placedRequests
        let missing = problem.requests.indices.filter { !placed.contains($0) }
        let left = insertion.placeAll(missing, rounds: Self.repairRounds(problem), stop: { clock.elapsed > options.timeLimit })
        options.progress?("mended: \(missing.count - left.count) of \(missing.count) sitting(s) left out placed with their juries, \(format(clock.elapsed)) s")
        return (insertion.plan, left)
    }

    typealias MendedPlan = (panels: [Panel], juries: [[Int]], presidents: [Int?])

    /// Every sitting placed with its jury by `JuryAwareInsertion` from an empty plan, with a few
    /// seeds of ruin and recreate; the first plan that places all, else the one that leaves
    /// fewest out, searched further from it or from `beating` (a mended plan) while sittings are
    /// left. With `fresh` (once the layouts are spent, so that they keep their time): instead,
    /// fresh constructions with further seeds, each new best searched further once. nil unless
    /// it leaves fewer out than `beating`.
    private func construct(problem: PlanningProblem, clock: Stopwatch, beating: (plan: MendedPlan, left: [Int])?, fresh: Bool = false) -> (plan: MendedPlan, left: [Int])? {
        var best: (plan: MendedPlan, left: [Int])?
        let rounds = Self.repairRounds(problem)
        func build(_ seed: UInt64, _ tuning: JuryAwareInsertion.Tuning = .snug) -> Bool {
            var insertion = JuryAwareInsertion(problem: problem, panels: [], juries: [], presidents: [])
            insertion.tuning = tuning
            let left = insertion.placeAll(Array(problem.requests.indices), rounds: rounds, seed: seed, stop: { clock.elapsed > options.timeLimit })
            options.progress?("built from nothing (seed \(seed)): \(problem.requests.count - left.count) of \(problem.requests.count) sittings placed with their juries, \(format(clock.elapsed)) s")
            guard left.count < (best?.left.count ?? beating?.left.count ?? Int.max) else { return false }
            best = (insertion.plan, left)
            return true
        }
        // The best of them searched further, with a fresh seed and every round.
        func deepen(_ seed: UInt64, _ tuning: JuryAwareInsertion.Tuning = .snug) {
            guard let found = best ?? beating, !found.left.isEmpty else { return }
            var insertion = JuryAwareInsertion(problem: problem, panels: found.plan.panels, juries: found.plan.juries, presidents: found.plan.presidents)
            insertion.tuning = tuning
            let left = insertion.placeAll(found.left, rounds: rounds, patience: rounds, seed: seed, stop: { clock.elapsed > options.timeLimit })
            options.progress?("searched further (seed \(seed)): \(problem.requests.count - left.count) of \(problem.requests.count) sittings placed with their juries, \(format(clock.elapsed)) s")
            if left.count < found.left.count { best = (insertion.plan, left) }
        }
        func placedAll() -> Bool { best?.left.isEmpty ?? false }
        if !fresh {
            for seed in Self.constructionSeeds where clock.elapsed < options.timeLimit && !placedAll() { _ = build(seed) }
            for seed in Self.deepeningSeeds where clock.elapsed < options.timeLimit && !placedAll() { deepen(seed) }
            return best
        }
        // Construction is where the early choices are made: a fresh one can succeed where
        // searching further from the best cannot, and the classic tuning where the snug one
        // does not (a black-box CSEC session of 15 candidates, members available 1 h around
        // their sittings: 76 of 77 from every snug seed and deepening).
        for (k, seed) in Self.freshSeeds.enumerated() where clock.elapsed < options.timeLimit && !placedAll() {
            let tuning: JuryAwareInsertion.Tuning = k.isMultiple(of: 2) ? .classic : .snug
            if build(seed, tuning) { deepen(seed + 100, tuning) }
        }
        return best
    }
    static let restaffedMendedSittings = 1_000
    static let constructionSeeds: [UInt64] = [15, 16, 17]
    static let deepeningSeeds: [UInt64] = [18, 19, 20, 21]
    static let freshSeeds: [UInt64] = Array(22...33)

    /// A mended plan convened again by the day models (fewer member-days), warm started by the
    /// insertion's juries, which stand where the models cannot staff a day; in sessions above
    /// `restaffedMendedSittings` the insertion's juries go straight to the improvement.
    private func finishMended(_ mended: MendedPlan, problem: PlanningProblem, clock: Stopwatch,
                              budget: SearchBudget) -> PlanOutcome {
        options.progress?("no layout was staffed whole: the mended plan is finished, \(format(clock.elapsed)) s")
        var figures = PlanFigures()
        figures.layoutSeconds = clock.elapsed
        var (juries, presidents) = (mended.juries, mended.presidents)
        // Large sessions keep the insertion's juries: the improvement convenes members again
        // anyway, and the day models cost half the time for nothing (CSEC 300 over 8 days,
        // seeds 1-3: 169,703 with them in 13.2-16.3 s, 169,808 without in 6.3-7.1 s; 1,000
        // candidates: 187,349 in 55 s, 186,946 in 42 s).
        if problem.requests.count <= Self.restaffedMendedSittings {
            let restaffed = staff(mended.panels, problem: problem, figures: &figures, clock: clock, budget: budget, greedyFirst: false,
                                  known: (mended.juries, mended.presidents))
            if restaffed.failures.isEmpty { (juries, presidents) = (restaffed.juries, restaffed.presidents) }
        }
        figures.jurySeconds = clock.elapsed - figures.layoutSeconds
        return finishBest(mended.panels, juries: juries, presidents: presidents, problem: problem, figures: figures, clock: clock, budget: budget)
    }

    /// The staffed plan finished, or the same plan improved by ruin and recreate
    /// (`JuryAwareInsertion.improve`) and convened again by the day models, whichever scores lower.
    func finishBest(_ panels: [Panel], juries: [[Int]], presidents: [Int?], problem: PlanningProblem, figures: PlanFigures,
                            clock: Stopwatch, budget: SearchBudget) -> PlanOutcome {
        // The plain plan is scored without the exact reassignment, which runs on it only when
        // it is the one returned (the improved plan usually wins: CSEC 100, 0.25 s saved).
        let plain = finish(panels, juries: juries, presidents: presidents, problem: problem, figures: figures, clock: clock, exact: false)
        guard case .planned(let first) = plain else { return plain }
        func plainFinished() -> PlanOutcome {
            finish(panels, juries: juries, presidents: presidents, problem: problem, figures: figures, clock: clock)
        }
        var search = JuryAwareInsertion(problem: problem, panels: panels, juries: juries, presidents: presidents)
        // The snug tuning places what is hard to place; here every sitting has a place and
        // its slack sums cost twice the time (CSEC 100 over 8 days: 6.5 s against 4.5 s).
        search.tuning = .classic
        let before = search.cost
        let rounds = Self.improvementRounds(problem)
        // Between stages the candidates' seats are dealt out again (trades, merged days, the
        // exact reassignment): the rounds after start from days the candidates share better.
        var better = 0
        let stages = Self.improvementStages(problem)
        for stage in 0..<stages {
            better += search.improve(rounds: rounds / stages, seed: 15 + UInt64(stage), stop: { clock.elapsed > options.timeLimit })
            guard stage + 1 < stages, clock.elapsed <= options.timeLimit else { break }
            let ruined = search.cost
            let staged = search.plan
            var reseated = CandidateSwaps(problem: problem, panels: staged.panels, juries: staged.juries)
            if reseated.improve() + reseated.reassign() > 0 {
                _ = reseated.improve()
                var next = JuryAwareInsertion(problem: problem, panels: reseated.panels, juries: staged.juries, presidents: staged.presidents)
                next.tuning = .classic
                if next.cost <= search.cost {
                    if next.cost < search.cost { better += 1 }
                    search = next
                }
            }
            options.progress?("improvement stage \(stage + 1) of \(stages): \(format(ruined)) after ruin and recreate, \(format(search.cost)) with the seats dealt out again, \(format(clock.elapsed)) s")
        }
        options.progress?("improvement: \(better) of \(rounds) ruin-and-recreate rounds lowered member-days, room half-days and candidate-days from \(format(before)) to \(format(search.cost)), \(format(clock.elapsed)) s")
        guard better > 0 else { return plainFinished() }
        let improved = search.plan
        let second = finish(improved.panels, juries: improved.juries, presidents: improved.presidents, problem: problem, figures: figures, clock: clock)
        guard case .planned(let other) = second, other.figures.objective < first.figures.objective else { return plainFinished() }
        options.progress?("improvement kept: objective \(format(other.figures.objective)) against \(format(first.figures.objective))")
        return second
    }

    /// Stages of the improvement, the seats dealt out again between two: 8 up to 600 sittings,
    /// 4 at 1,200, 2 up to 2,000, 1 above (a dealing costs 0.1 s at 565 sittings, 1.1 s at
    /// 1,700: CSEC 100 over 4 days, seeds 1-5, 93,239 with 4 stages and 93,063 with 8; CSEC 300
    /// over 8 days, seeds 1-3, 500 rounds: 169,507 in one stage, 169,107 in two, 1 s more).
    static func improvementStages(_ problem: PlanningProblem) -> Int {
        let sittings = problem.requests.count
        return sittings > 2_000 ? 1 : sittings > 1_200 ? 2 : max(1, min(8, 4_800 / max(1, sittings)))
    }

    /// Rounds of ruin and recreate on a staffed plan (counted, not timed).
    /// About the same work whatever the size: 1,000 rounds up to 860 sittings, 300 from 2,870
    /// (a round costs about as much as a sitting's insertion, whose cost grows with the plan).
    static func improvementRounds(_ problem: PlanningProblem) -> Int {
        max(300, min(1_000, 860_000 / max(1, problem.requests.count)))
    }

    /// The last passes on a staffed plan (trades of sittings between candidates, then rooms
    /// shared in a half-day), each checked by the rule catalogue: one that let a breach through
    /// would be a bug, and the plan without it is kept instead.
    private func finish(_ panels: [Panel], juries: [[Int]], presidents: [Int?], problem: PlanningProblem, figures: PlanFigures,
                        clock: Stopwatch, exact: Bool = true) -> PlanOutcome {
        var swaps = CandidateSwaps(problem: problem, panels: panels, juries: juries)
        // The plain plan is only weighed against the improved one: no merges, no reassignment.
        var trades = swaps.improve(merging: exact)
        let reassigned = exact ? swaps.reassign() : 0
        if reassigned > 0 { trades += reassigned + swaps.improve() }
        options.progress?("\(trades) trade(s) of sittings between candidates (\(reassigned) by exact reassignment), \(format(clock.elapsed)) s")
        var sharing = RoomSharing(problem: problem, panels: swaps.panels, juries: juries)
        let closed = sharing.share()
        options.progress?("\(closed) room half-day(s) closed by sharing rooms, \(format(clock.elapsed)) s")
        var versions = [(panels, "the plan as staffed")]
        if trades > 0 { versions.insert((swaps.panels, "the trades"), at: 0) }
        if closed > 0 { versions.insert((sharing.panels, "the shared rooms"), at: 0) }
        for (k, (version, name)) in versions.enumerated() {
            let schedule = Self.schedule(version, juries: juries, presidents: presidents, problem: problem)
            var measured = figures
            PlanMeasures.fill(&measured, schedule: schedule, campaign: campaign)
            if closed > 0, k == 0 {
                // A shift can miss a candidate's preferred hours: the shared rooms must score better.
                var unshared = figures
                PlanMeasures.fill(&unshared, schedule: Self.schedule(versions[1].0, juries: juries, presidents: presidents, problem: problem), campaign: campaign)
                if unshared.objective <= measured.objective { continue }
            }
            let audit = RuleCatalogue.audit(schedule, against: campaign)
            guard audit.isClean else {
                if k + 1 == versions.count {
                    return .notFound(["internal error: the plan breaks \(audit.breaches.count) rule(s), first \(audit.breaches[0]); it was not written"])
                }
                options.progress?("\(name) break \(audit.breaches[0]); keeping the plan without them")
                continue
            }
            let lower = LowerBound.compute(problem)
            measured.bound = min(lower.bound, measured.objective)
            (measured.memberDaysBound, measured.roomHalfDaysBound, measured.candidateDaysBound) = (lower.memberDays, lower.roomHalfDays, lower.candidateDays)
            measured.seconds = clock.elapsed
            return .planned(Plan(schedule: schedule, figures: measured))
        }
        return .notFound(["internal error: no version of the plan was kept"])
    }

    /// Share of a day's capacity the layout may use at first: panels come in whole sittings and
    /// juries pair a morning with an afternoon, so a day filled to 100 % rarely staffs.
    static let initialShare = 0.92
    /// Ruin-and-recreate rounds a repair may spend on the sittings a layout left out: 2,000,
    /// and up to 8,000 in small sessions, where a round is cheap and the last sittings of a
    /// session whose members are available in exact time ranges take thousands of rounds
    /// (CPAS, 60 candidates: 4 of 8 such sessions placed whole with 2,000, all 8 with 8,000).
    static func repairRounds(_ problem: PlanningProblem) -> Int {
        max(2_000, min(8_000, 800_000 / max(1, problem.requests.count)))
    }
    /// Layouts tried after the first one mended, before the mended plan is taken.
    static let attemptsAfterMending = 6
    /// Above this many sittings the first mended plan is finished at once: a further layout
    /// costs more time than it saves (CSEC over 8 days, 300 candidates: 8.8 s and objective
    /// 56,280 against 11.1 s and 56,525; 1,000: 43 s and 187,967 against 79 s and 205,449).
    static let largeSession = 1_000
    /// Failed layouts mended at most in a run (each may spend `repairRounds(_:)`).
    static let mendings = 3
    static let layoutAttempts = 30
    /// A day of up to this many panels that the greedy leaves short gets up to `searchNodes`
    /// branch-and-bound nodes.
    static let searchedPanels = 30
    static let searchNodes = 10_000

    /// Day searches left in a run (a session whose layouts keep failing would otherwise spend
    /// its whole time limit searching).
    final class SearchBudget {
        var searches = 60
    }
    /// Attempts whose probe does not ask GLPK to rescue a day (sessions above `LayoutSearch.smallSession`).
    static let greedyOnlyAttempts = 10
    /// Sessions of up to `LayoutSearch.smallSession` sittings lay out in milliseconds: they get
    /// more attempts, so that tight hand-made sessions are found.
    static let smallSessionAttempts = 300

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
    private func convene(_ panels: [Panel], problem: PlanningProblem, figures: inout PlanFigures, clock: Stopwatch, budget: SearchBudget,
                         staffedByGreedy: Bool,
                         rescue: Bool = true) -> Result<([[Int]], [Int?]), DayFailures> {
        var probe = PlanFigures()
        if !staffedByGreedy,
           case .failure(let failures) = convene(panels, problem: problem, figures: &probe, clock: clock, budget: budget, greedyFirst: true, rescue: rescue) {
            return .failure(failures)
        }
        return convene(panels, problem: problem, figures: &figures, clock: clock, budget: budget, greedyFirst: false)
    }

    private func convene(_ panels: [Panel], problem: PlanningProblem, figures: inout PlanFigures, clock: Stopwatch, budget: SearchBudget,
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
    private func unstaffed(_ empty: [Int], _ staffing: [PanelStaffing], _ panelIDs: [Int], dayIndex: Int) -> DayFailure {
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

func format(_ x: Double) -> String { x.isFinite ? String(format: "%.2f", x) : "–" }

/// Monotonic wall time since creation.
struct Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds
    var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}
