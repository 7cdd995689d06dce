import XCTest
@testable import MIP

/// One test (or more) per TerminationReason.
final class TerminationReasonTests: XCTestCase {
    let solver = GLPKSolver()

    func testBinaryForcedAboveOneIsInfeasibleMIP() {
        let model = Model()
        let x = model.addVariable("x", kind: .binary)
        let y = model.addVariable("y", kind: .integer, upperBound: 10)
        model.addConstraint("too big", LinearExpression(x), .greaterOrEqual, 2)
        model.setObjective(x + y, .maximize)
        for (label, parameters) in presolveVariants {
            let result = solver.solve(model, parameters)
            XCTAssertEqual(result.reason, .infeasible, label)
            XCTAssertTrue(result.values.isEmpty, label)
            XCTAssertNil(result.objective, label)
        }
    }

    /// LP relaxation feasible (x = 0.5) but no integer point: decided by branching.
    func testMIPWithFeasibleRelaxationButNoIntegerPointIsInfeasible() {
        let model = Model()
        let x = model.addVariable("x", kind: .integer, upperBound: 10)
        let y = model.addVariable("y", kind: .integer, upperBound: 10)
        model.addConstraint("odd", 2 * x + 2 * y, .equal, 7)
        model.setObjective(x + y, .minimize)
        for (label, parameters) in presolveVariants {
            XCTAssertEqual(solver.solve(model, parameters).reason, .infeasible, label)
        }
    }

    func testIntegerVariableWithoutIntegerInItsBoundsIsInfeasible() {
        let model = Model()
        model.addVariable("n", kind: .integer, lowerBound: 0.2, upperBound: 0.8)
        XCTAssertEqual(solver.solve(model).reason, .infeasible)
    }

    func testContradictoryLPIsInfeasible() {
        let model = Model()
        let x = model.addVariable("x")
        let y = model.addVariable("y")
        model.addConstraint("at most 1", x + y, .lessOrEqual, 1)
        model.addConstraint("at least 3", x + y, .greaterOrEqual, 3)
        model.setObjective(x - y, .minimize)
        for (label, parameters) in presolveVariants {
            XCTAssertEqual(solver.solve(model, parameters).reason, .infeasible, label)
        }
    }

    func testLPWithOpenDirectionIsUnbounded() {
        let model = Model()
        let x = model.addVariable("x")
        let y = model.addVariable("y")
        model.addConstraint("diagonal", x - y, .lessOrEqual, 1)
        model.setObjective(x + y, .maximize)
        for (label, parameters) in presolveVariants {
            let result = solver.solve(model, parameters)
            XCTAssertEqual(result.reason, .unbounded, label)
            XCTAssertTrue(result.values.isEmpty, label)
        }
    }

    func testMIPWithOpenDirectionIsUnbounded() {
        let model = Model()
        let x = model.addVariable("x", kind: .integer)
        let y = model.addVariable("y", lowerBound: -.infinity)
        model.addConstraint("diagonal", x - y, .lessOrEqual, 1.5)
        model.setObjective(x + y, .maximize)
        for (label, parameters) in presolveVariants {
            XCTAssertEqual(solver.solve(model, parameters).reason, .unbounded, label)
        }
    }

    /// A 40-item correlated knapsack cannot be closed at the root; with a node limit of 1 and a
    /// greedy warm start the solve stops with a feasible solution and an honest bound.
    func testNodeLimitWithWarmStartStopsFeasibleAtLimitWithValidBound() throws {
        let instance = Knapsack.correlated(items: 40, seed: 7)
        let optimum = Double(instance.dynamicProgrammingOptimum())
        let greedy = instance.greedySolution()
        let (model, _) = instance.model()
        let greedyValue = model.objectiveValue(greedy)
        XCTAssertLessThan(greedyValue, optimum, "sanity: the warm start is not already optimal")

        let result = solver.solve(model, SolveParameters(relativeGap: 0, nodeLimit: 1, warmStart: greedy))
        XCTAssertEqual(result.reason, .feasibleAtLimit)
        let objective = try XCTUnwrap(result.objective)
        let bound = try XCTUnwrap(result.bestBound)
        let gap = try XCTUnwrap(result.gap)
        XCTAssertNil(model.feasibilityViolation(of: result.values))
        XCTAssertEqual(model.objectiveValue(result.values), objective, accuracy: 1e-9)
        XCTAssertGreaterThanOrEqual(objective, greedyValue, "never worse than the warm start")
        XCTAssertLessThanOrEqual(objective, optimum + 1e-9)
        XCTAssertGreaterThanOrEqual(bound, optimum - 1e-9, "a maximization bound is ≥ the true optimum")
        XCTAssertGreaterThan(gap, 0)
        XCTAssertEqual(gap, abs(objective - bound) / abs(objective), accuracy: 1e-12)
        XCTAssertGreaterThan(result.nodes, 1, "the search got past the root before stopping")
    }

