import Foundation
import JuryPlanCore

/// The words of the exports in English or French. Written out here rather than taken from the
/// system's locale, so that exports do not change with the machine.
struct ExportWords {
    let language: HeaderLanguage
    private var fr: Bool { language == .fr }

    func pick(_ en: String, _ fr: String) -> String { self.fr ? fr : en }

    // Timetable headers.
    var date: String { "date" }
    var start: String { pick("start", "début") }
    var end: String { pick("end", "fin") }
    var site: String { "site" }
    var room: String { pick("room", "salle") }
    var exam: String { pick("exam", "épreuve") }
    var examName: String { pick("exam_name", "intitulé") }
    var role: String { pick("role", "rôle") }
    var candidates: String { pick("candidates", "candidats") }
    var jury: String { "jury" }
    var president: String { pick("president", "président") }
    var externalShare: String { pick("external_share", "part_externe") }
    var accommodations: String { pick("accommodations", "aménagements") }

    // Roles on a sitting.
    var presidentRole: String { pick("president", "président") }
    var memberRole: String { pick("member", "membre") }
    var invigilatorRole: String { pick("invigilator", "surveillant") }

    // A candidate's own accommodations.
    var extraTime: String { pick("extra time", "tiers-temps") }
    var stepFree: String { pick("step-free room", "salle accessible de plain-pied") }

    func role(of member: String, in sitting: ExportSitting) -> String {
        if !sitting.isExamined { return invigilatorRole }
        return sitting.president == member ? presidentRole : memberRole
    }

    func accommodations(of candidate: Candidate?) -> String {
        guard let c = candidate else { return "" }
        return [c.extraTime ? extraTime : nil, c.accessible ? stepFree : nil].compactMap { $0 }.joined(separator: ", ")
    }

    /// "Monday 14 June 2027" / "lundi 14 juin 2027".
    func longDate(_ day: Day) -> String {
        let weekdays = fr ? ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
            : ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        let months = fr ? ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
            : ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return "\(weekdays[day.weekday - 1]) \(day.day) \(months[day.month - 1]) \(day.year)"
    }

    /// "67 %": shares as coordinators read them.
    func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }

    /// "1 certifier + 2 professionals" / "1 certificateur + 2 professionnels".
    func roles(_ roles: [Role: Int]) -> String {
        roles.sorted { $0.key < $1.key }.map { role, n in
            let word: String
            switch role {
            case .certifier: word = pick(n == 1 ? "certifier" : "certifiers", n == 1 ? "certificateur" : "certificateurs")
            case .professional: word = pick(n == 1 ? "professional" : "professionals", n == 1 ? "professionnel" : "professionnels")
            }
            return "\(n) \(word)"
        }.joined(separator: " + ")
    }
}

/// ISO 8601 in UTC, without fractions: `2027-06-13T00:00:00Z`.
enum UTCStamp {
    static func iso(_ date: Date) -> String {
        let (d, s) = split(date)
        return "\(d.iso)T\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))Z"
    }

    /// `20270613T000000Z`, as iCalendar writes UTC times.
    static func ical(_ date: Date) -> String {
        let (d, s) = split(date)
        return d.iso.replacingOccurrences(of: "-", with: "") + "T\(two(s / 3600))\(two(s / 60 % 60))\(two(s % 60))Z"
    }

    private static func split(_ date: Date) -> (Day, Int) {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        return (civil(days), seconds - days * 86_400)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Days since 1970-01-01 to a date (Howard Hinnant's civil_from_days).
    static func civil(_ z0: Int) -> Day {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return Day(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d) ?? Day(year: 1970, month: 1, day: 1)!
    }
}
