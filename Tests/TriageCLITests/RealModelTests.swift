import Foundation
import Testing

/// Opt-in: a small suite end to end against the real model server of `../shared/realllm/serve.sh`
/// (smollm2-135m-instruct for classification and embeddings), stored, reported, then re-run with `--replay`
/// which must give identical labels without contacting the server. Run with
/// `TRIAGE_EVAL_REALLLM=1 swift test --filter RealModel` after `serve.sh start` (`REALLLM_PORT` if not 8088).
@Suite("RealModel", .serialized, .enabled(if: ProcessInfo.processInfo.environment["TRIAGE_EVAL_REALLLM"] == "1"))
struct RealModelTests {
    let scratch = ScratchDirectory()

    @Test(.timeLimit(.minutes(30)))
    func smallSuiteEndToEndThenReplay() throws {
        let port = ProcessInfo.processInfo.environment["REALLLM_PORT"] ?? "8088"
        let directory = URL(fileURLWithPath: scratch.path)
        let models = directory.appendingPathComponent("models.yaml").path
        try """
            models:
              - {name: real-smollm2, provider: openai, base_url: "http://127.0.0.1:\(port)/v1", model: smollm2-135m-instruct,
                 temperature: 0, max_tokens: 300, timeout_seconds: 300, structured_output: json_object}
              - {name: real-smollm2-embed, provider: openai, base_url: "http://127.0.0.1:\(port)/v1", model: smollm2-135m-instruct, timeout_seconds: 120}
            """.write(toFile: models, atomically: true, encoding: .utf8)
        let db = directory.appendingPathComponent("runs.sqlite").path
        let common = ["Tests/Fixtures/realllm/small.yaml", "--db", db, "--models", models, "--model", "real-smollm2",
                      "--embedding-model", "real-smollm2-embed"]
        let recorded = try CLI.run(["run"] + common + ["--concurrency", "2"])
        print(recorded.stdout)
        print(recorded.stderr)
        // The model is weak; the run must complete and tell the truth, whatever the accuracy.
        #expect([0, 1].contains(recorded.status))
        #expect(recorded.stdout.contains("llm [real-smollm2]"))
        #expect(recorded.stdout.contains("Model calls"))
        let replayed = try CLI.run(["run"] + common + ["--replay"])
        print(replayed.stdout)
        #expect(replayed.status == recorded.status)
        let first = try CLI.run(["report", "1", "--db", db, "--format", "json"])
        let second = try CLI.run(["report", "2", "--db", db, "--format", "json"])
        func labels(_ json: String) throws -> [String] {
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
            return (object["results"] as! [[String: Any]]).map { result in
                "\(result["id"]!) \(result["status"]!) \((result["actual"] as? [String: Any]).map { "\($0["category"]!) \($0["team"]!) \($0["priority"]!)" } ?? "-")"
            }
        }
        #expect(try labels(first.stdout) == labels(second.stdout))
        let usage = try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as! [String: Any]
        let calls = usage["usage"] as! [String: Any]
        #expect(calls["cached_calls"] as? Int == calls["calls"] as? Int)
    }

    /// `quality --judge-model` on the first 3 conversations of the sample export (on 2 shared cores the tiny
    /// model takes about a minute a call) with the tiny real model as the judge and its embeddings for loops: it
    /// must not crash, every conversation is either scored or listed as errored (a tiny model often answers
    /// garbage), the exit status says which, and a replay gives the same report.
    @Test(.timeLimit(.minutes(30)))
    func qualityWithARealJudgeReportsTruthfully() throws {
        let port = ProcessInfo.processInfo.environment["REALLLM_PORT"] ?? "8088"
        let models = scratch.file("models.yaml")
        try """
            models:
              - {name: real-smollm2, provider: openai, base_url: "http://127.0.0.1:\(port)/v1", model: smollm2-135m-instruct,
                 temperature: 0, max_tokens: 300, timeout_seconds: 300, structured_output: json_object}
              - {name: real-smollm2-embed, provider: openai, base_url: "http://127.0.0.1:\(port)/v1", model: smollm2-135m-instruct, timeout_seconds: 120}
            """.write(toFile: models, atomically: true, encoding: .utf8)
        let lines = try String(contentsOfFile: CLI.root + "/Tests/Fixtures/production/export.jsonl", encoding: .utf8).split(separator: "\n").prefix(3)
        let export = scratch.file("export.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(toFile: export, atomically: true, encoding: .utf8)
        let arguments = ["quality", export, "--judge-model", "real-smollm2", "--embedding-model", "real-smollm2-embed", "--models", models,
                         "--db", scratch.file("quality.sqlite"), "--format", "json"]
        let recorded = try CLI.run(arguments)
        print(recorded.stdout)
        print(recorded.stderr)
        #expect([0, 3].contains(recorded.status))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(recorded.stdout.utf8)) as? [String: Any])
        let scored = try #require(object["conversations"] as? Int)
        let errored = try #require(object["errored"] as? [[String: Any]])
        #expect(scored + errored.count == 3)
        #expect((object["contradiction_check"] as? String)?.hasPrefix("judge real-smollm2 (prompt contradiction@") == true)
        #expect(object["embedding_model"] as? String == "real-smollm2-embed")
        if errored.isEmpty {
            #expect(recorded.status == 0)
        } else {
            #expect(recorded.status == 3)
            #expect(recorded.stderr.contains("triage-eval: \(errored.count) conversation\(errored.count == 1 ? "" : "s") could not be scored ("))
        }
        let replayed = try CLI.run(arguments + ["--replay"])
        #expect(replayed.status == recorded.status)
        #expect(replayed.stdout == recorded.stdout)
    }
}
