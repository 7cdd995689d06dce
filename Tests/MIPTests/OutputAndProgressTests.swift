import Foundation
import XCTest
@testable import MIP

/// Thread-safe collector for progress reports (the callback is @Sendable).
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [SolveProgress] = []
    func append(_ p: SolveProgress) { lock.lock(); items.append(p); lock.unlock() }
    var all: [SolveProgress] { lock.lock(); defer { lock.unlock() }; return items }
}

final class OutputAndProgressTests: XCTestCase {
    let solver = GLPKSolver()

    private func smallModel() -> Model {
        let model = Model(name: "write test")
        let x = model.addVariable("x amount", upperBound: 3)
        let y = model.addVariable("y", kind: .integer)
        model.addConstraint("cap limit", x + y, .lessOrEqual, 4.5)
        model.addConstraint("mix-ratio", x + 3 * y, .lessOrEqual, 6)
        model.setObjective(-3 * x - 2 * y, .minimize)
        return model
    }

    func testWriteLPProducesCPLEXFormatWithSanitizedNames() throws {
        let path = temporaryPath("write.lp")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try smallModel().writeLP(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("Minimize"), text)
        XCTAssertTrue(text.contains("cap_limit:"), text)
        XCTAssertTrue(text.contains("mix_ratio:"), text)
        XCTAssertTrue(text.contains("x_amount"), text)
        XCTAssertFalse(text.contains("x amount"), text)
    }

