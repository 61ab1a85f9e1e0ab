/// A run that started could not be finished or resumed: the store lost it, or it cannot be continued.
/// Not a problem with the input files (those are ``LoadErrors`` and ``EngineSetupError``).
public struct EvaluationError: Error, CustomStringConvertible, Sendable, Equatable {
    private enum Code: Equatable, Sendable {
        case runVanished
        case noSuchRun
        case notResumable
        case alreadyRunning(pid: Int32, host: String)
        case filesChanged([String])
    }

    private let code: Code
    /// The run concerned.
    public let runID: Int64

    private init(_ code: Code, runID: Int64) {
        self.code = code
        self.runID = runID
    }

    /// The run's row disappeared from the store while it ran.
    public static func runVanished(_ runID: Int64) -> EvaluationError { EvaluationError(.runVanished, runID: runID) }
    /// No run has this id.
    public static func noSuchRun(_ runID: Int64) -> EvaluationError { EvaluationError(.noSuchRun, runID: runID) }
    /// The run was stored before runs kept their configuration.
    public static func notResumable(_ runID: Int64) -> EvaluationError { EvaluationError(.notResumable, runID: runID) }
    /// A live process is running it.
    public static func alreadyRunning(_ runID: Int64, pid: Int32, host: String) -> EvaluationError {
        EvaluationError(.alreadyRunning(pid: pid, host: host), runID: runID)
    }
    /// Files it used changed since it started; each entry names the file and how.
    public static func filesChanged(_ runID: Int64, _ changes: [String]) -> EvaluationError { EvaluationError(.filesChanged(changes), runID: runID) }

    /// Whether the cause is the user's input (exit 2) rather than the store or the process (exit 3).
    public var isInvalidInput: Bool {
        switch code {
        case .runVanished: false
        case .noSuchRun, .notResumable, .alreadyRunning, .filesChanged: true
        }
    }

    /// What happened and what to do.
    public var description: String {
        switch code {
        case .runVanished:
            return "run #\(runID) vanished from the store while it ran"
        case .noSuchRun:
            return "no run #\(runID) in the store"
        case .notResumable:
            return "run #\(runID) was stored before runs kept their configuration and cannot be resumed; start a new run"
        case .alreadyRunning(let pid, let host):
            return "run #\(runID) is still running (pid \(pid) on \(host)); stop it before resuming"
        case .filesChanged(let changes):
            return "cannot resume run #\(runID): " + changes.joined(separator: "; ")
                + "; resume with --allow-changed to continue with the files as they are now"
        }
    }
}
