import Foundation
import Logging
import TriageEngine

/// Throughput benchmarks of the built-in engine and the store, printed by `triage-eval bench`.
public enum Benchmark {
    /// One measured figure.
    public struct Figure: Sendable {
        /// What was measured.
        public var name: String
        /// How many items.
        public var count: Int
        /// Wall seconds.
        public var seconds: Double
        /// CPU seconds of this process (user + system) over the same span.
        public var cpuSeconds: Double
        /// Peak resident memory of the process during the span, bytes, when measured.
        public var peakMemory: Int? = nil
        /// Items per second.
        public var perSecond: Double { seconds > 0 ? Double(count) / seconds : 0 }
        /// Items per CPU second: what one core does when nothing else competes for it.
        public var perCPUSecond: Double { cpuSeconds > 0 ? Double(count) / cpuSeconds : 0 }
    }

    /// This process's CPU time so far, in seconds.
    public static func cpuTime() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    /// Measures wall and CPU time of `body`.
    static func measure(_ name: String, count: Int, peakMemory: Bool = false, _ body: () throws -> Void) rethrows -> Figure {
        if peakMemory { resetPeakMemory() }
        let cpu = cpuTime()
        let wall = try ContinuousClock().measure(body)
        return Figure(name: name, count: count, seconds: seconds(wall), cpuSeconds: cpuTime() - cpu,
                      peakMemory: peakMemory ? Self.peakMemory() : nil)
    }

    /// Tickets per second through validation, two-stage classification, rules, drafting and formatting,
    /// on one thread and on every core.
    public static func engine(workspace: Workspace, tickets count: Int) throws -> [Figure] {
        let pipeline = TriagePipeline(policy: workspace.policy, replies: workspace.replies)
        let tickets = workspace.scenarios.map(\.ticket)
        guard !tickets.isEmpty else { return [] }
        // Warm up.
        for ticket in tickets { _ = try pipeline.triageBuiltin(ticket) }
        var escalated = 0
        let single = try measure("engine, 1 thread", count: count) {
            for index in 0..<count where try pipeline.triageBuiltin(tickets[index % tickets.count]).escalate { escalated += 1 }
        }
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let perCore = count / cores
        let parallel = measure("engine, \(cores) threads", count: perCore * cores) {
            DispatchQueue.concurrentPerform(iterations: cores) { core in
                // The pipeline is the built-in engine (made just above), so nothing throws here.
                for index in 0..<perCore { _ = try? pipeline.triageBuiltin(tickets[(index + core) % tickets.count]) }
            }
        }
        return [single, parallel]
    }

    /// Result rows per second into a fresh store at `path`, in batches like a run writes them.
    public static func store(workspace: Workspace, results count: Int, path: String) throws -> Figure {
        let results = try BenchResults(workspace: workspace)
        SQLiteStore.removeDatabase(at: path)
        let store = try SQLiteStore(path: path)
        let run = StoredRun(id: 0, status: .running, startedAt: Date(), finishedAt: nil, toolVersion: ToolVersion.current, gitCommit: nil,
                            engine: EngineDescription(classifier: "builtin-lexical", drafter: "templates", categories: workspace.policy.taxonomy.categoryNames),
                            gates: RunGates(), plannedResults: count, suites: workspace.suites.map(\.name), sources: workspace.sources(),
                            pid: getpid(), host: ProcessInfo.processInfo.hostName)
        let runID = try store.startRun(run)
        let figure = try measure("results stored", count: count) {
            var batch: [ScenarioResult] = []
            batch.reserveCapacity(256)
            for index in 0..<count {
                batch.append(results.result(index))
                if batch.count == 256 { try store.append(batch, run: runID); batch.removeAll(keepingCapacity: true) }
            }
            try store.append(batch, run: runID)
        }
        try store.finishRun(runID, status: .completed)
        return figure
    }

