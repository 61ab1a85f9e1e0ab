import Foundation

/// A seeded source of uniform draws in 0..<1 for retry jitter, safe to share between concurrent calls.
///
/// SplitMix64 (Steele, Lea & Flood): the same seed gives the same sequence of draws.
final class JitterSource: Sendable {
    private let state: Locked<UInt64>

    init(seed: UInt64) { state = Locked(seed) }

    /// The next draw in 0..<1.
    func nextUnit() -> Double {
        let bits = state.withLock { state -> UInt64 in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return Double(bits >> 11) * 0x1p-53
    }
}
