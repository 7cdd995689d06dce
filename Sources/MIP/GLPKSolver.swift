// The GLPK backend: the only file that imports CGLPK and the only place with unsafe pointers.
//
// GLPK reports invalid arguments with xerror, which calls abort() (or longjmps out of a hook
// installed with glp_error_hook; the hook may not return). Unwinding Swift frames with
// longjmp is undefined behaviour, so no hook is installed: instead the model is validated in
// Swift (Model.validationError, solverBounds, sanitizedNames) before any GLPK call, and every
// index passed below is derived from those checked counts.

import CGLPK
import Foundation

/// Serializes GLPK use in the process. GLPK keeps its environment (terminal output flag,
/// memory bookkeeping) globally or per thread depending on how it was built, and a problem
/// object must be freed on the thread that created it; one solve at a time is the safe choice.
private let glpkLock = NSLock()

public struct GLPKSolver: MIPSolver, Sendable {
    public init() {}

    /// Solves `model` with GLPK. Builds a fresh glp_prob per call (the model is only read), so
    /// repeated solves of one model are independent. Deterministic unless a time limit is hit.
    public func solve(_ model: Model, _ parameters: SolveParameters) -> SolveResult {
        let clock = Stopwatch()
        var result = glpkLock.withLock { GLPKRun(model: model, parameters: parameters, clock: clock).run() }
        result.elapsed = clock.elapsed
        return result
    }
}

extension Model {
    /// Writes the model in CPLEX LP format with GLPK's writer (names sanitized, see
    /// `sanitizedNames`). Throws `MIPError.invalidModel` or `MIPError.writeFailed`.
    public func writeLP(to path: String) throws {
        if let message = validationError() { throw MIPError.invalidModel(message) }
        try glpkLock.withLock {
            let previousOutput = glp_term_out(GLP_OFF)
            defer { glp_term_out(previousOutput) }
            let problem = GLPKProblem(self, bounds: solverBounds(), named: true)
            if glp_write_lp(problem.pointer, nil, path) != 0 { throw MIPError.writeFailed(path: path) }
        }
    }
}

// MARK: - Problem object

/// GLPK arrays are 1-based (element 0 is ignored): the one place that shifts them.
private func oneBased<T>(_ values: [T], placeholder: T) -> [T] {
    var result = [placeholder]
    result.reserveCapacity(values.count + 1)
    result.append(contentsOf: values)
    return result
}

/// GLPK row/column number of a 0-based model index.
private func glpkIndex(_ index: Int) -> Int32 { Int32(index + 1) }

/// Maps bounds (validated: no NaN, lower ≠ +∞, upper ≠ −∞) to a GLPK bound type.
private func glpkBounds(_ lower: Double, _ upper: Double) -> (type: Int32, lower: Double, upper: Double) {
    switch (lower == -.infinity, upper == .infinity) {
    case (true, true): return (GLP_FR, 0, 0)
    case (false, true): return (GLP_LO, lower, 0)
    case (true, false): return (GLP_UP, 0, upper)
    case (false, false): return lower == upper ? (GLP_FX, lower, lower) : (GLP_DB, lower, upper)
    }
}

/// Owns one glp_prob, freed in deinit. Always created, used and released while holding
/// glpkLock, on one thread.
private final class GLPKProblem {
    let pointer: OpaquePointer

