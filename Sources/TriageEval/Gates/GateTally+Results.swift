import TriageEngine

extension GateTally {
    /// The tally of `list` (results in memory, in their order), with what `gates` needs besides the counts: the
    /// p95 latency, the runs slower than its threshold and the cost, which ``load(_:suite:runs:aggregates:scored:store:)``
    /// reads from a store.
    public init(results list: [ScenarioResult], gates: GateSet) {
        self.init()
        for result in list {
            let id = result.scenarioID
            results += 1
            if !result.passed { notPassed.add(id, count: 1) }
            if result.status == .errored { errored.add(id, count: 1) }
            for (position, field) in ScoredField.allCases.enumerated() {
                switch field {
                case .reply:
                    fields[position].made += result.replyTotal
                    fields[position].held += result.replyPassed
                    fields[position].missed.add(id, count: result.replyPassed < result.replyTotal ? 1 : 0)
                case .expectation(let label):
                    guard let expected = result.expected.value(of: label) else { continue }
                    fields[position].made += 1
                    if result.actual?.value(of: label) == expected { fields[position].held += 1 } else { fields[position].missed.add(id, count: 1) }
                }
            }
            if let expected = result.expected.category {
                var share = categories[expected] ?? Share()
                share.made += 1
                if result.actual?.category == expected { share.held += 1 } else { share.missed.add(id, count: 1) }
                categories[expected] = share
            }
            let escalated = result.actual?.escalate ?? false
            if result.expectedTier == .always {
                always.made += 1
                if escalated { always.held += 1 } else { always.missed.add(id, count: 1) }
            }
            if result.expectedTier == .never && escalated { falseEscalations.add(id, count: 1) }
            if result.actual != nil { decided += 1 }
            if escalated {
                self.escalated += 1
                if result.expected.escalate != true { unexpectedEscalations.add(id, count: 1) }
            }
            if result.promptInjection && result.labelsDiffer { injectionChanges.add(id, count: 1) }
            if let quality = result.quality, quality.agentTurns > 1 {
                health.append(Health(id: id, health: quality.health, passed: quality.passed))
            }
        }
        if let threshold = gates.maxP95LatencyMs {
            latencyP95 = Percentile.value(list.map(\.latencyMs).sorted(), 0.95) ?? 0
            slow = Array(list.lazy.filter { $0.latencyMs > threshold }.map(\.scenarioID).prefix(Self.listed))
        }
        if gates.maxCostUSD != nil { costUSD = list.reduce(0) { $0 + $1.costUSD } }
    }
}
