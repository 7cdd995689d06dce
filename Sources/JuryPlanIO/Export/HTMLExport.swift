import Foundation
import JuryPlanCore
import Mustache

/// `report.html`: one self-contained, printable file. A first page with the figures, the audit
/// and who sits on how many days, then one page per day with the rooms as columns and the start
/// times as rows. Rendered with Mustache, whose `{{…}}` escapes every text (`<`, `>`, `&`, `"`,
/// `'`); the template uses no unescaped tag. No accommodation is shown: the report is printed
/// for the reception desk.
public struct HTMLExport: ExportWriter {
    public static let audiences: [ExportAudience] = []

    public init() {}

    struct Page {
        var lang: String
        var title: String
        var labels: [String: String]
        var source: String
        /// Zero or one: a schedule file records no creation time, so none is shown.
        var created: [String]
        var version: String
        var figures: [Pair]
        var members: [MemberLoad]
        var clean: Bool
        var ruleCounts: [Pair]
        var breaches: [BreachLine]
        var compliantJuries: String
        var days: [DayPage]
    }

    struct Pair { var label: String; var value: String }
    struct MemberLoad { var name: String; var id: String; var days: Int; var sittings: Int }
    struct BreachLine { var rule: String; var message: String }
    struct DayPage { var title: String; var rooms: [RoomHead]; var times: [TimeRow] }
    struct RoomHead { var room: String; var site: String }
    struct TimeRow { var time: String; var cells: [Cell] }
    struct Cell { var cards: [Card] }
    struct Card {
        var time: String
        var exam: String
        var examName: String
        var candidates: [Name]
        /// Zero or one text each: Mustache renders a section for an empty string too.
        var candidateCount: [String]
        var jury: [Name]
        var invigilation: Bool
        var share: [String]
        var checks: [Check]
        var compliant: Bool
        var breaches: [String]
    }
    struct Name { var name: String; var president: Bool }
    struct Check { var label: String; var ok: Bool }

    public func files(for view: PlanView, settings: ExportSettings) throws -> [ExportFile] {
        let template = try MustacheTemplate(string: HTMLTemplate.text)
        let html = template.render(page(view, settings))
        return [ExportFile(path: "report.html", data: Data(html.utf8))]
    }

    func page(_ view: PlanView, _ settings: ExportSettings) -> Page {
        let w = ExportWords(language: settings.language), c = view.campaign, f = view.figures
        let meta = view.plan.metadata
        let figures: [Pair] = [
            Pair(label: w.pick("Registrations scheduled", "Inscriptions planifiées"), value: "\(f.rows)"),
            Pair(label: w.pick("Sittings", "Passages"), value: "\(f.sittings)"),
            Pair(label: w.pick("Days opened", "Jours ouverts"), value: "\(f.daysOpened)"),
            Pair(label: w.pick("Member-days", "Journées de membres"), value: "\(f.memberDays)"),
            Pair(label: w.pick("Room half-days", "Demi-journées de salle"), value: "\(f.roomHalfDays)"),
            Pair(label: w.pick("Candidate-days", "Journées de candidats"), value: "\(f.candidateDays)"),
            Pair(label: w.pick("Repeated examiners", "Examinateurs revus"), value: "\(f.repeatedExaminers)"),
            Pair(label: w.pick("Preferences met", "Préférences respectées"), value: "\(f.preferencesMet) / \(f.preferencesTotal)"),
            Pair(label: w.pick("Objective", "Objectif"), value: String(format: "%.0f", f.objective)),
        ]
        let members = view.memberIDs.map { id -> MemberLoad in
            let load = view.workload(ofMember: id)
            return MemberLoad(name: view.memberName(id), id: id, days: load.days, sittings: load.sittings)
        }
        let rules = Dictionary(view.breaches.map { ($0.rule, 1) }, uniquingKeysWith: +).sorted { $0.key < $1.key }
        let juries = view.sittings.indices.filter { view.sittings[$0].isExamined }
        let compliant = juries.filter { view.compliance[$0].isCompliant }.count
        return Page(
            lang: settings.language.rawValue, title: c.name, labels: labels(w), source: meta.source + (meta.number.map { " (plan \($0))" } ?? ""),
            created: meta.number == nil ? [] : [UTCStamp.iso(meta.created)], version: settings.version, figures: figures, members: members,
            clean: view.breaches.isEmpty,
            ruleCounts: rules.map { Pair(label: "\($0.key) — \(Privacy.summary($0.key))", value: "\($0.value)") },
            breaches: view.breaches.map { BreachLine(rule: $0.rule.description, message: $0.message) },
            compliantJuries: w.pick("\(compliant) of \(juries.count) juries keep every jury rule",
                                    "\(compliant) jurys sur \(juries.count) respectent toutes les règles de jury"),
            days: days(view, w))
    }

