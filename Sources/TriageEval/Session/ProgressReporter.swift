import Foundation
import TriageEngine

/// Shows the progress of a long run on standard error: done/total, rate, ETA, failed and errored, and for model
/// runs calls, calls in flight and retries (told as they happen through ``CallObserver``): a bar redrawn in place on a terminal (coloured unless
/// `NO_COLOR` is set); in CI logs (not a terminal, `CI` set) a plain line every ``plainInterval`` seconds, also
/// while nothing finishes (``tick()``), and a last one at the end when any was printed; nothing otherwise, so piped output stays clean. Drawing is ``ProgressSnapshot/render(_:width:)``; time comes from the injected `now`.
public final class ProgressReporter: CallObserver, @unchecked Sendable {
    /// Seconds between plain lines on a non-terminal.
    public static let plainInterval = 5.0
    /// Seconds between redraws of the bar.
    public static let barInterval = 0.1

    private let lock = NSLock()
    private let now: @Sendable () -> Double
    private let write: @Sendable (String) -> Void
    private let style: ProgressSnapshot.Style?
    private let start: Double
    private var snapshot: ProgressSnapshot
    private var lastDraw: Double?
    private var lastLine: String?
    private var timer: DispatchSourceTimer?

    /// Creates a reporter for `total` scenario runs on standard error, drawn as ``style(terminal:environment:)``
    /// says; `enabled: false` shows nothing.
    /// A display that is shown is also redrawn on a timer (``tick()``), so a long model call that finishes
    /// nothing still moves the elapsed time and prints the CI line.
    public convenience init(total: Int, enabled: Bool = true) {
        let start = Date()
        self.init(total: total, style: enabled ? Self.style(terminal: isatty(2) == 1, environment: ProcessInfo.processInfo.environment) : nil,
                  now: { Date().timeIntervalSince(start) },
                  write: { FileHandle.standardError.write(Data($0.utf8)) })
        startTicking()
    }

    deinit { timer?.cancel() }

    /// Creates a reporter drawing in `style` (nil: silent) with seconds from `now` and text to `write`.
    public init(total: Int, style: ProgressSnapshot.Style?, now: @escaping @Sendable () -> Double, write: @escaping @Sendable (String) -> Void) {
        self.style = style
        self.now = now
        self.write = write
        start = now()
        snapshot = ProgressSnapshot(done: 0, total: total, elapsed: 0)
    }

    /// The style for standard error: a bar on a terminal, coloured unless `NO_COLOR` is set (to anything but
    /// the empty string); plain lines when it is not a terminal but `CI` is set; nil (silent) otherwise.
    public static func style(terminal: Bool, environment: [String: String]) -> ProgressSnapshot.Style? {
        if terminal { return .bar(color: (environment["NO_COLOR"] ?? "").isEmpty) }
        return environment["CI"].map { !$0.isEmpty && $0 != "0" && $0.lowercased() != "false" } == true ? .plain : nil
    }

    /// Records one finished result (its calls; retries are counted live, see ``callRetrying()``).
    public func record(_ result: ScenarioResult) {
        record(status: result.status, calls: result.calls.count)
    }

    /// Records one finished scenario run with its status and its model calls and retries.
    func record(status: ScenarioResult.Status, calls: Int = 0, retries: Int = 0) {
        lock.lock(); defer { lock.unlock() }
        snapshot.done += 1
        if status == .failed { snapshot.failed += 1 }
        if status == .errored { snapshot.errored += 1 }
        if calls > 0 || snapshot.calls != nil { snapshot.calls = (snapshot.calls ?? 0) + calls }
        snapshot.retries += retries
        draw(final: snapshot.done == snapshot.total)
    }

    /// Draws the snapshot if the style's interval has passed since the last drawing, whether or not anything
    /// finished since: the timer of a shown display calls it, so CI logs show a run waiting on a long call is alive.
    public func tick() {
        lock.lock(); defer { lock.unlock() }
        draw()
    }

    /// Calls ``tick()`` every second for the bar and every ``plainInterval`` for plain lines, until ``finish()``.
    private func startTicking() {
        guard let style else { return }
        let interval: Double = if case .plain = style { Self.plainInterval } else { 1 }
        let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(100))
        timer.setEventHandler { [weak self] in self?.tick() }
        lock.lock(); self.timer = timer; lock.unlock()
        timer.resume()
    }

    /// Draws the snapshot if the style's interval has passed (or, for the bar, when `final`); the lock is held.
    private func draw(final: Bool = false) {
        guard let style else { return }
        let time = now()
        snapshot.elapsed = time - start
        switch style {
        case .bar:
            if lastDraw.map({ time - $0 >= Self.barInterval }) ?? true || final {
                lastDraw = time
                lastLine = snapshot.render(style)
                write("\r" + lastLine! + "\u{1B}[K")
            }
        case .plain:
            if time - (lastDraw ?? start) >= Self.plainInterval {
                lastDraw = time
                lastLine = snapshot.render(style)
                write(lastLine! + "\n")
            }
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

    /// Ends the display: clears the bar, or prints a last plain line when any was printed.
    public func finish() {
        lock.lock(); defer { lock.unlock() }
        timer?.cancel()
        timer = nil
        guard let style, lastLine != nil else { return }
        snapshot.elapsed = now() - start
        switch style {
        case .bar: write("\r\u{1B}[K")
        case .plain:
            let line = snapshot.render(style)
            if line != lastLine { write(line + "\n") }
        }
    }

    // MARK: Calls as they happen (installed as ``CallContext/observer`` by the evaluation)

    /// A model call was sent: one more in flight.
    public func callStarted() {
        lock.lock(); defer { lock.unlock() }
        snapshot.calls = snapshot.calls ?? 0
        snapshot.inFlight += 1
        draw()
    }

    /// A model call ended: one fewer in flight (the call is counted with its scenario's result).
    public func callEnded() {
        lock.lock(); defer { lock.unlock() }
        snapshot.inFlight = max(0, snapshot.inFlight - 1)
        draw()
    }

    /// A model call is sent again: one more retry.
    public func callRetrying() {
        lock.lock(); defer { lock.unlock() }
        snapshot.calls = snapshot.calls ?? 0
        snapshot.retries += 1
        draw()
    }

    /// What the display shows now (for tests).
    var current: ProgressSnapshot {
        lock.lock(); defer { lock.unlock() }
        return snapshot
    }
}
