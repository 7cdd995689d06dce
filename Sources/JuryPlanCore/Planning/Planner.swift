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
            let searches = min(Self.placeSearchSeeds.count, max(1, Self.placeSearchTotalWork / Self.placeSearchWork(problem)))
            for seed in Self.placeSearchSeeds.prefix(searches) {
                guard let found = best ?? beating, !found.left.isEmpty, clock.elapsed < options.timeLimit else { break }
                if let searched = searchPlaces(from: found, problem: problem, clock: clock, seed: seed), searched.left.count < found.left.count {
                    best = searched
                }
            }
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
}

func format(_ x: Double) -> String { x.isFinite ? String(format: "%.2f", x) : "–" }

/// Monotonic wall time since creation.
struct Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds
    var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
}
