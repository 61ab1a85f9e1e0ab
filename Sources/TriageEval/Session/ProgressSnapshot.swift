/// What a run's progress display shows at one moment: a plain value, so the rendering is tested without timing.
public struct ProgressSnapshot: Sendable, Equatable {
    /// Scenario runs finished.
    public var done: Int
    /// Scenario runs planned.
    public var total: Int
    /// Of the finished, failed (a check did not hold).
    public var failed: Int
    /// Of the finished, errored (no decision).
    public var errored: Int
    /// Seconds since the run started.
    public var elapsed: Double
    /// Model calls made by the finished scenario runs; nil for the built-in engine (no calls yet).
    public var calls: Int?
    /// Retries sent so far (of finished calls and of calls in flight).
    public var retries: Int
    /// Model calls sent and not yet answered.
    public var inFlight: Int

    /// Creates a snapshot.
    public init(done: Int, total: Int, failed: Int = 0, errored: Int = 0, elapsed: Double, calls: Int? = nil, retries: Int = 0, inFlight: Int = 0) {
        self.done = done
        self.total = total
        self.failed = failed
        self.errored = errored
        self.elapsed = elapsed
        self.calls = calls
        self.retries = retries
        self.inFlight = inFlight
    }

    /// Scenario runs per second so far (0 before the first second's worth of time has passed).
    public var rate: Double { elapsed > 0 ? Double(done) / elapsed : 0 }

    /// Seconds left at the rate so far; nil until one run has finished.
    public var remaining: Double? {
        guard done > 0, rate > 0 else { return nil }
        return Double(max(0, total - done)) / rate
    }
}
