import Foundation
import JuryPlanCore

/// How the bytes of an input file were turned into text.
public enum TextEncoding: String, Sendable {
    /// Valid UTF-8 without a byte order mark.
    case utf8
    /// Valid UTF-8 after a leading byte order mark (EF BB BF), which is dropped.
    case utf8BOM
    /// Anything that is not valid UTF-8: read as Windows-1252, what French spreadsheet software writes.
    case windows1252
}

extension CSVReader {
    /// Turns file bytes into text. Never fails.
    ///
    /// - A leading UTF-8 byte order mark is removed.
    /// - If the (remaining) bytes are valid UTF-8 the result is `.utf8` (or `.utf8BOM`).
    /// - Otherwise every byte is read as Windows-1252: 0x80–0x9F through the real cp1252 table
    ///   (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ), all other bytes as Latin-1.
    ///   The five bytes cp1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D) become U+FFFD
    ///   (replacement character), so that a wrongly encoded file shows visible "�" in messages
    ///   instead of invisible control characters. NUL and other control bytes are kept as is.
    public static func decode(_ data: Data) -> (String, TextEncoding) {
        let bytes = [UInt8](data)
        let hasBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        let body = hasBOM ? bytes[3...] : bytes[...]
        if let text = decodeUTF8(body) {
            return (text, hasBOM ? .utf8BOM : .utf8)
        }
        return (decodeWindows1252(body), .windows1252)
    }

    /// Strict UTF-8 decoding (rejects overlong forms, surrogates, truncated sequences); nil if invalid.
    static func decodeUTF8(_ bytes: ArraySlice<UInt8>) -> String? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: return String(scalars)
            case .error: return nil
            }
        }
    }

    /// Why bytes that are not UTF-8 are not Windows-1252 text either, at the first offending byte:
    /// a byte Windows-1252 leaves undefined, or a file that mixes UTF-8 sequences with other bytes
    /// (a UTF-8 file damaged or pasted into; reading it as Windows-1252 would turn "é" into "Ã©").
    static func encodingProblem(_ data: Data, file: String) -> InputIssue? {
        let bytes = [UInt8](data)
        let undefined: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]
        var offset: Int?
        var reason = ""
        if let k = bytes.firstIndex(where: undefined.contains) {
            offset = k
            reason = "is not a character in Windows-1252"
        }
        if let k = firstInvalidUTF8(bytes), containsUTF8Sequence(bytes), k < (offset ?? Int.max) {
            offset = k
            reason = "is not valid UTF-8, while other parts of the file are UTF-8"
        }
        guard let offset else { return nil }
        var line = 1, lineStart = 0
        for (k, b) in bytes[..<offset].enumerated() where b == 0x0A || (b == 0x0D && bytes[k + 1] != 0x0A) {
            line += 1
            lineStart = k + 1
        }
        let byte = String(bytes[offset], radix: 16, uppercase: true)
        return .error(SourceLocation(file: file, line: line, column: offset - lineStart + 1),
                      "byte 0x\(byte) \(reason): save the file as \"CSV UTF-8\" from the spreadsheet")
    }

    /// Offset of the first byte where strict UTF-8 decoding fails.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var k = 0
        while k < bytes.count {
            let length = utf8SequenceLength(bytes, at: k)
            if length == 0 { return k }
            k += length
        }
        return nil
    }

    /// True when the bytes hold at least one well-formed multi-byte UTF-8 sequence.
    static func containsUTF8Sequence(_ bytes: [UInt8]) -> Bool {
        var k = 0
        while k < bytes.count {
            let length = utf8SequenceLength(bytes, at: k)
            if length > 1 { return true }
            k += max(length, 1)
        }
        return false
    }

    /// Length of the well-formed UTF-8 sequence at `k`, 0 if there is none.
    private static func utf8SequenceLength(_ bytes: [UInt8], at k: Int) -> Int {
        let b = bytes[k]
        if b < 0x80 { return 1 }
        let length: Int
        switch b {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        guard k + length <= bytes.count else { return 0 }
        var iterator = bytes[k..<(k + length)].makeIterator()
        var decoder = UTF8()
        if case .scalarValue = decoder.decode(&iterator) { return length }
        return 0
    }

    /// Windows-1252 code points for bytes 0x80–0x9F; 0xFFFD where cp1252 defines no character.
    static let windows1252High: [UInt32] = [
        0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80–87
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,  // 88–8F
        0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90–97
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178,  // 98–9F
    ]

    static func decodeWindows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for byte in bytes {
            let value: UInt32 = (0x80...0x9F).contains(byte)
                ? windows1252High[Int(byte) - 0x80]
                : UInt32(byte)
            // Every value in the table and every Latin-1 byte is a valid scalar; the fallback is unreachable.
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }
}
