import Foundation
import XCTest
import JuryPlanCore
@testable import JuryPlanIO

/// Whole campaign folders read by `CampaignLoader.load` (SPEC §2.1, §2.2), asserting every value.
final class CampaignLoaderTests: XCTestCase {
    // MARK: - English headers, comma, UTF-8, LF (Files/campaigns/csec_en)

    func testEnglishCampaignSettings() throws {
        let loaded = try CampaignLoader.load(TestFiles.campaign("csec_en"))
        let c = loaded.campaign
        XCTAssertEqual(loaded.folder, TestFiles.campaign("csec_en"))
        XCTAssertEqual(c.name, "CSEC — session de juin 2027")
        XCTAssertEqual(c.preset, .csec)
        XCTAssertEqual(c.timezone, "Europe/Paris")
        XCTAssertEqual(c.days, [day("2027-06-14"), day("2027-06-15"), day("2027-06-16")])
        XCTAssertEqual(c.hours, SessionHours(morning: TimeRange(start: 480, end: 720), afternoon: TimeRange(start: 780, end: 1080)))
        XCTAssertEqual(c.bufferMinutes, 15)
        XCTAssertEqual(c.maxExamsPerDay, 4)
        XCTAssertEqual(c.minBreakMinutes, 20)
        XCTAssertEqual(c.maxSittingsPerDay, 6)
        var weights = Weights()
        weights.memberDays = 90
        weights.roomHalfDays = 15
        weights.candidateDays = 8
        weights.repeatExaminer = 4
        weights.imbalance = 0.5
        weights.preference = 3
        XCTAssertEqual(c.weights, weights)
        XCTAssertEqual(c.exams, Preset.csec.exams)
        XCTAssertEqual(c.examAliases, [:])
    }

    func testEnglishCandidates() throws {
        let c = try CampaignLoader.load(TestFiles.campaign("csec_en")).campaign
        XCTAssertEqual(c.candidates.map(\.id), ["C01", "C02", "C03"])
        XCTAssertEqual(c.candidates[0], Candidate(
            id: "C01", lastName: "Dupont", firstName: "Léa", email: "lea.dupont@example.org",
            structure: "MSP Les Tilleuls", region: "Bretagne", exams: ["BC1", "BC2", "BC3", "BC4", "BC5", "FINAL"],
            extraTime: true, accessible: false,
            unavailable: [.halfDay(day("2027-06-14"), .morning)], preferred: [.day(day("2027-06-15"))],
            trainers: ["M03"], group: "", imposedJury: ["M01"], line: 2))
        // Quoted structure with a comma; " | " list separators with spaces; two accommodations;
        // a time range and a half-day; a short row (no `notes` cell).
        XCTAssertEqual(c.candidates[1], Candidate(
            id: "C02", lastName: "Martin", firstName: "Hugo", email: "", structure: "CPTS Rennes, Nord",
            region: "Bretagne", exams: ["BC1", "BC4"], extraTime: true, accessible: true,
            unavailable: [.range(day("2027-06-15"), TimeRange(start: 900, end: 1020)), .halfDay(day("2027-06-16"), .afternoon)],
            preferred: [], trainers: [], group: "", imposedJury: [], line: 3))
        XCTAssertEqual(c.candidates[2], Candidate(
            id: "C03", lastName: "N'Diaye", firstName: "Awa", email: "awa@example.org", structure: "", region: "",
            exams: ["FINAL"], preferred: [.halfDay(day("2027-06-16"), .morning)], line: 4))
        XCTAssertEqual(c.candidate("C02")?.displayName, "Martin Hugo")
    }

