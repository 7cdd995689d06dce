import Foundation
import JuryPlanCore

/// iCalendar (RFC 5545), hand-written: one calendar per member (`members/ID.ics`) and per
/// candidate (`candidates/ID.ics`). Times are local to the campaign's zone (`TZID` on every time,
/// with its `VTIMEZONE`); UIDs come from the campaign and the sitting's identity, so that a
/// re-export updates the events a calendar already holds instead of adding copies.
public struct ICSExport: ExportWriter {
    public static let audiences: [ExportAudience] = [.member, .candidate]

    public init() {}

    public func files(for view: PlanView, settings: ExportSettings) throws -> [ExportFile] {
        let words = ExportWords(language: settings.language)
        let zone = ICSTimeZone.component(for: view.campaign.timezone, days: view.campaign.days)
        var files: [ExportFile] = []
        for audience in settings.audience.map({ [$0] }) ?? Self.audiences {
            let ids = audience == .member ? view.memberIDs : view.candidateIDs
            let names = ExportFileNames.names(for: ids)
            for id in ids {
                var lines = header(view, settings, zone: zone,
                                   title: audience == .member ? view.memberName(id) : view.candidateName(id))
                if audience == .member {
                    for s in view.sittings(ofMember: id) { lines += memberEvent(view.sittings[s], member: id, view, words, settings) }
                } else {
                    for r in view.rows(ofCandidate: id) { lines += candidateEvent(row: r, view, words, settings) }
                }
                lines.append("END:VCALENDAR")
                files.append(ExportFile(path: "\(audience.folder)/\(names[id]!).ics", data: ICSText.document(lines)))
            }
        }
        return files
    }

    private func header(_ view: PlanView, _ settings: ExportSettings, zone: [String], title: String) -> [String] {
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//JuryPlan//juryplan \(ICSText.escape(settings.version))//\(settings.language == .fr ? "FR" : "EN")",
         "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
         "X-WR-CALNAME:" + ICSText.escape("\(view.campaign.name) — \(title)"),
         "X-WR-TIMEZONE:" + view.campaign.timezone] + zone
    }

    private func memberEvent(_ s: ExportSitting, member: String, _ view: PlanView, _ w: ExportWords, _ settings: ExportSettings) -> [String] {
        let candidates = s.candidateIDs.map(view.candidateName)
        let jury = view.juryInReadingOrder(s).map { id in
            view.memberName(id) + (id == s.president ? " (\(w.presidentRole))" : "")
        }
        var description = [
            "\(w.pick("Exam", "Épreuve")): \(s.examName)",
            "\(w.pick("Your role", "Votre rôle")): \(w.role(of: member, in: s))",
            "\(s.candidateIDs.count == 1 ? w.pick("Candidate", "Candidat·e") : w.pick("Candidates", "Candidats")): \(candidates.joined(separator: ", "))",
        ]
        if s.isExamined { description.append("\(w.pick("Jury", "Jury")): \(jury.joined(separator: ", "))") }
        let summary = s.candidateIDs.count == 1 ? "\(s.exam) — \(candidates[0])" : s.examName
        return event(uid: uid(view, s.identity, audience: "jury"), day: s.day, time: s.time, summary: summary,
                     location: "\(s.site), \(w.pick("room", "salle")) \(s.room)", description: description, view, settings)
    }

    private func candidateEvent(row r: Int, _ view: PlanView, _ w: ExportWords, _ settings: ExportSettings) -> [String] {
        let row = view.rows[r], s = view.sittings[view.sittingOfRow[r]]
        var description = ["\(w.pick("Exam", "Épreuve")): \(s.examName)"]
        // The candidate's own accommodations, in the candidate's own calendar only.
        let own = w.accommodations(of: view.campaign.candidate(row.candidateID))
        if !own.isEmpty { description.append("\(w.pick("Accommodations", "Aménagements")): \(own)") }
        return event(uid: uid(view, s.identity, audience: "candidate:\(row.candidateID)"), day: row.day, time: row.time,
                     summary: s.examName, location: "\(s.site), \(w.pick("room", "salle")) \(s.room)",
                     description: description, view, settings)
    }

    private func event(uid: String, day: Day, time: TimeRange, summary: String, location: String, description: [String],
                       _ view: PlanView, _ settings: ExportSettings) -> [String] {
        let tz = view.campaign.timezone
        return ["BEGIN:VEVENT", "UID:\(uid)", "SEQUENCE:\(view.plan.metadata.sequence)",
                "DTSTAMP:\(UTCStamp.ical(view.plan.metadata.created))",
                "DTSTART;TZID=\(tz):\(ICSText.local(day, time.start))", "DTEND;TZID=\(tz):\(ICSText.local(day, time.end))",
                "SUMMARY:" + ICSText.escape(summary), "LOCATION:" + ICSText.escape(location),
                "DESCRIPTION:" + ICSText.escape(description.joined(separator: "\n")),
                "STATUS:CONFIRMED", "TRANSP:OPAQUE", "END:VEVENT"]
    }

    /// `<32 hex>@juryplan`: two 64-bit FNV-1a hashes of the campaign's name, the sitting's
    /// identity and who the copy is for (the jury's event, or a candidate's own).
    private func uid(_ view: PlanView, _ identity: String, audience: String) -> String {
        let key = [view.campaign.name, identity, audience].joined(separator: "\u{1F}")
        return StableHash.hex(key, seed: 0xCBF2_9CE4_8422_2325) + StableHash.hex(key, seed: 0x8422_2325_CBF2_9CE4) + "@juryplan"
    }
}

/// FNV-1a over UTF-8: stable across runs and machines (Swift's `Hasher` is seeded per process).
enum StableHash {
    static func hex(_ text: String, seed: UInt64) -> String {
        var h = seed
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        let digits = String(h, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// RFC 5545 text: escaping (§3.3.11), CRLF line ends and folding at 75 octets (§3.1).
public enum ICSText {
    /// `\` `;` `,` and line breaks escaped; other control characters, which a TEXT value may
    /// not hold, dropped.
    public static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r", "\u{2028}", "\u{2029}", "\u{85}": out += "\\n"
            case "\t": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A content line folded so that no physical line exceeds 75 octets, never inside a UTF-8
    /// sequence and, where a character fits on a line, never inside a character (a letter and
    /// its combining accent stay together): continuation lines start with one space.
    public static func fold(_ line: String) -> String {
        var out = "", width = 0
        func append(_ piece: String, _ octets: Int) {
            if width + octets > 75 {
                out += "\r\n "
                width = 1
            }
            out += piece
            width += octets
        }
        for character in line {
            let octets = character.utf8.count
            if octets <= 74 {
                append(String(character), octets)
            } else {
                for scalar in character.unicodeScalars { append(String(scalar), scalar.utf8.count) }
            }
        }
        return out
    }

    static func document(_ lines: [String]) -> Data {
        Data(lines.map { fold($0) + "\r\n" }.joined().utf8)
    }

    /// `20270614T083000`: a local time, read with the event's TZID.
    static func local(_ day: Day, _ minutes: Int) -> String {
        day.iso.replacingOccurrences(of: "-", with: "") + "T" + Clock.format(minutes).replacingOccurrences(of: ":", with: "") + "00"
    }
}