    /// Result rows per second into a fresh store at `path` the way a run now writes them, each durable
    /// within one commit: through the run's group-committing writer as fast as they come, and (the floor,
    /// a run so slow that every result arrives alone) one transaction per result.
    public static func durableStore(workspace: Workspace, results count: Int, path: String) throws -> [Figure] {
        let results = try BenchResults(workspace: workspace)
        guard !results.isEmpty else { return [] }
        let result = results.result
        func freshRun() throws -> (Store, Int64) {
            SQLiteStore.removeDatabase(at: path)
            let store = try SQLiteStore(path: path)
            let run = StoredRun(id: 0, status: .running, startedAt: Date(), finishedAt: nil, toolVersion: ToolVersion.current, gitCommit: nil,
                                engine: EngineDescription(classifier: "builtin-lexical", drafter: "templates", categories: workspace.policy.taxonomy.categoryNames),
                                gates: RunGates(), plannedResults: count, suites: workspace.suites.map(\.name), sources: workspace.sources(),
                                pid: getpid(), host: ProcessInfo.processInfo.hostName)
            return (store, try store.startRun(run))
        }
        var (store, runID) = try freshRun()
        let grouped = try measure("results, group commit", count: count) {
            let writer = ResultWriter(store: store, runID: runID)
            for index in 0..<count { try writer.add(result(index)) }
            try writer.close()
        }
        (store, runID) = try freshRun()
        let single = try measure("results, 1 per commit", count: count) {
            for index in 0..<count { try store.commit([result(index)], run: runID, replacing: false) }
        }
        SQLiteStore.removeDatabase(at: path)
        return [grouped, single]
    }

    static func seconds(_ duration: Duration) -> Double {
        let (whole, fraction) = duration.components
        return Double(whole) + Double(fraction) / 1e18
    }
}

extension Benchmark {
    /// What the model-run benchmark measured.
    public struct ModelRunFigures: Sendable {
        /// Scenarios run.
        public var scenarios: Int
        /// Model calls made.
        public var calls: Int
        /// Wall seconds of the whole run (store setup, provenance, scenarios, report).
        public var seconds: Double
        /// Wall seconds of the scenario phase alone.
        public var scenarioSeconds: Double
        /// CPU seconds of this process (the harness; the server runs in another process).
        public var cpuSeconds: Double
        /// calls × latency / concurrency: the run cannot be faster.
        public var bound: Double
        /// Harness CPU per call, milliseconds.
        public var cpuPerCallMs: Double { calls == 0 ? 0 : cpuSeconds * 1000 / Double(calls) }
    }

    /// Runs `scenarios` tickets (the workspace's, cycled) through the model pipeline against an
    /// OpenAI-compatible server at `baseURL` answering after `latency`, at `concurrency`, storing into a
    /// scratch store, with the cache bypassed and template replies (one call per ticket).
    public static func modelRun(workspace: Workspace, baseURL: URL, latency: Duration, scenarios count: Int, concurrency: Int,
                                storePath: String, logger: Logger) async throws -> ModelRunFigures {
        let bench = benchWorkspace(workspace, baseURL: baseURL, scenarios: count)
        SQLiteStore.removeDatabase(at: storePath)
        let store = try SQLiteStore(path: storePath)
        var options = EngineOptions(model: "bench-stub", cacheMode: .bypass)
        options.modelReplies = false
        let engine = try Engine.make(workspace: bench, options: options, store: store, logger: logger)
        let evaluation = Evaluation(workspace: bench, engine: engine, concurrency: concurrency)
        let cpu = cpuTime()
        let start = ContinuousClock.now
        let outcome = try await evaluation.run(store: store)
        let wall = seconds(ContinuousClock.now - start)
        let used = cpuTime() - cpu
        let calls = outcome.report.usage?.calls ?? 0
        return ModelRunFigures(scenarios: outcome.report.scenarioCount, calls: calls, seconds: wall, scenarioSeconds: seconds(outcome.scenarioPhase), cpuSeconds: used,
                               bound: Double(calls) * seconds(latency) / Double(concurrency))
    }
}

