import Foundation
import JuryPlanCore

/// Which campaign file `juryplan import` merges into.
public enum ImportKind: String, Sendable, CaseIterable {
    case candidates, jury, rooms

    public var fileName: String {
        switch self {
        case .candidates: CampaignLoader.candidatesFile
        case .jury: CampaignLoader.juryFile
        case .rooms: CampaignLoader.roomsFile
        }
    }

    var columns: [CSVColumn] {
        switch self {
        case .candidates: PeopleCSV.candidateColumns
        case .jury: PeopleCSV.memberColumns
        case .rooms: PeopleCSV.roomColumns
        }
    }
}

/// A merge worked out and validated, not yet written.
public struct ImportMerge: Sendable {
    public var kind: ImportKind
    public var added: [String] = []
    public var changed: [String] = []
    public var unchanged: [String] = []
    /// Rows absent from the imported file: removed with `--replace`, otherwise kept.
    public var absent: [String] = []
    public var replaceAll: Bool
    /// The campaign file's new bytes; equal to `previous` when the import changes nothing.
    public var output: Data
    public var previous: Data?
    /// Warnings of the imported file, and notes on how it was written.
    public var warnings: [InputIssue] = []
    public var notes: [String] = []

    public var changesFile: Bool { output != previous }
    public var removed: [String] { replaceAll ? absent : [] }
}

/// `juryplan import`: merges a candidates, jury or rooms file into the campaign by id (SPEC §2).
///
/// The imported file is validated by the campaign loader with the file in place of the
/// campaign's (same messages, naming the imported file's lines), then the merged campaign is
/// loaded again so that references across files hold (a member named in `trainers` exists, a
/// `conflicts` candidate is still there). Nothing is written until both pass.
///
/// The written file keeps the campaign file's dialect: its header (names, order and language),
/// delimiter, encoding (UTF-8, UTF-8 with BOM, or Windows-1252) and line ends. Rows the import
/// does not change are kept byte for byte; a changed row takes the imported cells for the
/// columns the imported file has and keeps its other cells; a column only the imported file
/// has is added at the end of the header. A character Windows-1252 cannot hold turns the file
/// into UTF-8 with a BOM (which French spreadsheets open), and a note says so.
public enum CampaignImport {
    public static func merge(_ kind: ImportKind, file: URL, displayName: String, into folder: URL, replaceAll: Bool) throws -> ImportMerge {
        let imported = try CSVReader.readBytes(contentsOf: file, displayName: displayName)
        let fileName = kind.fileName
        var warnings: [InputIssue] = []
        // 1. The imported file on its own, in the campaign: every error located in it is real.
        //    Errors in other files may be answered by rows the merge keeps, so step 2 judges them.
        do {
            let loaded = try CampaignLoader.load(folder, replacing: [fileName: imported], displayNames: [fileName: displayName])
            warnings = loaded.warnings.filter { $0.location.file == displayName }
        } catch let error as InputError {
            let own = error.issues.filter { $0.location.file == displayName && $0.severity == .error }
            if replaceAll || !own.isEmpty { throw replaceAll ? error : InputError(own) }
        }
        let campaignURL = folder.appendingPathComponent(fileName)
        let previous = FileManager.default.fileExists(atPath: campaignURL.path)
            ? try CSVReader.readBytes(contentsOf: campaignURL, displayName: fileName) : nil
        var merge = ImportMerge(kind: kind, replaceAll: replaceAll, output: imported, previous: previous, warnings: warnings)
        let source = try CSVReader.parse(imported, file: displayName)
        let sourceHeader = try CSVHeader(source.header, columns: kind.columns, file: displayName)
        if let previous, try !CSVReader.parse(previous, file: fileName).header.fields.isEmpty {
            try mergeRows(source, sourceHeader, into: previous, &merge)
        } else {
            merge.added = source.rows.map { sourceHeader.field("id", in: $0)?.text ?? "" }
            merge.notes.append("\(fileName) was missing or empty: written as \(displayName) is")
        }
        // 2. The campaign as it will be, references across files included (also when nothing
        //    changes: an import into a folder that is no campaign is refused).
        _ = try CampaignLoader.load(folder, replacing: [fileName: merge.output], displayNames: [fileName: "\(fileName) (after import)"])
        return merge
    }

    /// Writes the merged file atomically (temporary file, then rename) when it changed.
    public static func write(_ merge: ImportMerge, into folder: URL) throws {
        guard merge.changesFile else { return }
        try AtomicFile.write(merge.output, to: folder.appendingPathComponent(merge.kind.fileName))
    }

    // MARK: - Merging

