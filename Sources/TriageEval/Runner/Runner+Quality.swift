import TriageEngine

extension Runner {
    /// The quality of a scenario's conversation (its messages, the reply as the last agent turn), when the
    /// scenario has `quality:` checks or every conversation is scored; nil otherwise.
    func quality(_ scenario: Scenario, decision: Decision) async throws -> ConversationQuality? {
        guard scenario.quality != nil || scoresEveryConversation else { return nil }
        return try await qualityChecker.check(Self.conversation(scenario, reply: decision.reply.parts))
    }

    /// The ticket's messages with the drafted reply (its parts joined) as the last agent turn.
    static func conversation(_ scenario: Scenario, reply: [String]) -> ProductionConversation {
        var messages = scenario.ticket.messages.map { ProductionConversation.Message(role: $0.role == .agent ? .agent : .customer, text: $0.text) }
        let text = reply.joined(separator: "\n\n")
        if !text.isEmpty { messages.append(.init(role: .agent, text: text)) }
        return ProductionConversation(id: scenario.id, channel: scenario.ticket.channel, messages: messages, source: "\(scenario.suite):\(scenario.line)")
    }

    /// One check per `quality:` key: `quality.no_loops`, `quality.no_contradictions`, `quality.min_health`,
    /// each failure naming the two turns involved.
    static func qualityChecks(_ expectation: QualityExpectation?, _ quality: ConversationQuality) -> [CheckOutcome] {
        guard let expectation else { return [] }
        var checks: [CheckOutcome] = []
        func findings(_ list: [QualityFinding]) -> String {
            list.isEmpty ? "none" : list.map(describe).joined(separator: "; ")
        }
        if expectation.noLoops {
            checks.append(CheckOutcome(field: "quality", expected: "no_loops", actual: findings(quality.loops), passed: quality.loops.isEmpty))
        }
        if expectation.noContradictions {
            checks.append(CheckOutcome(field: "quality", expected: "no_contradictions", actual: findings(quality.contradictions),
                                       passed: quality.contradictions.isEmpty))
        }
        if let minimum = expectation.minHealth {
            checks.append(CheckOutcome(field: "quality", expected: "min_health \(minimum)", actual: "health \(quality.health)" + (quality.passed ? "" : " (\(findings(quality.findings)))"),
                                       passed: quality.health >= minimum))
        }
        return checks
    }

    /// `loop: turn 2 "…" and turn 4 "…" (similarity 0.93)`.
    static func describe(_ finding: QualityFinding) -> String {
        "\(finding.kind.rawValue): turn \(finding.earlier.number) \"\(excerpt(finding.earlier.text))\" and turn \(finding.later.number) \"\(excerpt(finding.later.text))\" (\(finding.reason))"
    }

    /// At most 80 characters of a turn, on one line.
    static func excerpt(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > 80 ? String(flat.prefix(79)) + "…" : flat
    }
}
