import XCTest
@testable import MIP

/// Problems whose optimum is known by hand or by brute force in the test itself.
final class KnownOptimumTests: XCTestCase {
    let solver = GLPKSolver()

    /// max 3x + 2y  s.t.  x + y ≤ 4,  x + 3y ≤ 6,  x ≤ 3  →  (x, y) = (3, 1), objective 11.
    func testTwoVariableLPReachesHandComputedOptimum() {
        let model = Model(name: "smoke")
        let x = model.addVariable("x", upperBound: 3)
        let y = model.addVariable("y")
        model.addConstraint("total", x + y, .lessOrEqual, 4)
        model.addConstraint("mix", x + 3 * y, .lessOrEqual, 6)
        model.setObjective(3 * x + 2 * y, .maximize)
        for (label, parameters) in presolveVariants {
            let result = solver.solve(model, parameters)
            assertOptimal(result, model, objective: 11, accuracy: 1e-9, label)
            XCTAssertEqual(result.value(x), 3, accuracy: 1e-9, label)
            XCTAssertEqual(result.value(y), 1, accuracy: 1e-9, label)
            XCTAssertEqual(result.nodes, 0, "an LP is not branched on (\(label))")
        }
    }

    /// Objective constants, per-variable objective coefficients and the objective expression add up.
    func testObjectiveCombinesVariableCoefficientsExpressionAndConstant() {
        let model = Model()
        let x = model.addVariable("x", upperBound: 2, objective: 1)       // contributes 1·x
        let y = model.addVariable("y", kind: .integer, upperBound: 5)
        model.addConstraint("link", x + y, .lessOrEqual, 4.5)
        model.setObjective(2 * x + y + 10, .maximize)                   // total 3x + y + 10
        for (label, parameters) in presolveVariants {
            // Best: x = 2 (worth 3 each), y = 2 (integer, x + y ≤ 4.5) → 6 + 2 + 10 = 18.
            let result = solver.solve(model, parameters)
            assertOptimal(result, model, objective: 18, label)
            XCTAssertEqual(result.value(y), 2, label)
        }
    }

    func testAssignmentProblemMatchesBruteForceOverAllPermutations() {
        let cost: [[Double]] = [[9, 2, 7, 8], [6, 4, 3, 7], [5, 8, 1, 8], [7, 6, 9, 4]]
        let expected = permutations(4).map { p in (0..<4).reduce(0.0) { $0 + cost[$1][p[$1]] } }.min()!
        XCTAssertEqual(expected, 13, "sanity: the brute force itself (2 + 6 + 1 + 4)")

        let model = Model(name: "assignment")
        let x = (0..<4).map { i in (0..<4).map { j in model.addVariable("x_\(i)_\(j)", kind: .binary) } }
        for i in 0..<4 { model.addConstraint("worker \(i)", .sum(x[i]), .equal, 1) }
        for j in 0..<4 { model.addConstraint("task \(j)", .sum((0..<4).map { x[$0][j] }), .equal, 1) }
        model.setObjective(.sum((0..<4).flatMap { i in (0..<4).map { j in (cost[i][j], x[i][j]) } }), .minimize)

        for (label, parameters) in presolveVariants {
            let result = solver.solve(model, parameters)
            assertOptimal(result, model, objective: expected, label)
            let chosen = (0..<4).map { i in (0..<4).filter { result.isOne(x[i][$0]) } }
            XCTAssertEqual(chosen.map(\.count), [1, 1, 1, 1], "each worker gets exactly one task (\(label))")
            XCTAssertEqual(Set(chosen.flatMap { $0 }).count, 4, "tasks are all different (\(label))")
        }
    }

    func testKnapsackMatchesBruteForceOverAllSubsets() {
        let instance = Knapsack(
            profits: [24, 13, 23, 15, 16, 31, 8, 19, 27, 11, 21, 17, 9, 14],
            weights: [12, 7, 11, 8, 9, 16, 4, 10, 14, 6, 11, 9, 5, 8],
            capacity: 50)
        let expected = Double(instance.bruteForceOptimum())
        let (model, x) = instance.model()
        for (label, parameters) in presolveVariants {
            let result = solver.solve(model, parameters)
            assertOptimal(result, model, objective: expected, label)
            let weight = x.indices.filter { result.isOne(x[$0]) }.reduce(0) { $0 + instance.weights[$1] }
            XCTAssertLessThanOrEqual(weight, instance.capacity, label)
        }
    }

