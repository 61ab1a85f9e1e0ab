import Foundation

/// A few connections to one database, each lent to one caller at a time: the runner's result writer, the
/// model calls' cache lookups and the report may use the store at once. Broken connections are dropped and
/// replaced on the next request.
final class PostgresConnectionPool: @unchecked Sendable {
    /// The database.
    let url: PostgresURL
    /// At most this many connections are open.
    let capacity: Int
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0

    /// A pool of at most `capacity` connections, opening the first one now so a wrong URL fails at once.
    init(url: PostgresURL, capacity: Int = 4) throws {
        self.url = url
        self.capacity = max(1, capacity)
        idle.append(try PostgresConnection(url: url))
        open = 1
    }

    /// Runs `body` with a connection of its own.
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try acquire()
        defer { release(connection) }
        return try body(connection)
    }

    private func acquire() throws -> PostgresConnection {
        condition.lock()
        while idle.isEmpty && open >= capacity { condition.wait() }
        if let connection = idle.popLast() {
            condition.unlock()
            return connection
        }
        open += 1
        condition.unlock()
        do {
            return try PostgresConnection(url: url)
        } catch {
            condition.lock()
            open -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private func release(_ connection: PostgresConnection) {
        condition.lock()
        if connection.isBroken { open -= 1 } else { idle.append(connection) }
        condition.signal()
        condition.unlock()
    }
}
