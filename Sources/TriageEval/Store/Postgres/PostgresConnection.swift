import CLibPQ
import Foundation
import GRDB

/// One libpq connection: parameterized statements with text parameters, results as rows, transactions.
///
/// Not safe to share between threads: ``PostgresConnectionPool`` hands each connection to one caller at a
/// time. Statements may use `?` placeholders (the portable form the SQLite store's queries use); they are
/// numbered `$1…$n` before they are sent. Values travel as GRDB's `DatabaseValue`, so the record types
/// shared with ``SQLiteStore`` encode and decode rows the same way on both backends.
final class PostgresConnection {
    private let handle: OpaquePointer
    /// The server, `host:port`, for messages.
    let server: String
    /// Whether the connection broke; a broken connection is dropped rather than returned to its pool.
    private(set) var isBroken = false

    /// Connects (waiting at most 10 s unless the URL sets `connect_timeout`) and sets the session up: UTC
    /// timestamps in ISO form, notices not printed.
    init(url: PostgresURL) throws {
        server = url.serverDescription
        // Keywords before `dbname` are defaults the URL (expanded from `dbname`) may override.
        let keywords = ["connect_timeout", "fallback_application_name", "dbname"]
        let values = ["10", "triage-eval", url.text]
        let connection = Self.withCStrings(keywords) { keywords in
            Self.withCStrings(values) { values in PQconnectdbParams(keywords, values, 1) }
        }
        guard let connection else { throw PostgresError.connectionFailed("out of memory", server: server) }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection))
            PQfinish(connection)
            throw PostgresError.connectionFailed(message, server: server)
        }
        handle = connection
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        try executeScript("SET TimeZone TO 'UTC'; SET DateStyle TO 'ISO, YMD'; SET client_encoding TO 'UTF8'; SET client_min_messages TO warning")
    }

    deinit { PQfinish(handle) }

    // MARK: Statements

    /// Runs one statement with `?` (or `$n`) placeholders bound to `arguments`, in text form; its rows come in
    /// text form, or in binary form with `binary` (see ``PostgresResult``).
    @discardableResult
    func execute(_ sql: String, _ arguments: [DatabaseValue] = [], binary: Bool = false) throws -> PostgresResult {
        let text = sql.contains("?") ? Self.numberedPlaceholders(sql) : sql
        let parameters = arguments.map(Self.text(of:))
        let result: OpaquePointer? = Self.withOptionalCStrings(parameters) { pointers in
            PQexecParams(handle, text, Int32(parameters.count), nil, pointers, nil, nil, binary ? 1 : 0)
        }
        return try check(result)
    }

    /// Runs one statement binding any values GRDB can store (`Int`, `String`, `Date`, `Data`, `Bool`, optionals).
    @discardableResult
    func execute(_ sql: String, values: [(any DatabaseValueConvertible)?]) throws -> PostgresResult {
        try execute(sql, values.map { $0?.databaseValue ?? .null })
    }

    /// Runs statements without parameters, separated by semicolons (schema scripts, session settings).
    func executeScript(_ sql: String) throws {
        _ = try check(PQexec(handle, sql))
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try executeScript("BEGIN")
        do {
            let value = try body()
            try executeScript("COMMIT")
            return value
        } catch {
            if !isBroken { try? executeScript("ROLLBACK") }
            throw error
        }
    }

    /// Reads a query's rows in batches through a cursor, so a run of a million results never sits in memory
    /// twice; runs in a transaction of its own. The rows come in binary form (no digits to parse), so the query
    /// must select only text, integer, boolean, floating-point or `BYTEA` columns (every read of the result table does).
    func forEachBatch(_ sql: String, _ arguments: [DatabaseValue], batchSize: Int = 5000, _ body: (PostgresResult) throws -> Void) throws {
        try transaction {
            try execute("DECLARE triage_eval_rows NO SCROLL CURSOR FOR " + Self.numberedPlaceholders(sql), arguments)
            while true {
                let batch = try execute("FETCH FORWARD \(batchSize) FROM triage_eval_rows", binary: true)
                if batch.rowCount == 0 { break }
                try body(batch)
                if batch.rowCount < batchSize { break }
            }
            try executeScript("CLOSE triage_eval_rows")
        }
    }

    /// The result, or the server's error naming its SQLSTATE.
    private func check(_ result: OpaquePointer?) throws -> PostgresResult {
        guard let result else {
            isBroken = PQstatus(handle) != CONNECTION_OK
            throw PostgresError.connectionLost(String(cString: PQerrorMessage(handle)), server: server)
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return PostgresResult(result, server: server)
        default:
            // The primary message alone: the full one adds the statement with a caret, and its detail may quote row values.
            let message = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
                ?? String(cString: PQresultErrorMessage(result))
            let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
            PQclear(result)
            if PQstatus(handle) != CONNECTION_OK {
                isBroken = true
                throw PostgresError.connectionLost(message, server: server)
            }
            throw PostgresError.statementFailed(message, sqlState: state, server: server)
        }
    }

    // MARK: Values

    /// A value in PostgreSQL's text form: numbers as digits, blobs as `\x` hex (for `BYTEA`), dates as
    /// GRDB writes them (`yyyy-MM-dd HH:mm:ss.SSS`, UTC, which the session's UTC time zone reads back).
    static func text(of value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: return nil
        case .int64(let number): return String(number)
        case .double(let number):
            if number.isNaN { return "NaN" }
            if number.isInfinite { return number > 0 ? "Infinity" : "-Infinity" }
            return "\(number)"
        case .string(let text): return text.contains("\0") ? text.replacingOccurrences(of: "\0", with: "\u{FFFD}") : text
        case .blob(let data): return "\\x" + data.hexadecimal
        }
    }

    /// `sql` with each `?` outside quotes and comments replaced by `$1`, `$2`…
    static func numberedPlaceholders(_ sql: String) -> String {
        enum State { case code, singleQuoted, doubleQuoted, lineComment, blockComment }
        var state = State.code
        var output = ""
        output.reserveCapacity(sql.utf8.count + 16)
        var number = 0
        var previous: Character = " "
        for character in sql {
            switch state {
            case .code:
                switch character {
                case "?":
                    number += 1
                    output += "$\(number)"
                    previous = " "
                    continue
                case "'": state = .singleQuoted
                case "\"": state = .doubleQuoted
                case "-" where previous == "-": state = .lineComment
                case "*" where previous == "/": state = .blockComment
                default: break
                }
            case .singleQuoted: if character == "'" { state = .code }
            case .doubleQuoted: if character == "\"" { state = .code }
            case .lineComment: if character == "\n" { state = .code }
            case .blockComment: if character == "/" && previous == "*" { state = .code }
            }
            output.append(character)
            previous = character
        }
        return output
    }

    private static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        var pointers: [UnsafePointer<CChar>?] = copies.map { UnsafePointer($0) }
        pointers.append(nil)
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    private static func withOptionalCStrings<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
        let copies = strings.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
    }
}

extension Data {
    /// Lowercase hexadecimal digits.
    fileprivate var hexadecimal: String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes = [UInt8]()
        bytes.reserveCapacity(count * 2)
        for byte in self {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
