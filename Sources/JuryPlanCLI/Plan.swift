import ArgumentParser
import Foundation
import JuryPlanCore
import JuryPlanIO

extension JuryPlanCommand {
    /// `juryplan plan`: plans the campaign with GLPK and writes the schedule.
    struct PlanCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Plan the campaign's sittings with GLPK, keep the plan in campaign.sqlite and write schedule.csv.",
            discussion: """
                Exit codes: 0 planned; 1 the campaign cannot be planned (the reason is printed); \
                2 bad input; 3 no plan found within the limits.
                """)

        @OptionGroup var campaignOptions: CampaignOptions
        @OptionGroup var planning: PlanningOptions
        @OptionGroup var output: ScheduleOutputOptions

        @Option(help: "Where to write the schedule (default: schedule.csv in the campaign folder).")
        var out: String?

        @Option(name: .customLong("from"), help: "A schedule to start from (a hand-made draft, an earlier plan): its lawful rows are kept as a first plan that the search improves. Rows that break a rule here are set aside; the missing sittings are placed.")
        var draft: String?

        func run() throws {
            let started = Date()
            let loaded = try campaignOptions.load()
            var start: Schedule?
            if let draft {
                let (schedule, warnings) = try ScheduleCSV.read(contentsOf: URL(fileURLWithPath: draft), displayName: draft)
                for line in WarningSummary.lines(warnings) { Console.current.note(line) }
                start = schedule
            }
            // Opened before planning, so that a store juryplan cannot write is refused at once.
            let store = try PlanStoring(folder: campaignOptions.folder)
            let target = out.map { URL(fileURLWithPath: $0) } ?? campaignOptions.folder.appendingPathComponent("schedule.csv")
            let plan = try planning.plan(loaded.campaign, loadingSeconds: Date().timeIntervalSince(started), draft: start)
            // Kept in campaign.sqlite first: the store, not the CSV, is the campaign's record.
            let number = try store.keep(plan, loaded, options: planning)
            try AtomicFile.write(ScheduleCSV.write(plan.schedule, campaign: loaded.campaign, options: output.csvOptions), to: target)
            Console.current.print(PlanReport.summary(plan, campaign: loaded.campaign))
            Console.current.print("Schedule written to \(target.path)")
            Console.current.print("Stored as plan \(number) in \(CampaignStore.fileName).")
        }
    }
}

/// Options shared by `plan` and `demo`.
struct PlanningOptions: ParsableArguments {
    @Option(name: .long, help: "Time limit in seconds.")
    var timeLimit: Double = 60

    @Option(name: .long, help: "Relative gap at which a jury model counts as solved (e.g. 0.01).")
    var gap: Double = 0.001

    @Option(name: .long, help: "Branch-and-bound nodes per day's jury model (a deterministic work limit).")
    var nodeLimit: Int = PlanOptions().nodeLimit

    @Option(name: .long, help: "Write each day's jury model in CPLEX LP format into this folder (for glpsol).")
    var writeLp: String?

    @Flag(name: .long, help: "Let GLPK's proximity search improve each day's juries until the time limit (fewer member-days; results then depend on the machine's speed).")
    var polish = false

    @Flag(name: .long, help: "Print the solver's progress to stderr.")
    var verbose = false

    @Flag(name: .long, help: "When not every sitting can be placed, write the best partial plan and list each sitting left out with its reason (exit 0).")
    var allowPartial = false

    func validate() throws {
        guard timeLimit > 0, timeLimit.isFinite else { throw ValidationError("--time-limit must be a positive number of seconds") }
        guard gap >= 0, gap < 1 else { throw ValidationError("--gap must lie in [0, 1)") }
        guard nodeLimit >= 0 else { throw ValidationError("--node-limit must be 0 or more") }
    }

