/// Told of model calls as they happen, so a caller can show calls in flight and retries while a run goes on
/// (the records in ``CallLog`` arrive only once a call has ended). Bind one with ``CallContext/observer``;
/// methods are called from many tasks at once and must return quickly.
public protocol CallObserver: Sendable {
    /// A call is about to be sent (a call answered from the cache is never sent).
    func callStarted()
    /// A call announced by ``callStarted()`` has ended, answered or not.
    func callEnded()
    /// A call is about to be sent again after a failed attempt.
    func callRetrying()
}
