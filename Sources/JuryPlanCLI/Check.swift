import ArgumentParser
import Foundation
import JuryPlanCore
import JuryPlanIO

extension JuryPlanCommand {
    /// `juryplan check [SCHEDULE.csv]`: audits a schedule against every rule R1–R18.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Audit a schedule against every rule (R1–R18).",
            discussion: """
                Reads a schedule in the format of SPEC §2.3 (English or French headers, or the --excel \
                dialect) and reports every breach grouped by rule. Without a file, checks the latest plan \
                kept in campaign.sqlite (--plan N: plan N), against the input files as they are now \
                (--as-planned: as they were when the plan was made); without a store, the campaign's schedule.csv.
                Exit codes: 0 no breach, 1 breaches found, 2 bad input.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @Argument(help: "The schedule to audit (default: schedule.csv in the campaign folder).")
        var schedule: String?

        @OptionGroup var campaignOptions: CampaignOptions

        @Option(help: "Report format: text or json.")
        var format: Format = .text

        @Option(help: "Audit this stored plan instead of the latest (see `juryplan plans`).")
        var plan: Int?

        @Flag(help: "Audit the stored plan against the input files it was made from, not the files as they are now.")
        var asPlanned = false

        func run() throws {
            let console = Console.current
            let loaded = try asPlanned ? StoredPlanCheck.campaignAsPlanned(file: schedule, plan: plan, folder: campaignOptions.folder)
                : campaignOptions.load()
            let (table, readWarnings) = try StoredPlanCheck.schedule(file: schedule, plan: plan, asPlanned: asPlanned, folder: campaignOptions.folder)
            for line in WarningSummary.lines(readWarnings) { console.note(line) }
            let audit = RuleCatalogue.audit(table, against: loaded.campaign)
            switch format {
            case .text: console.print(AuditReport.text(audit, schedule: table, campaign: loaded.campaign))
            case .json: console.print(AuditReport.json(audit, schedule: table, inputWarnings: WarningSummary.lines(loaded.warnings + readWarnings)))
            }
            if !audit.isClean { throw ExitCode(Exit.failure) }
        }
    }
}

/// How `check` shows an audit: grouped by rule, then a summary.
enum AuditReport {
    static func text(_ audit: Audit, schedule: Schedule, campaign: Campaign) -> String {
        var lines: [String] = []
        let sittings = Sitting.group(schedule, in: campaign).count
        for rule in audit.rulesBroken {
            let breaches = audit.breaches(of: rule)
            lines.append("\(rule) — \(rule.summary) (\(breaches.count) breach\(breaches.count == 1 ? "" : "es"))")
            for b in breaches {
                let at = b.lines.isEmpty ? "" : "line\(b.lines.count > 1 ? "s" : "") \(b.lines.map(String.init).joined(separator: ", ")): "
                lines.append("  \(at)\(b.message)")
            }
            lines.append("")
        }
        for w in audit.warnings { lines.append("warning: \(w)") }
        if !audit.warnings.isEmpty { lines.append("") }
        let counts = audit.rulesBroken.map { "\($0) \(audit.breaches(of: $0).count)" }.joined(separator: ", ")
        let verdict = audit.isClean
            ? "no breach: the schedule keeps every rule R1–R18"
            : "\(audit.breaches.count) breach\(audit.breaches.count == 1 ? "" : "es") (\(counts))"
        lines.append("\(schedule.file): \(schedule.rows.count) rows, \(sittings) sittings checked against \"\(campaign.name)\"; \(verdict).")
        return lines.joined(separator: "\n")
    }

    struct JSONBreach: Encodable {
        var rule: String
        var message: String
        var date: String?
        var lines: [Int]
        var people: [String]
    }

    struct JSONAudit: Encodable {
        var schedule: String
        var rows: Int
        var clean: Bool
        var breaches: [JSONBreach]
        var counts: [String: Int]
        var warnings: [String]
        /// Warnings about the input files (also on stderr), with file, line and column.
        var inputWarnings: [String]
    }

    static func json(_ audit: Audit, schedule: Schedule, inputWarnings: [String] = []) -> String {
        let report = JSONAudit(
            schedule: schedule.file, rows: schedule.rows.count, clean: audit.isClean,
            breaches: audit.breaches.map { JSONBreach(rule: $0.rule.description, message: $0.message, date: $0.day?.iso, lines: $0.lines, people: $0.people) },
            counts: Dictionary(audit.rulesBroken.map { ($0.description, audit.breaches(of: $0).count) }, uniquingKeysWith: +),
            warnings: audit.warnings, inputWarnings: inputWarnings)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(report) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
