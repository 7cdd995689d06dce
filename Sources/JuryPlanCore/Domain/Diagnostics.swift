/// A place in an input file, for messages a user can act on ("candidates.csv:4:17").
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    /// 1-based physical line; 0 when the whole file is meant.
    public var line: Int
    /// 1-based character column; 0 when the whole line is meant.
    public var column: Int

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        if line == 0 { return file }
        if column == 0 { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in the input: an error stops the command (exit 2), a warning does not.
public struct InputIssue: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, _ location: SourceLocation, _ message: String) {
        self.severity = severity
        self.location = location
        self.message = message
    }

    public static func error(_ location: SourceLocation, _ message: String) -> InputIssue {
        InputIssue(.error, location, message)
    }

    public static func warning(_ location: SourceLocation, _ message: String) -> InputIssue {
        InputIssue(.warning, location, message)
    }

    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// Bad input: every error found in a file (or a campaign) at once, up to a cap.
public struct InputError: Error, Sendable, CustomStringConvertible {
    public static let maximumReported = 50
    public var issues: [InputIssue]

    public init(_ issues: [InputIssue]) { self.issues = issues }
    public init(_ location: SourceLocation, _ message: String) {
        self.issues = [.error(location, message)]
    }

    public var description: String {
        let errors = issues.filter { $0.severity == .error }
        var lines = errors.prefix(Self.maximumReported).map(\.description)
        if errors.count > Self.maximumReported {
            lines.append("… and \(errors.count - Self.maximumReported) more errors")
        }
        return lines.joined(separator: "\n")
    }
}

/// Collects issues while reading, so that all errors of a file are reported together.
public struct IssueLog: Sendable {
    public private(set) var issues: [InputIssue] = []
    public init() {}

    public mutating func error(_ location: SourceLocation, _ message: String) {
        issues.append(.error(location, message))
    }

    public mutating func warning(_ location: SourceLocation, _ message: String) {
        issues.append(.warning(location, message))
    }

    public mutating func append(contentsOf other: [InputIssue]) { issues.append(contentsOf: other) }

    public var hasErrors: Bool { issues.contains { $0.severity == .error } }
    public var warnings: [InputIssue] { issues.filter { $0.severity == .warning } }

    /// Throws every error collected so far, if any.
    public func throwIfErrors() throws {
        if hasErrors { throw InputError(issues.filter { $0.severity == .error }) }
    }
}
