import TriageEngine

/// What the gates of one scope (a suite, or the whole run) count: every count a gate measures, and the first
/// scenario ids behind each in stored order, taken from a store's aggregates (``init(groups:injections:scored:suite:)``)
/// or from results in memory (``init(results:gates:)``). ``GateEvaluator/evaluate(_:scope:tally:categories:)``
/// judges either the same way, so a stored run and the same results in memory get the same gates, byte for byte.
public struct GateTally: Sendable, Equatable {
    /// How many scenario runs count towards a figure, and the ids of the first ``GateTally/listed`` in stored order.
    public struct Listing: Sendable, Equatable {
        /// Scenario runs.
        public var count = 0
        /// The first ids, in stored order (a scenario's repeats each listed).
        public var ids: [String] = []

        /// Creates an empty listing.
        public init() {}

        /// Adds `count` runs of scenario `id`.
        mutating func add(_ id: String, count added: Int) {
            guard added > 0 else { return }
            count += added
            if ids.count < GateTally.listed { ids += repeatElement(id, count: min(added, GateTally.listed - ids.count)) }
        }
    }

    /// A share: runs (or checks) made, how many held, and the runs that did not.
    public struct Share: Sendable, Equatable {
        /// Checks made (or runs counted).
        public var made = 0
        /// Of those, held.
        public var held = 0
        /// The runs that did not hold.
        public var missed = Listing()

        /// Creates an empty share.
        public init() {}
    }

    /// A scored conversation with an agent turn besides the reply: what `min_health` averages.
    public struct Health: Sendable, Equatable {
        /// Scenario id.
        public var id: String
        /// Health score, 0–100.
        public var health: Int
        /// Whether its quality checks passed.
        public var passed: Bool
    }

    /// How many scenario ids a gate lists at most.
    public static let listed = 20

    /// Scenario runs.
    public var results = 0
    /// Those that did not pass.
    public var notPassed = Listing()
    /// Checks per field in ``ScoredField/allCases`` order (reply: reply checks; a run listed when one failed).
    public var fields: [Share] = Array(repeating: Share(), count: ScoredField.allCases.count)
    /// Per expected category: the runs expecting it, how many got it, and those that did not.
    public var categories: [String: Share] = [:]
    /// Runs expecting an ALWAYS escalation: how many were escalated, and those that were not.
    public var always = Share()
    /// Runs expecting no escalation (NEVER) that were escalated.
    public var falseEscalations = Listing()
    /// Errored runs.
    public var errored = Listing()
    /// Runs with a decision.
    public var decided = 0
    /// Of those, escalated.
    public var escalated = 0
    /// Escalated runs whose scenario did not expect an escalation.
    public var unexpectedEscalations = Listing()
    /// Runs flagged as prompt injections whose labels differ from the expected ones.
    public var injectionChanges = Listing()
    /// The p95 latency (0 without results); set by the store (``RunStore/gateReadings(runs:suite:latencyRanks:slowerThan:costs:)``).
    public var latencyP95 = 0.0
    /// The runs slower than the `max_p95_latency_ms` threshold (first ``listed``); set by the store.
    public var slow: [String] = []
    /// The cost of the model under test, summed in stored order; set by the store.
    public var costUSD = 0.0
    /// The scored conversations with an earlier agent turn, in stored order.
    public var health: [Health] = []

    /// Creates an empty tally.
    public init() {}

    /// The tally of `groups` (a store's ``ReportSQL/groups`` rows, in any order) restricted to `suite` unless nil,
    /// with the prompt-injection flags (in stored order) and the scored results of the run. Stored order is the
    /// scenarios' ordinals (a scenario has one ordinal; a group's shards have disjoint ones), so groups are
    /// listed by ordinal and the runs of one group (one scenario) are listed together.
    public init(groups: [RunAggregates.Group], injections: [RunAggregates.InjectionFlag], scored: [ScenarioResult], suite: String?) {
        self.init()
        let escalate = ScoredField.allCases.firstIndex(of: .expectation(.escalate))!
        let reply = ScoredField.allCases.firstIndex(of: .reply)!
        let ordered = groups.filter { suite == nil || $0.suite == suite }.sorted { ($0.ordinal, $0.runID) < ($1.ordinal, $1.runID) }
        for group in ordered {
            let id = group.scenarioID
            results += group.count
            if group.status != ScenarioResult.Status.passed.rawValue { notPassed.add(id, count: group.count) }
            if group.status == ScenarioResult.Status.errored.rawValue { errored.add(id, count: group.count) }
            for position in fields.indices where position < group.made.count {
                fields[position].made += group.made[position]
                fields[position].held += group.held[position]
                fields[position].missed.add(id, count: position == reply ? group.replyFailed : group.made[position] - group.held[position])
            }
            if let expected = group.expectedCategory {
                var share = categories[expected] ?? Share()
                share.made += group.count
                if group.actualCategory == expected { share.held += group.count } else { share.missed.add(id, count: group.count) }
                categories[expected] = share
            }
            if group.expectedTier == EscalationTier.always.rawValue {
                always.made += group.count
                if group.escalated { always.held += group.count } else { always.missed.add(id, count: group.count) }
            }
            if group.expectedTier == EscalationTier.never.rawValue && group.escalated { falseEscalations.add(id, count: group.count) }
            if group.actualCategory != nil { decided += group.count }
            if group.escalated {
                escalated += group.count
                // An escalated run's escalate check held exactly when the scenario expected an escalation.
                unexpectedEscalations.add(id, count: group.count - group.held[escalate])
            }
        }
        for flag in injections where flag.labelsDiffer && (suite == nil || flag.suite == suite) { injectionChanges.add(flag.scenarioID, count: 1) }
        for result in scored where suite == nil || result.suite == suite {
            guard let quality = result.quality, quality.agentTurns > 1 else { continue }
            health.append(Health(id: result.scenarioID, health: quality.health, passed: quality.passed))
        }
    }
}
