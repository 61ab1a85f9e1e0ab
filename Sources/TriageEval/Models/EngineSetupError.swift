/// A problem with the engine configuration found before any scenario runs (exit status 2).
public struct EngineSetupError: Error, CustomStringConvertible, Sendable {
    /// What is wrong and what was expected.
    public let description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
