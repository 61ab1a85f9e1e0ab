import Foundation

/// An embedding model behind the OpenAI Embeddings API (`{baseURL}/embeddings`), which also fits
/// OpenAI-compatible servers.
///
/// Vectors are returned in the order of the input texts (by each item's `index`). An embedding returned as
/// a single nested row (`[[…]]`, as llama.cpp does for some pooling settings) is flattened one level;
/// any other shape is `invalid_output`.
public struct OpenAIEmbeddingModel: EmbeddingModel {
    /// The model's configuration.
    public let config: ModelConfig
    private let transport: any HTTPTransport
    private let apiKey: String?
    private let call: ProviderCall

    /// Creates a client.
    /// - Parameters:
    ///   - config: the model configuration.
    ///   - transport: usually a ``RetryingTransport`` over the transport ``DefaultTransport`` picks.
    ///   - apiKey: sent as `Authorization: Bearer`; `nil` sends no credentials.
    ///   - cache: the response cache, if any.
    ///   - cacheMode: how the cache is used.
    public init(config: ModelConfig, transport: any HTTPTransport, apiKey: String? = nil,
                cache: (any ResponseCache)? = nil, cacheMode: CacheMode = .readWrite) {
        self.config = config
        self.transport = transport
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
        self.call = ProviderCall(config: config, cache: cache, cacheMode: cacheMode, secrets: self.apiKey.map { [$0] } ?? [])
    }

    /// The configured model name.
    public var name: String { config.name }

    /// Embeds the texts in one request; no request for an empty list.
    /// - Throws: ``ModelError``.
    public func embed(_ texts: [String]) async throws -> [[Double]] {
        guard !texts.isEmpty else { return [] }
        let body = JSONValue.object([
            "model": .string(config.model),
            "input": .array(texts.map { .string($0) }),
        ]).encoded()
        var headers = ["Content-Type": "application/json", "Accept": "application/json"]
        if let apiKey { headers["Authorization"] = "Bearer \(apiKey)" }
        let request = HTTPRequest(method: "POST", url: config.resolvedBaseURL.appendingPathComponent("embeddings"),
                                  headers: headers, body: body, timeout: config.timeout, expectsJSON: true)
        let outcome = try await call.run(cacheBody: body, send: {
            let (response, attempts) = try await transport.sendWithAttempts(request)
            return ProviderCall.Sent(response: response, attempts: attempts, body: body)
        }, parse: { data in
            try parse(data, texts: texts)
        })
        return outcome.output
    }

    private func parse(_ data: Data, texts: [String]) throws -> ProviderCall.Parsed<[[Double]]> {
        let secrets = apiKey.map { [$0] } ?? []
        func invalid(_ what: String) -> ModelError { ProviderCall.invalidOutput(what, body: data, secrets: secrets) }
        guard let json = JSONValue.parse(data) else { throw ProviderCall.incompleteBody(data, secrets: secrets) }
        guard let items = json["data"]?.arrayValue else { throw invalid("the embeddings response has no data array") }
        guard items.count == texts.count else {
            throw invalid("the embeddings response has \(items.count) vectors for \(texts.count) inputs")
        }
        var indexed: [(index: Int, vector: [Double])] = []
        for (position, item) in items.enumerated() {
            guard let embedding = item["embedding"], let vector = Self.vector(embedding) else {
                throw invalid("data[\(position)].embedding is not an array of numbers (or one nested array of numbers)")
            }
            indexed.append((item["index"]?.intValue ?? position, vector))
        }
        guard Set(indexed.map(\.index)) == Set(0..<texts.count) else {
            throw invalid("the embeddings response indices are not 0..<\(texts.count)")
        }
        let vectors = indexed.sorted { $0.index < $1.index }.map(\.vector)
        let input = json["usage"]?["prompt_tokens"]?.intValue ?? ProviderCall.estimateTokens(texts.joined())
        return ProviderCall.Parsed(output: vectors, inputTokens: input, outputTokens: 0)
    }

    /// A flat array of numbers, or a single nested row of numbers flattened one level.
    private static func vector(_ value: JSONValue) -> [Double]? {
        guard let elements = value.arrayValue, !elements.isEmpty else { return nil }
        let numbers = elements.compactMap(\.doubleValue)
        if numbers.count == elements.count { return numbers }
        guard elements.count == 1, let row = elements[0].arrayValue, !row.isEmpty else { return nil }
        let flattened = row.compactMap(\.doubleValue)
        return flattened.count == row.count ? flattened : nil
    }
}
