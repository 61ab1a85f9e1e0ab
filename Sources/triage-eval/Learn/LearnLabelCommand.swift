import ArgumentParser
import TriageEval

/// `triage-eval learn label ID category=… escalate=… team=… priority=…`: set an item's expected labels.
struct LearnLabelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "label", abstract: "Set the expected labels of an item (checked against the taxonomy).")

    @Argument(help: "The item id.")
    var id: Int64

    @Argument(help: "FIELD=VALUE with FIELD one of category, escalate, team, priority.")
    var assignments: [String]

    @OptionGroup var files: FileOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        let queue = try openQueue(files, store)
        let item = try learning { try queue.label(id, assignments: assignments) }
        print(item.listLine)
    }
}
