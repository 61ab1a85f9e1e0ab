/// Why a `--variant` value could not be read.
public struct VariantSpecError: Error, CustomStringConvertible, Sendable {
    /// What is wrong and what was expected.
    public let description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
