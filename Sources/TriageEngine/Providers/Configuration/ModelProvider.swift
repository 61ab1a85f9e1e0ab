/// Who serves a configured model, as a models file names it (`provider: openai`).
public enum ModelProvider: String, CaseIterable, Sendable, Codable, CustomStringConvertible {
    /// OpenAI, or any server that speaks its chat-completions and embeddings API (llama.cpp, vLLM, …).
    case openai
    /// Anthropic's messages API.
    case anthropic
    /// The built-in offline engine (no network).
    case builtin
    /// A deployed triage service: each ticket is posted to a URL and the JSON answer read as the decision.
    case http

    /// The name as written in models files, cache keys and call records.
    public var description: String { rawValue }
}
