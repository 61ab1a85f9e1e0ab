import ArgumentParser
import Foundation
import Logging
import TriageEval

/// The root command.
struct TriageEvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage-eval",
        abstract: "Regression-test the rules and prompts of a support triage pipeline.",
        discussion: """
            Exit codes: 0 all gates pass, 1 a gate failed, 2 invalid input (files, flags), 3 the run could not complete.
            """,
        version: ToolVersion.current,
        subcommands: [RunCommand.self, ValidateCommand.self, ReportCommand.self, RunsCommand.self, BenchCommand.self, CompareCommand.self, BaselineCommand.self, DriftCommand.self, StubServerCommand.self],
        defaultSubcommand: nil
    )
}

/// Where the rules, prompts and store are.
struct FileOptions: ParsableArguments {
    @Option(name: .long, help: "The rules directory (taxonomy.yaml, lexicon.yaml, escalation.yaml).")
    var rules = "rules"

    @Option(name: .long, help: "The prompts directory (replies.yaml; classify, reclassify, reply and judge prompts; models.yaml).")
    var prompts = "prompts"

    @Option(name: .long, help: "An extra models file (a models: list) besides prompts/models.yaml and suites' models: blocks.")
    var models: String?
}

/// Where the store is.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database of runs.")
    var db = "reports/triage-eval.sqlite"
}

/// Logging.
struct LogOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Log progress details to standard error.")
    var verbose = false

    func bootstrap() {
        let level: Logger.Level = verbose ? .info : .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}

/// Loads the workspace or exits with status 2 after printing every error.
func loadWorkspace(_ files: FileOptions, paths: [String]) throws -> Workspace {
    do {
        return try Workspace.load(rules: files.rules, prompts: files.prompts, suitePaths: paths, modelsFile: files.models)
    } catch {
        printError(error.description)
        printError("\(error.errors.count) error\(error.errors.count == 1 ? "" : "s"); nothing was run.")
        throw ExitCode(ExitStatus.invalidInput.rawValue)
    }
}

/// Opens the store or exits with status 3.
func openStore(_ options: StoreOptions) throws -> any RunStore {
    do {
        return try SQLiteStore(path: options.db)
    } catch {
        printError("triage-eval: cannot open the store \(options.db): \(error)")
        throw ExitCode(ExitStatus.incomplete.rawValue)
    }
}
