import XCTest
@testable import JuryPlanCore

/// The built-in presets, exactly as the tables of SPEC §1.1.
final class PresetTests: XCTestCase {
    /// One exam as the SPEC table reads: id, mode, minutes, jury size, roles, external threshold,
    /// president, needs, after, regional.
    struct Row: Equatable, CustomStringConvertible {
        var id: String
        var mode: ExamMode
        var minutes: Int
        var size: Int
        var roles: [Role: Int]
        var external: Double?
        var president: Bool
        var needs: [String]
        var after: [String]
        var regional: Bool
        var imposed = false

        init(_ id: String, _ mode: ExamMode, _ minutes: Int, size: Int, roles: [Role: Int] = [:], external: Double? = nil,
             president: Bool = false, needs: [String] = [], after: [String] = [], regional: Bool = false) {
            self.id = id
            self.mode = mode
            self.minutes = minutes
            self.size = size
            self.roles = roles
            self.external = external
            self.president = president
            self.needs = needs
            self.after = after
            self.regional = regional
        }

        init(_ e: Exam) {
            self.init(e.id, e.mode, e.minutes, size: e.jury.size, roles: e.jury.roles, external: e.jury.external,
                      president: e.jury.president, needs: e.needs, after: e.after, regional: e.regional)
            imposed = e.jury.imposed
        }

        var description: String {
            "\(id) \(mode) \(minutes) size \(size) roles \(roles) ext \(String(describing: external)) pres \(president) needs \(needs) after \(after) regional \(regional) imposed \(imposed)"
        }
    }

    func check(_ preset: Preset, _ expected: [Row], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(preset.exams.map(\.id), expected.map(\.id), file: file, line: line)
        for (actual, want) in zip(preset.exams.map(Row.init), expected) {
            XCTAssertEqual(actual, want, file: file, line: line)
        }
        for e in preset.exams {
            XCTAssertFalse(e.name.isEmpty, e.id, file: file, line: line)
        }
    }

    func testCSEC() {
        let twoPros: [Role: Int] = [.professional: 2]
        check(Preset.csec, [
            Row("BC1", .oral, 45, size: 2, roles: twoPros, needs: ["projector"]),
            Row("BC2", .oral, 45, size: 2, roles: twoPros, needs: ["projector"]),
            Row("BC3", .written, 120, size: 1),
            Row("BC4", .oral, 30, size: 2, roles: twoPros, needs: ["projector"]),
            Row("BC5", .oral, 30, size: 2, roles: twoPros, needs: ["projector"]),
            Row("FINAL", .oral, 30, size: 3, roles: [.certifier: 1, .professional: 2], external: 0.66, president: true,
                needs: ["projector"], after: ["BC1", "BC2", "BC3", "BC4", "BC5"]),
        ])
        XCTAssertEqual(Preset.csec.name, .csec)
        XCTAssertEqual(Preset.csec.aliases, [:])
        XCTAssertEqual(Preset.csec.defaultedExams, [])
    }

    func testPACTE() {
        check(Preset.pacte, [
            Row("INTERVIEW", .oral, 30, size: 2, regional: true),
            Row("THESIS", .oral, 60, size: 3, roles: [.certifier: 1, .professional: 2], president: true,
                needs: ["projector"], regional: true),
        ])
        XCTAssertEqual(Preset.pacte.aliases, [:])
        // The seed gives no jury: both are defaults.
        XCTAssertEqual(Preset.pacte.defaultedExams, ["INTERVIEW", "THESIS"])
    }

    func testCPAS() {
        let twoPros: [Role: Int] = [.professional: 2]
        check(Preset.cpas, [
            Row("B1", .submitted, 0, size: 0),
            Row("B2", .submitted, 0, size: 0),
            Row("B3", .oral, 30, size: 2, roles: twoPros, needs: ["projector"]),
            Row("B4", .group, 60, size: 2, roles: twoPros, needs: ["projector"]),
            Row("B5E1", .submitted, 0, size: 0),
            Row("B5E2", .group, 60, size: 2, roles: twoPros, needs: ["projector"]),
        ])
        XCTAssertEqual(Preset.cpas.aliases, ["BC1": "B1", "BC2": "B2", "BC3": "B3", "BC4": "B4", "BC5E1": "B5E1", "BC5E2": "B5E2"])
        XCTAssertEqual(Preset.cpas.defaultedExams, ["B3", "B4", "B5E2"])
        XCTAssertEqual(Preset.cpas.exams.filter(\.isScheduled).map(\.id), ["B3", "B4", "B5E2"])
    }

    func testNamedAndCustom() {
        XCTAssertEqual(Preset.named(.csec).exams.map(\.id), Preset.csec.exams.map(\.id))
        XCTAssertEqual(Preset.named(.pacte).name, .pacte)
        XCTAssertEqual(Preset.named(.cpas).name, .cpas)
        let custom = Preset.named(.custom)
        XCTAssertEqual(custom.name, .custom)
        XCTAssertEqual(custom.exams.count, 0)
        XCTAssertEqual(custom.aliases, [:])
        XCTAssertEqual(PresetName(rawValue: "cpas"), .cpas)
        XCTAssertNil(PresetName(rawValue: "CSEC"))
    }

    func testModes() {
        XCTAssertTrue(ExamMode.oral.isExamined)
        XCTAssertTrue(ExamMode.group.isExamined)
        XCTAssertFalse(ExamMode.written.isExamined)
        XCTAssertFalse(ExamMode.submitted.isExamined)
        XCTAssertTrue(ExamMode.written.gathers)
        XCTAssertTrue(ExamMode.group.gathers)
        XCTAssertFalse(ExamMode.oral.gathers)
        XCTAssertFalse(ExamMode.submitted.gathers)
    }
}
