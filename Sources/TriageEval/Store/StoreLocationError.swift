/// A `--db` (or `TRIAGE_EVAL_DB`) value that names no usable store; the message never holds a password.
public struct StoreLocationError: Error, CustomStringConvertible, Equatable, Sendable {
    enum Problem: Equatable, Sendable {
        case notPostgres
        case unsupportedScheme(String)
        case password
        case noDatabase
        case badDatabase(String)
        case badHost(String)
        case badPort(String)
        case libpq(String)
    }

    /// The value as shown in the message (a password replaced by `***`).
    public let shown: String
    let problem: Problem

    init(shown: String, problem: Problem) {
        self.shown = shown
        self.problem = problem
    }

    /// `VALUE: what is wrong; what was expected`.
    public var description: String {
        let form = "postgresql://user@host:port/dbname"
        switch problem {
        case .notPostgres:
            return "\(shown): not a PostgreSQL URL; expected \(form)"
        case .unsupportedScheme(let scheme):
            return "\(shown): unsupported store URL scheme \"\(scheme)\"; expected a SQLite file path or \(form)"
        case .password:
            return "\(shown): a password in the URL would be written to logs, reports and stored runs; remove it and set PGPASSWORD or put it in ~/.pgpass"
        case .noDatabase:
            return "\(shown): expected a database name after the host, as in \(form)"
        case .badDatabase(let name):
            return "\(shown): \"\(name)\" is not a database name (it holds a \"/\"); expected \(form)"
        case .badHost(let host):
            return "\(shown): malformed host \"\(host)\"; expected host, host:port or [ipv6]:port"
        case .badPort(let port):
            return "\(shown): port \"\(port)\" is not a number from 1 to 65535"
        case .libpq(let reason):
            return "\(shown): \(reason)"
        }
    }
}
