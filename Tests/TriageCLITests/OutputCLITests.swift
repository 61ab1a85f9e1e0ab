import Foundation
import Testing

/// `--output FILE` on every command that renders a report, and HTML from `run --variant`.
@Suite("CLI --output", .serialized)
struct OutputCLITests {
    let scratch = ScratchDirectory()

    /// The fixture suite run once into the scratch store.
    func storeOneRun() throws {
        let run = try CLI.run(["run", CLI.fixtures + "pass.yaml", "--db", scratch.database] + CLI.fixtureFiles)
        #expect(run.status == 0)
    }

    func written(_ name: String) throws -> String { try String(contentsOfFile: scratch.file(name), encoding: .utf8) }

    @Test(arguments: [
        (["report", "latest", "--format", "markdown"], "## triage-eval run #1"),
        (["compare", "1", "1", "--format", "markdown"], "## "),
        (["drift", "--format", "text"], "drift of suite smoke: latest run #1"),
        (["report", "1", "--format", "html"], "<!DOCTYPE html>"),
    ])
    func reportCommandsWriteWhatTheyPrint(arguments: [String], prefix: String) throws {
        try storeOneRun()
        let result = try CLI.run(arguments + ["--db", scratch.database, "--output", scratch.file("out")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stdout.isEmpty)
        #expect(try written("out") == result.stdout)
        #expect(result.stdout.hasPrefix(prefix), "\(result.stdout.prefix(80))")
    }

    @Test func qualityWritesWhatItPrints() throws {
        let result = try CLI.run(["quality", CLI.root + "/Tests/Fixtures/production/export.jsonl", "--format", "markdown", "--output", scratch.file("quality.md")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("## Conversation quality\n"))
        #expect(try written("quality.md") == result.stdout)
    }

    @Test func anUnwritableOutputIsExitThree() throws {
        try storeOneRun()
        let result = try CLI.run(["report", "latest", "--db", scratch.database, "--output", scratch.file("missing/dir/out.txt")])
        #expect(result.status == 3)
        #expect(result.stderr.hasPrefix("triage-eval: cannot write \(scratch.file("missing/dir/out.txt")): "))
    }

    @Test func variantsRenderOneHTMLPageWithEveryPair() throws {
        let rules = CLI.fixtures + "rules"
        let result = try CLI.run(["run", CLI.fixtures + "pass.yaml", "--db", scratch.database, "--format", "html", "--output", scratch.file("variants.html"),
                                  "--variant", "a=rules:\(rules)", "--variant", "b=rules:\(rules)", "--variant", "c=rules:\(rules)"] + CLI.fixtureFiles)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(try written("variants.html") == result.stdout)
        #expect(result.stdout.contains("<section id=\"comparison\">"))
        #expect(result.stdout.contains("<section id=\"comparison-2\">\n<h2>A/B comparison: a → c</h2>"))
        #expect(result.stdout.contains("<section id=\"comparison-3\">\n<h2>A/B comparison: b → c</h2>"))
        #expect(result.stdout.contains("<title>triage-eval run #3</title>"))
    }
}
