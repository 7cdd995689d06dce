import Foundation
import XCTest
import JuryPlanCore
@testable import JuryPlanIO

/// `import` merges by id, keeps the campaign file's dialect and untouched rows byte for byte,
/// checks references against the rest of the campaign, and changes nothing on a bad file.
final class CampaignImportTests: XCTestCase {
    var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("juryplan-import-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    func campaign(_ name: String) throws -> URL {
        let folder = scratch.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.copyItem(at: TestFiles.campaign(name), to: folder)
        return folder
    }

    func file(_ name: String, _ text: String, encoding: String.Encoding = .utf8) throws -> URL {
        let url = scratch.appendingPathComponent(name)
        try XCTUnwrap(text.data(using: encoding)).write(to: url)
        return url
    }

    func testMergeByIdKeepsUntouchedRowsByteForByte() throws {
        let folder = try campaign("csec_en")
        let before = try String(decoding: Data(contentsOf: folder.appendingPathComponent("candidates.csv")), as: UTF8.self)
        // French headers, ';', another column order: C02 changes its email, C01 is the same, C09 is new.
        let source = try file("new.csv", """
            prénom;nom;identifiant;épreuves;courriel;région
            Léa;Dupont;C01;BC1|BC2|BC3|BC4|BC5|FINAL;lea.dupont@example.org;Bretagne
            Hugo;Martin;C02;BC1 | BC4;hugo@example.org;Bretagne
            Inès;Nouvelle;C09;BC4;;Bretagne

            """)
        let merge = try CampaignImport.merge(.candidates, file: source, displayName: "new.csv", into: folder, replaceAll: false)
        XCTAssertEqual(merge.added, ["C09"])
        XCTAssertEqual(merge.changed, ["C02"])
        XCTAssertEqual(merge.unchanged, ["C01"])
        XCTAssertEqual(merge.removed, [])
        XCTAssertEqual(merge.absent.count, 1, "C03 is kept")
        let after = String(decoding: merge.output, as: UTF8.self)
        let oldLines = before.components(separatedBy: "\n"), newLines = after.components(separatedBy: "\n")
        XCTAssertEqual(newLines[0], oldLines[0], "header kept (English, ',', with its unknown 'notes' column)")
        XCTAssertEqual(newLines[1], oldLines[1], "C01 unchanged: its bytes are kept")
        XCTAssertTrue(newLines[2].hasPrefix("C02,Martin,Hugo,hugo@example.org,\"CPTS Rennes, Nord\",Bretagne,BC1 | BC4,accessible|extra_time"), newLines[2])
        XCTAssertEqual(newLines[3], oldLines[3], "C03, absent from the file, kept")
        XCTAssertEqual(newLines[4], "C09,Nouvelle,Inès,,,Bretagne,BC4,,,,,,,")

        try CampaignImport.write(merge, into: folder)
        let loaded = try CampaignLoader.load(folder)
        XCTAssertEqual(loaded.campaign.candidates.map(\.id), ["C01", "C02", "C03", "C09"])
        XCTAssertEqual(loaded.campaign.candidate("C02")?.email, "hugo@example.org")
        XCTAssertTrue(loaded.campaign.candidate("C02")?.extraTime ?? false, "cells the file does not have are kept")

        // The same import again changes nothing.
        let again = try CampaignImport.merge(.candidates, file: source, displayName: "new.csv", into: folder, replaceAll: false)
        XCTAssertFalse(again.changesFile)
        XCTAssertEqual(again.unchanged.sorted(), ["C01", "C02", "C09"])
    }

    func testReplaceRemovesAbsentRowsAndChecksReferencesToThem() throws {
        let folder = try campaign("csec_en")
        // jury.csv's M02 lists C02 in `conflicts`: removing C02 must be refused.
        let source = try file("only-c01.csv", "id,last_name,first_name,exams,region\nC01,Dupont,Léa,BC1|BC2|BC3|BC4|BC5|FINAL,Bretagne\n")
        let error = expectInputError {
            _ = try CampaignImport.merge(.candidates, file: source, displayName: "only-c01.csv", into: folder, replaceAll: true)
        }
        XCTAssertTrue(error?.description.contains("unknown candidate 'C02' in conflicts") ?? false, error?.description ?? "")
        // Without --replace, C02 stays and the same file merges.
        let merge = try CampaignImport.merge(.candidates, file: source, displayName: "only-c01.csv", into: folder, replaceAll: false)
        XCTAssertEqual(merge.absent, ["C02", "C03"])
    }

