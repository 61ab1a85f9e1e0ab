import ArgumentParser
import TriageEval

/// `triage-eval learn approve ID…|--all`: approve labelled items for the next `learn apply`.
struct LearnApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve labelled items (or every labelled pending item with --all).")

    @Argument(help: "Item ids.")
    var ids: [Int64] = []

    @Flag(name: .long, help: "Approve every pending item that has labels.")
    var all = false

    @OptionGroup var files: FileOptions
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard all != !ids.isEmpty else { throw ValidationError("expected item ids or --all, not both") }
    }

    func run() throws {
        let queue = try openQueue(files, store)
        if all {
            let (approved, unlabelled) = try learning { try queue.approveAll() }
            print("approved \(approved.count) item\(approved.count == 1 ? "" : "s")")
            if !unlabelled.isEmpty {
                print("\(unlabelled.count) pending without labels (label them first): \(unlabelled.map { String($0.id) }.joined(separator: ", "))")
            }
        } else {
            for item in try learning({ try queue.approve(ids) }) { print(item.listLine) }
        }
    }
}
