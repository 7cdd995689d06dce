import Foundation
import XCTest
import JuryPlanCore
import JuryPlanIO
@testable import JuryPlanCLI

/// Accommodations are health data: only the candidate's own files may show them.
final class ExportPrivacyTests: TemporaryFolderTestCase {
    /// Words that would tell an accommodation, in both languages.
    static let telltales = ["extra time", "extra_time", "tiers-temps", "tiers temps", "step-free", "plain-pied",
                            "accessible", "accommodation", "aménagement"]

    func testNoAccommodationReachesAMemberOrRoomFacingFile() throws {
        for lang in ["en", "fr"] {
            let out = export(ExportPaths.csecDemo, into: "demo-\(lang)", extra: ["--lang", lang])
            let files = try texts(out)
            let facing = files.filter { !$0.key.hasPrefix("candidates/") }
            XCTAssertEqual(facing.count, 1 + 20 + 6 + 20 + 2, "schedule, member csv, room csv, member ics, report, json")
            for (path, text) in facing {
                for word in Self.telltales { XCTAssertFalse(text.lowercased().contains(word), "\(lang) \(path) says '\(word)'") }
            }
            // The candidates' own files do show their own (so the search above can fail) …
            let own = lang == "en" ? "extra time" : "tiers-temps"
            XCTAssertTrue(try XCTUnwrap(files["candidates/C05.csv"]).contains(own))
            XCTAssertTrue(try XCTUnwrap(files["candidates/C05.ics"]).contains(own))
            XCTAssertTrue(try XCTUnwrap(files["candidates/C18.ics"]).contains(lang == "en" ? "step-free" : "plain-pied"))
            // … and only their own.
            XCTAssertFalse(try XCTUnwrap(files["candidates/C01.csv"]).contains(own))
            XCTAssertFalse(try XCTUnwrap(files["candidates/C01.ics"]).contains(own))
        }
    }

    /// A written sitting with extra-time candidates ends for everyone at its end in what members,
    /// rooms and the report see: no row shows one candidate leaving later than the others.
    func testMembersAndRoomsSeeAWrittenSittingAsOneLongerSitting() throws {
        let out = export(ExportPaths.csecDemo, formats: [.csv, .json], into: "demo")
        let room = try CSVReader.read(contentsOf: out.appendingPathComponent("rooms/GE-B.csv"))
        let written = try XCTUnwrap(room.rows.first { $0.fields[3].text == "BC3" })
        XCTAssertEqual([written.fields[1].text, written.fields[2].text], ["08:30", "11:10"])
        XCTAssertEqual(written.fields[5].text.split(separator: "|").count, 4)
        let invigilator = try CSVReader.read(contentsOf: out.appendingPathComponent("members/J18.csv"))
        XCTAssertEqual(invigilator.rows.filter { $0.fields[5].text == "BC3" }.map { $0.fields[2].text }, ["11:10"])
        // In the JSON every row of a gathered sitting carries the sitting's end.
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("plan.json"))) as? [String: Any]
        let rows = try XCTUnwrap(json?["rows"] as? [[String: Any]])
        let bc3Ends = Set(rows.filter { $0["exam"] as? String == "BC3" && $0["room"] as? String == "GE-B" }.compactMap { $0["end"] as? String })
        XCTAssertEqual(bc3Ends, ["11:10"])
        // The candidate's own file keeps their own end: C28 without extra time leaves at 10:30.
        let c28 = try CSVReader.read(contentsOf: out.appendingPathComponent("candidates/C28.csv"))
        XCTAssertEqual(c28.rows.first { $0.fields[5].text == "BC3" }?.fields[2].text, "10:30")
    }

    /// The audit's messages name accommodations (R1 "with extra time", R11 step-free access):
    /// the report and the JSON withhold them, and still count the breach.
    func testAuditMessagesThatNameAnAccommodationAreWithheld() throws {
        let campaign = try CampaignLoader.load(ExportPaths.csecDemo).campaign
        var (schedule, _) = try ScheduleCSV.read(contentsOf: ExportPaths.csecDemo.appendingPathComponent("schedule.csv"))
        // C05 (extra time) given the normal 2 h, and C18 (step-free) moved to a room with steps.
        let c05 = try XCTUnwrap(schedule.rows.firstIndex { $0.candidateID == "C05" && $0.exam == "BC3" })
        schedule.rows[c05].time.end = schedule.rows[c05].time.start + 120
        let c18 = try XCTUnwrap(schedule.rows.firstIndex { $0.candidateID == "C18" && $0.exam == "BC3" })
        schedule.rows[c18].room = "PD-103"
        let audit = RuleCatalogue.audit(schedule, against: campaign)
        XCTAssertTrue(audit.breaches.contains { $0.rule == .r1 && $0.message.contains("extra time") }, "\(audit.breaches)")
        XCTAssertTrue(audit.breaches.contains { $0.rule == .r11 && $0.message.contains("step-free") }, "\(audit.breaches)")
        let plan = ExportedPlan(campaign: campaign, schedule: schedule, metadata: .forScheduleFile("schedule.csv", campaign: campaign))
        for format in [ExportFormat.html, .json] {
            let text = try Exporter.files(format, plan: plan, settings: ExportSettings()).map { String(decoding: $0.data, as: UTF8.self) }.joined()
            for word in Self.telltales { XCTAssertFalse(text.lowercased().contains(word), "\(format) says '\(word)'") }
            XCTAssertTrue(text.contains("details withheld"), "\(format)")
            XCTAssertTrue(text.contains("R11"), "\(format)")
        }
    }
}
