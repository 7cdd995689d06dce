import Foundation
import XCTest
import JuryPlanCore
import JuryPlanIO
@testable import JuryPlanCLI

/// Where the export tests find the repository, its fixtures and the reference exports.
enum ExportPaths {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let csecDemo = repository.appendingPathComponent("fixtures/csec-demo", isDirectory: true)
    static let hostile = SharedFiles.url("campaigns/export_hostile")
    /// Reference exports, compared byte for byte; re-recorded only with JURYPLAN_RECORD_EXPORTS=1.
    static let references = repository.appendingPathComponent("Tests/ExportReferences", isDirectory: true)
    static let icsChecker = repository.appendingPathComponent("scripts/check-ics.py")
}

extension TemporaryFolderTestCase {
    /// Runs `juryplan export` for each format into `out`; fails the test on a non-zero exit.
    func export(_ campaign: URL, formats: [ExportFormat] = ExportFormat.allCases, into name: String,
                extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) -> URL {
        let out = scratch.appendingPathComponent(name, isDirectory: true)
        for format in formats {
            let result = juryplan(["export", "--campaign", campaign.path, "--format", format.rawValue, "--out", out.path] + extra)
            XCTAssertEqual(result.code, 0, "export --format \(format.rawValue): \(result.err)", file: file, line: line)
        }
        return out
    }

    /// Every file under `folder` as text (for searching), by relative path.
    func texts(_ folder: URL) throws -> [String: String] {
        try snapshot(folder).compactMapValues { $0.isEmpty ? nil : String(decoding: $0, as: UTF8.self) }
    }

    /// Compares `paths` (or every file) of `folder` with the references under `reference`, byte for byte.
    func assertMatchesReferences(_ folder: URL, reference: String, paths: [String]? = nil,
                                 file: StaticString = #filePath, line: UInt = #line) throws {
        let produced = try snapshot(folder).filter { !$0.key.hasSuffix("/") }
        let chosen = paths ?? produced.keys.sorted()
        let base = ExportPaths.references.appendingPathComponent(reference, isDirectory: true)
        if ProcessInfo.processInfo.environment["JURYPLAN_RECORD_EXPORTS"] == "1" {
            if paths == nil { try? FileManager.default.removeItem(at: base) }
            for path in chosen { try AtomicFile.write(produced[path] ?? Data(), to: base.appendingPathComponent(path)) }
            XCTFail("recorded \(chosen.count) reference files in \(base.path); run again without JURYPLAN_RECORD_EXPORTS", file: file, line: line)
            return
        }
        if paths == nil {
            let recorded = try snapshot(base).keys.filter { !$0.hasSuffix("/") }.sorted()
            XCTAssertEqual(produced.keys.sorted(), recorded, "the export's files differ from the references' files", file: file, line: line)
        }
        for path in chosen {
            let expected = FileManager.default.contents(atPath: base.appendingPathComponent(path).path)
            XCTAssertNotNil(produced[path], "\(path) was not exported", file: file, line: line)
            XCTAssertNotNil(expected, "no reference for \(path)", file: file, line: line)
            if let expected, let got = produced[path], expected != got {
                let diff = zip(expected, got).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(expected.count, got.count)
                XCTFail("\(reference)/\(path) differs from its reference at byte \(diff) (\(got.count) bytes, reference \(expected.count))",
                        file: file, line: line)
            }
        }
    }
}

/// External readers of the exports (Python's icalendar, Chromium, poppler). Missing tools skip
/// the test on a developer's machine and fail it under CI=true: CI must prove every format.
enum ExternalTool {
    static var onCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static func path(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The tool's path, or a skip (a failure on CI) naming how scripts/test installs it.
    static func require(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        if let p = path(name) { return p }
        let message = "\(name) is missing: scripts/ensure-export-tools installs it"
        if onCI { XCTFail(message, file: file, line: line); throw XCTSkip(message) }
        throw XCTSkip(message)
    }

    /// Python with `icalendar` importable, or a skip (a failure on CI).
    static func requireICalendar(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let python = try require("python3", file: file, line: line)
        if run(python, ["-c", "import icalendar"]).code == 0 { return python }
        let message = "Python's icalendar is missing: scripts/ensure-export-tools installs it"
        if onCI { XCTFail(message, file: file, line: line) }
        throw XCTSkip(message)
    }

    /// Runs a tool with its output in files (no pipe to fill up and block it).
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) -> (code: Int32, out: Data, err: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("juryplan-tool-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        do {
            process.standardOutput = try FileHandle(forWritingTo: outURL)
            process.standardError = try FileHandle(forWritingTo: errURL)
            try process.run()
        } catch { return (-1, Data(), "\(error)") }
        process.waitUntilExit()
        let out = (try? Data(contentsOf: outURL)) ?? Data()
        let err = (try? Data(contentsOf: errURL)) ?? Data()
        return (process.terminationStatus, out, String(decoding: err, as: UTF8.self))
    }
}
