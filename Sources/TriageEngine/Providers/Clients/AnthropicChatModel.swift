import Foundation

/// A chat model behind the Anthropic Messages API (`{baseURL}/messages`, default
/// `https://api.anthropic.com/v1`).
///
/// System messages go to the top-level `system` field; `max_tokens` is required and defaults to 1024.
/// JSON answers are asked for in the prompt, so a schema on the request changes nothing here.
public struct AnthropicChatModel: ChatModel {
    /// The API version sent in `anthropic-version`.
    public static let apiVersion = "2023-06-01"
    /// The completion limit when neither the request nor the config sets one.
    public static let defaultMaxTokens = 1024

    /// The model's configuration.
    public let config: ModelConfig
    private let transport: any HTTPTransport
    private let apiKey: String?
    private let call: ProviderCall

    /// Creates a client.
    /// - Parameters:
    ///   - config: the model configuration.
    ///   - transport: usually a ``RetryingTransport`` over the transport ``DefaultTransport`` picks.
    ///   - apiKey: sent as `x-api-key`; `nil` sends no credentials.
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

    /// Completes the conversation.
    /// - Throws: ``ModelError``.
    public func complete(_ request: ChatRequest) async throws -> ChatResponse {
        let body = body(for: request)
        let outcome = try await call.run(cacheBody: body, send: {
            let (response, attempts) = try await transport.sendWithAttempts(httpRequest(body))
            return ProviderCall.Sent(response: response, attempts: attempts, body: body)
        }, parse: { data in try parse(data, request: request) })
        return ChatResponse(text: outcome.output, inputTokens: outcome.inputTokens, outputTokens: outcome.outputTokens,
                            record: outcome.record, requestBody: Redaction.redact(String(decoding: body, as: UTF8.self), shapes: false))
    }

    private func httpRequest(_ body: Data) -> HTTPRequest {
        var headers = ["content-type": "application/json", "anthropic-version": Self.apiVersion]
        if let apiKey { headers["x-api-key"] = apiKey }
        return HTTPRequest(method: "POST", url: config.resolvedBaseURL.appendingPathComponent("messages"),
                           headers: headers, body: body, timeout: config.timeout, expectsJSON: true)
    }

    private func body(for request: ChatRequest) -> Data {
        let system = request.messages.filter { $0.role == "system" }.map(\.content)
        let turns = request.messages.filter { $0.role != "system" }
        var object: [String: JSONValue] = [
            "model": .string(config.model),
            "max_tokens": .int(request.maxTokens ?? config.maxTokens ?? Self.defaultMaxTokens),
            "messages": .array(turns.map { .object(["role": .string($0.role), "content": .string($0.content)]) }),
        ]
        if !system.isEmpty { object["system"] = .string(system.joined(separator: "\n\n")) }
        if let temperature = request.temperature ?? config.temperature { object["temperature"] = .double(temperature) }
        return JSONValue.object(object).encoded()
    }

    private func parse(_ data: Data, request: ChatRequest) throws -> ProviderCall.Parsed<String> {
        let secrets = apiKey.map { [$0] } ?? []
        guard let json = JSONValue.parse(data) else {
            throw ProviderCall.incompleteBody(data, secrets: secrets)
        }
        guard let blocks = json["content"]?.arrayValue else {
            throw ProviderCall.invalidOutput("the message has no content array", body: data, secrets: secrets)
        }
        let texts = blocks.compactMap { block -> String? in
            guard block["type"]?.stringValue ?? "text" == "text" else { return nil }
            return block["text"]?.stringValue
        }
        guard !texts.isEmpty || blocks.isEmpty else {
            throw ProviderCall.invalidOutput("the message has no text content block", body: data, secrets: secrets)
        }
        let text = Redaction.redact(texts.joined(), secrets: secrets, shapes: false)
        let usage = json["usage"]
        guard let input = usage?["input_tokens"]?.intValue, let output = usage?["output_tokens"]?.intValue else {
            return ProviderCall.Parsed(output: text, inputTokens: ProviderCall.estimateTokens(request.messages.map(\.content).joined()),
                                       outputTokens: ProviderCall.estimateTokens(text))
        }
        return ProviderCall.Parsed(output: text, inputTokens: input, outputTokens: output)
    }
}
