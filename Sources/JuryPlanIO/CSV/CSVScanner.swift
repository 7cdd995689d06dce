import JuryPlanCore

/// Splits decoded text into records of positioned fields, one Unicode scalar at a time.
///
/// Scalars, not Characters: a grapheme cluster may hold a delimiter followed by a combining mark
/// (`,` + U+0301, a ZWJ, a variation selector), and splitting on clusters merged that cell with
/// the one before it (issue 16). Columns count scalars.
struct CSVScanner {
    /// A record and what was seen in it outside quotes, to tell a row written with another delimiter.
    struct Record {
        var row: CSVRow
        /// The first candidate delimiter other than the file's, outside quotes, and how many there are.
        var otherDelimiter: (scalar: Unicode.Scalar, count: Int, line: Int, column: Int)?
    }

    static let candidateDelimiters: [Unicode.Scalar] = [";", "\t", ","]  // tie-break order

    let text: [Unicode.Scalar]
    let delimiter: Unicode.Scalar
    let file: String
    var log = IssueLog()

    private var i = 0
    private var line = 1
    private var column = 1

    init(_ text: [Unicode.Scalar], delimiter: Unicode.Scalar, file: String) {
        self.text = text
        self.delimiter = delimiter
        self.file = file
    }

    static func isWhitespace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }
    static func isLineBreak(_ s: Unicode.Scalar) -> Bool { s == "\n" || s == "\r" }

    /// Picks the delimiter from the first line that is not whitespace only (a line of bare
    /// delimiters, as spreadsheets write for an empty first row, counts: it shows the delimiter).
    static func sniffDelimiter(_ text: [Unicode.Scalar]) -> Unicode.Scalar {
        var i = 0
        let n = text.count
        while i < n {
            var counts: [Unicode.Scalar: Int] = [";": 0, "\t": 0, ",": 0]
            var hasContent = false, inQuotes = false, atFieldStart = true
            while i < n {
                let c = text[i]
                i += 1
                if inQuotes {
                    if c == "\"" {
                        if i < n && text[i] == "\"" { i += 1 } else { inQuotes = false }
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
                } else if !isWhitespace(c) {
                    hasContent = true
                    atFieldStart = false
                }
            }
            if hasContent {
                var best: Unicode.Scalar = ",", bestCount = 0
                for d in candidateDelimiters where counts[d, default: 0] > bestCount {
                    best = d
                    bestCount = counts[d, default: 0]
                }
                return best
            }
        }
        return ","
    }

    private func at(_ k: Int) -> Unicode.Scalar? { k < text.count ? text[k] : nil }

    /// Moves past one scalar; a line break (CR LF, LF or CR) moves to the next line.
    private mutating func advance() {
        let c = text[i]
        i += 1
        if c == "\r", at(i) == "\n" { i += 1 }
        if Self.isLineBreak(c) {
            line += 1
            column = 1
        } else {
            column += 1
        }
    }

    /// A cell past `InputRanges.cellLength` is an error, reported once at its start.
    private mutating func checkLength(_ length: Int, line: Int, column: Int) {
        if length == InputRanges.cellLength.upperBound + 1 {
            log.error(SourceLocation(file: file, line: line, column: column),
                      "this cell is longer than \(InputRanges.cellLength.upperBound) characters")
        }
    }

    /// A NUL is never text: it shows a binary or damaged file, and would be copied into outputs.
    private mutating func checkNUL(_ c: Unicode.Scalar) {
        if c == "\0" { log.error(SourceLocation(file: file, line: line, column: column), "a NUL byte (U+0000) is not text: the file is damaged or binary") }
    }

    /// Every record, blank ones included. Stops at an unterminated quoted field (reported in `log`).
    mutating func records() -> [Record] {
        var records: [Record] = []
        while i < text.count {
            let recordLine = line
            var fields: [CSVField] = []
            var other = OtherDelimiterTally(own: delimiter)
            var endLine = line, endColumn = column
            while true {
                let startLine = line, startColumn = column
                // Skip leading whitespace to find out whether the field is quoted.
                var j = i, jColumn = column
                while let c = at(j), c != delimiter, !Self.isLineBreak(c), Self.isWhitespace(c) {
                    other.note(c, line, jColumn)
                    j += 1
                    jColumn += 1
                }
                if at(j) == "\"" {
                    guard let field = quotedField(from: j, column: jColumn, other: &other) else { return records }
                    fields.append(field)
                } else {
                    i = j
                    column = jColumn
                    var value: [Unicode.Scalar] = []
                    var lastNonBlank = 0
                    while let c = at(i), c != delimiter, !Self.isLineBreak(c) {
                        checkNUL(c)
                        other.note(c, line, column)
                        if value.count <= InputRanges.cellLength.upperBound {
                            value.append(c)
                            checkLength(value.count, line: startLine, column: jColumn)
                            if !Self.isWhitespace(c) { lastNonBlank = value.count }
                        }
                        advance()
                    }
                    if lastNonBlank > 0 {
                        fields.append(CSVField(text: Self.string(value.prefix(lastNonBlank)), line: line, column: jColumn))
                    } else {
                        fields.append(CSVField(text: "", line: startLine, column: startColumn))
                    }
                }
                endLine = line
                endColumn = column
                guard let c = at(i) else { break }
                advance()
                if c != delimiter { break }  // a line break ends the record
            }
            records.append(Record(row: CSVRow(line: recordLine, fields: fields, endLine: endLine, endColumn: endColumn), otherDelimiter: other.first))
        }
        return records
    }

    /// A quoted field whose opening quote is at `start` (RFC 4180: `""` is a quote; delimiters and
    /// line breaks are text). Blank text after the closing quote is dropped and other text is kept
    /// (spreadsheet leniency), but a quote there is a stray quote: `""C0074""` is an error, not `C0074""`.
    private mutating func quotedField(from start: Int, column quoteColumn: Int,
                                      other: inout OtherDelimiterTally) -> CSVField? {
        let quoteLine = line
        i = start + 1
        column = quoteColumn + 1
        var value: [Unicode.Scalar] = []
        var closed = false
        while let c = at(i) {
            if c == "\"" {
                if at(i + 1) == "\"" {
                    value.append("\"")
                    i += 2
                    column += 2
                    continue
                }
                advance()
                closed = true
                break
            }
            checkNUL(c)
            value.append(c)
            checkLength(value.count, line: quoteLine, column: quoteColumn)
            if c == "\r", at(i + 1) == "\n" { value.append("\n") }
            advance()
        }
        guard closed else {
            log.error(SourceLocation(file: file, line: quoteLine, column: quoteColumn),
                      "unterminated quoted field starting here: expected a closing \" before the end of the file")
            return nil
        }
        var tail: [Unicode.Scalar] = []
        var lastNonBlank = 0
        while let c = at(i), c != delimiter, !Self.isLineBreak(c) {
            checkNUL(c)
            other.note(c, line, column)
            if c == "\"", !tail.contains("\"") {
                log.error(SourceLocation(file: file, line: line, column: column),
                          "stray quote after the quoted field that starts at column \(quoteColumn): a quote inside a quoted field is written \"\"")
            }
            tail.append(c)
            if !Self.isWhitespace(c) { lastNonBlank = tail.count }
            advance()
        }
        value.append(contentsOf: tail.prefix(lastNonBlank))
        return CSVField(text: Self.string(value[...]), line: quoteLine, column: quoteColumn)
    }

    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}

/// Counts, outside quotes, the candidate delimiters other than the file's (the first one seen).
struct OtherDelimiterTally {
    let own: Unicode.Scalar
    var first: (scalar: Unicode.Scalar, count: Int, line: Int, column: Int)?

    mutating func note(_ c: Unicode.Scalar, _ line: Int, _ column: Int) {
        guard c != own, CSVScanner.candidateDelimiters.contains(c) else { return }
        if let seen = first {
            if seen.scalar == c { first?.count += 1 }
        } else {
            first = (c, 1, line, column)
        }
    }
}
