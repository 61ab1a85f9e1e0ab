/// A JSON Schema the answer must follow, for providers with structured output.
public struct JSONSchemaSpec: Sendable, Equatable {
    /// The schema's name (letters, digits, `_` and `-`), as OpenAI requires.
    public var name: String
    /// The JSON Schema as JSON text.
    public var schemaJSON: String

    /// Creates a schema spec.
    public init(name: String, schemaJSON: String) {
        self.name = name
        self.schemaJSON = schemaJSON
    }
}
