import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGINT and SIGTERM into a cancellation, so an interrupted run is marked interrupted and keeps
/// every result it finished. A second signal exits at once with status 3 (the run is then left `running`
/// by a dead process, which the next open of the store marks interrupted; it can be resumed either way).
/// Releasing the trap restores the signals' previous dispositions.
public final class SignalTrap: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private var previous: [(Int32, sighandler_t?)] = []

    /// Installs handlers that set `flag`; `onSignal` is told the signal's name when the first one arrives
    /// (before the flag is set, so whoever waits for the message knows the run will stop).
    public init(flag: CancellationFlag, onSignal: (@Sendable (String) -> Void)? = nil) {
        for (signalNumber, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            previous.append((signalNumber, signal(signalNumber, SIG_IGN)))
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                if flag.isCancelled { exit(ExitStatus.incomplete.rawValue) }
                onSignal?(name)
                flag.cancel(reason: "received \(name)")
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        sources.forEach { $0.cancel() }
        for (signalNumber, handler) in previous { signal(signalNumber, handler) }
    }
}
