import Foundation

/// A clock that never sleeps: `sleep` records the requested duration, advances `now` and returns at once,
/// so retry back-off, heartbeats and leases are tested without waiting. It lives beside the loopback server,
/// the other test double the engine's and the harness's tests share.
public final class TestClock: Clock, @unchecked Sendable {
    /// A point on the clock: the time slept since it was made.
    public struct Instant: InstantProtocol {
        /// The time since the clock's start.
        public var offset: Duration

        /// The instant `duration` later.
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        /// The time from this instant to `other`.
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        /// Whether `lhs` comes first.
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var recorded: [Duration] = []

    /// Creates a clock at offset zero.
    public init() {}

    /// The current instant: the start plus everything slept.
    public var now: Instant { lock.withLock { current } }

    /// One nanosecond.
    public var minimumResolution: Duration { .nanoseconds(1) }

    /// Every duration slept, in order.
    public var sleeps: [Duration] { lock.withLock { recorded } }

    /// The total slept.
    public var totalSlept: Duration { sleeps.reduce(.zero, +) }

    /// Records the sleep and moves `now` to `deadline` at once.
    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        try Task.checkCancellation()
        lock.withLock {
            recorded.append(current.duration(to: deadline))
            if current < deadline { current = deadline }
        }
    }
}
