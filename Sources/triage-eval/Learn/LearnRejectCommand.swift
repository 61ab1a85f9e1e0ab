import ArgumentParser
import TriageEval

/// `triage-eval learn reject ID… --reason TEXT`: keep items out of the suites, with a reason.
struct LearnRejectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reject", abstract: "Reject items with a reason.")

    @Argument(help: "Item ids.")
    var ids: [Int64]

    @Option(name: .long, help: "Why (redacted like the conversations, then stored with the items).")
    var reason: String

    @OptionGroup var files: FileOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("expected at least one item id") }
    }

    func run() throws {
        let queue = try openQueue(files, store)
        for item in try learning({ try queue.reject(ids, reason: reason) }) { print(item.listLine) }
    }
}
