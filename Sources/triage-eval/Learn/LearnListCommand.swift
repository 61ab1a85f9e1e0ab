import ArgumentParser
import TriageEval

/// `triage-eval learn list [--status S]`: the queue, one item a line.
struct LearnListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List queue items: id, status, source, conversation, labels.")

    @Option(name: .long, help: "Only items in this state: pending, approved, rejected, applied or duplicate.")
    var status: LearnItem.Status?

    @OptionGroup var store: StoreOptions

    func run() throws {
        let items = try openStore(store).learnItems(status: status)
        if items.isEmpty { print(status.map { "no \($0.rawValue) items" } ?? "the learning queue is empty") }
        for item in items { print(item.listLine) }
    }
}

extension LearnItem.Status: ExpressibleByArgument {}
