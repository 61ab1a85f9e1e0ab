import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import Testing
@testable import TriageViewer

/// The viewer over real HTTP on 127.0.0.1: a free port, statuses, headers, methods, and a clean stop.
@Suite("Viewer server")
struct ViewerServerTests {
    /// Where a running server listens, handed over from `onListening`.
    actor Address {
        private var url: URL?
        private var waiters: [CheckedContinuation<URL, Never>] = []
        func set(_ url: URL) {
            self.url = url
            for waiter in waiters { waiter.resume(returning: url) }
            waiters = []
        }
        func get() async -> URL {
            if let url { return url }
            return await withCheckedContinuation { waiters.append($0) }
        }
    }

    /// Runs `body` against a server on a free port over `viewer`, then cancels the server and waits for it to end.
    static func withServer(_ viewer: Viewer, _ body: (URL) async throws -> Void) async throws {
        let address = Address()
        let server = ViewerServer(viewer: viewer, port: 0, logger: Logger(label: "viewer-test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let task = Task { try await server.run(handlingSignals: false) { await address.set($0) } }
        let url = await address.get()
        do {
            try await body(url)
        } catch {
            task.cancel()
            _ = await task.result
            throw error
        }
        task.cancel()
        _ = try await task.value
    }

    static func fetch(_ url: URL, method: String = "GET") async throws -> (status: Int, headers: [AnyHashable: Any], body: String) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, http.allHeaderFields, String(decoding: data, as: UTF8.self))
    }

    @Test func servesPagesWithTheirStatusOn127001() async throws {
        let fixture = try ViewerFixture.make()
        defer { fixture.remove() }
        try await Self.withServer(Viewer(store: fixture.store)) { url in
            #expect(url.host == "127.0.0.1")
            #expect((url.port ?? 0) > 0)
            let home = try await Self.fetch(url)
            #expect(home.status == 200)
            #expect(home.body.contains("href=\"/runs/2\""))
            #expect((home.headers["Content-Type"] as? String) == "text/html; charset=utf-8")
            #expect((home.headers["Content-Security-Policy"] as? String) == "default-src 'none'; style-src 'unsafe-inline'")
            let base = url.absoluteString.dropLast()
            #expect(try await Self.fetch(URL(string: base + "/runs/2/scenarios/core/hostile")!).status == 200)
            #expect(try await Self.fetch(URL(string: base + "/runs/99")!).status == 404)
            #expect(try await Self.fetch(URL(string: base + "/compare?a=x&b=1")!).status == 400)
            let post = try await Self.fetch(url, method: "POST")
            #expect(post.status == 405)
            #expect((post.headers["Allow"] as? String) == "GET, HEAD")
        }
    }
}
