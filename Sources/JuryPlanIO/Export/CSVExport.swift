import Foundation
import JuryPlanCore

/// CSV exports: the whole schedule (`schedule.csv`, as `plan` writes it) and one timetable per
/// member (`members/ID.csv`), per candidate (`candidates/ID.csv`) and per room (`rooms/ID.csv`).
/// Members and rooms see sittings (start to the sitting's end); only a candidate's own file shows
/// their own end time and accommodations.
public struct CSVExport: ExportWriter {
    public static let audiences: [ExportAudience] = [.member, .candidate, .room]

    public init() {}

    public func files(for view: PlanView, settings: ExportSettings) throws -> [ExportFile] {
        let words = ExportWords(language: settings.language)
        var files: [ExportFile] = []
        if settings.audience == nil {
            let options = ScheduleCSV.Options(excel: settings.excel, language: settings.language)
            files.append(encode("schedule.csv", ScheduleCSV.header(settings.language),
                                ScheduleCSV.cells(view.plan.schedule, campaign: view.campaign, options: options), settings))
        }
        let audiences = settings.audience.map { [$0] } ?? Self.audiences
        for audience in audiences {
            let ids: [String]
            switch audience {
            case .member: ids = view.memberIDs
            case .candidate: ids = view.candidateIDs
            case .room: ids = view.roomIDs
            }
            let names = ExportFileNames.names(for: ids)
            for id in ids {
                let (header, rows) = timetable(audience, id, view, words, settings)
                files.append(encode("\(audience.folder)/\(names[id]!).csv", header, rows, settings))
            }
        }
        return files
    }

    private func timetable(_ audience: ExportAudience, _ id: String, _ view: PlanView, _ w: ExportWords,
                           _ settings: ExportSettings) -> ([String], [[String]]) {
        func date(_ day: Day) -> String { settings.excel ? day.french : day.iso }
        func names(_ ids: [String], _ name: (String) -> String) -> String { ids.map(name).joined(separator: "|") }
        switch audience {
        case .member:
            let header = [w.date, w.start, w.end, w.site, w.room, w.exam, w.examName, w.role, w.candidates, w.jury]
            let rows = view.sittings(ofMember: id).map { i -> [String] in
                let s = view.sittings[i]
                return [date(s.day), Clock.format(s.time.start), Clock.format(s.time.end), s.site, s.room, s.exam, s.examName,
                        w.role(of: id, in: s), names(s.candidateIDs, view.candidateName), names(view.juryInReadingOrder(s), view.memberName)]
            }
            return (header, rows)
        case .room:
            let header = [w.date, w.start, w.end, w.exam, w.examName, w.candidates, w.jury, w.president, w.externalShare]
            let rows = view.sittings(inRoom: id).map { i -> [String] in
                let s = view.sittings[i]
                return [date(s.day), Clock.format(s.time.start), Clock.format(s.time.end), s.exam, s.examName,
                        names(s.candidateIDs, view.candidateName), names(view.juryInReadingOrder(s), view.memberName),
                        s.president.isEmpty ? "" : view.memberName(s.president),
                        s.externalShare.map { String(format: "%.2f", $0) } ?? ""]
            }
            return (header, rows)
        case .candidate:
            // The candidate's own file: their own times and their own accommodations.
            let header = [w.date, w.start, w.end, w.site, w.room, w.exam, w.examName, w.accommodations]
            let own = w.accommodations(of: view.campaign.candidate(id))
            let rows = view.rows(ofCandidate: id).map { r -> [String] in
                let row = view.rows[r], s = view.sittings[view.sittingOfRow[r]]
                return [date(row.day), Clock.format(row.time.start), Clock.format(row.time.end), s.site, row.room, row.exam, s.examName, own]
            }
            return (header, rows)
        }
    }

    private func encode(_ path: String, _ header: [String], _ rows: [[String]], _ settings: ExportSettings) -> ExportFile {
        let safe = rows.map { $0.map(FormulaGuard.neutralise) }
        return ExportFile(path: path, data: CSVWriter.encode(header: header, rows: safe, excel: settings.excel))
    }
}

/// CSV formula injection: a spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (and,
/// in some, after a leading tab or CR). Such a cell gets a leading `'`, which spreadsheets show
/// as text and which a reader can strip.
public enum FormulaGuard {
    static let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\r\n"]

    public static func neutralise(_ cell: String) -> String {
        guard let first = cell.first else { return cell }
        if triggers.contains(first) { return "'" + cell }
        // " =1+1": some spreadsheets trim before they evaluate.
        if first.isWhitespace, let firstVisible = cell.first(where: { !$0.isWhitespace }), triggers.contains(firstVisible) {
            return "'" + cell
        }
        return cell
    }
}