    func testEnglishJury() throws {
        let c = try CampaignLoader.load(TestFiles.campaign("csec_en")).campaign
        XCTAssertEqual(c.members.map(\.id), ["M01", "M02", "M03", "M04"])
        XCTAssertEqual(c.members[0], JuryMember(
            id: "M01", lastName: "Bernard", firstName: "Anne", email: "anne.bernard@example.org", role: .professional,
            sector: .health, declaredExternal: true, structure: "Hôpital Sud", regions: ["Bretagne", "Pays de la Loire"],
            available: [], preferred: [.day(day("2027-06-14"))], maxPerDay: 6, exams: [], canPreside: true,
            conflicts: [], line: 2))
        // A token outside the session is kept (it never opens a session day) and warned about.
        XCTAssertEqual(c.members[1], JuryMember(
            id: "M02", lastName: "Petit", firstName: "Marc", email: "", role: .certifier, sector: nil,
            declaredExternal: false, structure: "EHESP", regions: [],
            available: [.day(day("2027-06-14")), .halfDay(day("2027-06-15"), .morning), .day(day("2027-07-01"))],
            preferred: [], maxPerDay: nil, exams: ["FINAL"], canPreside: false, conflicts: ["C02"], line: 3))
        XCTAssertEqual(c.members[2], JuryMember(
            id: "M03", lastName: "Roux", firstName: "Claire", email: "", role: .professional, sector: .medicoSocial,
            declaredExternal: false, structure: "MSP Les Tilleuls", regions: [],
            available: [.range(day("2027-06-16"), TimeRange(start: 510, end: 720))], preferred: [], maxPerDay: 0,
            exams: ["BC1", "BC2"], canPreside: false, conflicts: [], line: 4))
        // French booleans in an English file; an empty max_per_day falls back to the campaign's.
        XCTAssertEqual(c.members[3], JuryMember(
            id: "M04", lastName: "Nguyen", firstName: "Paul", email: "", role: .professional, sector: .social,
            declaredExternal: true, structure: "", regions: [], available: [], preferred: [], maxPerDay: nil,
            exams: [], canPreside: true, conflicts: ["C03", "C01"], line: 5))
        XCTAssertEqual(c.maxSittings(of: c.members[3]), 6)
        XCTAssertEqual(c.maxSittings(of: c.members[2]), 0)
        XCTAssertEqual(c.members.map(\.isExternal), [true, false, false, true])
    }

    func testEnglishRooms() throws {
        let c = try CampaignLoader.load(TestFiles.campaign("csec_en")).campaign
        XCTAssertEqual(c.rooms, [
            Room(id: "S1", site: "Campus Nord", region: "Bretagne", capacity: 30, accessible: true,
                 equipment: ["projector", "visio"], available: [], line: 2),
            // An empty capacity seats one candidate.
            Room(id: "S2", site: "Campus Nord", region: "Bretagne", capacity: 1, accessible: false, equipment: ["projector"],
                 available: [.day(day("2027-06-14")), .halfDay(day("2027-06-15"), .afternoon)], line: 3),
            Room(id: "S3", site: "Annexe", region: "Bretagne", capacity: 12, accessible: false, equipment: [],
                 available: [.range(day("2027-06-16"), TimeRange(start: 810, end: 1050))], line: 4),
        ])
    }

    func testEnglishWarningsNameFileLineAndColumn() throws {
        let loaded = try CampaignLoader.load(TestFiles.campaign("csec_en"))
        XCTAssertEqual(loaded.warnings.map(\.description), [
            "candidates.csv:1:111: warning: unknown column \"notes\" is ignored",
            "jury.csv:1:130: warning: unknown column \"phone\" is ignored",
            "jury.csv:3:38: warning: 2027-07-01 is not a day of the session; '2027-07-01' is ignored",
            "rooms.csv:3:25: warning: the capacity is empty and read as 1 seat: a sitting of the written exam BC3 in this room holds one candidate at most",
        ])
        XCTAssertTrue(loaded.warnings.allSatisfy { $0.severity == .warning })
        // The columns named are those of the unknown header cells.
        let header = try TestFiles.text("campaigns/csec_en/candidates.csv").split(separator: "\n")[0]
        XCTAssertEqual(header.distance(from: header.startIndex, to: header.range(of: "notes")!.lowerBound) + 1, 111)
    }

