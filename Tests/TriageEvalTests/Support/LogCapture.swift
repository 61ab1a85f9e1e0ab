import Foundation
import Logging

/// Collects what a logger receives, for tests that pin log lines and their metadata.
final class LogCapture: @unchecked Sendable {
    /// One captured line.
    struct Record: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    private let lock = NSLock()
    private var stored: [Record] = []

    /// The lines so far, in order.
    var records: [Record] { lock.withLock { stored } }

    /// A logger at `level` whose lines land here.
    func logger(level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: "triage-eval.tests") { _ in Handler(capture: self, logLevel: level) }
        logger.logLevel = level
        return logger
    }

    fileprivate func append(_ record: Record) { lock.withLock { stored.append(record) } }

    private struct Handler: LogHandler {
        let capture: LogCapture
        var logLevel: Logger.Level
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            capture.append(Record(level: event.level, message: event.message.description, metadata: merged.mapValues(\.description)))
        }
    }
}
