import Foundation
import Logging
import TriageEngine
@testable import TriageEval

/// Shared fixtures for harness tests.
enum EvalFixtures {
    /// The repository root.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    static let policy: Policy = try! PolicyLoader.load(directory: root + "/rules")

    /// A logger that drops everything, for tests that do not look at logs.
    static let logger = Logger(label: "triage-eval.tests", factory: { _ in SwiftLogNoOpLogHandler() })

    /// Loads a suite from text.
    static func suite(_ text: String, path: String = "scenarios/t.yaml") throws -> Suite {
        try SuiteLoader(taxonomy: policy.taxonomy).load(file: YAMLFile(path: path, text: text))
    }

    static func errorText(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "no error" } catch { return "\(error)" }
    }

    /// A temporary directory removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("triage-eval-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A workspace over the shipped rules and prompts with the given suite files.
    static func workspace(_ suites: [String]) throws -> Workspace {
        try Workspace.load(rules: root + "/rules", prompts: root + "/prompts", suitePaths: suites)
    }

    /// A minimal scenario header for loader tests.
    static let header = """
        suite: t
        scenarios:
          - id: a
            channel: email
            plan: pro
            customer: Lee
            messages:
              - {role: customer, text: "hi"}

        """
}
