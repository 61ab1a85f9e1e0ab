import CCurlShim
import Foundation

/// The Linux transport: libcurl's multi interface on one thread of its own, loaded at run time.
///
/// `URLSessionTransport` on Linux keeps a core busy for as long as a request is outstanding (corelibs
/// Foundation drives libcurl from a dispatch thread that spins); this transport sleeps in `curl_multi_poll`
/// instead, so a call that waits seconds for a model costs microseconds of CPU. One multi handle serves
/// every call: connections are kept alive and reused, up to `maximumConnectionsPerHost` run side by side
/// and further calls wait for a free connection.
///
/// Requests are HTTP/1.1 without `Expect: 100-continue`, redirects are not followed, and the request
/// timeout bounds the whole exchange (`CURLOPT_TIMEOUT_MS`). Each ``send(_:)`` puts the request on the
/// wire at most once: libcurl's own silent resend after a reused connection dies is refused (a
/// `CURLOPT_PREREQFUNCTION` that allows one send; on libcurl before 7.80 connections are not reused), so
/// the retry layer counts every request a server sees. A timeout becomes ``ModelError/timeout`` and
/// every other failure ``ModelError/transport``, worded as ``URLSessionTransport`` words them; API keys never
/// reach a message. libcurl (`libcurl.so.4`) is loaded with `dlopen` on first use, so building needs no
/// libcurl headers; ``init(maximumConnectionsPerHost:maximumIdleSeconds:)`` throws when it cannot be loaded.
public final class CurlTransport: HTTPTransport {
    private let loop: CurlEventLoop
    private let maximumIdleSeconds: Int

    /// Whether libcurl could be loaded (always false off Linux).
    public static var isAvailable: Bool { shim_available() != 0 }

    /// Why libcurl could not be loaded, as a sentence; nil when it was.
    public static var unavailableReason: String? { shim_load_error().map { String(cString: $0) } }

    /// The loaded libcurl's version line, for example `libcurl/7.88.1 OpenSSL/3.0.11 …`; empty when none is loaded.
    public static var libcurlVersion: String { String(cString: shim_curl_version()) }

    /// Loads libcurl (once per process) and starts the transport's thread.
    /// - Parameters:
    ///   - maximumConnectionsPerHost: how many connections may be open to one host at once, and how many idle
    ///     ones are kept for reuse (64 by default, so 32 concurrent calls run side by side).
    ///   - maximumIdleSeconds: a connection idle for longer is not reused (libcurl's `CURLOPT_MAXAGE_CONN`;
    ///     118 s, libcurl's own default, stays under the idle timeouts servers commonly apply).
    /// - Throws: ``TransportSetupError`` when libcurl cannot be loaded or is older than 7.68.
    public init(maximumConnectionsPerHost: Int = 64, maximumIdleSeconds: Int = 118) throws {
        self.maximumIdleSeconds = max(0, maximumIdleSeconds)
        guard Self.isAvailable else {
            throw TransportSetupError(Self.unavailableReason ?? "libcurl could not be loaded")
        }
        let connections = max(1, maximumConnectionsPerHost)
        guard let loop = CurlEventLoop(maxConnects: connections, maxHostConnections: connections) else {
            throw TransportSetupError("libcurl (\(Self.libcurlVersion)) could not create a multi handle")
        }
        self.loop = loop
    }

    deinit {
        loop.shutdown()
    }

    /// Stops the transport's thread and closes its connections; calls still waiting end with a transport error.
    /// Later calls fail the same way. Called by `deinit`; safe to call more than once.
    public func shutdown() {
        loop.shutdown()
    }

    /// CPU time used by the transport's thread so far (Linux), for tests and benchmarks.
    var threadCPUTime: Duration? { loop.threadCPUTime }

