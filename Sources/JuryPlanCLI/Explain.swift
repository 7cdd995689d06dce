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
                Runs the proofs `plan` runs before solving (a sitting no room suits, a jury no set of \
                members can form, more member-sittings than the members' daily limits give, imposed \
                members who cannot sit, …) and prints each reason in the users' terms. A campaign \
                with no such proof may still end in `plan` exit 3: `plan --allow-partial` then lists \
                each sitting it could not place, and why.
                Exit codes: 0 no proof that the campaign cannot be planned; 1 proven impossible \
                (the reasons are printed); 2 bad input.
                """)

        @OptionGroup var campaignOptions: CampaignOptions

        func run() throws {
            let console = Console.current
            let loaded = try campaignOptions.load()
            let reasons = Planner.impossibilities(loaded.campaign)
            guard !reasons.isEmpty else {
                console.print("No reason found that \"\(loaded.campaign.name)\" cannot be planned: `juryplan plan` plans it, or with --allow-partial lists what it could not place.")
                return
            }
            console.print("\"\(loaded.campaign.name)\" cannot be planned:")
            for reason in reasons { console.print("  - \(reason)") }
            throw ExitCode(Exit.failure)
        }
    }
}
