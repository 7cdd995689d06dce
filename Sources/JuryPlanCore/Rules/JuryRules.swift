import Foundation

/// Rules about who sits on a jury: size (R5), roles (R6), externals (R7), president (R8),
/// conflicts of interest (R10), qualification (R16) and imposed members (R18).
/// R6, R7, R8, R10, R16 and R18 do not apply to invigilators of written sittings.
enum JuryRules {
    /// The imposed members a sitting must seat: the union over its candidates.
    static func imposed(_ ctx: AuditContext, _ sitting: Sitting) -> [String] {
        var seen = Set<String>()
        return ctx.candidates(of: sitting).flatMap(\.imposedJury).filter { seen.insert($0).inserted }
    }

    /// True when the jury is exactly the imposed members (exam `jury: {imposed: true}` and the
    /// candidates have some); R6 then does not apply and R5 counts the imposed members.
    static func isImposedJury(_ ctx: AuditContext, _ sitting: Sitting, _ exam: Exam) -> Bool {
        exam.jury.imposed && exam.mode.isExamined && !imposed(ctx, sitting).isEmpty
    }

    /// R5: exactly the exam's size, no member twice, no unknown member.
    static func checkR5(_ ctx: inout AuditContext) {
        for sitting in ctx.sittings {
            guard let exam = ctx.exam(of: sitting), exam.isScheduled else { continue }
            for id in Set(sitting.jury).sorted() where ctx.campaign.member(id) == nil {
                ctx.report(.r5, "\(ctx.describe(sitting)): unknown jury member \(id)", day: sitting.day, rows: sitting.rows, people: [id])
            }
            let twice = Dictionary(grouping: sitting.jury, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
            for id in twice {
                ctx.report(.r5, "\(ctx.describe(sitting)): \(ctx.name(ofMember: id)) is listed twice in the jury", day: sitting.day, rows: sitting.rows, people: [id])
            }
            let required = isImposedJury(ctx, sitting, exam) ? imposed(ctx, sitting).count : exam.jury.size
            let what = exam.mode == .written ? "invigilator" : "member"
            if sitting.jury.count != required {
                ctx.report(.r5, "\(ctx.describe(sitting)) has \(sitting.jury.count) \(what)\(sitting.jury.count == 1 ? "" : "s"), \(required) required",
                           day: sitting.day, rows: sitting.rows, people: sitting.jury)
            }
        }
    }

    /// R6: the count of each role equals the exam's.
    static func checkR6(_ ctx: inout AuditContext) {
        for sitting in ctx.sittings {
            guard let exam = ctx.exam(of: sitting), exam.mode.isExamined, !exam.jury.roles.isEmpty,
                  !isImposedJury(ctx, sitting, exam) else { continue }
            let members = ctx.memberIDs(of: sitting).compactMap { ctx.campaign.member($0) }
            if !rolesMatch(members.map(\.role), exam) {
                let counts = roleCounts(members.map(\.role))
                let has = counts.isEmpty ? "no known member" : describeRoles(counts)
                ctx.report(.r6, "\(ctx.describe(sitting)) has \(has), \(describeRoles(exam.jury.roles.filter { $0.value > 0 })) required",
                           day: sitting.day, rows: sitting.rows, people: members.map(\.id))
            }
        }
    }

    /// R6's arithmetic: the count of each role equals the exam's (an exam without roles asks none).
    static func rolesMatch(_ roles: [Role], _ exam: Exam) -> Bool {
        exam.jury.roles.isEmpty || roleCounts(roles) == exam.jury.roles.filter { $0.value > 0 }
    }

    static func roleCounts(_ roles: [Role]) -> [Role: Int] {
        var counts: [Role: Int] = [:]
        for role in roles { counts[role, default: 0] += 1 }
        return counts
    }

    /// R7: external members ÷ jury size strictly above the threshold; a filled `external_share`
    /// cell equals the real share within 0.01.
    static func checkR7(_ ctx: inout AuditContext) {
        for sitting in ctx.sittings {
            guard let exam = ctx.exam(of: sitting), exam.mode.isExamined, !sitting.jury.isEmpty else { continue }
            let ids = ctx.memberIDs(of: sitting)
            let externals = ids.filter { ctx.campaign.member($0)?.isExternal ?? false }.count
            let share = Double(externals) / Double(ids.count)
            if let threshold = exam.jury.external, !(share > threshold) {
                ctx.report(.r7, "\(ctx.describe(sitting)): \(externals) of \(ids.count) members external (\(percent(share))), more than \(percent(threshold)) required",
                           day: sitting.day, rows: sitting.rows, people: ids)
            }
            for r in sitting.rows {
                guard let written = ctx.row(r).externalShare else { continue }
                if abs(written - share) > 0.01 + 1e-9 {
                    ctx.report(.r7, "\(ctx.describe(row: r)): external_share says \(String(format: "%.2f", written)), the jury's real share is \(String(format: "%.2f", share))",
                               day: sitting.day, rows: [r], people: ids)
                }
            }
        }
    }

    /// R8: where the exam has a president, the `president` cell names a jury member who is a
    /// professional and can preside.
    static func checkR8(_ ctx: inout AuditContext) {
        for sitting in ctx.sittings {
            guard let exam = ctx.exam(of: sitting), exam.mode.isExamined else { continue }
            for r in sitting.rows {
                let president = ctx.row(r).president
                guard exam.jury.president else {
                    if !president.isEmpty { ctx.warn("line \(ctx.row(r).line): \(exam.id) has no president; the president cell (\(president)) is ignored") }
                    continue
                }
                if president.isEmpty {
                    ctx.report(.r8, "\(ctx.describe(row: r)) has no president", day: sitting.day, rows: [r], people: sitting.jury)
                } else if !sitting.jury.contains(president) {
                    ctx.report(.r8, "\(ctx.describe(row: r)): president \(ctx.name(ofMember: president)) is not on the jury", day: sitting.day, rows: [r], people: [president])
                } else if let m = ctx.campaign.member(president) {
                    if m.role != .professional {
                        ctx.report(.r8, "\(ctx.describe(row: r)): president \(ctx.name(ofMember: president)) is a \(m.role.rawValue), a professional must preside", day: sitting.day, rows: [r], people: [president])
                    } else if !m.canPreside {
                        ctx.report(.r8, "\(ctx.describe(row: r)): president \(ctx.name(ofMember: president)) cannot preside (can_preside is no)", day: sitting.day, rows: [r], people: [president])
                    }
                } else {
                    ctx.report(.r8, "\(ctx.describe(row: r)): president \(president) is not a known jury member", day: sitting.day, rows: [r], people: [president])
                }
            }
        }
    }

    /// R10: no member examines a candidate of their own structure, one they trained, or one
    /// they declared a conflict with. Invigilating one's own candidate is allowed.
    static func checkR10(_ ctx: inout AuditContext) {
        for sitting in ctx.sittings where ctx.isExamined(sitting) {
            for r in sitting.rows {
                guard let candidate = ctx.campaign.candidate(ctx.row(r).candidateID) else { continue }
                for id in ctx.memberIDs(of: sitting) {
                    guard let m = ctx.campaign.member(id), let why = Eligibility.conflict(m, candidate) else { continue }
                    ctx.report(.r10, "\(ctx.describe(row: r)): conflict of interest, \(why)", day: sitting.day, rows: [r], people: [candidate.id, id])
                }
            }
        }
    }

    /// R16: a member examines only exams they are qualified for.
    static func checkR16(_ ctx: inout AuditContext) {
        for sitting in ctx.sittings where ctx.isExamined(sitting) {
            guard let exam = ctx.exam(of: sitting) else { continue }
            for id in ctx.memberIDs(of: sitting) {
                guard let m = ctx.campaign.member(id), !Eligibility.qualified(m, for: exam, in: ctx.campaign) else { continue }
                let why = m.exams.isEmpty ? "a \(m.role.rawValue) does not examine \(exam.id)" : "examines only \(m.exams.joined(separator: ", "))"
                ctx.report(.r16, "\(ctx.describe(sitting)): \(ctx.name(ofMember: id)) is not qualified (\(why))", day: sitting.day, rows: sitting.rows, people: [id])
            }
        }
    }

    /// R18: every imposed member sits on the candidate's examined sittings; with `imposed: true`
    /// the jury is exactly the imposed members.
    static func checkR18(_ ctx: inout AuditContext) {
        for sitting in ctx.sittings where ctx.isExamined(sitting) {
            guard let exam = ctx.exam(of: sitting) else { continue }
            for r in sitting.rows {
                guard let candidate = ctx.campaign.candidate(ctx.row(r).candidateID) else { continue }
                for id in candidate.imposedJury where !sitting.jury.contains(id) {
                    ctx.report(.r18, "\(ctx.describe(row: r)): imposed member \(ctx.name(ofMember: id)) is not on the jury", day: sitting.day, rows: [r], people: [candidate.id, id])
                }
            }
            if isImposedJury(ctx, sitting, exam) {
                let allowed = Set(imposed(ctx, sitting))
                for id in ctx.memberIDs(of: sitting) where !allowed.contains(id) {
                    ctx.report(.r18, "\(ctx.describe(sitting)): \(ctx.name(ofMember: id)) is not an imposed member, and the jury of \(exam.id) is exactly the imposed members",
                               day: sitting.day, rows: sitting.rows, people: [id])
                }
            }
        }
    }
}
