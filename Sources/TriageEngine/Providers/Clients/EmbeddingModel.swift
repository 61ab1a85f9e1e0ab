/// An embedding model: texts in, one vector per text out, in the same order.
/// Implemented by ``OpenAIEmbeddingModel`` over HTTP and by ``HashedEmbeddingModel`` offline.
public protocol EmbeddingModel: Sendable {
    /// The configured model name, as it appears in reports.
    var name: String { get }
    /// Embeds the texts.
    /// - Throws: ``ModelError`` when the provider fails or answers something unusable.
    func embed(_ texts: [String]) async throws -> [[Double]]
}
