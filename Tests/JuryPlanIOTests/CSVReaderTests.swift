import Foundation
import XCTest
import JuryPlanCore
@testable import JuryPlanIO

final class CSVReaderTests: XCTestCase {
    // MARK: - Helpers

    private func fixture(_ name: String) -> URL {
        Bundle.module.url(forResource: "Files", withExtension: nil)!.appendingPathComponent("csv/\(name)")
    }

    private func read(_ name: String) throws -> CSVTable {
        try CSVReader.read(contentsOf: fixture(name))
    }

    private func texts(_ row: CSVRow) -> [String] { row.fields.map(\.text) }

    private func positions(_ row: CSVRow) -> [String] { row.fields.map { "\($0.line):\($0.column)" } }


    private func parse(_ text: String, file: String = "mem.csv") throws -> CSVTable {
        try CSVReader.parse(Data(text.utf8), file: file)
    }

    private let personColumns = [
        CSVColumn("last_name", aliases: ["name", "last name", "nom", "nom de famille"]),
        CSVColumn("first_name", aliases: ["first name", "prénom"]),
        CSVColumn("region", aliases: ["région"], required: false),
        CSVColumn("email", aliases: ["e-mail", "courriel", "mél"], required: false),
    ]

    // MARK: - Delimiters

    func testCommaDelimited() throws {
        let table = try read("comma.csv")
        XCTAssertEqual(table.file, "comma.csv")
        XCTAssertEqual(table.delimiter, ",")
        XCTAssertEqual(table.encoding, .utf8)
        XCTAssertEqual(texts(table.header), ["name", "first_name", "region"])
        XCTAssertEqual(table.rows.map(texts), [["Dupont", "Jean", "Bretagne"], ["Martin", "Claire", "Normandie"]])
        XCTAssertEqual(table.rows.map(\.line), [2, 3])
        // "Martin , Claire ,Normandie": unquoted fields trimmed, positioned at their first character.
        XCTAssertEqual(positions(table.rows[1]), ["3:1", "3:10", "3:18"])
    }

    func testSemicolonDelimitedWithCommasInValues() throws {
        let table = try read("semicolon.csv")
        XCTAssertEqual(table.delimiter, ";")
        XCTAssertEqual(texts(table.header), ["nom", "prénom", "région"])
        XCTAssertEqual(table.rows.map(texts), [["Dupont", "Jean", "Bretagne, Nord"], ["Martin", "Claire", "Normandie"]])
    }

    func testTabDelimited() throws {
        let table = try read("tab.csv")
        XCTAssertEqual(table.delimiter, "\t")
        XCTAssertEqual(texts(table.header), ["name", "first_name", "region"])
        XCTAssertEqual(table.rows.map(texts), [["Dupont", "Jean Paul", "Île-de-France"], ["Martin", "Claire", "Normandie"]])
        XCTAssertEqual(positions(table.rows[0]), ["2:1", "2:8", "2:18"])
    }

    func testDelimiterSniffingTiesAndQuotes() throws {
        XCTAssertEqual(try parse("a;b,c\n").delimiter, ";")       // tie ; vs , → ;
        XCTAssertEqual(try parse("a,b\tc\n").delimiter, "\t")     // tie tab vs , → tab
        XCTAssertEqual(try parse("a;b\tc\n").delimiter, ";")      // tie ; vs tab → ;
        XCTAssertEqual(try parse("a,b,c;d\n").delimiter, ",")     // most frequent wins
        XCTAssertEqual(try parse("\"a;b;c\",d\n").delimiter, ",") // delimiters inside quotes do not count
        // Whitespace-only lines are skipped; a line of bare delimiters (empty spreadsheet row) decides.
        let tabs = try parse("\r\n\t\t\r\nname\tfirst,name\n")
        XCTAssertEqual(tabs.delimiter, "\t")
        XCTAssertEqual(tabs.header.line, 3)
        XCTAssertEqual(texts(tabs.header), ["name", "first,name"])
        let single = try parse("name\nDupont\nMartin\n")
        XCTAssertEqual(single.delimiter, ",")
        XCTAssertEqual(single.rows.map(texts), [["Dupont"], ["Martin"]])
    }

    // MARK: - Encodings

