// Pure-Swift checks and derived data used before a model is handed to a solver.
// GLPK aborts the process on invalid arguments (there is no recoverable error path: its
// error hook may not return, and longjmp-ing out of Swift frames is undefined), so every
// value it will see is checked here first.

extension Model {
    /// The largest model GLPK can address with its `int` indices (kept well below INT_MAX
    /// because GLPK's own arrays hold count + 1 entries).
    static let maximumCount = 100_000_000

    /// Describes the first reason this model cannot be given to a solver, or nil if it is valid.
    /// Checked: every variable index in constraints and objective; bounds (no NaN,
    /// lower ≤ upper, lower ≠ +∞, upper ≠ −∞); all coefficients, right-hand sides and the
    /// objective constant finite; sizes within GLPK's `int` range.
    public func validationError() -> String? {
        let n = variableData.count
        if n > Model.maximumCount || constraintCount > Model.maximumCount || nonZeroCount > Model.maximumCount {
            return "model too large for GLPK (\(n) variables, \(constraintCount) constraints, \(nonZeroCount) nonzeros)"
        }
        for (j, v) in variableData.enumerated() {
            let what = "variable \(j) '\(v.name)'"
            if v.lowerBound.isNaN || v.upperBound.isNaN { return "\(what): bound is NaN" }
            if v.lowerBound == .infinity { return "\(what): lower bound is +infinity" }
            if v.upperBound == -.infinity { return "\(what): upper bound is -infinity" }
            if v.lowerBound > v.upperBound {
                return "\(what): lower bound \(v.lowerBound) > upper bound \(v.upperBound)"
            }
            if !v.objective.isFinite { return "\(what): objective coefficient \(v.objective) is not finite" }
        }
        for i in 0..<constraintCount {
            let what = "constraint \(i) '\(rowNames[i])'"
            if !rowRHS[i].isFinite { return "\(what): right-hand side \(rowRHS[i]) is not finite" }
            for k in rowStart[i]..<rowStart[i + 1] {
                if !(0..<n).contains(entryColumn[k]) {
                    return "\(what): variable index \(entryColumn[k]) is not in this model (0..<\(n))"
                }
                if !entryValue[k].isFinite {
                    return "\(what): coefficient \(entryValue[k]) of variable \(entryColumn[k]) is not finite"
                }
            }
        }
        if !objectiveExpression.constant.isFinite { return "objective constant is not finite" }
        for (index, coefficient) in objectiveExpression.terms {
            if !(0..<n).contains(index) { return "objective: variable index \(index) is not in this model (0..<\(n))" }
            if !coefficient.isFinite { return "objective: coefficient \(coefficient) of variable \(index) is not finite" }
        }
        return nil
    }

    /// Bounds as the solver sees them: binaries intersected with [0, 1]; integer bounds rounded
    /// inwards (GLPK rejects fractional bounds on integer columns with GLP_EBOUND). Where that
    /// leaves lower > upper the variable has no integer value and the model is infeasible.
    /// Requires a valid model.
    func solverBounds() -> [(lower: Double, upper: Double)] {
        variableData.map { v in
            var lower = v.lowerBound, upper = v.upperBound
            if v.kind == .binary { lower = max(lower, 0); upper = min(upper, 1) }
            if v.kind != .continuous {
                // The 1e-9 slack keeps 0.9999999999 from being rounded up to 1 as a bound of 2.
                lower = (lower - 1e-9).rounded(.up)
                upper = (upper + 1e-9).rounded(.down)
            }
            return (lower, upper)
        }
    }

    /// Dense objective coefficients (per-variable + expression). Requires a valid model.
    func objectiveCoefficients() -> [Double] {
        var c = variableData.map(\.objective)
        for (index, coefficient) in objectiveExpression.terms { c[index] += coefficient }
        return c
    }

    /// Objective value of a full assignment, summed in index order (deterministic).
    public func objectiveValue(_ values: [Double]) -> Double { objective.value(values) }

