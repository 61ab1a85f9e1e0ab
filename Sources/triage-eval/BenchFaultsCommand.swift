import ArgumentParser
import Foundation
import LoopbackServer
import TriageEval

/// `triage-eval bench faults`: a model run against a server that injects a seeded mix of faults, printing
/// how many scenarios errored, the requests the server saw against the attempts recorded, and the exit code.
struct BenchFaultsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "faults",
        abstract: "Run scenarios against a fault-injecting server: errored scenarios, requests on the wire vs attempts recorded, exit code.")

    @Argument(help: "Scenario files or directories whose tickets are cycled (default: scenarios).")
    var paths: [String] = []

    @OptionGroup var files: FileOptions

    @Option(name: .long, help: "Scenarios to run (one model call each).")
    var scenarios = 1_000

    @Option(name: .long, help: "Scenarios in flight at once.")
    var concurrency = 16

    @Option(name: .long, help: "Share of requests answered 429.")
    var rateLimited = 0.2

    @Option(name: .long, help: "Share of requests answered 500.")
    var serverError = 0.1

    @Option(name: .long, help: "Share of requests whose connection is reset.")
    var reset = 0.05

    @Option(name: .long, help: "Share of requests whose 200 body is cut short.")
    var truncated = 0.05

    @Option(name: .long, help: "Seed of the fault draws.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Scratch database (deleted before and after).")
    var scratchDB = NSTemporaryDirectory() + "triage-eval-bench-faults.sqlite"

    func validate() throws {
        for (name, value) in [("--rate-limited", rateLimited), ("--server-error", serverError), ("--reset", reset), ("--truncated", truncated)]
        where !(0...1).contains(value) {
            throw ValidationError("\(name) must be between 0 and 1, got \(value)")
        }
        if rateLimited + serverError + reset + truncated > 1 { throw ValidationError("the fault shares add up to more than 1") }
        if scenarios < 1 { throw ValidationError("--scenarios must be at least 1") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
    }

    func run() async throws {
        let workspace = try loadWorkspace(files, paths: paths.isEmpty ? ["scenarios"] : paths)
        let answer = #"{"category": "how_to", "confidence": 0.9, "priority": "low", "sentiment": "neutral", "sentiment_score": 0, "churn_risk": false, "reason": "stub"}"#
        let stub = try OpenAIStub(answer: { _ in answer })
        defer { stub.stop() }
        stub.inject(StubFaultMix(rateLimited: rateLimited, serverError: serverError, reset: reset, truncated: truncated, seed: seed))
        let figures = try await Benchmark.faultRun(workspace: workspace, baseURL: stub.baseURL, requestsSeen: { stub.requestCount },
                                                   scenarios: scenarios, concurrency: concurrency, storePath: scratchDB)
        print(String(format: "fault run: %d scenarios at concurrency %d against %.0f%% 429, %.0f%% 500, %.0f%% resets, %.0f%% truncated bodies (seed %llu)",
                     figures.scenarios, concurrency, rateLimited * 100, serverError * 100, reset * 100, truncated * 100, seed))
        print("  scenarios errored:      \(figures.errored)" + (figures.erroredByClass.isEmpty ? "" : " ("
              + figures.erroredByClass.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"))
        print("  model calls:            \(figures.calls)")
        print("  requests on the wire:   \(figures.requestsOnTheWire) (counted by the server)")
        print("  attempts recorded:      \(figures.attemptsRecorded)" + (figures.attemptsRecorded == figures.requestsOnTheWire ? " (equal)" : " (DIFFERENT)"))
        print(String(format: "  scenario phase:         %.3f s", figures.scenarioSeconds))
        print("  exit code of the run:   \(figures.exitCode)")
    }
}
