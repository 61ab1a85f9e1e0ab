import ArgumentParser
import TriageEval

/// `triage-eval learn list [--status S] [--format text|json]`: the queue, one item a line (or a JSON array).
struct LearnListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List queue items: id, status, source, conversation, labels.")

    @Option(name: .long, help: "Only items in this state: pending, approved, rejected, applied or duplicate.")
    var status: LearnItem.Status?

    @Option(name: .long, help: "Output format: text (one item a line, tab-separated) or json (an array).")
    var format: LearningFormat = .text

    @Option(name: .long, help: "Also write the list to this file.")
    var output: String?

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard format != .markdown else { throw ValidationError("learn list takes --format text or json") }
    }

    func run() throws {
        let items = try openStore(store).learnItems(status: status)
        if format == .json { return try emitReport(try LearnItem.listJSON(items), output: output) }
        let lines = items.isEmpty ? [status.map { "no \($0.rawValue) items" } ?? "the learning queue is empty"] : items.map(\.listLine)
        try emitReport(lines.joined(separator: "\n") + "\n", output: output)
    }
}

extension LearnItem.Status: ExpressibleByArgument {}
