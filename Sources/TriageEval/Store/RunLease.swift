import Foundation

/// How long a running run may go without a heartbeat before any process may mark it interrupted: a process id
/// means nothing on another machine, so a run's process writes `heartbeat_at` every ``heartbeatInterval(lease:)``
/// while it runs, and a run whose last sign of life is older than the lease is taken as dead. The lease is
/// ``defaultSeconds`` unless `TRIAGE_EVAL_LEASE_SECONDS` says otherwise. On the run's own host a dead process
/// id still marks it at once.
public enum RunLease {
    /// The lease without `TRIAGE_EVAL_LEASE_SECONDS`: two minutes.
    public static let defaultSeconds: TimeInterval = 120
    /// The environment variable that sets the lease in seconds.
    public static let environmentKey = "TRIAGE_EVAL_LEASE_SECONDS"
    /// Seconds between heartbeats when the lease allows it.
    public static let defaultHeartbeatSeconds: TimeInterval = 15

    /// The lease in seconds from `environment`.
    /// - Throws: ``RunLeaseError`` when the variable is set to anything but a number of seconds above 0.
    public static func seconds(environment: [String: String] = ProcessInfo.processInfo.environment) throws(RunLeaseError) -> TimeInterval {
        guard let text = environment[environmentKey] else { return defaultSeconds }
        guard let value = TimeInterval(text.trimmingCharacters(in: .whitespaces)), value.isFinite, value > 0 else { throw RunLeaseError(value: text) }
        return value
    }

    /// Time between heartbeats: 15 s, or a third of a shorter lease, so a live run never outlasts its lease unseen.
    public static func heartbeatInterval(lease: TimeInterval) -> Duration {
        .milliseconds(Int64((min(defaultHeartbeatSeconds, lease / 3) * 1000).rounded()))
    }

    /// What a store knows of a running run, to tell whether it is stale.
    public struct Observation: Sendable, Equatable {
        /// The run id.
        public var id: Int64
        /// Its process id.
        public var pid: Int32
        /// Its host.
        public var host: String
        /// When it started.
        public var startedAt: Date
        /// When it last stored a result, if ever.
        public var progressAt: Date?
        /// Its last heartbeat, if it wrote any (runs of earlier versions did not).
        public var heartbeatAt: Date?

        /// Creates an observation.
        public init(id: Int64, pid: Int32, host: String, startedAt: Date, progressAt: Date?, heartbeatAt: Date?) {
            self.id = id
            self.pid = pid
            self.host = host
            self.startedAt = startedAt
            self.progressAt = progressAt
            self.heartbeatAt = heartbeatAt
        }

        /// Its last sign of life: the later of heartbeat and progress, else its start.
        public var lastSeen: Date {
            [heartbeatAt, progressAt].compactMap { $0 }.max() ?? startedAt
        }
    }

    /// When a running run is stale, the time it ended (its last sign of life); nil while it may still be alive.
    /// Stale: on `host`, its process is gone (or is this process, left by an earlier one with the same id); on any
    /// host, its last sign of life is more than `lease` seconds before `now`.
    public static func end(of run: Observation, host: String, isAlive: (Int32) -> Bool, lease: TimeInterval, now: Date,
                           ownPID: Int32 = getpid()) -> Date? {
        if run.host == host && (run.pid == ownPID || !isAlive(run.pid)) { return run.lastSeen }
        return now.timeIntervalSince(run.lastSeen) > lease ? run.lastSeen : nil
    }
}

/// `TRIAGE_EVAL_LEASE_SECONDS` is not a number of seconds above 0.
public struct RunLeaseError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The value found.
    public var value: String

    /// The message.
    public var description: String {
        "\(RunLease.environmentKey) must be a number of seconds above 0 (default \(Int(RunLease.defaultSeconds))), got \"\(value)\""
    }
}
