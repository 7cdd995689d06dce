import Foundation
import JuryPlanCore

/// A column a reader expects: its canonical key and the header names accepted for it.
public struct CSVColumn: Sendable, Equatable {
    /// Canonical key (also accepted as a header name), e.g. "first_name".
    public var key: String
    /// Other accepted header names, English and French, e.g. ["first name", "prénom"].
    /// Compared after `CSVReader.normalizeKey`.
    public var aliases: [String]
    public var required: Bool

    public init(_ key: String, aliases: [String] = [], required: Bool = true) {
        self.key = key
        self.aliases = aliases
        self.required = required
    }

    /// Key then aliases, one spelling per normalised name, for messages.
    public var acceptedNames: [String] {
        var seen = Set<String>()
        var names: [String] = []
        for name in [key] + aliases where seen.insert(CSVReader.normalizeKey(name)).inserted {
            names.append(name)
        }
        return names
    }
}

/// Header lookup: maps canonical column keys to their index in the header, accepting aliases.
///
/// - Two header cells meaning the same key → error at the second one.
/// - A required column that is absent → error at the header line naming every accepted name.
/// - Unknown header names → warnings (in `warnings`); their values are ignored.
/// - Empty header cells are ignored: silently at the end of the line (trailing delimiters),
///   with a warning between named columns.
public struct CSVHeader: Sendable {
    public let file: String
    public let header: CSVRow
    /// Canonical key → 0-based index of the field in each row.
    public private(set) var indices: [String: Int] = [:]
    /// Unknown / unnamed columns.
    public private(set) var warnings: [InputIssue] = []

    public init(_ header: CSVRow, columns: [CSVColumn], file: String) throws {
        self.file = file
        self.header = header

        var columnForName: [String: Int] = [:]
        for (index, column) in columns.enumerated() {
            for name in [column.key] + column.aliases {
                let normalized = CSVReader.normalizeKey(name)
                if !normalized.isEmpty && columnForName[normalized] == nil {
                    columnForName[normalized] = index
                }
            }
        }

        var log = IssueLog()
        let lastNamed = header.fields.lastIndex { !CSVReader.normalizeKey($0.text).isEmpty }
        for (index, field) in header.fields.enumerated() {
            let location = SourceLocation(file: file, line: field.line, column: field.column)
            let normalized = CSVReader.normalizeKey(field.text)
            if normalized.isEmpty {
                if let lastNamed, index < lastNamed {
                    log.warning(location, "column \(index + 1) has no header name; its values are ignored")
                }
                continue
            }
            guard let columnIndex = columnForName[normalized] else {
                log.warning(location, "unknown column \(CSVReader.quoted(field.text)) is ignored")
                continue
            }
            let key = columns[columnIndex].key
            if let previous = indices[key], previous < header.fields.count {
                let first = header.fields[previous]
                log.error(
                    location,
                    "duplicate column \(CSVReader.quoted(field.text)): column \(CSVReader.quoted(first.text)) at line \(first.line), column \(first.column) already gives \(key); keep only one of them")
                continue
            }
            indices[key] = index
        }

        let missing = columns.filter { $0.required && indices[$0.key] == nil }
        if !missing.isEmpty {
            if header.fields.isEmpty {
                let expected = missing.map { Self.describe($0) }.joined(separator: "; ")
                log.error(SourceLocation(file: file), "the file is empty: expected a header line with the columns \(expected)")
            } else {
                for column in missing {
                    log.error(SourceLocation(file: file, line: header.line), "missing required column: expected \(Self.describe(column))")
                }
            }
        }
        try log.throwIfErrors()
        warnings = log.warnings
    }

    /// `"first_name" or "prénom"` / `"a", "b" or "c"`.
    static func describe(_ column: CSVColumn) -> String {
        let names = column.acceptedNames.map(CSVReader.quoted)
        guard let last = names.last else { return CSVReader.quoted(column.key) }
        if names.count == 1 { return last }
        return names.dropLast().joined(separator: ", ") + " or " + last
    }

    /// 0-based index of the column for `key`, nil if absent from the file.
    public func index(of key: String) -> Int? { indices[key] }

    /// True when the file has a column for `key`.
    public func contains(_ key: String) -> Bool { indices[key] != nil }

    /// The row's field for `key`; nil if the column is absent from the file.
    /// A row shorter than the header yields an empty field positioned at the end of the row.
    public func field(_ key: String, in row: CSVRow) -> CSVField? {
        guard let index = indices[key] else { return nil }
        if index < row.fields.count { return row.fields[index] }
        return CSVField(text: "", line: row.endLine, column: row.endColumn)
    }

    /// Where a field is, for messages.
    public func location(of field: CSVField) -> SourceLocation {
        SourceLocation(file: file, line: field.line, column: field.column)
    }

    /// Same as `CSVReader.normalizeKey`.
    public static func normalizeKey(_ s: String) -> String { CSVReader.normalizeKey(s) }
}

extension CSVReader {
    /// Normalises a header name for comparison: lowercase, accents removed (Unicode compatibility
    /// decomposition, combining marks dropped; œ → oe, æ → ae, ß → ss), surrounding whitespace
    /// trimmed, each run of spaces / hyphens / underscores / apostrophes inside collapsed to "_"
    /// (runs at either end are dropped).
    /// "Prénom", "prenom", "PRÉNOM ", "first name", "first_name", "First-Name" → "prenom" / "first_name".
    public static func normalizeKey(_ s: String) -> String {
        var out = ""
        var pendingSeparator = false
        for c in foldAccents(s.lowercased()) {
            if c.isWhitespace || keySeparators.contains(c) {
                pendingSeparator = !out.isEmpty
                continue
            }
            if pendingSeparator {
                out.append("_")
                pendingSeparator = false
            }
            out.append(c)
        }
        return out
    }

    /// Normalises a name (structure, region, …) for comparison: lowercase, accents removed,
    /// all whitespace removed. "Île-de-France " and "ile-de- france" → "ile-de-france".
    public static func normalizeName(_ s: String) -> String {
        String(foldAccents(s.lowercased()).filter { !$0.isWhitespace })
    }

    static let keySeparators: Set<Character> = ["-", "_", "'", "’", "‘", "`", "´", "\u{2010}", "\u{2011}", "–", "—"]

    /// Removes accents and splits ligatures; keeps everything else.
    static func foldAccents(_ s: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in s.decomposedStringWithCompatibilityMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark:
                continue
            default:
                break
            }
            switch scalar {
            case "œ": scalars.append(contentsOf: "oe".unicodeScalars)
            case "Œ": scalars.append(contentsOf: "OE".unicodeScalars)
            case "æ": scalars.append(contentsOf: "ae".unicodeScalars)
            case "Æ": scalars.append(contentsOf: "AE".unicodeScalars)
            case "ß": scalars.append(contentsOf: "ss".unicodeScalars)
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
