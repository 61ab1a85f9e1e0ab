/// The quality of one conversation: its loops, contradictions and health score.
public struct ConversationQuality: Sendable, Equatable, Codable {
    /// The conversation id.
    public var id: String
    /// Where it came from (`file:line`).
    public var source: String
    /// How many agent turns it has.
    public var agentTurns: Int
    /// Every failed check, loops first, in turn order.
    public var findings: [QualityFinding]
    /// The health score, 0–100 (``HealthScore``).
    public var health: Int
    /// Which checks ran (``ConversationQualityChecker/checks``), e.g. `loops: similarity >= 0.85 by
    /// hashed-trigram-256; contradictions: judge gpt-4o-mini (prompt contradiction@…)`; nil in results stored
    /// before it was recorded.
    public var checks: String?

    /// The loops.
    public var loops: [QualityFinding] { findings.filter { $0.kind == .loop } }
    /// The contradictions.
    public var contradictions: [QualityFinding] { findings.filter { $0.kind == .contradiction } }
    /// Whether every check passed.
    public var passed: Bool { findings.isEmpty }

    /// Creates a result.
    public init(id: String, source: String, agentTurns: Int, findings: [QualityFinding], health: Int, checks: String? = nil) {
        self.id = id
        self.source = source
        self.agentTurns = agentTurns
        self.findings = findings
        self.health = health
        self.checks = checks
    }
}
