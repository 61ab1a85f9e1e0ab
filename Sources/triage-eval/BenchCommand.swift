import ArgumentParser

/// `triage-eval bench`: the benchmarks; `bench` alone (or `bench throughput`) prints throughput figures,
/// `bench faults` runs against a fault-injecting server.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks: throughput (the default) and a fault-injection run. Use a release build.",
        subcommands: [BenchThroughputCommand.self, BenchFaultsCommand.self, BenchShardsCommand.self, BenchSuiteCommand.self],
        defaultSubcommand: BenchThroughputCommand.self)
}
