/// Why part of a `provider: http` entry (a response path, the body template, a header value) could not be read.
public struct HTTPTargetConfigError: Error, Sendable, CustomStringConvertible {
    /// What was wrong and what was expected.
    public let description: String

    init(_ description: String) { self.description = description }
}
