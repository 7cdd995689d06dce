import Foundation
import XCTest
import JuryPlanCore
import JuryPlanIO
@testable import JuryPlanCLI

/// Output of one command run through `JuryPlanCommand.run` with a capturing console.
struct RunResult {
    var code: Int32
    var out: String
    var err: String
}

final class OutputBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var out = ""
    private var err = ""

    func appendOut(_ s: String) { lock.lock(); out += s; lock.unlock() }
    func appendErr(_ s: String) { lock.lock(); err += s; lock.unlock() }
    var texts: (String, String) { lock.lock(); defer { lock.unlock() }; return (out, err) }
}

func juryplan(_ arguments: [String]) -> RunResult {
    let buffer = OutputBuffer()
    let console = Console(out: { buffer.appendOut($0) }, err: { buffer.appendErr($0) })
    let code = JuryPlanCommand.run(arguments, console: console)
    let (out, err) = buffer.texts
    return RunResult(code: code, out: out, err: err)
}

/// The test data of Tests/JuryPlanIOTests/Files (this target has no resources of its own).
enum SharedFiles {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("JuryPlanIOTests/Files", isDirectory: true)
    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }
}

/// A fresh folder under the temporary directory, removed by `tearDown`.
class TemporaryFolderTestCase: XCTestCase {
    private(set) var scratch: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("juryplan-cli-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
        try super.tearDownWithError()
    }

    /// Copies every file of `Files/<source>` into `scratch/<name>` (created if needed); returns the folder.
    @discardableResult
    func copyFiles(_ source: String, into name: String) throws -> URL {
        let from = SharedFiles.url(source)
        let to = scratch.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: to, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: from.path) {
            let target = to.appendingPathComponent(file)
            if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
            try FileManager.default.copyItem(at: from.appendingPathComponent(file), to: target)
        }
        return to
    }

    /// Every file under `folder` (relative path → bytes), to prove that nothing was written.
    func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        guard let walker = FileManager.default.enumerator(atPath: base) else { return files }
        for case let relative as String in walker {
            let path = base + "/" + relative
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            files[relative + (isDirectory.boolValue ? "/" : "")] = isDirectory.boolValue ? Data() : FileManager.default.contents(atPath: path)
        }
        return files
    }

    func listing(_ folder: URL) throws -> [String] { try snapshot(folder).keys.sorted() }
}
