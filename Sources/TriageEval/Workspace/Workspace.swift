import Foundation
import TriageEngine

/// Everything a run needs, loaded and checked before any scenario runs: the policy, the reply templates,
/// the model prompts, the models and the suites, with the content hash of every file.
public struct Workspace: Sendable {
    /// The policy from the rules directory.
    public var policy: Policy
    /// The reply templates of the built-in engine (`prompts/replies.yaml`).
    public var replies: ReplyTemplates
    /// Model prompts by file name without extension (`classify`, `reclassify`, `reply`, `judge`).
    public var prompts: [String: PromptTemplate]
    /// Models from the models file and the suites' `models:` blocks.
    public var models: ModelCatalog
    /// The suites in load order.
    public var suites: [Suite]

    /// The prompt names a model run needs.
    public static let modelPrompts = PipelineConfiguration.modelPrompts
    /// Variables prompt files may use: the engine's, plus the judge's `reply` and `rubric`, and the contradiction
    /// check's `turns` and `agent_turns`.
    public static let promptVariables = PromptTemplate.variables + ["reply", "rubric"] + JudgeContradictionCheck.variables

    /// All scenarios of all suites.
    public var scenarios: [Scenario] { suites.flatMap(\.scenarios) }

    /// The files a run used: rules, reply templates and suites; with a model, its prompts and configuration.
    public func sources(model: ModelConfig? = nil, judge: ModelConfig? = nil, embedding: ModelConfig? = nil) -> [SourceFile] {
        var files = policy.sources + [replies.source]
        if model != nil { files += Self.modelPrompts.compactMap { prompts[$0]?.source } }
        if judge != nil, let prompt = prompts["judge"] { files.append(prompt.source) }
        if judge != nil, let prompt = prompts[JudgeContradictionCheck.promptName] { files.append(prompt.source) }
        for (role, config) in [("model", model), ("judge", judge), ("embedding", embedding)] {
            if let config { files.append(SourceFile(kind: role, path: "\(role):\(config.name)", sha256: config.configurationHash)) }
        }
        return files + suites.map(\.source)
    }

    /// The prompt files a run may replace one by one (`prompt:NAME=FILE` of a variant), besides those in the directory.
    public static let replaceablePrompts = modelPrompts + ["judge", JudgeContradictionCheck.promptName, "replies"]

    /// How many `rubric` reply assertions the suites hold (they are skipped without a judge model).
    public var rubricAssertionCount: Int {
        suites.reduce(0) { count, suite in
            count + suite.scenarios.reduce(0) { $0 + $1.reply.count { if case .rubric = $0 { true } else { false } } }
        }
    }

    /// What a run with the judge model `judge` (nil for none) should tell the user before it starts: rubric
    /// assertions it will skip without a judge, and `no_contradictions` checks that stay offline although a
    /// judge is given, because the project predates `prompts/contradiction.yaml`.
    public func runNotes(judge: String?) -> [String] {
        var notes: [String] = []
        let rubrics = rubricAssertionCount
        if rubrics > 0 && judge == nil {
            notes.append("\(rubrics) rubric assertion\(rubrics == 1 ? "" : "s") will be skipped: no --judge model given")
        }
        if judge != nil, prompts[JudgeContradictionCheck.promptName] == nil {
            let checks = suites.reduce(0) { $0 + $1.scenarios.count { $0.quality?.noContradictions == true } }
            if checks > 0 {
                notes.append("\(checks) scenario\(checks == 1 ? "" : "s") with no_contradictions will be checked offline, not by the judge: "
                             + "the judge needs prompts/\(JudgeContradictionCheck.promptName).yaml, which this project lacks "
                             + "(`triage-eval init --missing` adds it and leaves every other file alone)")
            }
        }
        return notes
    }

    /// Loads the rules, prompts, models and suites; every problem in every file is reported together.
    /// `promptFiles` replaces single prompt files of the directory by name (`classify` → a file elsewhere).
    public static func load(rules: String, prompts: String, promptFiles: [String: String] = [:], suitePaths: [String],
                            modelsFile: String? = nil) throws(LoadErrors) -> Workspace {
        let policy: Policy
        do {
            policy = try PolicyLoader.load(directory: rules)
        } catch {
            throw LoadErrors([Self.loadError(error, file: rules)])
        }
        var errors: [LoadError] = []
        var replies: ReplyTemplates?
        var templates: [String: PromptTemplate] = [:]
        var catalog = ModelCatalog()
        let promptsBase = prompts.hasSuffix("/") ? String(prompts.dropLast()) : prompts
        let names = (try? FileManager.default.contentsOfDirectory(atPath: promptsBase))?.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted() ?? []
        var promptPaths = names.map { (stem: String($0.prefix { $0 != "." }), path: promptsBase + "/" + $0) }
        for (stem, path) in promptFiles.sorted(by: { $0.key < $1.key }) {
            if let index = promptPaths.firstIndex(where: { $0.stem == stem }) {
                promptPaths[index].path = path
            } else if replaceablePrompts.contains(stem) {
                promptPaths.append((stem, path))
            } else {
                let known = Set(promptPaths.map(\.stem) + replaceablePrompts).sorted()
                errors.append(LoadError(file: path, line: 0, column: 0, message: "unknown prompt \"\(stem)\" to replace; expected one of: \(known.joined(separator: ", "))"))
            }
        }
        if !promptPaths.contains(where: { $0.stem == "replies" }) {
            errors.append(LoadError(file: promptsBase + "/replies.yaml", line: 0, column: 0, message: "no such file (the reply templates are required)"))
        }
        for (stem, path) in promptPaths {
            do {
                let file = try YAMLFile.read(path: path)
                switch stem {
                case "replies": replies = try ReplyTemplates.load(file: file, taxonomy: policy.taxonomy)
                case "models": catalog = try ModelCatalog.load(file: file)
                default: templates[stem] = try PromptTemplate.load(file: file, variables: promptVariables)
                }
            } catch {
                errors.append(Self.loadError(error, file: path))
            }
        }
        if let modelsFile {
            do {
                let extra = try ModelCatalog.load(file: YAMLFile.read(path: modelsFile))
                for model in extra.models where catalog.model(named: model.name) == nil { catalog.models.append(model) }
                catalog.sources += extra.sources
            } catch {
                errors.append(Self.loadError(error, file: modelsFile))
            }
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
                for model in suite.models where catalog.model(named: model.name) == nil { catalog.models.append(model) }
                suites.append(suite)
            } catch {
                errors.append(Self.loadError(error, file: file))
            }
        }
        // With a model configured, `validate` must catch what a model run would miss.
        if catalog.models.contains(where: { $0.provider != .builtin }) {
            for name in modelPrompts where templates[name] == nil {
                errors.append(LoadError(file: promptsBase + "/\(name).yaml", line: 0, column: 0,
                                        message: "no such file (a model run needs it: models are configured: \(catalog.names.joined(separator: ", ")))"))
            }
        }
        if !errors.isEmpty { throw LoadErrors(errors) }
        return Workspace(policy: policy, replies: replies!, prompts: templates, models: catalog, suites: suites)
    }

    static func loadError(_ error: any Error, file: String) -> LoadError {
        if let error = error as? LoadError { return error }
        if let errors = error as? LoadErrors, let first = errors.errors.first { return first }
        return LoadError(file: file, line: 0, column: 0, message: "\(error)")
    }
}
