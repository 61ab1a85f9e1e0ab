import Foundation

/// Shows progress of a long run on standard error when it is a terminal; silent otherwise.
public final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let enabled: Bool
    private var done = 0
    private var failed = 0
    private var errored = 0
    private var lastDraw = Date.distantPast

    /// Creates a reporter for `total` scenario runs; `enabled` defaults to whether stderr is a terminal.
    public init(total: Int, enabled: Bool = isatty(2) == 1) {
        self.total = total
        self.enabled = enabled
    }

    /// Records one finished result.
    public func record(_ result: ScenarioResult) {
        lock.lock(); defer { lock.unlock() }
        done += 1
        if result.status == .failed { failed += 1 }
        if result.status == .errored { errored += 1 }
        guard enabled else { return }
        let now = Date()
        if now.timeIntervalSince(lastDraw) >= 0.1 || done == total {
            lastDraw = now
            let text = "\r[\(done)/\(total)] failed \(failed) errored \(errored)  \(result.suite)/\(result.scenarioID)"
            FileHandle.standardError.write(Data((text.prefix(100) + "\u{1B}[K").utf8))
        }
    }

    /// Ends the progress line.
    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
