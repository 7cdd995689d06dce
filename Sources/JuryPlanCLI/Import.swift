import ArgumentParser
import Foundation
import JuryPlanCore
import JuryPlanIO

extension ImportKind: ExpressibleByArgument {}

extension JuryPlanCommand {
    /// `juryplan import candidates|jury|rooms FILE [--replace]`: merges a file into the campaign.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge a candidates, jury or rooms file into the campaign, by id, after validating it.",
            discussion: """
                The file is read like the campaign's own (SPEC §2.2) and checked against the rest of the \
                campaign before anything is written. Rows are merged by id: new ids are added, changed \
                rows replaced, rows absent from the file kept (removed with --replace). The campaign \
                file keeps its header, delimiter, encoding and line ends; rows the import does not \
                change stay byte for byte. On any error: exit 2, and nothing is written.
                """)

        @Argument(help: "Which campaign file: candidates, jury or rooms.")
        var kind: ImportKind

        @Argument(help: "The CSV file to import.")
        var file: String

        @Flag(help: "Remove the campaign's rows whose id is absent from the file.")
        var replace = false

        @OptionGroup var campaignOptions: CampaignOptions

        func run() throws {
            let folder = campaignOptions.folder
            let source = URL(fileURLWithPath: file)
            // Validated once before the store is opened (a refused file leaves the folder as it was),
            // then again under the store's write lock, where it is written.
            _ = try CampaignImport.merge(kind, file: source, displayName: file, into: folder, replaceAll: replace)
            let store = try CampaignStore.open(folder, create: true)
            defer { store.close() }
            let merge = try store.importing { () -> (ImportMerge, ImportLogEntry?) in
                let merge = try CampaignImport.merge(kind, file: source, displayName: file, into: folder, replaceAll: replace)
                try CampaignImport.write(merge, into: folder)
                let entry = ImportLogEntry(kind: kind.rawValue, source: source.path, replaceAll: replace,
                                           added: merge.added.count, changed: merge.changed.count, unchanged: merge.unchanged.count,
                                           removed: merge.removed.count, resultSHA256: SHA256.hex(merge.output))
                return (merge, entry)
            }
            let console = Console.current
            for w in merge.warnings { console.note(w.description) }
            for n in merge.notes { console.note("note: \(n)") }
            func list(_ ids: [String]) -> String {
                ids.isEmpty ? "" : ": " + ids.prefix(12).joined(separator: ", ") + (ids.count > 12 ? ", …" : "")
            }
            var lines = ["Imported \(file) into \(kind.fileName):",
                         "  added     \(String(merge.added.count).leftPadded(5))\(list(merge.added))",
                         "  changed   \(String(merge.changed.count).leftPadded(5))\(list(merge.changed))",
                         "  unchanged \(String(merge.unchanged.count).leftPadded(5))"]
            if replace {
                lines.append("  removed   \(String(merge.removed.count).leftPadded(5))\(list(merge.removed))")
            } else {
                lines.append("  removed       0  (\(merge.absent.count) row(s) absent from the file kept; --replace removes them)")
            }
            lines.append(merge.changesFile ? "\(kind.fileName) written." : "\(kind.fileName) unchanged: nothing to write.")
            console.print(lines.joined(separator: "\n"))
        }
    }
}
