import ArgumentParser
import Foundation
import JuryPlanCore
import JuryPlanIO

extension JuryPlanCommand {
    /// `juryplan generate --preset csec --candidates N --seed S DIR`
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a realistic seeded campaign (for tests and benchmarks).")

        @Option(help: "The certification: csec, pacte or cpas.")
        var preset: Init.PresetArgument

        @Option(help: "Number of candidates.")
        var candidates: Int

        @Option(help: "Seed: the same seed gives the same campaign.")
        var seed: UInt64 = 1

        @Option(help: "Session days (default: about five per 1,000 sittings; rooms and members scale to them).")
        var days: Int?

        @Argument(help: "The folder to create.")
        var directory: String

        func validate() throws {
            guard (0...100_000).contains(candidates) else { throw ValidationError("--candidates must lie between 0 and 100000") }
            guard preset != .custom else { throw ValidationError("--preset must be csec, pacte or cpas") }
            if let days, !(1...366).contains(days) { throw ValidationError("--days must lie between 1 and 366") }
        }

        func run() throws {
            guard let name = PresetName(rawValue: preset.rawValue) else { throw ExitCode(Exit.badInput) }
            let campaign = CampaignGenerator(preset: name, candidates: candidates, seed: seed, days: days).generate()
            try CampaignWriter.write(campaign, to: URL(fileURLWithPath: directory, isDirectory: true))
            Console.current.print("Generated \(campaign.candidates.count) candidates, \(campaign.members.count) members, \(campaign.rooms.count) rooms over \(campaign.days.count) days in \(directory).")
        }
    }
}
