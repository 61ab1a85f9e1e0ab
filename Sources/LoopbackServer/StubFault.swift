import Foundation

/// A fault a provider stub applies to one request instead of its normal answer.
public enum StubFault: Sendable, Equatable {
    /// Answer with this status, an optional `Retry-After` header, and an error body in the provider's format
    /// (or `body` verbatim when given).
    case status(Int, retryAfter: String? = nil, body: String? = nil)
    /// Close the connection without answering (TCP reset).
    case reset
    /// Never answer.
    case hang
    /// Answer 200 with a body that is not valid JSON.
    case malformedJSON
    /// Answer 200 announcing the whole normal answer in `Content-Length`, send only its first half, and close.
    case truncated
    /// Answer normally but with this text as the model's answer (for example a label outside the taxonomy).
    case content(String)
    /// Answer an embeddings request with each vector wrapped in one more array (`[[…]]`), as llama.cpp can.
    case nestedEmbedding

    /// A status with `Retry-After` given as an HTTP-date (IMF-fixdate).
    public static func status(_ status: Int, _ retryAfter: Date) -> StubFault {
        .status(status, retryAfter: imfFixdate(retryAfter))
    }

    /// Formats a date as an IMF-fixdate, for example `Sun, 06 Nov 1994 08:49:37 GMT`.
    public static func imfFixdate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
