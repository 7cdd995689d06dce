import Foundation
import JuryPlanCore

/// A campaign read from its folder, with the warnings found on the way.
public struct LoadedCampaign: Sendable {
    public var campaign: Campaign
    public var warnings: [InputIssue]
    public var folder: URL
    /// The bytes of the four input files the campaign was read from (file name → bytes), so that
    /// a stored plan keeps exactly what it was planned from.
    public var inputFiles: [String: Data] = [:]
}

/// Reads a campaign folder: campaign.yaml, candidates.csv, jury.csv, rooms.csv (SPEC §2).
public enum CampaignLoader {
    public static let campaignFile = "campaign.yaml"
    public static let candidatesFile = "candidates.csv"
    public static let juryFile = "jury.csv"
    public static let roomsFile = "rooms.csv"

    public static let inputFileNames = [campaignFile, candidatesFile, juryFile, roomsFile]

    /// Reads the campaign folder; `replacing` gives the bytes to read instead of a file's
    /// (file name → bytes; `import` validates a campaign with the imported file in place).
    /// `displayNames` renames a file in messages.
    public static func load(_ folder: URL, replacing: [String: Data] = [:], displayNames: [String: String] = [:]) throws -> LoadedCampaign {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InputError(SourceLocation(file: folder.path), "no campaign folder here; create one with `juryplan init DIR --preset csec`")
        }
        let yamlURL = folder.appendingPathComponent(campaignFile)
        guard let data = replacing[campaignFile] ?? FileManager.default.contents(atPath: yamlURL.path) else {
            throw InputError(SourceLocation(file: campaignFile), "file not found in \(folder.path); every campaign folder has one")
        }
        if data.count > InputRanges.yamlFileBytes.upperBound {
            throw InputError(SourceLocation(file: campaignFile), "the file has \(data.count) bytes; campaign.yaml has at most \(InputRanges.yamlFileBytes.upperBound)")
        }
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            throw InputError(SourceLocation(file: campaignFile, line: 1, column: 1),
                             "the file is encoded as UTF-16, expected UTF-8: save it as UTF-8 text")
        }
        let (text, encoding) = CSVReader.decode(data)
        if encoding == .windows1252 {
            // Settings are typed in a text editor, not exported by a spreadsheet: only UTF-8 is read.
            let offset = CSVReader.firstInvalidUTF8([UInt8](data)) ?? 0
            let before = data.prefix(offset)
            let line = before.filter { $0 == 0x0A }.count + 1
            let column = offset - (before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0) + 1
            throw InputError(SourceLocation(file: campaignFile, line: line, column: column),
                             "byte 0x\(String(data[offset], radix: 16, uppercase: true)) is not valid UTF-8: campaign.yaml must be saved as UTF-8 text")
        }
        let settings = try CampaignYAML.parse(text, file: campaignFile)
        var bytes = [campaignFile: data]
        func table(_ file: String) throws -> CSVTable {
            let name = displayNames[file] ?? file
            let data = try replacing[file] ?? CSVReader.readBytes(contentsOf: folder.appendingPathComponent(file), displayName: name)
            bytes[file] = data
            return try CSVReader.parse(data, file: name)
        }
        let tables = (candidates: try table(candidatesFile), jury: try table(juryFile), rooms: try table(roomsFile))
        var loaded = try assemble(settings: settings, candidates: tables.candidates, jury: tables.jury, rooms: tables.rooms)
        loaded.folder = folder
        loaded.inputFiles = bytes
        return loaded
    }

    /// Builds the campaign from parsed tables and validates references across files.
    public static func assemble(settings: Campaign, candidates: CSVTable, jury: CSVTable, rooms: CSVTable) throws -> LoadedCampaign {
        var references: [Reference] = []
        var errors: [InputIssue] = []
        var warnings: [InputIssue] = []
        func attempt<T>(_ body: () throws -> (T, [InputIssue])) -> T? {
            do {
                let (value, w) = try body()
                warnings += w
                return value
            } catch let e as InputError {
                errors += e.issues
                return nil
            } catch {
                errors.append(.error(SourceLocation(file: "campaign"), "\(error)"))
                return nil
            }
        }
        let c = attempt { try PeopleCSV.candidates(candidates, campaign: settings, references: &references) }
        let m = attempt { try PeopleCSV.members(jury, campaign: settings, references: &references) }
        let r = attempt { try PeopleCSV.rooms(rooms, campaign: settings) }
        if !errors.isEmpty { throw InputError(errors) }
        // Canonical order (ids are unique by now): the plan must not depend on the order of rows.
        // Each row keeps its file line, so messages still point at the original line.
        let candidateList = (c ?? []).sorted { CanonicalOrder.precedes($0.id, $1.id) }
        let memberList = (m ?? []).sorted { CanonicalOrder.precedes($0.id, $1.id) }
        let roomList = (r ?? []).sorted { CanonicalOrder.precedes($0.id, $1.id) }
        let memberIDs = Set(memberList.map(\.id)), candidateIDs = Set(candidateList.map(\.id))
        for ref in references {
            switch ref.kind {
            case .member where !memberIDs.contains(ref.id):
                errors.append(.error(ref.location, "unknown jury member '\(ref.id)' in \(ref.column); expected an id of jury.csv"))
            case .candidate where !candidateIDs.contains(ref.id):
                errors.append(.error(ref.location, "unknown candidate '\(ref.id)' in \(ref.column); expected an id of candidates.csv"))
            default:
                break
            }
        }
        if !errors.isEmpty { throw InputError(errors) }
        var campaign = settings
        campaign.setPeople(candidates: candidateList, members: memberList, rooms: roomList)
        return LoadedCampaign(campaign: campaign, warnings: warnings, folder: URL(fileURLWithPath: "."))
    }
}
