/// What a configured model is used for; each role accepts only the providers that can play it.
public enum ModelRole: String, Sendable, CaseIterable {
    /// The model under test: classifies tickets (and drafts replies). `builtin` is the offline lexical engine.
    case classifier
    /// Judges replies against a rubric: needs a chat API.
    case judge
    /// Embeds texts for similarity: needs an embeddings API.
    case embedding

    /// The providers that can play the role.
    public var providers: [ModelProvider] {
        switch self {
        case .classifier: return [.openai, .anthropic, .builtin, .http]
        case .judge: return [.openai, .anthropic]
        case .embedding: return [.openai]
        }
    }

    /// How messages name a model in the role: `model`, `judge model`, `embedding model`.
    public var noun: String {
        switch self {
        case .classifier: return "model"
        case .judge: return "judge model"
        case .embedding: return "embedding model"
        }
    }

    /// Checks that `config`'s provider can play the role.
    /// - Throws: a ``LoadError`` at the model's `provider:` line (a ``PipelineSetupError`` for a model built in
    ///   code), naming the providers the role accepts.
    public func check(_ config: ModelConfig) throws {
        guard !providers.contains(config.provider) else { return }
        var message = "model \"\(config.name)\" has provider \(config.provider), which cannot be used as the \(noun); "
            + "expected one of: \(providers.map(\.rawValue).joined(separator: ", "))"
        if self == .embedding && config.provider == .builtin {
            message += " (without an embedding model, the offline hashed embedding is used)"
        }
        if let position = config.providerPosition { throw position.error(message) }
        throw PipelineSetupError(message)
    }
}
