import Foundation
import TriageEngine

/// A judge model's verdict on a reply against a rubric.
public struct JudgeVerdict: Sendable, Equatable {
    /// Whether the reply meets the rubric.
    public var pass: Bool
    /// The judge's reason.
    public var reason: String

    /// Creates a verdict.
    public init(pass: Bool, reason: String) {
        self.pass = pass
        self.reason = reason
    }

    /// Reads `{"pass": true|false, "reason": "..."}` from a judge's answer, leniently (fences, prose, "yes"/"no",
    /// `"verdict": "pass"`); nil when no verdict can be read, which the caller records as invalid output.
    public static func parse(_ text: String) -> JudgeVerdict? {
        guard case let .object(object) = LenientJSON.firstObject(in: text, where: { $0["pass"] != nil || $0["verdict"] != nil }) else { return nil }
        let reason: String
        if case let .string(text)? = object["reason"] { reason = text } else { reason = "" }
        switch object["pass"] ?? object["verdict"] {
        case let .bool(value)?: return JudgeVerdict(pass: value, reason: reason)
        case let .string(word)?:
            switch word.lowercased().trimmingCharacters(in: .whitespaces) {
            case "true", "yes", "pass", "passed": return JudgeVerdict(pass: true, reason: reason)
            case "false", "no", "fail", "failed": return JudgeVerdict(pass: false, reason: reason)
            default: return nil
            }
        case let .int(value)?: return value == 0 || value == 1 ? JudgeVerdict(pass: value == 1, reason: reason) : nil
        default: return nil
        }
    }
}
