import Foundation
import GRDB

/// The PostgreSQL implementation of ``RunStore``: one database shared by every CI runner and developer, so
/// baselines, the response cache and the run history are the team's, not one machine's.
///
/// A `Sendable` struct over a small connection pool (``PostgresConnectionPool``); every method is one
/// transaction. The schema is the SQLite store's (same tables, columns and meanings; booleans are `BOOLEAN`,
/// which portable SQL compares with each other or tests bare, as SQLite's 0/1), with migrations of its own from the first
/// version, safe when many processes open a new database at once. Connects through libpq, which reads the
/// password from `PGPASSWORD` or `~/.pgpass`; the URL never holds one.
public struct PostgresStore: RunStore {
    /// The connections.
    let pool: PostgresConnectionPool
    /// The database URL (without a password).
    public let url: PostgresURL

    /// Where the store lives: its URL.
    public var location: String { url.text }

    /// Connects to the database at `url` and migrates it to the current schema.
    public init(url: PostgresURL, connections: Int = 4) throws {
        self.url = url
        pool = try PostgresConnectionPool(url: url, capacity: connections)
        try pool.withConnection { try Self.migrate($0, location: url.text) }
    }

    /// Connects to the database at a `postgresql://` URL.
    public init(url text: String) throws {
        try self.init(url: try PostgresURL(text))
    }

    /// Runs `body` in one transaction on a pooled connection.
    func write<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try pool.withConnection { connection in try connection.transaction { try body(connection) } }
    }

    /// Runs `body` on a pooled connection (each statement its own transaction).
    func read<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try pool.withConnection(body)
    }

    /// ``read(_:)`` off the caller's thread, for the async requirements (the response cache).
    func readAsync<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let pool = self.pool
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try pool.withConnection(body) })
            }
        }
    }

    /// Deletes a run with its results, calls, sources and suites (the benchmark's scratch runs).
    public func deleteRun(_ id: Int64) throws {
        try write { connection in
            try connection.execute("UPDATE response_cache SET run_id = NULL WHERE run_id = ?", values: [id])
            try connection.execute("DELETE FROM run WHERE id = ?", values: [id])
        }
    }
}
