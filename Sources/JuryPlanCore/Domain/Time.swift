import Foundation

/// A calendar date of the session (no time zone: every time in JuryPlan is local wall-clock
/// time in the campaign's time zone).
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns nil for impossible dates (2027-02-30, month 13, …).
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` or `DD/MM/YYYY` (also `D/M/YYYY`: spreadsheets drop leading zeros).
    public init?(parsing text: String) {
        let s = text.trimmingCharacters(in: .whitespaces)
        let dash = s.split(separator: "-", omittingEmptySubsequences: false)
        let slash = s.split(separator: "/", omittingEmptySubsequences: false)
        if dash.count == 3, dash[0].count == 4, dash[1].count == 2, dash[2].count == 2,
           let y = Int(dash[0]), let m = Int(dash[1]), let d = Int(dash[2]), dash.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) {
            self.init(year: y, month: m, day: d)
        } else if slash.count == 3, (1...2).contains(slash[0].count), (1...2).contains(slash[1].count), slash[2].count == 4,
                  let d = Int(slash[0]), let m = Int(slash[1]), let y = Int(slash[2]), slash.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) {
            self.init(year: y, month: m, day: d)
        } else {
            return nil
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic and weekdays.
    public var ordinal: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int { ((ordinal % 7) + 10) % 7 + 1 }

    public var iso: String { pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) }
    /// `DD/MM/YYYY`, as French spreadsheets write dates.
    public var french: String { pad(day, 2) + "/" + pad(month, 2) + "/" + pad(year, 4) }
    public var description: String { iso }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

func pad(_ n: Int, _ width: Int) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// A time of day in minutes since midnight, written `HH:MM`.
public enum Clock {
    /// Parses `HH:MM`, `H:MM` or `HHhMM` (French); nil if not a valid time (24:00 is accepted as an end).
    public static func minutes(_ text: String) -> Int? {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = s.split(separator: ":", omittingEmptySubsequences: false).count == 2
            ? s.split(separator: ":", omittingEmptySubsequences: false)
            : s.split(separator: "h", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let h = Int(parts[0]), let m = Int(parts[1]), m < 60 else { return nil }
        guard h < 24 || (h == 24 && m == 0) else { return nil }
        return h * 60 + m
    }

    public static func format(_ minutes: Int) -> String { pad(minutes / 60, 2) + ":" + pad(minutes % 60, 2) }
}

/// A half-open interval of minutes since midnight on one day: [start, end).
public struct TimeRange: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// Parses `HH:MM-HH:MM` with start < end.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let a = Clock.minutes(String(parts[0])), let b = Clock.minutes(String(parts[1])), a < b else {
            return nil
        }
        self.init(start: a, end: b)
    }

    public static let wholeDay = TimeRange(start: 0, end: 24 * 60)

    public var minutes: Int { end - start }
    public func overlaps(_ other: TimeRange) -> Bool { start < other.end && other.start < end }
    public func contains(_ other: TimeRange) -> Bool { start <= other.start && other.end <= end }
    public var description: String { Clock.format(start) + "-" + Clock.format(end) }

    public static func < (a: TimeRange, b: TimeRange) -> Bool { (a.start, a.end) < (b.start, b.end) }
}

public enum HalfDay: String, Hashable, Sendable, CaseIterable, Comparable {
    case morning = "AM"
    case afternoon = "PM"
    public static func < (a: HalfDay, b: HalfDay) -> Bool { a == .morning && b == .afternoon }
}

/// An availability token of the input files: a whole date, a half-day or a time range on a date.
public enum AvailabilityToken: Hashable, Sendable, CustomStringConvertible {
    case day(Day)
    case halfDay(Day, HalfDay)
    case range(Day, TimeRange)

    public var day: Day {
        switch self {
        case .day(let d), .halfDay(let d, _), .range(let d, _): return d
        }
    }

    /// The wall-clock interval the token covers, given the campaign's opening hours.
    public func interval(hours: SessionHours) -> TimeRange {
        switch self {
        case .day: return .wholeDay
        case .halfDay(_, .morning): return hours.morning
        case .halfDay(_, .afternoon): return hours.afternoon
        case .range(_, let r): return r
        }
    }

    public var description: String {
        switch self {
        case .day(let d): return d.iso
        case .halfDay(let d, let h): return d.iso + " " + h.rawValue
        case .range(let d, let r): return d.iso + " " + r.description
        }
    }

    /// Parses `2027-06-14`, `14/06/2027`, `2027-06-14 AM|PM` (also `matin`, `après-midi`),
    /// `2027-06-14 15:00-17:00`.
    public init?(parsing text: String) {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first, let d = Day(parsing: first) else { return nil }
        switch words.count {
        case 1:
            self = .day(d)
        case 2:
            switch words[1].lowercased() {
            case "am", "matin": self = .halfDay(d, .morning)
            case "pm", "après-midi", "apres-midi", "aprem": self = .halfDay(d, .afternoon)
            default:
                guard let r = TimeRange(parsing: words[1]) else { return nil }
                self = .range(d, r)
            }
        default:
            return nil
        }
    }
}

/// The session's opening hours: a morning and an afternoon, separated by lunch.
public struct SessionHours: Hashable, Sendable {
    public var morning: TimeRange
    public var afternoon: TimeRange

    public init(morning: TimeRange, afternoon: TimeRange) {
        self.morning = morning
        self.afternoon = afternoon
    }

    public static let standard = SessionHours(
        morning: TimeRange(start: 8 * 60 + 30, end: 12 * 60 + 30),
        afternoon: TimeRange(start: 13 * 60 + 30, end: 17 * 60 + 30))

    public func range(_ half: HalfDay) -> TimeRange { half == .morning ? morning : afternoon }

    /// The half-day that contains the whole interval, if any (R17).
    public func halfDay(containing r: TimeRange) -> HalfDay? {
        if morning.contains(r) { return .morning }
        if afternoon.contains(r) { return .afternoon }
        return nil
    }
}

/// The union of availability tokens on each day, merged into disjoint intervals.
public struct AvailabilityWindows: Sendable {
    private var byDay: [Day: [TimeRange]]

    public init(_ tokens: [AvailabilityToken], hours: SessionHours) {
        var map: [Day: [TimeRange]] = [:]
        for t in tokens { map[t.day, default: []].append(t.interval(hours: hours)) }
        for (d, ranges) in map {
            let sorted = ranges.sorted()
            var merged: [TimeRange] = []
            for r in sorted {
                if let last = merged.last, r.start <= last.end {
                    merged[merged.count - 1].end = max(last.end, r.end)
                } else {
                    merged.append(r)
                }
            }
            map[d] = merged
        }
        byDay = map
    }

    /// True when `range` on `day` lies inside one merged window.
    public func covers(_ day: Day, _ range: TimeRange) -> Bool {
        byDay[day]?.contains { $0.contains(range) } ?? false
    }

    /// True when `range` on `day` meets (overlaps) any window.
    public func meets(_ day: Day, _ range: TimeRange) -> Bool {
        byDay[day]?.contains { $0.overlaps(range) } ?? false
    }

    public func windows(on day: Day) -> [TimeRange] { byDay[day] ?? [] }
    public var isEmpty: Bool { byDay.isEmpty }
}

/// Extra time ("tiers-temps"): one third more, rounded up to 5 minutes (45 → 60, 30 → 40, 120 → 160).
public func extendedMinutes(_ minutes: Int) -> Int { (4 * minutes + 14) / 15 * 5 }