    /// glpsol (glpk-utils) reads the written file and finds the same optimum as the solver.
    func testWrittenLPSolvesToTheSameOptimumWithGlpsol() throws {
        let glpsol = "/usr/bin/glpsol"
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: glpsol), "glpsol not installed")
        let model = smallModel()
        let expected = try XCTUnwrap(solver.solve(model, SolveParameters(relativeGap: 0)).objective)
        XCTAssertEqual(expected, -11, accuracy: 1e-9, "by hand: y = 1, x = 3")

        let path = temporaryPath("glpsol.lp"), output = temporaryPath("glpsol.out")
        defer { for p in [path, output] { try? FileManager.default.removeItem(atPath: p) } }
        let result = solver.solve(model, SolveParameters(relativeGap: 0, writeLPPath: path))
        XCTAssertEqual(result.reason, .optimal)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: glpsol)
        process.arguments = ["--lp", path, "-o", output]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        let report = try String(contentsOfFile: output, encoding: .utf8)
        let objectiveLine = try XCTUnwrap(report.split(separator: "\n").first { $0.hasPrefix("Objective:") })
        let value = try XCTUnwrap(objectiveLine.split(separator: "=").last?.split(separator: " ").first.flatMap { Double($0) })
        XCTAssertEqual(value, expected, accuracy: 1e-9, String(objectiveLine))
    }

    func testWriteLPToUnwritablePathThrowsAndSolveReportsError() {
        let path = "/nonexistent-directory-for-miptests/model.lp"
        XCTAssertThrowsError(try smallModel().writeLP(to: path)) { error in
            XCTAssertEqual(error as? MIPError, .writeFailed(path: path))
        }
        guard case .error = solver.solve(smallModel(), SolveParameters(writeLPPath: path)).reason else {
            return XCTFail("expected an error result")
        }
    }

    func testProgressIsReportedForEveryNewIncumbentOfABranchingSearch() throws {
        let instance = Knapsack.correlated(items: 18, seed: 5)
        let optimum = Double(instance.bruteForceOptimum())
        let (model, _) = instance.model()
        let log = ProgressLog()
        let result = solver.solve(model, SolveParameters(relativeGap: 0, progress: { log.append($0) }))
        assertOptimal(result, model, objective: optimum)
        XCTAssertGreaterThan(result.nodes, 1, "sanity: the search branched")
        let reports = log.all
        XCTAssertFalse(reports.isEmpty)
        let incumbents = reports.compactMap(\.incumbent)
        XCTAssertFalse(incumbents.isEmpty, "at least one incumbent was reported")
        XCTAssertTrue(reports.contains { $0.bestBound != nil }, "the search bound is tracked")
        XCTAssertEqual(incumbents, incumbents.sorted(), "incumbents of a maximization only improve")
        XCTAssertEqual(try XCTUnwrap(incumbents.last), optimum, accuracy: 1e-9)
        for report in reports {
            if let bound = report.bestBound, let incumbent = report.incumbent {
                XCTAssertGreaterThanOrEqual(bound, incumbent - 1e-9)
                XCTAssertEqual(try XCTUnwrap(report.gap), abs(incumbent - bound) / max(1e-9, abs(incumbent)), accuracy: 1e-12)
            }
            XCTAssertGreaterThanOrEqual(report.elapsed, 0)
        }
    }

    /// The warm start is handed to GLPK inside the search (not only used as a fallback): the
    /// first incumbent GLPK reports is exactly its value.
    func testWarmStartBecomesGLPKsFirstIncumbent() throws {
        let instance = Knapsack.correlated(items: 40, seed: 7)
        let (model, _) = instance.model()
        let greedy = instance.greedySolution()
        let log = ProgressLog()
        _ = solver.solve(model, SolveParameters(relativeGap: 0, nodeLimit: 1, warmStart: greedy, progress: { log.append($0) }))
        let first = try XCTUnwrap(log.all.first { $0.incumbent != nil })
        XCTAssertEqual(try XCTUnwrap(first.incumbent), model.objectiveValue(greedy), accuracy: 1e-9)
    }

    /// Runs `body` with file descriptor 1 redirected to a file and returns what was written.
    private func capturingStandardOutput(_ body: () -> Void) throws -> String {
        let path = temporaryPath("stdout.txt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        fflush(nil)
        let file = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let saved = dup(1)
        XCTAssertGreaterThanOrEqual(file, 0)
        dup2(file, 1)
        body()
        fflush(nil)
        dup2(saved, 1)
        close(saved)
        close(file)
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    func testGLPKPrintsNothingUnlessVerbose() throws {
        let (model, _) = Knapsack.correlated(items: 16, seed: 2).model()
        let quiet = try capturingStandardOutput {
            for (_, parameters) in presolveVariants { _ = solver.solve(model, parameters) }
            _ = solver.solve(model, SolveParameters(nodeLimit: 1, warmStart: [Double](repeating: 0, count: 16)))
            try? model.writeLP(to: temporaryPath("quiet.lp"))
        }
        XCTAssertEqual(quiet, "")
        let loud = try capturingStandardOutput { _ = solver.solve(model, SolveParameters(verbose: true)) }
        XCTAssertFalse(loud.isEmpty, "sanity: the capture does see GLPK's output when asked for")
        let quietAgain = try capturingStandardOutput { _ = solver.solve(model) }
        XCTAssertEqual(quietAgain, "", "terminal output is switched off again after a verbose solve")
    }

    func testSameModelAndParametersGiveIdenticalResults() {
        let (model, _) = Knapsack.correlated(items: 24, seed: 9).model()
        let parameters = SolveParameters(relativeGap: 0, nodeLimit: 50)
        let first = solver.solve(model, parameters)
        XCTAssertTrue(first.reason.hasSolution)
        for _ in 0..<3 {
            let again = solver.solve(model, parameters)
            XCTAssertEqual(again.reason, first.reason)
            XCTAssertEqual(again.values, first.values)
            XCTAssertEqual(again.objective, first.objective)
            XCTAssertEqual(again.bestBound, first.bestBound)
            XCTAssertEqual(again.nodes, first.nodes)
        }
    }

    func testConcurrentSolvesOnSeparateModelsAreSafe() {
        let results = ConcurrentResults()
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            let instance = Knapsack.correlated(items: 12, seed: UInt64(i))
            let (model, _) = instance.model()
            let result = GLPKSolver().solve(model, SolveParameters(relativeGap: 0))
            results.set(i, result.objective == Double(instance.bruteForceOptimum()))
        }
        XCTAssertEqual(results.count, 8)
        XCTAssertTrue(results.allTrue)
    }
}

final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int: Bool] = [:]
    func set(_ i: Int, _ v: Bool) { lock.lock(); values[i] = v; lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return values.count }
    var allTrue: Bool { lock.lock(); defer { lock.unlock() }; return values.values.allSatisfy { $0 } }
}
