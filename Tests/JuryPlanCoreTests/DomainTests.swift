import XCTest
@testable import JuryPlanCore

final class DayTests: XCTestCase {
    func testISOAndFrenchDates() {
        let iso = Day(parsing: "2027-06-14")
        XCTAssertEqual(iso, Day(year: 2027, month: 6, day: 14))
        XCTAssertEqual(Day(parsing: "14/06/2027"), iso)
        XCTAssertEqual(Day(parsing: " 2027-06-14 "), iso)
        XCTAssertEqual(iso?.iso, "2027-06-14")
        XCTAssertEqual(iso?.french, "14/06/2027")
        XCTAssertEqual(iso?.description, "2027-06-14")
        XCTAssertEqual(Day(parsing: "01/02/2027")?.iso, "2027-02-01")   // day first, never month first
    }

    func testImpossibleDates() {
        for text in ["2027-02-29", "29/02/2027", "2027-13-01", "2027-00-10", "2027-06-31", "31/04/2027", "2027-06-00",
                     "1900-02-29", "2100-02-29"] {
            XCTAssertNil(Day(parsing: text), text)
        }
        XCTAssertNil(Day(year: 2027, month: 2, day: 29))
        XCTAssertNil(Day(year: 2027, month: 13, day: 1))
    }

    func testLeapDays() {
        XCTAssertEqual(Day(parsing: "2028-02-29")?.iso, "2028-02-29")
        XCTAssertEqual(Day(parsing: "29/02/2028")?.iso, "2028-02-29")
        XCTAssertEqual(Day(parsing: "2000-02-29")?.iso, "2000-02-29")
        XCTAssertEqual(Day(parsing: "2027-12-31")?.iso, "2027-12-31")
    }

    /// French spreadsheets sometimes drop the leading zeros of day and month.
    func testSlashDatesWithoutLeadingZeros() {
        XCTAssertEqual(Day(parsing: "4/6/2027")?.iso, "2027-06-04")
        XCTAssertEqual(Day(parsing: "04/6/2027")?.iso, "2027-06-04")
        XCTAssertEqual(Day(parsing: "4/06/2027")?.iso, "2027-06-04")
        XCTAssertNil(Day(parsing: "31/6/2027"))
        XCTAssertNil(Day(parsing: "4/6/27"))
        XCTAssertNil(Day(parsing: "004/6/2027"))
    }

    func testMalformedDates() {
        for text in ["", "2027-6-14", "27-06-14", "2027/06/14", "14-06-2027", "6/14/2027", "2027-06-14T09:00", "2027-06-1a",
                     "14.06.2027", "2027-06", "+2027-06-14", "2027-06-14 AM"] {
            XCTAssertNil(Day(parsing: text), text)
        }
    }

    func testWeekday() {
        XCTAssertEqual(day("2027-06-14").weekday, 1)   // Monday
        XCTAssertEqual(day("2027-06-20").weekday, 7)   // Sunday
        XCTAssertEqual(day("2028-02-29").weekday, 2)   // Tuesday
        XCTAssertEqual(day("1970-01-01").weekday, 4)   // Thursday
        XCTAssertEqual(day("2000-01-01").weekday, 6)   // Saturday
        XCTAssertEqual(day("1969-12-31").weekday, 3)   // Wednesday, before the epoch
        XCTAssertEqual(day("1900-03-01").weekday, 4)
    }

    func testOrdinalAndOrder() {
        XCTAssertEqual(day("1970-01-01").ordinal, 0)
        XCTAssertEqual(day("2027-06-15").ordinal - day("2027-06-14").ordinal, 1)
        XCTAssertEqual(day("2028-03-01").ordinal - day("2028-02-28").ordinal, 2)
        XCTAssertEqual(day("2027-03-01").ordinal - day("2027-02-28").ordinal, 1)
        XCTAssertLessThan(day("2027-06-14"), day("2027-06-15"))
        XCTAssertLessThan(day("2027-05-31"), day("2027-06-01"))
        XCTAssertLessThan(day("2026-12-31"), day("2027-01-01"))
    }
}

