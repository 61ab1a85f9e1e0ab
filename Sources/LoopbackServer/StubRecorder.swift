import Foundation

/// The state a provider stub shares between concurrent requests: the fault script, the received requests
/// and the answer settings.
final class StubRecorder: Sendable {
    private struct State {
        var faults: [StubFault] = []
        var requests: [ServerRequest] = []
        var latency: Duration
        var mix: StubFaultMix?
        var draws = 0
    }

    private let state: ServerLock<State>

    init(latency: Duration) {
        state = ServerLock(State(latency: latency))
    }

    /// Records a request and takes the next scripted fault, if any.
    func receive(_ request: ServerRequest) -> (fault: StubFault?, latency: Duration) {
        state.withLock { state in
            state.requests.append(request)
            var fault = state.faults.isEmpty ? nil : state.faults.removeFirst()
            if fault == nil, let mix = state.mix {
                fault = mix.fault(at: state.draws)
                state.draws += 1
            }
            return (fault, state.latency)
        }
    }

    func enqueue(_ faults: [StubFault]) { state.withLock { $0.faults.append(contentsOf: faults) } }

    /// Sets (or with nil clears) the random fault mix for requests no scripted fault covers.
    func inject(_ mix: StubFaultMix?) { state.withLock { $0.mix = mix; $0.draws = 0 } }

    /// The action for a ``StubFault/truncated`` fault: the normal answer's headers, half its body, then a close.
    static func truncate(_ action: ServerAction) -> ServerAction {
        guard case .respond(let status, let headers, let body, _) = action else { return action }
        return .truncate(status: status, headers: headers, body: body, sentBytes: body.count / 2)
    }

    var pendingFaults: [StubFault] { state.current.faults }

    var requests: [ServerRequest] { state.current.requests }

    var requestCount: Int { state.current.requests.count }

    var latency: Duration {
        get { state.current.latency }
        set { state.withLock { $0.latency = newValue } }
    }

    /// JSON text for a value built from dictionaries, arrays, strings, numbers and booleans.
    static func json(_ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// The action for a scripted status fault.
    static func statusAction(_ status: Int, retryAfter: String?, body: String) -> ServerAction {
        var headers = ["Content-Type": "application/json"]
        if let retryAfter { headers["Retry-After"] = retryAfter }
        return .respond(status: status, headers: headers, body: Data(body.utf8))
    }

    /// A malformed JSON body that starts like a real answer.
    static let malformedBody = #"{"id": "stub", "choices": [{"message": {"content": "unterminated"#
}
