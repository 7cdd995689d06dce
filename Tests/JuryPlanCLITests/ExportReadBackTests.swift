import Foundation
import XCTest
import JuryPlanCore
import JuryPlanIO
@testable import JuryPlanCLI

/// Every format read back by a real parser: the CSVs by the project's reader, the calendars by
/// Python's icalendar, the report by headless Chromium printing it to PDF.
final class ExportReadBackTests: TemporaryFolderTestCase {
    func testEveryCSVReadsBackWithTheProjectsReader() throws {
        for (name, extra) in [("plain", [String]()), ("excel-fr", ["--excel", "--lang", "fr"])] {
            let out = export(ExportPaths.hostile, formats: [.csv], into: name, extra: extra)
            let files = try listing(out).filter { $0.hasSuffix(".csv") }
            XCTAssertEqual(files.count, 1 + 3 + 5 + 1)
            for file in files {
                let table = try CSVReader.read(contentsOf: out.appendingPathComponent(file))
                XCTAssertEqual(table.delimiter, name == "plain" ? "," : ";", file)
                XCTAssertFalse(table.rows.isEmpty, file)
                XCTAssertTrue(table.rows.allSatisfy { $0.fields.count == table.header.fields.count }, file)
                if name == "excel-fr" {
                    XCTAssertTrue(table.header.fields.contains { $0.text == (file == "schedule.csv" ? "épreuve" : "date") }, file)
                    XCTAssertTrue(table.rows.allSatisfy { Day(parsing: $0.fields[0].text) != nil && $0.fields[0].text.contains("/") }, file)
                }
            }
            // Hostile names come back intact, with the formula guard's quote in front.
            let j1 = try CSVReader.read(contentsOf: out.appendingPathComponent("members/J1.csv"))
            let candidates = Set(j1.rows.map { $0.fields[8].text })
            XCTAssertTrue(candidates.contains("'=HYPERLINK(\"http://x\",\"y\") Léa"), "\(candidates)")
            XCTAssertTrue(candidates.contains("'+cmd|' /C calc'!A0 Marc"))
            XCTAssertTrue(candidates.contains("'@SUM(1) Zoé, \"the\" one"))
            XCTAssertTrue(candidates.contains("<script>alert(1)</script> </td></tr>"))
            XCTAssertTrue(candidates.contains("Multi\r\nline Noe\u{308}l 😀"), "\(candidates.map { Array($0.unicodeScalars) })")
            XCTAssertTrue(j1.rows.allSatisfy { $0.fields[9].text.hasPrefix("'-2+3 Ève") })
            // The whole schedule reads back as a schedule, in either dialect, and audits clean.
            let (schedule, _) = try ScheduleCSV.read(contentsOf: out.appendingPathComponent("schedule.csv"))
            let campaign = try CampaignLoader.load(ExportPaths.hostile).campaign
            XCTAssertEqual(schedule.rows.count, 8)
            XCTAssertTrue(RuleCatalogue.audit(schedule, against: campaign).isClean)
        }
    }

    func testNoCellOfAnyCSVStartsAFormula() throws {
        let out = export(ExportPaths.hostile, formats: [.csv], into: "csv")
        for file in try listing(out).filter({ $0.hasSuffix(".csv") }) {
            for row in try CSVReader.read(contentsOf: out.appendingPathComponent(file)).rows {
                for field in row.fields {
                    XCTAssertFalse(field.text.first.map { "=+-@\t\r".contains($0) } ?? false, "\(file): \(field.text)")
                }
            }
        }
    }

