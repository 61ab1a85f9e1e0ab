import Foundation

extension ProgressSnapshot {
    /// How a snapshot is drawn: a bar redrawn in place on a terminal (with or without colour), or a plain line for logs.
    public enum Style: Sendable, Equatable {
        /// A bar for a terminal; `color` adds ANSI colours (green bar, red failures, yellow errors).
        case bar(color: Bool)
        /// A self-contained line for CI logs and other non-terminals.
        case plain
    }

    /// The text for `style`, without the carriage return or line end the reporter adds.
    public func render(_ style: Style, width: Int = 24) -> String {
        let percent = total == 0 ? 100 : min(100, done * 100 / total)
        let counts = "\(done)/\(total)"
        let speed = String(format: "%.1f/s", rate)
        let eta = remaining.map { "ETA " + Self.clock($0) } ?? "ETA --:--"
        var tail = ""
        if let calls { tail = "  calls \(calls) (\(inFlight) in flight) retries \(retries)" }
        switch style {
        case .plain:
            // The elapsed time tells a log reader that a run waiting on a long call is alive (the terminal's bar moves instead).
            return "progress: \(counts) (\(percent)%)  elapsed \(Self.clock(elapsed))  \(speed)  \(eta)  failed \(failed)  errored \(errored)\(tail)"
        case .bar(let color):
            let filled = total == 0 ? width : min(width, done * width / total)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            func paint(_ text: String, _ code: String, when condition: Bool = true) -> String {
                color && condition ? "\u{1B}[\(code)m" + text + "\u{1B}[0m" : text
            }
            return paint(bar, "32") + " \(counts)  \(speed)  \(eta)  " + paint("failed \(failed)", "31", when: failed > 0) + "  "
                + paint("errored \(errored)", "33", when: errored > 0) + tail
        }
    }

    /// `m:ss`, or `h:mm:ss` from an hour.
    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        let (hours, minutes, secs) = (whole / 3600, whole / 60 % 60, whole % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, secs) : String(format: "%d:%02d", minutes, secs)
    }
}
