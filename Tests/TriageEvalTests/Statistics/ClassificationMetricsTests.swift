import Testing
import TriageEval

extension StatisticsTests {
    @Suite struct ClassificationMetricsTests {
        static let labels = ["billing", "bug", "account", "feature", "security"]

        /// "feature" has zero support (predicted once), "security" is never predicted, "unknown" is not a label.
        static let pairs: [(expected: String, actual: String)] =
            Array(repeating: ("billing", "billing"), count: 4) + [("billing", "bug")]
            + Array(repeating: ("bug", "bug"), count: 3) + [("bug", "feature")]
            + Array(repeating: ("account", "account"), count: 2) + [("account", "billing")]
            + [("security", "account"), ("security", "billing"), ("bug", "unknown"), ("billing", "unknown")]

        // sklearn.metrics.precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
        // via scripts/reference_stats.py: (label, precision, recall, f1, support)
        @Test func perClassMatchesSklearn() {
            let expected: [(String, Double, Double, Double, Int)] = [
                ("billing", 0.6666666666666666, 0.6666666666666666, 0.6666666666666666, 6),
                ("bug", 0.75, 0.6, 0.6666666666666666, 5),
                ("account", 0.6666666666666666, 0.6666666666666666, 0.6666666666666666, 3),
                ("feature", 0.0, 0.0, 0.0, 0),
                ("security", 0.0, 0.0, 0.0, 2),
            ]
            let metrics = ClassificationMetrics.perClass(pairs: Self.pairs, labels: Self.labels)
            #expect(metrics.count == expected.count)
            for (m, e) in zip(metrics, expected) {
                #expect(m.label == e.0)
                // sklearn's zero_division=0 stands in for an undefined ratio; here it stays undefined (nil).
                if m.predicted > 0 { #expect(isClose(m.precision!, e.1)) } else { #expect(m.precision == nil) }
                if m.support > 0 { #expect(isClose(m.recall!, e.2)) } else { #expect(m.recall == nil) }
                #expect(isClose(m.f1!, e.3))
                #expect(m.support == Double(e.4))
            }
            let feature = metrics[3]
            #expect(feature.predicted == 1 && feature.truePositives == 0)
            #expect(feature.precision == 0 && feature.recall == nil && feature.f1 == 0)
            let security = metrics[4]
            #expect(security.predicted == 0 && security.truePositives == 0)
            #expect(security.precision == nil && security.recall == 0 && security.f1 == 0)
        }

        @Test func neverExpectedNeverPredictedIsUndefinedNotZero() {
            let metrics = ClassificationMetrics.perClass(pairs: Self.pairs, labels: ["never"])
            #expect(metrics[0].precision == nil && metrics[0].recall == nil && metrics[0].f1 == nil)
            #expect(metrics[0].support == 0 && metrics[0].predicted == 0)
        }

        @Test func repeatsShareOneScenarioWeight() {
            // One scenario run three times (predicted billing twice, bug once) counts as one scenario of support.
            let pairs: [(expected: String, actual: String)] = [("billing", "billing"), ("billing", "billing"), ("billing", "bug")]
            let metrics = ClassificationMetrics.perClass(pairs: pairs, labels: ["billing", "bug"], weights: [1.0 / 3, 1.0 / 3, 1.0 / 3])
            #expect(isClose(metrics[0].support, 1))
            #expect(isClose(metrics[0].recall!, 2.0 / 3))
            #expect(isClose(metrics[1].predicted, 1.0 / 3))
        }

        // sklearn.metrics.f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0)
        // via scripts/reference_stats.py
        @Test func macroF1MatchesSklearn() {
            let metrics = ClassificationMetrics.perClass(pairs: Self.pairs, labels: Self.labels)
            #expect(isClose(ClassificationMetrics.macroF1(metrics)!, 0.4))
            // A label neither expected nor predicted is left out (sklearn labels=the present ones gives 0.4 too;
            // listing "never" in sklearn's labels would give 0.333); the false-positive-only "feature" counts as 0.
            let withNever = ClassificationMetrics.perClass(pairs: Self.pairs, labels: Self.labels + ["never"])
            #expect(isClose(ClassificationMetrics.macroF1(withNever)!, 0.4))
            #expect(ClassificationMetrics.macroF1([]) == nil)
        }

        // sklearn.metrics.confusion_matrix(y_true, y_pred, labels=labels) via scripts/reference_stats.py, plus the
        // extra last column (actual not in labels) counted by hand in that script.
        @Test func confusionMatrixMatchesSklearn() {
            let matrix = ClassificationMetrics.confusionMatrix(pairs: Self.pairs, labels: Self.labels)
            #expect(matrix == [
                [4, 1, 0, 0, 0, 1],
                [0, 3, 0, 1, 0, 1],
                [1, 0, 2, 0, 0, 0],
                [0, 0, 0, 0, 0, 0],
                [1, 0, 1, 0, 0, 0],
            ])
        }

        @Test func unlistedExpectedLabelIsSkipped() {
            let matrix = ClassificationMetrics.confusionMatrix(
                pairs: [("other", "a"), ("a", "a")], labels: ["a"]
            )
            #expect(matrix == [[1, 0]])
        }
    }
}
