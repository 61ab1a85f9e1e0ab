/// A problem with a pipeline's configuration found while assembling it, before any ticket is triaged: an
/// unknown model name, a missing API key or prompt, an unusable transport. Problems tied to a place in a
/// file are thrown as positioned ``LoadError``s instead.
public struct PipelineSetupError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong and what was expected.
    public let description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
