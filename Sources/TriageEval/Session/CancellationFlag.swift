import Foundation

/// A flag set from a signal handler or another task to stop a run: no scenario starts after it is set, and
/// the ones in flight are cancelled (their model calls stop at once).
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    private var reason = ""
    private var handlers: [@Sendable () -> Void] = []

    /// Creates an unset flag.
    public init() {}

    /// Sets the flag.
    public func cancel(reason: String) {
        lock.lock()
        guard !cancelled else { lock.unlock(); return }
        cancelled = true
        self.reason = reason
        let handlers = self.handlers
        self.handlers = []
        lock.unlock()
        for handler in handlers { handler() }
    }

    /// Calls `handler` once when the flag is set (at once if it already is).
    public func onCancel(_ handler: @escaping @Sendable () -> Void) {
        lock.lock()
        guard !cancelled else { lock.unlock(); handler(); return }
        handlers.append(handler)
        lock.unlock()
    }

    /// Whether it is set.
    public var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return cancelled }
    /// Why it was set.
    public var why: String { lock.lock(); defer { lock.unlock() }; return reason }
}
