import Foundation
import Logging

/// Wraps a transport with the retry decisions of a ``RetryPolicy``, sleeping on an injected clock.
///
/// A 2xx response is returned with the number of attempts it took. Anything else ends in a ``ModelError``
/// carrying the attempt count: a final 429 is `rate_limited`, a final 5xx `server_error`, another 4xx
/// `client_error` at once, and timeouts and connection failures keep their class. A 2xx answer to a
/// request that ``HTTPRequest/expectsJSON`` whose body is not complete JSON is a `transport` fault and
/// retried as one. Error details quote at
/// most the start of the response body, with the request's credentials redacted.
///
/// Generic over `C: Clock` (default `ContinuousClock`) so tests pass a clock that records waits and
/// returns at once.
public struct RetryingTransport<C: Clock>: HTTPTransport where C.Duration == Duration {
    /// The transport each attempt goes through.
    public let base: any HTTPTransport
    /// When to retry and how long to wait.
    public let policy: RetryPolicy
    /// The clock the back-off waits sleep on.
    public let clock: C
    private let now: @Sendable () -> Date
    private let jitter: JitterSource
    private let logger: Logger?

    /// Creates a retrying transport.
    /// - Parameters:
    ///   - base: the transport for each attempt.
    ///   - policy: the retry policy.
    ///   - clock: the clock to sleep on between attempts.
    ///   - now: the current date, for `Retry-After` given as an HTTP-date.
    ///   - jitterSeed: seeds the jitter draws, so a run's waits are reproducible.
    ///   - logger: receives a debug line per retry; nothing is logged without one.
    public init(base: any HTTPTransport, policy: RetryPolicy = RetryPolicy(), clock: C,
                now: @escaping @Sendable () -> Date = { Date() }, jitterSeed: UInt64 = 0x7269_6167_6500_0001,
                logger: Logger? = nil) {
        self.base = base
        self.policy = policy
        self.clock = clock
        self.now = now
        self.jitter = JitterSource(seed: jitterSeed)
        self.logger = logger
    }

    /// Sends the request, retrying as the policy says; returns the 2xx response.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try await sendWithAttempts(request).response
    }

    /// Sends the request, retrying as the policy says; returns the 2xx response and the attempts it took.
    /// - Throws: ``ModelError`` whose `attempts` counts every attempt made; `CancellationError` if cancelled.
    public func sendWithAttempts(_ request: HTTPRequest) async throws -> (response: HTTPResponse, attempts: Int) {
        var attempt = 0
        var waited: Duration = .zero
        while true {
            attempt += 1
            try Task.checkCancellation()
            let failure: RetryPolicy.Failure
            let error: ModelError
            do {
                let response = try await base.send(request)
                if response.isSuccess {
                    guard request.expectsJSON, !JSONSyntax.isValid(response.body) else { return (response, attempt) }
                    failure = .transport
                    error = Self.incompleteBody(response, request: request, attempts: attempt)
                } else {
                    failure = .status(response.status, retryAfter: response.header("retry-after"))
                    error = Self.error(for: response, request: request, attempts: attempt)
                }
            } catch let caught as ModelError {
                switch caught {
                case .timeout: failure = .timeout
                case .transport: failure = .transport
                default: throw caught.withAttempts(attempt)
                }
                error = caught.withAttempts(attempt)
            }
            switch policy.decide(after: failure, attempt: attempt, waited: waited, now: now(), jitterUnit: jitter.nextUnit()) {
            case .retry(let wait):
                logger?.debug("retrying model call", metadata: [
                    "http.host": "\(request.url.host ?? "")",
                    "http.status": "\(error.status.map(String.init) ?? "none")",
                    "retry.class": "\(error.errorClass)",
                    "retry.attempt": "\(attempt)",
                    "retry.wait_ms": "\(Int((RetryPolicy.seconds(wait) * 1000).rounded()))",
                ])
                try await clock.sleep(for: wait)
                waited += wait
                CallContext.observer?.callRetrying()
            case .stop(let reason):
                throw Self.finalError(error, reason: reason, policy: policy, waited: waited)
            }
        }
    }

    /// The error a non-2xx response stands for, quoting the start of its body with credentials redacted.
    static func error(for response: HTTPResponse, request: HTTPRequest, attempts: Int) -> ModelError {
        let kind: ModelError
        switch response.status {
        case 429: kind = .rateLimited
        case 500...599: kind = .serverError
        default: kind = .clientError
        }
        var detail = "HTTP \(response.status) from \(Self.endpoint(request.url))"
        // Redact before cutting, so a key straddling the cut cannot leave a fragment behind.
        let body = Self.excerpt(Redaction.redact(String(decoding: response.body, as: UTF8.self), secrets: request.secrets))
        if !body.isEmpty { detail += ": \(body)" }
        return ModelError(kind, status: response.status, attempts: attempts, detail: detail, redacting: request.secrets)
    }

    /// The `transport` error for a 2xx answer whose body is not complete JSON (cut off or garbled on the
    /// way), quoting the start of the body with credentials redacted.
    static func incompleteBody(_ response: HTTPResponse, request: HTTPRequest, attempts: Int) -> ModelError {
        var detail = "HTTP \(response.status) from \(Self.endpoint(request.url)): the body is not complete JSON "
            + "(\(response.body.count) bytes; cut off or garbled on the way)"
        let body = Self.excerpt(Redaction.redact(String(decoding: response.body, as: UTF8.self), secrets: request.secrets))
        if !body.isEmpty { detail += ": \(body)" }
        return ModelError(.transport, status: response.status, attempts: attempts, detail: detail, redacting: request.secrets)
    }

    private static func finalError(_ error: ModelError, reason: RetryPolicy.StopReason, policy: RetryPolicy,
                                   waited: Duration) -> ModelError {
        let note: String
        switch reason {
        case .notRetryable:
            return error
        case .attemptsExhausted:
            note = policy.maxAttempts > 1 ? "gave up after \(policy.maxAttempts) attempts" : ""
        case .budgetExhausted(let next):
            note = "gave up: waiting \(RetryPolicy.format(next)) more would exceed the retry budget of "
                + "\(RetryPolicy.format(policy.maxTotalWait)) (waited \(RetryPolicy.format(waited)))"
        }
        guard !note.isEmpty else { return error }
        return ModelError(error, status: error.status, attempts: error.attempts, detail: "\(error.detail); \(note)")
    }

    /// `host:port/path`, without query or credentials.
    static func endpoint(_ url: URL) -> String {
        var text = url.host ?? "?"
        if let port = url.port { text += ":\(port)" }
        return text + url.path
    }

    /// The first 500 characters of a body, on one line.
    static func excerpt(_ body: String) -> String {
        let text = body
            .replacingOccurrences(of: "\n", with: " ")
            .trimmingCharacters(in: .whitespaces)
        return text.count > 500 ? String(text.prefix(500)) + "…" : text
    }
}

extension RetryingTransport where C == ContinuousClock {
    /// Creates a retrying transport that sleeps on the continuous clock.
    public init(base: any HTTPTransport, policy: RetryPolicy = RetryPolicy(), now: @escaping @Sendable () -> Date = { Date() },
                jitterSeed: UInt64 = 0x7269_6167_6500_0001, logger: Logger? = nil) {
        self.init(base: base, policy: policy, clock: ContinuousClock(), now: now, jitterSeed: jitterSeed, logger: logger)
    }
}
