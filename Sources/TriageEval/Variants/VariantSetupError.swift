/// A variant of a comparison could not start; nothing was run.
public struct VariantSetupError: Error, CustomStringConvertible, Sendable {
    /// The variant's name.
    public let variant: String
    /// Why it could not start.
    public let error: RunSetupError

    /// `variant NAME: ` and the reason.
    public var description: String { "variant \(variant): \(error)" }
}
