import ArgumentParser
import Foundation
import TriageEngine
import TriageEval

/// `triage-eval quality FILE…`: score the conversations of production exports for loops, contradictions and health.
struct QualityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "Score production exports (JSON Lines) for loops, contradictions and health; triage nothing.",
        discussion: """
            Personal data is redacted with the rules' redaction.yaml before anything is printed or sent to a model. \
            With --judge-model, contradictions are found by that model (prompt prompts/contradiction.yaml, one call per \
            conversation with two or more agent turns); with --embedding-model, loops are found with that model's embeddings; \
            model calls go through the response cache in --db. Exit 0; 2 when a file or line is bad (the good lines are still \
            scored); 3 when a conversation could not be scored (the judge's answer was unusable or the model failed).
            """)

    @Argument(help: "Production export files (JSON Lines, one conversation a line).")
    var files: [String]

    @OptionGroup var fileOptions: FileOptions

    @Option(name: .long, help: "Output format: text, markdown or json.")
    var format: QualityFormat = .text

    @Option(name: .long, help: "Also write the report to this file.")
    var output: String?

    @Option(name: .long, help: "The embedding similarity (0-1) at or above which an agent turn repeats an earlier one.")
    var similarity = ConversationQualityChecker.defaultThreshold

    @Option(name: [.customLong("judge-model"), .customLong("judge")],
            help: "The judge model for contradictions, by name (default: the offline contradiction check).")
    var judgeModel: String?

    @Option(name: .long, help: "The embedding model for loops, by name (default: offline hashed embedding).")
    var embeddingModel: String?

    @Flag(name: .long, help: "Do not read or write the response cache.")
    var noCache = false

    @Flag(name: .long, help: "Answer only from the response cache; a missing response errors the conversation (no network, no keys).")
    var replay = false

    @OptionGroup var store: StoreOptions
    @OptionGroup var log: LogOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("expected at least one export file") }
        guard (0...1).contains(similarity) else { throw ValidationError("--similarity must be between 0 and 1, found \(similarity)") }
        if noCache && replay { throw ValidationError("--no-cache and --replay exclude each other: replay answers only from the cache") }
    }

    func run() async throws {
        let usesModels = judgeModel != nil || embeddingModel != nil
        var checker = ConversationQualityChecker(threshold: similarity)
        if usesModels {
            let workspace = try loadWorkspace(fileOptions, paths: [])
            let database: (any RunStore)? = try noCache ? nil : openStore(store)
            do {
                checker = try .make(workspace: workspace, judge: judgeModel, embedding: embeddingModel, threshold: similarity, store: database,
                                    cacheMode: replay ? .replayOnly : (noCache ? .bypass : .readWrite), logger: log.makeLogger())
            } catch let error as LoadError {
                throw CommandFailure(files: LoadErrors([error]))
            } catch {
                throw CommandFailure.invalidInput("\(error)")
            }
        }
        let result: ExportQuality
        do {
            result = try await ExportQuality.run(paths: files, rules: fileOptions.rules, format: format, checker: checker,
                                                 environment: ProcessInfo.processInfo.environment,
                                                 progress: { ProgressReporter(total: $0, enabled: usesModels) })
        } catch let errors as LoadErrors {
            throw CommandFailure(files: errors)
        } catch let error as LoadError {
            throw CommandFailure(files: LoadErrors([error]))
        }
        try emitReport(result.output, output: output)
        var messages: [String] = []
        if !result.errors.isEmpty {
            let count = result.errors.count
            messages.append(result.errors.map(\.description).joined(separator: "\n")
                + "\n\(count) bad line\(count == 1 ? "" : "s") skipped; \(result.report.conversations) conversation\(result.report.conversations == 1 ? "" : "s") scored.")
        }
        let errored = result.report.errored
        if !errored.isEmpty {
            let classes = Dictionary(grouping: errored, by: \.errorClass).map { "\($0.key) \($0.value.count)" }.sorted()
            messages.append("triage-eval: \(errored.count) conversation\(errored.count == 1 ? "" : "s") could not be scored (\(classes.joined(separator: ", "))); "
                + "they are listed in the report and not counted in the mean health.")
        }
        guard messages.isEmpty else {
            throw CommandFailure(message: messages.joined(separator: "\n"), status: result.errors.isEmpty ? .incomplete : .invalidInput)
        }
    }
}

extension QualityFormat: ExpressibleByArgument {}
