import Foundation
import XCTest
import JuryPlanCore
@testable import JuryPlanIO

/// campaign.yaml (SPEC §2.1): defaults, overrides of preset exams, new exams, custom presets, errors.
final class CampaignYAMLTests: XCTestCase {
    private func parse(_ name: String) throws -> Campaign {
        try CampaignYAML.parse(try TestFiles.text("yaml/\(name)"))
    }

    private func exam(_ campaign: Campaign, _ id: String, file: StaticString = #filePath, line: UInt = #line) -> Exam? {
        let e = campaign.exam(id)
        XCTAssertNotNil(e, "no exam \(id)", file: file, line: line)
        return e
    }

    // MARK: - Defaults

    func testDefaults() throws {
        let c = try parse("minimal.yaml")
        XCTAssertEqual(c.name, "Session minimale")
        XCTAssertEqual(c.preset, .csec)
        XCTAssertEqual(c.days, [day("2027-06-14")])
        XCTAssertEqual(c.timezone, "Europe/Paris")
        XCTAssertEqual(c.hours.morning, TimeRange(start: 8 * 60 + 30, end: 12 * 60 + 30))
        XCTAssertEqual(c.hours.afternoon, TimeRange(start: 13 * 60 + 30, end: 17 * 60 + 30))
        XCTAssertEqual(c.bufferMinutes, 10)
        XCTAssertEqual(c.maxExamsPerDay, 3)
        XCTAssertEqual(c.minBreakMinutes, 30)
        XCTAssertEqual(c.maxSittingsPerDay, 8)
        XCTAssertEqual(
            [c.weights.memberDays, c.weights.roomHalfDays, c.weights.candidateDays, c.weights.repeatExaminer, c.weights.imbalance, c.weights.preference],
            [100, 20, 10, 5, 1, 2])
        XCTAssertEqual(c.exams, Preset.csec.exams)
        XCTAssertEqual(c.exams.map(\.id), ["BC1", "BC2", "BC3", "BC4", "BC5", "FINAL"])
        XCTAssertTrue(c.candidates.isEmpty && c.members.isEmpty && c.rooms.isEmpty)
    }

    func testPresetExamsAsInTheSpec() throws {
        let c = try parse("minimal.yaml")
        XCTAssertEqual(c.exams.map(\.minutes), [45, 45, 120, 30, 30, 30])
        XCTAssertEqual(c.exams.map(\.mode), [.oral, .oral, .written, .oral, .oral, .oral])
        XCTAssertEqual(exam(c, "FINAL")?.jury, JurySpec(size: 3, roles: [.certifier: 1, .professional: 2], external: 0.66, president: true))
        XCTAssertEqual(exam(c, "FINAL")?.after, ["BC1", "BC2", "BC3", "BC4", "BC5"])
        XCTAssertEqual(exam(c, "BC3")?.jury, JurySpec(size: 1))
    }

    // MARK: - Overrides

    func testOverridesOfPresetExamsAndANewExam() throws {
        let c = try parse("overrides.yaml")
        XCTAssertEqual(c.preset, .csec)  // "CSEC" in any case
        XCTAssertEqual(c.days, [day("2027-06-14"), day("2027-06-15")])  // DD/MM/YYYY accepted, sorted
        XCTAssertEqual(c.exams.map(\.id), ["BC1", "BC2", "BC3", "BC4", "BC5", "FINAL", "VISIO"])
        let preset = Dictionary(uniqueKeysWithValues: Preset.csec.exams.map { ($0.id, $0) })

        // {id: BC4, minutes: 35}: only the duration changes.
        var bc4 = preset["BC4"]!
        bc4.minutes = 35
        XCTAssertEqual(exam(c, "BC4"), bc4)

        // jury: 3 on FINAL: the roles (1 + 2) add up to 3 and are kept, with the threshold and the president.
        XCTAssertEqual(exam(c, "FINAL"), preset["FINAL"])
        // jury: 3 on BC1: 2 professionals do not add up to 3, the roles are dropped.
        var bc1 = preset["BC1"]!
        bc1.jury = JurySpec(size: 3)
        XCTAssertEqual(exam(c, "BC1"), bc1)

        // A jury mapping replaces the preset's jury entirely.
        var bc2 = preset["BC2"]!
        bc2.jury = JurySpec(size: 2, roles: [.professional: 1, .certifier: 1])
        XCTAssertEqual(exam(c, "BC2"), bc2)

        var bc3 = preset["BC3"]!
        bc3.minutes = 150
        bc3.jury = JurySpec(size: 2)
        XCTAssertEqual(exam(c, "BC3"), bc3)

        var bc5 = preset["BC5"]!
        bc5.name = "Bloc 5"
        bc5.regional = true
        bc5.needs = ["projector", "visio"]
        XCTAssertEqual(exam(c, "BC5"), bc5)

        // A new exam (block syntax): oral with a jury of 2 by default.
        XCTAssertEqual(exam(c, "VISIO"), Exam(id: "VISIO", name: "Entretien en visio", mode: .oral, minutes: 20,
                                              jury: JurySpec(size: 2), needs: ["visio"], after: ["BC4"], regional: false))
    }

