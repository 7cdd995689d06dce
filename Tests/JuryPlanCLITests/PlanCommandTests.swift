import Foundation
import XCTest
import JuryPlanCore
import JuryPlanIO
@testable import JuryPlanCLI

/// The planner end to end on real files (issue 4): the three demo fixtures are planned with a
/// clean audit and consistent figures, the same campaign gives byte-identical schedules,
/// impossible campaigns exit 1 with a sentence and write nothing, and `plan`, `demo` and
/// `generate` behave as SPEC §2.3 and §3 say.
final class PlanCommandTests: TemporaryFolderTestCase {
    /// The package root, found from this file: Tests/JuryPlanCLITests/PlanCommandTests.swift.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func fixture(_ name: String) -> URL { packageRoot.appendingPathComponent("fixtures/\(name)", isDirectory: true) }
    static let inputFiles = [CampaignLoader.campaignFile, CampaignLoader.candidatesFile, CampaignLoader.juryFile, CampaignLoader.roomsFile]
    /// Generous, but bounded: a planner that cannot plan gives up within 0.6 × this.
    static let options = PlanOptions(timeLimit: 20)
    static let timeLimitArgument = ["--time-limit", "20"]
    /// The time limit is a safety net whose cut depends on the machine's speed (the debug build
    /// plans the CSEC demo in 19 s on a quiet machine, more under load): determinism is checked
    /// on runs that end by their counted work, not by it.
    static let determinismOptions = PlanOptions(timeLimit: 900)
    static let determinismArgument = ["--time-limit", "900"]

    // MARK: - Helpers

