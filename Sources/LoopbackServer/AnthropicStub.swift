import Foundation

/// A loopback server speaking the Anthropic Messages wire format (`POST /v1/messages`), with scripted
/// answers, fixed usage, configurable latency, a record of the requests it received and a fault script.
public final class AnthropicStub: Sendable {
    /// The underlying server.
    public let server: LoopbackServer
    private let recorder: StubRecorder

    /// Starts a stub.
    /// - Parameters:
    ///   - inputTokens: `usage.input_tokens` of every answer.
    ///   - outputTokens: `usage.output_tokens` of every answer.
    ///   - latency: how long each normal answer is delayed.
    ///   - answer: the assistant's text for a request.
    public init(inputTokens: Int = 42, outputTokens: Int = 7, latency: Duration = .zero,
                answer: @escaping @Sendable (ServerRequest) -> String = { _ in "ok" }) throws {
        let recorder = StubRecorder(latency: latency)
        self.recorder = recorder
        server = try LoopbackServer { request in
            let (fault, latency) = recorder.receive(request)
            let action = AnthropicStub.respond(to: request, fault: fault, latency: latency, inputTokens: inputTokens,
                                               outputTokens: outputTokens, answer: answer)
            return fault == .truncated ? StubRecorder.truncate(action) : action
        }
    }

    /// `http://127.0.0.1:<port>/v1`, the base URL to configure a client with.
    public var baseURL: URL { server.baseURL.appendingPathComponent("v1") }

    /// Applies a seeded random mix of faults to every request no scripted fault covers (nil stops it).
    public func inject(_ mix: StubFaultMix?) { recorder.inject(mix) }

    /// Applies these faults, in order, to the next requests (one fault per request).
    public func enqueue(_ faults: StubFault...) { recorder.enqueue(faults) }

    /// Applies these faults, in order, to the next requests.
    public func enqueue(_ faults: [StubFault]) { recorder.enqueue(faults) }

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

    private static func respond(to request: ServerRequest, fault: StubFault?, latency: Duration, inputTokens: Int,
                                outputTokens: Int, answer: (ServerRequest) -> String) -> ServerAction {
        switch fault {
        case .status(let status, let retryAfter, let body)?:
            let type: String
            switch status {
            case 429: type = "rate_limit_error"
            case 529: type = "overloaded_error"
            case 500...599: type = "api_error"
            case 401: type = "authentication_error"
            case 404: type = "not_found_error"
            default: type = "invalid_request_error"
            }
            let errorBody = body ?? StubRecorder.json(["type": "error", "error": ["type": type, "message": "stub fault: HTTP \(status)"]])
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
        guard request.method == "POST", request.path == "/v1/messages" else {
            let body = StubRecorder.json(["type": "error", "error": ["type": "not_found_error",
                                                                     "message": "unknown route \(request.method) \(request.path)"]])
            return .json(body, status: 404)
        }
        var text = answer(request)
        if case .content(let scripted)? = fault { text = scripted }
        let model = request.jsonObject?["model"] as? String ?? "stub-model"
        let body: [String: Any] = [
            "id": "msg_stub", "type": "message", "role": "assistant", "model": model,
            "content": [["type": "text", "text": text]],
            "stop_reason": "end_turn", "stop_sequence": NSNull(),
            "usage": ["input_tokens": inputTokens, "output_tokens": outputTokens],
        ]
        return .json(StubRecorder.json(body), delay: latency)
    }
}
