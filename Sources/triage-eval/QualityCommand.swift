import ArgumentParser
import Foundation
import TriageEngine
import TriageEval

/// `triage-eval quality FILE…`: score the conversations of production exports for loops, contradictions and health.
struct QualityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "Score production exports (JSON Lines) for loops, contradictions and health; triage nothing.",
        discussion: "Personal data is redacted with the rules' redaction.yaml before anything is printed. Exit 0, or 2 when a file or line is bad (the good lines are still scored).")

    @Argument(help: "Production export files (JSON Lines, one conversation a line).")
    var files: [String]

    @Option(name: .long, help: "The rules directory (taxonomy.yaml and redaction.yaml).")
    var rules = "rules"

    @Option(name: .long, help: "Output format: text, markdown or json.")
    var format: QualityFormat = .text

    @Option(name: .long, help: "Also write the report to this file.")
    var output: String?

    @Option(name: .long, help: "The embedding similarity (0-1) at or above which an agent turn repeats an earlier one.")
    var similarity = ConversationQualityChecker.defaultThreshold

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("expected at least one export file") }
        guard (0...1).contains(similarity) else { throw ValidationError("--similarity must be between 0 and 1, found \(similarity)") }
    }

    func run() async throws {
        let result: ExportQuality
        do {
            result = try await ExportQuality.run(paths: files, rules: rules, format: format, checker: .init(threshold: similarity),
                                                 environment: ProcessInfo.processInfo.environment)
        } catch let errors as LoadErrors {
            throw CommandFailure(files: errors)
        } catch let error as LoadError {
            throw CommandFailure(files: LoadErrors([error]))
        }
        try emitReport(result.output, output: output)
        guard result.errors.isEmpty else {
            let count = result.errors.count
            throw CommandFailure(message: result.errors.map(\.description).joined(separator: "\n")
                + "\n\(count) bad line\(count == 1 ? "" : "s") skipped; \(result.report.conversations) conversation\(result.report.conversations == 1 ? "" : "s") scored.",
                status: .invalidInput)
        }
    }
}

extension QualityFormat: ExpressibleByArgument {}