final class ClockTests: XCTestCase {
    func testValidTimes() {
        XCTAssertEqual(Clock.minutes("08:30"), 510)
        XCTAssertEqual(Clock.minutes("9:05"), 545)
        XCTAssertEqual(Clock.minutes("14h30"), 870)
        XCTAssertEqual(Clock.minutes("14H30"), 870)
        XCTAssertEqual(Clock.minutes("00:00"), 0)
        XCTAssertEqual(Clock.minutes("23:59"), 1439)
        XCTAssertEqual(Clock.minutes(" 10:15 "), 615)
        XCTAssertEqual(Clock.minutes("24:00"), 1440)   // accepted as an end
    }

    func testInvalidTimes() {
        for text in ["25:00", "12:60", "24:01", "9:5", "930", "", "12:", ":30", "1230:00", "12:30:00", "-1:00", "ab:cd", "12h", "h30", "12-30"] {
            XCTAssertNil(Clock.minutes(text), text)
        }
    }

    func testFormat() {
        XCTAssertEqual(Clock.format(545), "09:05")
        XCTAssertEqual(Clock.format(0), "00:00")
        XCTAssertEqual(Clock.format(1050), "17:30")
    }
}

final class TimeRangeTests: XCTestCase {
    func testParsing() {
        XCTAssertEqual(TimeRange(parsing: "09:00-10:30"), TimeRange(start: 540, end: 630))
        XCTAssertEqual(TimeRange(parsing: "9h00-10h30"), TimeRange(start: 540, end: 630))
        XCTAssertEqual(TimeRange(parsing: "9:00-10:30")?.description, "09:00-10:30")
        XCTAssertEqual(TimeRange(parsing: "09:00-10:30")?.minutes, 90)
        for text in ["10:00-09:00", "09:00-09:00", "09:00", "09:00-", "-10:00", "09:00-10:00-11:00", "25:00-26:00", "9-10"] {
            XCTAssertNil(TimeRange(parsing: text), text)
        }
    }

    func testHalfOpenIntervals() {
        let a = span("09:00-10:00")
        XCTAssertFalse(a.overlaps(span("10:00-11:00")))
        XCTAssertFalse(span("08:00-09:00").overlaps(a))
        XCTAssertTrue(a.overlaps(span("09:59-11:00")))
        XCTAssertTrue(a.overlaps(span("09:15-09:30")))
        XCTAssertTrue(a.contains(span("09:00-10:00")))
        XCTAssertTrue(a.contains(span("09:15-09:30")))
        XCTAssertFalse(a.contains(span("09:30-10:01")))
    }

    func testSessionHalfDays() {
        let h = SessionHours.standard
        XCTAssertEqual(h.morning, span("08:30-12:30"))
        XCTAssertEqual(h.afternoon, span("13:30-17:30"))
        XCTAssertEqual(h.halfDay(containing: span("08:30-12:30")), .morning)
        XCTAssertEqual(h.halfDay(containing: span("13:30-14:00")), .afternoon)
        XCTAssertNil(h.halfDay(containing: span("12:00-13:45")))
        XCTAssertNil(h.halfDay(containing: span("08:00-09:00")))
        XCTAssertNil(h.halfDay(containing: span("17:00-18:00")))
        XCTAssertEqual(h.range(.afternoon), h.afternoon)
    }
}

final class AvailabilityTokenTests: XCTestCase {
    let d = day("2027-06-14")

