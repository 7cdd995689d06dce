import Foundation
import JuryPlanCore

/// The version written into exports (ICS `PRODID`, HTML footer, JSON `generator`).
public enum JuryPlanVersion {
    public static let current = "0.1.0"
}

/// What is known about the plan being exported, besides its rows. A plan read from a schedule
/// file has no number and no recorded creation time; the campaign store will fill both.
public struct PlanMetadata: Sendable, Equatable {
    /// The plan's number in the campaign store; nil for a schedule file.
    public var number: Int?
    /// When the plan was made: ICS `DTSTAMP`, the report's and the JSON's date.
    public var created: Date
    /// Where the plan was read from, for people ("schedule.csv", "plan 3").
    public var source: String
    /// ICS `SEQUENCE` of every event: 0 until the store can tell which sittings moved between
    /// published plans.
    public var sequence: Int

    public init(number: Int? = nil, created: Date, source: String, sequence: Int = 0) {
        self.number = number
        self.created = created
        self.source = source
        self.sequence = sequence
    }

    /// A schedule file records no creation time; exports must not depend on the clock, so the
    /// stamp is fixed: 00:00:00 UTC on the campaign's first session day (documented in README).
    public static func forScheduleFile(_ name: String, campaign: Campaign) -> PlanMetadata {
        let first = campaign.days.min().map { Double($0.ordinal) * 86_400 } ?? 0
        return PlanMetadata(created: Date(timeIntervalSince1970: first), source: name)
    }
}

/// A plan as the exports see it: the campaign, its rows in schedule order, and its metadata.
public struct ExportedPlan: Sendable {
    public let campaign: Campaign
    /// Rows in the order of SPEC §2.3.
    public let schedule: Schedule
    public let metadata: PlanMetadata

    public init(campaign: Campaign, schedule: Schedule, metadata: PlanMetadata) {
        self.campaign = campaign
        self.schedule = schedule.sorted
        self.metadata = metadata
    }
}

/// Where `export` gets its plan from. Today a schedule file; the campaign store plugs in here.
public protocol PlanSource {
    func exportedPlan() throws -> ExportedPlan
}

/// A schedule file (schedule.csv as `plan` writes it, or any file `check` reads).
public struct ScheduleFilePlanSource: PlanSource {
    public var campaign: Campaign
    public var url: URL
    public var displayName: String
    /// Told about each warning met while reading the file.
    public var onWarning: (InputIssue) -> Void

    public init(campaign: Campaign, url: URL, displayName: String? = nil, onWarning: @escaping (InputIssue) -> Void = { _ in }) {
        self.campaign = campaign
        self.url = url
        self.displayName = displayName ?? url.lastPathComponent
        self.onWarning = onWarning
    }

    public func exportedPlan() throws -> ExportedPlan {
        let (schedule, warnings) = try ScheduleCSV.read(contentsOf: url, displayName: displayName)
        warnings.forEach(onWarning)
        return ExportedPlan(campaign: campaign, schedule: schedule,
                            metadata: .forScheduleFile(displayName, campaign: campaign))
    }
}

/// The formats of `juryplan export`.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, ics, html, json
}

/// Whose timetables `--by` selects.
public enum ExportAudience: String, Sendable, CaseIterable {
    case member, candidate, room

    /// The subfolder of an export that holds one file per person or room.
    public var folder: String {
        switch self {
        case .member: return "members"
        case .candidate: return "candidates"
        case .room: return "rooms"
        }
    }
}

/// Everything a writer may depend on besides the plan: nothing is read from the clock or the
/// machine, so that the same plan and settings give the same bytes.
public struct ExportSettings: Sendable {
    public var language: HeaderLanguage
    /// CSV only: `;`, UTF-8 BOM, DD/MM/YYYY dates, CRLF.
    public var excel: Bool
    /// Whose timetables to write; nil writes every kind the format has.
    public var audience: ExportAudience?
    public var version: String

    public init(language: HeaderLanguage = .en, excel: Bool = false, audience: ExportAudience? = nil,
                version: String = JuryPlanVersion.current) {
        self.language = language
        self.excel = excel
        self.audience = audience
        self.version = version
    }
}

/// One file of an export: a path relative to the output folder, and its bytes.
public struct ExportFile: Sendable, Equatable {
    public var path: String
    public var data: Data

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }
}

/// One writer per format. A writer is a pure function of the plan and the settings.
public protocol ExportWriter {
    /// The audiences this format writes one file each for (empty: one file for the plan).
    static var audiences: [ExportAudience] { get }
    func files(for view: PlanView, settings: ExportSettings) throws -> [ExportFile]
}

public enum Exporter {
    public static func writer(for format: ExportFormat) -> any ExportWriter {
        switch format {
        case .csv: return CSVExport()
        case .ics: return ICSExport()
        case .html: return HTMLExport()
        case .json: return JSONExport()
        }
    }

    public static func audiences(of format: ExportFormat) -> [ExportAudience] {
        switch format {
        case .csv: return CSVExport.audiences
        case .ics: return ICSExport.audiences
        case .html: return HTMLExport.audiences
        case .json: return JSONExport.audiences
        }
    }

    /// Every file of one format, in memory: nothing is written until all were made.
    public static func files(_ format: ExportFormat, plan: ExportedPlan, settings: ExportSettings) throws -> [ExportFile] {
        try writer(for: format).files(for: PlanView(plan), settings: settings)
    }

    /// Writes the files under `folder`, each atomically.
    public static func write(_ files: [ExportFile], into folder: URL) throws {
        for file in files { try AtomicFile.write(file.data, to: folder.appendingPathComponent(file.path)) }
    }
}