    func testCalendarsReadBackWithPythonsICalendar() throws {
        let python = try ExternalTool.requireICalendar()
        let out = export(ExportPaths.hostile, formats: [.ics], into: "ics")
        let run = ExternalTool.run(python, [ExportPaths.icsChecker.path, out.path])
        XCTAssertEqual(run.code, 0, run.err)
        let parsed = try JSONDecoder().decode([String: ParsedCalendar].self, from: run.out)
        XCTAssertEqual(parsed.keys.sorted(), ["candidates/H1.ics", "candidates/H2.ics", "candidates/H3.ics", "candidates/H4.ics",
                                              "candidates/H5.ics", "members/J1.ics", "members/J2.ics", "members/J4.ics"])
        let j1 = try XCTUnwrap(parsed["members/J1.ics"])
        XCTAssertEqual(j1.zones, ["Europe/Paris"])
        XCTAssertEqual(j1.events.count, 6)
        XCTAssertEqual(j1.events[0].start, "2027-06-14T13:30:00+02:00")
        XCTAssertEqual(j1.events[0].end, "2027-06-14T14:30:00+02:00")
        XCTAssertEqual(j1.events[0].summary, "BC1 — =HYPERLINK(\"http://x\",\"y\") Léa")
        XCTAssertEqual(j1.events[0].location, "Lyon; \"Gare\", 3e, room R/1 é")
        XCTAssertEqual(j1.events[0].description, """
            Exam: BC1 <i>oral</i>, "projet"; santé
            Your role: member
            Candidate: =HYPERLINK("http://x","y") Léa
            Jury: -2+3 Ève, Dupont; "Jo" O'Brien \\ back
            """)
        XCTAssertTrue(j1.events.contains { $0.summary == "BC1 — Multi\nline Noe\u{308}l 😀" })
        XCTAssertTrue(j1.events.last!.description.contains("Jury: -2+3 Ève (president), Certif Anne, \"la\" certificatrice"))
        let all = parsed.values.flatMap(\.events)
        XCTAssertTrue(all.allSatisfy { $0.tzid == "Europe/Paris" && $0.sequence == 0 && $0.dtstamp == "20270614T000000Z" })
        XCTAssertTrue(all.allSatisfy { $0.start.hasSuffix("+02:00") && $0.uid.hasSuffix("@juryplan") })
        // One UID per sitting in the jury's calendars: the two members of a panel share it.
        let j2 = try XCTUnwrap(parsed["members/J2.ics"])
        XCTAssertEqual(j1.events.map(\.uid), j2.events.map(\.uid))
        XCTAssertEqual(Set(all.map(\.uid)).count, 7 + 8)
    }

    /// Another zone: its real transitions, read with the events by an independent parser.
    func testCalendarsInAnotherTimeZoneReadBackWithTheRightOffsets() throws {
        let python = try ExternalTool.requireICalendar()
        for (zone, offset) in [("America/New_York", "-04:00"), ("Asia/Tokyo", "+09:00"), ("Australia/Sydney", "+10:00")] {
            var loaded = try CampaignLoader.load(ExportPaths.hostile)
            loaded.campaign.timezone = zone
            let (schedule, _) = try ScheduleCSV.read(contentsOf: ExportPaths.hostile.appendingPathComponent("schedule.csv"))
            let plan = ExportedPlan(campaign: loaded.campaign, schedule: schedule, metadata: .forScheduleFile("schedule.csv", campaign: loaded.campaign))
            let out = scratch.appendingPathComponent(zone.replacingOccurrences(of: "/", with: "-"))
            try Exporter.write(Exporter.files(.ics, plan: plan, settings: ExportSettings(audience: .member)), into: out)
            let run = ExternalTool.run(python, [ExportPaths.icsChecker.path, out.path])
            XCTAssertEqual(run.code, 0, run.err)
            let parsed = try JSONDecoder().decode([String: ParsedCalendar].self, from: run.out)
            let event = try XCTUnwrap(parsed["members/J1.ics"]?.events.first)
            XCTAssertEqual(event.start, "2027-06-14T13:30:00" + offset, zone)
            XCTAssertEqual(event.tzid, zone)
        }
    }

