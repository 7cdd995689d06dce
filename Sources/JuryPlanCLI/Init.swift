import ArgumentParser
import Foundation
import JuryPlanCore
import JuryPlanIO

extension HeaderLanguage: ExpressibleByArgument {}

extension JuryPlanCommand {
    /// `juryplan init DIR --preset csec`: a campaign folder with commented templates.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a campaign folder with a commented campaign.yaml and empty CSV files.")

        enum PresetArgument: String, ExpressibleByArgument, CaseIterable { case csec, pacte, cpas, custom }

        @Argument(help: "The folder to create.")
        var directory: String

        @Option(help: "The certification: csec, pacte, cpas or custom.")
        var preset: PresetArgument

        @Option(help: "Header language of the CSV files: en or fr.")
        var lang: HeaderLanguage = .en

        func run() throws {
            let folder = URL(fileURLWithPath: directory, isDirectory: true)
            let files = [CampaignLoader.campaignFile, CampaignLoader.candidatesFile, CampaignLoader.juryFile, CampaignLoader.roomsFile]
            let manager = FileManager.default
            var isDirectory: ObjCBool = false
            if manager.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else {
                    throw InputError(SourceLocation(file: directory), "exists and is not a folder; choose a new folder name")
                }
                if let existing = files.first(where: { manager.fileExists(atPath: folder.appendingPathComponent($0).path) }) {
                    throw InputError(SourceLocation(file: directory), "already holds a campaign (\(existing)); init never overwrites one")
                }
            }
            guard let presetName = PresetName(rawValue: preset.rawValue) else { throw ExitCode(Exit.badInput) }
            var contents: [(String, String)] = [(CampaignLoader.campaignFile, CampaignTemplate.campaignYAML(preset: Preset.named(presetName)))]
            for file in files.dropFirst() { contents.append((file, CampaignTemplate.header(file, language: lang))) }
            // Written into a temporary folder first, so a failure leaves nothing half-written.
            let staging = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).init-\(ProcessInfo.processInfo.processIdentifier)")
            do {
                try manager.createDirectory(at: staging, withIntermediateDirectories: true)
                for (name, text) in contents { try Data(text.utf8).write(to: staging.appendingPathComponent(name)) }
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
                for (name, _) in contents {
                    try manager.moveItem(at: staging.appendingPathComponent(name), to: folder.appendingPathComponent(name))
                }
                try manager.removeItem(at: staging)
            } catch {
                try? manager.removeItem(at: staging)
                throw InputError(SourceLocation(file: directory), "cannot create the campaign: \(error.localizedDescription)")
            }
            Console.current.print("Created the \(presetName.rawValue) campaign in \(directory): edit campaign.yaml, then fill candidates.csv, jury.csv and rooms.csv.")
        }
    }
}
