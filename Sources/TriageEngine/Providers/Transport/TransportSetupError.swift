/// Why an HTTP transport could not be set up: libcurl missing or too old, or an unknown transport named in
/// `TRIAGE_EVAL_TRANSPORT`. The description says what to install or set.
public struct TransportSetupError: Error, CustomStringConvertible, Sendable {
    /// What is wrong and what to do about it.
    public let description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
