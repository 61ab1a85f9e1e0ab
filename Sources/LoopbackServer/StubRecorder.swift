import Foundation

/// The state a provider stub shares between concurrent requests: the fault script, the received requests
/// and the answer settings.
final class StubRecorder: Sendable {
    private struct State {
        var faults: [StubFault] = []
        var requests: [ServerRequest] = []
        var latency: Duration
    }

    private let state: ServerLock<State>

    init(latency: Duration) {
        state = ServerLock(State(latency: latency))
    }

    /// Records a request and takes the next scripted fault, if any.
    func receive(_ request: ServerRequest) -> (fault: StubFault?, latency: Duration) {
        state.withLock { state in
            state.requests.append(request)
            let fault = state.faults.isEmpty ? nil : state.faults.removeFirst()
            return (fault, state.latency)
        }
    }

    func enqueue(_ faults: [StubFault]) { state.withLock { $0.faults.append(contentsOf: faults) } }

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