    func testUTF8WithBOM() throws {
        let table = try read("utf8_bom.csv")
        XCTAssertEqual(table.encoding, .utf8BOM)
        XCTAssertEqual(table.header.fields.first?.text, "nom")
        XCTAssertEqual(table.header.fields.first?.column, 1)
        XCTAssertEqual(table.header.fields.first?.text.unicodeScalars.first, "n")
        XCTAssertEqual(table.rows.map(texts), [["Dupont", "Élodie"]])
        let header = try CSVHeader(table.header, columns: personColumns, file: table.file)
        XCTAssertEqual(header.index(of: "last_name"), 0)
    }

    func testWindows1252() throws {
        let table = try read("cp1252.csv")
        XCTAssertEqual(table.encoding, .windows1252)
        XCTAssertEqual(table.delimiter, ";")
        XCTAssertEqual(texts(table.header), ["nom", "prénom", "commentaire"])
        XCTAssertEqual(table.rows.map(texts), [
            ["Lefèvre", "Cécile", "à ç œ € ’ è"],
            ["Œuvre", "Zoé", "“ok” – fin…"],
        ])
        XCTAssertEqual(table.rows.map(\.line), [2, 3])
    }

    func testDecodeWindows1252Table() {
        let (text, encoding) = CSVReader.decode(Data(0x80...0x9F))
        XCTAssertEqual(encoding, .windows1252)
        XCTAssertEqual(text, "€\u{FFFD}‚ƒ„…†‡ˆ‰Š‹Œ\u{FFFD}Ž\u{FFFD}\u{FFFD}‘’“”•–—˜™š›œ\u{FFFD}žŸ")
        // Other bytes are Latin-1.
        XCTAssertEqual(CSVReader.decode(Data([0x41, 0xA0, 0xC9, 0xFF])).0, "A\u{A0}Éÿ")
        // Overlong UTF-8 is not UTF-8.
        XCTAssertEqual(CSVReader.decode(Data([0xC0, 0xAF])).0, "À¯")
    }

    func testDecodeUTF8() {
        XCTAssertEqual(CSVReader.decode(Data([0xEF, 0xBB, 0xBF])).0, "")
        XCTAssertEqual(CSVReader.decode(Data([0xEF, 0xBB, 0xBF])).1, .utf8BOM)
        let (text, encoding) = CSVReader.decode(Data("é€\u{0}x".utf8))
        XCTAssertEqual(text, "é€\u{0}x")
        XCTAssertEqual(encoding, .utf8)
        XCTAssertEqual(CSVReader.decode(Data()).1, .utf8)
    }

    func testUTF16IsRejected() {
        let error = expectInputError { _ = try read("utf16.csv") }
        XCTAssertEqual(error?.issues.count, 1)
        XCTAssertTrue(error?.description.hasPrefix("utf16.csv:1:1: error: the file is encoded as UTF-16") ?? false, error?.description ?? "")
    }

    // MARK: - Line endings

    func testLineEndings() throws {
        let lf = try read("endings_lf.csv")
        let crlf = try read("endings_crlf.csv")
        let cr = try read("endings_cr.csv")
        let mixed = try read("endings_mixed.csv")
        XCTAssertEqual(lf.rows.map(texts), [["1", "2"], ["3", "4"]])
        XCTAssertEqual(lf.rows.map(\.line), [2, 3])
        XCTAssertEqual(positions(lf.rows[1]), ["3:1", "3:3"])
        for other in [crlf, cr, mixed] {
            XCTAssertEqual(other.header, lf.header)
            XCTAssertEqual(other.rows, lf.rows)
            XCTAssertEqual(other.delimiter, ",")
        }
    }

    // MARK: - Quoting

    func testQuotedFields() throws {
        let table = try read("quoted.csv")
        XCTAssertEqual(table.rows.count, 2)
        let first = table.rows[0]
        XCTAssertEqual(texts(first), ["Dupont, Jean", "Line one\r\nline \"two\"", "Bretagne"])
        XCTAssertEqual(first.line, 2)
        XCTAssertEqual(positions(first), ["2:1", "2:16", "3:15"])
        XCTAssertEqual(first.endLine, 3)
        XCTAssertEqual(first.endColumn, 23)
        // The next row keeps its physical line number.
        let second = table.rows[1]
        XCTAssertEqual(second.line, 4)
        XCTAssertEqual(texts(second), ["Martin", "plain", "Normandie"])
        XCTAssertEqual(positions(second), ["4:1", "4:8", "4:16"])
    }

