/// Precision, recall and F1 for one label, with the counts they come from.
public struct ClassMetrics: Sendable, Codable, Equatable {
    /// The class label.
    public var label: String
    /// truePositives / predicted, or 0 when the label was never predicted.
    public var precision: Double
    /// truePositives / support, or 0 when the label has no support.
    public var recall: Double
    /// Harmonic mean of precision and recall, 2·TP / (support + predicted), or 0 when both counts are 0.
    public var f1: Double
    /// Number of pairs whose expected label is this label.
    public var support: Int
    /// Number of pairs whose actual (predicted) label is this label.
    public var predicted: Int
    /// Number of pairs where both expected and actual are this label.
    public var truePositives: Int

    /// Creates per-class metrics from their fields.
    public init(
        label: String, precision: Double, recall: Double, f1: Double,
        support: Int, predicted: Int, truePositives: Int
    ) {
        self.label = label
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.support = support
        self.predicted = predicted
        self.truePositives = truePositives
    }
}

/// Multi-class classification metrics matching scikit-learn with `zero_division=0`.
public enum ClassificationMetrics {
    /// Per-label metrics in the order of `labels` (like sklearn `precision_recall_fscore_support(labels=...)`);
    /// every pair counts toward the support/predicted of any listed label it names, and undefined ratios are 0.
    public static func perClass(pairs: [(expected: String, actual: String)], labels: [String]) -> [ClassMetrics] {
        var support: [String: Int] = [:]
        var predicted: [String: Int] = [:]
        var truePositives: [String: Int] = [:]
        for pair in pairs {
            support[pair.expected, default: 0] += 1
            predicted[pair.actual, default: 0] += 1
            if pair.expected == pair.actual { truePositives[pair.expected, default: 0] += 1 }
        }
        return labels.map { label in
            let s = support[label] ?? 0
            let p = predicted[label] ?? 0
            let tp = truePositives[label] ?? 0
            return ClassMetrics(
                label: label,
                precision: p > 0 ? Double(tp) / Double(p) : 0,
                recall: s > 0 ? Double(tp) / Double(s) : 0,
                f1: s + p > 0 ? Double(2 * tp) / Double(s + p) : 0,
                support: s,
                predicted: p,
                truePositives: tp
            )
        }
    }

    /// Confusion matrix with one row per label (expected) and labels.count + 1 columns (actual): column i is
    /// labels[i] and the always-present last column counts actual labels not in `labels` (the caller names it,
    /// e.g. "other"). Pairs whose expected label is not in `labels` are skipped.
    public static func confusionMatrix(pairs: [(expected: String, actual: String)], labels: [String]) -> [[Int]] {
        var index: [String: Int] = [:]
        for (i, label) in labels.enumerated() where index[label] == nil { index[label] = i }
        let otherColumn = labels.count
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: labels.count + 1), count: labels.count)
        for pair in pairs {
            guard let row = index[pair.expected] else { continue }
            matrix[row][index[pair.actual] ?? otherColumn] += 1
        }
        return matrix
    }

    /// Unweighted mean of the per-class F1 scores (sklearn `average="macro"`); 0 for an empty list.
    public static func macroF1(_ metrics: [ClassMetrics]) -> Double {
        guard !metrics.isEmpty else { return 0 }
        return metrics.reduce(0) { $0 + $1.f1 } / Double(metrics.count)
    }
}
