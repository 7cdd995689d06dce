import XCTest
@testable import MIP

final class WarmStartTests: XCTestCase {
    let solver = GLPKSolver()

    /// GLPK cannot find a market-split solution within one node, so what comes back must be the
    /// warm start, with the objective computed in Swift.
    func testWarmStartIsReturnedWhenTheSolverFindsNothingWithinTheNodeLimit() throws {
        let instance = MarketSplit(items: 30, seed: 3)
        let (model, _) = instance.model()
        let expectedObjective = zip(instance.costs, instance.hiddenSubset).reduce(0.0) { $0 + Double($1.0) * $1.1 }
        for nodeLimit in [0, 1] {
            let result = solver.solve(model, SolveParameters(nodeLimit: nodeLimit, warmStart: instance.hiddenSubset))
            XCTAssertEqual(result.reason, .feasibleAtLimit, "node limit \(nodeLimit)")
            XCTAssertEqual(result.values, instance.hiddenSubset, "node limit \(nodeLimit)")
            XCTAssertEqual(try XCTUnwrap(result.objective), expectedObjective, accuracy: 1e-9)
            if let bound = result.bestBound {
                XCTAssertLessThanOrEqual(bound, expectedObjective + 1e-9, "a minimization bound is ≤ any solution")
                XCTAssertGreaterThanOrEqual(try XCTUnwrap(result.gap), 0)
            }
        }
    }

    func testWarmStartIsReturnedWhenTimeRunsOutBeforeSolving() throws {
        let instance = MarketSplit(items: 30, seed: 3)
        let (model, _) = instance.model()
        let result = solver.solve(model, SolveParameters(timeLimit: 0, warmStart: instance.hiddenSubset))
        XCTAssertEqual(result.reason, .feasibleAtLimit)
        XCTAssertEqual(result.values, instance.hiddenSubset)
        XCTAssertEqual(try XCTUnwrap(result.objective), model.objectiveValue(instance.hiddenSubset))
    }

    /// Slightly perturbed integer values are accepted (within 1e-6) and snapped to integers.
    func testNearlyIntegralWarmStartIsSnappedToIntegers() {
        let instance = MarketSplit(items: 30, seed: 3)
        let (model, _) = instance.model()
        let noisy = instance.hiddenSubset.map { $0 == 1 ? 1 - 4e-7 : 3e-7 }
        let result = solver.solve(model, SolveParameters(nodeLimit: 0, warmStart: noisy))
        XCTAssertEqual(result.reason, .feasibleAtLimit)
        XCTAssertEqual(result.values, instance.hiddenSubset)
    }

    func testInfeasibleOrMalformedWarmStartsAreIgnored() {
        let instance = Knapsack(profits: [10, 13, 7, 8, 12], weights: [5, 6, 4, 4, 6], capacity: 12)
        let optimum = Double(instance.bruteForceOptimum())
        let (model, _) = instance.model()
        let overweight = [1.0, 1, 1, 1, 1]
        let fractional = [0.5, 0, 0, 0, 0]
        let wrongLength = [1.0, 0]
        let notFinite = [Double.nan, 0, 0, 0, 0]
        for warmStart in [overweight, fractional, wrongLength, notFinite] {
            for (label, base) in presolveVariants {
                var parameters = base
                parameters.warmStart = warmStart
                assertOptimal(solver.solve(model, parameters), model, objective: optimum, "\(warmStart) \(label)")
            }
        }
        // With nothing solved (node limit 0) an ignored warm start must not appear as a solution.
        let stopped = solver.solve(model, SolveParameters(nodeLimit: 0, presolve: false, warmStart: overweight))
        XCTAssertEqual(stopped.reason, .noSolutionAtLimit)
        XCTAssertTrue(stopped.values.isEmpty)
    }

    /// An optimal warm start plus a complete search: GLPK proves optimality and the result is
    /// that optimum (not a worse one).
    func testOptimalWarmStartIsKeptAndProvenOptimal() {
        let instance = Knapsack.correlated(items: 14, seed: 11)
        let optimum = Double(instance.bruteForceOptimum())
        let (model, _) = instance.model()
        let optimal = solver.solve(model, SolveParameters(relativeGap: 0))
        assertOptimal(optimal, model, objective: optimum)
        let again = solver.solve(model, SolveParameters(relativeGap: 0, warmStart: optimal.values))
        assertOptimal(again, model, objective: optimum)
    }

    /// The warm start is offered to GLPK as an incumbent: a search limited to the root returns
    /// something at least as good, and the node count shows the search did run.
    func testWarmStartIsUsedAsIncumbentInsideTheSearch() throws {
        let instance = Knapsack.correlated(items: 40, seed: 7)
        let (model, _) = instance.model()
        let greedy = instance.greedySolution()
        let withWarm = solver.solve(model, SolveParameters(relativeGap: 0, nodeLimit: 1, warmStart: greedy))
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(withWarm.objective), model.objectiveValue(greedy))
        XCTAssertGreaterThan(withWarm.nodes, 0)
    }
}
