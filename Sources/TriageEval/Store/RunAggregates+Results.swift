import TriageEngine

extension RunAggregates {
    /// The aggregates of results in memory, in run order: what ``RunStore/aggregates(runs:)`` computes in SQL.
    public init(results: [ScenarioResult]) {
        self.init()
        self.results = results.count
        var scenarioIndex: [ScenarioKey: Int] = [:]
        var cells = CellTally()
        let fieldCount = ScoredField.allCases.count
        for result in results {
            let key = ScenarioKey(suite: result.suite, id: result.scenarioID)
            let index: Int
            if let known = scenarioIndex[key] {
                index = known
            } else {
                index = scenarios.count
                scenarioIndex[key] = index
                scenarios.append(Scenario(suite: result.suite, id: result.scenarioID, trials: 0, passed: 0,
                                          held: Array(repeating: 0, count: fieldCount), made: Array(repeating: 0, count: fieldCount)))
            }
            scenarios[index].trials += 1
            if result.status == .passed { scenarios[index].passed += 1 }
            for (position, field) in ScoredField.allCases.enumerated() {
                switch field {
                case .reply:
                    scenarios[index].held[position] += result.replyPassed
                    scenarios[index].made[position] += result.replyTotal
                case .expectation(let label):
                    guard let expected = result.expected.value(of: label) else { continue }
                    scenarios[index].made[position] += 1
                    if result.actual?.value(of: label) == expected { scenarios[index].held[position] += 1 }
                }
            }
            if let expected = result.expected.category {
                cells.add(scenario: index, suite: result.suite, scenarioID: result.scenarioID, expected: expected, actual: result.actual?.category, count: 1)
            }
            let escalated = result.actual?.escalate ?? false
            var suite = suites[result.suite] ?? SuiteCounts(runs: 0, passed: 0, errored: 0, decided: 0, escalated: 0)
            suite.runs += 1
            if result.status == .passed { suite.passed += 1 }
            if result.status == .errored { suite.errored += 1 }
            if let actual = result.actual {
                suite.decided += 1
                if actual.escalate {
                    suite.escalated += 1
                    teams[actual.team, default: 0] += 1
                }
            }
            suites[result.suite] = suite
            if let errorClass = result.errorClass { erroredByClass[errorClass, default: 0] += 1 }
            if let tier = result.expectedTier {
                var counts = tiers[tier.rawValue] ?? TierCounts(total: 0, escalated: 0)
                counts.total += 1
                if escalated { counts.escalated += 1 }
                tiers[tier.rawValue] = counts
                if tier == .always && !escalated { missedAlwaysIDs.append(result.scenarioID) }
                if tier == .never && escalated { falseEscalationIDs.append(result.scenarioID) }
            }
            if result.promptInjection {
                injections.append(InjectionFlag(suite: result.suite, scenarioID: result.scenarioID, repeatIndex: result.repeatIndex,
                                                labelsDiffer: result.labelsDiffer))
            }
        }
        categoryCells = cells.sorted()
        let sorted = results.map(\.latencyMs).sorted()
        var iterator = sorted.makeIterator()
        latency = Self.latencySummary(count: sorted.count) { iterator.next() }
    }
}
