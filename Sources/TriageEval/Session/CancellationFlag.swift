import Foundation

/// A flag set from a signal handler or another task to stop a run between scenarios.
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private var reason = ""

    /// Creates an unset flag.
    public init() {}

    /// Sets the flag.
    public func cancel(reason: String) {
        lock.lock(); defer { lock.unlock() }
        if !cancelled { cancelled = true; self.reason = reason }
    }

    /// Whether it is set.
    public var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return cancelled }
    /// Why it was set.
    public var why: String { lock.lock(); defer { lock.unlock() }; return reason }
}
