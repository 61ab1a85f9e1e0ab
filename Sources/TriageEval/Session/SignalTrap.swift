import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGINT and SIGTERM into a cancellation, so an interrupted run is marked interrupted and keeps
/// every result it finished. A second signal exits at once with status 3.
public final class SignalTrap: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []

    /// Installs handlers that set `flag`.
    public init(flag: CancellationFlag) {
        for (signalNumber, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                if flag.isCancelled { exit(ExitStatus.incomplete.rawValue) }
                flag.cancel(reason: "received \(name)")
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit { sources.forEach { $0.cancel() } }
}
