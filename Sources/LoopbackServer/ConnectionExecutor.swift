import Foundation

/// Runs a handler's task on the connection's own thread, so the server keeps answering even when every
/// thread of Swift's cooperative pool is busy or blocked (for example by a test doing blocking I/O, or by a
/// benchmark saturating the pool).
@available(macOS 15.0, *)
final class ConnectionExecutor: TaskExecutor, @unchecked Sendable {
    private let lock = NSCondition()
    private var jobs: [UnownedJob] = []
    private var finished = false

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        lock.lock()
        jobs.append(job)
        lock.signal()
        lock.unlock()
    }

    /// Marks the handler as done; ``run()`` returns once the jobs already queued have run.
    func finish() {
        lock.lock()
        finished = true
        lock.signal()
        lock.unlock()
    }

    /// Runs queued jobs on the calling thread until ``finish()`` was called and no job is left.
    func run() {
        while true {
            lock.lock()
            while jobs.isEmpty && !finished { lock.wait() }
            if jobs.isEmpty && finished {
                lock.unlock()
                return
            }
            let job = jobs.removeFirst()
            lock.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
