import Foundation

/// `triage-eval gate group:NAME --shards N`: the CI step after a matrix of shards. Waits, polling the store,
/// until every shard of the group has a completed run, then judges the merged group as one run: the suites'
/// gates, the gate command's own gates and the error budget.
public struct GroupGate: Sendable {
    /// The group.
    public var group: String
    /// How many shards it must have.
    public var shards: Int
    /// How long to wait for shards still missing or running; zero looks once.
    public var wait: Duration
    /// How often the store is looked at while waiting.
    public var pollInterval: Duration = .seconds(2)

    /// Creates a gate.
    public init(group: String, shards: Int, wait: Duration = .zero) {
        self.group = group
        self.shards = shards
        self.wait = wait
    }

    /// Waits until every shard of the group completed and returns the group.
    /// - Throws: ``GroupError``: `incomplete` when the wait ends first (naming the shards with no run, running
    ///   and interrupted); `interrupted` as soon as every shard ended with some interrupted (nothing to wait
    ///   for until they are resumed); `wrongShardCount`, `shardCountsDiffer` and `inputsDiffer` at once.
    public func waitForShards<C: Clock>(store: any RunStore, clock: C) async throws -> RunGroup where C.Duration == Duration {
        let start = clock.now
        while true {
            try store.markStaleRuns()
            let loaded = try RunGroup.load(group, from: store)
            if let loaded {
                if loaded.shardCount != shards { throw GroupError.wrongShardCount(group: group, stored: loaded.shardCount, expected: shards) }
                if loaded.isComplete { return loaded }
                if loaded.missing.isEmpty && loaded.running.isEmpty {
                    throw GroupError.interrupted(group: group, shards: loaded.interrupted.map(Self.name))
                }
            }
            let waited = start.duration(to: clock.now)
            if waited >= wait {
                throw GroupError.incomplete(group: group, missing: loaded?.missing ?? Array(1...shards), running: loaded?.running.map(Self.name) ?? [],
                                            interrupted: loaded?.interrupted.map(Self.name) ?? [], waited: Self.format(wait))
            }
            try await clock.sleep(for: min(pollInterval, wait - waited))
        }
    }

    /// `2 (run #5)`.
    static func name(_ run: StoredRun) -> String { "\(run.shard?.slice.index ?? 0) (run #\(run.id))" }

    /// The merged group's report with the suites' gates and `gates` from the gate command (the shards' own
    /// command-line gates are replaced); a regression gate compares each suite with the baseline its shards
    /// recorded, or else the suite's baseline now.
    /// Its figures and gates come from the store's aggregates of the shards; `lines` says which lines it carries.
    public func report(of group: RunGroup, gates: GateSet, store: any RunStore, lines: RunReport.Lines = .all) throws -> RunReport {
        var run = group.run
        run.gates.run = gates
        for suite in run.suites where run.gates.baselines[suite] == nil
            && (gates.noRegressionAlpha != nil || run.gates.suites[suite]?.noRegressionAlpha != nil) {
            if let baseline = try store.baseline(suite: suite) { run.gates.baselines[suite] = baseline }
        }
        return try RunReport.build(run: run, runs: group.runIDs, store: store, lines: lines)
    }

    /// What the merged report means: too many errors (exit 3), failed gates (exit 1) or passed.
    public static func verdict(for report: RunReport, maxErrorRate: Double?) -> RunVerdict {
        if report.exceedsErrorBudget(maxErrorRate) {
            return .errorRateExceeded(rate: report.errorRate, limit: maxErrorRate ?? GateSet.defaultMaxErrorRate, byDefault: maxErrorRate == nil)
        }
        let failed = report.gates.filter { !$0.passed }
        return failed.isEmpty ? .passed : .gatesFailed(failed)
    }

    /// A duration as the user writes it: `90s`, `10m`, `1h`, `1m30s`, `500ms`.
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        if seconds == 0 && attoseconds > 0 { return "\(attoseconds / 1_000_000_000_000_000)ms" }
        var text = ""
        var rest = seconds
        if rest >= 3600 { text += "\(rest / 3600)h"; rest %= 3600 }
        if rest >= 60 { text += "\(rest / 60)m"; rest %= 60 }
        if rest > 0 || text.isEmpty { text += "\(rest)s" }
        return text
    }

    /// Reads a duration: a number with `ms`, `s`, `m` or `h` (combined, as `1m30s`), or a plain number of seconds.
    public static func parseDuration(_ text: String) -> Duration? {
        if let seconds = Int(text), seconds >= 0 { return .seconds(seconds) }
        var total = Duration.zero
        var number = ""
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        while let first = rest.first {
            if first.isASCII && first.isNumber {
                number.append(first)
                rest = rest.dropFirst()
                continue
            }
            guard let value = Int(number) else { return nil }
            number = ""
            if rest.hasPrefix("ms") { total += .milliseconds(value); rest = rest.dropFirst(2) }
            else if first == "s" { total += .seconds(value); rest = rest.dropFirst() }
            else if first == "m" { total += .seconds(value * 60); rest = rest.dropFirst() }
            else if first == "h" { total += .seconds(value * 3600); rest = rest.dropFirst() }
            else { return nil }
        }
        return number.isEmpty ? total : nil
    }
}