    /// Six jobs on two unrelated machines, minimize the makespan; brute force over all 2^6
    /// assignments.
    func testTwoMachineSchedulingMatchesBruteForceMakespan() {
        let duration: [[Double]] = [[4, 6], [7, 3], [5, 5], [2, 8], [6, 4], [3, 3]]   // [job][machine]
        var expected = Double.infinity
        for mask in 0..<(1 << duration.count) {
            var load = [0.0, 0.0]
            for job in duration.indices { let m = (mask >> job) & 1; load[m] += duration[job][m] }
            expected = min(expected, load.max()!)
        }

        let model = Model(name: "scheduling")
        let assign = duration.indices.map { job in (0..<2).map { m in model.addVariable("job\(job) on m\(m)", kind: .binary) } }
        let makespan = model.addVariable("makespan")
        for job in duration.indices { model.addConstraint("place job\(job)", .sum(assign[job]), .equal, 1) }
        for m in 0..<2 {
            let load = LinearExpression.sum(duration.indices.map { (duration[$0][m], assign[$0][m]) })
            model.addConstraint("makespan covers m\(m)", makespan - load, .greaterOrEqual, 0)
        }
        model.setObjective(LinearExpression(makespan), .minimize)

        for (label, parameters) in presolveVariants {
            let result = solver.solve(model, parameters)
            assertOptimal(result, model, objective: expected, label)
            var load = [0.0, 0.0]
            for job in duration.indices {
                XCTAssertEqual(assign[job].filter { result.isOne($0) }.count, 1, "job placed once (\(label))")
                for m in 0..<2 where result.isOne(assign[job][m]) { load[m] += duration[job][m] }
            }
            XCTAssertEqual(load.max()!, expected, accuracy: 1e-9, "reported schedule achieves the makespan (\(label))")
        }
    }

    /// Integer bounds are rounded inwards (GLPK would reject fractional ones).
    func testFractionalBoundsOnIntegerVariableAreRoundedInwards() {
        let model = Model()
        let n = model.addVariable("n", kind: .integer, lowerBound: -2.5, upperBound: 3.7)
        model.setObjective(LinearExpression(n), .maximize)
        XCTAssertEqual(solver.solve(model).value(n), 3)
        model.setObjective(LinearExpression(n), .minimize)
        XCTAssertEqual(solver.solve(model).value(n), -2)
    }

    func testEmptyModelIsOptimalWithTheObjectiveConstant() {
        let model = Model()
        model.setObjective(LinearExpression(constant: 7), .minimize)
        let result = solver.solve(model)
        XCTAssertEqual(result.reason, .optimal)
        XCTAssertEqual(result.objective, 7)
        XCTAssertEqual(result.values, [])
    }

    func testFreeAndNegativeBoundsMapToTheRightGLPKBoundTypes() {
        // min x + y - z + v with x free but x ≥ -4 via a row, y ∈ [-3, -1], z ≤ 2 (no lower
        // bound), v ≥ 2 (no upper bound), w fixed.
        let model = Model()
        let x = model.addVariable("x", lowerBound: -.infinity)
        let y = model.addVariable("y", lowerBound: -3, upperBound: -1)
        let z = model.addVariable("z", lowerBound: -.infinity, upperBound: 2)
        let w = model.addVariable("w", lowerBound: 5, upperBound: 5)
        let v = model.addVariable("v", lowerBound: 2)
        model.addConstraint("floor x", LinearExpression(x), .greaterOrEqual, -4)
        model.addConstraint("use w", x + w, .greaterOrEqual, 0)   // x ≥ -5, weaker
        model.setObjective(x + y - z + v, .minimize)
        for (label, parameters) in presolveVariants {
            let result = solver.solve(model, parameters)
            assertOptimal(result, model, objective: -4 - 3 - 2 + 2, label)
            XCTAssertEqual(result.value(v), 2, label)
            XCTAssertEqual(result.value(w), 5, label)
        }
    }
}
