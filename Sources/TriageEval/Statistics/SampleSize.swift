/// Sample sizes below which a report prints a figure with a warning that it means little.
public enum SampleSize {
    /// Precision, recall and F1 of a category resting on fewer scenarios than this are flagged.
    public static let categoryScenarios = 5
    /// A p95 from fewer values than this is the maximum or an interpolation toward it.
    public static let p95Values = 20
    /// A p99 from fewer values than this is the maximum or an interpolation toward it.
    public static let p99Values = 100
    /// A label-distribution shift (PSI, JS) over fewer scenarios than this is mostly sampling noise.
    public static let shiftScenarios = 100
    /// A p95 scenario latency below this many milliseconds measures the timer, not the engine.
    public static let latencyNoiseMs = 1.0
}