    private static func mergeRows(_ source: CSVTable, _ sourceHeader: CSVHeader, into previous: Data, _ merge: inout ImportMerge) throws {
        let fileName = merge.kind.fileName
        let target = try CSVReader.parse(previous, file: fileName)
        let targetHeader = try CSVHeader(target.header, columns: merge.kind.columns, file: fileName)
        var headerNames = target.header.fields.map(\.text)
        var indexOfKey: [String: Int] = [:]
        for column in merge.kind.columns { if let i = targetHeader.index(of: column.key) { indexOfKey[column.key] = i } }
        // Columns the imported file brings that the campaign file lacks go at the end.
        for column in merge.kind.columns where indexOfKey[column.key] == nil {
            guard let i = sourceHeader.index(of: column.key) else { continue }
            indexOfKey[column.key] = headerNames.count
            headerNames.append(source.header.fields[i].text)
        }
        let width = headerNames.count
        let headerGrew = width > target.header.fields.count
        func cells(_ row: CSVRow) -> [String] {
            let texts = row.fields.map(\.text)
            return texts.count >= width ? Array(texts.prefix(width)) : texts + Array(repeating: "", count: width - texts.count)
        }
        let importedKeys = merge.kind.columns.map(\.key).filter { sourceHeader.contains($0) }
        var importedRows: [String: [String]] = [:], importedOrder: [String] = []
        for row in source.rows {
            guard let id = sourceHeader.field("id", in: row)?.text, importedRows[id] == nil else { continue }
            importedRows[id] = importedKeys.map { sourceHeader.field($0, in: row)?.text ?? "" }
            importedOrder.append(id)
        }
        let lines = physicalLines(CSVReader.decode(previous).0)
        let newline = lines.first(where: { !$0.ending.isEmpty })?.ending ?? "\n"
        var out: [String] = []
        func raw(_ from: Int, _ to: Int) -> String {
            guard from >= 1, to <= lines.count, from <= to else { return "" }
            return lines[(from - 1)...(to - 1)].map { $0.text + ($0.ending.isEmpty ? newline : $0.ending) }.joined()
        }
        func serialize(_ cells: [String]) -> String {
            cells.map { CSVWriter.quote($0, target.delimiter) }.joined(separator: String(target.delimiter)) + newline
        }
        out.append(headerGrew ? serialize(headerNames) : raw(1, target.header.endLine))
        var seen = Set<String>()
        for row in target.rows {
            let id = targetHeader.field("id", in: row)?.text ?? ""
            seen.insert(id)
            guard let values = importedRows[id] else {
                merge.absent.append(id)
                if !merge.replaceAll { out.append(headerGrew ? serialize(cells(row)) : raw(row.line, row.endLine)) }
                continue
            }
            var updated = cells(row)
            for (key, value) in zip(importedKeys, values) { if let i = indexOfKey[key] { updated[i] = value } }
            if updated == cells(row) {
                merge.unchanged.append(id)
                out.append(headerGrew ? serialize(updated) : raw(row.line, row.endLine))
            } else {
                merge.changed.append(id)
                out.append(serialize(updated))
            }
        }
        for id in importedOrder where !seen.contains(id) {
            var fresh = Array(repeating: "", count: width)
            for (key, value) in zip(importedKeys, importedRows[id] ?? []) { if let i = indexOfKey[key] { fresh[i] = value } }
            merge.added.append(id)
            out.append(serialize(fresh))
        }
        if headerGrew {
            let added = headerNames[target.header.fields.count...].joined(separator: ", ")
            merge.notes.append("\(fileName) gains the column(s) \(added) of the imported file")
        }
        let text = out.joined()
        if merge.changed.isEmpty, merge.added.isEmpty, merge.removed.isEmpty, !headerGrew {
            merge.output = previous
        } else if let encoded = encode(text, as: target.encoding) {
            merge.output = encoded
        } else {
            merge.output = Data(("\u{FEFF}" + text).utf8)
            merge.notes.append("\(fileName) was Windows-1252, which cannot hold some imported characters: written as UTF-8 with a BOM")
        }
    }

    /// Lines as the CSV reader counts them (`\r\n`, `\n` and `\r` each end one), with their ending.
    static func physicalLines(_ text: String) -> [(text: String, ending: String)] {
        var lines: [(text: String, ending: String)] = [], current = ""
        for c in text {
            if c == "\n" || c == "\r" || c == "\r\n" {
                lines.append((current, String(c)))
                current = ""
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { lines.append((current, "")) }
        return lines
    }

    /// Text in the encoding the campaign file had; nil when Windows-1252 cannot hold a character.
    static func encode(_ text: String, as encoding: TextEncoding) -> Data? {
        switch encoding {
        case .utf8: return Data(text.utf8)
        case .utf8BOM: return Data(("\u{FEFF}" + text).utf8)
        case .windows1252:
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.unicodeScalars.count)
            for scalar in text.unicodeScalars {
                if scalar.value < 0x80 || (0xA0...0xFF).contains(scalar.value) {
                    bytes.append(UInt8(scalar.value))
                } else if let i = CSVReader.windows1252High.firstIndex(of: scalar.value), scalar.value != 0xFFFD {
                    bytes.append(UInt8(0x80 + i))
                } else {
                    return nil
                }
            }
            return Data(bytes)
        }
    }
}
