// Solver-independent solve parameters and results.

public struct SolveParameters: Sendable {
    /// Wall-clock limit in seconds (nil: none). Limits make results timing-dependent. (With the
    /// MIP presolver GLPK does not time-limit the root LP relaxation, only the search after it.)
    public var timeLimit: Double?
    /// Stop when |incumbent - bound| / |incumbent| ≤ relativeGap (GLPK's mip_gap).
    public var relativeGap: Double
    /// Deterministic work limit: stop branch-and-cut once the search tree has generated more
    /// than this many nodes (the root is node 1; 0 stops before the root is solved).
    public var nodeLimit: Int?
    public var presolve: Bool
    /// Solver terminal output; off unless true.
    public var verbose: Bool
    /// A full assignment (one value per variable, model order). If it is feasible (checked in
    /// Swift, tolerance 1e-6) it is offered to the solver as a first incumbent and returned if
    /// the solver finds nothing better within its limits; otherwise it is ignored.
    public var warmStart: [Double]?
    /// If set, the model is written there in CPLEX LP format before solving.
    public var writeLPPath: String?
    /// Cutting planes (clique, mixed-integer rounding, cover, Gomory) at the root.
    public var cuts = false
    /// GLPK's proximity search heuristic: looks for a better incumbent near the current one
    /// (useful with a warm start).
    public var proximitySearch = false
    /// Called from inside the solve (on the solving thread) on every new incumbent and at most
    /// about once per second otherwise. Must not call back into the solver.
    public var progress: (@Sendable (SolveProgress) -> Void)?

    public init(
        timeLimit: Double? = nil, relativeGap: Double = 1e-4, nodeLimit: Int? = nil,
        presolve: Bool = true, verbose: Bool = false, warmStart: [Double]? = nil,
        writeLPPath: String? = nil, progress: (@Sendable (SolveProgress) -> Void)? = nil
    ) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.nodeLimit = nodeLimit
        self.presolve = presolve
        self.verbose = verbose
        self.warmStart = warmStart
        self.writeLPPath = writeLPPath
        self.progress = progress
    }

    /// Describes the first invalid parameter, or nil.
    public func validationError() -> String? {
        if let t = timeLimit, t.isNaN || t < 0 { return "time limit \(t) must be ≥ 0" }
        if !relativeGap.isFinite || relativeGap < 0 { return "relative gap \(relativeGap) must be finite and ≥ 0" }
        if let n = nodeLimit, n < 0 { return "node limit \(n) must be ≥ 0" }
        return nil
    }
}

/// A snapshot of a running branch-and-cut search.
public struct SolveProgress: Sendable {
    public var incumbent: Double?
    public var bestBound: Double?
    /// `relativeGap(incumbent, bestBound)`, nil until both exist.
    public var gap: Double?
    /// Seconds since the solve started.
    public var elapsed: Double
    /// Branch-and-bound nodes generated so far.
    public var nodes: Int

    public init(incumbent: Double?, bestBound: Double?, gap: Double?, elapsed: Double, nodes: Int) {
        self.incumbent = incumbent
        self.bestBound = bestBound
        self.gap = gap
        self.elapsed = elapsed
        self.nodes = nodes
    }
}

public enum TerminationReason: Sendable, Equatable, CustomStringConvertible {
    /// Proven optimal within `relativeGap`.
    case optimal
    /// A time or node limit was reached with a feasible solution.
    case feasibleAtLimit
    /// Proven infeasible (LP relaxation infeasible or no integer solution).
    case infeasible
    case unbounded
    /// A limit was reached before any feasible solution was known.
    case noSolutionAtLimit
    /// Invalid model or parameters, or a solver failure, described.
    case error(String)

    public var description: String {
        switch self {
        case .optimal: return "optimal"
        case .feasibleAtLimit: return "feasible (limit reached)"
        case .infeasible: return "infeasible"
        case .unbounded: return "unbounded"
        case .noSolutionAtLimit: return "no solution (limit reached)"
        case .error(let message): return "error: \(message)"
        }
    }

    /// True for the reasons that come with a solution.
    public var hasSolution: Bool { self == .optimal || self == .feasibleAtLimit }
}

