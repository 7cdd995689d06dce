import ArgumentParser
import Foundation
import JuryPlanCore
import JuryPlanIO

extension JuryPlanCommand {
    /// `juryplan demo`: the built-in CSEC campaign, planned end to end.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan the built-in CSEC demo campaign end to end and check the result.")

        @Option(help: "Where to write the demo campaign and its schedule.")
        var out: String = "juryplan-demo"

        @OptionGroup var planning: PlanningOptions

        func run() throws {
            let console = Console.current
            guard let source = Bundle.module.url(forResource: "csec-demo", withExtension: nil) else {
                throw InputError(SourceLocation(file: "csec-demo"), "the built-in demo campaign is missing from this installation")
            }
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            for name in [CampaignLoader.campaignFile, CampaignLoader.candidatesFile, CampaignLoader.juryFile, CampaignLoader.roomsFile] {
                let data = try Data(contentsOf: source.appendingPathComponent(name))
                try AtomicFile.write(data, to: folder.appendingPathComponent(name))
            }
            let loaded = try CampaignLoader.load(folder)
            let plan = try planning.plan(loaded.campaign)
            let schedule = folder.appendingPathComponent("schedule.csv")
            try AtomicFile.write(ScheduleCSV.write(plan.schedule, campaign: loaded.campaign), to: schedule)
            // Read back and audited as a coordinator would: the file, not the plan in memory.
            let (reread, _) = try ScheduleCSV.read(contentsOf: schedule)
            let audit = RuleCatalogue.audit(reread, against: loaded.campaign)
            // Every export, from the schedule file as `juryplan export` reads it.
            let exports = folder.appendingPathComponent("exports", isDirectory: true)
            let exportSource = ScheduleFilePlanSource(campaign: loaded.campaign, url: schedule)
            let written = try ExportFormat.allCases.map { ($0, try ExportRun.write($0, from: exportSource, settings: ExportSettings(), into: exports)) }
            console.print(PlanReport.summary(plan, campaign: loaded.campaign))
            console.print("""

                Campaign: \(folder.path)/ (campaign.yaml, candidates.csv, jury.csv, rooms.csv)
                Schedule: \(schedule.path) — `juryplan check --campaign \(out)` re-audits it: \(audit.isClean ? "0 breaches" : "\(audit.breaches.count) breaches").
                Exports:  \(exports.path)/ — report.html (printable, a page per day), plan.json, schedule.csv,
                          members/, candidates/ and rooms/ (a CSV timetable each; an .ics calendar per member and candidate).
                """)
            for (format, files) in written { console.print("  " + ExportRun.summary(files, format: format, folder: exports)) }
            if !audit.isClean { throw ExitCode(Exit.failure) }
        }
    }
}
