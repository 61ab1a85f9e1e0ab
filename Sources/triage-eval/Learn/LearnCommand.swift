import ArgumentParser
import Foundation
import TriageEngine
import TriageEval

/// `triage-eval learn …`: turn production conversations that went wrong into scenarios.
struct LearnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Import production feedback and corrections into a review queue and apply approved items as scenarios.",
        discussion: "Queue states: pending -> approved | rejected -> applied; near-duplicates are stored as duplicate. Exit 2 on bad input.",
        subcommands: [LearnImportCommand.self, LearnListCommand.self, LearnLabelCommand.self, LearnApproveCommand.self,
                      LearnRejectCommand.self, LearnApplyCommand.self, LearnReportCommand.self])
}

/// Runs a queue step, turning a ``LearningError`` into exit 2 with its message.
func learning<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as LearningError {
        throw CommandFailure.invalidInput(error.description)
    }
}

/// Loads only the policy of the rules directory (the taxonomy labels are checked against), or exits 2.
func loadPolicy(_ files: FileOptions) throws -> Policy {
    do {
        return try PolicyLoader.load(directory: files.rules)
    } catch {
        throw CommandFailure(files: loadErrors(error, file: files.rules))
    }
}

/// Loads the redaction rules of the rules directory (`redaction.yaml`), or exits 2.
func loadRedactor(_ files: FileOptions) throws -> Redactor {
    do {
        return try RedactionLoader.load(directory: files.rules)
    } catch {
        throw CommandFailure(files: loadErrors(error, file: files.rules + "/" + RedactionLoader.fileName))
    }
}

/// The review queue over the store, with the rules' taxonomy and redaction.
func openQueue(_ files: FileOptions, _ store: StoreOptions) throws -> LearningQueue {
    LearningQueue(store: try openStore(store), taxonomy: try loadPolicy(files).taxonomy, redactor: try loadRedactor(files))
}

/// A loader's error as the positioned errors `CommandFailure(files:)` prints.
func loadErrors(_ error: any Error, file: String) -> LoadErrors {
    if let errors = error as? LoadErrors { return errors }
    if let error = error as? LoadError { return LoadErrors([error]) }
    return LoadErrors([LoadError(file: file, line: 0, column: 0, message: "\(error)")])
}

extension LearnItem {
    /// One line of `learn list`.
    var listLine: String {
        let labels = expected.map { labels in
            ["category=\(labels.category)", labels.escalate.map { "escalate=\($0)" }, labels.team.map { "team=\($0)" },
             labels.priority.map { "priority=\($0)" }].compactMap { $0 }.joined(separator: " ")
        } ?? "no labels"
        var line = "\(id)\t\(status.rawValue)\t\(source.rawValue)\t\(conversationID)\t\(labels)"
        if let duplicateOf, let similarity { line += "\tduplicate of \(duplicateOf) (similarity \(String(format: "%.3f", similarity)))" }
        if let reason { line += "\t\(reason)" }
        if let appliedSuite { line += "\tin \(appliedSuite)" }
        return line
    }
}
