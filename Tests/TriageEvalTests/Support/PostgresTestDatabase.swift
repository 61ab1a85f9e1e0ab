import Foundation
import Testing
@testable import TriageEval

/// A fresh PostgreSQL database of one test on the server `TRIAGE_EVAL_TEST_POSTGRES` names (what
/// `scripts/test-postgres.sh` and `.ci/run` start), dropped by ``drop()``. Each test gets its own, so tests
/// run in parallel. Without the variable the tests that need a server fail saying how to start one, unless
/// `TRIAGE_EVAL_SKIP_POSTGRES=1` skips them (CI never sets it).
struct PostgresTestDatabase {
    /// The URL of the server's maintenance database.
    static let urlVariable = "TRIAGE_EVAL_TEST_POSTGRES"
    /// Set to 1 to skip the tests that need PostgreSQL.
    static let skipVariable = "TRIAGE_EVAL_SKIP_POSTGRES"

    /// Whether the PostgreSQL tests are skipped.
    static var isSkipped: Bool { ProcessInfo.processInfo.environment[skipVariable] == "1" }

    /// Why a test that needs PostgreSQL cannot run.
    struct NoServer: Error, CustomStringConvertible {
        var description: String {
            "\(urlVariable) is not set: start a test server with `scripts/test-postgres.sh start` and `eval \"$(scripts/test-postgres.sh env)\"` "
                + "(or point \(urlVariable) at a database whose user may CREATE DATABASE), or set \(skipVariable)=1 to skip the PostgreSQL tests"
        }
    }

    /// The database's URL.
    let url: PostgresURL
    /// Its name.
    let name: String
    private let server: PostgresURL

    /// Creates an empty database.
    init() throws {
        guard let text = ProcessInfo.processInfo.environment[Self.urlVariable], !text.isEmpty else { throw NoServer() }
        server = try PostgresURL(text)
        name = "triage_eval_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let admin = try PostgresConnection(url: server)
        try admin.executeScript("CREATE DATABASE \(name)")
        url = try PostgresURL(Self.replacingDatabase(of: text, with: name))
    }

    /// Drops the database, closing whatever connections are left.
    func drop() {
        guard let admin = try? PostgresConnection(url: server) else { return }
        try? admin.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Opens a store on the database.
    func store() throws -> PostgresStore { try PostgresStore(url: url) }

    /// `text` with its database name replaced.
    static func replacingDatabase(of text: String, with database: String) -> String {
        let scheme = text.range(of: "://")!
        let afterScheme = text[scheme.upperBound...]
        let query = afterScheme.firstIndex(of: "?") ?? text.endIndex
        let slash = afterScheme[..<query].firstIndex(of: "/") ?? query
        return text[..<slash] + "/" + database + text[query...]
    }
}
