/// Why the shards of a group cannot be taken as one run, or the gate on a group cannot pass yet.
public struct GroupError: Error, CustomStringConvertible, Sendable, Equatable {
    private enum Code: Equatable, Sendable {
        case shardCountsDiffer(first: Int64, firstCount: Int, other: Int64, otherCount: Int)
        case inputsDiffer(path: String, first: String, other: String)
        case noRuns
        case wrongShardCount(stored: Int, expected: Int)
        case incomplete(missing: [Int], running: [String], interrupted: [String], waited: String)
        case interrupted([String])
        case noConfiguration([Int64])
    }

    private let code: Code
    /// The group concerned.
    public let group: String

    private init(_ code: Code, group: String) {
        self.code = code
        self.group = group
    }

    /// Runs of the group were split into different numbers of shards.
    public static func shardCountsDiffer(group: String, first: (run: Int64, count: Int), other: (run: Int64, count: Int)) -> GroupError {
        GroupError(.shardCountsDiffer(first: first.run, firstCount: first.count, other: other.run, otherCount: other.count), group: group)
    }

    /// Two shards used different files; `first` and `other` say which shard has which hash of `path`.
    public static func inputsDiffer(group: String, path: String, first: String, other: String) -> GroupError {
        GroupError(.inputsDiffer(path: path, first: first, other: other), group: group)
    }

    /// No run belongs to the group (yet).
    public static func noRuns(group: String) -> GroupError { GroupError(.noRuns, group: group) }

    /// The gate expects another number of shards than the group's runs were split into.
    public static func wrongShardCount(group: String, stored: Int, expected: Int) -> GroupError {
        GroupError(.wrongShardCount(stored: stored, expected: expected), group: group)
    }

    /// The wait ended with shards not complete: missing ones (no run), running and interrupted ones
    /// (`2 (run #5)`), after waiting `waited` (e.g. `10s`).
    public static func incomplete(group: String, missing: [Int], running: [String], interrupted: [String], waited: String) -> GroupError {
        GroupError(.incomplete(missing: missing, running: running, interrupted: interrupted, waited: waited), group: group)
    }

    /// Every shard ended, some interrupted (`2 (run #5)`): nothing to wait for until they are resumed.
    public static func interrupted(group: String, shards: [String]) -> GroupError { GroupError(.interrupted(shards), group: group) }

    /// Shard runs stored without their configuration cannot be resumed.
    public static func noConfiguration(group: String, runs: [Int64]) -> GroupError { GroupError(.noConfiguration(runs), group: group) }

    /// Whether the cause is the user's input (exit 2) rather than shards that did not finish (exit 3).
    public var isInvalidInput: Bool {
        switch code {
        case .shardCountsDiffer, .inputsDiffer, .noRuns, .wrongShardCount, .noConfiguration: true
        case .incomplete, .interrupted: false
        }
    }

    /// What happened and what to do.
    public var description: String {
        let resume = "resume with `triage-eval resume group:\(group)`, then gate again"
        switch code {
        case .shardCountsDiffer(let first, let firstCount, let other, let otherCount):
            return "group \"\(group)\" mixes shard counts: run #\(first) is one of \(firstCount) shards, run #\(other) one of \(otherCount); use a new group name for a new split"
        case .inputsDiffer(let path, let first, let other):
            return "group \"\(group)\": its shards ran on different files and cannot be merged: \(path): \(first), \(other)"
        case .noRuns:
            return "no run of group \"\(group)\" in the store"
        case .wrongShardCount(let stored, let expected):
            return "group \"\(group)\" was split into \(stored) shards, not \(expected) (--shards)"
        case .incomplete(let missing, let running, let interrupted, let waited):
            var parts = ["no run: " + (missing.isEmpty ? "none" : missing.map(String.init).joined(separator: ", "))]
            if !running.isEmpty { parts.append("running: " + running.joined(separator: ", ")) }
            if !interrupted.isEmpty { parts.append("interrupted: " + interrupted.joined(separator: ", ")) }
            let count = missing.count + running.count + interrupted.count
            return "group \"\(group)\": \(count) shard\(count == 1 ? "" : "s") not complete after waiting \(waited) (\(parts.joined(separator: "; ")))"
                + (interrupted.isEmpty ? "" : "; " + resume)
        case .interrupted(let shards):
            return "group \"\(group)\": shard\(shards.count == 1 ? "" : "s") \(shards.joined(separator: ", ")) interrupted; " + resume
        case .noConfiguration(let runs):
            return "group \"\(group)\": run\(runs.count == 1 ? "" : "s") \(runs.map { "#\($0)" }.joined(separator: ", ")) stored no configuration and cannot be resumed"
        }
    }
}
