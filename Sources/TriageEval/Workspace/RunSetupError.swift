import TriageEngine

/// Why a run could not start (exit status 2): nothing was stored or run.
public enum RunSetupError: Error, CustomStringConvertible, Sendable {
    /// Rule, prompt, model or scenario files have errors (every one of them).
    case files(LoadErrors)
    /// A command-line gate names something the files do not have.
    case gates(GateSetError)
    /// The engine could not be built (unknown model, missing key or prompt).
    case engine(any Error)
    /// The scenario selection is invalid or selects nothing (a ``ScenarioSelectionError``), or the store could
    /// not answer `--failed-from`.
    case selection(any Error)

    /// The underlying message.
    public var description: String {
        switch self {
        case .files(let errors): return errors.description
        case .gates(let error): return error.description
        case .engine(let error): return "\(error)"
        case .selection(let error): return "\(error)"
        }
    }
}
