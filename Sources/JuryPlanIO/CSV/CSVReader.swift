import Foundation
import JuryPlanCore

/// One cell of a CSV file, with where it starts in the file.
public struct CSVField: Sendable, Equatable {
    /// Cell text: unquoted cells trimmed of surrounding whitespace, quoted cells verbatim (quotes removed, `""` → `"`).
    public var text: String
    /// 1-based physical line of the field's first character (the opening quote if quoted; the first
    /// non-blank character if unquoted; just after the preceding delimiter if the field is blank).
    public var line: Int
    /// 1-based column on that line, counting Characters (grapheme clusters).
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
///   Text after the closing quote (other than whitespace) is appended literally, as spreadsheets do.
///   A `"` in the middle of an unquoted field is an ordinary character (spreadsheet-friendly).
/// - Unquoted fields are trimmed of surrounding whitespace (including no-break spaces).
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
        let characters = Array(text)
        let delimiter = sniffDelimiter(characters)
        var log = IssueLog()
        let records = splitRecords(characters, delimiter: delimiter, file: file, log: &log)
        try log.throwIfErrors()

        var header = CSVRow(line: 0, fields: [], endLine: 0, endColumn: 0)
        var rows: [CSVRow] = []
        var headerFound = false
        for record in records where !record.isBlank {
            guard headerFound else {
                header = record
                headerFound = true
                continue
            }
            var row = record
            if row.fields.count > header.fields.count {
                let extra = row.fields[header.fields.count...]
                if let firstValue = extra.first(where: { !$0.isBlank }) {
                    log.error(
                        SourceLocation(file: file, line: firstValue.line, column: firstValue.column),
                        "unexpected value \(quoted(firstValue.text)): this row has \(row.fields.count) fields but the header has \(header.fields.count) columns (a value containing \(delimiterName(delimiter)) must be quoted)")
                    continue
                }
                row.fields.removeSubrange(header.fields.count...)
            }
            rows.append(row)
        }
        try log.throwIfErrors()
        return CSVTable(file: file, delimiter: delimiter, encoding: encoding, header: header, rows: rows)
    }

    /// Splits a list cell on `|`, trims each item and drops empty items: " a | |b " → ["a", "b"].
    public static func splitList(_ cell: String) -> [String] {
        cell.split(separator: "|", omittingEmptySubsequences: false)
            .map { trimmed(Substring($0)) }
            .filter { !$0.isEmpty }
    }

    // MARK: - Internals

    static let candidateDelimiters: [Character] = [";", "\t", ","]  // tie-break order

    static func isLineBreak(_ c: Character) -> Bool { c == "\n" || c == "\r" || c == "\r\n" }

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

    /// Picks the delimiter from the first line that is not whitespace only (a line of bare
    /// delimiters, as spreadsheets write for an empty first row, counts: it shows the delimiter).
    static func sniffDelimiter(_ chars: [Character]) -> Character {
        var i = 0
        let n = chars.count
        while i < n {
            var counts: [Character: Int] = [";": 0, "\t": 0, ",": 0]
            var hasContent = false
            var inQuotes = false
            var atFieldStart = true
            while i < n {
                let c = chars[i]
                i += 1
                if inQuotes {
                    if c == "\"" {
                        if i < n && chars[i] == "\"" { i += 1 } else { inQuotes = false }
                    }
                    continue
                }
                if isLineBreak(c) { break }
                if counts[c] != nil {
                    counts[c, default: 0] += 1
                    atFieldStart = true
                    hasContent = true
                } else if c == "\"" && atFieldStart {
                    inQuotes = true
                    atFieldStart = false
                    hasContent = true
                } else if !c.isWhitespace {
                    hasContent = true
                    atFieldStart = false
                }
            }
            if hasContent {
                var best: Character = ","
                var bestCount = 0
                for d in candidateDelimiters where counts[d, default: 0] > bestCount {
                    best = d
                    bestCount = counts[d, default: 0]
                }
                return best
            }
        }
        return ","
    }

    /// Splits text into records of positioned fields. Stops at an unterminated quoted field
    /// (reported in `log`); returns every record, blank ones included.
    static func splitRecords(_ chars: [Character], delimiter: Character, file: String, log: inout IssueLog) -> [CSVRow] {
        var records: [CSVRow] = []
        let n = chars.count
        var i = 0
        var line = 1
        var column = 1

        while i < n {
            let recordLine = line
            var fields: [CSVField] = []
            var endLine = line
            var endColumn = column
            fieldLoop: while true {
                let startLine = line
                let startColumn = column
                // Skip leading whitespace to find out whether the field is quoted.
                var j = i
                var jColumn = column
                while j < n, chars[j] != delimiter, !isLineBreak(chars[j]), chars[j].isWhitespace {
                    j += 1
                    jColumn += 1
                }
                if j < n && chars[j] == "\"" {
                    let quoteLine = line
                    let quoteColumn = jColumn
                    i = j + 1
                    column = jColumn + 1
                    var text = ""
                    var closed = false
                    while i < n {
                        let c = chars[i]
                        if c == "\"" {
                            if i + 1 < n && chars[i + 1] == "\"" {
                                text.append("\"")
                                i += 2
                                column += 2
                                continue
                            }
                            i += 1
                            column += 1
                            closed = true
                            break
                        }
                        text.append(c)
                        i += 1
                        if isLineBreak(c) {
                            line += 1
                            column = 1
                        } else {
                            column += 1
                        }
                    }
                    guard closed else {
                        log.error(
                            SourceLocation(file: file, line: quoteLine, column: quoteColumn),
                            "unterminated quoted field starting here: expected a closing \" before the end of the file")
                        return records
                    }
                    // Spreadsheet leniency: text after the closing quote is kept literally.
                    let tailStart = i
                    while i < n, chars[i] != delimiter, !isLineBreak(chars[i]) {
                        i += 1
                        column += 1
                    }
                    let tail = chars[tailStart..<i]
                    if let last = tail.lastIndex(where: { !$0.isWhitespace }) {
                        text.append(contentsOf: String(chars[tailStart...last]))
                    }
                    fields.append(CSVField(text: text, line: quoteLine, column: quoteColumn))
                } else {
                    i = j
                    column = jColumn
                    let valueStart = i
                    while i < n, chars[i] != delimiter, !isLineBreak(chars[i]) {
                        i += 1
                        column += 1
                    }
                    let raw = chars[valueStart..<i]
                    if let last = raw.lastIndex(where: { !$0.isWhitespace }) {
                        fields.append(CSVField(text: String(chars[valueStart...last]), line: line, column: jColumn))
                    } else {
                        fields.append(CSVField(text: "", line: startLine, column: startColumn))
                    }
                }
                endLine = line
                endColumn = column
                if i >= n { break fieldLoop }
                if chars[i] == delimiter {
                    i += 1
                    column += 1
                    continue fieldLoop
                }
                // Line break ends the record.
                i += 1
                line += 1
                column = 1
                break fieldLoop
            }
            records.append(CSVRow(line: recordLine, fields: fields, endLine: endLine, endColumn: endColumn))
        }
        return records
    }
}
