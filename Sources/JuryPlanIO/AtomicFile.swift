import Foundation
import JuryPlanCore
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Writes files so that a reader never sees half a file: a temporary file beside the target,
/// flushed to disk, then a rename. Nothing is left behind when writing fails.
///
/// The temporary file is `.NAME.juryplan-PID.tmp` (hidden, named after the writing process).
/// A process killed while writing it leaves it behind; the next write of NAME removes the
/// leftovers of processes that no longer run. (Foundation's `.atomic` option names its
/// temporary files `.dat.nosync…` and never removes those of a killed process.)
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).juryplan-\(getpid()).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            removeLeftovers(of: url)
            try writeAndSync(data, to: temporary.path, mode: existingMode(url.path) ?? 0o644)
            guard rename(temporary.path, url.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        } catch {
            unlink(temporary.path)
            throw InputError(SourceLocation(file: url.path), "cannot write the file: \(error.localizedDescription)")
        }
    }

    /// The temporary files of `url` left by processes that were killed while writing it.
    public static func leftovers(of url: URL) -> [URL] {
        let prefix = ".\(url.lastPathComponent).juryplan-", folder = url.deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { name in
            guard name.hasPrefix(prefix), name.hasSuffix(".tmp"),
                  let pid = Int32(name.dropFirst(prefix.count).dropLast(4)) else { return false }
            return pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
        }.map { folder.appendingPathComponent($0) }
    }

    private static func removeLeftovers(of url: URL) {
        for leftover in leftovers(of: url) { unlink(leftover.path) }
    }

    private static func existingMode(_ path: String) -> mode_t? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o777 : nil
    }

    private static func writeAndSync(_ data: Data, to path: String, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += written
            }
        }
        guard fsync(fd) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }
}