    // MARK: - French headers, ';', Windows-1252, CRLF, DD/MM/YYYY (Files/campaigns/cpas_fr)

    func testFrenchFilesAreReallyWindows1252SemicolonCRLF() throws {
        for file in ["candidates.csv", "jury.csv", "rooms.csv"] {
            let data = try Data(contentsOf: TestFiles.url("campaigns/cpas_fr/\(file)"))
            XCTAssertNil(String(data: data, encoding: .utf8), "\(file) must not be valid UTF-8")
            XCTAssertTrue(data.contains(0x0D), file)
            let table = try CSVReader.read(contentsOf: TestFiles.url("campaigns/cpas_fr/\(file)"))
            XCTAssertEqual(table.encoding, .windows1252, file)
            XCTAssertEqual(table.delimiter, ";", file)
        }
    }

    /// campaign.yaml is typed in a text editor: UTF-8 only (issue 16), with CRLF line ends here.
    func testFrenchCampaignYAMLIsUTF8WithCRLF() throws {
        let data = try Data(contentsOf: TestFiles.url("campaigns/cpas_fr/campaign.yaml"))
        XCTAssertNotNil(String(data: data, encoding: .utf8))
        XCTAssertTrue(data.starts(with: Array("# Campagne CPAS de test : fichiers \u{E0}".utf8)))
        XCTAssertEqual(data.filter { $0 == 0x0D }.count, data.filter { $0 == 0x0A }.count)
    }

    func testFrenchCampaignSettings() throws {
        let loaded = try CampaignLoader.load(TestFiles.campaign("cpas_fr"))
        let c = loaded.campaign
        XCTAssertEqual(c.name, "CPAS — session d'automne 2027")
        XCTAssertEqual(c.preset, .cpas)
        XCTAssertEqual(c.days, [day("2027-10-04"), day("2027-10-05")])
        XCTAssertEqual(c.hours, SessionHours(morning: range("09:00-12:00"), afternoon: range("14:00-17:00")))
        XCTAssertEqual(c.bufferMinutes, 10)
        XCTAssertEqual(c.exams, Preset.cpas.exams)
        XCTAssertEqual(c.examAliases["BC1"], "B1")
        XCTAssertEqual(loaded.warnings.map(\.description), ["rooms.csv:1:71: warning: unknown column \"remarques\" is ignored"])
    }

    func testFrenchCandidates() throws {
        let c = try CampaignLoader.load(TestFiles.campaign("cpas_fr")).campaign
        // BC1 → B1, BC4 → B4, BC5E2 → B5E2 (CPAS aliases); "tiers-temps"; a quoted structure with ';'.
        XCTAssertEqual(c.candidates[0], Candidate(
            id: "P01", lastName: "Lefèvre", firstName: "Élodie", email: "elodie@example.fr", structure: "CCAS; pôle seniors",
            region: "Hauts-de-France", exams: ["B1", "B3", "B4"], extraTime: true, accessible: false,
            unavailable: [.halfDay(day("2027-10-04"), .morning)], preferred: [.day(day("2027-10-05"))],
            trainers: ["J02"], group: "G1", imposedJury: [], line: 2))
        // A quoted structure spanning two physical lines; French time range token.
        XCTAssertEqual(c.candidates[1], Candidate(
            id: "P02", lastName: "Garçon", firstName: "François", email: "", structure: "Maison de santé\ndes Dunes",
            region: "Hauts-de-France", exams: ["B2", "B4", "B5E2"], extraTime: false, accessible: false,
            unavailable: [.range(day("2027-10-04"), range("14:00-15:30")), .halfDay(day("2027-10-05"), .afternoon)],
            preferred: [], trainers: [], group: "G1", imposedJury: ["J01"], line: 3))
        // The record after the two-line one starts on physical line 5; Œ is cp1252 0x8C.
        XCTAssertEqual(c.candidates[2], Candidate(
            id: "P03", lastName: "Œuvre", firstName: "Zoé", exams: ["B3"], accessible: true, line: 5))
        XCTAssertEqual(c.candidates.count, 3)
    }

