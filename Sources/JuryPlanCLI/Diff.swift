import ArgumentParser
import Foundation
import JuryPlanCore
import JuryPlanIO

extension JuryPlanCommand {
    /// `juryplan diff A B`: what changed from plan A to plan B, and who must be told.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two stored plans: sittings moved, juries and rooms changed, and the people to tell.",
            discussion: """
                A candidate is told when their sitting is added, removed, or changes date, time or room; \
                a member when they join or leave a jury, when a sitting of theirs moves, or when they \
                start or stop presiding. --csv writes one row per person and sitting to tell (for a mail merge).
                """)

        @Argument(help: "The earlier plan's number.")
        var from: Int

        @Argument(help: "The later plan's number.")
        var to: Int

        @Flag(help: "Write CSV (one row per person and change) instead of sentences.")
        var csv = false

        @Option(help: "Write to this file instead of the standard output.")
        var out: String?

        @OptionGroup var campaignOptions: CampaignOptions

        func run() throws {
            let folder = campaignOptions.folder
            let store = try CampaignStore.open(folder, create: false)
            defer { store.close() }
            let a = try store.plan(PlanNumber(from)), b = try store.plan(PlanNumber(to))
            // Names and emails from the files as they are now, when they load; ids otherwise.
            let campaign = try? CampaignLoader.load(folder).campaign
            let diff = ScheduleDiff(from: try store.schedule(of: a.number), to: try store.schedule(of: b.number),
                                    canonical: campaign?.canonicalExamID ?? { $0 })
            let people = PeopleBook(campaign: campaign, diff: diff)
            if csv {
                let data = DiffReport.csv(diff, people: people)
                if let out { try AtomicFile.write(data, to: URL(fileURLWithPath: out)) } else { Console.current.print(String(String(decoding: data, as: UTF8.self).dropLast())) }
            } else {
                let text = DiffReport.text(diff, from: a.number, to: b.number, people: people)
                if let out { try AtomicFile.write(Data((text + "\n").utf8), to: URL(fileURLWithPath: out)) } else { Console.current.print(text) }
            }
        }
    }
}

/// Names and emails of the people a diff names.
struct PeopleBook {
    var names: [String: String] = [:]
    var emails: [String: String] = [:]

    init(campaign: Campaign?, diff: ScheduleDiff) {
        for e in diff.entries { for row in [e.before, e.after].compactMap({ $0 }) where !row.candidateName.isEmpty { names["c:" + row.candidateID] = row.candidateName } }
        guard let campaign else { return }
        for c in campaign.candidates { names["c:" + c.id] = c.displayName; emails["c:" + c.id] = c.email }
        for m in campaign.members { names["m:" + m.id] = [m.lastName, m.firstName].filter { !$0.isEmpty }.joined(separator: " "); emails["m:" + m.id] = m.email }
    }

    func name(_ id: String, candidate: Bool) -> String { names[(candidate ? "c:" : "m:") + id] ?? "" }
    func email(_ id: String, candidate: Bool) -> String { emails[(candidate ? "c:" : "m:") + id] ?? "" }
}

enum DiffReport {
    static func slot(_ row: ScheduleRow?) -> String {
        guard let row else { return "—" }
        return "\(row.day.iso) \(Clock.format(row.time.start))-\(Clock.format(row.time.end)) in \(row.room)"
    }

    static func text(_ diff: ScheduleDiff, from: PlanNumber, to: PlanNumber, people: PeopleBook) -> String {
        let who = diff.people
        let candidates = who.filter(\.isCandidate).count
        var lines = ["Plan \(from) → plan \(to): \(diff.entries.count) sitting(s) of a candidate changed, \(diff.unchangedCount) unchanged "
            + "(\(diff.count(.moved)) moved, \(diff.count(.room)) in another room, \(diff.count(.jury)) with another jury, "
            + "\(diff.count(.added)) added, \(diff.count(.removed)) removed); "
            + "\(who.count) people to tell: \(candidates) candidate(s), \(who.count - candidates) member(s)."]
        guard !diff.entries.isEmpty else { return lines[0] }
        lines.append("")
        lines.append("Changes:")
        for e in diff.entries {
            let name = people.name(e.candidateID, candidate: true)
            var parts: [String] = []
            if e.changes.contains(.added) { parts.append("added: \(slot(e.after)), jury \(e.after?.jury.joined(separator: "|") ?? "")") }
            if e.changes.contains(.removed) { parts.append("removed (was \(slot(e.before)))") }
            if e.changes.contains(.moved) || e.changes.contains(.room) { parts.append("\(slot(e.before)) → \(slot(e.after))") }
            if e.changes.contains(.jury), let was = e.before, let now = e.after {
                let president = was.president != now.president ? "; president \(was.president.isEmpty ? "—" : was.president) → \(now.president.isEmpty ? "—" : now.president)" : ""
                parts.append("jury \(was.jury.joined(separator: "|")) → \(now.jury.joined(separator: "|"))\(president)")
            }
            lines.append("  \(e.candidateID)\(name.isEmpty ? "" : " \(name)"), \(e.exam): " + parts.joined(separator: "; "))
        }
        lines.append("")
        lines.append("People to tell:")
        for person in who {
            let notices = diff.notices.filter { $0.personID == person.id && $0.isCandidate == person.isCandidate }
            let name = people.name(person.id, candidate: person.isCandidate), email = people.email(person.id, candidate: person.isCandidate)
            lines.append("  \(person.id)\(name.isEmpty ? "" : " \(name)") (\(person.isCandidate ? "candidate" : "member")\(email.isEmpty ? "" : ", \(email)")):")
            for n in notices {
                let e = diff.entries[n.entry]
                let what = person.isCandidate ? e.exam : "\(e.exam) of \(e.candidateID)"
                switch n.action {
                case .sits: lines.append("    \(what): now \(slot(e.after))")
                case .moved: lines.append("    \(what): now \(slot(e.after)) (was \(slot(e.before)))")
                case .cancelled: lines.append("    \(what): cancelled (was \(slot(e.before)))")
                case .joins: lines.append("    joins \(what): \(slot(e.after))")
                case .leaves: lines.append("    leaves \(what) (was \(slot(e.before)))")
                case .presides: lines.append("    presides \(what): \(slot(e.after))")
                case .stopsPresiding: lines.append("    no longer presides \(what): \(slot(e.after))")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    static let csvHeader = ["person_id", "person_name", "email", "person", "action", "candidate_id", "exam",
                            "before_date", "before_start", "before_end", "before_room", "before_jury",
                            "after_date", "after_start", "after_end", "after_room", "after_jury"]

    static func csv(_ diff: ScheduleDiff, people: PeopleBook) -> Data {
        func cells(_ row: ScheduleRow?) -> [String] {
            guard let row else { return ["", "", "", "", ""] }
            return [row.day.iso, Clock.format(row.time.start), Clock.format(row.time.end), row.room, row.jury.joined(separator: "|")]
        }
        let rows = diff.notices.map { n -> [String] in
            let e = diff.entries[n.entry]
            return [n.personID, people.name(n.personID, candidate: n.isCandidate), people.email(n.personID, candidate: n.isCandidate),
                    n.isCandidate ? "candidate" : "member", n.action.rawValue, e.candidateID, e.exam] + cells(e.before) + cells(e.after)
        }
        return CSVWriter.encode(header: csvHeader, rows: rows, excel: false)
    }
}
