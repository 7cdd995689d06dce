import Foundation
import XCTest
import JuryPlanCore
@testable import JuryPlanIO

/// The test data of `Files/` (copied into the test bundle).
enum TestFiles {
    static var root: URL { Bundle.module.url(forResource: "Files", withExtension: nil)! }
    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }
    static func campaign(_ name: String) -> URL { url("campaigns/\(name)") }
    static func text(_ path: String) throws -> String {
        let data = try Data(contentsOf: url(path))
        return String(decoding: data, as: UTF8.self)
    }
}

func day(_ iso: String, file: StaticString = #filePath, line: UInt = #line) -> Day {
    guard let d = Day(parsing: iso) else {
        XCTFail("bad test date \(iso)", file: file, line: line)
        return Day(year: 2000, month: 1, day: 1)!
    }
    return d
}

func hm(_ text: String) -> Int { Clock.minutes(text)! }

func range(_ text: String) -> TimeRange { TimeRange(parsing: text)! }

/// Runs `body`, expecting an InputError; returns it (or fails).
func expectInputError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> InputError? {
    do {
        try body()
        XCTFail("expected an InputError", file: file, line: line)
    } catch let error as InputError {
        return error
    } catch {
        XCTFail("expected an InputError, got \(error)", file: file, line: line)
    }
    return nil
}
