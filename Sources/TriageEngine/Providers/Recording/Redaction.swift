import Foundation

/// Removes credentials from text before it goes into an error, a log line or a stored row.
public enum Redaction {
    /// What a removed secret is replaced with.
    public static let placeholder = "[redacted]"

    private static let patterns: [NSRegularExpression] = [
        // A bearer token in an echoed header, whatever the key looks like.
        try! NSRegularExpression(pattern: #"(?i)(bearer)\s+[A-Za-z0-9._~+/=\-]+"#),
        // Key shapes used by OpenAI (`sk-…`, `sk-proj-…`) and Anthropic (`sk-ant-…`).
        try! NSRegularExpression(pattern: #"sk-[A-Za-z0-9_\-]{12,}"#),
    ]

    /// `text` with every occurrence of each secret, and anything shaped like an API key or bearer token,
    /// replaced by ``placeholder``.
    public static func redact(_ text: String, secrets: [String] = []) -> String {
        var result = text
        // Longest first, so a token inside a longer header value does not leave a fragment behind.
        for secret in secrets.filter({ $0.count >= 4 }).sorted(by: { $0.count > $1.count }) {
            result = result.replacingOccurrences(of: secret, with: placeholder)
        }
        for (index, pattern) in patterns.enumerated() {
            let range = NSRange(result.startIndex..., in: result)
            let template = index == 0 ? "$1 \(placeholder)" : placeholder
            result = pattern.stringByReplacingMatches(in: result, range: range, withTemplate: template)
        }
        return result
    }
}
