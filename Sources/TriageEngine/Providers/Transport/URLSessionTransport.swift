import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real transport: Foundation's `URLSession` (libcurl on Linux), one session per transport.
///
/// On Linux corelibs Foundation spins a core for as long as a request is outstanding, so ``DefaultTransport``
/// uses ``CurlTransport`` there and this transport elsewhere or when `TRIAGE_EVAL_TRANSPORT=urlsession`.
///
/// The session allows many connections per host, so concurrent calls are not queued behind each other, and
/// has no URL cache and no cookies. Each call asks for its own connection (`Connection: close`), because
/// libcurl's silent resend on a reused connection would put requests on the wire that no attempt counts. The request timeout is enforced here as a deadline on the whole
/// exchange, because on Linux `URLRequest.timeoutInterval` is an idle timer in whole seconds (0.3 s
/// truncates to 0). `URLError.timedOut` and the deadline become ``ModelError/timeout``; every other
/// `URLError` becomes ``ModelError/transport``.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession

    /// Creates a transport with its own session.
    /// - Parameter maximumConnectionsPerHost: how many connections may be open to one host (at least 64 by default,
    ///   so 32 concurrent calls run side by side).
    public init(maximumConnectionsPerHost: Int = 64) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(1, maximumConnectionsPerHost)
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.timeoutIntervalForRequest = 3600
        configuration.timeoutIntervalForResource = 3600
        session = URLSession(configuration: configuration)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// Sends the request once and returns the response, whatever its status.
    /// - Throws: ``ModelError`` of class `timeout` or `transport`; `CancellationError` if the task is cancelled.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        if !request.body.isEmpty {
            // An in-memory body: its length is known, so it goes with Content-Length alone. (A stream body is
            // sent chunked, and with a Content-Length beside it the request is invalid HTTP/1.1.)
            urlRequest.httpBody = request.body
        }
        // One connection per call: libcurl under corelibs resends a request by itself when a reused connection
        // dies, which the retry layer cannot count (and an in-memory body cannot be rewound for it, which
        // leaves the task waiting for the deadline). On a fresh connection it never does, so every request
        // on the wire is an attempt the retry layer sees.
        urlRequest.setValue("close", forHTTPHeaderField: "Connection")
        let seconds = RetryPolicy.seconds(request.timeout)
        // libcurl's own idle timer stays well behind our deadline, so the deadline decides.
        urlRequest.timeoutInterval = max(2, seconds.rounded(.up) + 2)
        let exchange = Exchange()
        try Task.checkCancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                let task = session.dataTask(with: urlRequest) { data, response, error in
                    exchange.finish(Self.result(data: data, response: response, error: error, request: request))
                }
                exchange.start(continuation: continuation, task: task, deadline: seconds, request: request)
            }
        } onCancel: {
            exchange.finish(.failure(CancellationError()))
        }
    }

    private static func result(data: Data?, response: URLResponse?, error: (any Error)?,
                               request: HTTPRequest) -> Result<HTTPResponse, any Error> {
        if let error {
            return .failure(mapError(error, request: request))
        }
        guard let http = response as? HTTPURLResponse else {
            return .failure(ModelError(.transport, detail: "no HTTP response from \(RetryingTransport<ContinuousClock>.endpoint(request.url))"))
        }
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields {
            headers[String(describing: key).lowercased()] = String(describing: value)
        }
        return .success(HTTPResponse(status: http.statusCode, headers: headers, body: data ?? Data()))
    }

    private static func mapError(_ error: any Error, request: HTTPRequest) -> any Error {
        let endpoint = RetryingTransport<ContinuousClock>.endpoint(request.url)
        if let urlError = error as? URLError {
            if urlError.code == .timedOut {
                return ModelError(.timeout, detail: "no response from \(endpoint) within \(RetryPolicy.format(request.timeout))",
                                  redacting: request.secrets)
            }
            return ModelError(.transport, detail: "\(endpoint): \(urlError.localizedDescription) (URLError \(urlError.code.rawValue))",
                              redacting: request.secrets)
        }
        return ModelError(.transport, detail: "\(endpoint): \(error)", redacting: request.secrets)
    }
}

/// One request in flight: resumes its continuation exactly once, whichever comes first of the response,
/// the deadline and cancellation, and cancels the data task when it is not the response.
private final class Exchange: Sendable {
    private struct State {
        var continuation: CheckedContinuation<HTTPResponse, any Error>?
        var task: URLSessionDataTask?
        var deadline: DispatchWorkItem?
        var pending: Result<HTTPResponse, any Error>?
        var done = false
    }

    private let state = Locked(State())

    func start(continuation: CheckedContinuation<HTTPResponse, any Error>, task: URLSessionDataTask, deadline seconds: Double,
               request: HTTPRequest) {
        let timer = DispatchWorkItem { [self] in
            let endpoint = RetryingTransport<ContinuousClock>.endpoint(request.url)
            finish(.failure(ModelError(.timeout, detail: "no response from \(endpoint) within \(RetryPolicy.format(request.timeout))")))
        }
        let early: Result<HTTPResponse, any Error>? = state.withLock { state in
            if let pending = state.pending { return pending }
            state.continuation = continuation
            state.task = task
            state.deadline = timer
            return nil
        }
        if let early {
            // Cancelled before the task started.
            task.cancel()
            continuation.resume(with: early)
            return
        }
        task.resume()
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds, execute: timer)
    }

    func finish(_ result: Result<HTTPResponse, any Error>) {
        let (continuation, task, timer) = state.withLock { state -> (CheckedContinuation<HTTPResponse, any Error>?, URLSessionDataTask?, DispatchWorkItem?) in
            guard !state.done else { return (nil, nil, nil) }
            guard let continuation = state.continuation else {
                state.pending = result
                return (nil, nil, nil)
            }
            state.done = true
            state.continuation = nil
            defer { state.task = nil; state.deadline = nil }
            return (continuation, state.task, state.deadline)
        }
        guard let continuation else { return }
        timer?.cancel()
        if case .failure = result { task?.cancel() }
        continuation.resume(with: result)
    }
}