    /// Loads a model that passed `validationError()`. Names (sanitized) are given only to a
    /// model that is written out: solving never reads them, and sanitizing every row and column
    /// name took 4 % of a plan's time.
    init(_ model: Model, bounds: [(lower: Double, upper: Double)], named: Bool = false) {
        pointer = glp_create_prob()
        let p = pointer
        if named {
            glp_set_prob_name(p, sanitizedNames([model.name], emptyPrefix: "model")[0])
            glp_set_obj_name(p, "obj")
        }
        glp_set_obj_dir(p, model.objectiveSense == .maximize ? GLP_MAX : GLP_MIN)
        let n = model.variableCount, m = model.constraintCount
        if n > 0 { glp_add_cols(p, Int32(n)) }   // GLPK rejects adding zero columns/rows
        if m > 0 { glp_add_rows(p, Int32(m)) }

        let columnNames = named ? sanitizedNames(model.variableData.map(\.name), emptyPrefix: "x") : []
        let costs = model.objectiveCoefficients()
        for j in 0..<n {
            let column = glpkIndex(j)
            if named { glp_set_col_name(p, column, columnNames[j]) }
            if model.variableData[j].kind != .continuous { glp_set_col_kind(p, column, GLP_IV) }
            let b = glpkBounds(bounds[j].lower, bounds[j].upper)
            glp_set_col_bnds(p, column, b.type, b.lower, b.upper)
            glp_set_obj_coef(p, column, costs[j])
        }
        glp_set_obj_coef(p, 0, model.objectiveExpression.constant)   // column 0 = constant term

        let rowNames = named ? sanitizedNames(model.rowNames, emptyPrefix: "c") : []
        var rowOf: [Int32] = [], columnOf: [Int32] = [], value: [Double] = []
        rowOf.reserveCapacity(model.nonZeroCount)
        columnOf.reserveCapacity(model.nonZeroCount)
        value.reserveCapacity(model.nonZeroCount)
        for i in 0..<m {
            let row = glpkIndex(i), rhs = model.rowRHS[i]
            if named { glp_set_row_name(p, row, rowNames[i]) }
            switch model.rowSenses[i] {
            case .lessOrEqual: glp_set_row_bnds(p, row, GLP_UP, 0, rhs)
            case .greaterOrEqual: glp_set_row_bnds(p, row, GLP_LO, rhs, 0)
            case .equal: glp_set_row_bnds(p, row, GLP_FX, rhs, rhs)
            }
            // Entries are merged per row already; zeros are skipped since GLPK wants none.
            for k in model.rowStart[i]..<model.rowStart[i + 1] where model.entryValue[k] != 0 {
                rowOf.append(row)
                columnOf.append(glpkIndex(model.entryColumn[k]))
                value.append(model.entryValue[k])
            }
        }
        // One bulk load: far faster than a glp_set_mat_row per row for large models.
        if !value.isEmpty {
            glp_load_matrix(p, Int32(value.count), oneBased(rowOf, placeholder: 0),
                            oneBased(columnOf, placeholder: 0), oneBased(value, placeholder: 0))
        }
    }

    deinit { glp_delete_prob(pointer) }

    var columnCount: Int { Int(glp_get_num_cols(pointer)) }

    /// Runs the simplex method; returns GLPK's code. Without presolve the LP is scaled first
    /// (glp_simplex does not scale on its own) and the final basis stays available to
    /// glp_intopt, which needs an optimal one.
    func simplex(presolve: Bool, verbose: Bool, timeLimit: Int32) -> Int32 {
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = verbose ? GLP_MSG_ON : GLP_MSG_OFF
        parm.presolve = presolve ? GLP_ON : GLP_OFF
        parm.tm_lim = timeLimit
        if !presolve { glp_scale_prob(pointer, GLP_SF_AUTO) }
        return glp_simplex(pointer, &parm)
    }

    var lpValues: [Double] { (0..<columnCount).map { glp_get_col_prim(pointer, glpkIndex($0)) } }
    var mipValues: [Double] { (0..<columnCount).map { glp_mip_col_val(pointer, glpkIndex($0)) } }
}

