import ArgumentParser
import Foundation
import TriageEval

/// `triage-eval gate group:NAME --shards N [--wait DURATION]`: the CI step after a matrix of shards.
struct GateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Wait for every shard of a group, then judge the merged group with the suites' gates and these flags.",
        discussion: """
            Looks at the store every 2 seconds until N shards of the group have completed, then prints the merged \
            group's report and exits as run does: 0 every gate holds, 1 a gate failed, 3 too many errored scenarios. \
            Exits 3 naming the shards when the wait ends first, or at once when every shard ended and some were \
            interrupted (resume them with `triage-eval resume group:NAME`); 2 when the shards ran on different files.
            """)

    @Argument(help: "The group, as group:NAME.", transform: GateCommand.groupArgument)
    var group: String

    @Option(name: .long, help: "How many shards the group was split into (the N of --shard K/N).")
    var shards: Int

    @Option(name: .long, help: "How long to wait for shards still missing or running, e.g. 90s, 20m, 1h (default 0: look once).",
            transform: GateCommand.durationArgument)
    var wait: Duration = .zero

    @OptionGroup var gate: GateOptions
    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "Report format: text, markdown, json, junit, csv or html.")
    var format: ReportFormat = .text

    @Option(name: .long, help: "Also write the report to this file.")
    var output: String?

    func validate() throws {
        if shards < 1 { throw ValidationError("--shards must be at least 1") }
    }

    static func groupArgument(_ text: String) throws -> String {
        guard case .group(let name)? = RunReference(text) else { throw ValidationError("expected group:NAME") }
        return name
    }

    static func durationArgument(_ text: String) throws -> Duration {
        guard let duration = GroupGate.parseDuration(text) else { throw ValidationError("expected a duration such as 90s, 20m, 1h or 1m30s") }
        return duration
    }

    func run() async throws {
        let database = try openExistingStore(store)
        let gateOnGroup = GroupGate(group: group, shards: shards, wait: wait)
        let merged = try await groupFailures { try await gateOnGroup.waitForShards(store: database, clock: ContinuousClock()) }
        let report = try groupFailures { try gateOnGroup.report(of: merged, gates: try gate.gateSet, store: database, lines: format.reportLines) }
        let text = format == .html ? try HTMLReport.build(for: report, store: database, candidate: try merged.input(from: database)).render() : try report.render(format)
        try emitReport(text, output: output)
        printError("triage-eval: group \(group): \(shards) shard\(shards == 1 ? "" : "s") complete (runs \(merged.runIDs.map { "#\($0)" }.joined(separator: ", "))), \(report.scenarioCount) results")
        switch GroupGate.verdict(for: report, maxErrorRate: gate.maxErrorRate) {
        case .errorRateExceeded(let rate, let limit, let byDefault):
            throw CommandFailure.incomplete(String(format: "error rate %.3f (%d of %d scenario runs errored) exceeds --max-error-rate %.3f%@",
                                                   rate, report.errored, report.scenarioCount, limit, byDefault ? " (the default)" : ""))
        case .gatesFailed(let gates):
            throw CommandFailure(message: gates.map { "gate failed: " + $0.summary }.joined(separator: "\n"), status: .gateFailed)
        default:
            return
        }
    }
}

/// Runs `body`, turning a ``GroupError`` into its message: exit 2 for input that cannot merge, 3 for shards not complete.
func groupFailures<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as GroupError { throw CommandFailure(groupError: error) }
}

/// Awaits `body`, turning a ``GroupError`` into its message (see the synchronous one).
func groupFailures<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch let error as GroupError { throw CommandFailure(groupError: error) }
}

extension CommandFailure {
    /// A group's shards cannot merge (exit 2) or are not complete (exit 3).
    init(groupError error: GroupError) {
        self = error.isInvalidInput ? .invalidInput(error.description) : .incomplete(error.description)
    }
}
