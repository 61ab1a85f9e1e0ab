import Foundation

/// A store read run on a thread of its own while the caller reads something else from the same store: both
/// backends read concurrently (SQLite's pool of readers, PostgreSQL's pool of connections; an in-memory
/// SQLite queue takes them in turn). ``value()`` waits for it and gives its value or rethrows its error.
final class BackgroundRead<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var outcome: Result<Value, any Error>?

    /// Starts `read` on a new thread.
    init(_ read: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            let result = Result { try read() }
            condition.lock()
            outcome = result
            condition.broadcast()
            condition.unlock()
        }
        thread.name = "triage-eval-store-read"
        thread.start()
    }

    /// The read's value, waiting for it.
    func value() throws -> Value {
        condition.lock()
        defer { condition.unlock() }
        while outcome == nil { condition.wait() }
        return try outcome!.get()
    }
}
