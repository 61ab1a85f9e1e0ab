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

    /// The line that tells how to continue a run that was interrupted (`errored` nil) or ended with errored
    /// scenario runs; `database` is the `--db` argument when it is not the default.
    public static func resumeHint(run id: Int64, database: String? = nil, errored: Int? = nil) -> String {
        let quoted = database.map { path in
            path.contains { " '\"$`\\*?;&|<>()".contains($0) } ? "'" + path.replacingOccurrences(of: "'", with: #"'\''"#) + "'" : path
        }
        let command = "`triage-eval resume \(id)" + (quoted.map { " --db \($0)" } ?? "") + "`"
        guard let errored else { return "triage-eval: resume with \(command)" }
        return "triage-eval: \(errored) scenario run\(errored == 1 ? "" : "s") errored; resume with \(command) to run "
            + (errored == 1 ? "it" : "them") + " again"
    }

    /// Ends the progress line.
    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
