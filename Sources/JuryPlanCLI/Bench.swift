import ArgumentParser
import Foundation
import JuryPlanCore
import MIP

extension JuryPlanCommand {
    /// `juryplan bench`: plans generated campaigns of several sizes (build with `-c release`) and
    /// prints a Markdown table: sizes, times (median of runs), objective, bound, gap, and the plain
    /// monolithic model where it still finishes.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Benchmark the planner on generated campaigns (run a release build).")

        @Option(help: "The certification of the generated campaigns.")
        var preset: Init.PresetArgument = .csec

        @Option(help: "Candidate counts, comma-separated.")
        var sizes: String = "25,100,300,1000"

        @Option(help: "Runs per size (the median time is reported).")
        var runs: Int = 3

        @Option(help: "Generator seed.")
        var seed: UInt64 = 1

        @Option(help: "Thesis-defence sessions instead of a preset (master-defences or bachelor-defences): the plan is compared with the generator's witness.")
        var shape: Generate.Shape?

        @Option(name: .long, help: "Time limit per plan, seconds.")
        var timeLimit: Double = 600

        @Option(name: .long, help: "Largest size for which the monolithic model is also solved.")
        var monolithicMax: Int = 25

        @Option(name: .long, help: "Time limit of the monolithic model, seconds.")
        var monolithicTimeLimit: Double = 120

        func validate() throws {
            guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
            guard parsedSizes.count > 0 else { throw ValidationError("--sizes must list candidate counts, e.g. 25,100") }
        }

        var parsedSizes: [Int] { sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 > 0 } }

        func run() throws {
            let console = Console.current
            if let shape { return benchDefences(shape) }
            guard let name = PresetName(rawValue: preset.rawValue), name != .custom else { throw ExitCode(Exit.badInput) }
            console.print("| candidates | sittings | members | rooms | days | model rows × cols (nnz) | layouts and retries s | final juries s | total s (median of \(runs)) | objective | bound | gap | member-days (bound) | room half-days (bound) | candidate-days (bound) |")
            console.print("|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
            var monolithic: [String] = []
            for n in parsedSizes {
                let campaign = CampaignGenerator(preset: name, candidates: n, seed: seed).generate()
                var plans: [Plan] = []
                for _ in 0..<runs {
                    switch Planner(campaign: campaign, options: PlanOptions(timeLimit: timeLimit)).run() {
                    case .planned(let plan): plans.append(plan)
                    case .infeasible(let r), .notFound(let r, _):
                        console.print("| \(n) | – | \(campaign.members.count) | \(campaign.rooms.count) | \(campaign.days.count) | no plan: \(r.first ?? "") |")
                    }
                }
                guard let plan = plans.first else { continue }
                func median(_ f: (PlanFigures) -> Double) -> Double {
                    let v = plans.map { f($0.figures) }.sorted()
                    return v[v.count / 2]
                }
                let f = plan.figures
                console.print("| \(n) | \(f.sittings) | \(campaign.members.count) | \(campaign.rooms.count) | \(campaign.days.count) | \(f.modelRows) × \(f.modelColumns) (\(f.modelNonZeros)) | "
                    + String(format: "%.2f | %.2f | %.2f | %.0f | %.0f | %.1f %% | ", median(\.layoutSeconds), median(\.jurySeconds), median(\.seconds), f.objective, f.bound, f.gap * 100)
                    + "\(f.memberDays) (\(f.memberDaysBound)) | \(f.roomHalfDays) (\(f.roomHalfDaysBound)) | \(f.candidateDays) (\(f.candidateDaysBound)) |")
                if n <= monolithicMax { monolithic.append(compareMonolithic(campaign, n: n, plan: plan)) }
            }
            if !monolithic.isEmpty {
                console.print("\nPlain monolithic model (time-indexed, 15-minute grid; objective = member-days, room half-days and candidate-days only):\n")
                console.print("| candidates | rows × cols (nnz) | build s | GLPK status | time s | objective | bound | decomposition, same three terms |")
                console.print("|---:|---|---:|---|---:|---:|---:|---:|")
                for line in monolithic { console.print(line) }
            }
        }

        /// Committee sessions: the planner against the witness the generator made first.
        private func benchDefences(_ shape: Generate.Shape) {
            let console = Console.current
            console.print("| defences | staff | rooms | days | MIP rows × cols | total s (median of \(runs)) | objective | bound | gap | member-days (bound) | witness member-days | room half-days | witness room half-days |")
            console.print("|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
            for n in parsedSizes {
                let form: DefenceSessionGenerator.Shape = shape == .masterDefences ? .master(candidates: n) : .bachelor(candidates: n)
                let (campaign, witness) = DefenceSessionGenerator(shape: form, seed: seed).generate()
                var seconds: [Double] = []
                var last: Plan?
                for _ in 0..<runs {
                    guard case .planned(let plan) = Planner(campaign: campaign, options: PlanOptions(timeLimit: timeLimit)).run(), !plan.isPartial else {
                        console.print("| \(n) | \(campaign.members.count) | \(campaign.rooms.count) | \(campaign.days.count) | no plan | | | | | | | | |")
                        break
                    }
                    seconds.append(plan.figures.seconds)
                    last = plan
                }
                guard let plan = last else { continue }
                var w = PlanFigures()
                PlanMeasures.fill(&w, schedule: witness, campaign: campaign)
                let f = plan.figures
                console.print("| \(campaign.candidates.count) | \(campaign.members.count) | \(campaign.rooms.count) | \(campaign.days.count) | \(f.modelRows) × \(f.modelColumns) | "
                    + String(format: "%.2f | %.0f | %.0f | %.1f %% | ", seconds.sorted()[seconds.count / 2], f.objective, f.bound, f.gap * 100)
                    + "\(f.memberDays) (\(f.memberDaysBound)) | \(w.memberDays) | \(f.roomHalfDays) | \(w.roomHalfDays) |")
            }
        }

        private func compareMonolithic(_ campaign: Campaign, n: Int, plan: Plan) -> String {
            let w = campaign.weights
            let f = plan.figures
            let ours = w.memberDays * Double(f.memberDays) + w.roomHalfDays * Double(f.roomHalfDays) + w.candidateDays * Double(f.candidateDays)
            let built = Date()
            guard let mono = MonolithicModel(campaign) else {
                return "| \(n) | several sites: not modelled | | | | | | \(Int(ours)) |"
            }
            let buildSeconds = Date().timeIntervalSince(built)
            let m = mono.model
            let result = GLPKSolver().solve(m, SolveParameters(timeLimit: monolithicTimeLimit, relativeGap: 0.01))
            func show(_ x: Double?) -> String { x.map { String(format: "%.0f", $0) } ?? "–" }
            return "| \(n) | \(m.constraintCount) × \(m.variableCount) (\(m.nonZeroCount)) | \(String(format: "%.2f", buildSeconds)) | \(result.reason) | \(String(format: "%.1f", result.elapsed)) | \(show(result.objective)) | \(show(result.bestBound)) | \(Int(ours)) |"
        }
    }
}