    func testQuotesInsideUnquotedFieldsAreLiteral() throws {
        let table = try read("quote_in_unquoted.csv")
        XCTAssertEqual(table.rows.map(texts), [["5\" screen", "Dupont \"Jeannot\""], ["quoted tail", "x"]])
        XCTAssertEqual(positions(table.rows[1]), ["3:2", "3:17"])
    }

    func testQuotedFieldKeepsSpacesAndEmptyQuotedFields() throws {
        let table = try parse("a;b;c\n\" x \";\"\";\"say \"\"hi\"\"\"\n")
        XCTAssertEqual(table.rows.map(texts), [[" x ", "", "say \"hi\""]])
        // A row made only of empty quoted fields is blank.
        XCTAssertEqual(try parse("a;b\n\"\";\"\"\n").rows.count, 0)
    }

    func testUnterminatedQuote() {
        let error = expectInputError { _ = try read("unterminated.csv") }
        XCTAssertEqual(error?.issues.count, 1)
        XCTAssertEqual(error?.description, "unterminated.csv:2:3: error: unterminated quoted field starting here: expected a closing \" before the end of the file")
    }

    // MARK: - Row shapes

    func testTooManyFields() {
        let error = expectInputError { _ = try read("too_many.csv") }
        XCTAssertEqual(error?.issues.count, 2)
        let lines = error?.description.split(separator: "\n").map(String.init) ?? []
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines.first?.hasPrefix("too_many.csv:3:5: error: unexpected value \"5\": this row has 3 fields but the header has 2 columns") ?? false, lines.first ?? "")
        // Blank extra fields are skipped: the message points at the first extra value.
        XCTAssertTrue(lines.last?.hasPrefix("too_many.csv:4:7: error: unexpected value \"8\"") ?? false, lines.last ?? "")
    }

    func testTrailingEmptyDelimitersAccepted() throws {
        let table = try read("trailing_delimiters.csv")
        XCTAssertEqual(texts(table.header), ["a", "b", "", ""])
        XCTAssertEqual(table.rows.map(texts), [["1", "2", "", ""], ["3", "4", "", ""], ["5", "6"]])
        let header = try CSVHeader(table.header, columns: [CSVColumn("a"), CSVColumn("b")], file: table.file)
        XCTAssertEqual(header.warnings, [])
        XCTAssertEqual(header.field("b", in: table.rows[2])?.text, "6")
    }

    func testBlankLinesSkipped() throws {
        let table = try read("blank_lines.csv")
        XCTAssertEqual(table.header.line, 2)
        XCTAssertEqual(positions(table.header), ["2:2", "2:4"])
        XCTAssertEqual(table.rows.map(texts), [["1", "2"], ["3", "4"]])
        XCTAssertEqual(table.rows.map(\.line), [4, 7])
    }

    func testShortRowYieldsEmptyFieldAtEndOfLine() throws {
        let table = try read("short_row.csv")
        let header = try CSVHeader(table.header, columns: [CSVColumn("a"), CSVColumn("b"), CSVColumn("c")], file: table.file)
        let field = header.field("c", in: table.rows[0])
        XCTAssertEqual(field, CSVField(text: "", line: 2, column: 4))
        XCTAssertEqual(header.field("b", in: table.rows[0])?.text, "2")
        XCTAssertNil(header.field("d", in: table.rows[0]))
    }

    func testEmptyFileAndHeaderOnly() throws {
        let empty = try read("empty.csv")
        XCTAssertEqual(empty.header.fields.count, 0)
        XCTAssertEqual(empty.rows.count, 0)
        let error = expectInputError { _ = try CSVHeader(empty.header, columns: self.personColumns, file: empty.file) }
        XCTAssertEqual(error?.description, "empty.csv: error: the file is empty: expected a header line with the columns \"last_name\", \"name\", \"nom\" or \"nom de famille\"; \"first_name\" or \"prénom\"")

        let headerOnly = try read("header_only.csv")
        XCTAssertEqual(texts(headerOnly.header), ["a", "b"])
        XCTAssertEqual(headerOnly.rows.count, 0)
    }

    /// Cells are split on scalars, so columns count scalars: e + U+0301 is two, 👨‍👩‍👧 five.
    func testColumnsCountUnicodeScalars() throws {
        let table = try parse("nom;prénom\ne\u{301}t\u{E9};x\n👨‍👩‍👧;y\n")
        XCTAssertEqual(positions(table.rows[0]), ["2:1", "2:6"])
        XCTAssertEqual(positions(table.rows[1]), ["3:1", "3:7"])
    }

    // MARK: - Header lookup

    func testEnglishAndFrenchHeadersInAnyOrder() throws {
        let english = try read("headers_en.csv")
        let french = try read("headers_fr.csv")
        let en = try CSVHeader(english.header, columns: personColumns, file: english.file)
        let fr = try CSVHeader(french.header, columns: personColumns, file: french.file)
        XCTAssertEqual(en.warnings, [])
        XCTAssertEqual(fr.warnings, [])
        XCTAssertEqual(fr.indices, ["region": 0, "first_name": 1, "last_name": 2, "email": 3])
        for key in ["last_name", "first_name", "region", "email"] {
            XCTAssertEqual(en.field(key, in: english.rows[0])?.text, fr.field(key, in: french.rows[0])?.text, key)
        }
        XCTAssertEqual(fr.field("first_name", in: french.rows[0])?.text, "Jean")
        XCTAssertEqual(positions(french.header), ["1:1", "1:10", "1:17", "1:32"])
        XCTAssertEqual(fr.location(of: french.header.fields[1]).description, "headers_fr.csv:1:10")
    }

    func testUnknownColumnWarning() throws {
        let table = try read("unknown_column.csv")
        let header = try CSVHeader(table.header, columns: personColumns, file: table.file)
        XCTAssertEqual(header.warnings.map(\.description), ["unknown_column.csv:1:17: warning: unknown column \"Shoe size\" is ignored"])
        XCTAssertEqual(header.field("last_name", in: table.rows[0])?.text, "Dupont")
        XCTAssertNil(header.field("region", in: table.rows[0]))
        XCTAssertFalse(header.contains("region"))
    }

    func testUnnamedColumnInTheMiddleWarns() throws {
        let table = try parse("nom;;prénom\nDupont;x;Jean\n")
        let header = try CSVHeader(table.header, columns: personColumns, file: table.file)
        XCTAssertEqual(header.warnings.map(\.description), ["mem.csv:1:5: warning: column 2 has no header name; its values are ignored"])
    }

    func testMissingRequiredColumn() {
        let error = expectInputError {
            let table = try self.read("missing_column.csv")
            _ = try CSVHeader(table.header, columns: self.personColumns, file: table.file)
        }
        XCTAssertEqual(error?.issues.count, 1)
        XCTAssertEqual(error?.description, "missing_column.csv:1: error: missing required column: expected \"first_name\" or \"prénom\"")
    }

    func testDuplicateColumn() {
        let error = expectInputError {
            let table = try self.read("duplicate_column.csv")
            _ = try CSVHeader(table.header, columns: self.personColumns, file: table.file)
        }
        XCTAssertEqual(error?.issues.count, 1)
        XCTAssertEqual(error?.description, "duplicate_column.csv:1:12: error: duplicate column \"First Name\": column \"prénom\" at line 1, column 1 already gives first_name; keep only one of them")
    }

    // MARK: - Helpers: lists and names

    func testListSplitting() throws {
        let table = try read("lists.csv")
        let header = try CSVHeader(table.header, columns: [CSVColumn("name"), CSVColumn("subjects", aliases: ["matières"])], file: table.file)
        let cells = table.rows.map { header.field("subjects", in: $0)?.text ?? "?" }
        XCTAssertEqual(cells.map(CSVReader.splitList), [["maths", "physique", "chimie"], []])
        XCTAssertEqual(CSVReader.splitList(""), [])
        XCTAssertEqual(CSVReader.splitList("|"), [])
        XCTAssertEqual(CSVReader.splitList("a"), ["a"])
        XCTAssertEqual(CSVReader.splitList(" a b |\u{A0}c "), ["a b", "c"])
    }

    func testNormalizeKey() {
        for spelling in ["Prénom", "prenom", "PRÉNOM ", " prénom\u{A0}"] {
            XCTAssertEqual(CSVReader.normalizeKey(spelling), "prenom", spelling)
        }
        for spelling in ["first name", "first_name", "First-Name", "First  Name", "first - name", "first’name", "FIRST_NAME "] {
            XCTAssertEqual(CSVReader.normalizeKey(spelling), "first_name", spelling)
        }
        XCTAssertEqual(CSVReader.normalizeKey("Date de naissance"), "date_de_naissance")
        XCTAssertEqual(CSVReader.normalizeKey("Nom d'usage"), "nom_d_usage")
        XCTAssertEqual(CSVReader.normalizeKey("Établissement d’accueil"), "etablissement_d_accueil")
        XCTAssertEqual(CSVReader.normalizeKey("Cœur Ça"), "coeur_ca")
        XCTAssertEqual(CSVReader.normalizeKey("e\u{301}cole"), "ecole")
        XCTAssertEqual(CSVReader.normalizeKey("  "), "")
        XCTAssertEqual(CSVHeader.normalizeKey("Région"), "region")
    }

    func testNormalizeName() {
        XCTAssertEqual(CSVReader.normalizeName("Île-de-France "), "ile-de-france")
        XCTAssertEqual(CSVReader.normalizeName("ile-de- FRANCE"), "ile-de-france")
        XCTAssertEqual(CSVReader.normalizeName("Lycée  Jean\u{A0}Moulin"), "lyceejeanmoulin")
    }

    // MARK: - Robustness

    func testMissingFileAndDirectory() {
        let missing = expectInputError { _ = try CSVReader.read(contentsOf: self.fixture("nope.csv")) }
        XCTAssertTrue(missing?.description.hasPrefix("nope.csv: error: file not found") ?? false, missing?.description ?? "")
        let named = expectInputError { _ = try CSVReader.read(contentsOf: self.fixture("nope.csv"), displayName: "data/candidats.csv") }
        XCTAssertTrue(named?.description.hasPrefix("data/candidats.csv: error: file not found") ?? false, named?.description ?? "")
        let directory = expectInputError { _ = try CSVReader.read(contentsOf: self.fixture(""), displayName: "csv") }
        XCTAssertTrue(directory?.description.hasPrefix("csv: error: is a directory") ?? false, directory?.description ?? "")
    }

    func testBinaryJunkDoesNotCrash() throws {
        do {
            let table = try read("binary.bin")
            XCTAssertEqual(table.encoding, .windows1252)
        } catch is InputError {
            // Acceptable: a message, not a crash.
        }
    }

    func testRandomInputNeverCrashes() {
        let alphabet: [UInt8] = [0x00, 0x09, 0x0A, 0x0D, 0x20, 0x22, 0x22, 0x2C, 0x3B, 0x7C, 0x61, 0x62,
                                 0x80, 0x81, 0x9D, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xEF, 0xBB, 0xBF, 0xFF, 0xFE, 0xCC, 0x81]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        let columns = [CSVColumn("a", aliases: ["b"]), CSVColumn("c", required: false)]
        for _ in 0..<3000 {
            let length = next() % 40
            let bytes = (0..<length).map { _ in alphabet[next() % alphabet.count] }
            do {
                let table = try CSVReader.parse(Data(bytes), file: "fuzz.csv")
                for row in table.rows {
                    XCTAssertLessThanOrEqual(row.fields.count, max(table.header.fields.count, 0))
                    for field in row.fields {
                        XCTAssertGreaterThanOrEqual(field.line, 1)
                        XCTAssertGreaterThanOrEqual(field.column, 1)
                    }
                }
                if let header = try? CSVHeader(table.header, columns: columns, file: table.file) {
                    for row in table.rows { _ = header.field("a", in: row); _ = header.field("c", in: row) }
                }
            } catch let error as InputError {
                XCTAssertTrue(error.description.hasPrefix("fuzz.csv:"), error.description)
            } catch {
                XCTFail("unexpected error \(error)")
            }
        }
    }
}