private func describe(_ code: Int32, _ routine: String) -> String {
    let text: String
    switch code {
    case GLP_EBADB: text = "invalid initial basis"
    case GLP_ESING: text = "singular basis matrix"
    case GLP_ECOND: text = "ill-conditioned basis matrix"
    case GLP_EBOUND: text = "incorrect bounds"
    case GLP_EFAIL: text = "solver failure (numerical difficulties)"
    case GLP_EOBJLL, GLP_EOBJUL: text = "objective limit reached"
    case GLP_EITLIM: text = "iteration limit exceeded"
    case GLP_EROOT: text = "optimal basis of the root LP relaxation not provided"
    case GLP_ENOCVG: text = "no convergence"
    case GLP_EINSTAB: text = "numerical instability"
    case GLP_EDATA: text = "invalid data"
    case GLP_ERANGE: text = "result out of range"
    default: text = "unexpected return code"
    }
    return "\(routine) failed with code \(code): \(text)"
}

// MARK: - Branch-and-cut callback

/// State shared with the glp_intopt callback through cb_info (an unretained pointer; the
/// monitor is kept alive by withExtendedLifetime around glp_intopt).
private final class SearchMonitor {
    let warmStart: [Double]?   // already 1-based for glp_ios_heur_sol
    let nodeLimit: Int?
    let progress: (@Sendable (SolveProgress) -> Void)?
    let maximize: Bool
    let clock: Stopwatch
    var warmStartOffered = false
    var bound: Double?
    var incumbent: Double?
    var nodes = 0
    var lastReport = 0.0

    init(warmStart: [Double]?, parameters: SolveParameters, maximize: Bool, clock: Stopwatch) {
        self.warmStart = warmStart.map { oneBased($0, placeholder: 0) }
        nodeLimit = parameters.nodeLimit
        progress = parameters.progress
        self.maximize = maximize
        self.clock = clock
    }

    func handle(_ tree: OpaquePointer) {
        let problem = glp_ios_get_prob(tree)
        var total: Int32 = 0
        glp_ios_tree_size(tree, nil, nil, &total)
        nodes = Int(total)
        let reason = glp_ios_reason(tree)
        // The global bound only improves during the search, so the best value seen is valid at
        // the end even though the tree is gone by then. Unsolved nodes carry ±DBL_MAX. Finding
        // the best node scans the active list, so it is done once per node (ISELECT precedes
        // every limit check) and on new incumbents, not on every callback.
        let best = reason == GLP_ISELECT || reason == GLP_IBINGO ? glp_ios_best_node(tree) : 0
        if best != 0 {
            let b = glp_ios_node_bound(tree, best)
            if abs(b) < 1e300 { bound = bound.map { maximize ? min($0, b) : max($0, b) } ?? b }
        }
        // Offer the warm start once, at the first heuristic opportunity (the root). GLPK does
        // not check feasibility (done in Swift) and indexes x by the tree's columns, which match
        // the model only when the MIP presolver is off; the count check guards that.
        if reason == GLP_IHEUR, !warmStartOffered, let warmStart {
            warmStartOffered = true
            if Int(glp_get_num_cols(problem)) == warmStart.count - 1 { _ = glp_ios_heur_sol(tree, warmStart) }
        }
        var improved = false
        if glp_mip_status(problem) == GLP_FEAS {
            let value = glp_mip_obj_val(problem)
            improved = incumbent != value
            incumbent = value
        }
        if let progress {
            let now = clock.elapsed
            if improved || now - lastReport >= 1 {
                lastReport = now
                progress(SolveProgress(incumbent: incumbent, bestBound: bound, gap: relativeGap(incumbent, bound),
                                  elapsed: now, nodes: nodes))
            }
        }
        if let nodeLimit, nodes > nodeLimit { glp_ios_terminate(tree) }
    }
}

private func glpkSearchCallback(_ tree: OpaquePointer?, _ info: UnsafeMutableRawPointer?) {
    guard let tree, let info else { return }
    Unmanaged<SearchMonitor>.fromOpaque(info).takeUnretainedValue().handle(tree)
}

// MARK: - One solve

private struct GLPKRun {
    let model: Model
    let parameters: SolveParameters
    let clock: Stopwatch

    private var maximize: Bool { model.objectiveSense == .maximize }