    func testTokens() {
        XCTAssertEqual(AvailabilityToken(parsing: "2027-06-14"), .day(d))
        XCTAssertEqual(AvailabilityToken(parsing: "14/06/2027"), .day(d))
        XCTAssertEqual(AvailabilityToken(parsing: "2027-06-14 AM"), .halfDay(d, .morning))
        XCTAssertEqual(AvailabilityToken(parsing: "2027-06-14 am"), .halfDay(d, .morning))
        XCTAssertEqual(AvailabilityToken(parsing: "2027-06-14 PM"), .halfDay(d, .afternoon))
        XCTAssertEqual(AvailabilityToken(parsing: "14/06/2027 matin"), .halfDay(d, .morning))
        XCTAssertEqual(AvailabilityToken(parsing: "2027-06-14 après-midi"), .halfDay(d, .afternoon))
        XCTAssertEqual(AvailabilityToken(parsing: "2027-06-14 Après-Midi"), .halfDay(d, .afternoon))
        XCTAssertEqual(AvailabilityToken(parsing: "2027-06-14 15:00-17:00"), .range(d, TimeRange(start: 900, end: 1020)))
        XCTAssertEqual(AvailabilityToken(parsing: "2027-06-14\t15:00-17:00"), .range(d, TimeRange(start: 900, end: 1020)))
        XCTAssertEqual(AvailabilityToken(parsing: "2027-06-14  PM"), .halfDay(d, .afternoon))
    }

    func testInvalidTokens() {
        for text in ["", "AM", "2027-06-14 noon", "2027-06-14 AM PM", "2027-06-14 17:00-15:00", "2027-02-29", "2027-02-29 AM",
                     "2027-06-14 25:00-26:00", "2027-13-01 PM", "tomorrow"] {
            XCTAssertNil(AvailabilityToken(parsing: text), text)
        }
    }

    func testDescriptionAndInterval() {
        XCTAssertEqual(AvailabilityToken.halfDay(d, .afternoon).description, "2027-06-14 PM")
        XCTAssertEqual(AvailabilityToken.range(d, span("15:00-17:00")).description, "2027-06-14 15:00-17:00")
        XCTAssertEqual(AvailabilityToken.day(d).description, "2027-06-14")
        let h = SessionHours(morning: span("08:00-12:00"), afternoon: span("13:00-18:00"))
        XCTAssertEqual(token("2027-06-14 AM").interval(hours: h), span("08:00-12:00"))
        XCTAssertEqual(token("2027-06-14 PM").interval(hours: h), span("13:00-18:00"))
        XCTAssertEqual(token("2027-06-14").interval(hours: h), TimeRange.wholeDay)
        XCTAssertEqual(token("2027-06-14").day, d)
    }

    func testWindowsMergeAdjacentTokens() {
        let w = AvailabilityWindows([token("2027-06-14 10:00-11:00"), token("2027-06-14 09:00-10:00"), token("2027-06-15 AM")],
                                    hours: .standard)
        XCTAssertEqual(w.windows(on: d), [span("09:00-11:00")])
        XCTAssertTrue(w.covers(d, span("09:30-10:30")))
        XCTAssertFalse(w.covers(d, span("10:30-11:30")))
        XCTAssertTrue(w.meets(d, span("10:30-11:30")))
        XCTAssertFalse(w.meets(d, span("11:00-11:30")))
        XCTAssertTrue(w.covers(day("2027-06-15"), span("08:30-12:30")))
        XCTAssertFalse(w.covers(day("2027-06-16"), span("09:00-09:30")))
        XCTAssertFalse(w.isEmpty)
        XCTAssertTrue(AvailabilityWindows([], hours: .standard).isEmpty)
    }
}

final class ExtraTimeTests: XCTestCase {
    func testExtendedMinutes() {
        XCTAssertEqual(extendedMinutes(45), 60)
        XCTAssertEqual(extendedMinutes(30), 40)
        XCTAssertEqual(extendedMinutes(60), 80)
        XCTAssertEqual(extendedMinutes(120), 160)
        XCTAssertEqual(extendedMinutes(15), 20)
        XCTAssertEqual(extendedMinutes(20), 30)    // 26.7 rounded up to 30
        XCTAssertEqual(extendedMinutes(50), 70)    // 66.7 → 70
        XCTAssertEqual(extendedMinutes(90), 120)
        XCTAssertEqual(extendedMinutes(10), 15)    // 13.3 → 15
        XCTAssertEqual(extendedMinutes(0), 0)
    }