extension Benchmark {
    /// Fills `store` with a run of `results` stored results: the shipped scenarios' real results, duplicated as
    /// repeats (in SQL on SQLite and PostgreSQL, in batches through ``RunStore/append(_:run:)`` elsewhere); returns the run id.
    public static func fillReportRun(workspace: Workspace, results count: Int, store: any RunStore, logger: Logger) async throws -> Int64 {
        let engine = try Engine.make(workspace: workspace, options: EngineOptions(), store: nil, logger: logger)
        let outcome = try await Evaluation(workspace: workspace, engine: engine).run(store: store)
        let base = workspace.scenarios.count
        let copies = max(0, (count + base - 1) / base - 1)
        if let sqlite = store as? SQLiteStore {
            try sqlite.duplicateResults(run: outcome.runID, copies: copies)
        } else if let postgres = store as? PostgresStore {
            try postgres.duplicateResults(run: outcome.runID, copies: copies)
        } else if copies > 0 {
            let originals = try store.results(run: outcome.runID, detail: .full)
            var batch: [ScenarioResult] = []
            for copy in 1...copies {
                for var result in originals {
                    result.repeatIndex = copy
                    result.calls = []
                    result.requests = [:]
                    batch.append(result)
                    if batch.count == 1_000 { try store.append(batch, run: outcome.runID); batch.removeAll(keepingCapacity: true) }
                }
            }
            try store.append(batch, run: outcome.runID)
        }
        return outcome.runID
    }

    /// Times a report of a run with `results` stored results in `store` (filled by ``fillReportRun``): the
    /// streamed full JSON, the store's SQL aggregates alone, the report built from them (with every line, with the
    /// failures as `report` prints them, and without), the
    /// text and the whole-document JSON renderings, and for comparison the way reports were built before (every
    /// result loaded, then aggregated in Swift). Each figure carries the peak resident memory of its phase.
    public static func report(workspace: Workspace, results count: Int, store: any RunStore, logger: Logger) async throws -> [Figure] {
        let runID = try await fillReportRun(workspace: workspace, results: count, store: store, logger: logger)
        let total = try store.resultCount(run: runID)
        var figures: [Figure] = []
        var bytes = 0
        figures.append(try measure("json streamed", count: total, peakMemory: true) {
            _ = try RunReport.streamJSON(run: runID, store: store) { chunk in bytes += chunk.count }
        })
        // The store's SQL aggregates alone, then the report around them (calls, gated results, quality).
        figures.append(try measure("SQL aggregates", count: total, peakMemory: true) { _ = try store.aggregates(runs: [runID]) })
        figures.append(try measure("report, figures only", count: total, peakMemory: true) { _ = try RunReport.build(run: runID, store: store, lines: .omitted) })
        figures.append(try measure("report, failures", count: total, peakMemory: true) { _ = try RunReport.build(run: runID, store: store, lines: .failures) })
        var report: RunReport?
        figures.append(try measure("report built", count: total, peakMemory: true) { report = try RunReport.build(run: runID, store: store) })
        var text = ""
        figures.append(measure("text rendered", count: total) { text = report!.renderText() })
        var json = ""
        figures.append(try measure("json rendered", count: total, peakMemory: true) { json = try report!.renderJSON() })
        _ = (text, json, bytes)
        report = nil
        json = ""
        // Before: every result loaded as a value, then aggregated in Swift.
        var results: [ScenarioResult] = []
        figures.append(try measure("results loaded", count: total, peakMemory: true) { results = try store.results(run: runID, detail: .summary) })
        let run = try store.run(runID)!
        figures.append(measure("Swift aggregation", count: total) { _ = RunReport.build(run: run, results: results) })
        return figures
    }

    /// Peak resident memory of this process since the last ``resetPeakMemory()``, in bytes (Linux `VmHWM`); nil elsewhere.
    public static func peakMemory() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return kilobytes * 1024
    }

    /// Starts a new peak-memory span at the current resident size (Linux: writes 5 to `/proc/self/clear_refs`).
    public static func resetPeakMemory() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }
}

