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
            // Dispatch installs its own handler when the source is registered; wait for that, so releasing
            // the trap cannot race with it.
            let registered = DispatchSemaphore(value: 0)
            source.setRegistrationHandler { registered.signal() }
            source.resume()
            registered.wait()
            sources.append(source)
        }
    }

    deinit {
        for source in sources {
            let cancelled = DispatchSemaphore(value: 0)
            source.setCancelHandler { cancelled.signal() }
            source.cancel()
            cancelled.wait()
        }
        // Dispatch leaves its handler installed; put back what was there before (the default: terminate).
        for (signalNumber, handler) in previous { signal(signalNumber, handler) }
    }
}
