import ArgumentParser
import TriageEval

extension ShardSlice {
    /// Reads a `--shard K/N` argument; argument-parser prints the reason after "The value 'x' is invalid for '--shard <K/N>'".
    static func argument(_ text: String) throws -> ShardSlice {
        do { return try ShardSlice(parsing: text) } catch { throw ValidationError(error.reason) }
    }
}
