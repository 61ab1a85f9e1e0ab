import Foundation
import Testing
import Yams

/// The CI examples under docs/ci (also shown in the README) are valid YAML, and every triage-eval command line
/// in them parses with the real binary (`TRIAGE_EVAL_PARSE_ONLY=1` checks flags and values without running).
@Suite("CI examples")
struct CIExamplesTests {
    /// The `run:` / `script:` texts of a workflow: every string scalar of the document.
    static func scalars(_ node: Node) -> [String] {
        switch node {
        case .scalar(let scalar): return [scalar.string]
        case .mapping(let mapping): return mapping.flatMap { scalars($0.key) + scalars($0.value) }
        case .sequence(let sequence): return sequence.flatMap(scalars)
        case .alias: return []
        }
    }

    /// The triage-eval invocations in shell text, as argument lists with CI variables replaced by sample values.
    static func commandLines(in text: String) -> [[String]] {
        let joined = text.replacingOccurrences(of: "\\\n", with: " ")
        var found: [[String]] = []
        for line in joined.split(separator: "\n") {
            guard let range = line.range(of: ".build/release/triage-eval ") else { continue }
            var command = String(line[range.upperBound...])
            for end in [" || ", " && ", " | ", ";"] { if let cut = command.range(of: end) { command = String(command[..<cut.lowerBound]) } }
            // ${{ matrix.shard }} and friends, then $VARIABLES.
            command = command.replacingOccurrences(of: #"\$\{\{[^}]*\}\}"#, with: "1", options: .regularExpression)
            let samples = ["CI_NODE_INDEX": "2", "CI_NODE_TOTAL": "4", "CI_PIPELINE_ID": "123", "TRIAGE_EVAL_DB": "postgresql://triage@db:5432/triage_eval"]
            for (name, value) in samples { command = command.replacingOccurrences(of: "$" + name, with: value) }
            found.append(command.split(separator: " ").map { $0.replacingOccurrences(of: "\"", with: "") })
        }
        return found
    }

    @Test(arguments: ["github-actions.yml", "gitlab-ci.yml"])
    func everyCommandLineParses(file: String) throws {
        let text = try String(contentsOfFile: CLI.root + "/docs/ci/" + file, encoding: .utf8)
        let document = try #require(try Yams.compose(yaml: text))
        let commands = Self.scalars(document).flatMap(Self.commandLines)
        // Shard, gate and the Markdown report.
        #expect(commands.map(\.first) == ["run", "gate", "report"])
        #expect(commands.contains { $0.contains("--shard") && $0.contains("--group") })
        for arguments in commands {
            let output = try CLI.run(arguments, environment: ["TRIAGE_EVAL_PARSE_ONLY": "1"])
            #expect(output.status == 0, "\(arguments.joined(separator: " ")): \(output.stderr)")
            #expect(output.stderr.isEmpty)
        }
        // The README shows the same files.
        let readme = try String(contentsOfFile: CLI.root + "/README.md", encoding: .utf8)
        #expect(readme.contains(text.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    @Test func theParseOnlyCheckRefusesAnUnknownFlag() throws {
        let output = try CLI.run(["gate", "group:g", "--shards", "3", "--min-acuracy", "0.9"], environment: ["TRIAGE_EVAL_PARSE_ONLY": "1"])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("Error: Unknown option '--min-acuracy'"))
    }
}
