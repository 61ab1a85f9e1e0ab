/// A gate set names something the loaded files do not have (a category recall gate for an unknown category).
public struct GateSetError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong and what was expected, worded as a suite file's error is.
    public let description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
