import Foundation
import JuryPlanCore

/// One cell of a CSV file, with where it starts in the file.
public struct CSVField: Sendable, Equatable {
    /// Cell text: unquoted cells trimmed of surrounding whitespace, quoted cells verbatim (quotes removed, `""` → `"`).
    public var text: String
    /// 1-based physical line of the field's first character (the opening quote if quoted; the first
    /// non-blank character if unquoted; just after the preceding delimiter if the field is blank).
    public var line: Int
    /// 1-based column on that line, counting Unicode scalars (not grapheme clusters: see `CSVScanner`).
    public var column: Int

    public init(text: String, line: Int, column: Int) {
        self.text = text
        self.line = line
        self.column = column
    }

    /// True when the text is empty or only whitespace.
    public var isBlank: Bool { text.allSatisfy(\.isWhitespace) }
}

/// One record (header or data row) of a CSV file.
public struct CSVRow: Sendable, Equatable {
    /// 1-based physical line where the record starts.
    public var line: Int
    public var fields: [CSVField]
    /// Position just after the record's last character, before its line break
    /// (a record may span several physical lines when a quoted field contains newlines).
    public var endLine: Int
    public var endColumn: Int

    public init(line: Int, fields: [CSVField], endLine: Int? = nil, endColumn: Int? = nil) {
        self.line = line
        self.fields = fields
        self.endLine = endLine ?? fields.last?.line ?? line
        self.endColumn = endColumn ?? fields.last.map { $0.column + $0.text.count } ?? 1
    }

    /// True when every field is empty or whitespace (such data rows are skipped).
    public var isBlank: Bool { fields.allSatisfy(\.isBlank) }
}

/// A parsed CSV file: its header and its data rows.
public struct CSVTable: Sendable {
    /// Display name used in messages (e.g. "candidates.csv").
    public var file: String
    /// `,` `;` or `\t`, sniffed from the header line.
    public var delimiter: Character
    public var encoding: TextEncoding
    /// First non-blank record. For an empty (or all-blank) file: zero fields, line 0.
    public var header: CSVRow
    /// Data rows after the header; fully blank rows are skipped.
    public var rows: [CSVRow]

    public init(file: String, delimiter: Character, encoding: TextEncoding, header: CSVRow, rows: [CSVRow]) {
        self.file = file
        self.delimiter = delimiter
        self.encoding = encoding
        self.header = header
        self.rows = rows
    }

    /// Where a field of this table is, for messages.
    public func location(of field: CSVField) -> SourceLocation {
        SourceLocation(file: file, line: field.line, column: field.column)
    }

    /// Where a row of this table starts (line only).
    public func location(of row: CSVRow) -> SourceLocation {
        SourceLocation(file: file, line: row.line)
    }
}

/// Reads the CSV input files described in the spec (§2.2).
///
/// - Encoding: UTF-8 with or without BOM, otherwise Windows-1252 (see `decode(_:)`).
///   UTF-16 files (FF FE / FE FF byte order mark) are rejected with a message.
/// - Line endings: CRLF, LF and lone CR, mixed freely; line numbers are physical lines,
///   also inside quoted fields spanning several lines.
/// - Delimiter: sniffed from the first line that is not whitespace only (normally the header)
///   by counting `;`, tab and `,` outside quotes. The most frequent wins; ties go to `;`, then tab, then `,`
///   (French files use `;` because `,` is the decimal separator); no delimiter at all → `,`
///   (a single-column file).
/// - Quoting (RFC 4180): a field whose first non-blank character is `"` is quoted; `""` inside
///   it is a quote; delimiters and line breaks inside it are text and it is kept verbatim.
///   Text after the closing quote (other than whitespace and quotes) is appended literally, as spreadsheets do.
///   A `"` in the middle of an unquoted field is an ordinary character (spreadsheet-friendly).
/// - Fields are split on Unicode scalars, never on grapheme clusters (`CSVScanner`).
/// - Unquoted fields are trimmed of surrounding whitespace (including no-break spaces).
/// - Errors, each with file, line and column: a NUL byte; a stray quote after a quoted field;
///   a short row that holds enough of another delimiter to fill the header (a row written with
///   tabs in a `,` file); bytes that are neither UTF-8 nor Windows-1252 (`encodingProblem`).
/// - A data row with more fields than the header is an error at the first non-empty extra
///   field; extra fields that are all empty (trailing delimiters) are dropped silently.
/// - An unterminated quoted field is an error at its opening quote.
/// Never traps on any input: bad input gives an `InputError` naming file, line and column.
public enum CSVReader {
    /// Reads and parses a file. Missing or unreadable files → `InputError` naming the file.
    public static func read(contentsOf url: URL, displayName: String? = nil) throws -> CSVTable {
        let name = displayName ?? url.lastPathComponent
        return try parse(readBytes(contentsOf: url, displayName: name), file: name)
    }

