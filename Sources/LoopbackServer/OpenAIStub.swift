import Foundation

/// A loopback server speaking the OpenAI wire format: `POST /v1/chat/completions`, `POST /v1/embeddings`
/// and `GET /v1/models`, with scripted answers, fixed usage, configurable latency, a record of the requests
/// it received and a fault script for the next requests.
///
/// ```swift
/// let stub = try OpenAIStub(answer: { _ in #"{"category": "billing"}"# })
/// defer { stub.stop() }
/// stub.enqueue(.status(429, retryAfter: "2"), .status(503))
/// // point a client at stub.baseURL (http://127.0.0.1:<port>/v1)
/// ```
public final class OpenAIStub: Sendable {
    /// The underlying server.
    public let server: LoopbackServer
    private let recorder: StubRecorder

    /// Starts a stub.
    /// - Parameters:
    ///   - promptTokens: `usage.prompt_tokens` of every answer.
    ///   - completionTokens: `usage.completion_tokens` of every chat answer.
    ///   - latency: how long each normal answer is delayed.
    ///   - models: the model ids `GET /v1/models` lists.
    ///   - answer: the assistant's text for a chat request.
    ///   - embedding: the vector for one input text of an embeddings request.
    public init(promptTokens: Int = 42, completionTokens: Int = 7, latency: Duration = .zero,
                models: [String] = ["stub-model"],
                answer: @escaping @Sendable (ServerRequest) -> String = { _ in "ok" },
                embedding: @escaping @Sendable (String) -> [Double] = OpenAIStub.defaultEmbedding) throws {
        let recorder = StubRecorder(latency: latency)
        self.recorder = recorder
        server = try LoopbackServer { request in
            let (fault, latency) = recorder.receive(request)
            let action = OpenAIStub.respond(to: request, fault: fault, latency: latency, promptTokens: promptTokens,
                                            completionTokens: completionTokens, models: models, answer: answer, embedding: embedding)
            return fault == .truncated ? StubRecorder.truncate(action) : action
        }
    }

    /// `http://127.0.0.1:<port>/v1`, the base URL to configure a client with.
    public var baseURL: URL { server.baseURL.appendingPathComponent("v1") }

    /// Applies these faults, in order, to the next requests (one fault per request).
    public func enqueue(_ faults: StubFault...) { recorder.enqueue(faults) }

    /// Applies these faults, in order, to the next requests.
    public func enqueue(_ faults: [StubFault]) { recorder.enqueue(faults) }

    /// Applies a seeded random mix of faults to every request no scripted fault covers (nil stops it).
    public func inject(_ mix: StubFaultMix?) { recorder.inject(mix) }

    /// Faults not yet applied.
    public var pendingFaults: [StubFault] { recorder.pendingFaults }

    /// Every request received, in arrival order.
    public var requests: [ServerRequest] { recorder.requests }

    /// How many requests arrived.
    public var requestCount: Int { recorder.requestCount }

    /// How long each normal answer is delayed; can be changed while running.
    public var latency: Duration {
        get { recorder.latency }
        set { recorder.latency = newValue }
    }

    /// Stops the server.
    public func stop() { server.stop() }

    /// A deterministic 8-dimensional vector derived from the text's bytes.
    public static let defaultEmbedding: @Sendable (String) -> [Double] = { text in
        var vector = [Double](repeating: 0, count: 8)
        for (index, byte) in text.utf8.enumerated() { vector[(index + Int(byte)) % 8] += Double(byte) / 255 }
        return vector
    }

    private static func respond(to request: ServerRequest, fault: StubFault?, latency: Duration, promptTokens: Int,
                                completionTokens: Int, models: [String], answer: (ServerRequest) -> String,
                                embedding: (String) -> [Double]) -> ServerAction {
        switch fault {
        case .status(let status, let retryAfter, let body)?:
            let errorBody = body ?? StubRecorder.json(["error": [
                "message": "stub fault: HTTP \(status)", "type": status == 429 ? "rate_limit_exceeded" : (status >= 500 ? "server_error" : "invalid_request_error"),
                "code": NSNull(),
            ] as [String: Any]])
            return StubRecorder.statusAction(status, retryAfter: retryAfter, body: errorBody)
        case .reset?:
            return .close
        case .hang?:
            return .hang
        case .malformedJSON?:
            return .json(StubRecorder.malformedBody, delay: latency)
        case .content, .nestedEmbedding, .truncated, nil:
            break
        }
        let model = request.jsonObject?["model"] as? String ?? models.first ?? "stub-model"
        switch (request.method, request.path) {
        case ("POST", "/v1/chat/completions"):
            var text = answer(request)
            if case .content(let scripted)? = fault { text = scripted }
            let body: [String: Any] = [
                "id": "chatcmpl-stub", "object": "chat.completion", "created": 1_700_000_000, "model": model,
                "choices": [["index": 0, "message": ["role": "assistant", "content": text], "finish_reason": "stop"] as [String: Any]],
                "usage": ["prompt_tokens": promptTokens, "completion_tokens": completionTokens,
                          "total_tokens": promptTokens + completionTokens],
            ]
            return .json(StubRecorder.json(body), delay: latency)
        case ("POST", "/v1/embeddings"):
            let input = request.jsonObject?["input"]
            let texts = (input as? [String]) ?? (input as? String).map { [$0] } ?? []
            let nested = fault == .nestedEmbedding
            let data: [[String: Any]] = texts.enumerated().map { index, text in
                let vector = embedding(text)
                return ["object": "embedding", "index": index, "embedding": nested ? [vector] as Any : vector as Any]
            }
            let body: [String: Any] = [
                "object": "list", "data": data, "model": model,
                "usage": ["prompt_tokens": promptTokens, "total_tokens": promptTokens],
            ]
            return .json(StubRecorder.json(body), delay: latency)
        case ("GET", "/v1/models"):
            let body: [String: Any] = [
                "object": "list",
                "data": models.map { ["id": $0, "object": "model", "created": 1_700_000_000, "owned_by": "stub"] as [String: Any] },
            ]
            return .json(StubRecorder.json(body), delay: latency)
        default:
            let body = StubRecorder.json(["error": ["message": "unknown route \(request.method) \(request.path)",
                                                    "type": "invalid_request_error"]])
            return .json(body, status: 404)
        }
    }
}
