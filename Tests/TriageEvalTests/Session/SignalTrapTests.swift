import Foundation
import Testing
@testable import TriageEval
#if canImport(Glibc)
import Glibc
#endif

/// The signal trap handles SIGINT and SIGTERM itself only while it lives; released, it leaves them as it
/// found them (before the fix, they stayed caught by a handler that no longer did anything).
@Suite("Signal trap")
struct SignalTrapTests {
    /// The current disposition of a signal, as an address (0 default, 1 ignore, otherwise a handler).
    static func disposition(_ signalNumber: Int32) -> Int {
        var action = sigaction()
        sigaction(signalNumber, nil, &action)
        return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
    }

    @Test func releasingTheTrapRestoresThePreviousDispositions() {
        let before = [SIGINT, SIGTERM].map(Self.disposition)
        var trap: SignalTrap? = SignalTrap(flag: CancellationFlag())
        let during = [SIGINT, SIGTERM].map(Self.disposition)
        #expect(during[0] != before[0] && during[1] != before[1])
        withExtendedLifetime(trap) {}
        trap = nil
        #expect([SIGINT, SIGTERM].map(Self.disposition) == before)
    }
}
