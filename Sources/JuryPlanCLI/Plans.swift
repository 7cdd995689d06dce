import ArgumentParser
import Foundation
import JuryPlanCore
import JuryPlanIO

extension JuryPlanCommand {
    /// `juryplan plans [N]`: the stored plans, or one of them in detail.
    struct Plans: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the plans kept in campaign.sqlite, or show one in detail.",
            discussion: """
                For each plan: its number, when it was made, its figures, whether it is complete, its \
                state (draft, published, superseded) and whether the input files changed since.
                """)

        @Argument(help: "A plan number, to show that plan in detail.")
        var number: Int?

        @OptionGroup var campaignOptions: CampaignOptions

        func run() throws {
            let folder = campaignOptions.folder
            let store = try CampaignStore.open(folder, create: false)
            defer { store.close() }
            let current = StoredPlanFacts.currentInputs(folder)
            if let number {
                Console.current.print(StoredPlanFacts.detail(try store.plan(PlanNumber(number)), current: current))
                return
            }
            let plans = try store.plans()
            guard let last = plans.last else {
                Console.current.print("No plan stored yet: `juryplan plan` makes and keeps one.")
                return
            }
            var lines = ["Plans of \"\(last.campaignName)\" (\(CampaignStore.fileName)):",
                         "  plan  made              state       kind      rows  objective    bound     gap      time  inputs since"]
            for p in plans {
                let f = p.figures
                lines.append("  " + [String(p.number.value).leftPadded(4), StoredPlanFacts.local(p.createdAt),
                                     p.state.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0),
                                     (p.complete ? "complete" : "partial").padding(toLength: 8, withPad: " ", startingAt: 0),
                                     String(f.rows).leftPadded(5), String(format: "%.0f", f.objective).leftPadded(10),
                                     String(format: "%.0f", f.bound).leftPadded(8), String(format: "%.1f %%", f.gap * 100).leftPadded(7),
                                     String(format: "%.1f s", f.seconds).leftPadded(8),
                                     StoredPlanFacts.inputsSince(p, current: current)].joined(separator: "  "))
            }
            lines.append("`juryplan plans N` shows plan N's figures criterion by criterion.")
            Console.current.print(lines.joined(separator: "\n"))
        }
    }

    /// `juryplan publish [N]`: marks a plan as the one sent out.
    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish a stored plan (default: the latest); the plan published before becomes superseded.",
            discussion: "One plan is published at a time; every plan stays in the store.")

        @Argument(help: "The plan to publish (default: the latest).")
        var number: Int?

        @OptionGroup var campaignOptions: CampaignOptions

        func run() throws {
            let folder = campaignOptions.folder
            let store = try CampaignStore.open(folder, create: false)
            defer { store.close() }
            guard let plan = try number.map({ try store.plan(PlanNumber($0)) }) ?? store.latest() else {
                throw InputError(SourceLocation(file: CampaignStore.fileName), "no plan to publish: `juryplan plan` makes one")
            }
            if plan.state == .published {
                Console.current.print("Plan \(plan.number) is already the published plan.")
                return
            }
            let superseded = try store.publish(plan.number)
            Console.current.print("Plan \(plan.number) published" + (superseded.map { "; plan \($0) is superseded (kept)." } ?? "."))
            let changed = StoredPlanFacts.changedInputs(plan, current: StoredPlanFacts.currentInputs(folder))
            if !changed.isEmpty {
                Console.current.note("warning: \(changed.joined(separator: ", ")) changed since plan \(plan.number) was made; "
                                     + "`juryplan check --plan \(plan.number)` audits it against the files as they are now")
            }
        }
    }
}

