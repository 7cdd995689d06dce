import Foundation
import JuryPlanCore

/// Writes files so that a reader never sees half a file: a temporary file beside the target,
/// then a rename. Nothing is left behind when writing fails.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw InputError(SourceLocation(file: url.path), "cannot write the file: \(error.localizedDescription)")
        }
    }
}
