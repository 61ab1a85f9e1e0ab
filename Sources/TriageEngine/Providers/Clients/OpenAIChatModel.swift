import Foundation

/// A chat model behind the OpenAI Chat Completions API (`{baseURL}/chat/completions`), which also fits
/// OpenAI-compatible servers such as llama.cpp, vLLM and Ollama.
///
/// With a schema and ``ModelConfig/structuredOutput`` on, the request asks for
/// `response_format: {type: "json_schema", json_schema: {name, schema, strict: true}}`. A server that
/// rejects that with a 400 naming `response_format` gets the request again without it, and later calls
/// leave it out. Bodies are encoded with sorted keys so cache keys are stable.
public struct OpenAIChatModel: ChatModel {
    /// The model's configuration.
    public let config: ModelConfig
    private let transport: any HTTPTransport
    private let apiKey: String?
    private let call: ProviderCall
    private let structuredOutputRejected = Locked(false)
    /// Parsed JSON Schemas by their text: every classification call sends the same schema.
    private let parsedSchemas = Locked<[String: JSONValue]>([:])

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

    /// Whether the server rejected structured output and calls now go without it.
    public var structuredOutputDisabled: Bool { structuredOutputRejected.current }

    /// Completes the conversation.
    /// - Throws: ``ModelError``.
    public func complete(_ request: ChatRequest) async throws -> ChatResponse {
        let wantsSchema = request.jsonSchema != nil && config.structuredOutput
        let canonical = try body(for: request, structured: wantsSchema)
        let outcome = try await call.run(cacheBody: canonical, send: {
            let structured = wantsSchema && !structuredOutputRejected.current
            let first = structured ? canonical : try body(for: request, structured: false)
            do {
                let (response, attempts) = try await transport.sendWithAttempts(httpRequest(first))
                return ProviderCall.Sent(response: response, attempts: attempts, body: first)
            } catch let error as ModelError where structured && Self.rejectsStructuredOutput(error) {
                structuredOutputRejected.withLock { $0 = true }
                let plain = try body(for: request, structured: false)
                do {
                    let (response, attempts) = try await transport.sendWithAttempts(httpRequest(plain))
                    return ProviderCall.Sent(response: response, attempts: error.attempts + attempts, body: plain)
                } catch let retryError as ModelError {
                    throw retryError.withAttempts(error.attempts + retryError.attempts)
                }
            }
        }, parse: { data in
            try parse(data, request: request)
        })
        return ChatResponse(text: outcome.output, inputTokens: outcome.inputTokens, outputTokens: outcome.outputTokens,
                            record: outcome.record, requestBody: Redaction.redact(String(decoding: outcome.sentBody, as: UTF8.self), shapes: false))
    }

    /// Whether an error is a server refusing `response_format`: a 400 that names it, or a server error that
    /// does (llama.cpp's server answers an unknown `response_format` type with a 500 validation error).
    static func rejectsStructuredOutput(_ error: ModelError) -> Bool {
        switch error {
        case .clientError where error.status == 400, .serverError: break
        default: return false
        }
        let detail = error.detail.lowercased()
        return detail.contains("response_format") || detail.contains("json_schema")
    }

    private func httpRequest(_ body: Data) -> HTTPRequest {
        var headers = ["Content-Type": "application/json", "Accept": "application/json"]
        if let apiKey { headers["Authorization"] = "Bearer \(apiKey)" }
        return HTTPRequest(method: "POST", url: config.resolvedBaseURL.appendingPathComponent("chat/completions"),
                           headers: headers, body: body, timeout: config.timeout, expectsJSON: true)
    }

    private func body(for request: ChatRequest, structured: Bool) throws -> Data {
        var object: [String: JSONValue] = [
            "model": .string(config.model),
            "messages": .array(request.messages.map { .object(["role": .string($0.role), "content": .string($0.content)]) }),
        ]
        if let temperature = request.temperature ?? config.temperature { object["temperature"] = .double(temperature) }
        if let maxTokens = request.maxTokens ?? config.maxTokens { object["max_tokens"] = .int(maxTokens) }
        if structured, let schema = request.jsonSchema {
            let cached = parsedSchemas.withLock { $0[schema.schemaJSON] }
            guard let parsed = cached ?? JSONValue.parse(Data(schema.schemaJSON.utf8)), case .object = parsed else {
                throw ModelError(.clientError, attempts: 0, detail: "the JSON Schema \"\(schema.name)\" is not a JSON object")
            }
            if cached == nil { parsedSchemas.withLock { $0[schema.schemaJSON] = parsed } }
            if config.structuredOutputStyle == "json_object" {
                object["response_format"] = .object(["type": .string("json_object"), "schema": parsed])
            } else {
                object["response_format"] = .object([
                    "type": .string("json_schema"),
                    "json_schema": .object(["name": .string(schema.name), "schema": parsed, "strict": .bool(true)]),
                ])
            }
        }
        return JSONValue.object(object).encoded()
    }

    private func parse(_ data: Data, request: ChatRequest) throws -> ProviderCall.Parsed<String> {
        let secrets = apiKey.map { [$0] } ?? []
        guard let json = JSONValue.parse(data) else {
            throw ProviderCall.incompleteBody(data, secrets: secrets)
        }
        guard let text = json["choices"]?[0]?["message"]?["content"]?.stringValue.map({ Redaction.redact($0, secrets: secrets, shapes: false) }) else {
            throw ProviderCall.invalidOutput("the chat completion has no choices[0].message.content", body: data, secrets: secrets)
        }
        let usage = json["usage"]
        let input = usage?["prompt_tokens"]?.intValue
            ?? ProviderCall.estimateTokens(request.messages.map(\.content).joined())
        let output = usage?["completion_tokens"]?.intValue ?? ProviderCall.estimateTokens(text)
        return ProviderCall.Parsed(output: text, inputTokens: input, outputTokens: output)
    }
}
