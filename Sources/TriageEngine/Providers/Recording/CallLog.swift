import Foundation

/// Collects the ``CallRecord``s of one unit of work (a scenario, a run), safely from concurrent tasks.
///
/// Bind one to ``CallContext/log`` and every model call made inside appends its record here.
public final class CallLog: Sendable {
    private let storage = Locked<[CallRecord]>([])
    private let bodies = Locked<[String: String]>([:])

    /// Creates an empty log.
    public init() {}

    /// Adds a record.
    public func append(_ record: CallRecord) {
        storage.withLock { $0.append(record) }
    }

    /// Sets the error class of the most recent record equal to `record`, for failures found after the call
    /// returned (an answer the caller could not use is `invalid_output` although the HTTP call succeeded).
    /// - Returns: whether such a record was found.
    @discardableResult
    public func mark(_ record: CallRecord, errorClass: String) -> Bool {
        storage.withLock { records in
            guard let index = records.lastIndex(of: record) else { return false }
            records[index].errorClass = errorClass
            return true
        }
    }

    /// Keeps the rendered request body of a call, by the call's request hash.
    public func recordRequest(hash: String, body: String) {
        bodies.withLock { $0[hash] = body }
    }

    /// The rendered request bodies by request hash.
    public var requests: [String: String] { bodies.current }

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
