import Foundation
import TriageEngine

extension DriftReport {
    /// Builds the drift report of `suite` from the store: the latest completed run against the baseline
    /// (or the previous run) and the last `history` completed runs.
    public static func build(store: any RunStore, suite: String, history: Int = 20, alpha: Double = 0.05, seed: UInt64 = 42) throws -> DriftReport? {
        // A complete group of shards counts as one run (see RunGroup.mergingShards).
        let entries = try RunGroup.mergingShards(try store.completedRuns(suite: suite, limit: max(2, history)), store: store)
        let runs = entries.map(\.run)
        let members = Dictionary(entries.map { ($0.run.id, $0.ids) }, uniquingKeysWith: { first, _ in first })
        guard let latestRun = runs.last else { return nil }
        func results(_ run: StoredRun) throws -> [ScenarioResult] {
            try store.results(runs: members[run.id] ?? [run.id], detail: .summary).filter { $0.suite == suite }
        }
        func input(_ run: StoredRun, _ name: String) throws -> Comparison.Input {
            Comparison.Input(run: run, results: try results(run), calls: try store.calls(runs: members[run.id] ?? [run.id]), name: name)
        }
        let latest = try input(latestRun, "latest #\(latestRun.id)")
        var reference: Comparison.Input?
        var baselineInfo: RunInfo?
        if let baselineID = try store.baseline(suite: suite), var loaded = try Comparison.Input.load(baseline: baselineID, from: store) {
            loaded.results = loaded.results.filter { $0.suite == suite }
            reference = loaded
            baselineInfo = RunInfo(loaded.run)
        } else if runs.count >= 2 {
            reference = try input(runs[runs.count - 2], "previous #\(runs[runs.count - 2].id)")
        }

        var trend: [TrendPoint] = []
        var previous: StoredRun?
        for run in runs {
            let results = try results(run)
            let rates = passRates(results)
            trend.append(TrendPoint(run: run.id, startedAt: run.startedAt, scenarios: rates.count,
                                    accuracy: rates.isEmpty ? 0 : rates.reduce(0, +) / Double(rates.count),
                                    interval: Wilson.scenarioInterval(passRates: rates),
                                    p95LatencyMs: Percentile.value(results.map(\.latencyMs).sorted(), 0.95) ?? 0,
                                    costUSD: results.reduce(0) { $0 + $1.costUSD },
                                    changed: previous.map { changes(from: $0, to: run, suite: suite) } ?? []))
            previous = run
        }

        var comparison: Comparison?
        var shift: [FieldShift] = []
        var warnings: [String] = []
        var attribution: Attribution?
        if let reference {
            comparison = Comparison.build(a: reference, b: latest, alpha: alpha, seed: seed, suite: suite)
            for field in Expectation.fields {
                func counts(_ results: [ScenarioResult]) -> [String: Int] {
                    results.reduce(into: [:]) { counts, result in counts[result.actual?.value(of: field) ?? "(errored)", default: 0] += 1 }
                }
                let before = counts(reference.results)
                let after = counts(latest.results)
                shift.append(FieldShift(field: field.rawValue, psi: Divergence.populationStabilityIndex(expected: before, actual: after),
                                        js: Divergence.jensenShannon(before, after), baseline: before, latest: after))
            }
            attribution = attribute(from: reference, to: latest, suite: suite)
            let fewest = min(passRates(reference.results).count, passRates(latest.results).count)
            if fewest < SampleSize.shiftScenarios {
                warnings.append("label shift on \(fewest) scenarios is mostly sampling noise (PSI and JS need about \(SampleSize.shiftScenarios))")
            }
        }

        var byScenario: [String: (trials: Int, passes: Int, order: Int)] = [:]
        for result in latest.results {
            var entry = byScenario[result.scenarioID] ?? (0, 0, result.ordinal)
            entry.trials += 1
            if result.passed { entry.passes += 1 }
            byScenario[result.scenarioID] = entry
        }
        var stability: [Stability] = []
        if byScenario.values.contains(where: { $0.trials > 1 }) {
            for (id, entry) in byScenario.sorted(by: { $0.value.order < $1.value.order }) {
                let rate = Double(entry.passes) / Double(entry.trials)
                let label = StabilityLabel(passes: entry.passes, trials: entry.trials)
                stability.append(Stability(id: id, trials: entry.trials, passes: entry.passes, passRate: rate,
                                           passK: (1...entry.trials).map { passK(passes: entry.passes, trials: entry.trials, k: $0) }, label: label))
            }
        }
        return DriftReport(formatVersion: formatVersion, suite: suite, baseline: baselineInfo, latest: RunInfo(latestRun), trend: trend,
                           comparison: comparison, shift: shift, attribution: attribution, stability: stability,
                           repeats: repeatSummary(stability), warnings: warnings)
    }

