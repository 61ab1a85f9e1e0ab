import Foundation

/// Collects the ``CallRecord``s of one unit of work (a scenario, a run), safely from concurrent tasks.
///
/// Bind one to ``CallContext/log`` and every model call made inside appends its record here.
public final class CallLog: Sendable {
    private let storage = Locked<[CallRecord]>([])

    /// Creates an empty log.
    public init() {}

    /// Adds a record.
    public func append(_ record: CallRecord) {
        storage.withLock { $0.append(record) }
    }

    /// The records so far, in the order they were appended.
    public var records: [CallRecord] { storage.current }

    /// Removes and returns the records so far.
    public func drain() -> [CallRecord] {
        storage.withLock { records in
            defer { records.removeAll() }
            return records
        }
    }
}