extension Benchmark {
    /// What the fault-injection run measured.
    public struct FaultRunFigures: Sendable {
        /// Scenarios run.
        public var scenarios: Int
        /// Scenarios that ended errored.
        public var errored: Int
        /// Errored scenarios by error class.
        public var erroredByClass: [String: Int]
        /// Model calls made.
        public var calls: Int
        /// Requests the server received.
        public var requestsOnTheWire: Int
        /// Attempts the store recorded over every call.
        public var attemptsRecorded: Int
        /// The exit code `run` gives this run: 3 past the error budget, 1 for a failed gate, else 0.
        public var exitCode: Int32
        /// Wall seconds of the scenario phase.
        public var scenarioSeconds: Double
    }

    /// Runs `scenarios` tickets (the workspace's, cycled, one model call each) at `concurrency` against a
    /// server at `baseURL` that injects faults, with the cache bypassed, and counts what the server saw
    /// (`requestsSeen`, read before and after) against the attempts the store recorded.
    /// - Parameters:
    ///   - retry: the retry policy of every call (the production default unless a test needs short waits).
    ///   - maxErrorRate: the error budget the exit code is judged by (`run`'s default unless given).
    ///   - environment: picks the transport (`TRIAGE_EVAL_TRANSPORT`).
    public static func faultRun(workspace: Workspace, baseURL: URL, requestsSeen: @Sendable () -> Int, scenarios count: Int, concurrency: Int,
                                retry: RetryPolicy = RetryPolicy(), maxErrorRate: Double = GateSet.defaultMaxErrorRate,
                                environment: [String: String] = ProcessInfo.processInfo.environment, storePath: String,
                                logger: Logger = Logger(label: "triage-eval", factory: { _ in SwiftLogNoOpLogHandler() })) async throws -> FaultRunFigures {
        let bench = benchWorkspace(workspace, baseURL: baseURL, scenarios: count)
        SQLiteStore.removeDatabase(at: storePath)
        defer { SQLiteStore.removeDatabase(at: storePath) }
        let store = try SQLiteStore(path: storePath)
        var options = EngineOptions(model: "bench-stub", cacheMode: .bypass, retry: retry)
        options.modelReplies = false
        let engine = try Engine.make(workspace: bench, options: options, store: store, environment: environment, logger: logger)
        let before = requestsSeen()
        let outcome = try await Evaluation(workspace: bench, engine: engine, concurrency: concurrency).run(store: store)
        let requests = requestsSeen() - before
        let calls = try store.calls(run: outcome.runID)
        let report = outcome.report
        // The exit code `run` would give, decided where run's is.
        var configuration = RunConfiguration()
        configuration.maxErrorRate = maxErrorRate
        let exit = configuration.verdict(for: outcome).exitStatus
        return FaultRunFigures(scenarios: report.scenarioCount, errored: report.errored, erroredByClass: report.erroredByClass, calls: calls.count,
                               requestsOnTheWire: requests, attemptsRecorded: calls.reduce(0) { $0 + $1.attempts }, exitCode: exit.rawValue,
                               scenarioSeconds: seconds(outcome.scenarioPhase))
    }

    /// The workspace with a `bench-stub` model at `baseURL` and one `bench` suite of `count` one-message
    /// tickets cycled from the workspace's scenarios (one model call each with template replies).
    static func benchWorkspace(_ workspace: Workspace, baseURL: URL, scenarios count: Int) -> Workspace {
        var bench = workspace
        bench.models.models.append(ModelConfig(name: "bench-stub", provider: .openai, baseURL: baseURL, model: "stub-model", timeout: .seconds(30)))
        let source = workspace.scenarios
        var scenarios: [Scenario] = []
        for index in 0..<count {
            var scenario = source[index % source.count]
            scenario.id = "\(scenario.id)#\(index)"
            scenario.ticket.id = scenario.id
            scenario.suite = "bench"
            scenario.ticket.messages = Array(scenario.ticket.messages.prefix(1))  // one stage: one call per ticket
            scenarios.append(scenario)
        }
        bench.suites = [Suite(name: "bench", description: "", gates: GateSet(), scenarios: scenarios, source: workspace.suites[0].source)]
        return bench
    }
}
