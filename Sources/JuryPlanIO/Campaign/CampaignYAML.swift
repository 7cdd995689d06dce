import Foundation
import JuryPlanCore
import Yams

/// Reads campaign.yaml (SPEC §2.1): settings and exam overrides, validated, every error with
/// its line and column. People come from the CSV files (see `CampaignLoader`).
public enum CampaignYAML {
    static let topKeys = ["name", "preset", "timezone", "days", "hours", "buffer_minutes", "candidate", "member", "exams", "weights"]
    static let examKeys = ["id", "name", "minutes", "mode", "jury", "needs", "after", "regional"]
    static let juryKeys = ["size", "roles", "external", "president", "imposed"]
    static let weightKeys = ["member_days", "room_halfdays", "candidate_days", "repeat_examiner", "imbalance", "preference"]

    /// Parses the text of campaign.yaml into a campaign with no people yet.
    public static func parse(_ text: String, file: String = "campaign.yaml") throws -> Campaign {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw InputError(SourceLocation(file: file, line: 1, column: 1), "the file is empty; expected at least name, preset and days")
            }
            root = node
        } catch let error as YamlError {
            throw InputError([yamlIssue(error, file: file)])
        }
        var r = YAMLReader(file: file)
        var name: String?, presetName: PresetName?
        var days: [Day] = []
        var campaign = Campaign(name: "", preset: .custom, days: [], exams: [])
        var examNodes: Node?
        let pairs = r.mapping(root, allowed: topKeys, what: "campaign.yaml")
        for (key, _, value) in pairs {
            switch key {
            case "name":
                name = r.string(value, "name")
                if name?.isEmpty == true { r.error(value, "name must not be empty") }
            case "preset":
                guard let s = r.string(value, "preset") else { break }
                presetName = PresetName(rawValue: s.lowercased())
                if presetName == nil { r.error(value, "unknown preset '\(s)'; expected csec, pacte, cpas or custom") }
            case "timezone":
                guard let tz = r.string(value, "timezone") else { break }
                if TimeZone(identifier: tz) == nil { r.error(value, "unknown time zone '\(tz)'; expected an IANA name such as Europe/Paris") }
                campaign.timezone = tz
            case "days":
                days = readDays(value, &r)
            case "hours":
                if let h = readHours(value, &r) { campaign.hours = h }
            case "buffer_minutes":
                campaign.bufferMinutes = r.int(value, "buffer_minutes", range: InputRanges.bufferMinutes) ?? campaign.bufferMinutes
            case "candidate":
                for (k, _, v) in r.mapping(value, allowed: ["max_exams_per_day", "min_break_minutes"], what: "candidate") {
                    if k == "max_exams_per_day" { campaign.maxExamsPerDay = r.int(v, "candidate.max_exams_per_day", range: InputRanges.maxExamsPerDay) ?? campaign.maxExamsPerDay }
                    else { campaign.minBreakMinutes = r.int(v, "candidate.min_break_minutes", range: InputRanges.minBreakMinutes) ?? campaign.minBreakMinutes }
                }
            case "member":
                for (_, _, v) in r.mapping(value, allowed: ["max_sittings_per_day"], what: "member") {
                    campaign.maxSittingsPerDay = r.int(v, "member.max_sittings_per_day", range: InputRanges.maxSittingsPerDay) ?? campaign.maxSittingsPerDay
                }
            case "weights":
                campaign.weights = readWeights(value, &r)
            case "exams":
                examNodes = value
            default:
                break
            }
        }
        if name == nil, !pairs.contains(where: { $0.key == "name" }) { r.log.error(SourceLocation(file: file, line: 1, column: 1), "missing required key 'name'") }
        if presetName == nil, !pairs.contains(where: { $0.key == "preset" }) {
            r.log.error(SourceLocation(file: file, line: 1, column: 1), "missing required key 'preset' (csec, pacte, cpas or custom)")
        }
        if !pairs.contains(where: { $0.key == "days" }) { r.log.error(SourceLocation(file: file, line: 1, column: 1), "missing required key 'days' (a list of session dates)") }

        let preset = Preset.named(presetName ?? .custom)
        var exams = preset.exams
        if let examNodes { exams = ExamOverrides.apply(examNodes, to: preset, &r) }
        try r.log.throwIfErrors()

        campaign.name = name ?? ""
        campaign.preset = preset.name
        campaign.days = days
        campaign.examAliases = preset.aliases
        campaign.setExams(exams)
        return campaign
    }

    static func yamlIssue(_ error: YamlError, file: String) -> InputIssue {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _), .composer(let context, let problem, let mark, _):
            // libyaml's context says where the construct that could not be completed began.
            let during = context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""
            return .error(SourceLocation(file: file, line: mark.line, column: mark.column), "not valid YAML: \(problem)\(during)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams puts the whole document in `context.text`: report the key and its position only.
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error(SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                          "key \(keys) appears more than once in the same mapping; expected each key once")
        case .reader(let problem, let offset, _, let yaml):
            var line = 1, column = 1
            for c in yaml.prefix(offset ?? 0) {
                if c == "\n" || c == "\r\n" || c == "\r" { line += 1; column = 1 } else { column += 1 }
            }
            return .error(SourceLocation(file: file, line: line, column: column), "not valid YAML: \(problem)")
        default:
            return .error(SourceLocation(file: file, line: 1, column: 1), "not valid YAML: \(error)")
        }
    }

    static func readDays(_ node: Node, _ r: inout YAMLReader) -> [Day] {
        guard case .sequence(let seq) = node else {
            r.error(node, "days must be a list of dates, e.g. [2027-06-14, 2027-06-15]")
            return []
        }
        if seq.count > InputRanges.sessionDays.upperBound {
            r.error(node, "days lists \(seq.count) dates; a session has \(InputRanges.describe(InputRanges.sessionDays)) days")
            return []
        }
        var days: [Day] = []
        for item in seq {
            guard let text = item.scalar?.string else {
                r.error(item, "a day must be a date (YYYY-MM-DD or DD/MM/YYYY)")
                continue
            }
            guard let d = Day(parsing: text) else {
                r.error(item, "'\(text)' is not a real date; expected YYYY-MM-DD or DD/MM/YYYY")
                continue
            }
            if days.contains(d) { r.error(item, "day \(d.iso) is listed twice") } else { days.append(d) }
        }
        if days.isEmpty, seq.isEmpty { r.error(node, "days must list at least one date") }
        return days.sorted()
    }

    static func readHours(_ node: Node, _ r: inout YAMLReader) -> SessionHours? {
        var hours = SessionHours.standard
        var morningNode: Node?, afternoonNode: Node?
        for (key, _, value) in r.mapping(node, allowed: ["morning", "afternoon"], what: "hours") {
            guard let text = r.string(value, "hours.\(key)") else { continue }
            guard let range = TimeRange(parsing: text) else {
                r.error(value, "hours.\(key) '\(text)' must be a time range HH:MM-HH:MM with the start before the end")
                continue
            }
            if key == "morning" { hours.morning = range; morningNode = value } else { hours.afternoon = range; afternoonNode = value }
        }
        if hours.morning.end > hours.afternoon.start {
            r.error(afternoonNode ?? morningNode ?? node, "the morning (\(hours.morning)) must end no later than the afternoon (\(hours.afternoon)) starts")
            return nil
        }
        return hours
    }

    static func readWeights(_ node: Node, _ r: inout YAMLReader) -> Weights {
        var w = Weights()
        for (key, _, value) in r.mapping(node, allowed: weightKeys, what: "weights") {
            guard let d = r.double(value, "weights.\(key)", range: InputRanges.weight) else { continue }
            switch key {
            case "member_days": w.memberDays = d
            case "room_halfdays": w.roomHalfDays = d
            case "candidate_days": w.candidateDays = d
            case "repeat_examiner": w.repeatExaminer = d
            case "imbalance": w.imbalance = d
            default: w.preference = d
            }
        }
        return w
    }
}