    /// Plans, printing progress to stderr; maps outcomes to SPEC exit codes. The time spent
    /// loading counts against `--time-limit`, which bounds the whole run (issue 16).
    func plan(_ campaign: Campaign, loadingSeconds: Double = 0, draft: Schedule? = nil) throws -> Plan {
        let console = Console.current
        var options = PlanOptions(timeLimit: max(timeLimit - loadingSeconds, min(timeLimit, 1)), gap: gap)
        options.writeLPFolder = writeLp
        options.nodeLimit = nodeLimit
        options.proximitySearch = polish
        options.allowPartial = allowPartial
        options.startFrom = draft
        if let folder = writeLp { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let started = Date()
        if verbose || campaign.candidates.count >= 300 {
            options.progress = { line in console.note(String(format: "[%6.1f s] ", Date().timeIntervalSince(started)) + line) }
        }
        switch Planner(campaign: campaign, options: options).run() {
        case .planned(let plan):
            return plan
        case .infeasible(let reasons):
            console.note("The campaign cannot be planned:")
            for r in reasons.prefix(20) { console.note("  - \(r)") }
            if reasons.count > 20 { console.note("  … and \(reasons.count - 20) more") }
            throw ExitCode(Exit.failure)
        case .notFound(let reasons, let partial):
            for line in Self.notFoundReport(reasons, partial: partial) { console.note(line) }
            throw ExitCode(Exit.timeLimit)
        }
    }
}

extension PlanningOptions {
    /// What exit 3 prints: the best partial plan's left-out sittings with their reasons (they say
    /// more than the last layout's guesses), else the planner's reasons; at most 20 lines of them.
    static func notFoundReport(_ reasons: [String], partial: Plan?) -> [String] {
        let leaving = partial.flatMap { $0.unplaced.isEmpty ? nil : $0 }
        let items = leaving.map { $0.unplaced.map(\.description) } ?? reasons
        var lines = [leaving.map { "No plan found within the limits: the best plan found leaves \($0.unplaced.count) sitting(s) out:" }
                     ?? "No plan found within the limits:"]
        lines += items.prefix(20).map { "  - \($0)" }
        if items.count > 20 { lines.append("  … and \(items.count - 20) more") }
        if let partial { lines.append("It places \(partial.figures.sittings) sittings; `plan --allow-partial` writes it.") }
        return lines
    }
}

/// `--excel` and `--lang`, shared by the commands that write schedules.
struct ScheduleOutputOptions: ParsableArguments {
    @Flag(help: "Write for French spreadsheets: ';', UTF-8 BOM, DD/MM/YYYY dates.")
    var excel = false

    @Option(help: "Header language: en or fr.")
    var lang: HeaderLanguage = .en

    var csvOptions: ScheduleCSV.Options { ScheduleCSV.Options(excel: excel, language: lang) }
}

enum PlanReport {
    static func summary(_ plan: Plan, campaign: Campaign) -> String {
        let f = plan.figures
        let w = campaign.weights
        func line(_ label: String, _ count: Int, _ weight: Double, bound: Int? = nil) -> String {
            "  \(label.padding(toLength: 22, withPad: " ", startingAt: 0))\(String(count).leftPadded(6))  × \(String(format: "%g", weight))"
                + (bound.map { "  (no plan below \($0))" } ?? "")
        }
        let missing: [String] = plan.unplaced.isEmpty ? [] : ["Partial plan: \(plan.unplaced.count) sitting(s) could not be placed:"]
            + plan.unplaced.map { "  - \($0.description)" }
        let lines: [String] = [
            "Planned \(f.rows) registrations in \(f.sittings) sittings over \(f.daysOpened) day(s) for \"\(campaign.name)\".",
            plan.isPartial
                ? String(format: "Objective %.0f for what is placed, %.2f s (no bound: it holds for complete plans).", f.objective, f.seconds)
                : f.committeeRoute
                ? String(format: "Objective %.0f, bound %.0f, gap %.1f %%, %.2f s (fixed committees: %d improvement(s) over the first construction%@).",
                         f.objective, f.bound, f.gap * 100, f.seconds, f.improvements, f.daysProvedOptimal > 0 ? "; the whole session's model solved to optimality on its own grid of starts, the gap is to the counting bound" : "")
                : String(format: "Objective %.0f, bound %.0f, gap %.1f %%, %.2f s (layouts with retries %.2f s, final juries %.2f s; %d of %d day models proved optimal).",
                         f.objective, f.bound, f.gap * 100, f.seconds, f.layoutSeconds, f.jurySeconds, f.daysProvedOptimal, f.daysPlanned),
            line("member-days", f.memberDays, w.memberDays, bound: plan.isPartial ? nil : f.memberDaysBound),
            line("room half-days", f.roomHalfDays, w.roomHalfDays, bound: plan.isPartial ? nil : f.roomHalfDaysBound),
            line("candidate-days", f.candidateDays, w.candidateDays, bound: plan.isPartial ? nil : f.candidateDaysBound),
            line("repeated examiners", f.repeatedExaminers, w.repeatExaminer),
            line("load imbalance", f.imbalance, w.imbalance),
            line("preferences not met", f.preferencesUnmet, w.preference) + "  (\(f.preferencesMet) of \(f.preferencesTotal) met)",
            plan.isPartial ? "Every rule R1–R18 checked: no breach besides the sittings left out (R1)." : "Every rule R1–R18 checked: no breach.",
        ]
        return (missing + lines).joined(separator: "\n")
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