    func run() -> SolveResult {
        if let message = model.validationError() { return SolveResult(reason: .error("invalid model: \(message)")) }
        if let message = parameters.validationError() {
            return SolveResult(reason: .error("invalid parameters: \(message)"))
        }
        let bounds = model.solverBounds()
        // An integer variable whose bounds contain no integer: infeasible, decided without GLPK.
        if bounds.contains(where: { $0.lower > $0.upper }) { return SolveResult(reason: .infeasible) }
        let warm = parameters.warmStart.flatMap(model.acceptedWarmStart)

        let previousOutput = glp_term_out(parameters.verbose ? GLP_ON : GLP_OFF)
        defer { glp_term_out(previousOutput) }
        let problem = GLPKProblem(model, bounds: bounds, named: parameters.writeLPPath != nil)
        if let path = parameters.writeLPPath, glp_write_lp(problem.pointer, nil, path) != 0 {
            return SolveResult(reason: .error(MIPError.writeFailed(path: path).description))
        }
        let outcome = model.hasIntegerVariables ? solveMIP(problem, warmStart: warm?.values) : solveLP(problem)
        return outcome.finished(warmStart: warm, sense: model.objectiveSense, relativeGap: parameters.relativeGap)
    }

    /// GLPK's tm_lim (ms) for the time left; Int32.max is GLPK's "no limit"; nil if none is left.
    private func millisecondsLeft() -> Int32? {
        guard let limit = parameters.timeLimit, limit.isFinite else { return Int32.max }
        let left = limit - clock.elapsed
        if left <= 0 { return nil }
        return Int32(min((left * 1000).rounded(.up), Double(Int32.max - 1)))
    }

    private func solveLP(_ problem: GLPKProblem) -> SolveResult {
        guard let time = millisecondsLeft() else { return SolveResult(reason: .noSolutionAtLimit) }
        let p = problem.pointer
        switch problem.simplex(presolve: parameters.presolve, verbose: parameters.verbose, timeLimit: time) {
        case 0: break
        case GLP_ENOPFS: return SolveResult(reason: .infeasible)
        case GLP_ENODFS: return SolveResult(reason: classifyDualInfeasible(problem))
        case GLP_ETMLIM, GLP_EITLIM:
            guard glp_get_prim_stat(p) == GLP_FEAS else { return SolveResult(reason: .noSolutionAtLimit) }
            return SolveResult(reason: .feasibleAtLimit, objective: glp_get_obj_val(p), values: problem.lpValues)
        case let code: return SolveResult(reason: .error(describe(code, "glp_simplex")))
        }
        switch glp_get_status(p) {
        case GLP_OPT:
            let objective = glp_get_obj_val(p)
            return SolveResult(reason: .optimal, objective: objective, bestBound: objective, values: problem.lpValues)
        case GLP_NOFEAS, GLP_INFEAS: return SolveResult(reason: .infeasible)
        case GLP_UNBND: return SolveResult(reason: .unbounded)
        case let status: return SolveResult(reason: .error("glp_simplex ended with undetermined status \(status)"))
        }
    }

    /// The presolvers report "no dual feasible solution" for both unbounded and
    /// infeasible-and-unbounded relaxations; a plain simplex run on the original LP tells them apart.
    private func classifyDualInfeasible(_ problem: GLPKProblem) -> TerminationReason {
        guard let time = millisecondsLeft() else { return .noSolutionAtLimit }
        switch problem.simplex(presolve: false, verbose: parameters.verbose, timeLimit: time) {
        case 0: break
        case GLP_ETMLIM, GLP_EITLIM: return .noSolutionAtLimit
        case let code: return .error(describe(code, "glp_simplex"))
        }
        switch glp_get_status(problem.pointer) {
        case GLP_UNBND: return .unbounded
        case GLP_NOFEAS, GLP_INFEAS: return .infeasible
        case let status: return .error("LP relaxation has no dual feasible solution (status \(status))")
        }
    }

