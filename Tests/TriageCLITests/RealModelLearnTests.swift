import Foundation
import Testing

/// Opt-in: `learn import --embedding-model` against the real embedding server of `../shared/realllm/serve.sh`
/// (smollm2-135m-instruct, mean-pooled `/v1/embeddings`) on the first 40 conversations of the sample export against
/// the 3 scenarios of `Tests/Fixtures/realllm/small.yaml` (a CPU-only server embeds ~40 tokens a second when busy).
/// The model is tiny, so what it calls a near-duplicate is not pinned; the import must complete, account for every
/// conversation, keep the planted e-mail addresses out of the store, and add nothing when run again. Run with
/// `TRIAGE_EVAL_REALLLM=1 swift test --filter RealModelLearn` after `serve.sh start` (`REALLLM_PORT` if not 8088).
@Suite("RealModelLearn", .serialized, .enabled(if: ProcessInfo.processInfo.environment["TRIAGE_EVAL_REALLLM"] == "1"))
struct RealModelLearnTests {
    let scratch = ScratchDirectory()

    @Test(.timeLimit(.minutes(30)))
    func learnImportWithARealEmbeddingModel() throws {
        let port = ProcessInfo.processInfo.environment["REALLLM_PORT"] ?? "8088"
        let models = scratch.file("models.yaml")
        try """
            models:
              - {name: real-smollm2-embed, provider: openai, base_url: "http://127.0.0.1:\(port)/v1", model: smollm2-135m-instruct, timeout_seconds: 600}
            """.write(toFile: models, atomically: true, encoding: .utf8)
        let lines = try String(contentsOfFile: "Tests/Fixtures/production/export.jsonl", encoding: .utf8).split(separator: "\n").prefix(40)
        let export = scratch.file("export.jsonl")
        try lines.joined(separator: "\n").write(toFile: export, atomically: true, encoding: .utf8)
        let arguments = ["learn", "import", export, "--suites", "Tests/Fixtures/realllm/small.yaml", "--db", scratch.database,
                         "--models", models, "--embedding-model", "real-smollm2-embed"]
        let key = ["TRIAGE_EVAL_PSEUDONYM_KEY": "real-model-learn"]
        let imported = try CLI.run(arguments, environment: key)
        print(imported.stdout)
        print(imported.stderr)
        #expect(imported.status == 0)
        // The same items as with the offline embedding; only which of them are duplicates may differ.
        #expect(imported.stdout.hasPrefix("40 conversations read: 10 new, 0 already imported, 30 with nothing to learn"))
        let list = try CLI.run(["learn", "list", "--format", "json", "--db", scratch.database])
        let items = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 10)
        let duplicates = items.filter { $0["status"] as? String == "duplicate" }
        print("real embedding model: \(duplicates.count) of 10 items marked duplicate: \(duplicates.map { "\($0["conversation_id"]!) of \($0["duplicate_of"]!) at \($0["similarity"]!)" })")
        #expect(duplicates.allSatisfy { ($0["similarity"] as? Double ?? 0) >= 0.85 })
        let store = try Data(contentsOf: URL(fileURLWithPath: scratch.database))
            + ((try? Data(contentsOf: URL(fileURLWithPath: scratch.database + "-wal"))) ?? Data())
        let emails = lines.joined(separator: "\n").matches(of: /[a-z]+\.[a-z]+[0-9]+@example\.com/).map { String($0.output) }
        #expect(!emails.isEmpty)
        #expect(emails.filter { store.range(of: Data($0.utf8)) != nil } == [])

        let again = try CLI.run(arguments, environment: key)
        #expect(again.status == 0)
        #expect(again.stdout == "40 conversations read: 0 new, 10 already imported, 30 with nothing to learn (no correction or negative feedback)\n")
    }
}