    func testErrorsNameTheImportedFileLineAndColumn() throws {
        let folder = try campaign("csec_en")
        // Errors of the rows first, every one of them (as the loader reports them)…
        let source = try file("bad.csv", "id,last_name,first_name,exams,trainers\nC07,Neuf,Jean,BC4,M99\nC07,Bis,Jean,BC9,\n")
        let error = expectInputError {
            _ = try CampaignImport.merge(.candidates, file: source, displayName: "bad.csv", into: folder, replaceAll: false)
        }
        XCTAssertEqual(error?.description, """
            bad.csv:3:1: error: duplicate candidate id 'C07' (first used on line 2)
            bad.csv:3:14: error: unknown exam 'BC9'; expected one of: BC1, BC2, BC3, BC4, BC5, FINAL
            """)
        // …then references to the rest of the campaign.
        let reference = try file("reference.csv", "id,last_name,first_name,exams,trainers\nC07,Neuf,Jean,BC4,M99\n")
        let unknown = expectInputError {
            _ = try CampaignImport.merge(.candidates, file: reference, displayName: "reference.csv", into: folder, replaceAll: false)
        }
        XCTAssertEqual(unknown?.description, "reference.csv:2:19: error: unknown jury member 'M99' in trainers; expected an id of jury.csv")
    }

    func testWindows1252SemicolonCRLFFileStaysSo() throws {
        let folder = try campaign("cpas_fr")
        let url = folder.appendingPathComponent("jury.csv")
        let before = try Data(contentsOf: url)
        let source = try file("jury-new.csv", """
            id,last_name,first_name,role,external
            J09,Bœuf,Anaïs,professional,yes

            """)
        let merge = try CampaignImport.merge(.jury, file: source, displayName: "jury-new.csv", into: folder, replaceAll: false)
        XCTAssertEqual(merge.added, ["J09"])
        XCTAssertTrue(merge.output.starts(with: before), "every earlier byte kept")
        let tail = merge.output.suffix(from: before.count)
        XCTAssertEqual(String(data: tail, encoding: .windowsCP1252), "professional;J09;Bœuf;Anaïs;yes;;;;;;;;;;\r\n",
                       "columns in the campaign's order, ';', CRLF, Windows-1252 (œ is 0x9C)")
        XCTAssertTrue(merge.notes.isEmpty, "\(merge.notes)")

        // A character Windows-1252 cannot hold turns the file into UTF-8 with a BOM, and says so.
        let greek = try file("jury-greek.csv", "id,last_name,first_name,role\nJ10,Παπαδόπουλος,Νίκος,professional\n")
        let utf8 = try CampaignImport.merge(.jury, file: greek, displayName: "jury-greek.csv", into: folder, replaceAll: false)
        XCTAssertTrue(utf8.output.starts(with: [0xEF, 0xBB, 0xBF]))
        XCTAssertEqual(utf8.notes.count, 1)
        try CampaignImport.write(utf8, into: folder)
        XCTAssertEqual(try CampaignLoader.load(folder).campaign.member("J10")?.lastName, "Παπαδόπουλος")
        XCTAssertEqual(try CampaignLoader.load(folder).campaign.member("J01")?.firstName, "Hélène")
    }

    func testMultiLineCellsAreKeptAndNewColumnsAdded() throws {
        let folder = try campaign("cpas_fr")
        // P02's structure spans two lines of candidates.csv; the import changes P03 only.
        let source = try file("p03.csv", "id;last_name;first_name;exams;email\nP03;Œuvre;Zoé;B3;zoe@example.fr\n")
        let merge = try CampaignImport.merge(.candidates, file: source, displayName: "p03.csv", into: folder, replaceAll: false)
        XCTAssertEqual(merge.changed, ["P03"])
        try CampaignImport.write(merge, into: folder)
        let loaded = try CampaignLoader.load(folder)
        let structure = loaded.campaign.candidate("P02")?.structure ?? ""
        XCTAssertTrue(structure.hasPrefix("Maison de santé") && structure.hasSuffix("des Dunes"), structure)
        XCTAssertEqual(loaded.campaign.candidate("P03")?.email, "zoe@example.fr")

        // A column the campaign file lacks is added at the end of its header; other rows get it empty.
        let small = try campaign("check_small")
        let emails = try file("emails.csv", "id,last_name,first_name,exams,email\nC01,Dupont,Léa,BC4,lea@example.fr\n")
        let grown = try CampaignImport.merge(.candidates, file: emails, displayName: "emails.csv", into: small, replaceAll: false)
        XCTAssertEqual(grown.changed, ["C01"])
        XCTAssertEqual(grown.notes.count, 1, "\(grown.notes)")
        XCTAssertEqual(String(decoding: grown.output, as: UTF8.self),
                       "id,last_name,first_name,exams,email\nC01,Dupont,Léa,BC4,lea@example.fr\nC02,\"O'Brien, Jr\",\"Sam \"\"Sammy\"\"\",BC5,\n")
    }
}