    private func days(_ view: PlanView, _ w: ExportWords) -> [DayPage] {
        let byDay = Dictionary(grouping: view.sittings.indices, by: { view.sittings[$0].day })
        var rulesOfSitting = Array(repeating: Set<RuleID>(), count: view.sittings.count)
        for b in view.breaches { for r in b.rows { rulesOfSitting[view.sittingOfRow[r]].insert(b.rule) } }
        return byDay.keys.sorted().map { day in
            let here = byDay[day]!
            let rooms = view.roomIDs.filter { room in here.contains { view.sittings[$0].room == room } }
            let starts = Set(here.map { view.sittings[$0].time.start }).sorted()
            let times = starts.map { start in
                TimeRow(time: Clock.format(start), cells: rooms.map { room in
                    Cell(cards: here.filter { view.sittings[$0].room == room && view.sittings[$0].time.start == start }
                        .map { card($0, view, w, rulesOfSitting[$0]) })
                })
            }
            return DayPage(title: w.longDate(day).prefix(1).uppercased() + w.longDate(day).dropFirst(),
                           rooms: rooms.map { RoomHead(room: $0, site: view.campaign.room($0)?.site ?? view.sittings[here[0]].site) },
                           times: times)
        }
    }

    private func card(_ i: Int, _ view: PlanView, _ w: ExportWords, _ broken: Set<RuleID>) -> Card {
        let s = view.sittings[i], k = view.compliance[i]
        let exam = view.campaign.exam(s.exam)
        var checks: [Check] = []
        if s.isExamined {
            let roles = exam.map { $0.jury.roles.isEmpty ? "\($0.jury.size)" : w.roles($0.jury.roles) } ?? "?"
            checks.append(Check(label: w.pick("composition", "composition") + " (\(roles))", ok: k.composition))
            if let threshold = exam?.jury.external, let ok = k.external {
                checks.append(Check(label: w.pick("external", "externes") + " \(w.percent(s.externalShare ?? 0)) > \(w.percent(threshold))", ok: ok))
            }
            if let ok = k.president { checks.append(Check(label: w.pick("president", "président"), ok: ok)) }
        }
        let candidates = s.candidateIDs.map { Name(name: view.candidateName($0), president: false) }
        return Card(
            time: "\(Clock.format(s.time.start))–\(Clock.format(s.time.end))", exam: s.exam, examName: s.examName,
            // A written sitting lists its candidates by count: the room's list is on the door.
            candidates: s.mode == .written ? [] : candidates,
            candidateCount: s.mode == .written ? [w.pick("\(s.candidateIDs.count) candidates", "\(s.candidateIDs.count) candidats")] : [],
            jury: view.juryInReadingOrder(s).map { Name(name: view.memberName($0), president: $0 == s.president) },
            invigilation: !s.isExamined,
            share: s.externalShare.map { [w.pick("external share ", "part externe ") + w.percent($0)] } ?? [],
            checks: checks, compliant: k.isCompliant && broken.isEmpty,
            breaches: broken.isEmpty ? [] : [broken.sorted().map(\.description).joined(separator: ", ")])
    }

    private func labels(_ w: ExportWords) -> [String: String] {
        [
            "report": w.pick("Session report", "Rapport de session"),
            "source": w.pick("Plan", "Plan"),
            "created": w.pick("Made", "Établi le"),
            "figures": w.pick("Figures", "Chiffres"),
            "members": w.pick("Who sits on how many days", "Qui siège combien de jours"),
            "member": w.pick("Member", "Membre"),
            "days": w.pick("Days", "Jours"),
            "sittings": w.pick("Sittings", "Passages"),
            "audit": w.pick("Audit (rules R1–R18)", "Contrôle (règles R1–R18)"),
            "clean": w.pick("No breach: every rule R1–R18 is kept.", "Aucune infraction : toutes les règles R1–R18 sont respectées."),
            "time": w.pick("Time", "Heure"),
            "jury": w.pick("Jury", "Jury"),
            "invigilator": w.pick("Invigilator", "Surveillance"),
            "presidentMark": w.pick("president", "président"),
            "breaches": w.pick("breaches", "infractions"),
            "legend": w.pick("★ presides the jury · ✓ rule kept · ✗ rule broken",
                             "★ préside le jury · ✓ règle respectée · ✗ règle enfreinte"),
        ]
    }
}
