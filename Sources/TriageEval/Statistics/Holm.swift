/// Holm's step-down adjustment of p-values for a family of tests (Holm 1979, Scand J Statist 6:65–70).
public enum Holm {
    /// Adjusted p-values in input order: the i-th smallest p becomes max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎);
    /// equals statsmodels `multipletests(p, method="holm")[1]`. Rejecting where adjusted p < alpha controls the
    /// family-wise error rate at alpha.
    public static func adjust(_ pValues: [Double]) -> [Double] {
        let m = pValues.count
        let order = pValues.indices.sorted { (pValues[$0], $0) < (pValues[$1], $1) }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * pValues[index]))
            adjusted[index] = running
        }
        return adjusted
    }
}
