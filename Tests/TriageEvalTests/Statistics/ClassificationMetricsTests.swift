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
                #expect(isClose(m.precision, e.1))
                #expect(isClose(m.recall, e.2))
                #expect(isClose(m.f1, e.3))
                #expect(m.support == e.4)
            }
            let feature = metrics[3]
            #expect(feature.predicted == 1 && feature.truePositives == 0)
            let security = metrics[4]
            #expect(security.predicted == 0 && security.truePositives == 0)
        }

        // sklearn.metrics.f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0)
        // via scripts/reference_stats.py
        @Test func macroF1MatchesSklearn() {
            let metrics = ClassificationMetrics.perClass(pairs: Self.pairs, labels: Self.labels)
            #expect(isClose(ClassificationMetrics.macroF1(metrics), 0.4))
            #expect(ClassificationMetrics.macroF1([]) == 0)
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
