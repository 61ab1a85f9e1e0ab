import ArgumentParser
import TriageEval

extension SchemaKind: ExpressibleByArgument {}

/// `triage-eval schema [KIND]`: print the JSON Schema of a file kind, or list the kinds.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of a file kind (for editors and other tools), or list the kinds.",
        discussion: """
            Every shipped YAML file names its schema on its first line (`# yaml-language-server: $schema=../schemas/…`),
            so VS Code with the YAML extension completes and checks keys as you type. `triage-eval init` writes the
            schemas into schemas/ of a new project.
            """)

    @Argument(help: ArgumentHelp("The file kind.", valueName: "kind"))
    var kind: SchemaKind?

    func run() throws {
        guard let kind else {
            let width = SchemaKind.allCases.map(\.rawValue.count).max() ?? 0
            for kind in SchemaKind.allCases {
                print(kind.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0) + kind.files)
            }
            return
        }
        let text = try kind.schemaText()
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }
}
