// Solver-independent description of a mixed-integer linear program.
//
// Nothing in this file talks to a solver: the model only records what the caller asked for.
// Invalid input (NaN coefficients, crossed bounds, foreign variables) is accepted here and
// reported by `validationError()` / the solver, because GLPK aborts the process on bad
// arguments and the only safe place to refuse them is one check right before solving.

/// A decision variable: a 0-based index into the model's variables, in creation order.
public struct Variable: Hashable, Comparable, Sendable {
    public let index: Int
    public init(index: Int) { self.index = index }
    public static func < (a: Variable, b: Variable) -> Bool { a.index < b.index }
}

public enum VariableKind: Sendable, Hashable {
    case continuous
    case integer
    /// Integer restricted to [0, 1]; the given bounds are intersected with [0, 1].
    case binary
}

/// A constraint handle: a 0-based index into the model's constraints, in creation order.
public struct Constraint: Hashable, Comparable, Sendable {
    public let index: Int
    public init(index: Int) { self.index = index }
    public static func < (a: Constraint, b: Constraint) -> Bool { a.index < b.index }
}

public enum ConstraintSense: Sendable, Hashable {
    case lessOrEqual, greaterOrEqual, equal
}

public enum ObjectiveSense: Sendable, Hashable {
    case minimize, maximize
}

/// `sum(coefficient * variable) + constant`. Duplicate variables are merged as they are
/// added and terms whose coefficient becomes exactly zero are dropped (NaN is kept, so that
/// validation can reject it instead of silently losing it).
public struct LinearExpression: Sendable, Equatable {
    /// Coefficient by variable index. Dictionary order is random per process, so every
    /// consumer that needs determinism iterates `sortedTerms` instead.
    public var terms: [Int: Double]
    public var constant: Double

    public init() { terms = [:]; constant = 0 }
    public init(_ variable: Variable) { terms = [variable.index: 1]; constant = 0 }
    public init(constant: Double) { terms = [:]; self.constant = constant }
    public init(_ pairs: some Sequence<(Double, Variable)>, constant: Double = 0) {
        terms = [:]
        self.constant = constant
        for (coefficient, variable) in pairs { add(coefficient, variable) }
    }

    /// Adds `coefficient * variable`, merging with an existing term.
    public mutating func add(_ coefficient: Double, _ variable: Variable) {
        if coefficient == 0 { return }
        let merged = (terms[variable.index] ?? 0) + coefficient
        if merged == 0 { terms[variable.index] = nil } else { terms[variable.index] = merged }
    }

    public mutating func add(_ other: LinearExpression, scaledBy factor: Double = 1) {
        constant += factor * other.constant
        if factor == 0 { return }
        for (index, coefficient) in other.terms { add(factor * coefficient, Variable(index: index)) }
    }

    public func coefficient(of variable: Variable) -> Double { terms[variable.index] ?? 0 }

    /// Terms ordered by variable index (deterministic iteration).
    public var sortedTerms: [(variable: Variable, coefficient: Double)] {
        terms.keys.sorted().map { (Variable(index: $0), terms[$0]!) }
    }

    /// Value of the expression for a full assignment (one value per variable, model order).
    /// Summed in index order so that the result does not depend on hashing.
    public func value(_ values: [Double]) -> Double {
        var total = constant
        for (variable, coefficient) in sortedTerms {
            total += coefficient * (values.indices.contains(variable.index) ? values[variable.index] : .nan)
        }
        return total
    }

    public static func sum(_ variables: some Sequence<Variable>) -> LinearExpression {
        var result = LinearExpression()
        for variable in variables { result.add(1, variable) }
        return result
    }

    public static func sum(_ pairs: some Sequence<(Double, Variable)>) -> LinearExpression {
        LinearExpression(pairs)
    }
}

// MARK: - Operators (kept to a small set so that the type checker stays fast)

public func + (a: LinearExpression, b: LinearExpression) -> LinearExpression {
    var r = a; r.add(b); return r
}
public func - (a: LinearExpression, b: LinearExpression) -> LinearExpression {
    var r = a; r.add(b, scaledBy: -1); return r
}
public func + (a: LinearExpression, b: Variable) -> LinearExpression { var r = a; r.add(1, b); return r }
public func - (a: LinearExpression, b: Variable) -> LinearExpression { var r = a; r.add(-1, b); return r }
public func + (a: Variable, b: Variable) -> LinearExpression { LinearExpression(a) + b }
public func - (a: Variable, b: Variable) -> LinearExpression { LinearExpression(a) - b }
public func + (a: Variable, b: LinearExpression) -> LinearExpression { b + a }
public func - (a: Variable, b: LinearExpression) -> LinearExpression { LinearExpression(a) - b }
public func + (a: LinearExpression, b: Double) -> LinearExpression { var r = a; r.constant += b; return r }
public func - (a: LinearExpression, b: Double) -> LinearExpression { var r = a; r.constant -= b; return r }
public func + (a: Double, b: LinearExpression) -> LinearExpression { b + a }
public func * (a: Double, b: Variable) -> LinearExpression { var r = LinearExpression(); r.add(a, b); return r }
public func * (a: Variable, b: Double) -> LinearExpression { b * a }
public func * (a: Double, b: LinearExpression) -> LinearExpression {
    var r = LinearExpression(); r.add(b, scaledBy: a); return r
}
public func * (a: LinearExpression, b: Double) -> LinearExpression { b * a }
public prefix func - (a: LinearExpression) -> LinearExpression { -1 * a }
public func += (a: inout LinearExpression, b: LinearExpression) { a.add(b) }
public func -= (a: inout LinearExpression, b: LinearExpression) { a.add(b, scaledBy: -1) }
public func += (a: inout LinearExpression, b: Variable) { a.add(1, b) }
public func -= (a: inout LinearExpression, b: Variable) { a.add(-1, b) }
public func += (a: inout LinearExpression, b: Double) { a.constant += b }
public func -= (a: inout LinearExpression, b: Double) { a.constant -= b }