    func testJurySizeDropsRolesThatNoLongerAddUpAndImposedJury() throws {
        let c = try parse("pacte_jury2.yaml")
        XCTAssertEqual(c.preset, .pacte)
        // THESIS: 1 certifier + 2 professionals no longer add up to 2: the roles go, the president stays.
        XCTAssertEqual(exam(c, "THESIS")?.jury, JurySpec(size: 2, roles: [:], external: nil, president: true))
        XCTAssertEqual(exam(c, "THESIS")?.minutes, 60)
        XCTAssertEqual(exam(c, "THESIS")?.regional, true)
        XCTAssertEqual(exam(c, "INTERVIEW")?.jury, JurySpec(size: 0, imposed: true))
        XCTAssertEqual(exam(c, "INTERVIEW")?.regional, true)
    }

    func testCPASAliasesInExamsEntries() throws {
        let c = try parse("cpas_alias.yaml")
        XCTAssertEqual(c.exams.map(\.id), ["B1", "B2", "B3", "B4", "B5E1", "B5E2"])
        XCTAssertEqual(exam(c, "B3")?.minutes, 40)
        XCTAssertEqual(exam(c, "BC3")?.minutes, 40)
        XCTAssertEqual(exam(c, "B5E2")?.after, ["B4"])
        XCTAssertEqual(exam(c, "B1")?.mode, .submitted)
        XCTAssertEqual(exam(c, "B1")?.minutes, 0)
        XCTAssertEqual(c.canonicalExamID("BC5E2"), "B5E2")
        XCTAssertEqual(c.canonicalExamID("B4"), "B4")
    }

    func testCustomPreset() throws {
        let c = try parse("custom.yaml")
        XCTAssertEqual(c.preset, .custom)
        XCTAssertEqual(c.timezone, "America/Cayenne")
        XCTAssertEqual(c.examAliases, [:])
        XCTAssertEqual(c.exams, [
            Exam(id: "ORAL1", name: "Oral du bloc 1", mode: .oral, minutes: 45,
                 jury: JurySpec(size: 2, roles: [.professional: 2]), needs: ["projector"]),
            Exam(id: "WRIT1", name: "WRIT1", mode: .written, minutes: 90, jury: JurySpec(size: 1)),
            Exam(id: "FILE1", name: "FILE1", mode: .submitted, minutes: 0, jury: JurySpec(size: 0)),
            Exam(id: "GRP1", name: "GRP1", mode: .group, minutes: 60, jury: JurySpec(size: 2), after: ["ORAL1", "WRIT1"]),
            Exam(id: "DEF", name: "DEF", mode: .oral, minutes: 30,
                 jury: JurySpec(size: 3, roles: [.certifier: 1, .professional: 2], external: 0.5, president: true)),
            Exam(id: "TUT", name: "TUT", mode: .oral, minutes: 20, jury: JurySpec(size: 0, imposed: true)),
        ])
    }

    /// What `init` writes for each preset reads back to the preset's exams, unchanged.
    func testTemplatesReadBackToThePresets() throws {
        for name in [PresetName.csec, .pacte, .cpas] {
            let c = try CampaignYAML.parse(CampaignTemplate.campaignYAML(preset: Preset.named(name)))
            XCTAssertEqual(c.preset, name)
            XCTAssertEqual(c.exams, Preset.named(name).exams, "\(name)")
            XCTAssertEqual(c.examAliases, Preset.named(name).aliases)
            XCTAssertEqual(c.days.count, 4)
        }
        let custom = try CampaignYAML.parse(CampaignTemplate.campaignYAML(preset: Preset.named(.custom)))
        XCTAssertEqual(custom.exams.map(\.id), ["ORAL1"])
    }

    // MARK: - Errors (every one with its line and column)

    private func errors(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let text = try TestFiles.text("yaml/\(name)")
        return expectInputError({ _ = try CampaignYAML.parse(text) }, file: file, line: line)?.issues.map(\.description) ?? []
    }

