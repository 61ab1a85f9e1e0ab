import Foundation

/// Where the runs are stored: a SQLite file (the default, `reports/triage-eval.sqlite`) or a shared PostgreSQL
/// database (`postgresql://user@host:port/dbname`), as `--db` or `TRIAGE_EVAL_DB` names it.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// A SQLite database file (or `:memory:`).
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(PostgresURL)

    /// The SQLite file used when neither `--db` nor `TRIAGE_EVAL_DB` names a store.
    public static let defaultPath = "reports/triage-eval.sqlite"

    /// The environment variable naming the store when `--db` is absent.
    public static let environmentVariable = "TRIAGE_EVAL_DB"

    /// Reads a store location: a `postgresql://` or `postgres://` URL, else a SQLite file path; any other
    /// `scheme://` is refused rather than taken for a file name.
    public static func parse(_ text: String) throws(StoreLocationError) -> StoreLocation {
        if PostgresURL.isPostgres(text) { return .postgres(try PostgresURL(text)) }
        if let schemeEnd = text.range(of: "://") {
            let scheme = text[..<schemeEnd.lowerBound]
            if !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) {
                throw StoreLocationError(shown: text, problem: .unsupportedScheme(String(scheme)))
            }
        }
        return .sqlite(path: text)
    }

    /// The store an option names, else `TRIAGE_EVAL_DB` (when set and not empty), else the default SQLite file.
    public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreLocationError) -> StoreLocation {
        if let option { return try parse(option) }
        if let value = environment[environmentVariable], !value.isEmpty { return try parse(value) }
        return .sqlite(path: defaultPath)
    }

    /// The path or URL, as messages show it (never with a password).
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let url): return url.text
        }
    }

    /// Whether the store is there to read: the SQLite file exists (a PostgreSQL database is created by its
    /// server, so it always counts as there; connecting tells).
    public var exists: Bool {
        switch self {
        case .sqlite(let path): return path == ":memory:" || FileManager.default.fileExists(atPath: path)
        case .postgres: return true
        }
    }

    /// Opens (creating and migrating as needed) the store.
    public func open() throws -> any RunStore {
        switch self {
        case .sqlite(let path): return try SQLiteStore(path: path)
        case .postgres(let url): return try PostgresStore(url: url)
        }
    }
}
