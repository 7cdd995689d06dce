import Foundation
import JuryPlanCore

/// `plan.json`: the plan, its figures and its audit, keys sorted (schema: docs/export-json.md).
/// No accommodation appears: the file is read by other tools and by people other than the
/// candidate.
public struct JSONExport: ExportWriter {
    public static let audiences: [ExportAudience] = []
    public static let schema = "juryplan-export/1"

    public init() {}

    struct Document: Encodable {
        var schema: String
        var generator: Generator
        var campaign: CampaignInfo
        var plan: PlanInfo
        var rows: [Row]
        var sittings: [SittingInfo]
        var members: [MemberLoad]
        var figures: Figures
        var audit: AuditInfo
    }

    struct Generator: Encodable { var name: String; var version: String }
    struct CampaignInfo: Encodable { var name: String; var preset: String; var timezone: String; var days: [String] }
    struct PlanInfo: Encodable { var number: Int?; var created: String; var source: String; var sequence: Int }
    struct Row: Encodable {
        var date: String; var start: String; var end: String; var site: String; var room: String; var exam: String
        var candidateId: String; var candidateName: String; var jury: [String]; var president: String?
        var externalShare: Double?; var sitting: Int
    }
    struct SittingInfo: Encodable {
        var date: String; var start: String; var end: String; var site: String; var room: String
        var exam: String; var examName: String; var mode: String?; var rows: [Int]; var candidates: [String]
        var jury: [JuryMemberInfo]; var president: String?; var externalShare: Double?; var compliance: Compliance
    }
    struct JuryMemberInfo: Encodable { var id: String; var name: String; var role: String?; var external: Bool }
    struct Compliance: Encodable { var compliant: Bool; var composition: Bool; var external: Bool?; var president: Bool? }
    struct MemberLoad: Encodable { var id: String; var name: String; var days: Int; var sittings: Int }
    struct Figures: Encodable {
        var rows: Int; var sittings: Int; var daysOpened: Int; var memberDays: Int; var roomHalfDays: Int
        var candidateDays: Int; var repeatedExaminers: Int; var imbalance: Int; var preferencesMet: Int
        var preferencesTotal: Int; var objective: Double
    }
    struct AuditInfo: Encodable { var clean: Bool; var counts: [String: Int]; var breaches: [BreachInfo]; var warnings: [String] }
    struct BreachInfo: Encodable { var rule: String; var message: String; var date: String?; var rows: [Int]; var people: [String] }

    public func files(for view: PlanView, settings: ExportSettings) throws -> [ExportFile] {
        let c = view.campaign, meta = view.plan.metadata, f = view.figures
        let doc = Document(
            schema: Self.schema,
            generator: Generator(name: "juryplan", version: settings.version),
            campaign: CampaignInfo(name: c.name, preset: c.preset.rawValue, timezone: c.timezone, days: c.days.map(\.iso)),
            plan: PlanInfo(number: meta.number, created: UTCStamp.iso(meta.created), source: meta.source, sequence: meta.sequence),
            rows: view.rows.indices.map { i in
                let r = view.rows[i], s = view.sittings[view.sittingOfRow[i]]
                // Members' view of a gathered sitting: its end, not the candidate's own.
                let end = s.rows.count > 1 ? s.time.end : r.time.end
                return Row(date: r.day.iso, start: Clock.format(r.time.start), end: Clock.format(end), site: s.site, room: r.room,
                           exam: r.exam, candidateId: r.candidateID, candidateName: view.candidateName(r.candidateID),
                           jury: r.jury, president: r.president.isEmpty ? nil : r.president,
                           externalShare: s.externalShare.map(Self.round), sitting: view.sittingOfRow[i])
            },
            sittings: view.sittings.indices.map { i in
                let s = view.sittings[i], k = view.compliance[i]
                return SittingInfo(
                    date: s.day.iso, start: Clock.format(s.time.start), end: Clock.format(s.time.end), site: s.site, room: s.room,
                    exam: s.exam, examName: s.examName, mode: s.mode?.rawValue, rows: s.rows, candidates: s.candidateIDs,
                    jury: s.jury.map { id in
                        let m = c.member(id)
                        return JuryMemberInfo(id: id, name: view.memberName(id), role: m?.role.rawValue, external: m?.isExternal ?? false)
                    },
                    president: s.president.isEmpty ? nil : s.president, externalShare: s.externalShare.map(Self.round),
                    compliance: Compliance(compliant: k.isCompliant, composition: k.composition, external: k.external, president: k.president))
            },
            members: view.memberIDs.map { id in
                let load = view.workload(ofMember: id)
                return MemberLoad(id: id, name: view.memberName(id), days: load.days, sittings: load.sittings)
            },
            figures: Figures(rows: f.rows, sittings: f.sittings, daysOpened: f.daysOpened, memberDays: f.memberDays,
                             roomHalfDays: f.roomHalfDays, candidateDays: f.candidateDays, repeatedExaminers: f.repeatedExaminers,
                             imbalance: f.imbalance, preferencesMet: f.preferencesMet, preferencesTotal: f.preferencesTotal,
                             objective: f.objective),
            audit: AuditInfo(
                clean: view.breaches.isEmpty,
                counts: Dictionary(view.breaches.map { ($0.rule.description, 1) }, uniquingKeysWith: +),
                breaches: view.breaches.map { BreachInfo(rule: $0.rule.description, message: $0.message, date: $0.day?.iso, rows: $0.rows, people: $0.people) },
                warnings: view.auditWarnings))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(doc)
        data.append(0x0A)
        return [ExportFile(path: "plan.json", data: data)]
    }

    /// Two decimals, as schedule.csv writes shares (0.67, not 0.6666666666666666).
    static func round(_ share: Double) -> Double { (share * 100).rounded() / 100 }
}
