import Foundation
import XCTest
import JuryPlanCore
@testable import JuryPlanIO

/// schedule.csv (SPEC §2.3): the writer checked byte for byte, and read back by the real reader.
final class ScheduleCSVTests: XCTestCase {
    /// A campaign in memory: rooms and candidates give the site and name cells, members the share.
    private let campaign = Campaign(
        name: "Aller-retour", preset: .csec, days: [Day(year: 2027, month: 6, day: 14)!, Day(year: 2027, month: 6, day: 15)!],
        exams: Preset.csec.exams,
        candidates: [
            Candidate(id: "C01", lastName: "Dupont", firstName: "Léa", exams: ["BC1"]),
            Candidate(id: "C02", lastName: "O'Brien, Jr", firstName: "Sam \"Sammy\"", exams: ["BC3"]),
        ],
        members: [
            JuryMember(id: "M01", lastName: "Bernard", firstName: "Anne", role: .professional, declaredExternal: true),
            JuryMember(id: "M02", lastName: "Petit", firstName: "Marc", role: .certifier, declaredExternal: true),  // never external
            JuryMember(id: "M03", lastName: "Roux", firstName: "Claire", role: .professional, declaredExternal: true),
        ],
        rooms: [Room(id: "S1", site: "Campus Nord", capacity: 20, equipment: ["projector"])])

    /// Given in no particular order; the writer sorts by date, start, room, candidate.
    private var schedule: Schedule {
        Schedule(rows: [
            ScheduleRow(day: day("2027-06-15"), time: range("14:00-14:45"), room: "S1", exam: "BC1", candidateID: "C01",
                        jury: ["M01", "M02"]),
            // A room unknown to the campaign keeps the row's site; a written sitting has no share.
            ScheduleRow(day: day("2027-06-14"), time: range("09:00-11:00"), site: "Annexe; bât. 2", room: "Salle \"B\", RDC",
                        exam: "BC3", candidateID: "C02", jury: ["M02"]),
            // A candidate unknown to the campaign keeps the row's name (with a comma, quotes and a line break).
            ScheduleRow(day: day("2027-06-14"), time: range("09:00-09:30"), room: "S1", exam: "FINAL", candidateID: "X9",
                        candidateName: "Doe, \"Jo\"\nJunior", jury: ["M01", "M03", "M02"], president: "M01"),
        ])
    }

    private let englishText = #"""
        date,start,end,site,room,exam,candidate_id,candidate_name,jury,president,external_share
        2027-06-14,09:00,09:30,Campus Nord,S1,FINAL,X9,"Doe, ""Jo""
        Junior",M01|M03|M02,M01,0.67
        2027-06-14,09:00,11:00,Annexe; bât. 2,"Salle ""B"", RDC",BC3,C02,"O'Brien, Jr Sam ""Sammy""",M02,,
        2027-06-15,14:00,14:45,Campus Nord,S1,BC1,C01,Dupont Léa,M01|M02,,0.50

