import Foundation
import XCTest
@testable import JuryPlanCLI

/// `generate --preset P --tight` through the command line: the campaign and a witness that
/// `check` passes, the witness's objective in the message, and the same files for the same seed.
final class GenerateCommandTests: TemporaryFolderTestCase {
    func testTightPresetWritesAWitnessThatChecks() throws {
        let folder = scratch.appendingPathComponent("tight")
        let generated = juryplan(["generate", "--preset", "pacte", "--tight", "--candidates", "12", "--seed", "3", folder.path])
        XCTAssertEqual(generated.code, 0, generated.err)
        XCTAssertTrue(generated.out.contains("members scarce, with a lawful witness.csv (objective "), generated.out)
        let witness = folder.appendingPathComponent("witness.csv")
        let checked = juryplan(["check", witness.path, "--campaign", folder.path])
        XCTAssertEqual(checked.code, 0, checked.out + checked.err)

        let again = scratch.appendingPathComponent("again")
        XCTAssertEqual(juryplan(["generate", "--preset", "pacte", "--tight", "--candidates", "12", "--seed", "3", again.path]).code, 0)
        for file in ["jury.csv", "rooms.csv", "witness.csv"] {
            XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent(file)), try Data(contentsOf: again.appendingPathComponent(file)), file)
        }
        XCTAssertEqual(juryplan(["generate", "--shape", "master-defences", "--tight", "--candidates", "5", scratch.appendingPathComponent("x").path]).code, 2,
                       "--tight goes with --preset")
    }
}
