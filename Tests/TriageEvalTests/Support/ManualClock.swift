import Foundation

/// A clock that never sleeps: `sleep` records the duration, advances `now`, calls `onSleep` (a test's hook
/// to change the world meanwhile, e.g. finish a shard) and returns at once.
final class ManualClock: Clock, @unchecked Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration

        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var recorded: [Duration] = []
    /// Called after each sleep with the sleeps so far.
    var onSleep: (@Sendable (Int) throws -> Void)?

    var now: Instant { lock.withLock { current } }

    var minimumResolution: Duration { .nanoseconds(1) }

    /// Every duration slept, in order.
    var sleeps: [Duration] { lock.withLock { recorded } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        let count = lock.withLock {
            recorded.append(current.duration(to: deadline))
            if current < deadline { current = deadline }
            return recorded.count
        }
        try onSleep?(count)
    }
}
