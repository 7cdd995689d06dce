import JuryPlanCore
import Yams

/// The `exams:` list of campaign.yaml: overrides of preset exams and new exams (SPEC §2.1).
enum ExamOverrides {
    /// Applies each entry in order; a key left out keeps the preset's value.
    static func apply(_ node: Node, to preset: Preset, _ r: inout YAMLReader) -> [Exam] {
        var exams = preset.exams
        guard case .sequence(let entries) = node else {
            r.error(node, "exams must be a list of entries such as {id: BC4, minutes: 30}")
            return exams
        }
        if entries.count > InputRanges.examEntries.upperBound {
            r.error(node, "exams lists \(entries.count) entries; expected \(InputRanges.describe(InputRanges.examEntries))")
            return exams
        }
        var afterNodes: [(String, Node)] = []
        var seen = Set<String>()
        for entry in entries {
            let pairs = r.mapping(entry, allowed: CampaignYAML.examKeys, what: "an exams entry")
            guard let idPair = pairs.first(where: { $0.key == "id" }) else {
                if case .mapping = entry { r.error(entry, "an exams entry needs an id") }
                continue
            }
            guard let rawID = r.string(idPair.value, "id"), !rawID.isEmpty else { continue }
            let id = preset.aliases[rawID] ?? rawID
            guard seen.insert(id).inserted else {
                r.error(idPair.value, "exam \(id) is listed twice in exams")
                continue
            }
            let existing = exams.firstIndex { $0.id == id }
            var exam = existing.map { exams[$0] }
                ?? Exam(id: id, name: id, mode: .oral, minutes: 0, jury: JurySpec(size: 2))
            var minutesGiven = false, juryGiven = false
            for (key, _, value) in pairs {
                switch key {
                case "name":
                    exam.name = r.string(value, "name") ?? exam.name
                case "minutes":
                    if let m = r.int(value, "minutes of \(id)", range: InputRanges.examMinutes) { exam.minutes = m; minutesGiven = true }
                case "mode":
                    guard let s = r.string(value, "mode") else { break }
                    if let mode = ExamMode(rawValue: s.lowercased()) { exam.mode = mode } else {
                        r.error(value, "unknown mode '\(s)' for \(id); expected oral, written, group or submitted")
                    }
                case "jury":
                    if let j = readJury(value, keeping: exam.jury, examID: id, &r) { exam.jury = j; juryGiven = true }
                case "needs":
                    exam.needs = r.strings(value, "needs of \(id)") ?? exam.needs
                case "after":
                    if let list = r.strings(value, "after of \(id)") {
                        exam.after = list.map { preset.aliases[$0] ?? $0 }
                        afterNodes.append((id, value))
                    }
                case "regional":
                    exam.regional = r.bool(value, "regional of \(id)") ?? exam.regional
                default:
                    break
                }
            }
            // A preset exam that was handed in (`submitted`: 0 minutes, no jury) and is now sat is
            // completed like a new exam: it needs minutes, and gets the default jury of its mode.
            let wasSubmitted = existing.map { exams[$0].mode == .submitted } ?? false
            if existing == nil || (wasSubmitted && exam.mode != .submitted) {
                if exam.mode != .submitted, !minutesGiven {
                    r.error(idPair.value, existing == nil
                        ? "new exam \(id) needs minutes (its duration)"
                        : "exam \(id) is now sat (mode \(exam.mode.rawValue)) and needs minutes (its duration)")
                }
                // A new exam's default jury follows its mode: 1 invigilator for a written exam.
                if !juryGiven { exam.jury = JurySpec(size: exam.mode == .written ? 1 : (exam.mode == .submitted ? 0 : 2)) }
            }
            // A sat exam needs someone in the room (`jury: 0`, or a mapping with no size, would leave it empty).
            if exam.mode != .submitted, juryGiven, exam.jury.size == 0, !exam.jury.imposed,
               let juryNode = pairs.first(where: { $0.key == "jury" })?.value {
                r.error(juryNode, "the jury of \(id) must have at least one member")
            }
            if exam.mode == .submitted { exam.minutes = 0 }
            if let i = existing { exams[i] = exam } else { exams.append(exam) }
        }
        let ids = Set(exams.map(\.id))
        for (id, node) in afterNodes {
            for prerequisite in exams.first(where: { $0.id == id })?.after ?? [] where !ids.contains(prerequisite) {
                r.error(node, "exam \(id) comes after unknown exam \(prerequisite); expected one of: \(exams.map(\.id).joined(separator: ", "))")
            }
        }
        if let cycle = cycle(in: exams) { r.error(node, "the `after` lists form a cycle: \(cycle.joined(separator: " → "))") }
        return exams
    }

    /// `jury: N` sets the size (keeping the roles only if they add up to N); a mapping replaces the jury.
    static func readJury(_ node: Node, keeping old: JurySpec, examID: String, _ r: inout YAMLReader) -> JurySpec? {
        if case .scalar = node {
            guard let n = r.int(node, "jury of \(examID)", range: InputRanges.jurySize) else { return nil }
            var spec = old
            spec.size = n
            if old.roles.values.reduce(0, +) != n { spec.roles = [:] }
            return spec
        }
        var spec = JurySpec(size: 0)
        var sizeGiven = false
        for (key, _, value) in r.mapping(node, allowed: CampaignYAML.juryKeys, what: "the jury of \(examID)") {
            switch key {
            case "size":
                if let n = r.int(value, "jury size of \(examID)", range: InputRanges.jurySize) { spec.size = n; sizeGiven = true }
            case "roles":
                for (roleName, roleNode, count) in r.mapping(value, allowed: Role.allCases.map(\.rawValue), what: "the jury roles of \(examID)") {
                    guard let role = Role(rawValue: roleName) else { r.error(roleNode, "unknown role \(roleName)"); continue }
                    if let n = r.int(count, "number of \(roleName)s", range: InputRanges.jurySize) { spec.roles[role] = n }
                }
            case "external":
                spec.external = r.double(value, "external threshold of \(examID)", range: 0...0.999_999)
            case "president":
                spec.president = r.bool(value, "president of \(examID)") ?? false
            case "imposed":
                spec.imposed = r.bool(value, "imposed of \(examID)") ?? false
            default:
                break
            }
        }
        let roleTotal = spec.roles.values.reduce(0, +)
        if !sizeGiven { spec.size = roleTotal }
        if !spec.roles.isEmpty, roleTotal != spec.size {
            r.error(node, "the roles of \(examID)'s jury add up to \(roleTotal), its size is \(spec.size)")
            return nil
        }
        if spec.president, !spec.roles.isEmpty, (spec.roles[.professional] ?? 0) == 0 {
            r.error(node, "the jury of \(examID) has a president but no professional to preside")
            return nil
        }
        if spec.size == 0, !spec.imposed, sizeGiven || !spec.roles.isEmpty {
            r.error(node, "the jury of \(examID) must have at least one member")
            return nil
        }
        return spec
    }

    /// A cycle among `after` lists, if any, as a path of exam ids.
    static func cycle(in exams: [Exam]) -> [String]? {
        let after = Dictionary(exams.map { ($0.id, $0.after) }, uniquingKeysWith: { a, _ in a })
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var path: [String] = []
        func visit(_ id: String) -> [String]? {
            if state[id] == 2 { return nil }
            if state[id] == 1 { return path.drop(while: { $0 != id }) + [id] }
            state[id] = 1
            path.append(id)
            for next in after[id] ?? [] { if let c = visit(next) { return c } }
            path.removeLast()
            state[id] = 2
            return nil
        }
        for e in exams { if let c = visit(e.id) { return c } }
        return nil
    }
}
