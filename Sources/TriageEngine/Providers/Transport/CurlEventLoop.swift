import CCurlShim
import Foundation

/// One libcurl multi handle driven by one dedicated thread that sleeps in `curl_multi_poll` while transfers
/// wait for their sockets, so waiting on a slow server costs no CPU.
///
/// Callers hand in transfers and cancellations through a locked inbox and wake the thread with
/// `curl_multi_wakeup`; the thread adds them to the multi handle, runs `curl_multi_perform`, and resumes each
/// transfer's continuation once it is finished and out of the multi handle. Only the loop thread touches
/// the multi handle and the easy handles in it; the multi handle's connection cache keeps connections alive
/// between transfers.
final class CurlEventLoop: @unchecked Sendable {
    /// How a transfer ended.
    enum Outcome: Sendable {
        /// libcurl finished it with this CURLcode (0: a response arrived).
        case finished(code: Int32)
        /// It was cancelled before or while it ran.
        case cancelled
        /// The loop was shut down before it finished.
        case shutDown
        /// The multi handle refused it.
        case refused(String)
    }

    /// One request handed to the loop. The caller owns `handle` and frees it after the continuation is
    /// resumed; by then the handle is out of the multi handle.
    final class Transfer: @unchecked Sendable {
        let handle: OpaquePointer
        /// Set by the caller before ``CurlEventLoop/submit(_:)``, then touched by the loop thread only.
        var continuation: CheckedContinuation<Outcome, Never>?
        /// Guarded by the loop's inbox lock.
        fileprivate var cancelRequested = false

        init(handle: OpaquePointer) { self.handle = handle }
    }

    private struct Inbox {
        var added: [Transfer] = []
        var cancelled: [Transfer] = []
        var stopping = false
    }

    private let multi: UnsafeMutableRawPointer
    private let inbox = Locked(Inbox())
    /// The transfers in the multi handle, by easy handle. Loop thread only.
    private var active: [OpaquePointer: Transfer] = [:]
    private let loopThread = Locked<pthread_t?>(nil)

    /// Creates the multi handle and starts the thread; nil when libcurl cannot make a multi handle.
    /// - Parameters:
    ///   - maxConnects: how many idle connections the cache keeps for reuse.
    ///   - maxHostConnections: how many connections may be open to one host at once; more transfers wait.
    init?(maxConnects: Int, maxHostConnections: Int) {
        guard let multi = shim_multi_new(maxConnects, maxHostConnections) else { return nil }
        self.multi = multi
        let started = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in run(started: started) }
        thread.name = "curl-transport"
        thread.start()
        started.wait()
    }

    /// Queues a transfer and wakes the loop; false when the loop is shutting down (the transfer was not taken).
    func submit(_ transfer: Transfer) -> Bool {
        inbox.withLock { inbox in
            guard !inbox.stopping else { return false }
            inbox.added.append(transfer)
            // Woken under the lock: once `stopping` is seen the loop may free the multi handle.
            shim_multi_wakeup(multi)
            return true
        }
    }

    /// Asks the loop to stop a transfer; it resumes the transfer with ``Outcome/cancelled`` unless it finished first.
    func cancel(_ transfer: Transfer) {
        inbox.withLock { inbox in
            guard !inbox.stopping else { return }
            transfer.cancelRequested = true
            inbox.cancelled.append(transfer)
            shim_multi_wakeup(multi)
        }
    }

    /// Stops the loop: unfinished transfers end with ``Outcome/shutDown`` and the multi handle is freed. Idempotent.
    func shutdown() {
        inbox.withLock { inbox in
            guard !inbox.stopping else { return }
            inbox.stopping = true
            shim_multi_wakeup(multi)
        }
    }

    /// CPU time the loop thread has used so far, where the platform can tell (Linux).
    var threadCPUTime: Duration? {
        #if os(Linux)
        guard let thread = loopThread.current else { return nil }
        var clock = clockid_t()
        guard pthread_getcpuclockid(thread, &clock) == 0 else { return nil }
        var time = timespec()
        guard clock_gettime(clock, &time) == 0 else { return nil }
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
        #else
        return nil
        #endif
    }

    // MARK: - The loop thread

    private func run(started: DispatchSemaphore) {
        loopThread.withLock { $0 = pthread_self() }
        started.signal()
        var running: Int32 = 0
        while true {
            let (added, cancelled, stopping) = takeInbox()
            for transfer in added { start(transfer) }
            for transfer in cancelled { stop(transfer) }
            if stopping { break }
            shim_multi_perform(multi, &running)
            collectFinished()
            // libcurl shortens the wait to its own next timer (timeouts, connect attempts); a wakeup ends it early.
            shim_multi_poll(multi, active.isEmpty ? 60_000 : 1_000)
        }
        for transfer in active.values {
            shim_multi_remove(multi, transfer.handle)
            resume(transfer, .shutDown)
        }
        active.removeAll()
        loopThread.withLock { $0 = nil }
        shim_multi_cleanup(multi)
    }

    /// Empties the inbox; a transfer cancelled before it was taken is resumed at once, never started.
    private func takeInbox() -> (added: [Transfer], cancelled: [Transfer], stopping: Bool) {
        var early: [Transfer] = []
        let taken = inbox.withLock { inbox -> ([Transfer], [Transfer], Bool) in
            var added = inbox.added
            if added.contains(where: \.cancelRequested) {
                early = added.filter(\.cancelRequested)
                added.removeAll(where: \.cancelRequested)
            }
            let cancelled = inbox.cancelled
            inbox.added = []
            inbox.cancelled = []
            return (added, cancelled, inbox.stopping)
        }
        for transfer in early { resume(transfer, .cancelled) }
        return taken
    }

    private func start(_ transfer: Transfer) {
        let code = shim_multi_add(multi, transfer.handle)
        guard code == 0 else {
            resume(transfer, .refused(String(cString: shim_multi_strerror(code))))
            return
        }
        active[transfer.handle] = transfer
    }

    /// Takes a cancelled transfer out of the multi handle, unless it already finished.
    private func stop(_ transfer: Transfer) {
        guard let current = active[transfer.handle], current === transfer else { return }
        active[transfer.handle] = nil
        shim_multi_remove(multi, transfer.handle)
        resume(transfer, .cancelled)
    }

    private func collectFinished() {
        var handle: OpaquePointer?
        var code: Int32 = 0
        while shim_multi_next_done(multi, &handle, &code) != 0 {
            guard let handle, let transfer = active.removeValue(forKey: handle) else { continue }
            shim_multi_remove(multi, handle)
            resume(transfer, .finished(code: code))
        }
    }

    private func resume(_ transfer: Transfer, _ outcome: Outcome) {
        let continuation = transfer.continuation
        transfer.continuation = nil
        continuation?.resume(returning: outcome)
    }
}
