import TriageEngine
import TriageEval

/// Why a command stops: a message for standard error and the documented exit status. `Main` prints it and exits.
struct CommandFailure: Error {
    /// The text printed on standard error.
    var message: String
    /// The exit status.
    var status: ExitStatus

    /// Invalid input (exit 2): `triage-eval: ` and the message.
    static func invalidInput(_ message: String) -> CommandFailure { CommandFailure(message: "triage-eval: " + message, status: .invalidInput) }

    /// The run could not complete (exit 3): `triage-eval: ` and the message.
    static func incomplete(_ message: String) -> CommandFailure { CommandFailure(message: "triage-eval: " + message, status: .incomplete) }

    /// No such run in the store (exit 2).
    static func noRun(_ reference: RunReference, in path: String) -> CommandFailure { .invalidInput("no run \(reference) in \(path)") }
}

extension CommandFailure {
    /// Errors in rule, prompt, model or scenario files (exit 2): every error, then how many and that nothing ran.
    init(files errors: LoadErrors, prefix: String = "") {
        let count = errors.errors.count
        self.init(message: prefix + errors.description + "\n\(count) error\(count == 1 ? "" : "s"); nothing was run.", status: .invalidInput)
    }
}