    /// Copies the four input files of a fixture (following the csec-demo symbolic links) into
    /// the scratch folder, so that `plan` never overwrites the fixture's hand-made schedule.csv.
    func copyFixture(_ name: String) throws -> URL {
        let to = scratch.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: to, withIntermediateDirectories: true)
        for file in Self.inputFiles {
            try Data(contentsOf: Self.fixture(name).appendingPathComponent(file)).write(to: to.appendingPathComponent(file))
        }
        return to
    }

    /// Writes a campaign folder of four files.
    func writeCampaign(_ name: String, yaml: String, candidates: String, jury: String, rooms: String) throws -> URL {
        let folder = scratch.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (file, text) in [(CampaignLoader.campaignFile, yaml), (CampaignLoader.candidatesFile, candidates),
                             (CampaignLoader.juryFile, jury), (CampaignLoader.roomsFile, rooms)] {
            try Data(text.utf8).write(to: folder.appendingPathComponent(file))
        }
        return folder
    }

    func plan(_ campaign: Campaign, _ label: String, options: PlanOptions = options, file: StaticString = #filePath, line: UInt = #line) -> Plan? {
        switch Planner(campaign: campaign, options: options).run() {
        case .planned(let plan): return plan
        case .infeasible(let reasons): XCTFail("\(label): expected a plan, got infeasible: \(reasons)", file: file, line: line)
        case .notFound(let reasons, _): XCTFail("\(label): expected a plan, got notFound (exit 3): \(reasons)", file: file, line: line)
        }
        return nil
    }

    /// The figures describe the schedule (SPEC §1.3, §3): counts recomputed from the rows,
    /// the objective as `PlanMeasures` computes it and as the weighted sum, bound ≤ objective.
    func assertFiguresConsistent(_ plan: Plan, _ campaign: Campaign, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let f = plan.figures
        let rows = plan.schedule.rows
        XCTAssertEqual(f.rows, rows.count, "\(label): rows", file: file, line: line)
        XCTAssertEqual(f.memberDays, Set(rows.flatMap { r in r.jury.map { "\($0)|\(r.day.iso)" } }).count, "\(label): member-days", file: file, line: line)
        XCTAssertEqual(f.candidateDays, Set(rows.map { "\($0.candidateID)|\($0.day.iso)" }).count, "\(label): candidate-days", file: file, line: line)
        XCTAssertEqual(f.daysOpened, Set(rows.map(\.day)).count, "\(label): days", file: file, line: line)
        var measured = PlanFigures()
        PlanMeasures.fill(&measured, schedule: plan.schedule, campaign: campaign)
        XCTAssertEqual(f.objective, measured.objective, accuracy: 1e-6, "\(label): objective ≠ PlanMeasures", file: file, line: line)
        XCTAssertEqual(f.sittings, measured.sittings, "\(label): sittings", file: file, line: line)
        let w = campaign.weights
        let weighted = w.memberDays * Double(f.memberDays) + w.roomHalfDays * Double(f.roomHalfDays)
            + w.candidateDays * Double(f.candidateDays) + w.repeatExaminer * Double(f.repeatedExaminers)
            + w.imbalance * Double(f.imbalance) + w.preference * Double(f.preferencesUnmet)
        XCTAssertEqual(f.objective, weighted, accuracy: 1e-6, "\(label): objective ≠ weighted sum", file: file, line: line)
        XCTAssertGreaterThan(f.objective, 0, label, file: file, line: line)
        XCTAssertLessThanOrEqual(f.bound, f.objective + 1e-9, "\(label): bound > objective", file: file, line: line)
        XCTAssertGreaterThanOrEqual(f.gap, 0, "\(label): gap", file: file, line: line)
        XCTAssertLessThan(f.gap, 1, "\(label): gap", file: file, line: line)
        XCTAssertEqual(f.gap, (f.objective - f.bound) / f.objective, accuracy: 1e-9, "\(label): gap", file: file, line: line)
        XCTAssertLessThanOrEqual(f.memberDaysBound, f.memberDays, "\(label): member-days bound", file: file, line: line)
        XCTAssertLessThanOrEqual(f.roomHalfDaysBound, f.roomHalfDays, "\(label): room half-days bound", file: file, line: line)
        XCTAssertLessThanOrEqual(f.candidateDaysBound, f.candidateDays, "\(label): candidate-days bound", file: file, line: line)
    }

    /// Every scheduled registration once, nothing else.
    func assertEveryRegistrationOnce(_ schedule: Schedule, _ campaign: Campaign, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        var expected: [String] = []
        for c in campaign.candidates {
            for e in c.exams { if let exam = campaign.exam(e), exam.mode != .submitted { expected.append("\(c.id) \(exam.id)") } }
        }
        let actual = schedule.rows.map { "\($0.candidateID) \(campaign.canonicalExamID($0.exam))" }
        XCTAssertEqual(actual.sorted(), expected.sorted(), "\(label): registrations", file: file, line: line)
    }

    // MARK: - 2. The three fixtures

    func planFixture(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let loaded = try CampaignLoader.load(Self.fixture(name))
        let campaign = loaded.campaign
        guard let plan = plan(campaign, name, file: file, line: line) else { return }
        let audit = RuleCatalogue.audit(plan.schedule, against: campaign)
        XCTAssertEqual(audit.breaches.map(\.description), [], "\(name): breaches", file: file, line: line)
        assertEveryRegistrationOnce(plan.schedule, campaign, name, file: file, line: line)
        assertFiguresConsistent(plan, campaign, name, file: file, line: line)
        // As `check` sees it: the CSV written, read back and audited.
        let url = scratch.appendingPathComponent("\(name).csv")
        try ScheduleCSV.write(plan.schedule, campaign: campaign).write(to: url)
        let (reread, issues) = try ScheduleCSV.read(contentsOf: url)
        XCTAssertEqual(issues.map(\.description), [], file: file, line: line)
        XCTAssertEqual(reread.rows.count, plan.schedule.rows.count, file: file, line: line)
        XCTAssertEqual(RuleCatalogue.audit(reread, against: campaign).breaches.map(\.description), [], "\(name): re-read breaches", file: file, line: line)
        var measured = PlanFigures()
        PlanMeasures.fill(&measured, schedule: reread, campaign: campaign)
        XCTAssertEqual(measured.objective, plan.figures.objective, accuracy: 1e-6, "\(name): objective of the file", file: file, line: line)
    }

    func testCSECFixtureIsPlannedCleanly() throws { try planFixture("csec-demo") }
    func testPACTEFixtureIsPlannedCleanly() throws { try planFixture("pacte-demo") }
    func testCPASFixtureIsPlannedCleanly() throws { try planFixture("cpas-demo") }

    // MARK: - 3. Determinism

    func testSameCampaignGivesByteIdenticalScheduleCSV() throws {
        var campaigns = [("csec-demo", try CampaignLoader.load(Self.fixture("csec-demo")).campaign)]
        for (preset, seed) in [(PresetName.csec, UInt64(21)), (.pacte, 22), (.cpas, 23)] {
            campaigns.append(("\(preset.rawValue):15:\(seed)", CampaignGenerator(preset: preset, candidates: 15, seed: seed).generate()))
        }
        for (label, campaign) in campaigns {
            guard let a = plan(campaign, label, options: Self.determinismOptions),
                  let b = plan(campaign, label, options: Self.determinismOptions) else { continue }
            let first = ScheduleCSV.write(a.schedule, campaign: campaign)
            let second = ScheduleCSV.write(b.schedule, campaign: campaign)
            XCTAssertEqual(first, second, "\(label): two plans of the same campaign differ")
            XCTAssertGreaterThan(a.schedule.rows.count, 0, label)
        }
    }

    func planTwiceThroughTheCLI(_ folder: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let a = scratch.appendingPathComponent("A-\(folder.lastPathComponent).csv"), b = scratch.appendingPathComponent("B-\(folder.lastPathComponent).csv")
        let first = juryplan(["plan", "--campaign", folder.path, "--out", a.path] + Self.determinismArgument)
        let second = juryplan(["plan", "--campaign", folder.path, "--out", b.path] + Self.determinismArgument)
        XCTAssertEqual(first.code, 0, first.err, file: file, line: line)
        XCTAssertEqual(second.code, 0, second.err, file: file, line: line)
        guard first.code == 0, second.code == 0 else { return }
        XCTAssertEqual(try Data(contentsOf: a), try Data(contentsOf: b), "\(folder.lastPathComponent): two runs, two files", file: file, line: line)
    }

    func testPlanTwiceThroughTheCLIGivesIdenticalFiles() throws {
        try planTwiceThroughTheCLI(try copyFixture("csec-demo"))
        try planTwiceThroughTheCLI(try copyFixture("cpas-demo"))
    }

    // MARK: - 4. Small infeasible campaigns: exit 1, a sentence, nothing written

    static let oneDay = "name: Petite session\npreset: csec\ndays: [2027-06-14]\n"
    static let juryHeader = "id,last_name,first_name,role,external,can_preside,available\n"
    static let lawfulJury = juryHeader + "P1,Martin,Hélène,professional,yes,yes,\nP2,Bernard,Anne,professional,yes,no,\nK1,Robert,Luc,certifier,no,no,\n"
    static let roomsHeader = "id,site,capacity,accessible,equipment\n"
    static let lawfulRooms = roomsHeader + "S1,Campus,1,yes,projector\n"
    static let finalCandidate = "id,last_name,first_name,exams,accommodations,jury\nC1,Dupont,Léa,FINAL,,\n"

    /// Plans `folder` through the CLI (exit 0) and audits the schedule it wrote with `check`:
    /// every rule R1–R18, every registration scheduled exactly once.
    @discardableResult
    func assertPlansAndPassesCheck(_ folder: URL, options: [String] = [], file: StaticString = #filePath, line: UInt = #line) -> RunResult {
        let result = juryplan(["plan", "--campaign", folder.path] + options + Self.timeLimitArgument)
        XCTAssertEqual(result.code, 0, result.err, file: file, line: line)
        let check = juryplan(["check", "--campaign", folder.path])
        XCTAssertEqual(check.code, 0, check.out + check.err, file: file, line: line)
        XCTAssertTrue(check.out.contains("no breach"), check.out, file: file, line: line)
        return result
    }

    /// Plans `folder` with the default target and with `--out`: exit 1, the reason on stderr
    /// containing every one of `words`, no schedule anywhere.
    func assertInfeasibleCLI(_ folder: URL, naming words: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try snapshot(scratch)
        let out = scratch.appendingPathComponent("never.csv")
        for arguments in [["plan", "--campaign", folder.path], ["plan", "--campaign", folder.path, "--out", out.path]] {
            let result = juryplan(arguments + Self.timeLimitArgument)
            XCTAssertEqual(result.code, 1, "\(arguments): expected exit 1 (infeasible), stderr: \(result.err)", file: file, line: line)
            XCTAssertTrue(result.err.contains("cannot be planned"), result.err, file: file, line: line)
            let lines = result.err.split(separator: "\n").map(String.init).filter { $0.hasPrefix("  - ") }
            XCTAssertTrue(lines.contains { l in words.allSatisfy { l.lowercased().contains($0.lowercased()) } },
                          "no reason on stderr names \(words): \(result.err)", file: file, line: line)
            XCTAssertFalse(result.out.contains("Schedule written"), result.out, file: file, line: line)
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("schedule.csv").path), "a schedule was written", file: file, line: line)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "a schedule was written to --out", file: file, line: line)
        }
        XCTAssertEqual(try snapshot(scratch).keys.sorted(), before.keys.sorted(), "plan wrote files", file: file, line: line)
    }

    /// The lawful campaign the infeasible ones are made from plans (so each failure below comes
    /// from its one change).
    func testTheLawfulOneDayCampaignPlans() throws {
        let folder = try writeCampaign("lawful", yaml: Self.oneDay, candidates: Self.finalCandidate, jury: Self.lawfulJury, rooms: Self.lawfulRooms)
        assertPlansAndPassesCheck(folder)
    }

    /// (a) Only one external professional: FINAL needs two (2 of 3 > 66 %).
    func testTooFewExternalProfessionalsExits1() throws {
        let jury = Self.juryHeader + "P1,Martin,Hélène,professional,yes,yes,\nP2,Bernard,Anne,professional,no,no,\nK1,Robert,Luc,certifier,no,no,\n"
        let folder = try writeCampaign("a", yaml: Self.oneDay, candidates: Self.finalCandidate, jury: jury, rooms: Self.lawfulRooms)
        try assertInfeasibleCLI(folder, naming: ["FINAL", "external"])
    }

    /// (b) A candidate needing step-free access; no step-free room.
    func testNoStepFreeRoomExits1() throws {
        let candidates = "id,last_name,first_name,exams,accommodations,jury\nC1,Dupont,Léa,FINAL,accessible,\n"
        let rooms = Self.roomsHeader + "S1,Campus,1,no,projector\n"
        let folder = try writeCampaign("b", yaml: Self.oneDay, candidates: candidates, jury: Self.lawfulJury, rooms: rooms)
        try assertInfeasibleCLI(folder, naming: ["step-free", "C1"])
    }

    /// (c) FINAL needs a projector; no room has one.
    func testNoProjectorExits1() throws {
        let rooms = Self.roomsHeader + "S1,Campus,1,yes,\nS2,Campus,1,yes,visio\n"
        let folder = try writeCampaign("c", yaml: Self.oneDay, candidates: Self.finalCandidate, jury: Self.lawfulJury, rooms: rooms)
        try assertInfeasibleCLI(folder, naming: ["projector"])
    }

    /// (d) FINAL has a president; no professional may preside.
    func testNoPresidentExits1() throws {
        let jury = Self.juryHeader + "P1,Martin,Hélène,professional,yes,no,\nP2,Bernard,Anne,professional,yes,no,\nK1,Robert,Luc,certifier,no,yes,\n"
        let folder = try writeCampaign("d", yaml: Self.oneDay, candidates: Self.finalCandidate, jury: jury, rooms: Self.lawfulRooms)
        try assertInfeasibleCLI(folder, naming: ["president"])
    }

    /// `explain` (SPEC §3): the proof of (d) with exit 1; the lawful campaign has none (exit 0).
    func testExplainSaysWhyACampaignCannotBePlanned() throws {
        let jury = Self.juryHeader + "P1,Martin,Hélène,professional,yes,no,\nP2,Bernard,Anne,professional,yes,no,\nK1,Robert,Luc,certifier,no,yes,\n"
        let impossible = try writeCampaign("explain-d", yaml: Self.oneDay, candidates: Self.finalCandidate, jury: jury, rooms: Self.lawfulRooms)
        let explained = juryplan(["explain", "--campaign", impossible.path])
        XCTAssertEqual(explained.code, 1, explained.err)
        XCTAssertTrue(explained.out.contains("cannot be planned") && explained.out.contains("president"), explained.out)
        let lawful = try writeCampaign("explain-ok", yaml: Self.oneDay, candidates: Self.finalCandidate, jury: Self.lawfulJury, rooms: Self.lawfulRooms)
        let fine = juryplan(["explain", "--campaign", lawful.path])
        XCTAssertEqual(fine.code, 0, fine.err)
        XCTAssertTrue(fine.out.contains("No reason found"), fine.out)
    }

    /// (e) Six exams, one day, at most three a day.
    func testMoreExamsThanTheDaysAllowExits1() throws {
        let candidates = "id,last_name,first_name,exams\nC1,Dupont,Léa,BC1|BC2|BC3|BC4|BC5|FINAL\n"
        let rooms = Self.roomsHeader + "S1,Campus,1,yes,projector\nS2,Campus,1,yes,projector\nW1,Campus,10,yes,\n"
        let folder = try writeCampaign("e", yaml: Self.oneDay, candidates: candidates, jury: Self.lawfulJury, rooms: rooms)
        try assertInfeasibleCLI(folder, naming: ["C1", "6 exams", "3 a day"])
    }

    /// (f) A member needed twice at once: P1 is imposed on C1 and C2 (BC4, 30 min each) and is
    /// available 09:00-09:30 only, so both sittings would need P1 in the same 30 minutes.
    func testMemberNeededTwiceAtOnceExits1() throws {
        let candidates = "id,last_name,first_name,exams,jury\nC1,Dupont,Léa,BC4,P1\nC2,Durand,Marc,BC4,P1\n"
        let jury = Self.juryHeader + "P1,Martin,Hélène,professional,yes,yes,2027-06-14 09:00-09:30\nP2,Bernard,Anne,professional,yes,no,\nP3,Petit,Jean,professional,yes,no,\n"
        let rooms = Self.roomsHeader + "S1,Campus,1,yes,projector\nS2,Campus,1,yes,projector\n"
        let folder = try writeCampaign("f", yaml: Self.oneDay, candidates: candidates, jury: jury, rooms: rooms)
        try assertInfeasibleCLI(folder, naming: ["P1"])
    }

    /// (g) The member imposed on C1 is an internal professional: with them on a professional
    /// seat, FINAL's jury can hold at most 1 external member of 3 (R7 with R18).
    func testImposedInternalProfessionalExits1() throws {
        let candidates = "id,last_name,first_name,exams,accommodations,jury\nC1,Dupont,Léa,FINAL,,P3\n"
        let jury = Self.lawfulJury + "P3,Petit,Jean,professional,no,no,\n"
        let folder = try writeCampaign("g", yaml: Self.oneDay, candidates: candidates, jury: jury, rooms: Self.lawfulRooms)
        try assertInfeasibleCLI(folder, naming: ["FINAL", "C1", "external", "P3"])
    }

    /// (h) Three members imposed on a jury of two (the exam is not `imposed: true`).
    func testMoreImposedMembersThanSeatsExits1() throws {
        let candidates = "id,last_name,first_name,exams,accommodations,jury\nC1,Dupont,Léa,BC4,,P1|P2|P3\n"
        let jury = Self.lawfulJury + "P3,Petit,Jean,professional,yes,no,\n"
        let folder = try writeCampaign("h", yaml: Self.oneDay, candidates: candidates, jury: jury, rooms: Self.lawfulRooms)
        try assertInfeasibleCLI(folder, naming: ["BC4", "jury of 2", "3 members are imposed"])
    }

    /// (i) The second external professional is available only on a day outside the session (the
    /// token is ignored with a warning): they can never be convened, so FINAL lacks one.
    func testMemberAvailableOnlyOutsideTheSessionDoesNotCount() throws {
        let jury = Self.juryHeader + "P1,Martin,Hélène,professional,yes,yes,\nP2,Bernard,Anne,professional,yes,no,2027-07-01\nK1,Robert,Luc,certifier,no,no,\n"
        let folder = try writeCampaign("i", yaml: Self.oneDay, candidates: Self.finalCandidate, jury: jury, rooms: Self.lawfulRooms)
        try assertInfeasibleCLI(folder, naming: ["FINAL", "external"])
    }

    /// A tight three-day CSEC session written by hand (one certifier on most days, conflicts,
    /// trainers, step-free needs, a room open one day): the base layout leaves FINALs unplaced;
    /// the tight variant, which lets one jury hear several block exams in a panel, plans it,
    /// and `check` passes the schedule.
    func testTightSmallSessionIsPlannedByTheTightLayout() throws {
        let yaml = "name: Serré\npreset: csec\ndays: [2027-06-14, 2027-06-15, 2027-06-16]\nbuffer_minutes: 10\ncandidate: {max_exams_per_day: 4, min_break_minutes: 20}\n"
        let candidates = """
            id,last_name,first_name,email,structure,region,exams,accommodations,unavailable,preferred,trainers,group,jury
            C1,Durand,Anne,a@x.fr,MSP des Pentes,ARA,BC1|BC2|BC3|BC4|BC5|FINAL,extra_time,,2027-06-15,,,
            C2,Petit,Éric,e@x.fr,CPTS Nord,ARA,BC1|BC2|BC3|BC4|BC5|FINAL,accessible,2027-06-14 AM,,P2,,
            C3,Roux,Inès,,Centre Émile Zola,ARA,BC1|BC2|BC3|BC4|BC5|FINAL,extra_time|accessible,,,,,
            C4,Blanc,Paul,,,ARA,BC1|BC4|FINAL,,2027-06-15 13:30-15:00,,,,

            """
        let jury = """
            id,last_name,first_name,email,role,sector,external,structure,regions,available,preferred,max_per_day,exams,can_preside,conflicts
            P1,Martin,H,,professional,health,yes,msp des  pentes,,,,,,yes,
            P2,Bernard,F,,professional,medico-social,yes,EHPAD,,,,,,yes,
            P3,Dubois,N,,professional,social,yes,CENTRE EMILE ZOLA,,,,,,no,C1
            P4,Thomas,Z,,professional,health,yes,MSP Sud,,2027-06-14|2027-06-15 AM,,,,yes,
            P5,Robert,L,,professional,health,no,Institut,,,,6,,no,
            P6,Richard,M,,professional,health,yes,,,,,,BC1|BC2|FINAL,yes,C3
            K1,Petit,S,,certifier,health,no,Organisme,,,,,,no,
            K2,Durand,T,,certifier,health,no,Organisme,,2027-06-15,,,,no,

            """
        let rooms = "id,site,region,capacity,accessible,equipment,available\nA1,Site A,ARA,20,yes,projector,\nA2,Site A,ARA,6,no,projector|visio,\nB1,Site B,ARA,10,yes,projector,2027-06-15\nB2,Site B,ARA,30,no,,\n"
        let folder = try writeCampaign("tight", yaml: yaml, candidates: candidates, jury: jury, rooms: rooms)
        let result = assertPlansAndPassesCheck(folder, options: ["--verbose"])
        XCTAssertTrue(result.err.contains("the tight one"), result.err)
    }

    /// A tight two-day CPAS session written by hand (French headers): on the first day three
    /// members are free and conflicts of interest leave no single pair for every candidate, so a
    /// member must sit on two juries in one half-day. The tight variant's last resort lets stage 2
    /// (exact times) decide that; before, the planner gave up (exit 3).
    func testMemberOnTwoJuriesInOneHalfDayIsPlanned() throws {
        let yaml = "name: CPAS serré\npreset: cpas\ndays: [2027-11-08, 2027-11-09]\n"
        let candidates = """
            identifiant,nom,prénom,structure,épreuves,groupe,aménagements,indisponibilités,formateurs
            A1,Léger,Hélène,Dispositif Appui Coordination,B1|B2|B3|B4|B5E1,G1,,,
            A2,Noël,Françoise,SSIAD Évry,BC1|BC2|BC3|BC4|BC5E2,G1,extra_time,08/11/2027 PM,
            A3,Œuvray,Zoé,CCAS,B3|B4|B5E2,G1,accessible,,M2
            A4,Dupont,Jean,CCAS,B3|B4|B5E2,G2,,,
            A5,Martin,Léa,MDPH,B3|BC4|B5E1,,,,
            A6,Simon,René,CHU,B4,G2,,,

            """
        let jury = """
            identifiant,nom,prénom,rôle,externe,structure,épreuves,peut_présider,disponibilités,max_par_jour
            M1,Garnier,Élise,professional,oui,ccas,,non,,
            M2,Chevalier,Rémi,professional,non,,,non,,
            M3,François,Cécile,professional,oui,,B3|BC4|BC5E2,non,,
            M4,Perrin,Gaël,professional,non,,,non,09/11/2027,
            M5,Morel,Noé,professional,oui,CHU,,non,,0

            """
        let rooms = "id,site,capacité,accessible,équipement\nR1,Évry,3,oui,projector\nR2,Évry,2,non,projector\nR3,Corbeil,10,non,projector\n"
        let folder = try writeCampaign("cpas-tight", yaml: yaml, candidates: candidates, jury: jury, rooms: rooms)
        assertPlansAndPassesCheck(folder)
    }

    /// Eight 30-minute BC4s, one room, one open afternoon (240 minutes), four professionals:
    /// one jury cannot hear them all (it needs its buffer between sittings), two juries taking
    /// turns in the room can (a room needs no buffer). Planned by the packed tight variant.
    func testTwoJuriesTakingTurnsInOneRoomArePlanned() throws {
        let yaml = "name: Tour à tour\npreset: csec\ndays: [2027-06-14, 2027-06-15, 2027-06-16]\n"
        let candidates = "id,last_name,first_name,exams,unavailable\n" + (1...8).map { "C\($0),N\($0),P,BC4,2027-06-14|2027-06-15 AM|2027-06-16\n" }.joined()
        let jury = Self.juryHeader + (1...4).map { "P\($0),N\($0),P,professional,yes,yes,2027-06-15 PM\n" }.joined()
        let folder = try writeCampaign("turns", yaml: yaml, candidates: candidates, jury: jury, rooms: Self.roomsHeader + "R1,S,5,yes,projector\n")
        assertPlansAndPassesCheck(folder)
    }

    /// Three candidates sit BC1 and BC4 in the one open afternoon, in one room: 225 of its 240
    /// minutes, with each candidate's 30-minute break. Candidate by candidate the greedy leaves
    /// gaps; round by round (everyone's BC1, then everyone's BC4) it fits.
    func testOneRoomAfternoonIsPlannedRoundByRound() throws {
        let yaml = "name: Un après-midi\npreset: csec\ndays: [2027-06-14, 2027-06-15, 2027-06-16]\n"
        let candidates = "id,last_name,first_name,exams,unavailable\n" + (1...3).map { "C\($0),N\($0),P,BC1|BC4,2027-06-14|2027-06-15 AM|2027-06-16\n" }.joined()
        let jury = Self.juryHeader + (1...8).map { "P\($0),N\($0),P,professional,yes,yes,2027-06-15 PM\n" }.joined()
        let folder = try writeCampaign("rounds", yaml: yaml, candidates: candidates, jury: jury, rooms: Self.roomsHeader + "R1,S,5,yes,projector\n")
        assertPlansAndPassesCheck(folder)
    }

    /// (j) Counting arguments: a sitting longer than a half-day; more jury seats than the
    /// members' daily limits give; more room time needed in the one half-day the candidates can
    /// come than the rooms have.
    func testCapacityShortfallsExit1() throws {
        let long = "name: Longue\npreset: custom\ndays: [2027-06-14]\nexams:\n  - {id: BIG, mode: oral, minutes: 250, jury: 2}\n"
        let one = "id,last_name,first_name,exams\nC1,Dupont,Léa,BIG\n"
        let members = Self.juryHeader + "P1,Martin,Hélène,professional,yes,yes,\nP2,Bernard,Anne,professional,yes,no,\n"
        try assertInfeasibleCLI(try writeCampaign("j1", yaml: long, candidates: one, jury: members, rooms: Self.lawfulRooms),
                                naming: ["BIG", "C1", "250 minutes", "longer than any half-day"])

        let limited = "id,last_name,first_name,role,external,can_preside,available,max_per_day\n"
            + (1...4).map { "P\($0),N,P,professional,yes,yes,,1\n" }.joined()
        let three = "id,last_name,first_name,exams\nC1,A,A,BC4\nC2,B,B,BC4\nC3,C,C,BC4\n"
        try assertInfeasibleCLI(try writeCampaign("j2", yaml: Self.oneDay, candidates: three, jury: limited,
                                                  rooms: Self.roomsHeader + "S1,Campus,1,yes,projector\nS2,Campus,1,yes,projector\n"),
                                naming: ["6 member-sittings", "at most 4"])

        let twoDays = "name: Serré\npreset: csec\ndays: [2027-06-14, 2027-06-15]\n"
        let afternoonOnly = "id,last_name,first_name,exams,unavailable\n" + (1...6).map { "C\($0),N,P,BC1,2027-06-14|2027-06-15 AM\n" }.joined()
        let many = Self.juryHeader + (1...12).map { "P\($0),N,P,professional,yes,yes,\n" }.joined()
        try assertInfeasibleCLI(try writeCampaign("j3", yaml: twoDays, candidates: afternoonOnly, jury: many, rooms: Self.lawfulRooms),
                                naming: ["2027-06-15 afternoon", "270 minutes", "offer 240"])
    }

    /// (k) A scarce seat: seven FINALs, one professional who may preside, free one morning
    /// (six 30-minute sittings with the buffer).
    func testOnePresidentForTooManySittingsExits1() throws {
        let candidates = "id,last_name,first_name,exams\n" + (1...7).map { "C\($0),N\($0),P,FINAL\n" }.joined()
        let jury = Self.juryHeader + "P1,Martin,Hélène,professional,yes,yes,2027-06-14 AM\nP2,Bernard,Anne,professional,yes,no,\nP3,Petit,Jean,professional,yes,no,\nK1,Robert,Luc,certifier,no,no,\n"
        let folder = try writeCampaign("k", yaml: Self.oneDay, candidates: candidates, jury: jury,
                                       rooms: Self.roomsHeader + "S1,Campus,1,yes,projector\nS2,Campus,1,yes,projector\n")
        try assertInfeasibleCLI(folder, naming: ["FINAL", "7 president seat", "P1", "at most 6"])
    }

    /// (l) A CPAS group whose two candidates are never free at the same time of the one day.
    func testGroupNeverFreeTogetherExits1() throws {
        let yaml = "name: Groupe\npreset: cpas\ndays: [2027-06-14]\n"
        let candidates = "id,last_name,first_name,exams,group,unavailable\nC1,A,A,B4,G1,2027-06-14 AM\nC2,B,B,B4,G1,2027-06-14 PM\n"
        let jury = Self.juryHeader + "P1,Martin,Hélène,professional,yes,yes,\nP2,Bernard,Anne,professional,yes,no,\n"
        let folder = try writeCampaign("l", yaml: yaml, candidates: candidates, jury: jury, rooms: Self.roomsHeader + "S1,Campus,10,yes,projector\n")
        try assertInfeasibleCLI(folder, naming: ["B4", "C1", "C2", "never all free"])
    }

    // MARK: - 5. The commands

    func testPlanWritesScheduleCSVIntoTheCampaignFolderByDefault() throws {
        let folder = try copyFixture("pacte-demo")
        let result = juryplan(["plan", "--campaign", folder.path] + Self.timeLimitArgument)
        XCTAssertEqual(result.code, 0, result.err)
        let target = folder.appendingPathComponent("schedule.csv")
        XCTAssertTrue(result.out.contains("Schedule written to \(target.path)"), result.out)
        for word in ["Objective", "bound", "gap", "member-days", "room half-days", "candidate-days", "repeated examiners", "preferences"] {
            XCTAssertTrue(result.out.contains(word), "the summary shows \(word): \(result.out)")
        }
        let text = try String(contentsOf: target, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix(ScheduleCSV.englishHeader.joined(separator: ",") + "\n"), text)
        // The file passes `check`, and its figures are those printed.
        let checked = juryplan(["check", "--campaign", folder.path])
        XCTAssertEqual(checked.code, 0, checked.out + checked.err)
        XCTAssertTrue(checked.out.contains("no breach"), checked.out)
        let campaign = try CampaignLoader.load(folder).campaign
        let (schedule, _) = try ScheduleCSV.read(contentsOf: target)
        assertEveryRegistrationOnce(schedule, campaign, "pacte-demo via the CLI")
        var f = PlanFigures()
        PlanMeasures.fill(&f, schedule: schedule, campaign: campaign)
        XCTAssertTrue(result.out.contains(String(format: "Objective %.0f,", f.objective)), "printed objective ≠ the file's: \(f.objective)\n\(result.out)")
        XCTAssertTrue(result.out.contains("Planned \(schedule.rows.count) registrations"), result.out)
    }

    func testExcelFrenchScheduleIsReadBackByCheck() throws {
        let folder = try copyFixture("cpas-demo")
        let out = scratch.appendingPathComponent("planning excel.csv")
        let result = juryplan(["plan", "--campaign", folder.path, "--out", out.path, "--excel", "--lang", "fr"] + Self.timeLimitArgument)
        XCTAssertEqual(result.code, 0, result.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("schedule.csv").path), "--out replaces the default target")
        let data = try Data(contentsOf: out)
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 BOM")
        let text = try XCTUnwrap(String(data: data.dropFirst(3), encoding: .utf8))
        XCTAssertTrue(text.hasSuffix("\r\n"))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        XCTAssertEqual(lines.first, ScheduleCSV.frenchHeader.joined(separator: ";"))
        XCTAssertEqual(lines.first, "date;début;fin;site;salle;épreuve;id_candidat;nom_candidat;jury;président;part_externe")
        XCTAssertGreaterThan(lines.count, 1, "rows")
        let date = try NSRegularExpression(pattern: "^[0-3][0-9]/[01][0-9]/20[0-9]{2};[0-2][0-9]:[0-5][0-9];")
        for l in lines.dropFirst() {
            XCTAssertNotNil(date.firstMatch(in: l, range: NSRange(l.startIndex..., in: l)), "DD/MM/YYYY;HH:MM; expected: \(l)")
            XCTAssertFalse(l.contains("2027-"), "no ISO date in the Excel dialect: \(l)")
        }
        let checked = juryplan(["check", out.path, "--campaign", folder.path])
        XCTAssertEqual(checked.code, 0, checked.out + checked.err)
        // The same plan as the plain CSV, row for row.
        let plain = scratch.appendingPathComponent("plain.csv")
        XCTAssertEqual(juryplan(["plan", "--campaign", folder.path, "--out", plain.path] + Self.timeLimitArgument).code, 0)
        let (a, _) = try ScheduleCSV.read(contentsOf: out)
        let (b, _) = try ScheduleCSV.read(contentsOf: plain)
        XCTAssertEqual(a.rows.map { [$0.day.iso, "\($0.time)", $0.room, $0.exam, $0.candidateID, $0.jury.joined(separator: "|"), $0.president] },
                       b.rows.map { [$0.day.iso, "\($0.time)", $0.room, $0.exam, $0.candidateID, $0.jury.joined(separator: "|"), $0.president] })
    }

    func testDemoWritesACampaignThatCheckPasses() throws {
        let folder = scratch.appendingPathComponent("demo", isDirectory: true)
        let result = juryplan(["demo", "--out", folder.path] + Self.timeLimitArgument)
        XCTAssertEqual(result.code, 0, result.out + result.err)
        let schedule = folder.appendingPathComponent("schedule.csv")
        XCTAssertTrue(FileManager.default.fileExists(atPath: schedule.path), "demo writes DIR/schedule.csv")
        for file in Self.inputFiles {
            XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path), "demo writes \(file)")
        }
        guard result.code == 0 else { return }
        XCTAssertTrue(result.out.contains("0 breaches"), result.out)
        let checked = juryplan(["check", "--campaign", folder.path])
        XCTAssertEqual(checked.code, 0, checked.out + checked.err)
    }

    /// `--days` sets the session length (SPEC's 5,000-candidate shape has 30 days); rooms
    /// scale to it, and a wrong value is a usage error.
    func testGenerateDays() throws {
        let short = scratch.appendingPathComponent("gen-days-3", isDirectory: true)
        let long = scratch.appendingPathComponent("gen-days-8", isDirectory: true)
        XCTAssertEqual(juryplan(["generate", "--preset", "csec", "--candidates", "40", "--days", "3", short.path]).code, 0)
        XCTAssertEqual(juryplan(["generate", "--preset", "csec", "--candidates", "40", "--days", "8", long.path]).code, 0)
        let (a, b) = (try CampaignLoader.load(short).campaign, try CampaignLoader.load(long).campaign)
        XCTAssertEqual(a.days.count, 3)
        XCTAssertEqual(b.days.count, 8)
        XCTAssertGreaterThan(a.rooms.count, b.rooms.count, "fewer days, more rooms a day")
        XCTAssertEqual(juryplan(["generate", "--preset", "csec", "--candidates", "4", "--days", "0", scratch.appendingPathComponent("gen-days-0").path]).code, 2)
    }

    func testGenerateWritesALoadableCampaignDeterministically() throws {
        let a = scratch.appendingPathComponent("gen-a", isDirectory: true)
        let b = scratch.appendingPathComponent("gen-b", isDirectory: true)
        let c = scratch.appendingPathComponent("gen-c", isDirectory: true)
        let first = juryplan(["generate", "--preset", "cpas", "--candidates", "12", "--seed", "5", a.path])
        XCTAssertEqual(first.code, 0, first.err)
        XCTAssertEqual(juryplan(["generate", "--preset", "cpas", "--candidates", "12", "--seed", "5", b.path]).code, 0)
        XCTAssertEqual(juryplan(["generate", "--preset", "cpas", "--candidates", "12", "--seed", "6", c.path]).code, 0)
        let loaded = try CampaignLoader.load(a)
        XCTAssertEqual(loaded.campaign.preset, .cpas)
        XCTAssertEqual(loaded.campaign.candidates.count, 12)
        XCTAssertFalse(loaded.campaign.members.isEmpty)
        XCTAssertFalse(loaded.campaign.rooms.isEmpty)
        // The files hold the generator's campaign.
        let generated = CampaignGenerator(preset: .cpas, candidates: 12, seed: 5).generate()
        XCTAssertEqual(loaded.campaign.candidates.map(\.id), generated.candidates.map(\.id))
        XCTAssertEqual(loaded.campaign.candidates.map { $0.exams.map(loaded.campaign.canonicalExamID) },
                       generated.candidates.map { $0.exams.map(generated.canonicalExamID) })
        XCTAssertEqual(loaded.campaign.members.map(\.id), generated.members.map(\.id))
        XCTAssertEqual(loaded.campaign.days, generated.days)
        for file in Self.inputFiles {
            let x = try Data(contentsOf: a.appendingPathComponent(file)), y = try Data(contentsOf: b.appendingPathComponent(file))
            XCTAssertEqual(x, y, "\(file): same seed, different bytes")
        }
        XCTAssertNotEqual(try Data(contentsOf: a.appendingPathComponent("candidates.csv")), try Data(contentsOf: c.appendingPathComponent("candidates.csv")),
                          "another seed, another campaign")
        // And it plans cleanly through the CLI.
        let planned = juryplan(["plan", "--campaign", a.path] + Self.timeLimitArgument)
        XCTAssertEqual(planned.code, 0, planned.err)
        XCTAssertEqual(juryplan(["check", "--campaign", a.path]).code, 0)
    }

    func testGenerateNeverOverwritesACampaign() throws {
        let folder = try copyFixture("pacte-demo")
        let before = try snapshot(folder)
        let result = juryplan(["generate", "--preset", "csec", "--candidates", "3", "--seed", "1", folder.path])
        XCTAssertEqual(result.code, 2, result.err)
        XCTAssertEqual(try snapshot(folder), before)
    }

    func testPlanWithoutCandidatesNeverCrashes() throws {
        let folder = try writeCampaign("empty", yaml: Self.oneDay, candidates: "id,last_name,first_name,exams\n",
                                       jury: Self.lawfulJury, rooms: Self.lawfulRooms)
        let result = juryplan(["plan", "--campaign", folder.path] + Self.timeLimitArgument)
        let target = folder.appendingPathComponent("schedule.csv")
        switch result.code {
        case 0:
            print("plan on a campaign without candidates: exit 0, empty schedule; stdout: \(result.out)")
            XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), ScheduleCSV.englishHeader.joined(separator: ",") + "\n")
            XCTAssertEqual(juryplan(["check", "--campaign", folder.path]).code, 0)
        case 2:
            print("plan on a campaign without candidates: exit 2; stderr: \(result.err)")
            XCTAssertFalse(result.err.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "a clear message")
            XCTAssertTrue(result.err.lowercased().contains("candidate"), result.err)
            XCTAssertFalse(FileManager.default.fileExists(atPath: target.path))
        default:
            XCTFail("exit \(result.code), expected 0 (empty schedule) or 2 (refused): \(result.out) \(result.err)")
        }
    }

    func testBadPlanningOptionsAreUsageErrors() throws {
        let folder = try writeCampaign("usage", yaml: Self.oneDay, candidates: Self.finalCandidate, jury: Self.lawfulJury, rooms: Self.lawfulRooms)
        for bad in [["--time-limit", "-1"], ["--time-limit=-1"], ["--time-limit", "0"], ["--time-limit", "nan"], ["--gap", "1"], ["--gap", "-0.1"]] {
            let result = juryplan(["plan", "--campaign", folder.path] + bad)
            XCTAssertEqual(result.code, 2, "\(bad): \(result.err)")
            XCTAssertFalse(result.err.isEmpty, "\(bad): a message on stderr")
            XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("schedule.csv").path), "\(bad): nothing written")
        }
        let negative = juryplan(["plan", "--campaign", folder.path, "--time-limit", "-1"])
        XCTAssertTrue(negative.err.contains("time-limit"), negative.err)
    }

    func testPlanOnAMissingCampaignIsBadInput() throws {
        let result = juryplan(["plan", "--campaign", scratch.appendingPathComponent("nowhere").path])
        XCTAssertEqual(result.code, 2, result.err)
        XCTAssertFalse(result.err.isEmpty)
    }
}