    func testFrenchJuryAndRooms() throws {
        let c = try CampaignLoader.load(TestFiles.campaign("cpas_fr")).campaign
        XCTAssertEqual(c.members, [
            JuryMember(id: "J01", lastName: "Durand", firstName: "Hélène", email: "", role: .professional, sector: .health,
                       declaredExternal: true, structure: "Clinique; Les Lilas", regions: ["Hauts-de-France", "Normandie"],
                       available: [.day(day("2027-10-04")), .halfDay(day("2027-10-05"), .morning)],
                       preferred: [.day(day("2027-10-05"))], maxPerDay: 4, exams: ["B3", "B4"], canPreside: true,
                       conflicts: ["P03"], line: 2),
            JuryMember(id: "J02", lastName: "Lambert", firstName: "Jérôme", email: "jerome@example.fr", role: .certifier,
                       sector: nil, declaredExternal: false, structure: "", regions: [], available: [], preferred: [],
                       maxPerDay: nil, exams: [], canPreside: false, conflicts: [], line: 3),
            JuryMember(id: "J03", lastName: "Moreau", firstName: "Inès", email: "", role: .professional, sector: .medicoSocial,
                       declaredExternal: false, structure: "", regions: ["Hauts-de-France"],
                       available: [.range(day("2027-10-05"), range("09:00-11:00"))], preferred: [], maxPerDay: nil,
                       exams: [], canPreside: false, conflicts: [], line: 4),
        ])
        XCTAssertEqual(c.rooms, [
            Room(id: "A101", site: "Lille Centre", region: "Hauts-de-France", capacity: 20, accessible: true,
                 equipment: ["projector", "visio"], available: [], line: 2),
            Room(id: "B12", site: "Lille Centre", region: "Hauts-de-France", capacity: 8, accessible: false,
                 equipment: ["projector"], available: [.halfDay(day("2027-10-04"), .afternoon)], line: 3),
        ])
    }

    // MARK: - Regional preset (Files/campaigns/pacte_en)

    func testRegionalCampaignLoads() throws {
        let c = try CampaignLoader.load(TestFiles.campaign("pacte_en")).campaign
        XCTAssertEqual(c.preset, .pacte)
        XCTAssertEqual(c.exams.map(\.regional), [true, true])
        XCTAssertEqual(c.candidates.map(\.region), ["Occitanie", "Normandie"])
        XCTAssertEqual(c.candidates.map(\.exams), [["INTERVIEW", "THESIS"], ["THESIS"]])
        XCTAssertEqual(c.members.map(\.regions), [["Occitanie", "Normandie"], []])
        XCTAssertEqual(c.rooms.map(\.region), ["Occitanie"])
    }

    // MARK: - Row-level warnings

    func testRowWarningsNameTheCell() throws {
        let table = { (text: String, file: String) in try CSVReader.parse(Data(text.utf8), file: file) }
        let settings = try CampaignYAML.parse(try TestFiles.text("yaml/minimal.yaml"))
        let loaded = try CampaignLoader.assemble(
            settings: settings,
            candidates: try table("id;nom;prénom;épreuves;préférences\nC1;A;B;;2027-06-20 PM\n", "candidates.csv"),
            jury: try table("id,last_name,first_name,role,external\nM1,A,B,certifier,yes\n", "jury.csv"),
            rooms: try table("id\n", "rooms.csv"))
        XCTAssertEqual(loaded.warnings.map(\.description), [
            "candidates.csv:2:9: warning: 2027-06-20 is not a day of the session; '2027-06-20 PM' is ignored",
            "candidates.csv:2:8: warning: candidate C1 is registered for no exam",
            "jury.csv:2:18: warning: M1 is a certifier and is never external; 'external' is ignored",
        ])
        XCTAssertEqual(loaded.campaign.members.first?.isExternal, false)
        XCTAssertEqual(loaded.campaign.rooms, [])
    }

