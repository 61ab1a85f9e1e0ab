import Foundation
import TriageEngine

extension Comparison {
    /// The inputs of one side: the stored run, its results (summary detail is enough) and its model calls.
    public struct Input: Sendable {
        /// The run.
        public var run: StoredRun
        /// Its results.
        public var results: [ScenarioResult]
        /// Its model calls.
        public var calls: [CallRecord]
        /// A display name.
        public var name: String

        /// Creates an input.
        public init(run: StoredRun, results: [ScenarioResult], calls: [CallRecord] = [], name: String? = nil) {
            self.run = run
            self.results = results
            self.calls = calls
            self.name = name ?? "#\(run.id)"
        }
    }

    /// Compares B against A on the scenarios they share (matched by suite and id; repeats grouped).
    /// - Parameters:
    ///   - alpha: the significance level of the verdict.
    ///   - seed: the bootstrap seed (results are reproducible for a seed).
    ///   - suite: restrict to one suite.
    public static func build(a: Input, b: Input, alpha: Double = 0.05, resamples: Int = 2000, seed: UInt64 = 42, suite: String? = nil) -> Comparison {
        func groups(_ results: [ScenarioResult]) -> [String: [ScenarioResult]] {
            var grouped: [String: [ScenarioResult]] = [:]
            for result in results where suite == nil || result.suite == suite {
                grouped[result.suite + "/" + result.scenarioID, default: []].append(result)
            }
            return grouped
        }
        let groupsA = groups(a.results)
        let groupsB = groups(b.results)
        // Shared keys in B's order (its scenario order).
        var shared: [String] = []
        var seen = Set<String>()
        for result in b.results where groupsA[result.suite + "/" + result.scenarioID] != nil {
            let key = result.suite + "/" + result.scenarioID
            if (suite == nil || result.suite == suite), seen.insert(key).inserted { shared.append(key) }
        }

        func correct(_ result: ScenarioResult, _ field: String) -> Bool? {
            guard let label = Expectation.Field(rawValue: field) else { return result.passed }  // the verdict
            guard let expected = result.expected.value(of: label) else { return nil }
            return result.actual?.value(of: label) == expected
        }
        var fields: [FieldComparison] = []
        for field in ["verdict"] + Expectation.fields.map(\.rawValue) {
            var pairs: [(a: [Bool], b: [Bool])] = []
            var regressions = 0
            var improvements = 0
            for key in shared {
                let sideA = groupsA[key]!.compactMap { correct($0, field) }
                let sideB = groupsB[key]!.compactMap { correct($0, field) }
                guard !sideA.isEmpty, !sideB.isEmpty else { continue }
                pairs.append((sideA, sideB))
                let passA = Self.majority(sideA)
                let passB = Self.majority(sideB)
                if passA && !passB { regressions += 1 }
                if !passA && passB { improvements += 1 }
            }
            guard !pairs.isEmpty else { continue }
            let trialsA = pairs.reduce(0) { $0 + $1.a.count }
            let trialsB = pairs.reduce(0) { $0 + $1.b.count }
            let passesA = pairs.reduce(0) { $0 + $1.a.filter { $0 }.count }
            let passesB = pairs.reduce(0) { $0 + $1.b.filter { $0 }.count }
            fields.append(FieldComparison(
                field: field, scenarios: pairs.count,
                accuracyA: Double(passesA) / Double(trialsA), intervalA: Wilson.interval(successes: passesA, total: trialsA),
                accuracyB: Double(passesB) / Double(trialsB), intervalB: Wilson.interval(successes: passesB, total: trialsB),
                difference: PairedBootstrap.differenceInterval(groups: pairs, resamples: resamples, seed: seed),
                mcnemar: McNemar.exact(b: regressions, c: improvements)))
        }

        // Categories over all shared trials.
        let labels = b.run.engine.categories.isEmpty ? a.run.engine.categories : b.run.engine.categories
        func pairsOf(_ grouped: [String: [ScenarioResult]]) -> [(expected: String, actual: String)] {
            shared.flatMap { key in grouped[key]!.compactMap { result in result.expected.category.map { ($0, result.actual?.category ?? "error") } } }
        }
        let metricsA = ClassificationMetrics.perClass(pairs: pairsOf(groupsA), labels: labels)
        let metricsB = ClassificationMetrics.perClass(pairs: pairsOf(groupsB), labels: labels)
        let categories = zip(metricsA, metricsB).filter { $0.1.support > 0 || $0.0.support > 0 }.map { metricA, metricB in
            CategoryDelta(label: metricB.label, support: metricB.support, recallA: metricA.recall, recallB: metricB.recall, f1A: metricA.f1, f1B: metricB.f1)
        }

        // Flips on the whole verdict, regressions first.
        var flips: [Flip] = []
        for key in shared {
            let sideA = groupsA[key]!
            let sideB = groupsB[key]!
            let passA = Self.majority(sideA.map(\.passed))
            let passB = Self.majority(sideB.map(\.passed))
            guard passA != passB else { continue }
            func side(_ results: [ScenarioResult]) -> Side {
                let first = results[0]
                return Side(passRate: Double(results.filter(\.passed).count) / Double(results.count), actual: first.actual,
                            failedChecks: first.failedChecks, decidingRule: first.winner, error: first.error)
            }
            flips.append(Flip(id: sideB[0].scenarioID, suite: sideB[0].suite, direction: passA ? "pass→fail" : "fail→pass",
                              expected: sideB[0].expected, a: side(sideA), b: side(sideB)))
        }
        flips.sort { ($0.direction == "pass→fail" ? 0 : 1) < ($1.direction == "pass→fail" ? 0 : 1) }

        let verdictField = fields.first { $0.field == "verdict" }
        func usage(_ input: Input, _ grouped: [String: [ScenarioResult]], accuracy: Double?) -> Usage {
            let latencies = shared.flatMap { grouped[$0]!.map(\.latencyMs) }.sorted()
            let modelCalls = input.calls.filter { $0.purpose != ModelAssertionChecker.judgePurpose }
            let cost = modelCalls.reduce(0) { $0 + $1.costUSD }
            return Usage(p50: Percentile.value(latencies, 0.5) ?? 0, p95: Percentile.value(latencies, 0.95) ?? 0,
                         tokens: modelCalls.reduce(0) { $0 + $1.inputTokens + $1.outputTokens }, costUSD: cost,
                         accuracyPerDollar: cost > 0 ? (accuracy ?? 0) / cost : nil)
        }
        let verdict = Self.verdict(verdictField, nameA: a.name, nameB: b.name, alpha: alpha)
        return Comparison(formatVersion: formatVersion, runA: RunInfo(a.run), runB: RunInfo(b.run), nameA: a.name, nameB: b.name,
                          sharedScenarios: shared.count, onlyA: Set(groupsA.keys).subtracting(shared).count,
                          onlyB: Set(groupsB.keys).subtracting(shared).count, fields: fields, categories: categories, flips: flips,
                          usageA: usage(a, groupsA, accuracy: verdictField?.accuracyA), usageB: usage(b, groupsB, accuracy: verdictField?.accuracyB),
                          verdict: verdict)
    }

