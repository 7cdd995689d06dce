import Foundation
import XCTest
import JuryPlanCore
import JuryPlanIO
@testable import JuryPlanCLI

/// `juryplan init DIR --preset …` (SPEC §3): a campaign that loads and checks cleanly, never an overwrite.
final class InitCommandTests: TemporaryFolderTestCase {
    private let campaignFiles = ["campaign.yaml", "candidates.csv", "jury.csv", "rooms.csv"]
    private let emptySchedule = "date,start,end,site,room,exam,candidate_id,candidate_name,jury,president,external_share\n"

    private func initThenCheck(_ preset: String, lang: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> URL {
        let folder = scratch.appendingPathComponent("campaign-\(preset)", isDirectory: true)
        var arguments = ["init", folder.path, "--preset", preset]
        if let lang { arguments += ["--lang", lang] }
        let created = juryplan(arguments)
        XCTAssertEqual(created.code, 0, created.err, file: file, line: line)
        XCTAssertEqual(created.err, "", file: file, line: line)
        XCTAssertEqual(created.out, "Created the \(preset) campaign in \(folder.path): edit campaign.yaml, then fill candidates.csv, jury.csv and rooms.csv.\n",
                       file: file, line: line)
        // Exactly the four files, and no staging folder left beside the campaign.
        XCTAssertEqual(try listing(folder), campaignFiles, file: file, line: line)
        XCTAssertEqual(try listing(scratch), ["campaign-\(preset)/"] + campaignFiles.map { "campaign-\(preset)/\($0)" }, file: file, line: line)

        try Data(emptySchedule.utf8).write(to: folder.appendingPathComponent("schedule.csv"))
        let checked = juryplan(["check", "--campaign", folder.path])
        XCTAssertEqual(checked.code, 0, checked.err, file: file, line: line)
        XCTAssertEqual(checked.err, "", "no warning for a fresh campaign", file: file, line: line)
        XCTAssertTrue(checked.out.hasPrefix("schedule.csv: 0 rows, 0 sittings checked against \""), checked.out, file: file, line: line)
        XCTAssertTrue(checked.out.hasSuffix("; no breach: the schedule keeps every rule R1–R18.\n"), checked.out, file: file, line: line)
        return folder
    }

    func testInitCSECThenCheck() throws {
        let folder = try initThenCheck("csec")
        let loaded = try CampaignLoader.load(folder)
        XCTAssertEqual(loaded.campaign.preset, .csec)
        XCTAssertEqual(loaded.campaign.name, "CSEC — Coordinateur de structure d'exercice coordonné — session à compléter")
        XCTAssertEqual(loaded.campaign.exams, Preset.csec.exams)
        XCTAssertEqual(loaded.campaign.days.map(\.iso), ["2027-06-14", "2027-06-15", "2027-06-16", "2027-06-17"])
        XCTAssertEqual(loaded.campaign.hours, .standard)
        XCTAssertEqual(loaded.warnings, [])
        XCTAssertTrue(loaded.campaign.candidates.isEmpty && loaded.campaign.members.isEmpty && loaded.campaign.rooms.isEmpty)
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("candidates.csv"), encoding: .utf8),
                       "id,last_name,first_name,email,structure,region,exams,accommodations,unavailable,preferred,trainers,group,jury\n")
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("jury.csv"), encoding: .utf8),
                       "id,last_name,first_name,email,role,sector,external,structure,regions,available,preferred,max_per_day,exams,can_preside,conflicts\n")
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("rooms.csv"), encoding: .utf8),
                       "id,site,region,capacity,accessible,equipment,available\n")
    }

    func testInitPACTEThenCheck() throws {
        let folder = try initThenCheck("pacte")
        let campaign = try CampaignLoader.load(folder).campaign
        XCTAssertEqual(campaign.preset, .pacte)
        XCTAssertEqual(campaign.exams, Preset.pacte.exams)
        // The preset's jury is a default, and the generated file says so.
        let yaml = try String(contentsOf: folder.appendingPathComponent("campaign.yaml"), encoding: .utf8)
        XCTAssertEqual(yaml.components(separatedBy: "# default (the source document gives no duration or jury): edit").count - 1, 2)
    }

    func testInitCPASThenCheck() throws {
        let folder = try initThenCheck("cpas")
        let campaign = try CampaignLoader.load(folder).campaign
        XCTAssertEqual(campaign.preset, .cpas)
        XCTAssertEqual(campaign.exams, Preset.cpas.exams)
        XCTAssertEqual(campaign.examAliases, Preset.cpas.aliases)
        let yaml = try String(contentsOf: folder.appendingPathComponent("campaign.yaml"), encoding: .utf8)
        XCTAssertEqual(yaml.components(separatedBy: "# default (the source document gives no duration or jury): edit").count - 1, 3)
    }

    func testInitCustomThenCheck() throws {
        let folder = try initThenCheck("custom")
        XCTAssertEqual(try CampaignLoader.load(folder).campaign.exams.map(\.id), ["ORAL1"])
    }

    func testInitFrenchHeadersLoad() throws {
        let folder = try initThenCheck("csec", lang: "fr")
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("candidates.csv"), encoding: .utf8),
                       "identifiant,nom,prénom,courriel,structure,région,épreuves,aménagements,indisponibilités,préférences,formateurs,groupe,jury_imposé\n")
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("jury.csv"), encoding: .utf8),
                       "identifiant,nom,prénom,courriel,rôle,secteur,externe,structure,régions,disponibilités,préférences,max_par_jour,épreuves,peut_présider,conflits\n")
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("rooms.csv"), encoding: .utf8),
                       "identifiant,site,région,capacité,accessible,équipement,disponibilités\n")
        XCTAssertEqual(try CampaignLoader.load(folder).warnings, [])

        // Rows filled in under the French headers are read into the right fields.
        try Data("identifiant,nom,prénom,courriel,structure,région,épreuves,aménagements,indisponibilités,préférences,formateurs,groupe,jury_imposé\nC1,Dupont,Léa,,MSP,Bretagne,BC1|FINAL,tiers-temps,14/06/2027 AM,,,,\n".utf8)
            .write(to: folder.appendingPathComponent("candidates.csv"))
        let candidate = try CampaignLoader.load(folder).campaign.candidates.first
        XCTAssertEqual(candidate, Candidate(id: "C1", lastName: "Dupont", firstName: "Léa", structure: "MSP", region: "Bretagne",
                                            exams: ["BC1", "FINAL"], extraTime: true,
                                            unavailable: [.halfDay(Day(year: 2027, month: 6, day: 14)!, .morning)], line: 2))
    }

    func testInitRefusesToOverwriteACampaign() throws {
        let folder = scratch.appendingPathComponent("mine", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("name: Ma session\npreset: pacte\ndays: [2027-09-20]\n".utf8).write(to: folder.appendingPathComponent("campaign.yaml"))
        try Data("id,last_name\n".utf8).write(to: folder.appendingPathComponent("notes.csv"))
        let before = try snapshot(scratch)
        let result = juryplan(["init", folder.path, "--preset", "csec"])
        XCTAssertEqual(result.code, 2)
        XCTAssertEqual(result.out, "")
        XCTAssertEqual(result.err, "\(folder.path): error: already holds a campaign (campaign.yaml); init never overwrites one\n")
        XCTAssertEqual(try snapshot(scratch), before)
    }

    func testInitRefusesWhenOnlyOneInputFileExists() throws {
        let folder = scratch.appendingPathComponent("partial", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("id,site\nS1,Nord\n".utf8).write(to: folder.appendingPathComponent("rooms.csv"))
        let before = try snapshot(scratch)
        let result = juryplan(["init", folder.path, "--preset", "cpas", "--lang", "fr"])
        XCTAssertEqual(result.code, 2)
        XCTAssertEqual(result.err, "\(folder.path): error: already holds a campaign (rooms.csv); init never overwrites one\n")
        XCTAssertEqual(try snapshot(scratch), before)
    }

    func testInitIntoAnExistingEmptyFolder() throws {
        let folder = scratch.appendingPathComponent("empty", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        XCTAssertEqual(juryplan(["init", folder.path, "--preset", "csec"]).code, 0)
        XCTAssertEqual(try listing(folder), campaignFiles)
    }

    func testInitOntoAFile() throws {
        let path = scratch.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: path)
        let before = try snapshot(scratch)
        let result = juryplan(["init", path.path, "--preset", "csec"])
        XCTAssertEqual(result.code, 2)
        XCTAssertEqual(result.err, "\(path.path): error: exists and is not a folder; choose a new folder name\n")
        XCTAssertEqual(try snapshot(scratch), before)
    }

    func testInitUsageErrorsExit2AndWriteNothing() throws {
        let folder = scratch.appendingPathComponent("c").path
        for arguments in [
            ["init", folder],                                  // --preset missing
            ["init", folder, "--preset", "bts"],               // unknown preset
            ["init", folder, "--preset", "csec", "--lang", "de"],
            ["init", "--preset", "csec"],                      // DIR missing
            ["init", folder, "--preset", "csec", "--force"],   // unknown option
        ] {
            let result = juryplan(arguments)
            XCTAssertEqual(result.code, 2, "\(arguments)")
            XCTAssertTrue(result.err.hasPrefix("Error: "), "\(arguments): \(result.err)")
            XCTAssertTrue(result.err.contains("Usage: juryplan init <directory> --preset <preset> [--lang <lang>]"), "\(arguments): \(result.err)")
            XCTAssertEqual(try listing(scratch), [], "\(arguments)")
        }
    }
}