    func testNodeLimitOnMarketSplitWithoutWarmStartFindsNoSolution() throws {
        let instance = MarketSplit(items: 30, seed: 3)
        let (model, _) = instance.model()
        XCTAssertNil(model.feasibilityViolation(of: instance.hiddenSubset), "sanity: the instance is feasible")
        for (label, base) in presolveVariants {
            var parameters = base
            parameters.nodeLimit = 1
            let result = solver.solve(model, parameters)
            XCTAssertEqual(result.reason, .noSolutionAtLimit, label)
            XCTAssertTrue(result.values.isEmpty, label)
            XCTAssertNil(result.objective, label)
            XCTAssertNil(result.gap, label)
            // The root relaxation was solved before stopping, so a bound is known and valid.
            let bound = try XCTUnwrap(result.bestBound, label)
            XCTAssertLessThanOrEqual(bound, model.objectiveValue(instance.hiddenSubset) + 1e-9, label)
        }
    }

    func testTinyTimeLimitWithoutWarmStartFindsNoSolution() {
        let (model, _) = MarketSplit(items: 30, seed: 3).model()
        let result = solver.solve(model, SolveParameters(timeLimit: 0.0001))
        XCTAssertEqual(result.reason, .noSolutionAtLimit)
        XCTAssertTrue(result.values.isEmpty)
        XCTAssertEqual(solver.solve(model, SolveParameters(timeLimit: 0)).reason, .noSolutionAtLimit)
    }

    func testNaNCoefficientIsReportedAsErrorWithoutCrashing() {
        let model = Model()
        let x = model.addVariable("x")
        model.addConstraint("bad row", Double.nan * x, .lessOrEqual, 1)
        assertError(solver.solve(model), mentions: "bad row")
    }

    func testInvalidModelsAreReportedAsErrors() {
        func check(_ mentions: String, _ build: (Model) -> Void, file: StaticString = #filePath, line: UInt = #line) {
            let model = Model()
            build(model)
            XCTAssertNotNil(model.validationError(), file: file, line: line)
            assertError(solver.solve(model), mentions: mentions, file: file, line: line)
            XCTAssertThrowsError(try model.writeLP(to: temporaryPath("invalid.lp")), file: file, line: line)
        }
        check("lower bound 3.0 > upper bound 1.0") { $0.addVariable("crossed", lowerBound: 3, upperBound: 1) }
        check("NaN") { $0.addVariable("nan bound", lowerBound: .nan) }
        check("+infinity") { $0.addVariable("x", lowerBound: .infinity) }
        check("-infinity") { $0.addVariable("x", upperBound: -.infinity) }
        check("objective coefficient") { $0.addVariable("x", objective: .infinity) }
        check("not in this model") { m in
            m.addVariable("x")
            m.addConstraint("foreign", LinearExpression(Variable(index: 5)), .lessOrEqual, 1)
        }
        check("right-hand side") { m in
            let x = m.addVariable("x")
            m.addConstraint("infinite rhs", LinearExpression(x), .lessOrEqual, .infinity)
        }
        check("objective: variable index -1") { m in
            m.addVariable("x")
            var objective = LinearExpression()
            objective.terms[-1] = 1
            m.setObjective(objective, .minimize)
        }
        check("objective constant") { m in m.setObjective(LinearExpression(constant: .nan), .minimize) }
    }

    func testInvalidParametersAreReportedAsErrors() {
        let model = Model()
        model.addVariable("x", kind: .integer, upperBound: 3)
        assertError(solver.solve(model, SolveParameters(timeLimit: -1)), mentions: "time limit")
        assertError(solver.solve(model, SolveParameters(relativeGap: .nan)), mentions: "relative gap")
        assertError(solver.solve(model, SolveParameters(nodeLimit: -3)), mentions: "node limit")
    }

    private func assertError(_ result: SolveResult, mentions text: String, file: StaticString = #filePath, line: UInt = #line) {
        guard case .error(let message) = result.reason else {
            return XCTFail("expected .error, got \(result.reason)", file: file, line: line)
        }
        XCTAssertTrue(message.contains(text), "'\(message)' should mention '\(text)'", file: file, line: line)
        XCTAssertTrue(result.values.isEmpty, file: file, line: line)
    }
}
