import Foundation
import JuryPlanCore

/// The `VTIMEZONE` of a calendar. Europe/Paris (the default) gets the EU rules written out:
/// summer time from the last Sunday of March 02:00 (+0100 → +0200) to the last Sunday of
/// October 03:00 (+0200 → +0100), in force since 1996. Any other zone gets its real transitions,
/// read from the system's time zone data, from one year before the session to one year after,
/// each as a dated `STANDARD` or `DAYLIGHT` part without a rule; a zone without transitions gets
/// one `STANDARD` part with its fixed offset.
enum ICSTimeZone {
    static func component(for identifier: String, days: [Day]) -> [String] {
        if identifier == "Europe/Paris" { return paris }
        guard let zone = TimeZone(identifier: identifier) else { return [] }
        let first = days.min()?.year ?? 2027, last = days.max()?.year ?? first
        let from = Date(timeIntervalSince1970: Double(Day(year: first - 1, month: 1, day: 1)!.ordinal) * 86_400)
        let to = Date(timeIntervalSince1970: Double(Day(year: last + 1, month: 12, day: 31)!.ordinal) * 86_400)
        var parts: [String] = []
        var cursor = from
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < to {
            let before = zone.secondsFromGMT(for: next.addingTimeInterval(-1)), after = zone.secondsFromGMT(for: next)
            let kind = zone.isDaylightSavingTime(for: next) ? "DAYLIGHT" : "STANDARD"
            parts += ["BEGIN:\(kind)", "TZOFFSETFROM:\(offset(before))", "TZOFFSETTO:\(offset(after))",
                      "TZNAME:" + ICSText.escape(zone.abbreviation(for: next) ?? offset(after)),
                      // DTSTART is the local time before the change (RFC 5545 §3.6.5).
                      "DTSTART:\(localStamp(next, offset: before))", "END:\(kind)"]
            cursor = next
        }
        if parts.isEmpty {
            let fixed = zone.secondsFromGMT(for: from)
            parts = ["BEGIN:STANDARD", "TZOFFSETFROM:\(offset(fixed))", "TZOFFSETTO:\(offset(fixed))",
                     "TZNAME:" + ICSText.escape(zone.abbreviation(for: from) ?? offset(fixed)), "DTSTART:19700101T000000", "END:STANDARD"]
        }
        return ["BEGIN:VTIMEZONE", "TZID:\(identifier)"] + parts + ["END:VTIMEZONE"]
    }

    static let paris = [
        "BEGIN:VTIMEZONE", "TZID:Europe/Paris",
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
        "DTSTART:19810329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
        "DTSTART:19961027T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    /// `+0100`, `-0330`.
    static func offset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+", m = abs(seconds) / 60
        let hh = m / 60, mm = m % 60
        return sign + (hh < 10 ? "0\(hh)" : "\(hh)") + (mm < 10 ? "0\(mm)" : "\(mm)")
    }

    /// The wall-clock time at `date` under `offset` seconds, as `YYYYMMDDTHHMMSS`.
    static func localStamp(_ date: Date, offset: Int) -> String {
        String(UTCStamp.ical(date.addingTimeInterval(Double(offset))).dropLast())
    }
}
