import Foundation

/// Writes a running run's heartbeat (``RunStore/beat(run:at:)``) every ``interval`` on an injected clock, so
/// tests move time by hand instead of sleeping. Runs as a background task for the length of a run and stops
/// when cancelled; a beat that fails (a busy store) is tried again at the next interval.
public struct Heartbeat: Sendable {
    /// Time between beats.
    public var interval: Duration
    /// The clock the waits run on.
    public var clock: any Clock<Duration>
    /// The date each beat stores.
    public var now: @Sendable () -> Date

    /// Creates a heartbeat.
    public init(interval: Duration, clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.interval = interval
        self.clock = clock
        self.now = now
    }

    /// Every ``RunLease/heartbeatInterval(lease:)`` of the environment's lease (15 s by default), on the continuous clock.
    public static var standard: Heartbeat {
        Heartbeat(interval: RunLease.heartbeatInterval(lease: (try? RunLease.seconds()) ?? RunLease.defaultSeconds))
    }

    /// Calls `beat` with ``now`` after every interval until the task is cancelled.
    public func run(_ beat: @Sendable (Date) throws -> Void) async {
        while !Task.isCancelled {
            do { try await clock.sleep(for: interval, tolerance: nil) } catch { return }
            guard !Task.isCancelled else { return }
            try? beat(now())
        }
    }
}
