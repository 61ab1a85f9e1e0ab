import Foundation
import TriageEngine

/// The shards of one logical run (`run --shard K/N --group NAME`) taken as one run: their results merged in
/// the order a single process over all the scenarios stores them, so its report, statistics and gates are
/// those of that single run. For each shard the newest completed run counts (a shard run again, say by a
/// retried CI job, replaces the earlier one), or else the newest run of the shard.
public struct RunGroup: Sendable {
    /// The group's name.
    public let name: String
    /// How many shards it was split into.
    public let shardCount: Int
    /// The run that counts for each shard present, by shard index (1-based).
    public let shards: [Int: StoredRun]

    /// The shard indexes with no run at all, ascending.
    public var missing: [Int] { (1...shardCount).filter { shards[$0] == nil } }
    /// The runs that count, by shard index.
    public var orderedShards: [StoredRun] { shards.keys.sorted().compactMap { shards[$0] } }
    /// The shards whose run is still running (or died without a trace yet), by index.
    public var running: [StoredRun] { orderedShards.filter { $0.status == .running } }
    /// The shards whose run was interrupted, by index.
    public var interrupted: [StoredRun] { orderedShards.filter { $0.status == .interrupted } }
    /// Whether every shard has a completed run.
    public var isComplete: Bool { missing.isEmpty && orderedShards.allSatisfy { $0.status == .completed } }
    /// The run of the lowest shard present: its id stands for the group (as a baseline, in a report's header).
    public var representative: StoredRun { orderedShards[0] }

    /// The group as one stored run: the representative's id, engine, gates, suites and sources (every shard's
    /// are the same, see ``load(_:from:)``); started when the first shard started, ended when the last ended;
    /// completed only when every shard is, running while one is, interrupted otherwise.
    public var run: StoredRun {
        var merged = representative
        let runs = orderedShards
        merged.status = isComplete ? .completed : (running.isEmpty ? .interrupted : .running)
        merged.startedAt = runs.map(\.startedAt).min() ?? merged.startedAt
        merged.finishedAt = merged.status == .running ? nil : runs.compactMap(\.finishedAt).max()
        merged.plannedResults = runs.reduce(0) { $0 + $1.plannedResults }
        merged.shard = nil
        return merged
    }

    /// Loads a group; nil when no run belongs to it.
    /// - Throws: ``GroupError`` when its runs disagree on the shard count or were run on different files
    ///   (their sources' SHA-256 differ), which no merge can make one run of.
    public static func load(_ name: String, from store: any RunStore) throws -> RunGroup? {
        let runs = try store.runs(group: name)
        guard let first = runs.first?.shard else { return nil }
        let count = first.slice.count
        if let other = runs.first(where: { $0.shard?.slice.count != count }) {
            throw GroupError.shardCountsDiffer(group: name, first: (runs[0].id, count), other: (other.id, other.shard?.slice.count ?? 0))
        }
        var chosen: [Int: StoredRun] = [:]
        for run in runs {
            guard let index = run.shard?.slice.index else { continue }
            // Oldest first: a later run of a shard replaces an earlier one, unless only the earlier one completed.
            if let current = chosen[index], current.status == .completed && run.status != .completed { continue }
            chosen[index] = run
        }
        let group = RunGroup(name: name, shardCount: count, shards: chosen)
        try group.checkInputs()
        return group
    }

    /// Refuses shards whose files differ: the first file whose hash (or presence) differs from the representative's.
    func checkInputs() throws {
        let reference = representative
        let hashes = Dictionary(reference.sources.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        for run in orderedShards.dropFirst() {
            let other = Dictionary(run.sources.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
            guard other != hashes else { continue }
            let path = (Set(hashes.keys).union(other.keys)).sorted().first { hashes[$0] != other[$0] } ?? ""
            throw GroupError.inputsDiffer(group: name, path: path, first: Self.describe(reference, hash: hashes[path]),
                                          other: Self.describe(run, hash: other[path]))
        }
    }

    /// `shard 2/3 (run #5) has sha256 1a2b3c4d5e6f` or `… does not use it`.
    private static func describe(_ run: StoredRun, hash: String?) -> String {
        let shard = "shard \(run.shard?.slice.description ?? "?") (run #\(run.id))"
        return hash.map { "\(shard) has sha256 \($0.prefix(12))" } ?? "\(shard) does not use it"
    }

    /// The ids of the runs that count, by shard index.
    public var runIDs: [Int64] { orderedShards.map(\.id) }

    /// The merged run with its results (summary detail) and calls, ready to report or compare.
    public func input(from store: any RunStore, name: String? = nil) throws -> Comparison.Input {
        Comparison.Input(run: run, results: try store.results(runs: runIDs, detail: .summary), calls: try store.calls(runs: runIDs),
                         name: name ?? "group:\(self.name)")
    }
}

extension RunGroup {
    /// Runs as a history shows them (oldest first): a whole run as it is, the shards of a complete group once,
    /// as the group's merged run at the place of its newest shard, with the ids of the runs to read its results
    /// from; shards of incomplete groups (and runs again of a shard that another run answers) are left out.
    public static func mergingShards(_ runs: [StoredRun], store: any RunStore) throws -> [(run: StoredRun, ids: [Int64])] {
        var merged: [(run: StoredRun, ids: [Int64])] = []
        var seen: Set<String> = []
        for run in runs.reversed() {
            guard let shard = run.shard else {
                merged.append((run, [run.id]))
                continue
            }
            guard seen.insert(shard.group).inserted, let group = try RunGroup.load(shard.group, from: store), group.isComplete else { continue }
            merged.append((group.run, group.runIDs))
        }
        return merged.reversed()
    }
}
