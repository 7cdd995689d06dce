import JuryPlanCore

/// Reads the cells of one CSV row, collecting every error with its file, line and column.
struct CellReader {
    let table: CSVTable
    let header: CSVHeader
    var log: IssueLog

    init(table: CSVTable, header: CSVHeader) {
        self.table = table
        self.header = header
        self.log = IssueLog()
        log.append(contentsOf: header.warnings)
        // Spreadsheets and hand-typed files may leave out trailing empty cells: read them as
        // empty, but say so (a truncated row would otherwise pass unnoticed).
        let named = (table.header.fields.lastIndex { !$0.isBlank } ?? -1) + 1
        for row in table.rows where row.fields.count < named {
            log.warning(SourceLocation(file: table.file, line: row.endLine, column: row.endColumn),
                        "this row has \(row.fields.count) fields but the header has \(named) columns; the missing cells are read as empty")
        }
    }

    func field(_ key: String, _ row: CSVRow) -> CSVField {
        header.field(key, in: row) ?? CSVField(text: "", line: row.line, column: 0)
    }

    func text(_ key: String, _ row: CSVRow) -> String { field(key, row).text.trimmingCharacters(in: .whitespacesAndNewlines) }

    func location(_ key: String, _ row: CSVRow) -> SourceLocation { table.location(of: field(key, row)) }

    mutating func error(_ key: String, _ row: CSVRow, _ message: String) { log.error(location(key, row), message) }
    mutating func warning(_ key: String, _ row: CSVRow, _ message: String) { log.warning(location(key, row), message) }

    /// A required, non-empty text.
    mutating func required(_ key: String, _ row: CSVRow, _ what: String) -> String {
        let value = text(key, row)
        if value.isEmpty { error(key, row, "\(what) is empty; a value is required") }
        return value
    }

    func list(_ key: String, _ row: CSVRow) -> [String] { CSVReader.splitList(text(key, row)) }

    /// A name the planner compares many times (structure, region, site): at most
    /// `InputRanges.nameLength` characters.
    mutating func name(_ key: String, _ row: CSVRow) -> String {
        let value = text(key, row)
        checkNameLength(value, key, row)
        return value
    }

    /// A list of names (regions, equipment), each of bounded length.
    mutating func names(_ key: String, _ row: CSVRow) -> [String] {
        let values = list(key, row)
        for value in values { checkNameLength(value, key, row) }
        return values
    }

    private mutating func checkNameLength(_ value: String, _ key: String, _ row: CSVRow) {
        let limit = InputRanges.nameLength.upperBound
        if value.unicodeScalars.count > limit { error(key, row, "this name is longer than \(limit) characters") }
    }

    /// yes/oui/true/1/x or no/non/false/0; empty gives `empty`.
    mutating func bool(_ key: String, _ row: CSVRow, empty: Bool = false) -> Bool {
        let value = CSVReader.normalizeKey(text(key, row))
        switch value {
        case "": return empty
        case "yes", "oui", "y", "o", "true", "vrai", "1", "x": return true
        case "no", "non", "n", "false", "faux", "0": return false
        default:
            error(key, row, "'\(text(key, row))' is not yes or no (oui/non)")
            return empty
        }
    }

    /// A whole number within `range` (InputRanges); nil when the cell is empty.
    mutating func int(_ key: String, _ row: CSVRow, range: ClosedRange<Int>) -> Int? {
        let value = text(key, row)
        if value.isEmpty { return nil }
        guard let n = Int(value), range.contains(n) else {
            error(key, row, "'\(value)' is not a whole number \(InputRanges.describe(range))")
            return nil
        }
        return n
    }

    /// Availability tokens (`2027-06-14`, `2027-06-14 AM`, `2027-06-14 15:00-17:00`), warning
    /// for dates outside the session (they never open a sitting).
    mutating func tokens(_ key: String, _ row: CSVRow, days: [Day]) -> [AvailabilityToken] {
        var out: [AvailabilityToken] = []
        let items = list(key, row)
        // "|" alone would otherwise read as an empty cell, which means "every day" for `available`.
        if items.isEmpty, !text(key, row).isEmpty {
            error(key, row, "'\(text(key, row))' lists no date; leave the cell empty or give dates, half-days or time ranges separated by |")
        }
        for item in items {
            guard let token = AvailabilityToken(parsing: item) else {
                error(key, row, "'\(item)' is not a date (YYYY-MM-DD or DD/MM/YYYY), a half-day (2027-06-14 AM|PM) or a time range on a date (2027-06-14 15:00-17:00)")
                continue
            }
            if !days.isEmpty, !days.contains(token.day) {
                warning(key, row, "\(token.day.iso) is not a day of the session; '\(item)' is ignored")
            }
            out.append(token)
        }
        return out
    }

    /// Exam ids resolved through the campaign's aliases, each known, none twice.
    mutating func exams(_ key: String, _ row: CSVRow, campaign: Campaign) -> [String] {
        var out: [String] = []
        for item in list(key, row) {
            guard let exam = campaign.exam(item) else {
                let known = campaign.exams.map(\.id).joined(separator: ", ")
                error(key, row, "unknown exam '\(item)'; expected one of: \(known)")
                continue
            }
            if out.contains(exam.id) { error(key, row, "exam \(exam.id) is listed twice") } else { out.append(exam.id) }
        }
        return out
    }
}

/// An id a row points at, checked once every file is read (trainers, imposed jury, conflicts).
struct Reference {
    enum Kind { case member, candidate }
    var kind: Kind
    var id: String
    var location: SourceLocation
    var column: String
}

/// Ids must be unique within a file.
struct UniqueIDs {
    private var firstLine: [String: Int] = [:]

    mutating func check(_ id: String, _ row: CSVRow, _ cells: inout CellReader, what: String) {
        guard !id.isEmpty else { return }
        if let line = firstLine[id] {
            cells.error("id", row, "duplicate \(what) id '\(id)' (first used on line \(line))")
        } else {
            firstLine[id] = row.line
        }
    }
}
