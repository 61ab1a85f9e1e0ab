import Foundation

/// Commits a run's results as they arrive, with group commit: a writer thread takes everything that is
/// waiting and commits it, with the run's progress time, in one transaction.
///
/// A commit waits until ``batchSize`` results are waiting, or the first of them has waited ``linger``, or
/// the writer is closed, whichever comes first. A quiet run (a model-bound one) so still commits each result
/// within ``linger``, and a process killed with `kill -9` loses at most the results of one commit; a fast run
/// (the built-in engine) commits in batches of ``batchSize``. Each commit rewrites every page it touches
/// (the result table, its three indexes keyed by scenario, which an insert hits at random places, and the
/// run row) into SQLite's write-ahead log: commits of a few results each wrote 7.6 GB through the log for a
/// 295 MB run of 100,000 results, batches of a thousand a fraction of that.
final class ResultWriter: @unchecked Sendable {
    /// Results waiting beyond this many make ``add(_:)`` wait for the writer (bounded memory).
    static let maxWaiting = 4096
    /// This many waiting results are committed at once, without waiting for ``linger``.
    static let batchSize = 1024
    /// The longest a result waits for others to share its commit.
    static let linger = 0.1

    private let store: any RunStore
    private let runID: Int64
    private let replacing: Bool
    private let condition = NSCondition()
    private var waiting: [ScenarioResult] = []
    /// When the first of the waiting results was queued.
    private var firstWaiting = Date.distantFuture
    private var closed = false
    private var stopped = false
    private var failure: (any Error)?
    private var committed = 0

    /// Starts the writer thread; `replacing` removes the calls of earlier results of the same scenario runs.
    init(store: any RunStore, runID: Int64, replacing: Bool = false) {
        self.store = store
        self.runID = runID
        self.replacing = replacing
        let thread = Thread { [self] in self.writeLoop() }
        thread.name = "triage-eval-result-writer"
        thread.start()
    }

    /// Queues a result for the next commit; throws the store's error once a commit has failed.
    func add(_ result: ScenarioResult) throws {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= Self.maxWaiting && failure == nil { condition.wait() }
        if let failure { throw failure }
        if waiting.isEmpty { firstWaiting = Date() }
        waiting.append(result)
        // The writer sleeps until the first result arrives, then until the batch is full (or the linger ends).
        if waiting.count == 1 || waiting.count == Self.batchSize { condition.broadcast() }
    }

    /// Commits everything queued, stops the writer thread and returns how many results it committed;
    /// throws the store's error when a commit failed.
    @discardableResult
    func close() throws -> Int {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
        while !stopped { condition.wait() }
        if let failure { throw failure }
        return committed
    }

    private func writeLoop() {
        condition.lock()
        while true {
            while waiting.isEmpty && !closed { condition.wait() }
            if waiting.isEmpty || failure != nil { break }
            let deadline = firstWaiting.addingTimeInterval(Self.linger)
            while waiting.count < Self.batchSize && !closed && condition.wait(until: deadline) {}
            let batch = waiting
            waiting.removeAll(keepingCapacity: true)
            condition.broadcast()
            condition.unlock()
            var error: (any Error)?
            do { try store.commit(batch, run: runID, replacing: replacing) } catch let caught { error = caught }
            condition.lock()
            if let error {
                failure = error
                waiting.removeAll()
                condition.broadcast()
            } else {
                committed += batch.count
            }
        }
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
