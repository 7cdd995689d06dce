import Foundation

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
