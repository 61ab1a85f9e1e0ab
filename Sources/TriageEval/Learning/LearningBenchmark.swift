import Foundation
import TriageEngine

/// `triage-eval bench learn`: how fast `learn import` takes conversations, on an export scaled up by copying
/// each conversation under new ids, into a scratch store.
public struct LearningBenchmark: Sendable {
    /// Conversations imported.
    public var conversations: Int
    /// Items created.
    public var items: Int
    /// Of those, duplicates.
    public var duplicates: Int
    /// Wall time of the import, seconds.
    public var seconds: Double
    /// CPU seconds of this process over the import (what one core does when nothing else competes for it).
    public var cpuSeconds: Double

    /// Conversations per second.
    public var rate: Double { seconds > 0 ? Double(conversations) / seconds : 0 }

    /// Imports `copies` copies of `conversations` (ids suffixed `-copyN`) into the store at `path` (deleted first and after).
    public static func run(conversations: [ProductionConversation], copies: Int, importer: LearningImporter, path: String) async throws -> LearningBenchmark {
        SQLiteStore.removeDatabase(at: path)
        defer { SQLiteStore.removeDatabase(at: path) }
        let store = try SQLiteStore(path: path)
        var scaled: [ProductionConversation] = []
        scaled.reserveCapacity(conversations.count * copies)
        for copy in 0..<copies {
            for conversation in conversations {
                var scaledCopy = conversation
                if copy > 0 { scaledCopy.id += "-copy\(copy)" }
                scaled.append(scaledCopy)
            }
        }
        let clock = ContinuousClock()
        var outcome = LearningImporter.Outcome()
        let cpuStart = Benchmark.cpuTime()
        let elapsed = try await clock.measure { outcome = try await importer.importConversations(scaled, into: store) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return LearningBenchmark(conversations: scaled.count, items: outcome.created.count,
                                 duplicates: outcome.created.count { $0.status == .duplicate }, seconds: seconds,
                                 cpuSeconds: Benchmark.cpuTime() - cpuStart)
    }

    /// The figures, one line.
    public var text: String {
        String(format: "learn import: %d conversations (%d items, %d duplicates) in %.2f s (%.2f s CPU): %.0f conversations/s, %.0f per CPU second",
               conversations, items, duplicates, seconds, cpuSeconds, rate, cpuSeconds > 0 ? Double(conversations) / cpuSeconds : 0)
    }
}