    /// Per-scenario pass rates (suite and id identify a scenario; its repeats are averaged), in first-seen order.
    static func passRates(_ results: [ScenarioResult]) -> [Double] {
        var order: [String] = []
        var counts: [String: (passes: Int, trials: Int)] = [:]
        for result in results {
            let key = result.suite + "/" + result.scenarioID
            if counts[key] == nil { order.append(key) }
            var entry = counts[key] ?? (0, 0)
            entry.trials += 1
            if result.passed { entry.passes += 1 }
            counts[key] = entry
        }
        return order.map { Double(counts[$0]!.passes) / Double(counts[$0]!.trials) }
    }

    /// The repeats summary of a run's stability list: mean pass rate, pass^k for every k (τ-bench), flaky share; nil when empty.
    public static func repeatSummary(_ stability: [Stability]) -> RepeatSummary? {
        guard !stability.isEmpty else { return nil }
        let repeats = stability.map(\.trials).max() ?? 0
        let rates = stability.map(\.passRate)
        // Scenarios with fewer than k trials cannot estimate pass^k; average over those that can.
        let passHatK = (1...max(repeats, 1)).map { k -> Double in
            let values = stability.filter { $0.trials >= k }.map { passK(passes: $0.passes, trials: $0.trials, k: k) }
            return values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
        }
        let flaky = stability.filter { $0.label == .flaky }.count
        return RepeatSummary(repeats: repeats, scenarios: stability.count, meanPassRate: rates.reduce(0, +) / Double(rates.count),
                             meanPassRateInterval: Wilson.scenarioInterval(passRates: rates), passHatK: passHatK, flaky: flaky,
                             flakyShare: Double(flaky) / Double(stability.count), flakyInterval: Wilson.interval(successes: flaky, total: stability.count))
    }

    /// pass^k estimated from `passes` of `trials`: C(passes, k) / C(trials, k) (τ-bench's estimator).
    public static func passK(passes: Int, trials: Int, k: Int) -> Double {
        guard k >= 1, k <= trials, passes >= k else { return 0 }
        var value = 1.0
        for i in 0..<k { value *= Double(passes - i) / Double(trials - i) }
        return value
    }

    /// The input kinds whose content hashes differ between two runs; with `suite`, only that suite's file counts.
    public static func changes(from a: StoredRun, to b: StoredRun, suite: String? = nil) -> [String] {
        func hashes(_ run: StoredRun, _ kinds: Set<String>) -> [String] { run.sources.filter { kinds.contains($0.kind) }.map(\.sha256).sorted() }
        func suiteHashes(_ run: StoredRun) -> [String] {
            let files = run.sources.filter { $0.kind == "suite" }
            // Suite files are stored in the order of the run's suites.
            guard let suite, files.count == run.suites.count, let index = run.suites.firstIndex(of: suite) else { return hashes(run, ["suite"]) }
            return [files[index].sha256]
        }
        var changed: [String] = []
        if hashes(a, ["rules"]) != hashes(b, ["rules"]) { changed.append("rules") }
        if hashes(a, ["prompt"]) != hashes(b, ["prompt"]) { changed.append("prompts") }
        if suiteHashes(a) != suiteHashes(b) { changed.append("suite") }
        if hashes(a, ["model", "judge", "embedding"]) != hashes(b, ["model", "judge", "embedding"]) || a.engine.classifier != b.engine.classifier
            || a.engine.drafter != b.engine.drafter { changed.append("model") }
        return changed
    }

    static func attribute(from reference: Comparison.Input, to latest: Comparison.Input, suite: String) -> Attribution {
        let changed = changes(from: reference.run, to: latest.run, suite: suite)
        var before: [String: ActualLabels?] = [:]
        for result in reference.results where result.repeatIndex == 0 { before[result.scenarioID] = result.actual }
        var differ = 0
        for result in latest.results where result.repeatIndex == 0 {
            if let old = before[result.scenarioID], old != result.actual { differ += 1 }
        }
        let text: String
        switch (changed.isEmpty, differ == 0) {
        case (true, true): text = "Same rules, prompts, suite and model configuration, and the same outputs."
        case (true, false):
            text = "Same rules, prompts, suite and model configuration, but different outputs on \(differ) scenario\(differ == 1 ? "" : "s"): the model or provider drifted."
        case (false, true): text = "Changed: \(changed.joined(separator: ", ")); the outputs did not change."
        case (false, false): text = "Changed: \(changed.joined(separator: ", ")); outputs differ on \(differ) scenario\(differ == 1 ? "" : "s")."
        }
        return Attribution(changed: changed, outputsDiffer: differ, text: text)
    }
}