public struct SolveResult: Sendable {
    public var reason: TerminationReason
    /// Objective of `values`, nil without a solution.
    public var objective: Double?
    /// Best proven bound on the optimum (≤ objective when minimizing, ≥ when maximizing);
    /// equals the objective when the search finished; nil when unknown.
    public var bestBound: Double?
    /// `relativeGap(objective, bestBound)`; nil if either is missing.
    public var gap: Double?
    /// One value per variable in model order; empty without a solution.
    public var values: [Double]
    /// Wall-clock seconds spent in `solve`.
    public var elapsed: Double
    /// Branch-and-bound nodes generated (0 for pure LPs and presolve-only solves).
    public var nodes: Int

    public init(
        reason: TerminationReason, objective: Double? = nil, bestBound: Double? = nil, gap: Double? = nil,
        values: [Double] = [], elapsed: Double = 0, nodes: Int = 0
    ) {
        self.reason = reason
        self.objective = objective
        self.bestBound = bestBound
        self.gap = gap
        self.values = values
        self.elapsed = elapsed
        self.nodes = nodes
    }

    public var hasSolution: Bool { !values.isEmpty }

    /// Value of `variable`; NaN if there is no solution (so misuse is visible, not zero).
    public func value(_ variable: Variable) -> Double {
        values.indices.contains(variable.index) ? values[variable.index] : .nan
    }

    /// For binaries: value > 0.5 (robust to solver round-off).
    public func isOne(_ variable: Variable) -> Bool { value(variable) > 0.5 }
}

extension SolveResult {
    /// Solver-independent post-processing: falls back to the (already verified) warm start when
    /// it beats what the solver returned, clips the bound to the objective (round-off), fills
    /// in the gap, and upgrades a limit result whose gap is within `relativeGap` to optimal.
    func finished(
        warmStart warm: (values: [Double], objective: Double)?, sense: ObjectiveSense, relativeGap limit: Double
    ) -> SolveResult {
        let maximize = sense == .maximize
        var r = self
        if let warm, r.reason == .optimal || r.reason == .feasibleAtLimit || r.reason == .noSolutionAtLimit {
            let tolerance = 1e-9 * max(1, abs(warm.objective))
            let warmIsBetter = r.objective.map {
                maximize ? warm.objective > $0 + tolerance : warm.objective < $0 - tolerance
            } ?? true
            if warmIsBetter {
                r.values = warm.values
                r.objective = warm.objective
                if r.reason == .noSolutionAtLimit { r.reason = .feasibleAtLimit }
            }
        }
        if !r.reason.hasSolution { r.values = []; r.objective = nil }
        if let objective = r.objective, let bound = r.bestBound {
            r.bestBound = maximize ? max(bound, objective) : min(bound, objective)
        }
        r.gap = relativeGap(r.objective, r.bestBound)
        if r.reason == .feasibleAtLimit, let gap = r.gap, gap <= limit { r.reason = .optimal }
        return r
    }
}

/// Relative gap between an objective value and a bound:
/// `|objective - bound| / max(1e-9, |objective|)`.
/// (GLPK uses `|objective| + DBL_EPSILON` as the denominator; the 1e-9 floor keeps gaps of
/// near-zero objectives finite and comparable.)
public func relativeGap(_ objective: Double?, _ bound: Double?) -> Double? {
    guard let objective, let bound else { return nil }
    return abs(objective - bound) / max(1e-9, abs(objective))
}

public protocol MIPSolver {
    /// Solves `model`. Never traps on an invalid model: that is reported as `.error`.
    func solve(_ model: Model, _ parameters: SolveParameters) -> SolveResult
}

extension MIPSolver {
    public func solve(_ model: Model) -> SolveResult { solve(model, SolveParameters()) }
}

public enum MIPError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidModel(String)
    case writeFailed(path: String)

    public var description: String {
        switch self {
        case .invalidModel(let message): return "invalid model: \(message)"
        case .writeFailed(let path): return "could not write LP file '\(path)'"
        }
    }
}

/// Wall-clock seconds since creation (monotonic).
struct Stopwatch {
    private let start = ContinuousClock.now
    var elapsed: Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
