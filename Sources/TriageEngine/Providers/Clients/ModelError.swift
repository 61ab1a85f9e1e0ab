import Foundation

/// Why a call to a model provider failed, with the HTTP status, how many attempts were made and a detail
/// a user can act on.
///
/// A struct around a private code, like async-http-client's `HTTPClientError`, so new classes can be added
/// without breaking callers. Compare with `~=` (`case .timeout:` in a `switch`) or ``errorClass``.
/// The detail never carries an API key: it is redacted when the error is created.
public struct ModelError: Error, Sendable, CustomStringConvertible {
    private enum Code: String, Sendable {
        case rateLimited = "rate_limited"
        case timeout = "timeout"
        case serverError = "server_error"
        case invalidOutput = "invalid_output"
        case transport = "transport"
        case clientError = "client_error"
        case replayMiss = "replay_miss"
        case httpAnswer = "http_answer"
    }

    private let code: Code
    /// The HTTP status of the last response, if one arrived.
    public let status: Int?
    /// How many attempts were made before giving up.
    public let attempts: Int
    /// What went wrong, with secrets redacted.
    public let detail: String

    private init(code: Code, status: Int? = nil, attempts: Int = 1, detail: String = "") {
        self.code = code
        self.status = status
        self.attempts = attempts
        self.detail = detail
    }

    /// The provider kept answering 429 Too Many Requests.
    public static let rateLimited = ModelError(code: .rateLimited)
    /// No response arrived within the request timeout.
    public static let timeout = ModelError(code: .timeout)
    /// The provider kept answering 5xx.
    public static let serverError = ModelError(code: .serverError)
    /// The response arrived but could not be understood (malformed JSON, missing fields, wrong shape).
    public static let invalidOutput = ModelError(code: .invalidOutput)
    /// The connection failed: refused, reset, closed without an answer, DNS, TLS.
    public static let transport = ModelError(code: .transport)
    /// The provider rejected the request with a 4xx other than 429 (bad request, bad key, unknown model).
    public static let clientError = ModelError(code: .clientError)
    /// The cache mode answers only from the cache and the cache holds no response for the request.
    public static let replayMiss = ModelError(code: .replayMiss)
    /// A deployed service (`provider: http`) answered, but not with JSON holding the configured paths and
    /// labels from the taxonomy.
    public static let httpAnswer = ModelError(code: .httpAnswer)

    /// An error of the same class as `kind` with context; `detail` is redacted of `secrets` and of
    /// anything shaped like an API key.
    public init(_ kind: ModelError, status: Int? = nil, attempts: Int = 1, detail: String, redacting secrets: [String] = []) {
        self.init(code: kind.code, status: status, attempts: attempts, detail: Redaction.redact(detail, secrets: secrets))
    }

    /// The class as stored in call records and reports: `rate_limited`, `timeout`, `server_error`,
    /// `invalid_output`, `transport`, `client_error`, `replay_miss` or `http_answer`.
    public var errorClass: String { code.rawValue }

    /// Whether a retry could help: rate limits, server errors, timeouts and transport failures.
    public var isRetryable: Bool {
        switch code {
        case .rateLimited, .serverError, .timeout, .transport: return true
        case .invalidOutput, .clientError, .replayMiss, .httpAnswer: return false
        }
    }

    /// The same error with a different attempt count.
    public func withAttempts(_ attempts: Int) -> ModelError {
        ModelError(code: code, status: status, attempts: attempts, detail: detail)
    }

    /// `server_error (HTTP 503, 4 attempts): detail`.
    public var description: String {
        var context: [String] = []
        if let status { context.append("HTTP \(status)") }
        context.append(attempts == 1 ? "1 attempt" : "\(attempts) attempts")
        let head = "\(errorClass) (\(context.joined(separator: ", ")))"
        return detail.isEmpty ? head : "\(head): \(detail)"
    }

    /// Matches errors of the same class, so `case .timeout:` works in a `switch` over a `ModelError`.
    public static func ~= (pattern: ModelError, value: ModelError) -> Bool { pattern.code == value.code }
}
