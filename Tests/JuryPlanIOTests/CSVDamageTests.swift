import Foundation
import XCTest
import JuryPlanCore
@testable import JuryPlanIO

/// Issue 16: damaged rows are errors naming file, line and column, never silently reshaped.
final class CSVDamageTests: XCTestCase {
    private func parse(_ text: String, file: String = "t.csv") throws -> CSVTable {
        try CSVReader.parse(Data(text.utf8), file: file)
    }

    private func errors(_ data: Data, file: String = "t.csv") -> [String] {
        do {
            _ = try CSVReader.parse(data, file: file)
            XCTFail("expected an input error")
            return []
        } catch let error as InputError {
            return error.issues.map(\.description)
        } catch {
            XCTFail("unexpected error \(error)")
            return []
        }
    }

    private func errors(_ text: String) -> [String] { errors(Data(text.utf8)) }

    func testAMarkAfterADelimiterStartsTheNextCell() throws {
        for mark in ["\u{301}", "\u{200D}", "\u{FE0F}"] {
            let table = try parse("id,first_name,email\nP12,Hervé,\(mark)herve@exemple.fr\n")
            XCTAssertEqual(table.rows.first?.fields.map(\.text), ["P12", "Hervé", "\(mark)herve@exemple.fr"], "mark U+\(String(mark.unicodeScalars.first!.value, radix: 16))")
            XCTAssertEqual(table.rows.first?.fields.last?.column, 11)
        }
        XCTAssertEqual(CSVReader.splitList("BC1|\u{301}BC2"), ["BC1", "\u{301}BC2"])
    }

    func testARowWrittenWithTabsInACommaFileIsAnError() {
        XCTAssertEqual(errors("id,site,region,capacity\nS1,A,Bretagne,4\nS2\tB\tBretagne\t6\n"), [
            "t.csv:3:3: error: this row has 1 field separated by \",\" but 4 separated by a tab; the header has 4 columns: use \",\" throughout the file (or quote the value)",
        ])
    }

    func testAShortRowWithoutAnotherDelimiterIsStillRead() throws {
        // Trailing cells simply absent: a warning later (CellReader), not an error here.
        let table = try parse("id,site,region,capacity\nS1,A\nS2,B\tC\n")
        XCTAssertEqual(table.rows.map { $0.fields.map(\.text) }, [["S1", "A"], ["S2", "B\tC"]])
    }

    func testAStrayQuoteIsAnError() {
        XCTAssertEqual(errors("a;id;c\n1;\"\"C0074\"\";3\n"), [
            "t.csv:2:10: error: stray quote after the quoted field that starts at column 3: a quote inside a quoted field is written \"\"",
        ])
    }

    func testANulByteIsAnError() {
        XCTAssertEqual(errors("id,name\nR1,Sal\u{0}le\n"), ["t.csv:2:7: error: a NUL byte (U+0000) is not text: the file is damaged or binary"])
        XCTAssertEqual(errors("id,name\nR1,\"a\u{0}\"\n"), ["t.csv:2:6: error: a NUL byte (U+0000) is not text: the file is damaged or binary"])
    }

    func testBytesThatAreNeitherUTF8NorWindows1252AreAnError() {
        XCTAssertEqual(errors(Data("id,name\nR1,S".utf8) + Data([0x81]) + Data("\n".utf8)),
                       ["t.csv:2:5: error: byte 0x81 is not a character in Windows-1252: save the file as \"CSV UTF-8\" from the spreadsheet"])
        // "é" in UTF-8 on one line, in Windows-1252 on the next: a damaged file, not Windows-1252 text.
        XCTAssertEqual(errors(Data("id,name\nR1,Caf\u{E9}\nR2,".utf8) + Data([0xE9]) + Data("t\u{E9}\n".utf8)),
                       ["t.csv:3:4: error: byte 0xE9 is not valid UTF-8, while other parts of the file are UTF-8: save the file as \"CSV UTF-8\" from the spreadsheet"])
    }

    func testWindows1252FilesAreStillRead() throws {
        let table = try CSVReader.parse(Data([0x69, 0x64, 0x0A, 0x45, 0xE9, 0x80, 0x0A]), file: "t.csv")
        XCTAssertEqual(table.encoding, .windows1252)
        XCTAssertEqual(table.rows.first?.fields.first?.text, "Eé€")
    }

    func testACellLongerThanTheLimitIsAnError() throws {
        let long = String(repeating: "A", count: 10_001)
        XCTAssertEqual(errors("id,name\nR1,\(long)\nR2,\"\(long)\"\n"), [
            "t.csv:2:4: error: this cell is longer than 10000 characters",
            "t.csv:3:4: error: this cell is longer than 10000 characters",
        ])
        XCTAssertEqual(try parse("id,name\nR1,\(long.dropLast())\n").rows.first?.fields.last?.text.count, 10_000)
    }
}