    /// Sends the request once and returns the response, whatever its status.
    /// - Throws: ``ModelError`` of class `timeout` or `transport`; `CancellationError` if the task is cancelled.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try Task.checkCancellation()
        guard let handle = shim_request_new() else {
            throw ModelError(.transport, detail: "\(Self.endpoint(request)): libcurl could not create a request")
        }
        defer { shim_request_free(handle) }
        try Self.configure(handle, for: request, maximumIdleSeconds: maximumIdleSeconds)
        let transfer = CurlEventLoop.Transfer(handle: handle)
        let loop = self.loop
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<CurlEventLoop.Outcome, Never>) in
                transfer.continuation = continuation
                if !loop.submit(transfer) {
                    transfer.continuation = nil
                    continuation.resume(returning: .shutDown)
                }
            }
        } onCancel: {
            loop.cancel(transfer)
        }
        switch outcome {
        case .finished(let code):
            return try Self.response(handle, code: code, request: request)
        case .cancelled:
            throw CancellationError()
        case .shutDown:
            throw ModelError(.transport, detail: "\(Self.endpoint(request)): the transport was shut down")
        case .refused(let reason):
            throw ModelError(.transport, detail: "\(Self.endpoint(request)): libcurl refused the request: \(reason)")
        }
    }

    // MARK: - Request

    private static func configure(_ handle: OpaquePointer, for request: HTTPRequest, maximumIdleSeconds: Int) throws {
        let easy = shim_request_easy(handle)
        var code = request.url.absoluteString.withCString { shim_easy_setopt_ptr(easy, SHIM_CURLOPT_URL, $0) }
        try check(code, "URL", request)
        code = shim_easy_setopt_long(easy, SHIM_CURLOPT_MAXAGE_CONN, maximumIdleSeconds)
        try check(code, "connection age", request)
        code = shim_easy_setopt_long(easy, SHIM_CURLOPT_TIMEOUT_MS, timeoutMilliseconds(request.timeout))
        try check(code, "timeout", request)
        for line in headerLines(request.headers) {
            try check(line.withCString { shim_request_add_header(handle, $0) }, "headers", request)
        }
        let method = request.method.uppercased()
        if !request.body.isEmpty || ["POST", "PUT", "PATCH"].contains(method) {
            code = request.body.withUnsafeBytes { shim_request_set_body(handle, $0.baseAddress, Int64($0.count)) }
            try check(code, "body", request)
            if method != "POST" {
                try check(method.withCString { shim_easy_setopt_ptr(easy, SHIM_CURLOPT_CUSTOMREQUEST, $0) }, "method", request)
            }
        } else if method == "HEAD" {
            try check(shim_easy_setopt_long(easy, SHIM_CURLOPT_NOBODY, 1), "method", request)
        } else if method != "GET" {
            try check(method.withCString { shim_easy_setopt_ptr(easy, SHIM_CURLOPT_CUSTOMREQUEST, $0) }, "method", request)
        }
    }

    private static func check(_ code: Int32, _ what: String, _ request: HTTPRequest) throws {
        guard code != SHIM_CURLE_OK else { return }
        throw ModelError(.transport, detail: "\(endpoint(request)): libcurl rejected the request \(what): \(String(cString: shim_easy_strerror(code))) (curl error \(code))",
                         redacting: request.secrets)
    }

    /// The request timeout in whole milliseconds, rounded up and at least 1 (0 would mean no timeout to libcurl).
    static func timeoutMilliseconds(_ timeout: Duration) -> Int {
        let (seconds, attoseconds) = timeout.components
        let limit = Int(Int32.max)
        guard seconds >= 0 else { return 1 }
        guard seconds < Int64(limit / 1000) else { return limit }
        let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000
        let (whole, rest) = attoseconds.quotientAndRemainder(dividingBy: attosecondsPerMillisecond)
        return min(limit, max(1, Int(seconds * 1000 + whole) + (rest > 0 ? 1 : 0)))
    }

    /// `Name: value` lines for libcurl, plus `Expect:` so libcurl never waits for `100 Continue`.
    ///
    /// An empty value is written `Name;` (libcurl drops a header written `Name:`); line breaks inside a name
    /// or value become spaces, so no header can smuggle in another.
    static func headerLines(_ headers: [String: String]) -> [String] {
        var lines: [String] = []
        var hasExpect = false
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            let name = oneLine(name).trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            if name.lowercased() == "expect" { hasExpect = true }
            let value = oneLine(value).trimmingCharacters(in: .whitespaces)
            lines.append(value.isEmpty ? "\(name);" : "\(name): \(value)")
        }
        if !hasExpect { lines.append("Expect:") }
        return lines
    }

    private static func oneLine(_ text: String) -> String {
        guard text.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else { return text }
        return String(text.map { $0 == "\r" || $0 == "\n" || $0 == "\r\n" ? " " : $0 })
    }

    // MARK: - Response

    private static func response(_ handle: OpaquePointer, code: Int32, request: HTTPRequest) throws -> HTTPResponse {
        guard code == SHIM_CURLE_OK else {
            if shim_request_resend_refused(handle) != 0 {
                throw ModelError(.transport, detail: "\(endpoint(request)): the connection closed before an answer "
                                 + "(the request was sent once; libcurl's own resend was refused so every send is a counted attempt)")
            }
            throw error(code: code, curlMessage: String(cString: shim_request_error(handle)), request: request)
        }
        let status = shim_request_status(handle)
        guard status > 0 else {
            throw ModelError(.transport, detail: "no HTTP response from \(endpoint(request))")
        }
        var headLength = 0
        let head = shim_request_head(handle, &headLength)
        let headers = parseHeaders(UnsafeBufferPointer(start: head, count: head == nil ? 0 : headLength))
        var bodyLength = 0
        let body = shim_request_body(handle, &bodyLength)
        let data = body.map { Data(bytes: $0, count: bodyLength) } ?? Data()
        return HTTPResponse(status: status, headers: headers, body: data)
    }

    /// Header fields of a raw response head, names lowercased; a name that repeats gets its values joined
    /// with ", " (as URLSession reports them). Status lines and lines without a colon are skipped.
    static func parseHeaders<Bytes: BidirectionalCollection<UInt8>>(_ head: Bytes) -> [String: String] {
        var headers: [String: String] = [:]
        for rawLine in head.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            var line = rawLine[...]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { continue }
            let name = String(decoding: line[..<colon], as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
            guard !name.isEmpty, !name.hasPrefix("http/") else { continue }
            let value = String(decoding: line[line.index(after: colon)...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if let earlier = headers[name] {
                headers[name] = earlier + ", " + value
            } else {
                headers[name] = value
            }
        }
        return headers
    }

    /// The error for a transfer libcurl ended with `code`: a timeout in ``URLSessionTransport``'s words, else
    /// a transport failure naming the endpoint, libcurl's explanation and the code. Secrets are redacted.
    static func error(code: Int32, curlMessage: String, request: HTTPRequest) -> ModelError {
        let endpoint = endpoint(request)
        if code == SHIM_CURLE_OPERATION_TIMEDOUT {
            return ModelError(.timeout, detail: "no response from \(endpoint) within \(RetryPolicy.format(request.timeout))",
                              redacting: request.secrets)
        }
        let message = curlMessage.isEmpty ? String(cString: shim_easy_strerror(code)) : curlMessage
        return ModelError(.transport, detail: "\(endpoint): \(message) (curl error \(code))", redacting: request.secrets)
    }

    private static func endpoint(_ request: HTTPRequest) -> String {
        RetryingTransport<ContinuousClock>.endpoint(request.url)
    }
}