    func testExtendedMinutesIsCeilOfFourThirdsToFive() {
        for m in 1...600 {
            let exact = Double(4 * m) / 3
            let expected = Int((exact / 5).rounded(.up)) * 5
            XCTAssertEqual(extendedMinutes(m), expected, "\(m)")
        }
    }

    func testExamMinutes() {
        let bc1 = Preset.csec.exams[0]
        XCTAssertEqual(bc1.minutes(extraTime: false), 45)
        XCTAssertEqual(bc1.minutes(extraTime: true), 60)
    }
}

final class NameKeyTests: XCTestCase {
    func testSameIgnoresCaseAccentsAndSpaces() {
        XCTAssertTrue(NameKey.same("MSP  des Lilas", "msp des lilas"))
        XCTAssertTrue(NameKey.same("Hôpital", "hopital"))
        XCTAssertTrue(NameKey.same("Île-de-France", "ILE-DE-FRANCE"))
        XCTAssertTrue(NameKey.same("MSP des Lilas", "MSPdesLilas"))
        XCTAssertTrue(NameKey.same("Centre\u{00A0}Hospitalier", "centre hospitalier"))
        XCTAssertTrue(NameKey.same("CRÈCHE Éléonore", "creche eleonore"))
        XCTAssertEqual(NameKey.of("  Hôpital  Nord "), "hopitalnord")
    }

    /// The ASCII fast path and the memo give exactly the keys of the full folding.
    func testFastPathsAgreeWithTheFullFolding() {
        let samples = ["MSP des Lilas", "  A\tB\nC\r\u{0B}\u{0C}D  ", "ABC-xyz_09 #@!", "", "   ", "Hôpital Nord", "ÉLÉONORE  Crèche",
                       "Centre\u{00A0}Hospitalier", "ｆｕｌｌ ｗｉｄｔｈ", "Ärzte\u{85}Haus", "S002", "CPTS du pays de Vienne"]
        for text in samples {
            XCTAssertEqual(NameKey.of(text), NameKey.fold(text), text.debugDescription)
            XCTAssertEqual(NameKey.of(text), NameKey.of(text), "memoised: \(text.debugDescription)")
        }
    }

    func testDifferentOrEmptyNamesNeverMatch() {
        XCTAssertFalse(NameKey.same("MSP des Lilas", "MSP des Roses"))
        XCTAssertFalse(NameKey.same("", ""))
        XCTAssertFalse(NameKey.same("   ", " "))
        XCTAssertFalse(NameKey.same("", "MSP"))
        XCTAssertFalse(NameKey.same("Île-de-France", "Ile de France"))   // hyphens count
    }
}

final class CampaignTests: XCTestCase {
    func testLookupsAndAliases() {
        let c = CampaignBuilder.cpas().candidate("C1", exams: ["B3"]).build()
        XCTAssertEqual(c.exam("BC3")?.id, "B3")
        XCTAssertEqual(c.exam("B3")?.id, "B3")
        XCTAssertEqual(c.exam("BC5E2")?.id, "B5E2")
        XCTAssertNil(c.exam("B6"))
        XCTAssertEqual(c.canonicalExamID("BC5E1"), "B5E1")
        XCTAssertEqual(c.canonicalExamID("X"), "X")
        XCTAssertEqual(c.candidate("C1")?.displayName, "LastC1 FirstC1")
        XCTAssertNil(c.candidate("C2"))
        XCTAssertEqual(c.member("K1")?.role, .certifier)
        XCTAssertEqual(c.room("A1")?.site, "Annexe")
        XCTAssertEqual(c.memberNumber("P2"), 1)
        XCTAssertTrue(c.isSessionDay(day(D2)))
        XCTAssertFalse(c.isSessionDay(day("2027-06-16")))
    }