    private func solveMIP(_ problem: GLPKProblem, warmStart: [Double]?) -> SolveResult {
        let p = problem.pointer
        // The MIP presolver hands the callback a transformed problem whose columns do not match
        // the model, so a warm start needs it off; then glp_intopt needs the LP relaxation's
        // optimal basis, which a plain simplex run provides (and whose value bounds the MIP).
        let mipPresolve = parameters.presolve && warmStart == nil
        var rootBound: Double?
        if !mipPresolve {
            guard let time = millisecondsLeft() else { return SolveResult(reason: .noSolutionAtLimit) }
            switch problem.simplex(presolve: false, verbose: parameters.verbose, timeLimit: time) {
            case 0: break
            case GLP_ETMLIM, GLP_EITLIM: return SolveResult(reason: .noSolutionAtLimit)
            case let code: return SolveResult(reason: .error(describe(code, "glp_simplex")))
            }
            switch glp_get_status(p) {
            case GLP_OPT: rootBound = glp_get_obj_val(p)
            case GLP_NOFEAS, GLP_INFEAS: return SolveResult(reason: .infeasible)
            // An unbounded relaxation (with rational data) makes the MIP unbounded if it is
            // feasible at all; proving feasibility is not attempted.
            case GLP_UNBND: return SolveResult(reason: .unbounded)
            case let status: return SolveResult(reason: .error("LP relaxation ended with status \(status)"))
            }
        }
        guard let time = millisecondsLeft() else {
            return SolveResult(reason: .noSolutionAtLimit, bestBound: rootBound)
        }
        let monitor = SearchMonitor(warmStart: warmStart, parameters: parameters, maximize: maximize, clock: clock)
        var parm = glp_iocp()
        glp_init_iocp(&parm)
        parm.msg_lev = parameters.verbose ? GLP_MSG_ON : GLP_MSG_OFF
        parm.presolve = mipPresolve ? GLP_ON : GLP_OFF
        parm.mip_gap = parameters.relativeGap
        parm.tm_lim = time
        if parameters.cuts {
            parm.clq_cuts = GLP_ON
            parm.mir_cuts = GLP_ON
            parm.cov_cuts = GLP_ON
            parm.gmi_cuts = GLP_ON
        }
        if parameters.proximitySearch { parm.ps_heur = GLP_ON }
        parm.cb_func = glpkSearchCallback
        parm.cb_info = Unmanaged.passUnretained(monitor).toOpaque()
        let code = withExtendedLifetime(monitor) { glp_intopt(p, &parm) }

        let status = glp_mip_status(p)
        let hasSolution = status == GLP_OPT || status == GLP_FEAS
        let objective = hasSolution ? glp_mip_obj_val(p) : nil
        let values = hasSolution ? problem.mipValues : []
        // Both are valid bounds; keep the stronger.
        let bound = [monitor.bound, rootBound].compactMap { $0 }.reduce(nil as Double?) { best, b in
            best.map { maximize ? min($0, b) : max($0, b) } ?? b
        }
        func result(_ reason: TerminationReason, bound: Double?) -> SolveResult {
            SolveResult(reason: reason, objective: objective, bestBound: bound, values: values, nodes: monitor.nodes)
        }
        switch code {
        case 0 where status == GLP_OPT: return result(.optimal, bound: objective)   // search completed
        case 0 where status == GLP_NOFEAS: return result(.infeasible, bound: nil)
        case GLP_EMIPGAP where hasSolution: return result(.optimal, bound: bound)
        case GLP_ETMLIM, GLP_ESTOP: return result(hasSolution ? .feasibleAtLimit : .noSolutionAtLimit, bound: bound)
        case GLP_ENOPFS: return result(.infeasible, bound: nil)
        case GLP_ENODFS: return result(classifyDualInfeasible(problem), bound: nil)
        case 0: return result(.error("glp_intopt ended with undetermined status \(status)"), bound: nil)
        default: return result(.error(describe(code, "glp_intopt")), bound: nil)
        }
    }
}
