import TriageEngine

extension RunAggregates {
    /// Results alike in everything a report counts: one row of ``ReportSQL/groups``.
    public struct Group: Sendable, Equatable {
        /// Run id.
        public var runID: Int64
        /// The scenario's ordinal in the run.
        public var ordinal: Int
        /// Suite name.
        public var suite: String
        /// Scenario id.
        public var scenarioID: String
        /// ``ScenarioResult/Status`` raw value.
        public var status: String
        /// Expected category.
        public var expectedCategory: String?
        /// Actual category; nil when errored.
        public var actualCategory: String?
        /// Expected escalation tier (raw value).
        public var expectedTier: String?
        /// Whether escalated.
        public var escalated: Bool
        /// The team escalated to; nil when not escalated.
        public var team: String?
        /// Error class; nil unless errored.
        public var errorClass: String?
        /// Scenario runs in the group.
        public var count: Int
        /// Checks held per field in ``ScoredField/allCases`` order.
        public var held: [Int]
        /// Checks made per field.
        public var made: [Int]
        /// Scenario runs in the group with a reply check that failed (reply checks passed below those made).
        public var replyFailed: Int

        /// Creates a group from a row of ``ReportSQL/groups``: escalated when decided (an actual category) and
        /// `actualEscalate`, then to `actualTeam`.
        public init(runID: Int64, ordinal: Int, suite: String, scenarioID: String, status: String, expectedCategory: String?, actualCategory: String?,
                    expectedTier: String?, actualEscalate: Bool?, actualTeam: String?, errorClass: String?, count: Int, held: [Int], made: [Int],
                    replyFailed: Int = 0) {
            let escalated = actualCategory != nil && actualEscalate == true
            self.init(runID: runID, ordinal: ordinal, suite: suite, scenarioID: scenarioID, status: status, expectedCategory: expectedCategory,
                      actualCategory: actualCategory, expectedTier: expectedTier, escalated: escalated, team: escalated ? actualTeam : nil,
                      errorClass: errorClass, count: count, held: held, made: made, replyFailed: replyFailed)
        }

        /// Creates a group.
        public init(runID: Int64, ordinal: Int, suite: String, scenarioID: String, status: String, expectedCategory: String?, actualCategory: String?,
                    expectedTier: String?, escalated: Bool, team: String?, errorClass: String?, count: Int, held: [Int], made: [Int],
                    replyFailed: Int = 0) {
            self.runID = runID
            self.ordinal = ordinal
            self.suite = suite
            self.scenarioID = scenarioID
            self.status = status
            self.expectedCategory = expectedCategory
            self.actualCategory = actualCategory
            self.expectedTier = expectedTier
            self.escalated = escalated
            self.team = team
            self.errorClass = errorClass
            self.count = count
            self.held = held
            self.made = made
            self.replyFailed = replyFailed
        }
    }

    /// The aggregates of groups in any order (a store's ``ReportSQL/groups`` rows), the runs flagged as prompt
    /// injections in run order (``ReportSQL/injections``) and the latency summary; the run order of the groups is
    /// restored from ordinals, then run ids (a scenario has one ordinal in a run, a group's shards have disjoint ones as a
    /// single run over all their scenarios would, and the groups of one scenario
    /// add up the same in any order).
    public init(groups: [Group], injections: [InjectionFlag], latency: LatencySummary) {
        self.init()
        self.latency = latency
        self.injections = injections
        self.groups = groups
        let inRunOrder = groups.indices.sorted { (groups[$0].ordinal, groups[$0].runID) < (groups[$1].ordinal, groups[$1].runID) }
        var scenarioIndex: [ScenarioKey: Int] = [:]
        // At most one scenario per group: reserved, the dictionary is never rehashed while it grows.
        scenarioIndex.reserveCapacity(groups.count)
        var scenarioOfGroup = [Int](repeating: 0, count: groups.count)
        for position in inRunOrder {
            let group = groups[position]
            results += group.count
            let key = ScenarioKey(suite: group.suite, id: group.scenarioID)
            let index: Int
            if let known = scenarioIndex[key] {
                index = known
            } else {
                index = scenarios.count
                scenarioIndex[key] = index
                scenarios.append(Scenario(suite: group.suite, id: group.scenarioID, trials: 0, passed: 0,
                                          held: Array(repeating: 0, count: group.held.count), made: Array(repeating: 0, count: group.made.count)))
            }
            scenarioOfGroup[position] = index
            let passed = group.status == ScenarioResult.Status.passed.rawValue
            let errored = group.status == ScenarioResult.Status.errored.rawValue
            scenarios[index].trials += group.count
            if passed { scenarios[index].passed += group.count }
            for field in group.held.indices {
                scenarios[index].held[field] += group.held[field]
                scenarios[index].made[field] += group.made[field]
            }
            var suite = suites[group.suite] ?? SuiteCounts(runs: 0, passed: 0, errored: 0, decided: 0, escalated: 0)
            suite.runs += group.count
            if passed { suite.passed += group.count }
            if errored { suite.errored += group.count }
            if group.actualCategory != nil { suite.decided += group.count }
            if group.escalated {
                suite.escalated += group.count
                teams[group.team ?? "", default: 0] += group.count
            }
            suites[group.suite] = suite
            if let errorClass = group.errorClass { erroredByClass[errorClass, default: 0] += group.count }
            if let tier = group.expectedTier {
                var counts = tiers[tier] ?? TierCounts(total: 0, escalated: 0)
                counts.total += group.count
                if group.escalated { counts.escalated += group.count }
                tiers[tier] = counts
                if tier == EscalationTier.always.rawValue && !group.escalated {
                    missedAlwaysIDs += repeatElement(group.scenarioID, count: group.count)
                }
                if tier == EscalationTier.never.rawValue && group.escalated {
                    falseEscalationIDs += repeatElement(group.scenarioID, count: group.count)
                }
            }
        }
        // Cells in the groups' own order: a store reads them in index order, by suite and scenario, so they
        // arrive nearly sorted.
        var cells = CellTally(capacity: groups.count)
        for (position, group) in groups.enumerated() {
            guard let expected = group.expectedCategory else { continue }
            cells.add(scenario: scenarioOfGroup[position], suite: group.suite, scenarioID: group.scenarioID, expected: expected,
                      actual: group.actualCategory, count: group.count)
        }
        categoryCells = cells.sorted()
    }
}
