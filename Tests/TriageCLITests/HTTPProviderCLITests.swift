import Foundation
import LoopbackServer
import Testing
import TriageEngine

/// `run --model` of a `provider: http` model through the built binary: a deployed service (here the engine's
/// own pipeline behind a bearer token on loopback) is evaluated end to end, replayed with the server gone,
/// and its token is never stored.
@Suite("CLI provider http", .serialized)
struct HTTPProviderCLITests {
    let scratch = ScratchDirectory()

    @Test func aDeployedServiceIsRunReplayedAndItsTokenNeverStored() async throws {
        let secret = "staging-token-\(UUID().uuidString)"
        let configuration = try PipelineConfiguration.load(rules: CLI.root + "/" + CLI.fixtures + "rules", prompts: CLI.root + "/" + CLI.fixtures + "prompts")
        let service = TriagePipeline(policy: configuration.policy, replies: configuration.replies)
        let server = try LoopbackServer { request in
            guard request.header("authorization") == "Bearer \(secret)" else { return .json(#"{"error": "unauthorized"}"#, status: 401) }
            guard let ticket = try? JSONDecoder().decode(Ticket.self, from: request.body),
                  let decision = try? await service.triage(ticket) else { return .json(#"{"error": "bad request"}"#, status: 400) }
            return .json(decision.json)
        }
        let models = scratch.file("models.yaml")
        try """
            models:
              - name: staging
                provider: http
                url: \(server.baseURL.absoluteString)/triage
                headers: {Authorization: "Bearer ${STAGING_TOKEN}"}
            """.write(toFile: models, atomically: true, encoding: .utf8)
        let arguments = ["run", CLI.fixtures + "pass.yaml"] + CLI.fixtureFiles + ["--models", models, "--model", "staging", "--db", scratch.database]

        let first = try CLI.run(arguments, environment: ["STAGING_TOKEN": secret])
        let requests = server.acceptedConnections
        server.stop()
        #expect(first.status == 0, "\(first.stdout)\n\(first.stderr)")
        #expect(first.stderr == "")
        #expect(first.stdout.hasPrefix("triage-eval run #1 (completed): 3 scenario runs, http [staging]"))
        #expect(first.stdout.contains("\nAccuracy  3/3 = 100.0%"))
        #expect(requests >= 1)

        // The token is read from the environment at run time; without it the run stops before any request.
        let keyless = try CLI.run(arguments, unsetting: ["STAGING_TOKEN"])
        #expect(keyless.status == 2)
        #expect(keyless.stderr == "triage-eval: model \"staging\" needs the environment variable STAGING_TOKEN (named in its header Authorization); it is not set\n")

        // Replay answers from the store's cache, keyed by the request body: no server, no token.
        let replay = try CLI.run(arguments + ["--replay"], unsetting: ["STAGING_TOKEN"])
        #expect(replay.status == 0, "\(replay.stdout)\n\(replay.stderr)")
        #expect(replay.stdout.hasPrefix("triage-eval run #2 (completed): 3 scenario runs, http [staging]"))
        #expect(replay.stdout.contains("\nAccuracy  3/3 = 100.0%"))

        var scanned = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: scratch.path) where file.hasPrefix("runs.sqlite") {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: scratch.file(file)))
            scanned += bytes.count
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "the token is in \(file)")
        }
        #expect(scanned > 10_000)
    }
}
