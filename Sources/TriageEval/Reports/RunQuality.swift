/// The conversation-quality section of a run's report: mean health over the scenarios whose conversations have
/// an agent turn besides the reply, and every conversation that failed a check, with the two turns involved.
public struct RunQuality: Sendable, Codable, Equatable {
    /// One conversation that failed a check.
    public struct Conversation: Sendable, Codable, Equatable {
        /// `suite/id` (`#repeat` after the first repeat).
        public var scenario: String
        /// Its health score, 0–100.
        public var health: Int
        /// Its loops and contradictions, with the two turns of each.
        public var findings: [QualityFinding]
    }

    /// Scenario runs whose conversation was scored.
    public var scored: Int
    /// Of those, the ones with an agent turn besides the reply: the basis of ``meanHealth``.
    public var conversations: Int
    /// Mean health of ``conversations``; nil when there are none.
    public var meanHealth: Double?
    /// Loops found.
    public var loops: Int
    /// Contradictions found.
    public var contradictions: Int
    /// Every conversation with a loop or contradiction, in run order.
    public var failed: [Conversation]
    /// Which checks scored the conversations (``ConversationQuality/checks``, each once); nil for results
    /// stored before it was recorded.
    public var checks: [String]? = nil

    /// The section for a run's results; nil when no conversation was scored.
    public static func summarize(_ results: [ScenarioResult]) -> RunQuality? {
        let scored = results.filter { $0.quality != nil }
        guard !scored.isEmpty else { return nil }
        let multiTurn = scored.compactMap(\.quality).filter { $0.agentTurns > 1 }
        let failed = scored.compactMap { result -> Conversation? in
            guard let quality = result.quality, !quality.passed else { return nil }
            let name = "\(result.suite)/\(result.scenarioID)" + (result.repeatIndex > 0 ? " #\(result.repeatIndex)" : "")
            return Conversation(scenario: name, health: quality.health, findings: quality.findings)
        }
        let qualities = scored.compactMap(\.quality)
        return RunQuality(scored: scored.count, conversations: multiTurn.count,
                          meanHealth: multiTurn.isEmpty ? nil : Double(multiTurn.reduce(0) { $0 + $1.health }) / Double(multiTurn.count),
                          loops: qualities.reduce(0) { $0 + $1.loops.count }, contradictions: qualities.reduce(0) { $0 + $1.contradictions.count },
                          failed: failed, checks: Self.checks(qualities))
    }

    /// The distinct checks of the scored conversations, in first-seen order; nil when none recorded them.
    static func checks(_ qualities: [ConversationQuality]) -> [String]? {
        var seen: [String] = []
        for case let checks? in qualities.map(\.checks) where !seen.contains(checks) { seen.append(checks) }
        return seen.isEmpty ? nil : seen
    }

    /// `mean health 82.5 over 4 conversations (2 loops, 1 contradiction)`.
    public var headline: String {
        let mean = meanHealth.map { String(format: "%.1f", $0) } ?? "n/a"
        return "mean health \(mean) over \(conversations) conversation\(conversations == 1 ? "" : "s") with earlier agent turns"
            + " (\(loops) loop\(loops == 1 ? "" : "s"), \(contradictions) contradiction\(contradictions == 1 ? "" : "s"))"
    }

    /// One line per finding: `loop: turn 2 "…" / turn 4 "…" (similarity 0.93)`.
    public static func describe(_ finding: QualityFinding) -> String { Runner.describe(finding) }

    enum CodingKeys: String, CodingKey {
        case scored, conversations, meanHealth = "mean_health", loops, contradictions, failed, checks
    }
}
