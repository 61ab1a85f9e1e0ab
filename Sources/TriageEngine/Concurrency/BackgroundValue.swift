import Foundation

/// A value computed on a thread of its own while the caller goes on with other work: a large file's hash while
/// it is parsed, a report's grouped pass while its lines are read. ``get()`` waits for it and gives the value,
/// or throws the work's error.
public final class BackgroundValue<Value: Sendable, Failure: Error>: @unchecked Sendable {
    private let condition = NSCondition()
    private var outcome: Result<Value, Failure>?

    /// Starts `work` on a new thread named `threadName`.
    public init(threadName: String, _ work: @escaping @Sendable () throws(Failure) -> Value) {
        let thread = Thread { [self] in
            let result: Result<Value, Failure>
            do throws(Failure) { result = .success(try work()) } catch { result = .failure(error) }
            condition.lock()
            outcome = result
            condition.broadcast()
            condition.unlock()
        }
        thread.name = threadName
        thread.start()
    }

    /// A value already known (work too small to be worth a thread).
    public init(value: Value) { outcome = .success(value) }

    /// The value, waiting for the thread computing it.
    public func get() throws(Failure) -> Value {
        condition.lock()
        defer { condition.unlock() }
        while outcome == nil { condition.wait() }
        return try outcome!.get()
    }
}
