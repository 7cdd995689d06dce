import XCTest
@testable import MIP

final class LinearExpressionTests: XCTestCase {
    let x = Variable(index: 0), y = Variable(index: 1), z = Variable(index: 2)

    func testDuplicateVariablesAreMergedAndCancellingTermsDropped() {
        var e = 2 * x + 3 * y + x - 3 * y
        XCTAssertEqual(e.terms, [0: 3])
        e += z
        e -= 2.5
        XCTAssertEqual(e.terms, [0: 3, 2: 1])
        XCTAssertEqual(e.constant, -2.5)
        XCTAssertEqual(e.coefficient(of: y), 0)
    }

    func testZeroCoefficientsAreNotStoredButNaNIsKept() {
        XCTAssertTrue((0 * x).terms.isEmpty)
        XCTAssertTrue((0 * (x + y)).terms.isEmpty)
        XCTAssertTrue((Double.nan * x).terms[0]!.isNaN, "NaN must survive so validation can reject it")
    }

    func testOperatorsScaleNegateAndAddConstants() {
        let e = -(2 * (x - y) + 1) + 4.0 + (y * 0.5)
        XCTAssertEqual(e.terms, [0: -2, 1: 2.5])
        XCTAssertEqual(e.constant, 3)
        XCTAssertEqual(e.value([1, 2]), -2 + 5 + 3)
    }

    func testSumsOfVariablesAndPairs() {
        XCTAssertEqual(LinearExpression.sum([x, y, x]).terms, [0: 2, 1: 1])
        XCTAssertEqual(LinearExpression.sum([(2.0, x), (-1.0, z), (1.0, x)]).terms, [0: 3, 2: -1])
        XCTAssertEqual(LinearExpression.sum([Variable]()), LinearExpression())
    }

    func testSortedTermsAreInVariableOrder() {
        var e = LinearExpression()
        for i in [7, 3, 9, 1] { e.add(Double(i), Variable(index: i)) }
        XCTAssertEqual(e.sortedTerms.map(\.variable.index), [1, 3, 7, 9])
    }
}

final class ModelTests: XCTestCase {
    func testCountsNamesAndConstraintStorage() {
        let model = Model(name: "m")
        let a = model.addVariable("a", kind: .binary)
        let b = model.addVariable("b", kind: .integer, lowerBound: -1, upperBound: 4, objective: 2)
        let c = model.addConstraint("row", 3 * b + a + b + 1, .lessOrEqual, 10)
        model.addConstraint("empty", LinearExpression(), .equal, 0)
        XCTAssertEqual(model.variableCount, 2)
        XCTAssertEqual(model.constraintCount, 2)
        XCTAssertEqual(model.nonZeroCount, 2, "b merged, constant moved to the right-hand side")
        XCTAssertEqual(model.name(of: b), "b")
        XCTAssertEqual(model.kind(of: a), .binary)
        XCTAssertEqual(model.name(of: c), "row")
        XCTAssertEqual(model.rhs(of: c), 9)
        XCTAssertEqual(model.sense(of: c), .lessOrEqual)
        XCTAssertEqual(model.terms(of: c).map(\.variable), [a, b])
        XCTAssertEqual(model.terms(of: c).map(\.coefficient), [1, 4])
        XCTAssertEqual(model.objective.terms, [1: 2])
        XCTAssertNil(model.validationError())
    }

    func testFeasibilityCheckFindsBoundIntegralityAndRowViolations() {
        let model = Model()
        let a = model.addVariable("a", kind: .binary)
        let b = model.addVariable("b", upperBound: 5)
        model.addConstraint("sum", a + b, .lessOrEqual, 4)
        XCTAssertNil(model.feasibilityViolation(of: [1, 3]))
        XCTAssertNil(model.feasibilityViolation(of: [1, 3 + 5e-7]), "within tolerance")
        XCTAssertNotNil(model.feasibilityViolation(of: [1, 3.1]), "row")
        XCTAssertNotNil(model.feasibilityViolation(of: [0.5, 0]), "integrality")
        XCTAssertNotNil(model.feasibilityViolation(of: [2, 0]), "binary upper bound")
        XCTAssertNotNil(model.feasibilityViolation(of: [0, -1]), "lower bound")
        XCTAssertNotNil(model.feasibilityViolation(of: [0]), "length")
        XCTAssertNotNil(model.feasibilityViolation(of: [0, .nan]), "NaN")
    }

    func testSanitizedNamesAreLPSafeUniqueDeterministicAndShortEnough() {
        let long = String(repeating: "é", count: 400)
        let names = ["a b", "a_b", "a-b", "", "3rd", ".x", "end", "ok(1)", long, long]
        let sanitized = sanitizedNames(names, emptyPrefix: "x")
        XCTAssertEqual(Array(sanitized.prefix(8)), ["a_b", "a_b_2", "a_b_3", "x4", "_3rd", "_.x", "_end", "ok(1)"])
        XCTAssertEqual(Set(sanitized).count, names.count)
        XCTAssertTrue(sanitized.allSatisfy { $0.utf8.count <= 255 && !$0.contains(" ") })
        XCTAssertEqual(sanitized, sanitizedNames(names, emptyPrefix: "x"))
    }

    func testBinaryBoundsAreIntersectedWithZeroOne() {
        let model = Model()
        model.addVariable("free binary", kind: .binary, lowerBound: -5, upperBound: 9)
        model.addVariable("fixed on", kind: .binary, lowerBound: 1)
        XCTAssertEqual(model.solverBounds().map(\.lower), [0, 1])
        XCTAssertEqual(model.solverBounds().map(\.upper), [1, 1])
    }
}