    /// The bytes of an input file, with the messages of `read` for a missing or unreadable file.
    public static func readBytes(contentsOf url: URL, displayName: String? = nil) throws -> Data {
        let name = displayName ?? url.lastPathComponent
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(SourceLocation(file: name), "file not found (looked for \(path))")
        }
        if isDirectory.boolValue {
            throw InputError(SourceLocation(file: name), "is a directory, expected a CSV file (\(path))")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > InputRanges.csvFileBytes.upperBound {
            throw InputError(SourceLocation(file: name), "the file has \(size) bytes; an input file has at most \(InputRanges.csvFileBytes.upperBound) (is it the right file?)")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw InputError(SourceLocation(file: name), "cannot read the file (\(path)): \(error.localizedDescription)")
        }
        return data
    }

    /// Parses file contents; `file` is the display name used in messages.
    public static func parse(_ data: Data, file: String) throws -> CSVTable {
        if data.count >= 2 {
            let b0 = data[data.startIndex], b1 = data[data.startIndex + 1]
            if (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF) {
                throw InputError(
                    SourceLocation(file: file, line: 1, column: 1),
                    "the file is encoded as UTF-16, expected UTF-8 or Windows-1252: save it as \"CSV UTF-8\" or \"CSV\" from the spreadsheet")
            }
        }
        let (text, encoding) = decode(data)
        if encoding == .windows1252, let problem = encodingProblem(data, file: file) { throw InputError([problem]) }
        let scalars = Array(text.unicodeScalars)
        let delimiter = CSVScanner.sniffDelimiter(scalars)
        var scanner = CSVScanner(scalars, delimiter: delimiter, file: file)
        let records = scanner.records()
        var log = scanner.log
        try log.throwIfErrors()

        var header = CSVRow(line: 0, fields: [], endLine: 0, endColumn: 0)
        var rows: [CSVRow] = []
        var headerFound = false
        for record in records where !record.row.isBlank {
            guard headerFound else {
                header = record.row
                headerFound = true
                continue
            }
            var row = record.row
            let columns = header.fields.count
            if row.fields.count > columns {
                let extra = row.fields[columns...]
                if let firstValue = extra.first(where: { !$0.isBlank }) {
                    log.error(
                        SourceLocation(file: file, line: firstValue.line, column: firstValue.column),
                        "unexpected value \(quoted(firstValue.text)): this row has \(row.fields.count) fields but the header has \(columns) columns (a value containing \(delimiterName(Character(delimiter))) must be quoted)")
                    continue
                }
                row.fields.removeSubrange(columns...)
            } else if row.fields.count < columns, let other = record.otherDelimiter, row.fields.count + other.count >= columns {
                // Enough of another delimiter to fill the header: the row was written with it, and
                // reading it as a short row would make one cell of several (issue 16).
                log.error(
                    SourceLocation(file: file, line: other.line, column: other.column),
                    "this row has \(row.fields.count) field\(row.fields.count == 1 ? "" : "s") separated by \(delimiterName(Character(delimiter))) but \(other.count + 1) separated by \(delimiterName(Character(other.scalar))); the header has \(columns) columns: use \(delimiterName(Character(delimiter))) throughout the file (or quote the value)")
                continue
            }
            rows.append(row)
        }
        try log.throwIfErrors()
        return CSVTable(file: file, delimiter: Character(delimiter), encoding: encoding, header: header, rows: rows)
    }

    /// Splits a list cell on `|`, trims each item and drops empty items: " a | |b " → ["a", "b"].
    public static func splitList(_ cell: String) -> [String] {
        // On scalars, like the cells: a `|` followed by a combining mark still separates.
        cell.unicodeScalars.split(separator: "|", omittingEmptySubsequences: false)
            .map { trimmed(Substring(String(String.UnicodeScalarView($0)))) }
            .filter { !$0.isEmpty }
    }

    // MARK: - Internals

    static func trimmed(_ s: Substring) -> String {
        guard let first = s.firstIndex(where: { !$0.isWhitespace }),
              let last = s.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(s[first...last])
    }

    static func quoted(_ s: String) -> String { "\"\(s)\"" }

    static func delimiterName(_ d: Character) -> String {
        switch d {
        case "\t": return "a tab"
        case ";": return "\";\""
        default: return "\"\(d)\""
        }
    }
}