    /// A scenario passes over its repeats when it passes in more than half of them (one repeat: itself).
    static func majority(_ values: [Bool]) -> Bool {
        values.filter { $0 }.count * 2 > values.count
    }

    static func verdict(_ field: FieldComparison?, nameA: String, nameB: String, alpha: Double) -> Verdict {
        guard let field else {
            return Verdict(outcome: "no_significant_difference", alpha: alpha, pValue: 1, discordant: 0, text: "No shared scenarios to compare.")
        }
        let test = field.mcnemar
        let points = (field.difference.estimate * 100)
        let interval = String(format: "%+.1f to %+.1f", field.difference.lower * 100, field.difference.upper * 100)
        let accuracies = String(format: "%.1f%% → %.1f%% (%+.1f points, 95%% CI %@)", field.accuracyA * 100, field.accuracyB * 100, points, interval)
        let evidence = String(format: "McNemar exact p = %.3g on %d discordant scenario%@ (%d regression%@, %d improvement%@)", test.pValue, test.discordant,
                              test.discordant == 1 ? "" : "s", test.b, test.b == 1 ? "" : "s", test.c, test.c == 1 ? "" : "s")
        let outcome: String
        let text: String
        if test.discordant > 0 && test.pValue < alpha {
            outcome = test.c > test.b ? "better" : "worse"
            text = "\(nameB) is \(outcome) than \(nameA) at \(Self.confidence(alpha)) confidence: accuracy \(accuracies); \(evidence)."
        } else {
            outcome = "no_significant_difference"
            text = "No significant difference between \(nameA) and \(nameB) at \(Self.confidence(alpha)) confidence: accuracy \(accuracies); \(evidence)."
        }
        return Verdict(outcome: outcome, alpha: alpha, pValue: test.pValue, discordant: test.discordant, text: text)
    }

    static func confidence(_ alpha: Double) -> String {
        let percent = (1 - alpha) * 100
        return percent == percent.rounded() ? "\(Int(percent))%" : String(format: "%.1f%%", percent)
    }
}

extension RunInfo {
    /// The identity of a stored run.
    public init(_ run: StoredRun) {
        self.init(id: run.id, status: run.status.rawValue, startedAt: run.startedAt, finishedAt: run.finishedAt, toolVersion: run.toolVersion,
                  gitCommit: run.gitCommit, engine: run.engine, sources: run.sources)
    }
}