    func testNewExamWithoutMinutes() throws {
        XCTAssertEqual(try errors("bad_new_exam_no_minutes.yaml"),
                       ["campaign.yaml:5:10: error: new exam ORAL9 needs minutes (its duration)"])
    }

    func testAfterCycle() throws {
        XCTAssertEqual(try errors("bad_cycle.yaml"),
                       ["campaign.yaml:5:3: error: the `after` lists form a cycle: BC1 → FINAL → BC1"])
    }

    func testRolesThatDoNotAddUpToTheSize() throws {
        XCTAssertEqual(try errors("bad_roles_sum.yaml"),
                       ["campaign.yaml:5:23: error: the roles of FINAL's jury add up to 3, its size is 4"])
    }

    func testUnknownJuryKey() throws {
        XCTAssertEqual(try errors("bad_jury_key.yaml"), [
            "campaign.yaml:5:33: error: unknown key 'chair' in the jury of FINAL; expected one of: size, roles, external, president, imposed",
        ])
    }

    func testUnknownTimeZone() throws {
        XCTAssertEqual(try errors("bad_timezone.yaml"),
                       ["campaign.yaml:3:11: error: unknown time zone 'Europe/Lutece'; expected an IANA name such as Europe/Paris"])
    }

    func testMissingRequiredKeys() throws {
        XCTAssertEqual(try errors("bad_missing_keys.yaml"), [
            "campaign.yaml:1:1: error: missing required key 'name'",
            "campaign.yaml:1:1: error: missing required key 'preset' (csec, pacte, cpas or custom)",
            "campaign.yaml:1:1: error: missing required key 'days' (a list of session dates)",
        ])
    }

    func testEveryErrorOfTheFileAtOnce() throws {
        XCTAssertEqual(try errors("bad_many.yaml"), [
            "campaign.yaml:3:20: error: '31/06/2027' is not a real date; expected YYYY-MM-DD or DD/MM/YYYY",
            "campaign.yaml:4:17: error: buffer_minutes must be a whole number between 0 and 720, found -5",
            // The unknown key is found while reading the mapping, before its values.
            "campaign.yaml:5:35: error: unknown key 'min_break' in candidate; expected one of: max_exams_per_day, min_break_minutes",
            "campaign.yaml:5:32: error: candidate.max_exams_per_day must be a whole number between 1 and 1000, found 0",
            "campaign.yaml:6:24: error: weights.member_days must be a number",
            "campaign.yaml:8:21: error: unknown mode 'viva' for BC4; expected oral, written, group or submitted",
            "campaign.yaml:9:10: error: exam BC4 is listed twice in exams",
        ])
    }

    /// A CPAS block handed in (`submitted`, 0 minutes, no jury) made a sitting needs a duration.
    func testSubmittedExamMadeOralNeedsMinutes() throws {
        XCTAssertEqual(try errors("bad_submitted_made_oral.yaml"),
                       ["campaign.yaml:5:10: error: exam B1 is now sat (mode oral) and needs minutes (its duration)"])
    }

    /// ... and, given minutes, gets the default jury of its mode, as a new exam does.
    func testSubmittedExamMadeOralGetsTheDefaultJury() throws {
        let c = try parse("submitted_made_oral.yaml")
        XCTAssertEqual(exam(c, "B2"), Exam(id: "B2", name: "B2 — Gestion et coordination du parcours", mode: .oral, minutes: 25,
                                           jury: JurySpec(size: 2)))
        XCTAssertEqual(exam(c, "B5E1")?.jury, JurySpec(size: 1))
        XCTAssertEqual(exam(c, "B5E1")?.minutes, 90)
    }

    /// A sat exam with a jury of nobody (and not imposed) cannot be planned.
    func testJuryOfNobody() throws {
        XCTAssertEqual(try errors("bad_jury_zero.yaml"), [
            "campaign.yaml:5:21: error: the jury of BC4 must have at least one member",
            "campaign.yaml:6:21: error: the jury of BC5 must have at least one member",
        ])
    }

    /// libyaml's reader errors carry an offset, turned into the line and column of the bad character.
    func testControlCharacterIsPointedAt() {
        let error = expectInputError { _ = try CampaignYAML.parse("name: Session\npreset: csec\u{01}\ndays: [2027-06-14]\n") }
        XCTAssertEqual(error?.issues.map(\.description), ["campaign.yaml:2:13: error: not valid YAML: control characters are not allowed"])
    }

    func testNotAMapping() {
        let error = expectInputError { _ = try CampaignYAML.parse("- a\n- b\n") }
        XCTAssertEqual(error?.issues.first?.description, "campaign.yaml:1:1: error: campaign.yaml must be a mapping of keys to values")
    }
}