    // MARK: - Errors of the loader itself

    func testMissingFolderAndMissingFiles() throws {
        let nowhere = FileManager.default.temporaryDirectory.appendingPathComponent("juryplan-none-\(UUID().uuidString)")
        XCTAssertEqual(expectInputError { _ = try CampaignLoader.load(nowhere) }?.description,
                       "\(nowhere.path): error: no campaign folder here; create one with `juryplan init DIR --preset csec`")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("juryplan-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertEqual(expectInputError { _ = try CampaignLoader.load(folder) }?.description,
                       "campaign.yaml: error: file not found in \(folder.path); every campaign folder has one")
        try Data(contentsOf: TestFiles.url("campaigns/csec_en/campaign.yaml")).write(to: folder.appendingPathComponent("campaign.yaml"))
        let error = expectInputError { _ = try CampaignLoader.load(folder) }
        XCTAssertEqual(error?.issues.map(\.location.description), ["candidates.csv"])
        XCTAssertTrue(error?.description.hasPrefix("candidates.csv: error: file not found (looked for ") ?? false, error?.description ?? "")
    }

    /// A row that leaves out its trailing empty cells is read, with a warning at its end.
    func testShortRowsAreReadWithAWarning() throws {
        let table = { (text: String, file: String) in try CSVReader.parse(Data(text.utf8), file: file) }
        let settings = try CampaignYAML.parse(try TestFiles.text("yaml/minimal.yaml"))
        let loaded = try CampaignLoader.assemble(
            settings: settings,
            candidates: try table("id,last_name,first_name,exams,accommodations,group\nC1,A,B,BC1|BC2\n", "candidates.csv"),
            jury: try table("id,last_name,first_name,role,external\nM1,A,B,professional,yes\n", "jury.csv"),
            rooms: try table("id,capacity,accessible\nS1,2\n", "rooms.csv"))
        XCTAssertEqual(loaded.campaign.candidates.first?.exams, ["BC1", "BC2"])
        XCTAssertEqual(loaded.campaign.candidates.first?.extraTime, false)
        XCTAssertEqual(loaded.campaign.rooms.first?.capacity, 2)
        XCTAssertEqual(loaded.warnings.map(\.description), [
            "candidates.csv:2:15: warning: this row has 4 fields but the header has 6 columns; the missing cells are read as empty",
            "rooms.csv:2:5: warning: this row has 2 fields but the header has 3 columns; the missing cells are read as empty",
        ])
    }

    func testErrorsOfSeveralFilesAreReportedTogether() throws {
        let table = { (text: String, file: String) in try CSVReader.parse(Data(text.utf8), file: file) }
        let settings = try CampaignYAML.parse(try TestFiles.text("yaml/minimal.yaml"))
        let error = expectInputError {
            _ = try CampaignLoader.assemble(
                settings: settings,
                candidates: try table("id,last_name,first_name,exams\nC1,A,B,BC1|BC7\n", "candidates.csv"),
                jury: try table("id,last_name,first_name,role\nM1,A,B,juge\n", "jury.csv"),
                rooms: try table("id,capacity\nS1,-3\n", "rooms.csv"))
        }
        XCTAssertEqual(error?.description, """
            candidates.csv:2:8: error: unknown exam 'BC7'; expected one of: BC1, BC2, BC3, BC4, BC5, FINAL
            jury.csv:2:8: error: unknown role 'juge'; expected professional or certifier
            rooms.csv:2:4: error: '-3' is not a whole number between 0 and 100000
            """)
    }
}
