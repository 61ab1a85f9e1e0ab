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
        subcommands: [InitCommand.self, RunCommand.self, ResumeCommand.self, ValidateCommand.self, ReportCommand.self, RunsCommand.self, BenchCommand.self, CompareCommand.self, BaselineCommand.self, DriftCommand.self, GateCommand.self, LearnCommand.self, QualityCommand.self, SchemaCommand.self, ViewCommand.self, StubServerCommand.self],
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
    @Option(name: .customLong("db"), help: ArgumentHelp(
        "The store of runs: a SQLite file, or postgresql://user@host:port/dbname (a shared PostgreSQL; the password comes from PGPASSWORD or ~/.pgpass, never the URL). Default: $TRIAGE_EVAL_DB, else reports/triage-eval.sqlite.",
        valueName: "path-or-url"))
    var database: String?

    /// The store `--db` or `TRIAGE_EVAL_DB` names, or the default; exit 2 when it names none.
    func location() throws -> StoreLocation {
        do {
            return try StoreLocation.resolve(option: database)
        } catch {
            throw CommandFailure.invalidInput("\(database == nil ? StoreLocation.environmentVariable : "--db") \(error)")
        }
    }

    /// The store's path or URL, for messages (empty when it names no store, which opening it reports).
    var db: String { (try? location())?.description ?? "" }
}

/// Logging.
struct LogOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Log each scenario, model call, retry and back-off to standard error.")
    var verbose = false

    /// The one logger of the process, handed to the engine, the transport's retries and the runner:
    /// debug level to standard error with `-v`, warnings only without.
    func makeLogger() -> Logger {
        let level: Logger.Level = verbose ? .debug : .warning
        var logger = Logger(label: "triage-eval") { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        logger.logLevel = level
        return logger
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
        throw CommandFailure(files: error)
    }
}

/// Opens the store or exits with status 3 (2 when `--db` names no store).
func openStore(_ options: StoreOptions) throws -> any RunStore {
    // Every command that opens a store may mark stale runs, by the lease: a bad value is bad input.
    do { _ = try RunLease.seconds() } catch { throw CommandFailure.invalidInput(error.description) }
    let location = try options.location()
    do {
        return try location.open()
    } catch {
        throw CommandFailure.incomplete("cannot open the store \(location): \(error)")
    }
}

/// Tells the user a signal was received and what happens next (printed before the run stops starting scenarios).
@Sendable func announceSignal(_ name: String) {
    printError("triage-eval: received \(name); cancelling the scenarios in flight; resume runs them again (send it again to stop at once)")
}
