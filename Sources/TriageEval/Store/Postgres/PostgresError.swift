import Foundation

/// A failure of the PostgreSQL store: the server could not be reached, or it refused a statement.
///
/// Carries the SQLSTATE and libpq's message. Neither ever holds a password: the store refuses URLs with one,
/// and libpq reads `PGPASSWORD` or `~/.pgpass` itself without echoing it.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    private enum Code: Sendable {
        case connectionFailed, statementFailed, connectionLost, unexpectedResult
    }

    private let code: Code
    /// The SQLSTATE the server sent (`23505` unique violation, `57P01` shutdown…), when it sent one.
    public let sqlState: String?
    /// libpq's message, on one line.
    public let message: String
    /// The server as `host:port` (or the socket), for messages.
    public let server: String

    private init(_ code: Code, sqlState: String?, message: String, server: String) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
        self.server = server
    }

    /// The server could not be reached or refused the connection.
    static func connectionFailed(_ message: String, server: String) -> PostgresError {
        PostgresError(.connectionFailed, sqlState: nil, message: oneLine(message), server: server)
    }

    /// The server refused a statement.
    static func statementFailed(_ message: String, sqlState: String?, server: String) -> PostgresError {
        PostgresError(.statementFailed, sqlState: sqlState, message: oneLine(message), server: server)
    }

    /// The connection broke while a statement ran.
    static func connectionLost(_ message: String, server: String) -> PostgresError {
        PostgresError(.connectionLost, sqlState: nil, message: oneLine(message), server: server)
    }

    /// The server answered with something the store did not expect (a missing id, a malformed value).
    static func unexpectedResult(_ message: String, server: String) -> PostgresError {
        PostgresError(.unexpectedResult, sqlState: nil, message: message, server: server)
    }

    /// Whether the server could not be reached at all.
    public var isConnectionFailure: Bool { code == .connectionFailed || code == .connectionLost }

    /// What happened, naming the server.
    public var description: String {
        switch code {
        case .connectionFailed: return "cannot connect to PostgreSQL at \(server): \(message)"
        case .connectionLost: return "lost the connection to PostgreSQL at \(server): \(message)"
        case .statementFailed: return "PostgreSQL at \(server) refused a statement" + (sqlState.map { " (SQLSTATE \($0))" } ?? "") + ": \(message)"
        case .unexpectedResult: return "unexpected answer from PostgreSQL at \(server): \(message)"
        }
    }

    /// libpq's multi-line messages (`connection to server … failed: …\n\tIs the server running…`) on one line.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
