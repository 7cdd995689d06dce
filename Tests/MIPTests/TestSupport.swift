import XCTest
@testable import MIP

/// Deterministic pseudo-random numbers (SplitMix64) so instances are identical on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Every permutation of 0..<n (Heap's algorithm).
func permutations(_ n: Int) -> [[Int]] {
    var result: [[Int]] = []
    var a = Array(0..<n)
    func generate(_ k: Int) {
        if k <= 1 { result.append(a); return }
        for i in 0..<k {
            generate(k - 1)
            a.swapAt(k % 2 == 0 ? i : 0, k - 1)
        }
    }
    generate(n)
    return result
}

struct Knapsack {
    var profits: [Int]
    var weights: [Int]
    var capacity: Int

    /// A strongly correlated instance (profit = weight + 10): LP bounds are weak, so the
    /// search has to branch.
    static func correlated(items: Int, seed: UInt64) -> Knapsack {
        var rng = SeededGenerator(seed: seed)
        let weights = (0..<items).map { _ in Int.random(in: 10...100, using: &rng) }
        return Knapsack(profits: weights.map { $0 + 10 }, weights: weights, capacity: weights.reduce(0, +) / 2)
    }

    /// Exact optimum by enumerating all 2^n subsets (small n only).
    func bruteForceOptimum() -> Int {
        precondition(profits.count <= 20)
        var best = 0
        for mask in 0..<(1 << profits.count) {
            var w = 0, p = 0
            for i in profits.indices where mask & (1 << i) != 0 { w += weights[i]; p += profits[i] }
            if w <= capacity { best = max(best, p) }
        }
        return best
    }

    /// Exact optimum by dynamic programming over integer capacities (any n).
    func dynamicProgrammingOptimum() -> Int {
        var best = [Int](repeating: 0, count: capacity + 1)
        for i in profits.indices where weights[i] <= capacity {
            for c in stride(from: capacity, through: weights[i], by: -1) {
                best[c] = max(best[c], best[c - weights[i]] + profits[i])
            }
        }
        return best[capacity]
    }

    /// Greedy by profit/weight ratio: a feasible but usually suboptimal 0/1 assignment.
    func greedySolution() -> [Double] {
        var x = [Double](repeating: 0, count: profits.count)
        var left = capacity
        for i in profits.indices.sorted(by: { Double(profits[$0]) / Double(weights[$0]) > Double(profits[$1]) / Double(weights[$1]) })
            where weights[i] <= left {
            x[i] = 1
            left -= weights[i]
        }
        return x
    }

    func model() -> (Model, [Variable]) {
        let model = Model(name: "knapsack")
        let x = profits.indices.map { model.addVariable("take_\($0)", kind: .binary) }
        model.addConstraint("capacity", .sum(zip(weights.map(Double.init), x)), .lessOrEqual, Double(capacity))
        model.setObjective(.sum(zip(profits.map(Double.init), x)), .maximize)
        return (model, x)
    }
}

/// A "market split" instance: two equality constraints over binaries whose right-hand sides
/// are the row sums of a hidden subset. Feasible by construction, but LP relaxations and
/// rounding essentially never land on an integer point, so without search nothing is found.
struct MarketSplit {
    var coefficients: [[Int]]
    var hiddenSubset: [Double]
    var costs: [Int]

    init(items: Int, seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        coefficients = (0..<2).map { _ in (0..<items).map { _ in Int.random(in: 0...99, using: &rng) } }
        hiddenSubset = (0..<items).map { _ in Bool.random(using: &rng) ? 1 : 0 }
        costs = (0..<items).map { _ in Int.random(in: 1...20, using: &rng) }
    }

    var rightHandSides: [Int] {
        coefficients.map { row in zip(row, hiddenSubset).reduce(0) { $0 + $1.0 * Int($1.1) } }
    }

    func model() -> (Model, [Variable]) {
        let model = Model(name: "market split")
        let x = costs.indices.map { model.addVariable("x\($0)", kind: .binary) }
        for (r, row) in coefficients.enumerated() {
            model.addConstraint("split \(r)", .sum(zip(row.map(Double.init), x)), .equal, Double(rightHandSides[r]))
        }
        model.setObjective(.sum(zip(costs.map(Double.init), x)), .minimize)
        return (model, x)
    }
}

/// Parameter variants every "known optimum" test is solved with: the MIP presolver path and
/// the plain-simplex-then-branch path must agree.
let presolveVariants: [(label: String, parameters: SolveParameters)] = [
    ("presolve on", SolveParameters(relativeGap: 0, presolve: true)),
    ("presolve off", SolveParameters(relativeGap: 0, presolve: false)),
]

/// Asserts an `.optimal` result with the expected objective whose values satisfy the model
/// and reproduce the objective.
func assertOptimal(
    _ result: SolveResult, _ model: Model, objective expected: Double, accuracy: Double = 1e-6,
    _ label: String = "", file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(result.reason, .optimal, label, file: file, line: line)
    guard let objective = result.objective else { return XCTFail("no objective \(label)", file: file, line: line) }
    XCTAssertEqual(objective, expected, accuracy: accuracy, label, file: file, line: line)
    XCTAssertEqual(result.values.count, model.variableCount, label, file: file, line: line)
    XCTAssertNil(model.feasibilityViolation(of: result.values), label, file: file, line: line)
    XCTAssertEqual(model.objectiveValue(result.values), objective, accuracy: accuracy, label, file: file, line: line)
    if let bound = result.bestBound { XCTAssertEqual(bound, objective, accuracy: accuracy, label, file: file, line: line) }
    if let gap = result.gap { XCTAssertLessThanOrEqual(gap, 1e-9, label, file: file, line: line) }
}

func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("miptests-\(ProcessInfo.processInfo.processIdentifier)-\(name)").path
}
