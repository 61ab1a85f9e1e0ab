/// Which side of its threshold a gate's measured value must stay on.
public enum GateKind: String, Sendable, Codable, CustomStringConvertible {
    /// The measured value must be at least the threshold (accuracy, recall).
    case min
    /// The measured value must be at most the threshold (false escalations, latency, cost, error rate).
    case max

    /// `min` or `max`, as reports print it.
    public var description: String { rawValue }
}
