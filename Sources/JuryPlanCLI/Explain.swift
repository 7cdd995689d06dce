import ArgumentParser
import Foundation
import JuryPlanCore
import JuryPlanIO

extension JuryPlanCommand {
    /// `juryplan explain`: why a campaign cannot be planned, from the proofs `plan` runs first.
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say why a campaign cannot be planned.",
            discussion: """
                First the proofs `plan` runs before solving (a sitting no room suits, a jury no set of \
                members can form, more member-sittings than the members' daily limits give, imposed \
                members who cannot sit, …), each reason in the users' terms. When there is none, the \
                campaign is planned (as `plan --allow-partial` would, nothing is written) and each \
                sitting that finds no place is named with what stops it, day by day: the candidate's \
                day, the rooms, the members free at that time, or the jury they would form.
                Exit codes: 0 the campaign can be planned; 1 proven impossible (the reasons are \
                printed); 2 bad input; 3 sittings found no place within the time limit (each is \
                printed with why).
                """)

        @OptionGroup var campaignOptions: CampaignOptions

        @Option(name: .long, help: "Time limit in seconds for the planning run that looks for the sittings that find no place.")
        var timeLimit: Double = 60

        func validate() throws {
            guard timeLimit > 0, timeLimit.isFinite else { throw ValidationError("--time-limit must be a positive number of seconds") }
        }

        func run() throws {
            let console = Console.current
            let loaded = try campaignOptions.load()
            let name = loaded.campaign.name
            func impossible(_ proofs: [String]) -> ExitCode {
                console.print("\"\(name)\" cannot be planned:")
                for reason in proofs { console.print("  - \(reason)") }
                return ExitCode(Exit.failure)
            }
            let reasons = Planner.impossibilities(loaded.campaign)
            guard reasons.isEmpty else { throw impossible(reasons) }
            var options = PlanOptions(timeLimit: timeLimit)
            options.allowPartial = true
            switch Planner(campaign: loaded.campaign, options: options).run() {
            case .planned(let plan) where !plan.isPartial:
                console.print("No reason found that \"\(name)\" cannot be planned: a plan places all \(plan.figures.rows) registrations (`juryplan plan` writes one).")
            case .planned(let plan):
                console.print("No proof that \"\(name)\" cannot be planned, but within \(format(timeLimit)) s \(plan.unplaced.count) sitting(s) found no place beside the \(plan.figures.sittings) others:")
                for sitting in plan.unplaced { console.print("  - \(sitting.description)") }
                throw ExitCode(Exit.timeLimit)
            case .infeasible(let proofs):
                throw impossible(proofs)
            case .notFound(let why, _):
                console.print("No proof that \"\(name)\" cannot be planned, and no plan found within \(format(timeLimit)) s:")
                for reason in why { console.print("  - \(reason)") }
                throw ExitCode(Exit.timeLimit)
            }
        }

        private func format(_ seconds: Double) -> String { String(format: "%g", seconds) }
    }
}
