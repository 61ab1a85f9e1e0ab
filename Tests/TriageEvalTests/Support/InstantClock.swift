import Foundation

/// A clock that never sleeps (as TriageEngineTests' TestClock): `sleep` records the requested duration, advances `now` and returns at once,
/// so retry back-off is tested without waiting.
final class InstantClock: Clock, @unchecked Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration

        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var recorded: [Duration] = []

    var now: Instant { lock.withLock { current } }

    var minimumResolution: Duration { .nanoseconds(1) }

    /// Every duration slept, in order.
    var sleeps: [Duration] { lock.withLock { recorded } }

    /// The total slept.
    var totalSlept: Duration { sleeps.reduce(.zero, +) }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        lock.withLock {
            recorded.append(current.duration(to: deadline))
            if current < deadline { current = deadline }
        }
    }
}