        """#

    /// What the reader gives back: site, name and share as the writer filled them, physical lines.
    private var expectedRows: [ScheduleRow] {
        [
            ScheduleRow(day: day("2027-06-14"), time: range("09:00-09:30"), site: "Campus Nord", room: "S1", exam: "FINAL",
                        candidateID: "X9", candidateName: "Doe, \"Jo\"\nJunior", jury: ["M01", "M03", "M02"], president: "M01",
                        externalShare: 0.67, line: 2),
            ScheduleRow(day: day("2027-06-14"), time: range("09:00-11:00"), site: "Annexe; bât. 2", room: "Salle \"B\", RDC",
                        exam: "BC3", candidateID: "C02", candidateName: "O'Brien, Jr Sam \"Sammy\"", jury: ["M02"], president: "",
                        externalShare: nil, line: 4),
            ScheduleRow(day: day("2027-06-15"), time: range("14:00-14:45"), site: "Campus Nord", room: "S1", exam: "BC1",
                        candidateID: "C01", candidateName: "Dupont Léa", jury: ["M01", "M02"], president: "",
                        externalShare: 0.5, line: 5),
        ]
    }

    private func readBack(_ data: Data, file: String = "schedule.csv") throws -> (Schedule, [InputIssue]) {
        try ScheduleCSV.parse(try CSVReader.parse(data, file: file))
    }

    func testEnglishWriterBytes() {
        let data = ScheduleCSV.write(schedule, campaign: campaign)
        XCTAssertEqual(String(decoding: data, as: UTF8.self), englishText)
        XCTAssertEqual(data, Data(englishText.utf8))
    }

    func testEnglishRoundTrip() throws {
        let (read, warnings) = try readBack(ScheduleCSV.write(schedule, campaign: campaign))
        XCTAssertEqual(warnings, [])
        XCTAssertEqual(read.rows, expectedRows)
        XCTAssertEqual(read.file, "schedule.csv")
    }

    func testFrenchHeadersRoundTrip() throws {
        let data = ScheduleCSV.write(schedule, campaign: campaign, options: .init(excel: false, language: .fr))
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertEqual(text.split(separator: "\n", omittingEmptySubsequences: false).first,
                       "date,début,fin,site,salle,épreuve,id_candidat,nom_candidat,jury,président,part_externe")
        // Only the header differs from the English file.
        XCTAssertEqual(text.split(separator: "\n").dropFirst(), englishText.split(separator: "\n").dropFirst())
        let (read, warnings) = try readBack(data)
        XCTAssertEqual(warnings, [])
        XCTAssertEqual(read.rows, expectedRows)
    }

    func testExcelDialectBytes() {
        let data = ScheduleCSV.write(schedule, campaign: campaign, options: .init(excel: true, language: .fr))
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF])
        let expected = "\u{FEFF}"
            + "date;début;fin;site;salle;épreuve;id_candidat;nom_candidat;jury;président;part_externe\r\n"
            + "14/06/2027;09:00;09:30;Campus Nord;S1;FINAL;X9;\"Doe, \"\"Jo\"\"\nJunior\";M01|M03|M02;M01;0.67\r\n"
            + "14/06/2027;09:00;11:00;\"Annexe; bât. 2\";\"Salle \"\"B\"\", RDC\";BC3;C02;\"O'Brien, Jr Sam \"\"Sammy\"\"\";M02;;\r\n"
            + "15/06/2027;14:00;14:45;Campus Nord;S1;BC1;C01;Dupont Léa;M01|M02;;0.50\r\n"
        XCTAssertEqual(String(decoding: data, as: UTF8.self), expected)
    }

    func testExcelDialectRoundTrip() throws {
        for language in HeaderLanguage.allCases {
            let data = ScheduleCSV.write(schedule, campaign: campaign, options: .init(excel: true, language: language))
            let table = try CSVReader.parse(data, file: "schedule.csv")
            XCTAssertEqual(table.delimiter, ";")
            XCTAssertEqual(table.encoding, .utf8BOM)
            let (read, warnings) = try ScheduleCSV.parse(table)
            XCTAssertEqual(warnings, [])
            XCTAssertEqual(read.rows, expectedRows, "\(language)")
        }
    }

    func testRoundTripThroughAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("juryplan-schedule-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try AtomicFile.write(ScheduleCSV.write(schedule, campaign: campaign, options: .init(excel: true, language: .fr)), to: url)
        let (read, _) = try ScheduleCSV.read(contentsOf: url, displayName: "export.csv")
        XCTAssertEqual(read.file, "export.csv")
        XCTAssertEqual(read.rows, expectedRows)
        // Writing what was read gives the same bytes again.
        XCTAssertEqual(ScheduleCSV.write(read, campaign: campaign, options: .init(excel: true, language: .fr)),
                       try Data(contentsOf: url))
    }

    func testEmptyScheduleIsAHeaderOnly() throws {
        let data = ScheduleCSV.write(Schedule(rows: []), campaign: campaign)
        XCTAssertEqual(String(decoding: data, as: UTF8.self),
                       "date,start,end,site,room,exam,candidate_id,candidate_name,jury,president,external_share\n")
        XCTAssertEqual(try readBack(data).0.rows, [])
    }

    func testWriterQuoting() {
        XCTAssertEqual(CSVWriter.quote("plain", ","), "plain")
        XCTAssertEqual(CSVWriter.quote("a,b", ","), "\"a,b\"")
        XCTAssertEqual(CSVWriter.quote("a,b", ";"), "a,b")
        XCTAssertEqual(CSVWriter.quote("a;b", ";"), "\"a;b\"")
        XCTAssertEqual(CSVWriter.quote("say \"hi\"", ","), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSVWriter.quote("two\nlines", ","), "\"two\nlines\"")
        XCTAssertEqual(CSVWriter.quote("cr\rhere", ","), "\"cr\rhere\"")
        // "\r\n" is one Character in Swift: a name read from a CRLF spreadsheet cell.
        XCTAssertEqual(CSVWriter.quote("crlf\r\nhere", ","), "\"crlf\r\nhere\"")
        XCTAssertEqual(CSVWriter.quote(" padded ", ","), "\" padded \"")
        XCTAssertEqual(CSVWriter.quote("", ","), "")
    }

    /// A cell holding a Windows line break (as read from an Excel export) stays one cell, in
    /// both dialects: the schedule reads back with its rows intact.
    func testCRLFInsideACellRoundTrips() throws {
        let schedule = Schedule(rows: [
            ScheduleRow(day: day("2027-06-14"), time: range("09:00-09:45"), room: "S1", exam: "BC1", candidateID: "X1",
                        candidateName: "Ann\r\nMarie", jury: ["M01", "M03"]),
            ScheduleRow(day: day("2027-06-14"), time: range("10:00-10:45"), room: "S1", exam: "BC1", candidateID: "C01", jury: ["M01", "M03"]),
        ])
        for excel in [false, true] {
            let data = ScheduleCSV.write(schedule, campaign: campaign, options: .init(excel: excel))
            let (read, warnings) = try readBack(data)
            XCTAssertEqual(warnings, [])
            XCTAssertEqual(read.rows.map(\.candidateID), ["X1", "C01"], "excel \(excel)")
            XCTAssertEqual(read.rows.first?.candidateName.split(whereSeparator: \.isNewline), ["Ann", "Marie"])
        }
    }

    // MARK: - Reading schedules written by hand

    func testReadsAHandWrittenScheduleWithQuotedCells() throws {
        let (read, warnings) = try ScheduleCSV.read(contentsOf: TestFiles.url("campaigns/check_small/schedule_ok.csv"))
        XCTAssertEqual(warnings, [])
        XCTAssertEqual(read.file, "schedule_ok.csv")
        XCTAssertEqual(read.rows, [
            ScheduleRow(day: day("2027-06-14"), time: range("09:00-09:30"), site: "Bâtiment A; aile \"Est\"", room: "S1",
                        exam: "BC4", candidateID: "C01", candidateName: "Dupont Léa", jury: ["M01", "M02"], externalShare: 0.5, line: 2),
            ScheduleRow(day: day("2027-06-14"), time: range("10:00-10:30"), site: "Bâtiment A; aile \"Est\"", room: "S2",
                        exam: "BC5", candidateID: "C02", candidateName: "O'Brien, Jr Sam \"Sammy\"", jury: ["M01", "M02"],
                        externalShare: 0.5, line: 3),
        ])
    }

    func testShareSpellings() {
        XCTAssertEqual(ScheduleCSV.parseShare("0.67"), 0.67)
        XCTAssertEqual(ScheduleCSV.parseShare("0,67"), 0.67)
        XCTAssertEqual(ScheduleCSV.parseShare("67 %"), 0.67)
        XCTAssertEqual(ScheduleCSV.parseShare("1"), 1)
        XCTAssertNil(ScheduleCSV.parseShare("1.5"))
        XCTAssertNil(ScheduleCSV.parseShare("-0.1"))
        XCTAssertNil(ScheduleCSV.parseShare("abc"))
        XCTAssertNil(ScheduleCSV.parseShare("nan"))
    }

    func testBadCellsAreErrorsWithTheirPosition() throws {
        let text = """
            date;début;fin;salle;épreuve;id_candidat;jury;part_externe
            31/06/2027;09:00;09:30;S1;BC4;C01;M01|M02;0,5
            2027-06-14;9h00;9:45;S1;BC4;C01;M01|M02;150 %
            2027-06-14;10:00;10:00;;BC4;;M01;

            """
        let error = expectInputError { _ = try ScheduleCSV.parse(try CSVReader.parse(Data(text.utf8), file: "s.csv")) }
        XCTAssertEqual(error?.issues.map(\.description), [
            "s.csv:2:1: error: '31/06/2027' is not a real date; expected YYYY-MM-DD or DD/MM/YYYY",
            "s.csv:3:41: error: '150 %' is not a share between 0 and 1 (e.g. 0.67)",
            "s.csv:4:18: error: the end (10:00) must come after the start (10:00)",
            "s.csv:4:24: error: the room is empty; a value is required",
            "s.csv:4:29: error: the candidate id is empty; a value is required",
        ])
    }

    func testMissingScheduleColumns() throws {
        let error = expectInputError { _ = try ScheduleCSV.parse(try CSVReader.parse(Data("date,start,end,room\n".utf8), file: "s.csv")) }
        XCTAssertEqual(error?.issues.map(\.description), [
            "s.csv:1: error: missing required column: expected \"exam\" or \"épreuve\"",
            "s.csv:1: error: missing required column: expected \"candidate_id\" or \"id_candidat\"",
            "s.csv:1: error: missing required column: expected \"jury\"",
        ])
    }
}