/// What the store commands show about stored plans.
enum StoredPlanFacts {
    /// SHA-256 of each input file as it is now (absent files left out).
    static func currentInputs(_ folder: URL) -> [String: String] {
        var hashes: [String: String] = [:]
        for file in CampaignLoader.inputFileNames {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(file).path) { hashes[file] = SHA256.hex(data) }
        }
        return hashes
    }

    /// The input files whose bytes differ from the plan's snapshot.
    static func changedInputs(_ plan: StoredPlan, current: [String: String]) -> [String] {
        plan.inputs.keys.sorted().filter { current[$0] != plan.inputs[$0] }
    }

    static func inputsSince(_ plan: StoredPlan, current: [String: String]) -> String {
        let changed = changedInputs(plan, current: current)
        return changed.isEmpty ? "unchanged" : "changed: " + changed.joined(separator: ", ")
    }

    /// `2026-12-03 22:41`, in the machine's time zone.
    static func local(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    static func detail(_ plan: StoredPlan, current: [String: String]) -> String {
        let f = plan.figures
        let state: String = plan.state.rawValue + (plan.stateChangedAt.map { " since \(local($0))" } ?? "")
        func criterion(_ label: String, _ value: Int, _ bound: Int? = nil) -> String {
            let padded: String = label.padding(toLength: 20, withPad: " ", startingAt: 0)
            return "  " + padded + String(value).leftPadded(6) + (bound.map { "  (no plan below \($0))" } ?? "")
        }
        let options: String = plan.options.sorted(by: { $0.key < $1.key }).map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        var lines: [String] = []
        lines.append("Plan \(plan.number) of \"\(plan.campaignName)\", made \(local(plan.createdAt)): \(state), \(plan.complete ? "complete" : "partial").")
        lines.append(String(format: "Objective %.0f, bound %.0f, gap %.1f %%, %.2f s.", f.objective, f.bound, f.gap * 100, f.seconds))
        lines.append("  \(f.rows) registrations in \(f.sittings) sittings over \(f.daysOpened) day(s)")
        lines.append(criterion("member-days", f.memberDays, f.memberDaysBound))
        lines.append(criterion("room half-days", f.roomHalfDays, f.roomHalfDaysBound))
        lines.append(criterion("candidate-days", f.candidateDays, f.candidateDaysBound))
        lines.append(criterion("repeated examiners", f.repeatedExaminers))
        lines.append(criterion("load imbalance", f.imbalance))
        lines.append(criterion("preferences not met", f.preferencesUnmet) + "  (\(f.preferencesMet) of \(f.preferencesTotal) met)")
        lines.append("Options: " + options)
        lines.append("Inputs:")
        for file in plan.inputs.keys.sorted() {
            let hash = plan.inputs[file] ?? ""
            let now = current[file] == nil ? "missing now" : current[file] == hash ? "unchanged" : "changed since"
            lines.append("  \(file.padding(toLength: 15, withPad: " ", startingAt: 0)) sha256 \(hash.prefix(12))…  \(now)")
        }
        for reason in plan.unplaced { lines.append("  not placed: \(reason)") }
        return lines.joined(separator: "\n")
    }
}

/// Which schedule `check` audits: a file when one is named, else a stored plan, else
/// DIR/schedule.csv (a campaign without a store, as before the store existed).
enum StoredPlanCheck {
    static func schedule(file: String?, plan: Int?, asPlanned: Bool = false, folder: URL) throws -> (Schedule, [InputIssue]) {
        if let file {
            guard plan == nil else { throw ValidationError("give a schedule file or --plan, not both") }
            return try ScheduleCSV.read(contentsOf: URL(fileURLWithPath: file), displayName: file)
        }
        if CampaignStore.exists(in: folder) || plan != nil {
            let store = try CampaignStore.open(folder, create: false)
            defer { store.close() }
            if let stored = try plan.map({ try store.plan(PlanNumber($0)) }) ?? store.latest() {
                let changed = StoredPlanFacts.changedInputs(stored, current: StoredPlanFacts.currentInputs(folder))
                if !changed.isEmpty, !asPlanned {
                    Console.current.note("note: \(changed.joined(separator: ", ")) changed since plan \(stored.number) was made; "
                                         + "it is audited against the files as they are now")
                }
                return (try store.schedule(of: stored.number), [])
            }
            Console.current.note("note: \(CampaignStore.fileName) holds no plan yet; checking schedule.csv")
        }
        return try ScheduleCSV.read(contentsOf: folder.appendingPathComponent("schedule.csv"), displayName: "schedule.csv")
    }

    /// The campaign read from the input files a stored plan was made from (`check --as-planned`).
    static func campaignAsPlanned(file: String?, plan: Int?, folder: URL) throws -> LoadedCampaign {
        guard file == nil else { throw ValidationError("--as-planned audits a stored plan; give no schedule file") }
        let store = try CampaignStore.open(folder, create: false)
        defer { store.close() }
        guard let stored = try plan.map({ try store.plan(PlanNumber($0)) }) ?? store.latest() else {
            throw InputError(SourceLocation(file: CampaignStore.fileName), "no plan stored yet: `juryplan plan` makes one")
        }
        let snapshot = try store.inputFiles(of: stored.number)
        let names = Dictionary(uniqueKeysWithValues: snapshot.keys.map { ($0, "\($0) (as of plan \(stored.number))") })
        let loaded = try CampaignLoader.load(folder, replacing: snapshot, displayNames: names)
        for w in loaded.warnings { Console.current.note(w.description) }
        return loaded
    }
}