// MARK: - Model

/// A MIP under construction. Not thread-safe: build and read a model from one thread (or
/// guard it yourself). Solvers only read it, and GLPKSolver copies it into its own GLPK
/// problem object per solve, so a finished model may be solved repeatedly.
public final class Model {
    struct VariableData {
        var name: String
        var kind: VariableKind
        var lowerBound: Double
        var upperBound: Double
        var objective: Double
    }

    public let name: String
    var variableData: [VariableData] = []

    // Constraints in compressed-row form (one allocation per array rather than per row),
    // which is what GLPK's glp_load_matrix wants and what keeps 1e6 nonzeros cheap.
    var rowNames: [String] = []
    var rowSenses: [ConstraintSense] = []
    var rowRHS: [Double] = []
    var rowStart: [Int] = [0]   // row i owns entries rowStart[i] ..< rowStart[i + 1]
    var entryColumn: [Int] = []
    var entryValue: [Double] = []

    public private(set) var objectiveExpression = LinearExpression()
    public private(set) var objectiveSense: ObjectiveSense = .minimize

    public init(name: String = "model") { self.name = name }

    public var variableCount: Int { variableData.count }
    public var constraintCount: Int { rowNames.count }
    public var nonZeroCount: Int { entryColumn.count }
    public var variables: [Variable] { (0..<variableData.count).map(Variable.init(index:)) }
    public var constraints: [Constraint] { (0..<rowNames.count).map(Constraint.init(index:)) }
    /// True if at least one variable is integer or binary.
    public var hasIntegerVariables: Bool { variableData.contains { $0.kind != .continuous } }

    /// `objective` is this variable's own objective coefficient; it is added to whatever
    /// `setObjective` sets.
    @discardableResult
    public func addVariable(
        _ name: String, kind: VariableKind = .continuous, lowerBound: Double = 0,
        upperBound: Double = .infinity, objective: Double = 0
    ) -> Variable {
        variableData.append(VariableData(
            name: name, kind: kind, lowerBound: lowerBound, upperBound: upperBound, objective: objective))
        return Variable(index: variableData.count - 1)
    }

    /// Adds `expression sense rhs`; the expression's constant is moved to the right-hand side.
    @discardableResult
    public func addConstraint(
        _ name: String, _ expression: LinearExpression, _ sense: ConstraintSense, _ rhs: Double
    ) -> Constraint {
        for (variable, coefficient) in expression.sortedTerms {
            entryColumn.append(variable.index)
            entryValue.append(coefficient)
        }
        rowStart.append(entryColumn.count)
        rowNames.append(name)
        rowSenses.append(sense)
        rowRHS.append(rhs - expression.constant)
        return Constraint(index: rowNames.count - 1)
    }

    /// Replaces the objective expression (per-variable objective coefficients from
    /// `addVariable` stay and are added to it).
    public func setObjective(_ expression: LinearExpression, _ sense: ObjectiveSense) {
        objectiveExpression = expression
        objectiveSense = sense
    }

    public func setBounds(of variable: Variable, lower: Double, upper: Double) {
        variableData[variable.index].lowerBound = lower
        variableData[variable.index].upperBound = upper
    }

    // MARK: Read access (indices must come from this model)

    public func name(of variable: Variable) -> String { variableData[variable.index].name }
    public func kind(of variable: Variable) -> VariableKind { variableData[variable.index].kind }
    public func lowerBound(of variable: Variable) -> Double { variableData[variable.index].lowerBound }
    public func upperBound(of variable: Variable) -> Double { variableData[variable.index].upperBound }
    public func name(of constraint: Constraint) -> String { rowNames[constraint.index] }
    public func sense(of constraint: Constraint) -> ConstraintSense { rowSenses[constraint.index] }
    /// Right-hand side after moving the expression's constant over.
    public func rhs(of constraint: Constraint) -> Double { rowRHS[constraint.index] }
    /// The constraint's terms in variable-index order.
    public func terms(of constraint: Constraint) -> [(variable: Variable, coefficient: Double)] {
        (rowStart[constraint.index]..<rowStart[constraint.index + 1]).map {
            (Variable(index: entryColumn[$0]), entryValue[$0])
        }
    }

    /// The full objective: `addVariable` coefficients plus the `setObjective` expression.
    public var objective: LinearExpression {
        var result = objectiveExpression
        for (index, data) in variableData.enumerated() { result.add(data.objective, Variable(index: index)) }
        return result
    }
}
