/// R1 (every registration scheduled exactly once, as required) and R13 (prerequisites first).
enum RegistrationRules {
    /// R1: rows name a known candidate and a scheduled exam they registered for, with the exact
    /// duration; every registration has exactly one row; a group sits together, alone.
    static func checkR1(_ ctx: inout AuditContext) {
        let campaign = ctx.campaign
        var rowsByRegistration: [String: [Int]] = [:]
        var sittingOfRow: [Int: Int] = [:]
        for (s, sitting) in ctx.sittings.enumerated() { for r in sitting.rows { sittingOfRow[r] = s } }
        // Once per sitting, not once per row: a sitting of n rows would cost n² (issue 16).
        let context = ctx
        let extraTimeSittings = Set(ctx.sittings.indices.filter { s in
            context.sittings[s].rows.count > 1 && context.candidates(of: context.sittings[s]).contains(where: \.extraTime)
        })

        for (i, row) in ctx.schedule.rows.enumerated() {
            guard let candidate = campaign.candidate(row.candidateID) else {
                ctx.report(.r1, "row for unknown candidate \(row.candidateID)", day: row.day, rows: [i], people: [row.candidateID])
                continue
            }
            guard let exam = campaign.exam(row.exam) else {
                ctx.report(.r1, "row for unknown exam \(row.exam) (\(ctx.name(ofCandidate: candidate.id)))", day: row.day, rows: [i], people: [candidate.id])
                continue
            }
            if exam.mode == .submitted {
                ctx.report(.r1, "\(exam.id) is a submitted production and has no sitting (\(ctx.name(ofCandidate: candidate.id)))",
                           day: row.day, rows: [i], people: [candidate.id])
                continue
            }
            guard candidate.exams.contains(where: { campaign.canonicalExamID($0) == exam.id }) else {
                ctx.report(.r1, "\(ctx.name(ofCandidate: candidate.id)) is not registered for \(exam.id)", day: row.day, rows: [i], people: [candidate.id])
                continue
            }
            rowsByRegistration[candidate.id + "\u{1F}" + exam.id, default: []].append(i)
            checkDuration(&ctx, row: i, candidate: candidate, exam: exam, sittingHasExtraTime: sittingOfRow[i].map(extraTimeSittings.contains) ?? false)
        }

        for candidate in campaign.candidates {
            for examID in candidate.exams {
                guard let exam = campaign.exam(examID), exam.isScheduled else { continue }
                let rows = rowsByRegistration[candidate.id + "\u{1F}" + exam.id] ?? []
                if rows.isEmpty {
                    ctx.report(.r1, "\(exam.id) of \(ctx.name(ofCandidate: candidate.id)) is not scheduled", people: [candidate.id])
                } else if rows.count > 1 {
                    ctx.report(.r1, "\(exam.id) of \(ctx.name(ofCandidate: candidate.id)) is scheduled \(rows.count) times",
                               day: ctx.row(rows[1]).day, rows: rows, people: [candidate.id])
                }
            }
        }
        checkGroups(&ctx)
    }

    private static func checkDuration(_ ctx: inout AuditContext, row i: Int, candidate: Candidate, exam: Exam, sittingHasExtraTime: Bool) {
        let row = ctx.row(i)
        let actual = row.time.minutes
        let required = exam.minutes(extraTime: candidate.extraTime)
        if actual == required { return }
        // A gathered sitting with an extra-time candidate is lengthened as a whole.
        if exam.mode.gathers, actual == exam.minutes(extraTime: true), sittingHasExtraTime {
            return
        }
        let why = candidate.extraTime ? " with extra time" : ""
        ctx.report(.r1, "\(ctx.describe(row: i)) lasts \(actual) min, \(required) min required\(why)",
                   day: row.day, rows: [i], people: [candidate.id])
    }

    /// A group exam is one sitting per group; a sitting holds one group, or one candidate without a group.
    private static func checkGroups(_ ctx: inout AuditContext) {
        var sittingsOfGroup: [String: Set<Int>] = [:]
        var rowsOfGroup: [String: [Int]] = [:]
        for (s, sitting) in ctx.sittings.enumerated() {
            guard let exam = ctx.exam(of: sitting), exam.mode == .group else { continue }
            let members = ctx.candidates(of: sitting)
            let groups = Set(members.map(\.group))
            if groups.count > 1 || (groups.first == "" && members.count > 1) {
                let names = groups.sorted().map { $0.isEmpty ? "no group" : "group \($0)" }.joined(separator: ", ")
                ctx.report(.r1, "\(ctx.describe(sitting)) mixes \(names): a group sitting gathers one group only",
                           day: sitting.day, rows: sitting.rows, people: members.map(\.id))
            }
            let rowsOfCandidate = Dictionary(grouping: sitting.rows, by: { ctx.row($0).candidateID })
            for c in members where !c.group.isEmpty {
                sittingsOfGroup[exam.id + "\u{1F}" + c.group, default: []].insert(s)
                rowsOfGroup[exam.id + "\u{1F}" + c.group, default: []].append(contentsOf: rowsOfCandidate[c.id] ?? [])
            }
        }
        for (key, sittings) in sittingsOfGroup.sorted(by: { $0.key < $1.key }) where sittings.count > 1 {
            let parts = key.split(separator: "\u{1F}").map(String.init)
            let rows = rowsOfGroup[key] ?? []
            ctx.report(.r1, "group \(parts.last ?? "") is split over \(sittings.count) sittings of \(parts.first ?? "")",
                       day: rows.first.map { ctx.row($0).day }, rows: rows,
                       people: Array(Set(rows.map { ctx.row($0).candidateID })).sorted())
        }
    }

    /// R13: an exam starts at or after the end of each `after` exam the candidate takes.
    static func checkR13(_ ctx: inout AuditContext) {
        let campaign = ctx.campaign
        var rowOf: [String: Int] = [:]
        for (i, row) in ctx.schedule.rows.enumerated() {
            let key = row.candidateID + "\u{1F}" + campaign.canonicalExamID(row.exam)
            if rowOf[key] == nil { rowOf[key] = i }
        }
        for (i, row) in ctx.schedule.rows.enumerated() {
            guard let exam = campaign.exam(row.exam), let candidate = campaign.candidate(row.candidateID) else { continue }
            for before in exam.after {
                let prerequisite = campaign.canonicalExamID(before)
                guard candidate.exams.contains(where: { campaign.canonicalExamID($0) == prerequisite }),
                      let j = rowOf[candidate.id + "\u{1F}" + prerequisite] else { continue }
                let earlier = ctx.row(j)
                if (row.day, row.time.start) < (earlier.day, earlier.time.end) {
                    ctx.report(.r13, "\(ctx.describe(row: i)) starts before \(prerequisite) is over (\(earlier.day.iso) \(Clock.format(earlier.time.end)))",
                               day: row.day, rows: [i, j], people: [candidate.id])
                }
            }
        }
    }
}
