import ArgumentParser
import Foundation
import JuryPlanCore
import JuryPlanIO

extension JuryPlanCommand {
    /// `juryplan generate --preset csec --candidates N --seed S DIR`
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a realistic seeded campaign (for tests and benchmarks).")

        /// Thesis-defence sessions before fixed committees, each written with a lawful witness.
        enum Shape: String, ExpressibleByArgument, CaseIterable {
            case masterDefences = "master-defences", bachelorDefences = "bachelor-defences"
        }

        @Option(help: "The certification: csec, pacte or cpas.")
        var preset: Init.PresetArgument?

        @Option(help: "Instead of a preset: master-defences (committees of 3–6, 1-hour slots) or bachelor-defences (supervisor and reviewer, 30-minute slots); writes witness.csv, a lawful schedule, beside the campaign.")
        var shape: Shape?

        @Flag(help: "With --preset: members scarce (50–60 % busy in the hours they are available, rooms about 40 %), planted around a lawful plan written as witness.csv.")
        var tight = false

        @Flag(help: "With --tight: each member the witness convenes is available exactly in the hours of their witness sittings.")
        var exactHours = false

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
            guard (preset == nil) != (shape == nil) else { throw ValidationError("give either --preset or --shape") }
            guard preset != .custom else { throw ValidationError("--preset must be csec, pacte or cpas") }
            if let days, !(1...366).contains(days) { throw ValidationError("--days must lie between 1 and 366") }
            if tight, preset == nil { throw ValidationError("--tight goes with --preset") }
            if exactHours, !tight { throw ValidationError("--exact-hours goes with --tight") }
        }

        func run() throws {
            if let shape {
                var form: DefenceSessionGenerator.Shape = shape == .masterDefences ? .master(candidates: candidates) : .bachelor(candidates: candidates)
                if let days { form.days = days }
                let (campaign, witness) = DefenceSessionGenerator(shape: form, seed: seed).generate()
                try write(campaign, witness: witness)
                Console.current.print("Generated \(campaign.candidates.count) defences, \(campaign.members.count) staff, \(campaign.rooms.count) rooms over \(campaign.days.count) days in \(directory), with a lawful witness.csv.")
                return
            }
            guard let preset, let name = PresetName(rawValue: preset.rawValue) else { throw ExitCode(Exit.badInput) }
            if tight {
                var generator = TightSessionGenerator(preset: name, candidates: candidates, seed: seed, days: days)
                generator.exactHours = exactHours
                guard let (campaign, witness) = generator.generate() else {
                    Console.current.note("juryplan: the loose campaign of seed \(seed) could not be planned whole, so there is no witness to tighten around; try another seed or more days")
                    throw ExitCode(Exit.timeLimit)
                }
                try write(campaign, witness: witness)
                var figures = PlanFigures()
                PlanMeasures.fill(&figures, schedule: witness, campaign: campaign)
                Console.current.print("Generated \(campaign.candidates.count) candidates, \(campaign.members.count) members, \(campaign.rooms.count) rooms over \(campaign.days.count) days in \(directory), members scarce\(exactHours ? " (exact hours)" : ""), with a lawful witness.csv "
                    + String(format: "(objective %.0f: %d member-days, %d room half-days, %d candidate-days).", figures.objective, figures.memberDays, figures.roomHalfDays, figures.candidateDays))
                return
            }
            let campaign = CampaignGenerator(preset: name, candidates: candidates, seed: seed, days: days).generate()
            try write(campaign)
            Console.current.print("Generated \(campaign.candidates.count) candidates, \(campaign.members.count) members, \(campaign.rooms.count) rooms over \(campaign.days.count) days in \(directory).")
        }

        /// The campaign's files in `directory`, and `witness.csv` beside them when there is one.
        private func write(_ campaign: Campaign, witness: Schedule? = nil) throws {
            let folder = URL(fileURLWithPath: directory, isDirectory: true)
            try CampaignWriter.write(campaign, to: folder)
            guard let witness else { return }
            try AtomicFile.write(ScheduleCSV.write(witness, campaign: campaign, options: ScheduleCSV.Options()), to: folder.appendingPathComponent("witness.csv"))
        }
    }
}
