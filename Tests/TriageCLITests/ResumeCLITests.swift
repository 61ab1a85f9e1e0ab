import Foundation
import Testing
@testable import TriageEval
import TriageEngine

/// Interrupting and resuming the built binary against a stub model server. The stub holds a request at a
/// known point, so the signal or the kill lands at the same place in every run: no test depends on timing.
@Suite("Resume end to end", .serialized)
struct ResumeCLITests {
    /// The JSON report of a run without the fields that depend on when and how fast it ran.
    static func comparableReport(run: Int64, db: String) async throws -> String {
        let report = try await Self.cli(["report", String(run), "--db", db, "--format", "json"])
        #expect(report.status == 0, "\(report.stderr)")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        var runInfo = object["run"] as? [String: Any] ?? [:]
        for key in ["id", "started_at", "finished_at"] { runInfo[key] = nil }
        object["run"] = runInfo
        object["latency"] = nil
        if var usage = object["usage"] as? [String: Any] { usage["latency"] = nil; object["usage"] = usage }
        object["results"] = (object["results"] as? [[String: Any]] ?? []).map { result in result.filter { $0.key != "latency_ms" } }
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted]), as: UTF8.self)
    }

    /// Runs the binary on a thread of its own, so waiting for it holds none of the few cooperative threads
    /// other tests need.
    static func cli(_ arguments: [String]) async throws -> CLI.Output {
        try await offPool { try CLI.run(arguments) }
    }

    static func runArguments(suite: String, models: String, db: String, concurrency: Int) -> [String] {
        ["run", suite, "--model", "stub", "--models", models, "--db", db, "--concurrency", String(concurrency), "--format", "json"]
    }

    /// A signal while the third scenario's classification is held: the run cancels that call, starts no
    /// other scenario, stores the two it finished and exits 3 with the resume hint; `resume` then runs the
    /// other three without sending any finished call again (the cancelled one had no answer, so it is sent
    /// again), and its report equals an uninterrupted run's.
    @Test(arguments: [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")])
    func aSignalledRunExitsThreeAndResumesToTheUninterruptedReport(signal: (number: Int32, name: String)) async throws {
        let server = try HoldingStub()
        let (directory, models, suite) = try server.workspace(scenarios: 5)
        defer { try? FileManager.default.removeItem(at: directory) }
        let reference = directory.appendingPathComponent("reference.sqlite").path
        let uninterrupted = try await Self.cli(Self.runArguments(suite: suite, models: models, db: reference, concurrency: 1))
        #expect(uninterrupted.status == 0, "\(uninterrupted.stderr)")
        #expect(server.requestCount == 10)

        let db = directory.appendingPathComponent("runs.sqlite").path
        server.hold(request: 10 + 5)
        let running = try RunningCLI(Self.runArguments(suite: suite, models: models, db: db, concurrency: 1))
        #expect(await offPool { server.waitUntilHeld() })
        running.send(signal.number)
        #expect(await offPool { running.waitForStderr(containing: "received \(signal.name)") })
        server.release()
        let stopped = await offPool { running.finish() }
        #expect(stopped.status == 3)
        #expect(stopped.stderr.contains("triage-eval: received \(signal.name); cancelling the scenarios in flight; resume runs them again (send it again to stop at once)\n"))
        #expect(stopped.stderr.contains("triage-eval: run #1 interrupted (received \(signal.name)); stored as interrupted with 2 results.\n"
                                        + "triage-eval: resume with `triage-eval resume 1 --db \(db)`\n"))
        #expect(server.requestCount == 10 + 5)
        #expect(try await Self.cli(["runs", "--db", db]).stdout.contains("interrupted"))
        let kept = try await Self.cli(["report", "1", "--db", db, "--format", "json"])
        let keptObject = try #require(try JSONSerialization.jsonObject(with: Data(kept.stdout.utf8)) as? [String: Any])
        #expect((keptObject["run"] as? [String: Any])?["status"] as? String == "interrupted")
        #expect(keptObject["scenario_count"] as? Int == 2)

        let resumed = try await Self.cli(["resume", "1", "--db", db, "--format", "json"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("triage-eval: resuming run #1: 3 of 5 scenario runs left\n"))
        #expect(server.requestCount == 10 + 5 + 6)
        let finished = Set(server.requestBodies[10..<14])
        #expect(server.requestBodies.suffix(6).allSatisfy { !finished.contains($0) }, "a finished call was sent again")
        #expect(Set(server.requestBodies.suffix(6)).count == 6, "resume sent a call twice")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [String: Any])
        #expect((object["run"] as? [String: Any])?["status"] as? String == "completed")
        let resumedReport = try await Self.comparableReport(run: 1, db: db)
        let referenceReport = try await Self.comparableReport(run: 1, db: reference)
        #expect(resumedReport == referenceReport)
    }

    /// `kill -9` while the third scenario's classification is held, once the first two results are in the
    /// store: they are kept (committed as they came, not half a second later), the dead run ends at its last
    /// progress, and `resume` sends only what had not been answered. On SQLite and on PostgreSQL.
    @Test(arguments: PostgresCLITests.backends)
    func aKilledRunKeepsItsResultsAndResumesInPlace(backend: String) async throws {
        let server = try HoldingStub()
        let (directory, models, suite) = try server.workspace(scenarios: 5)
        defer { try? FileManager.default.removeItem(at: directory) }
        let reference = directory.appendingPathComponent("reference.sqlite").path
        #expect(try await Self.cli(Self.runArguments(suite: suite, models: models, db: reference, concurrency: 1)).status == 0)

        let postgres = backend == "postgres" ? try ScratchPostgres() : nil
        defer { postgres?.drop() }
        let db = postgres?.url ?? directory.appendingPathComponent("runs.sqlite").path
        server.hold(request: 10 + 5)
        let running = try RunningCLI(Self.runArguments(suite: suite, models: models, db: db, concurrency: 1))
        #expect(await offPool { server.waitUntilHeld() })
        // Both finished results reach the store while the run waits on the held call (a 30 s bound on a
        // busy machine, never a timing assumption: with batched writes they would never arrive).
        let store = try StoreLocation.parse(db).open()
        let stored = try await offPool {
            var stored = 0
            for _ in 0..<3000 where stored < 2 {
                stored = try store.resultCount(run: 1)
                if stored < 2 { Thread.sleep(forTimeInterval: 0.01) }
            }
            return stored
        }
        #expect(stored == 2)
        let lastProgress = try #require(try store.progressTime(run: 1))
        running.send(SIGKILL)
        _ = await offPool { running.finish() }
        server.release()
        let answeredBeforeKill = Set(server.requestBodies.dropFirst(10).prefix(4))

        let runs = try await Self.cli(["runs", "--db", db])
        #expect(runs.stdout.contains("interrupted"))
        let dead = try #require(try store.run(1))
        #expect(dead.status == .interrupted)
        #expect(dead.finishedAt == lastProgress)

        let resumed = try await Self.cli(["resume", "1", "--db", db])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("resuming run #1: 3 of 5 scenario runs left"))
        // The held classification was never answered, so it is sent again; nothing answered is.
        let sentByResume = server.requestBodies.dropFirst(10 + 5)
        #expect(sentByResume.count == 6)
        #expect(answeredBeforeKill.isDisjoint(with: sentByResume))
        #expect(try store.run(1)?.status == .completed)
        let resumedReport = try await Self.comparableReport(run: 1, db: db)
        let referenceReport = try await Self.comparableReport(run: 1, db: reference)
        #expect(resumedReport == referenceReport)
    }

    /// Refusals exit 2 with the reason; a run that errored prints the hint.
    @Test func resumeRefusesWhatItCannotContinue() async throws {
        let server = try HoldingStub()
        let (directory, models, suite) = try server.workspace(scenarios: 2)
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = directory.appendingPathComponent("runs.sqlite").path
        #expect(try await Self.cli(["resume", "4", "--db", db]).stderr == "triage-eval: no run #4 in the store\n")
        #expect(try await Self.cli(Self.runArguments(suite: suite, models: models, db: db, concurrency: 1)).status == 0)
        try (try String(contentsOfFile: suite, encoding: .utf8) + "\n# edited\n").write(toFile: suite, atomically: true, encoding: .utf8)
        let refused = try await Self.cli(["resume", "1", "--db", db])
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("triage-eval: cannot resume run #1: \(suite) changed since the run started (sha256 "))
        #expect(refused.stderr.hasSuffix("; resume with --allow-changed to continue with the files as they are now\n"))
        let allowed = try await Self.cli(["resume", "1", "--db", db, "--allow-changed"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stderr.contains("warning: \(suite) changed since the run started"))
        #expect(allowed.stderr.contains("resuming run #1: 0 of 2 scenario runs left"))
    }

    /// A run that ends with errored scenarios says how to run them again.
    @Test func aRunWithErroredScenariosPrintsTheResumeHint() async throws {
        let server = try HoldingStub()
        let (directory, models, suite) = try server.workspace(scenarios: 2)
        defer { try? FileManager.default.removeItem(at: directory) }
        server.stub.enqueue(Array(repeating: .status(400), count: 1))
        let db = directory.appendingPathComponent("runs.sqlite").path
        let result = try await Self.cli(Self.runArguments(suite: suite, models: models, db: db, concurrency: 1))
        #expect(result.stderr.contains("triage-eval: 1 scenario run errored; resume with `triage-eval resume 1 --db \(db)` to run it again\n"))
        let resumed = try await Self.cli(["resume", "1", "--db", db, "--format", "json"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [String: Any])
        #expect(object["errored"] as? Int == 0)
        #expect(object["scenario_count"] as? Int == 2)
    }

    /// The evidence run: `kill -9` at a random request of a model run at concurrency 16, then `resume`.
    /// Finished calls sent again must be 0 and the report must equal an uninterrupted run's, wherever the
    /// kill lands. 40 scenarios by default; `TRIAGE_EVAL_RESUME_EVIDENCE=1000` runs the full evidence and
    /// `TRIAGE_EVAL_RESUME_SEED` picks another kill point. Prints its figures.
    @Test func killNineAtARandomPointThenResume() async throws {
        let environment = ProcessInfo.processInfo.environment
        let scenarios = Int(environment["TRIAGE_EVAL_RESUME_EVIDENCE"] ?? "") ?? 40
        var random = SplitMix64(seed: UInt64(environment["TRIAGE_EVAL_RESUME_SEED"] ?? "") ?? 7)
        let killAt = 2 * scenarios + 1 + Int(random.next() % UInt64(2 * scenarios - 1))
        let child = PIDBox()
        let server = try HoldingStub(onRequest: { number in if number == killAt { child.kill() } })
        let (directory, models, suite) = try server.workspace(scenarios: scenarios)
        defer { try? FileManager.default.removeItem(at: directory) }
        let reference = directory.appendingPathComponent("reference.sqlite").path
        #expect(try await Self.cli(Self.runArguments(suite: suite, models: models, db: reference, concurrency: 16)).status == 0)
        #expect(server.requestCount == 2 * scenarios)

        let db = directory.appendingPathComponent("runs.sqlite").path
        let running = try RunningCLI(Self.runArguments(suite: suite, models: models, db: db, concurrency: 16))
        child.set(running.pid)
        let killed = await offPool { running.finish() }
        #expect(killed.status == SIGKILL || killed.status == 9, "\(killed.stderr)")
        let store = try Store(path: db)
        let storedAtKill = Set(try store.results(run: 1, detail: .summary).map(\.scenarioID))
        let cachedAtKill = try store.cachedResponseKeys()
        let requestsBeforeResume = server.requestCount

        let resumed = try await Self.cli(["resume", "1", "--db", db])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let baseURL = server.stub.baseURL.absoluteString
        func key(_ body: Data) -> String { ResponseCacheKey.make(provider: "openai", baseURL: baseURL, model: "stub-model", body: body, salt: "0") }
        let bodies = server.requestBodies
        let sentByResume = bodies[requestsBeforeResume...].map(key)
        let allKeys = Set(bodies[(2 * scenarios)...].map(key))
        let calls = try store.callHashes(run: 1)
        // The keys computed here are the ones the harness stored (else the next counts would prove nothing).
        #expect(calls.count == 2 * scenarios && calls.allSatisfy { allKeys.contains($0.1) })
        let resentFinished = sentByResume.filter(cachedAtKill.contains).count
        var keysByScenario: [String: [String]] = [:]
        for (scenario, hash) in calls { keysByScenario[scenario, default: []].append(hash) }
        let finishedNotStored = keysByScenario.filter { !storedAtKill.contains($0.key) && $0.value.allSatisfy(cachedAtKill.contains) }.count
        #expect(resentFinished == 0)
        #expect(try store.run(1)?.status == .completed)
        let resumedReport = try await Self.comparableReport(run: 1, db: db)
        let referenceReport = try await Self.comparableReport(run: 1, db: reference)
        #expect(resumedReport == referenceReport)
        FileHandle.standardError.write(Data("""
            resume evidence: \(scenarios) scenarios, \(2 * scenarios) calls, concurrency 16, kill -9 at request \(killAt - 2 * scenarios): \
            results stored at the kill \(storedAtKill.count), calls finished (cached) at the kill \(cachedAtKill.count), \
            requests before the kill \(requestsBeforeResume - 2 * scenarios), sent by resume \(sentByResume.count), \
            finished calls sent again \(resentFinished), scenarios with every call finished but no stored result \(finishedNotStored), \
            report identical: \(resumedReport == referenceReport)

            """.utf8))
    }
}

/// A child's pid, set once it is known, and a kill that waits for it.
final class PIDBox: @unchecked Sendable {
    private let condition = NSCondition()
    private var pid: Int32?

    /// Records the pid.
    func set(_ pid: Int32) { condition.withLock { self.pid = pid; condition.broadcast() } }

    /// Sends SIGKILL to the child (waiting for its pid if need be).
    func kill() {
        let pid = condition.withLock { () -> Int32 in
            while self.pid == nil { condition.wait() }
            return self.pid!
        }
        _ = Glibc.kill(pid, SIGKILL)
    }
}

/// Runs a blocking call on a thread of its own and waits for it without blocking a cooperative thread.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// Runs a blocking call that cannot fail on a thread of its own.
func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        Thread { continuation.resume(returning: body()) }.start()
    }
}
