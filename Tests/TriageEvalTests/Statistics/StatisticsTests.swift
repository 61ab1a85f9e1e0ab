import Testing

/// Parent suite for the statistics layer, so `swift test --filter Statistics` selects every statistics test.
@Suite enum StatisticsTests {}

/// Absolute-difference comparison used by the closed-form checks (default tolerance 1e-9).
func isClose(_ x: Double, _ y: Double, tolerance: Double = 1e-9) -> Bool {
    if x == y { return true }
    return abs(x - y) <= tolerance
}