    func testReportPrintsWithHeadlessChromiumOnAPagePerDay() throws {
        let chromium = try ExternalTool.require("chromium")
        let pdftotext = try ExternalTool.require("pdftotext")
        let pdfinfo = try ExternalTool.require("pdfinfo")
        for (fixture, days) in [(ExportPaths.hostile, ["Monday 14 June 2027", "Tuesday 15 June 2027"]),
                                (ExportPaths.csecDemo, ["Monday 14 June 2027", "Tuesday 15 June 2027", "Wednesday 16 June 2027", "Thursday 17 June 2027"])] {
            let out = export(fixture, formats: [.html], into: fixture.lastPathComponent)
            let pdf = out.appendingPathComponent("report.pdf")
            let print = ExternalTool.run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                                                    "--user-data-dir=\(scratch.appendingPathComponent("chromium-profile").path)",
                                                    "--print-to-pdf=\(pdf.path)", out.appendingPathComponent("report.html").absoluteString])
            XCTAssertEqual(print.code, 0, print.err)
            let info = String(decoding: ExternalTool.run(pdfinfo, [pdf.path]).out, as: UTF8.self)
            let pages = try XCTUnwrap(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
                .flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }, info)
            XCTAssertGreaterThanOrEqual(pages, 1 + days.count)
            // Each day starts its own page, after the summary page.
            var pageOfDay: [String: Int] = [:]
            for page in 1...pages {
                let text = String(decoding: ExternalTool.run(pdftotext, ["-f", "\(page)", "-l", "\(page)", pdf.path, "-"]).out, as: UTF8.self)
                let here = days.filter { text.contains($0) }
                XCTAssertLessThanOrEqual(here.count, 1, "page \(page) holds \(here)")
                for day in here { pageOfDay[day] = page }
                if page == 1 { XCTAssertTrue(text.contains("Session report"), text) }
            }
            XCTAssertEqual(pageOfDay.count, days.count, "\(pageOfDay)")
            XCTAssertEqual(days.compactMap { pageOfDay[$0] }, days.compactMap { pageOfDay[$0] }.sorted())
            XCTAssertGreaterThan(pageOfDay[days[0]] ?? 0, 1)
            if fixture == ExportPaths.hostile {
                let all = String(decoding: ExternalTool.run(pdftotext, [pdf.path, "-"]).out, as: UTF8.self)
                // Escaped markup prints as text: the script's source shows, so it never ran as code.
                XCTAssertTrue(all.contains("<script>alert(1)</script>"), all)
                XCTAssertTrue(all.contains("=HYPERLINK(\"http://x\",\"y\") Léa"))
            }
        }
    }

    func testReportEscapesEveryInputText() throws {
        let out = export(ExportPaths.hostile, formats: [.html], into: "html")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        XCTAssertFalse(html.contains("<script>"))
        XCTAssertFalse(html.contains("alert(1)</script>"))
        XCTAssertFalse(html.contains("</td></tr>,"))
        XCTAssertFalse(html.contains("<b>test</b>"))
        XCTAssertFalse(html.contains("<i>oral</i>"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;/td&gt;&lt;/tr&gt;"))
        XCTAssertTrue(html.contains("CSEC &lt;b&gt;test&lt;/b&gt; &amp; &quot;quotes&quot;; commas, too"))
        XCTAssertTrue(html.contains("Dupont; &quot;Jo&quot; O&#39;Brien \\ back"))
        XCTAssertTrue(html.contains("Noe\u{308}l 😀"))
        XCTAssertFalse(html.contains("http://x\""), "a raw quote would end an attribute")
        // Self-contained: nothing is fetched when the page opens or prints.
        for link in ["<link", "<script", "src=", "@import", "url("] { XCTAssertFalse(html.contains(link), link) }
    }
}

struct ParsedCalendar: Decodable {
    struct Event: Decodable {
        var uid: String
        var sequence: Int
        var dtstamp: String
        var tzid: String
        var start: String
        var end: String
        var summary: String
        var location: String
        var description: String
    }
    var zones: [String]
    var events: [Event]
}