    /// Describes the first way `values` (one per variable, model order) violates the model, or
    /// nil if it is feasible. Bounds and integrality are checked with absolute `tolerance`,
    /// constraints with `tolerance * max(1, |rhs|)` so that big right-hand sides are not held to
    /// a stricter standard than the solver's own relative tolerances.
    public func feasibilityViolation(of values: [Double], tolerance: Double = 1e-6) -> String? {
        if values.count != variableData.count {
            return "expected \(variableData.count) values, got \(values.count)"
        }
        let bounds = solverBounds()
        for (j, x) in values.enumerated() {
            let v = variableData[j]
            if !x.isFinite { return "variable \(j) '\(v.name)' = \(x) is not finite" }
            if x < bounds[j].lower - tolerance || x > bounds[j].upper + tolerance {
                return "variable \(j) '\(v.name)' = \(x) outside [\(bounds[j].lower), \(bounds[j].upper)]"
            }
            if v.kind != .continuous && abs(x - x.rounded()) > tolerance {
                return "variable \(j) '\(v.name)' = \(x) is not integral"
            }
        }
        for i in 0..<constraintCount {
            var activity = 0.0
            for k in rowStart[i]..<rowStart[i + 1] { activity += entryValue[k] * values[entryColumn[k]] }
            let rhs = rowRHS[i], slack = tolerance * max(1, abs(rhs))
            let violated: Bool
            switch rowSenses[i] {
            case .lessOrEqual: violated = activity > rhs + slack
            case .greaterOrEqual: violated = activity < rhs - slack
            case .equal: violated = abs(activity - rhs) > slack
            }
            if violated { return "constraint \(i) '\(rowNames[i])': activity \(activity) violates \(rowSenses[i]) \(rhs)" }
        }
        return nil
    }
}

extension Model {
    /// A warm start in the form solvers get it, or nil if it is not feasible (tolerance 1e-6):
    /// integer values snapped to exact integers (GLPK's glp_ios_heur_sol rejects anything else)
    /// and clamped into the bounds, plus its objective value.
    func acceptedWarmStart(_ raw: [Double]) -> (values: [Double], objective: Double)? {
        guard feasibilityViolation(of: raw) == nil else { return nil }
        let bounds = solverBounds()
        var values = raw
        for j in values.indices {
            if variableData[j].kind != .continuous { values[j] = values[j].rounded() }
            values[j] = min(max(values[j], bounds[j].lower), bounds[j].upper)
        }
        guard feasibilityViolation(of: values) == nil else { return nil }
        return (values, objectiveValue(values))
    }
}

/// Deterministic, unique, CPLEX-LP-safe names: GLPK limits names to 255 characters and the LP
/// format needs names without spaces or operators that do not start with a digit or '.'.
/// Characters other than ASCII letters, digits and `_ . ( )` become `_`; names that would read
/// as LP keywords get a leading `_`; empty names become `prefix<k>` (1-based); collisions get
/// `_<k>` suffixes in creation order.
func sanitizedNames(_ names: [String], emptyPrefix: String) -> [String] {
    let maximumLength = 240   // room for a uniqueness suffix under GLPK's 255
    var used = Set<String>()
    var result: [String] = []
    result.reserveCapacity(names.count)
    for (k, raw) in names.enumerated() {
        var name = String(String.UnicodeScalarView(raw.unicodeScalars.prefix(maximumLength).map { s in
            let ok = (s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s))) || "_.()".unicodeScalars.contains(s)
            return ok ? s : "_"
        }))
        if name.isEmpty { name = "\(emptyPrefix)\(k + 1)" }
        if let first = name.unicodeScalars.first, first == "." || ("0"..."9").contains(first)
            || lpKeywords.contains(name.lowercased()) {
            name = "_" + name
        }
        var unique = name, suffix = 1
        while used.contains(unique) { suffix += 1; unique = "\(name)_\(suffix)" }
        used.insert(unique)
        result.append(unique)
    }
    return result
}

private let lpKeywords: Set<String> = [
    "minimize", "minimum", "min", "maximize", "maximum", "max", "subject", "such", "st", "s.t.",
    "bounds", "bound", "general", "generals", "gen", "integer", "integers", "int", "binary",
    "binaries", "bin", "end", "free", "infinity", "inf",
]
