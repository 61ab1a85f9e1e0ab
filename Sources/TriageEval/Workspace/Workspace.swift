import Foundation
import TriageEngine

/// Everything a run needs, loaded and checked before any scenario runs: the policy, the reply templates and
/// the suites, with the content hash of every file.
public struct Workspace: Sendable {
    /// The policy from the rules directory.
    public var policy: Policy
    /// The reply templates from the prompts directory.
    public var replies: ReplyTemplates
    /// The suites in load order.
    public var suites: [Suite]

    /// Every file used, in load order.
    public var sources: [SourceFile] { policy.sources + [replies.source] + suites.map(\.source) }
    /// All scenarios of all suites.
    public var scenarios: [Scenario] { suites.flatMap(\.scenarios) }

    /// Loads the rules, prompts and suites; every problem in every file is reported together.
    public static func load(rules: String, prompts: String, suitePaths: [String]) throws(LoadErrors) -> Workspace {
        let policy: Policy
        do {
            policy = try PolicyLoader.load(directory: rules)
        } catch {
            throw LoadErrors([Self.loadError(error, file: rules)])
        }
        var errors: [LoadError] = []
        var replies: ReplyTemplates?
        let promptsBase = prompts.hasSuffix("/") ? String(prompts.dropLast()) : prompts
        do {
            replies = try ReplyTemplates.load(path: promptsBase + "/replies.yaml", taxonomy: policy.taxonomy)
        } catch {
            errors.append(Self.loadError(error, file: promptsBase + "/replies.yaml"))
        }
        var suites: [Suite] = []
        let loader = SuiteLoader(taxonomy: policy.taxonomy)
        var files: [String] = []
        for path in suitePaths {
            do { files += try SuiteLoader.files(at: path) } catch { errors.append(Self.loadError(error, file: path)) }
        }
        var seenIDs: [String: String] = [:]
        var seenSuites: [String: String] = [:]
        for file in files {
            do {
                let yaml = try YAMLFile.read(path: file)
                let suite = try loader.load(file: yaml)
                if let other = seenSuites[suite.name] {
                    errors.append(LoadError(file: file, line: 1, column: 1, message: "duplicate suite name \"\(suite.name)\" (also in \(other))", source: yaml.text))
                    continue
                }
                seenSuites[suite.name] = file
                for scenario in suite.scenarios {
                    if let other = seenIDs[scenario.id] {
                        errors.append(LoadError(file: file, line: scenario.line, column: 1,
                                                message: "duplicate scenario id \"\(scenario.id)\" (also in \(other))", source: yaml.text))
                    }
                    seenIDs[scenario.id] = file
                }
                suites.append(suite)
            } catch {
                errors.append(Self.loadError(error, file: file))
            }
        }
        if !errors.isEmpty { throw LoadErrors(errors) }
        return Workspace(policy: policy, replies: replies!, suites: suites)
    }

    static func loadError(_ error: any Error, file: String) -> LoadError {
        if let error = error as? LoadError { return error }
        if let errors = error as? LoadErrors, let first = errors.errors.first { return first }
        return LoadError(file: file, line: 0, column: 0, message: "\(error)")
    }
}
