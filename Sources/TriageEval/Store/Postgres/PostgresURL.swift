import CLibPQ
import Foundation

/// A PostgreSQL connection URL as `--db` and `TRIAGE_EVAL_DB` take it: `postgresql://user@host:port/dbname`
/// (also `postgres://`, several `host:port` pairs, and libpq's `?param=value` options such as `sslmode`).
///
/// A password is refused: it would end up in logs, reports, error messages and stored rows. libpq reads it
/// from `PGPASSWORD` or `~/.pgpass` (`PGPASSFILE`) instead.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    /// The URL as given (it holds no password).
    public let text: String
    /// The hosts with their ports, as `host:port` (the port as given, or libpq's default 5432).
    public let servers: [String]
    /// The database name.
    public let database: String
    /// The user, when given (libpq defaults to the operating-system user).
    public let user: String?

    /// The URL, for messages and ``RunStore/location``.
    public var description: String { text }

    /// The servers, for connection messages: `127.0.0.1:5432`.
    public var serverDescription: String { servers.joined(separator: ",") }

    /// Whether `text` is meant as a PostgreSQL URL (its scheme is `postgresql` or `postgres`).
    public static func isPostgres(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// Reads and checks a URL; throws ``StoreLocationError`` saying what is wrong (never echoing a password).
    public init(_ text: String) throws(StoreLocationError) {
        guard let schemeEnd = text.range(of: "://"), Self.isPostgres(text) else {
            throw StoreLocationError(shown: text, problem: .notPostgres)
        }
        let rest = text[schemeEnd.upperBound...]
        let beforeQuery = rest.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let main = beforeQuery[0]
        let query = beforeQuery.count > 1 ? String(beforeQuery[1]) : ""
        let authorityEnd = main.firstIndex(of: "/") ?? main.endIndex
        let authority = main[..<authorityEnd]
        let path = authorityEnd < main.endIndex ? String(main[main.index(after: authorityEnd)...]) : ""
        var hostPart = Substring(authority)
        var user: String?
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            hostPart = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                throw StoreLocationError(shown: Self.masked(text, password: userInfo[userInfo.index(after: colon)...]), problem: .password)
            }
            user = userInfo.isEmpty ? nil : String(userInfo)
        }
        let queryKeys = query.split(separator: "&").map { $0.split(separator: "=", maxSplits: 1).first.map { $0.lowercased() } ?? "" }
        if queryKeys.contains("password") {
            throw StoreLocationError(shown: Self.maskedQueryPassword(text), problem: .password)
        }
        var servers: [String] = []
        for server in hostPart.split(separator: ",", omittingEmptySubsequences: false) {
            var host = Substring(server)
            var port: Substring?
            if server.hasPrefix("[") {
                guard let close = server.firstIndex(of: "]") else { throw StoreLocationError(shown: text, problem: .badHost(String(server))) }
                host = server[...close]
                let after = server[server.index(after: close)...]
                if after.hasPrefix(":") { port = after.dropFirst() } else if !after.isEmpty { throw StoreLocationError(shown: text, problem: .badHost(String(server))) }
            } else if let colon = server.lastIndex(of: ":") {
                host = server[..<colon]
                port = server[server.index(after: colon)...]
            }
            if let port {
                guard let number = Int(port), (1...65535).contains(number) else { throw StoreLocationError(shown: text, problem: .badPort(String(port))) }
            }
            servers.append((host.isEmpty ? "localhost" : String(host)) + ":" + String(port ?? "5432"))
        }
        guard !path.isEmpty else { throw StoreLocationError(shown: text, problem: .noDatabase) }
        guard !path.contains("/") else { throw StoreLocationError(shown: text, problem: .badDatabase(path)) }
        // What libpq itself finds wrong (an unknown `?option`, a malformed percent-escape), before any connection.
        var message: UnsafeMutablePointer<CChar>?
        if let options = PQconninfoParse(text, &message) {
            PQconninfoFree(options)
        } else {
            let reason = message.map { String(cString: $0) } ?? "malformed"
            if let message { PQfreemem(message) }
            throw StoreLocationError(shown: text, problem: .libpq(PostgresError.oneLine(reason)))
        }
        self.text = text
        self.servers = servers
        self.database = path.removingPercentEncoding ?? path
        self.user = user
    }

    /// The URL with the password of its user part replaced by `***`.
    static func masked(_ text: String, password: Substring) -> String {
        text.replacingCharacters(in: password.startIndex..<password.endIndex, with: "***")
    }

    /// The URL with the value of a `password=` query option replaced by `***`.
    static func maskedQueryPassword(_ text: String) -> String {
        guard let question = text.firstIndex(of: "?") else { return text }
        let options = text[text.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false).map { option -> String in
            let parts = option.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return parts[0].lowercased() == "password" ? parts[0] + "=***" : String(option)
        }
        return text[...question] + options.joined(separator: "&")
    }
}