    func testDefaultsOfSPEC() {
        let c = Campaign(name: "x", preset: .csec, days: [day(D1)], exams: Preset.csec.exams)
        XCTAssertEqual(c.timezone, "Europe/Paris")
        XCTAssertEqual(c.hours, SessionHours(morning: span("08:30-12:30"), afternoon: span("13:30-17:30")))
        XCTAssertEqual(c.bufferMinutes, 10)
        XCTAssertEqual(c.maxExamsPerDay, 3)
        XCTAssertEqual(c.minBreakMinutes, 30)
        XCTAssertEqual(c.maxSittingsPerDay, 8)
        XCTAssertEqual(c.weights.memberDays, 100)
        XCTAssertEqual(c.weights.roomHalfDays, 20)
        XCTAssertEqual(c.weights.candidateDays, 10)
        XCTAssertEqual(c.weights.repeatExaminer, 5)
        XCTAssertEqual(c.weights.imbalance, 1)
        XCTAssertEqual(c.weights.preference, 2)
    }

    func testSittingGrouping() {
        let c = CampaignBuilder.cpas().build()
        let s = schedule([
            row(D1, "09:00-10:00", "BIG", "B4", "C1", ["P1", "P2"]),
            row(D1, "09:00-10:20", "BIG", "BC4", "C2", ["P2", "P1"]),
            row(D1, "09:00-10:00", "BIG", "B4", "C3", ["P1", "P3"]),
            row(D1, "09:00-09:30", "S1", "B3", "C4", ["P1", "P2"]),
            row(D1, "09:00-09:30", "S1", "B3", "C5", ["P1", "P2"]),
        ])
        let sittings = AuditContext(campaign: c, schedule: s).sittings
        XCTAssertEqual(sittings.map(\.rows), [[0, 1], [2], [3], [4]])
        XCTAssertEqual(sittings[0].time, span("09:00-10:20"))
        // Without the alias map, `BC4` is another exam.
        XCTAssertEqual(Sitting.group(s, gathers: { c.exam($0)?.mode.gathers ?? false }).map(\.rows), [[0], [1], [2], [3], [4]])
    }

    func testScheduleOrder() {
        let s = Schedule(rows: [
            row(D2, "09:00-09:45", "S1", "BC1", "C1", []),
            row(D1, "10:00-10:45", "A1", "BC1", "C2", []),
            row(D1, "09:00-09:45", "S2", "BC1", "C3", []),
            row(D1, "09:00-09:45", "S1", "BC1", "C5", []),
            row(D1, "09:00-09:45", "S1", "BC1", "C4", []),
        ]).sorted
        XCTAssertEqual(s.rows.map(\.candidateID), ["C4", "C5", "C3", "C2", "C1"])
    }

    func testBreachLinesAreSortedAndPositive() {
        let b = Breach(.r4, "x", lines: [7, 0, 3], people: ["S1"])
        XCTAssertEqual(b.lines, [3, 7])
        XCTAssertEqual(b.description, "R4: x (lines 3, 7)")
        XCTAssertEqual(Breach(.r1, "y").description, "R1: y")
        XCTAssertEqual(Breach(.r2, "z", lines: [5]).description, "R2: z (line 5)")
    }

    func testJurySpecAccepts() {
        XCTAssertTrue(JurySpec(size: 2).accepts(.certifier))
        XCTAssertTrue(JurySpec(size: 2, roles: [.professional: 2]).accepts(.professional))
        XCTAssertFalse(JurySpec(size: 2, roles: [.professional: 2]).accepts(.certifier))
        XCTAssertFalse(JurySpec(size: 2, roles: [.professional: 2, .certifier: 0]).accepts(.certifier))
    }
}
