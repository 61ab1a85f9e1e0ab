import Foundation

/// Removes credentials from text before it goes into an error, a log line, a stored row or a report.
///
/// Besides the secrets a caller passes, every key registered with ``register(_:)`` is removed: each model
/// client registers its API key and ``ModelConfig/apiKey(environment:)`` registers every key it reads, so a
/// configured key is removed whatever path it takes (an error, an answer that echoes it, a report).
public enum Redaction {
    /// What a removed secret is replaced with.
    public static let placeholder = "[redacted]"

    /// Secrets shorter than this are not redacted (they would match ordinary text).
    public static let minimumSecretLength = 4

    private static let patterns: [NSRegularExpression] = [
        // A bearer token in an echoed header, whatever the key looks like.
        try! NSRegularExpression(pattern: #"(?i)(bearer)\s+[A-Za-z0-9._~+/=\-]+"#),
        // Key shapes used by OpenAI (`sk-…`, `sk-proj-…`) and Anthropic (`sk-ant-…`).
        try! NSRegularExpression(pattern: #"sk-[A-Za-z0-9_\-]{12,}"#),
    ]

    private static let registry = Locked<Set<String>>([])

    /// Secrets shorter than this are not registered process-wide (they would blank out ordinary text in every
    /// report); a client still redacts its own key from its own errors at ``minimumSecretLength``.
    public static let minimumRegisteredLength = 8

    /// Adds secrets that every later redaction in this process removes (ones shorter than
    /// ``minimumRegisteredLength`` are ignored).
    public static func register(_ secrets: [String]) {
        let usable = secrets.filter { $0.count >= minimumRegisteredLength }
        guard !usable.isEmpty else { return }
        registry.withLock { $0.formUnion(usable) }
    }

    /// The secrets registered so far.
    public static var registered: Set<String> { registry.current }

    /// `text` with every occurrence of each secret (given or registered) replaced by ``placeholder``, and,
    /// when `shapes` is true (the default), anything shaped like an API key or bearer token too.
    public static func redact(_ text: String, secrets: [String] = [], shapes: Bool = true) -> String {
        var result = text
        // Longest first, so a token inside a longer header value does not leave a fragment behind.
        for secret in allSecrets(secrets) where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: placeholder)
        }
        guard shapes else { return result }
        for (index, pattern) in patterns.enumerated() {
            let range = NSRange(result.startIndex..., in: result)
            let template = index == 0 ? "$1 \(placeholder)" : placeholder
            result = pattern.stringByReplacingMatches(in: result, range: range, withTemplate: template)
        }
        return result
    }

    /// A JSON body with every secret removed: from its bytes, and from any string value that still holds
    /// one once JSON escapes are decoded (`\u0073k-…`), in which case the body is written out again. A body
    /// that is not JSON has the secrets removed from its bytes only.
    public static func redact(json body: Data, secrets: [String] = []) -> Data {
        let all = allSecrets(secrets)
        guard !all.isEmpty else { return body }
        var bytes = body
        for secret in all {
            let needle = Data(secret.utf8)
            guard bytes.range(of: needle) != nil else { continue }
            bytes = Data(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: secret, with: placeholder).utf8)
        }
        guard let value = JSONValue.parse(bytes) else { return bytes }
        var changed = false
        let cleaned = scrub(value, all, &changed)
        return changed ? cleaned.encoded() : bytes
    }

    private static func allSecrets(_ secrets: [String]) -> [String] {
        Set(secrets.filter { $0.count >= minimumSecretLength }).union(registered).sorted { $0.count > $1.count }
    }

    private static func scrub(_ value: JSONValue, _ secrets: [String], _ changed: inout Bool) -> JSONValue {
        switch value {
        case .string(let text):
            guard secrets.contains(where: text.contains) else { return value }
            changed = true
            return .string(secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: placeholder) })
        case .array(let items):
            return .array(items.map { scrub($0, secrets, &changed) })
        case .object(let members):
            var out: [String: JSONValue] = [:]
            for (key, member) in members {
                var name = key
                if secrets.contains(where: key.contains) {
                    changed = true
                    name = secrets.reduce(key) { $0.replacingOccurrences(of: $1, with: placeholder) }
                }
                out[name] = scrub(member, secrets, &changed)
            }
            return .object(out)
        default:
            return value
        }
    }
}
