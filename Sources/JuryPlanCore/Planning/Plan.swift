/// What a plan costs by each criterion of SPEC §1.3, and how it was found.
public struct PlanFigures: Sendable, Equatable {
    public var memberDays = 0
    public var roomHalfDays = 0
    public var daysOpened = 0
    public var candidateDays = 0
    /// Extra meetings of a candidate with a member beyond the first (objective 4).
    public var repeatedExaminers = 0
    /// Load of the busiest convened member minus the least busy, in sittings (objective 5).
    public var imbalance = 0
    public var preferencesMet = 0
    public var preferencesTotal = 0
    public var sittings = 0
    public var rows = 0

    public var objective = 0.0
    /// A lower bound on the objective of any plan of the campaign (`LowerBound`).
    public var bound = 0.0
    /// The bound's parts: member-days, room half-days and candidate-days no plan can go below.
    public var memberDaysBound = 0
    public var roomHalfDaysBound = 0
    public var candidateDaysBound = 0
    public var seconds = 0.0
    /// Time to the final layout, earlier layouts and their jury attempts included.
    public var layoutSeconds = 0.0
    public var jurySeconds = 0.0
    /// Sizes of the jury models, summed over days.
    public var modelRows = 0
    public var modelColumns = 0
    public var modelNonZeros = 0
    /// Days whose jury model GLPK proved optimal (within the gap), out of the days planned.
    public var daysProvedOptimal = 0
    public var daysPlanned = 0
    /// Planned by the fixed-committee route (`Planning/Committee/`), not in panels.
    public var committeeRoute = false
    /// Committee route: plans kept after the first construction (the second construction,
    /// deeper ejection chains, MIP neighbourhoods), each better than the one before.
    public var improvements = 0

    public init() {}

    /// (objective − bound) / objective.
    public var gap: Double { objective > 0 ? max(0, objective - bound) / objective : 0 }
    public var preferencesUnmet: Int { preferencesTotal - preferencesMet }
}

/// A sitting the planner could not place, and why, in the users' terms.
public struct UnplacedSitting: Sendable, Hashable {
    public var exam: String
    /// Candidate ids (one for an oral, several for a group sitting).
    public var candidates: [String]
    public var reason: String
    /// True when the reason proves that no plan can hold the sitting (not only this one).
    public var proven: Bool

    public init(exam: String, candidates: [String], reason: String, proven: Bool = false) {
        self.exam = exam
        self.candidates = candidates
        self.reason = reason
        self.proven = proven
    }

    public var description: String { "\(exam) of \(candidates.joined(separator: ", ")): \(reason)" }
}

/// A timetable and its figures; a partial plan also lists the sittings it could not place
/// (its schedule keeps every rule for the sittings it holds).
public struct Plan: Sendable {
    public var schedule: Schedule
    public var figures: PlanFigures
    public var unplaced: [UnplacedSitting] = []

    public init(schedule: Schedule, figures: PlanFigures, unplaced: [UnplacedSitting] = []) {
        self.schedule = schedule
        self.figures = figures
        self.unplaced = unplaced
    }

    public var isPartial: Bool { !unplaced.isEmpty }
}

/// What `plan` comes to.
public enum PlanOutcome: Sendable {
    case planned(Plan)
    /// No plan can exist; the reasons in the users' terms.
    case infeasible([String])
    /// None found within the limits, without proof that none exists; the best partial plan
    /// found, when there is one (its `unplaced` say what is missing and why).
    case notFound([String], partial: Plan? = nil)
}

/// Options of the planner.
public struct PlanOptions: Sendable {
    /// Wall-clock budget in seconds for the whole run (a safety net; the node limit is what
    /// keeps results identical between runs).
    public var timeLimit: Double = 60
    /// Relative gap at which a day's jury model counts as solved.
    public var gap: Double = 0.001
    /// Branch-and-bound nodes per day model: a deterministic work limit. Measured: beyond the
    /// root, GLPK's search did not improve the warm start at 10 or 100 nodes (README, Benchmarks).
    public var nodeLimit: Int = 1
    /// GLPK's proximity search in the day models (`--polish`, see `SolveParameters`).
    public var proximitySearch = false
    /// Writes each day's jury model in CPLEX LP format to this folder.
    public var writeLPFolder: String?
    public var progress: (@Sendable (String) -> Void)?
    /// Return the best partial plan (`.planned` with `unplaced`) when not every sitting can be
    /// placed, instead of failing (`plan --allow-partial`).
    public var allowPartial = false
    /// A schedule to start from (`plan --from FILE`): its lawful rows are kept as a first plan
    /// that the search then improves (sessions of fixed committees).
    public var startFrom: Schedule?

    public init(timeLimit: Double = 60, gap: Double = 0.001) {
        self.timeLimit = timeLimit
        self.gap = gap
    }
}
