/// What a finished run means for CI, decided in one place for a run and for every variant of a comparison.
public enum RunVerdict: Sendable, Equatable {
    /// Complete, and every gate held (exit 0).
    case passed
    /// Complete, and these gates failed (exit 1).
    case gatesFailed([GateResult])
    /// Stopped before every scenario ran, for this reason (exit 3).
    case interrupted(String)
    /// A replay-only run found no recorded response for `count` scenarios, the first being `first` (`suite/id`) (exit 3).
    case replayMisses(count: Int, first: String)
    /// More scenarios errored than the configured share allows, or the default when `byDefault` (exit 3).
    case errorRateExceeded(rate: Double, limit: Double, byDefault: Bool = false)

    /// The documented exit status.
    public var exitStatus: ExitStatus {
        switch self {
        case .passed: return .success
        case .gatesFailed: return .gateFailed
        case .interrupted, .replayMisses, .errorRateExceeded: return .incomplete
        }
    }

    /// Whether the run counts as complete (its gates decide).
    public var isComplete: Bool { exitStatus != .incomplete }
}
