import Foundation
import LoopbackServer
import Testing
@testable import TriageEval

/// The heartbeat loop and the lease, on a clock that never sleeps.
@Suite("Heartbeat and lease")
struct HeartbeatTests {
    @Test func beatsEveryIntervalOnTheInjectedClockUntilCancelled() async {
        let clock = TestClock()
        let beats = Beats()
        let heartbeat = Heartbeat(interval: .seconds(15), clock: clock, now: {
            Date(timeIntervalSince1970: 1_700_000_000 + Double(clock.now.offset.components.seconds))
        })
        await Task {
            await heartbeat.run { date in
                // The third beat cancels the loop from inside, so exactly three happen.
                if beats.add(date) == 3 { withUnsafeCurrentTask { $0?.cancel() } }
            }
        }.value
        #expect(beats.dates == [15, 30, 45].map { Date(timeIntervalSince1970: 1_700_000_000 + $0) })
        #expect(clock.sleeps == [.seconds(15), .seconds(15), .seconds(15)])
    }

    @Test func aCancelledHeartbeatNeverBeats() async {
        let beats = Beats()
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            await Heartbeat(interval: .seconds(15), clock: TestClock()).run { _ = beats.add($0) }
        }
        await task.value
        #expect(beats.dates.isEmpty)
    }

    @Test(arguments: [
        ([:], 120.0), (["TRIAGE_EVAL_LEASE_SECONDS": "300"], 300), (["TRIAGE_EVAL_LEASE_SECONDS": " 2.5 "], 2.5),
    ] as [([String: String], Double)])
    func theLeaseComesFromTheEnvironment(environment: [String: String], seconds: Double) throws {
        #expect(try RunLease.seconds(environment: environment) == seconds)
    }

    @Test(arguments: ["", "0", "-5", "two minutes", "inf", "nan"])
    func aBadLeaseIsRefusedWithTheValue(value: String) {
        #expect(EvalFixtures.errorText { try RunLease.seconds(environment: ["TRIAGE_EVAL_LEASE_SECONDS": value]) }
                == "TRIAGE_EVAL_LEASE_SECONDS must be a number of seconds above 0 (default 120), got \"\(value)\"")
    }

    @Test func heartbeatsComeEveryFifteenSecondsOrThreeTimesPerShorterLease() {
        #expect(RunLease.heartbeatInterval(lease: 120) == .seconds(15))
        #expect(RunLease.heartbeatInterval(lease: 30) == .seconds(10))
        #expect(RunLease.heartbeatInterval(lease: 1.5) == .milliseconds(500))
    }

    /// The decision itself, as a table: (host, pid alive, seconds since the last sign of life) → stale.
    @Test(arguments: [
        ("here", true, 10.0, false), ("here", false, 10, true), ("there", false, 10, false), ("there", true, 121, true),
        ("there", true, 120, false), ("here", true, 500, true),
    ])
    func aRunIsStaleWhenItsProcessIsGoneHereOrItsLeaseRanOut(host: String, alive: Bool, quiet: Double, stale: Bool) {
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        let run = RunLease.Observation(id: 1, pid: 42, host: host, startedAt: start, progressAt: start.addingTimeInterval(5), heartbeatAt: start.addingTimeInterval(20))
        let end = RunLease.end(of: run, host: "here", isAlive: { _ in alive }, lease: 120, now: start.addingTimeInterval(20 + quiet), ownPID: 7)
        #expect(end == (stale ? start.addingTimeInterval(20) : nil))
    }
}

/// Beat dates recorded from the heartbeat's task.
final class Beats: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Date] = []

    /// Records a beat; returns how many there are now.
    func add(_ date: Date) -> Int { lock.withLock { recorded.append(date); return recorded.count } }

    var dates: [Date] { lock.withLock { recorded } }
}
