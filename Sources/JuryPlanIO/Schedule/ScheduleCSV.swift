import Foundation
import JuryPlanCore

/// The language of exported headers.
public enum HeaderLanguage: String, Sendable, CaseIterable {
    case en, fr
}

/// schedule.csv (SPEC §2.3): `date,start,end,site,room,exam,candidate_id,candidate_name,jury,
/// president,external_share`, or its French headers, or the `--excel` dialect.
public enum ScheduleCSV {
    static let columns = [
        CSVColumn("date"),
        CSVColumn("start", aliases: ["début"]),
        CSVColumn("end", aliases: ["fin"]),
        CSVColumn("site", required: false),
        CSVColumn("room", aliases: ["salle"]),
        CSVColumn("exam", aliases: ["épreuve"]),
        CSVColumn("candidate_id", aliases: ["id_candidat"]),
        CSVColumn("candidate_name", aliases: ["nom_candidat"], required: false),
        CSVColumn("jury"),
        CSVColumn("president", aliases: ["président"], required: false),
        CSVColumn("external_share", aliases: ["part_externe"], required: false),
    ]

    public static let englishHeader = ["date", "start", "end", "site", "room", "exam", "candidate_id", "candidate_name", "jury", "president", "external_share"]
    public static let frenchHeader = ["date", "début", "fin", "site", "salle", "épreuve", "id_candidat", "nom_candidat", "jury", "président", "part_externe"]

    /// Reads a schedule file; malformed cells (dates, times, shares) are input errors (exit 2),
    /// while unknown ids are left for the rules to report.
    public static func read(contentsOf url: URL, displayName: String? = nil) throws -> (Schedule, [InputIssue]) {
        let table = try CSVReader.read(contentsOf: url, displayName: displayName)
        return try parse(table)
    }

    public static func parse(_ table: CSVTable) throws -> (Schedule, [InputIssue]) {
        var cells = CellReader(table: table, header: try CSVHeader(table.header, columns: columns, file: table.file))
        var rows: [ScheduleRow] = []
        for row in table.rows {
            let dateText = cells.required("date", row, "the date")
            let day = Day(parsing: dateText)
            if day == nil, !dateText.isEmpty { cells.error("date", row, "'\(dateText)' is not a real date; expected YYYY-MM-DD or DD/MM/YYYY") }
            let start = time("start", row, &cells), end = time("end", row, &cells)
            if let start, let end, end <= start { cells.error("end", row, "the end (\(Clock.format(end))) must come after the start (\(Clock.format(start)))") }
            let room = cells.required("room", row, "the room")
            let exam = cells.required("exam", row, "the exam")
            let candidate = cells.required("candidate_id", row, "the candidate id")
            var share: Double?
            let shareText = cells.text("external_share", row)
            if !shareText.isEmpty {
                share = parseShare(shareText)
                if share == nil { cells.error("external_share", row, "'\(shareText)' is not a share between 0 and 1 (e.g. 0.67)") }
            }
            guard let day, let start, let end, end > start else { continue }
            rows.append(ScheduleRow(day: day, time: TimeRange(start: start, end: end), site: cells.text("site", row), room: room,
                                    exam: exam, candidateID: candidate, candidateName: cells.text("candidate_name", row),
                                    jury: cells.list("jury", row), president: cells.text("president", row),
                                    externalShare: share, line: row.line))
        }
        try cells.log.throwIfErrors()
        return (Schedule(rows: rows, file: table.file), cells.log.warnings)
    }

    private static func time(_ key: String, _ row: CSVRow, _ cells: inout CellReader) -> Int? {
        let text = cells.required(key, row, "the \(key) time")
        guard !text.isEmpty else { return nil }
        guard let m = Clock.minutes(text) else {
            cells.error(key, row, "'\(text)' is not a time; expected HH:MM")
            return nil
        }
        return m
    }

    /// `0.67`, `0,67` (French decimal comma) or `67 %`.
    static func parseShare(_ text: String) -> Double? {
        var t = text.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: " ", with: "")
        var scale = 1.0
        if t.hasSuffix("%") { t.removeLast(); scale = 100 }
        guard let v = Double(t), v.isFinite else { return nil }
        let share = v / scale
        return (0...1).contains(share) ? share : nil
    }

    /// Options of the CSV exports.
    public struct Options: Sendable {
        /// `;`, UTF-8 BOM, DD/MM/YYYY dates and CRLF, for French spreadsheet software.
        public var excel = false
        public var language = HeaderLanguage.en
        public init(excel: Bool = false, language: HeaderLanguage = .en) {
            self.excel = excel
            self.language = language
        }
    }

    /// Writes a schedule, sorted by date, start, room, candidate; cells come from the campaign
    /// (site, candidate name, external share) so that a plan's export is always consistent.
    public static func write(_ schedule: Schedule, campaign: Campaign, options: Options = Options()) -> Data {
        CSVWriter.encode(header: header(options.language), rows: cells(schedule, campaign: campaign, options: options), excel: options.excel)
    }

    public static func header(_ language: HeaderLanguage) -> [String] { language == .fr ? frenchHeader : englishHeader }

    /// The cells of `write`, row by row (the exports neutralise them before encoding).
    public static func cells(_ schedule: Schedule, campaign: Campaign, options: Options = Options()) -> [[String]] {
        var table: [[String]] = []
        for row in schedule.sorted.rows {
            let exam = campaign.exam(row.exam)
            let examined = exam?.mode.isExamined ?? true
            var share = ""
            if examined, !row.jury.isEmpty {
                let externals = row.jury.filter { campaign.member($0)?.isExternal ?? false }.count
                share = String(format: "%.2f", Double(externals) / Double(row.jury.count))
            }
            table.append([
                options.excel ? row.day.french : row.day.iso,
                Clock.format(row.time.start), Clock.format(row.time.end),
                campaign.room(row.room)?.site ?? row.site, row.room, row.exam, row.candidateID,
                campaign.candidate(row.candidateID)?.displayName ?? row.candidateName,
                row.jury.joined(separator: "|"), row.president, share,
            ])
        }
        return table
    }
}

/// Writes CSV with RFC 4180 quoting; the `excel` dialect uses `;`, a UTF-8 BOM and CRLF.
public enum CSVWriter {
    public static func encode(header: [String], rows: [[String]], excel: Bool) -> Data {
        let delimiter: Character = excel ? ";" : ","
        let newline = excel ? "\r\n" : "\n"
        var text = excel ? "\u{FEFF}" : ""
        for line in [header] + rows {
            text += line.map { quote($0, delimiter) }.joined(separator: String(delimiter)) + newline
        }
        return Data(text.utf8)
    }

    static func quote(_ field: String, _ delimiter: Character) -> String {
        guard field.contains(where: { $0 == delimiter || $0 == "\"" || $0.isNewline }) || field != field.trimmingCharacters(in: .whitespaces) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
