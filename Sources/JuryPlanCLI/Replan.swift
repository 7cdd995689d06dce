import ArgumentParser
import Foundation
import JuryPlanCore
import JuryPlanIO

extension JuryPlanCommand {
    /// `juryplan replan --absent M07@2027-06-15 [--absent …]`: repairs the published plan.
    struct Replan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Repair the published plan after absences, with the fewest changes; the result is stored as a new plan.",
            discussion: """
                Every sitting the absences do not touch keeps its date, time, room and jury. A touched \
                sitting keeps its time with another member in the absent one's seat (members already \
                there that day first) or in another room; in a session of fixed committees it moves to a \
                time its committee can all come. Exit codes: 0 repaired and stored; 1 some sittings \
                cannot be repaired (each named with why; nothing stored); 2 bad input or usage.
                """)

        @Option(name: .long, help: "WHO@YYYY-MM-DD, optionally followed by AM or PM: a member, candidate or room who cannot come (repeat for several).")
        var absent: [String] = []

        @Option(help: "Also write the repaired schedule to this file.")
        var out: String?

        @OptionGroup var campaignOptions: CampaignOptions

        func validate() throws {
            guard !absent.isEmpty else { throw ValidationError("name at least one --absent WHO@YYYY-MM-DD[ AM|PM]") }
            for text in absent where Absence(parsing: text) == nil {
                throw ValidationError("--absent '\(text)': expected WHO@YYYY-MM-DD, optionally followed by AM or PM")
            }
        }

        func run() throws {
            let started = Date()
            let console = Console.current
            let folder = campaignOptions.folder
            let loaded = try campaignOptions.load()
            let campaign = loaded.campaign
            let absences = absent.compactMap(Absence.init(parsing:))
            for a in absences {
                guard campaign.member(a.id) != nil || campaign.candidate(a.id) != nil || campaign.room(a.id) != nil else {
                    throw ValidationError("--absent \(a): \(a.id) is no member, candidate or room of the campaign")
                }
                guard campaign.isSessionDay(a.day) else { throw ValidationError("--absent \(a): \(a.day.iso) is not a day of the session") }
            }
            let store = try CampaignStore.open(folder, create: false)
            defer { store.close() }
            guard let published = try store.plans().last(where: { $0.state == .published }) else {
                throw InputError(SourceLocation(file: CampaignStore.fileName), "no published plan to repair: `juryplan publish N` first")
            }
            let before = try store.schedule(of: published.number)
            let result = Replanner(campaign: campaign, published: before, absences: absences).run()
            if !result.unplaced.isEmpty {
                console.note("Plan \(published.number) cannot be repaired for \(absences.map(\.description).joined(separator: ", ")); nothing was stored:")
                for u in result.unplaced { console.note("  - \(u.description)") }
                throw ExitCode(Exit.failure)
            }
            let repaired = campaign.with(absences)
            let audit = RuleCatalogue.audit(result.schedule, against: repaired)
            guard audit.isClean else {
                console.note("internal error: the repaired plan breaks \(audit.breaches[0]); it was not stored")
                throw ExitCode(Exit.timeLimit)
            }
            var figures = result.figures(repaired)
            figures.seconds = Date().timeIntervalSince(started)
            let number = try store.record(NewPlan(schedule: result.schedule, figures: figures,
                                                  options: ["replan of": String(published.number.value), "absent": absences.map(\.description).joined(separator: "; ")],
                                                  inputFiles: loaded.inputFiles, campaignName: campaign.name))
            if let out { try AtomicFile.write(ScheduleCSV.write(result.schedule, campaign: campaign), to: URL(fileURLWithPath: out)) }
            let diff = ScheduleDiff(from: before, to: result.schedule, canonical: campaign.canonicalExamID)
            console.print(DiffReport.text(diff, from: published.number, to: number, people: PeopleBook(campaign: campaign, diff: diff)))
            console.print("Stored as plan \(number) in \(CampaignStore.fileName) (a draft: `juryplan publish \(number)` sends it out).")
        }
    }
}
