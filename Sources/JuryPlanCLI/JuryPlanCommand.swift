import ArgumentParser
import Foundation
import JuryPlanCore
import JuryPlanIO

/// Where commands print: the terminal, or a buffer in tests.
public final class Console: @unchecked Sendable {
    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void

    public init(out: @escaping (String) -> Void, err: @escaping (String) -> Void) {
        writeOut = out
        writeErr = err
    }

    public static let standard = Console(
        out: { FileHandle.standardOutput.write(Data($0.utf8)) },
        err: { FileHandle.standardError.write(Data($0.utf8)) })

    /// Results: stdout.
    public func print(_ text: String) { writeOut(text + "\n") }
    /// Progress, warnings and errors: stderr.
    public func note(_ text: String) { writeErr(text + "\n") }

    @TaskLocal public static var current: Console = .standard
}

/// SPEC §3 exit codes.
public enum Exit {
    public static let success: Int32 = 0
    /// The plan is infeasible, or `check` found breaches.
    public static let failure: Int32 = 1
    /// Bad input or usage.
    public static let badInput: Int32 = 2
    /// No feasible plan within the time limit.
    public static let timeLimit: Int32 = 3
}

public struct JuryPlanCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "juryplan",
        abstract: "Plans and checks the exam sessions of French health-care coordinator certifications.",
        subcommands: [Init.self, Import.self, Check.self, PlanCommand.self, Explain.self, Plans.self, Publish.self, Diff.self,
                      Replan.self, Export.self, Demo.self, Generate.self, Bench.self])

    public init() {}

    /// Runs the command line; returns the exit code instead of exiting, so tests can drive it.
    public static func run(_ arguments: [String], console: Console = .standard) -> Int32 {
        Console.$current.withValue(console) {
            do {
                var command = try parseAsRoot(arguments)
                try command.run()
                return Exit.success
            } catch let error as InputError {
                console.note(error.description)
                return Exit.badInput
            } catch let code as ExitCode {
                return code.rawValue
            } catch {
                let code = exitCode(for: error)
                let message = fullMessage(for: error)
                if code == .success {
                    console.print(message)
                    return Exit.success
                }
                console.note(message)
                // ArgumentParser says 64 (EX_USAGE) for usage errors; SPEC says 2.
                return code == .validationFailure ? Exit.badInput : code.rawValue
            }
        }
    }

    public static func mainExit() -> Never {
        Foundation.exit(run(Array(CommandLine.arguments.dropFirst())))
    }
}

/// `--campaign DIR`, shared by the commands that read a campaign.
struct CampaignOptions: ParsableArguments {
    @Option(name: .long, help: "The campaign folder (default: the current folder).")
    var campaign: String = "."

    var folder: URL { URL(fileURLWithPath: campaign, isDirectory: true) }

    /// Loads the campaign and prints its warnings to stderr.
    func load() throws -> LoadedCampaign {
        let loaded = try CampaignLoader.load(folder)
        for line in WarningSummary.lines(loaded.warnings) { Console.current.note(line) }
        return loaded
    }
}
