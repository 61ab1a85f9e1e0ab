/// The documented exit codes of the CLI.
public enum ExitStatus: Int32, Sendable {
    /// Every gate passed.
    case success = 0
    /// A gate failed.
    case gateFailed = 1
    /// Invalid input: a rule, prompt, scenario or model file, or a flag.
    case invalidInput = 2
    /// The run could not complete (interrupted, store failure, too many errors).
    case incomplete = 3
}
