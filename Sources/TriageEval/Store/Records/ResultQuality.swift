import Foundation

/// What `result.quality_json` holds: the conversation's quality and the scenario's `quality:` checks (the
/// label checks follow from the label columns and the reply checks sit in `reply_checks_json`).
struct ResultQuality: Codable {
    /// The scored conversation.
    var conversation: ConversationQuality
    /// The scenario's quality checks, passed or not.
    var checks: [CheckOutcome]

    /// The stored form of a result's quality; nil when it was not scored.
    init?(_ result: ScenarioResult) {
        guard let quality = result.quality else { return nil }
        conversation = quality
        checks = result.checks.filter { $0.field == "quality" }
    }

    /// Compact JSON with sorted keys.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data("null".utf8), as: UTF8.self)
    }
}
