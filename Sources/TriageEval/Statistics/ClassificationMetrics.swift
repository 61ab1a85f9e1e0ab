/// Precision, recall and F1 for one label, with the counts they come from; a ratio with a zero denominator is
/// undefined (nil, JSON `null`), never 0.
public struct ClassMetrics: Sendable, Codable, Equatable {
    /// The class label.
    public var label: String
    /// truePositives / predicted; nil when the label was never predicted.
    public var precision: Double?
    /// truePositives / support; nil when the label has no support.
    public var recall: Double?
    /// 2·TP / (support + predicted) (the harmonic mean of precision and recall where both exist, 0 when only one
    /// does, as scikit-learn computes it); nil when the label was neither expected nor predicted.
    public var f1: Double?
    /// Scenarios whose expected label is this label (each scenario weighs 1 however often it was repeated).
    public var support: Double
    /// Scenarios predicted as this label (a scenario's repeats share its weight, so this can be fractional).
    public var predicted: Double
    /// Scenarios both expected and predicted as this label (weighted like `predicted`).
    public var truePositives: Double

    /// Creates per-class metrics from their fields.
    public init(
        label: String, precision: Double?, recall: Double?, f1: Double?,
        support: Double, predicted: Double, truePositives: Double
    ) {
        self.label = label
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.support = support
        self.predicted = predicted
        self.truePositives = truePositives
    }

    enum CodingKeys: String, CodingKey {
        case label, precision, recall, f1, support, predicted, truePositives = "true_positives"
    }

    /// Encodes undefined ratios as `null` rather than leaving the key out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(label, forKey: .label)
        try container.encode(precision, forKey: .precision)
        try container.encode(recall, forKey: .recall)
        try container.encode(f1, forKey: .f1)
        try container.encode(support, forKey: .support)
        try container.encode(predicted, forKey: .predicted)
        try container.encode(truePositives, forKey: .truePositives)
    }
}

/// Multi-class classification metrics matching scikit-learn, except that undefined ratios stay undefined.
public enum ClassificationMetrics {
    /// Per-label metrics in the order of `labels` (like sklearn `precision_recall_fscore_support(labels=...)`);
    /// every pair counts toward the support/predicted of any listed label it names. `weights` (one per pair, default 1)
    /// let a scenario's repeats share one unit of weight (1/repeats each), so counts are in scenarios.
    public static func perClass(pairs: [(expected: String, actual: String)], labels: [String], weights: [Double]? = nil) -> [ClassMetrics] {
        var support: [String: Double] = [:]
        var predicted: [String: Double] = [:]
        var truePositives: [String: Double] = [:]
        for (index, pair) in pairs.enumerated() {
            let weight = weights?[index] ?? 1
            support[pair.expected, default: 0] += weight
            predicted[pair.actual, default: 0] += weight
            if pair.expected == pair.actual { truePositives[pair.expected, default: 0] += weight }
        }
        // Weights of one scenario sum to 1 only up to rounding (3 × 1/3): round counts to 1e-9 so whole scenarios stay whole.
        func count(_ value: Double?) -> Double { ((value ?? 0) * 1e9).rounded() / 1e9 }
        return labels.map { label in
            let s = count(support[label])
            let p = count(predicted[label])
            let tp = count(truePositives[label])
            return ClassMetrics(
                label: label,
                precision: p > 0 ? tp / p : nil,
                recall: s > 0 ? tp / s : nil,
                f1: s + p > 0 ? 2 * tp / (s + p) : nil,
                support: s,
                predicted: p,
                truePositives: tp
            )
        }
    }

    /// Confusion matrix with one row per label (expected) and labels.count + 1 columns (actual): column i is
    /// labels[i] and the always-present last column counts actual labels not in `labels` (the caller names it,
    /// e.g. "other"). Pairs whose expected label is not in `labels` are skipped.
    /// `counts` (one per pair, default 1) says how many observations each pair stands for.
    public static func confusionMatrix(pairs: [(expected: String, actual: String)], labels: [String], counts: [Int]? = nil) -> [[Int]] {
        var index: [String: Int] = [:]
        for (i, label) in labels.enumerated() where index[label] == nil { index[label] = i }
        let otherColumn = labels.count
        var matrix = [[Int]](repeating: [Int](repeating: 0, count: labels.count + 1), count: labels.count)
        for (position, pair) in pairs.enumerated() {
            guard let row = index[pair.expected] else { continue }
            matrix[row][index[pair.actual] ?? otherColumn] += counts?[position] ?? 1
        }
        return matrix
    }

    /// Unweighted mean of F1 over the labels that were expected or predicted at least once (a label predicted but
    /// never expected has F1 0 and counts; one neither expected nor predicted is left out). This equals sklearn
    /// `f1_score(y_true, y_pred, labels=those_labels, average="macro", zero_division=0)`; nil when no label occurs.
    public static func macroF1(_ metrics: [ClassMetrics]) -> Double? {
        let scores = metrics.compactMap(\.f1)
        guard !scores.isEmpty else { return nil }
        return scores.reduce(0, +) / Double(scores.count)
    }
}
