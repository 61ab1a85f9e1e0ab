import Foundation

/// When to retry a failed model call and how long to wait first: a pure decision, tested as tables.
///
/// Retries 429, any 5xx, timeouts and transport failures; never another 4xx. The wait before retry *n*+1 is
/// `baseDelay * 2^(n-1)` capped at `maxDelay`, shortened by up to `jitter` of itself (so concurrent callers
/// spread out but never wait longer than the cap), unless the response carried `Retry-After`, which is
/// honoured exactly. It gives up when `maxAttempts` are used or when the next wait would take the total
/// waited past `maxTotalWait`.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, including the first (1 disables retries).
    public var maxAttempts: Int
    /// The wait before the first retry.
    public var baseDelay: Duration
    /// The longest back-off wait (a `Retry-After` may ask for longer; the total budget still applies).
    public var maxDelay: Duration
    /// The most a call may spend waiting between attempts.
    public var maxTotalWait: Duration
    /// The fraction (0...1) by which a back-off wait is randomly shortened.
    public var jitter: Double

    /// Creates a policy; the defaults suit hosted APIs (4 attempts, 0.5 s doubling to 20 s, 60 s budget, 20 % jitter).
    public init(maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(20),
                maxTotalWait: Duration = .seconds(60), jitter: Double = 0.2) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxTotalWait = maxTotalWait
        self.jitter = min(1, max(0, jitter))
    }

    /// A policy that never retries.
    public static let noRetries = RetryPolicy(maxAttempts: 1)

    /// How one attempt failed.
    public enum Failure: Sendable, Equatable {
        /// A response with a non-2xx status and its `Retry-After` header, if any.
        case status(Int, retryAfter: String?)
        /// No response within the request timeout.
        case timeout
        /// The connection failed (refused, reset, closed without an answer).
        case transport
    }

    /// Why the policy stopped retrying.
    public enum StopReason: Sendable, Equatable {
        /// The failure is not worth retrying (a 4xx other than 429).
        case notRetryable
        /// All `maxAttempts` were used.
        case attemptsExhausted
        /// The next wait would take the total past `maxTotalWait`.
        case budgetExhausted(nextWait: Duration)
    }

    /// What to do after a failed attempt.
    public enum Decision: Sendable, Equatable {
        /// Wait this long, then try again.
        case retry(after: Duration)
        /// Give up and report the failure.
        case stop(StopReason)
    }

    /// Whether a status is worth retrying: 429 and every 5xx.
    public static func isRetryable(status: Int) -> Bool { status == 429 || (500...599).contains(status) }

    /// Whether a failure is worth retrying at all, regardless of attempts and budget.
    public static func isRetryable(_ failure: Failure) -> Bool {
        switch failure {
        case .status(let status, _): return isRetryable(status: status)
        case .timeout, .transport: return true
        }
    }

    /// The decision after attempt number `attempt` (1-based) failed.
    /// - Parameters:
    ///   - waited: the total already waited between earlier attempts of this call.
    ///   - now: the current date, against which an HTTP-date `Retry-After` is measured.
    ///   - jitterUnit: a uniform draw from 0..<1 (0 gives the exact exponential wait).
    public func decide(after failure: Failure, attempt: Int, waited: Duration, now: Date, jitterUnit: Double) -> Decision {
        guard Self.isRetryable(failure) else { return .stop(.notRetryable) }
        guard attempt < maxAttempts else { return .stop(.attemptsExhausted) }
        var wait = backoff(afterAttempt: attempt, jitterUnit: jitterUnit)
        if case .status(_, let header?) = failure, let requested = Self.retryAfter(header, now: now) {
            wait = requested
        }
        guard waited + wait <= maxTotalWait else { return .stop(.budgetExhausted(nextWait: wait)) }
        return .retry(after: wait)
    }

    /// The decision after a failed attempt, drawing the jitter from `generator`.
    public func decide(after failure: Failure, attempt: Int, waited: Duration, now: Date,
                       using generator: inout some RandomNumberGenerator) -> Decision {
        let unit = Double(generator.next() >> 11) * 0x1p-53
        return decide(after: failure, attempt: attempt, waited: waited, now: now, jitterUnit: unit)
    }

    /// The back-off wait after attempt `attempt` failed: `baseDelay * 2^(attempt-1)`, capped at `maxDelay`,
    /// then shortened by `jitter * jitterUnit` of itself.
    public func backoff(afterAttempt attempt: Int, jitterUnit: Double) -> Duration {
        let exponent = Double(max(0, attempt - 1))
        let uncapped = Self.seconds(baseDelay) * pow(2, min(exponent, 62))
        let capped = min(uncapped, Self.seconds(maxDelay))
        let unit = min(max(jitterUnit, 0), 1)
        return Self.duration(seconds: capped * (1 - jitter * unit))
    }

    /// The wait a `Retry-After` value asks for, measured from `now`: delta-seconds (`"2"`, also `"1.5"`) or an
    /// HTTP-date (IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, or the obsolete RFC 850 and asctime forms that
    /// RFC 7231 requires recipients to accept). A date in the past means no wait; anything else is `nil`.
    public static func retryAfter(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        if text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            guard let seconds = Double(text), seconds.isFinite, seconds >= 0 else { return nil }
            return duration(seconds: seconds)
        }
        guard let date = httpDate(text) else { return nil }
        return duration(seconds: max(0, date.timeIntervalSince(now)))
    }

    /// Parses an HTTP-date in any of the three forms of RFC 7231 section 7.1.1.1.
    public static func httpDate(_ text: String) -> Date? {
        // asctime pads single-digit days with a second space ("Sun Nov  6 08:49:37 1994").
        let text = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        let formats = ["EEE, dd MMM yyyy HH:mm:ss 'GMT'", "EEEE, dd-MMM-yy HH:mm:ss 'GMT'", "EEE MMM d HH:mm:ss yyyy"]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        for format in formats {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }

    /// Formats a date as an IMF-fixdate, the preferred HTTP-date form.
    public static func imfFixdate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    /// A duration for messages: `300 ms`, `2 s`, `1.5 s`.
    public static func format(_ duration: Duration) -> String {
        let milliseconds = Int64((seconds(duration) * 1000).rounded())
        if milliseconds == 0 { return "0 s" }
        if abs(milliseconds) < 1000 { return "\(milliseconds) ms" }
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
        var text = String(format: "%.3f", Double(milliseconds) / 1000)
        while text.hasSuffix("0") { text.removeLast() }
        return text + " s"
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    static func duration(seconds: Double) -> Duration {
        // Whole milliseconds keep the waits readable in logs and exact in tests.
        .milliseconds(Int64((seconds * 1000).rounded()))
    }
}
