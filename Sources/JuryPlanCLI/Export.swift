import ArgumentParser
import Foundation
import JuryPlanCore
import JuryPlanIO

extension ExportFormat: ExpressibleByArgument {}
extension ExportAudience: ExpressibleByArgument {}

extension JuryPlanCommand {
    /// `juryplan export`: timetables, calendars, a printable report and JSON from a plan.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a plan's timetables (CSV), calendars (iCalendar), printable report (HTML) or JSON.",
            discussion: """
                Reads the plan from campaign.sqlite (--plan N, by default the published plan, else the \
                latest), or from a schedule file (--schedule; schedule.csv in a campaign without a store). csv: schedule.csv and one timetable per member, candidate and room; ics: one \
                calendar per member and candidate; html: report.html; json: plan.json. --by keeps one \
                kind of timetable (csv, ics). Files go to --out (default: exports/ in the campaign folder).
                Exit codes: 0 written; 2 bad input or usage.
                """)

        @OptionGroup var campaignOptions: CampaignOptions

        @Option(help: "csv, ics, html or json.")
        var format: ExportFormat

        @Option(help: "Only the timetables of: member, candidate or room (csv), member or candidate (ics).")
        var by: ExportAudience?

        @Option(help: "The folder to write into (default: exports/ in the campaign folder).")
        var out: String?

        @Option(help: "A schedule file to export instead of a stored plan.")
        var schedule: String?

        @Option(help: "The stored plan to export (default: the published one, else the latest).")
        var plan: Int?

        @OptionGroup var output: ScheduleOutputOptions

        func validate() throws {
            if let by, !Exporter.audiences(of: format).contains(by) {
                let kinds = Exporter.audiences(of: format).map(\.rawValue)
                throw ValidationError(kinds.isEmpty ? "--by does not apply to --format \(format.rawValue): it writes one file"
                                                    : "--format \(format.rawValue) writes files by \(kinds.joined(separator: " or ")), not by \(by.rawValue)")
            }
            if output.excel, format != .csv { throw ValidationError("--excel applies to --format csv only") }
            if schedule != nil, plan != nil { throw ValidationError("give --schedule or --plan, not both") }
        }

        func run() throws {
            let console = Console.current
            let loaded = try campaignOptions.load()
            let fromStore = schedule == nil && (plan != nil || CampaignStore.exists(in: campaignOptions.folder))
            let source: any PlanSource = fromStore ? StoredPlanSource(campaign: loaded.campaign, folder: campaignOptions.folder, number: plan) : ScheduleFilePlanSource(
                campaign: loaded.campaign,
                url: schedule.map { URL(fileURLWithPath: $0) } ?? campaignOptions.folder.appendingPathComponent("schedule.csv"),
                displayName: schedule.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "schedule.csv",
                onWarning: { console.note($0.description) })
            let folder = out.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? campaignOptions.folder.appendingPathComponent("exports", isDirectory: true)
            let written = try ExportRun.write(format, from: source, settings: ExportSettings(language: output.lang, excel: output.excel, audience: by), into: folder)
            console.print(ExportRun.summary(written, format: format, folder: folder))
        }
    }
}

/// Shared by `export` and `demo`: make every file, then write them.
enum ExportRun {
    static func write(_ format: ExportFormat, from source: any PlanSource, settings: ExportSettings, into folder: URL) throws -> [ExportFile] {
        let files = try Exporter.files(format, plan: source.exportedPlan(), settings: settings)
        try Exporter.write(files, into: folder)
        return files
    }

    /// "ics: 50 files (members/ 20, candidates/ 30), 123 KB in exports/".
    static func summary(_ files: [ExportFile], format: ExportFormat, folder: URL) -> String {
        var counts: [String: Int] = [:]
        for f in files { counts[f.path.contains("/") ? String(f.path.split(separator: "/")[0]) + "/" : f.path, default: 0] += 1 }
        let parts = counts.keys.sorted().map { counts[$0]! == 1 && !$0.hasSuffix("/") ? $0 : "\($0) \(counts[$0]!)" }
        let bytes = files.reduce(0) { $0 + $1.data.count }
        return "\(format.rawValue): \(files.count) file\(files.count == 1 ? "" : "s") (\(parts.joined(separator: ", "))), \(bytes) bytes, in \(folder.path)"
    }
}
