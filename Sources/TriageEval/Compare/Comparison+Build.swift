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

    /// Compares B against A on the scenarios they share (matched by suite and id; repeats grouped, scenarios are the unit).
    /// - Parameters:
    ///   - alpha: the significance level of the verdict; intervals are at 1 − alpha.
    ///   - resamples: cluster-bootstrap resamples of the cross-check interval.
    ///   - seed: the bootstrap seed (results are reproducible for a seed).
    ///   - suite: restrict to one suite.
    public static func build(a: Input, b: Input, alpha: Double = 0.05, resamples: Int = PairedBootstrap.defaultResamples, seed: UInt64 = 42,
                             suite: String? = nil) -> Comparison {
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
        let confidence = 1 - alpha

        func correct(_ result: ScenarioResult, _ field: String) -> Bool? {
            guard let label = Expectation.Field(rawValue: field) else { return result.passed }  // the verdict
            guard let expected = result.expected.value(of: label) else { return nil }
            return result.actual?.value(of: label) == expected
        }
        func rate(_ values: [Bool]) -> Double { Double(values.filter { $0 }.count) / Double(values.count) }
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
            let ratesA = pairs.map { rate($0.a) }
            let ratesB = pairs.map { rate($0.b) }
            // The bootstrap cross-check costs resamples × scenarios; only the verdict's is reported.
            let bootstrap = field == "verdict"
                ? PairedBootstrap.rounded(PairedBootstrap.differenceInterval(groups: pairs, resamples: resamples, confidence: confidence, seed: seed)) : nil
            fields.append(FieldComparison(
                field: field, scenarios: pairs.count,
                accuracyA: ratesA.reduce(0, +) / Double(pairs.count), intervalA: Wilson.scenarioInterval(passRates: ratesA, confidence: confidence),
                accuracyB: ratesB.reduce(0, +) / Double(pairs.count), intervalB: Wilson.scenarioInterval(passRates: ratesB, confidence: confidence),
                difference: TangoInterval.interval(regressions: regressions, improvements: improvements, pairs: pairs.count, confidence: confidence),
                bootstrap: bootstrap,
                mcnemar: McNemar.score(b: regressions, c: improvements), adjustedPValue: nil))
        }

        // Categories over all shared scenarios, each scenario weighing 1 (its repeats share the weight).
        let labels = b.run.engine.categories.isEmpty ? a.run.engine.categories : b.run.engine.categories
        func pairsOf(_ grouped: [String: [ScenarioResult]]) -> (pairs: [(expected: String, actual: String)], weights: [Double]) {
            var pairs: [(expected: String, actual: String)] = []
            var weights: [Double] = []
            for key in shared {
                let results = grouped[key]!.filter { $0.expected.category != nil }
                for result in results {
                    pairs.append((result.expected.category!, result.actual?.category ?? "error"))
                    weights.append(1 / Double(results.count))
                }
            }
            return (pairs, weights)
        }
        let (pairsA, weightsA) = pairsOf(groupsA)
        let (pairsB, weightsB) = pairsOf(groupsB)
        let metricsA = ClassificationMetrics.perClass(pairs: pairsA, labels: labels, weights: weightsA)
        let metricsB = ClassificationMetrics.perClass(pairs: pairsB, labels: labels, weights: weightsB)
        var categories: [CategoryDelta] = []
        for (metricA, metricB) in zip(metricsA, metricsB) where metricA.support > 0 || metricB.support > 0 || metricA.predicted > 0 || metricB.predicted > 0 {
            // Recall test: scenarios expecting the category in both runs, right or wrong by majority over repeats.
            var regressions = 0
            var improvements = 0
            var tested = 0
            for key in shared {
                let sideA = groupsA[key]!.filter { $0.expected.category == metricB.label }.map { $0.actual?.category == metricB.label }
                let sideB = groupsB[key]!.filter { $0.expected.category == metricB.label }.map { $0.actual?.category == metricB.label }
                guard !sideA.isEmpty, !sideB.isEmpty else { continue }
                tested += 1
                let passA = Self.majority(sideA)
                let passB = Self.majority(sideB)
                if passA && !passB { regressions += 1 }
                if !passA && passB { improvements += 1 }
            }
            categories.append(CategoryDelta(label: metricB.label, support: metricB.support, recallA: metricA.recall, recallB: metricB.recall,
                                            f1A: metricA.f1, f1B: metricB.f1, predictedA: metricA.predicted, predictedB: metricB.predicted,
                                            mcnemar: tested > 0 ? McNemar.score(b: regressions, c: improvements) : nil, adjustedPValue: nil))
        }

        // The verdict is the primary test; every field and category test is secondary and Holm-adjusted as one family.
        var secondary: [Double] = []
        for field in fields where field.field != "verdict" { secondary.append(field.mcnemar.pValue) }
        for category in categories { if let test = category.mcnemar { secondary.append(test.pValue) } }
        var adjusted = Holm.adjust(secondary)[...]
        for index in fields.indices where fields[index].field != "verdict" { fields[index].adjustedPValue = adjusted.popFirst() }
        for index in categories.indices where categories[index].mcnemar != nil { categories[index].adjustedPValue = adjusted.popFirst() }

        // Tier contracts: both runs counted by A's tiers, so a moved rule does not change the denominators.
        var tiers = TierComparison(definition: "baseline", alwaysTotal: 0, alwaysEscalatedA: 0, alwaysEscalatedB: 0, neverTotal: 0,
                                   falseEscalationsA: 0, falseEscalationsB: 0)
        var anyTier = false
        for key in shared {
            guard let tier = groupsA[key]!.first?.expectedTier else { continue }
            anyTier = true
            let escalatedA = Self.majority(groupsA[key]!.map { $0.actual?.escalate ?? false })
            let escalatedB = Self.majority(groupsB[key]!.map { $0.actual?.escalate ?? false })
            switch tier {
            case .always:
                tiers.alwaysTotal += 1
                if escalatedA { tiers.alwaysEscalatedA += 1 }
                if escalatedB { tiers.alwaysEscalatedB += 1 }
            case .never:
                tiers.neverTotal += 1
                if escalatedA { tiers.falseEscalationsA += 1 }
                if escalatedB { tiers.falseEscalationsB += 1 }
            case .likely: break
            }
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
            flips.append(Flip(id: sideB[0].scenarioID, suite: sideB[0].suite, direction: passA ? .regression : .improvement,
                              expected: sideB[0].expected, a: side(sideA), b: side(sideB)))
        }
        flips.sort { ($0.direction == .regression ? 0 : 1) < ($1.direction == .regression ? 0 : 1) }

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
                          onlyB: Set(groupsB.keys).subtracting(shared).count, fields: fields, categories: categories,
                          tiers: anyTier ? tiers : nil, flips: flips,
                          usageA: usage(a, groupsA, accuracy: verdictField?.accuracyA), usageB: usage(b, groupsB, accuracy: verdictField?.accuracyB),
                          verdict: verdict)
    }

    /// A scenario passes over its repeats when it passes in more than half of them (one repeat: itself).
    static func majority(_ values: [Bool]) -> Bool {
        values.filter { $0 }.count * 2 > values.count
    }

    static func verdict(_ field: FieldComparison?, nameA: String, nameB: String, alpha: Double) -> Verdict {
        guard let field else {
            return Verdict(outcome: .noSignificantDifference, alpha: alpha, pValue: 1, discordant: 0, text: "No shared scenarios to compare.")
        }
        let test = field.mcnemar
        let points = (field.difference.estimate * 100)
        let interval = String(format: "%+.1f to %+.1f", field.difference.lower * 100, field.difference.upper * 100)
        let level = Self.confidence(alpha)
        let accuracies = String(format: "%.1f%% → %.1f%% (%+.1f points, %@ CI %@)", field.accuracyA * 100, field.accuracyB * 100, points, level, interval)
        let evidence = String(format: "McNemar p = %@ on %d discordant scenario%@ (%d regression%@, %d improvement%@)", Self.p(test.pValue), test.discordant,
                              test.discordant == 1 ? "" : "s", test.b, test.b == 1 ? "" : "s", test.c, test.c == 1 ? "" : "s")
        let outcome: Outcome
        let text: String
        if test.discordant > 0 && test.pValue < alpha {
            outcome = test.c > test.b ? .better : .worse
            text = "\(nameB) is \(outcome.rawValue) than \(nameA) at \(level) confidence: accuracy \(accuracies); \(evidence)."
        } else {
            outcome = .noSignificantDifference
            text = "No significant difference between \(nameA) and \(nameB) at \(level) confidence: accuracy \(accuracies); \(evidence)."
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
