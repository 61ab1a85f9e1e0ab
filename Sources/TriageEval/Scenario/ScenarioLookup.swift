import Foundation
import TriageEngine

/// The scenario a stored result ran, read again from the suite files its run recorded, when they are still
/// there unchanged: the store keeps no ticket text for the built-in engine, so this is how `triage-eval view`
/// shows what was triaged. A file that moved or changed since the run is reported, never silently read.
public enum ScenarioLookup: Sendable, Equatable {
    /// The scenario, from the file at `path` (line ``Scenario/line``).
    case found(Scenario, path: String)
    /// Why it cannot be shown, in a sentence.
    case unavailable(String)

    /// The largest suite file read again (about 12,000 scenarios): a page must not parse a huge suite.
    public static let maxFileBytes = 8_000_000

    /// Looks up the scenario `id` of suite `suite` in the suite files of `sources` (a run's ``StoredRun/sources``),
    /// with the taxonomy of the rules directory the run recorded; paths are read as recorded (relative ones
    /// from the current directory). Only a file whose SHA-256 is the recorded one is read.
    public static func find(suite: String, id: String, sources: [SourceFile]) -> ScenarioLookup {
        guard let taxonomyFile = sources.first(where: { $0.kind == "rules" && ($0.path as NSString).lastPathComponent == "taxonomy.yaml" }) else {
            return .unavailable("the run recorded no rules directory, so its suite files cannot be read again")
        }
        let rules = (taxonomyFile.path as NSString).deletingLastPathComponent
        let policy: Policy
        do {
            policy = try PolicyLoader.load(directory: rules.isEmpty ? "." : rules)
        } catch {
            return .unavailable("the rules the run used (\(rules)) no longer load, so its suite files cannot be read again")
        }
        let loader = SuiteLoader(taxonomy: policy.taxonomy)
        var problems: [String] = []
        for source in sources where source.kind == "suite" {
            let size = (try? FileManager.default.attributesOfItem(atPath: source.path)[.size] as? Int) ?? nil
            if let size, size > maxFileBytes {
                problems.append("the suite file \(source.path) holds \(size / 1_000_000) MB; tickets are read again only from files up to \(maxFileBytes / 1_000_000) MB, so a page stays quick")
                continue
            }
            guard let file = try? YAMLFile.read(path: source.path) else {
                problems.append("the suite file \(source.path) is no longer there (paths are read from where the command was started)")
                continue
            }
            guard file.sha256 == source.sha256 else {
                problems.append("the suite file \(source.path) has changed since the run (its SHA-256 differs)")
                continue
            }
            guard let loaded = try? loader.load(file: file), loaded.name == suite else { continue }
            if let scenario = loaded.scenarios.first(where: { $0.id == id }) { return .found(scenario, path: source.path) }
        }
        if problems.isEmpty { return .unavailable("no suite file of the run defines \(suite)/\(id)") }
        return .unavailable(problems.joined(separator: "; "))
    }
}
