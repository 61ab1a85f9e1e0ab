import Foundation

extension PipelineConfiguration {
    /// Loads what a service needs from the shipped directories: the policy from `rules`, and from `prompts`
    /// the reply templates (`replies.yaml`), the models (`models.yaml`, when present) and the model prompts
    /// (`classify`, `reclassify`, `reply`, when present). Other files there (the harness's judge prompt) are
    /// not read. Every problem in every file is reported together.
    /// - Parameters:
    ///   - rules: the rules directory.
    ///   - prompts: the prompts directory.
    ///   - model: the model that classifies; nil for the built-in engine.
    /// - Throws: ``LoadErrors``, each positioned at its file, line and column.
    public static func load(rules: String, prompts: String, model: String? = nil) throws(LoadErrors) -> PipelineConfiguration {
        let policy: Policy
        do {
            policy = try PolicyLoader.load(directory: rules)
        } catch let errors as LoadErrors {
            throw errors
        } catch {
            throw LoadErrors([loadError(error, file: rules)])
        }
        let base = prompts.hasSuffix("/") ? String(prompts.dropLast()) : prompts
        var errors: [LoadError] = []
        var replies: ReplyTemplates?
        var catalog = ModelCatalog()
        var templates: [String: PromptTemplate] = [:]
        do {
            replies = try ReplyTemplates.load(file: YAMLFile.read(path: base + "/replies.yaml"), taxonomy: policy.taxonomy)
        } catch {
            errors.append(loadError(error, file: base + "/replies.yaml"))
        }
        let modelsPath = base + "/models.yaml"
        if FileManager.default.fileExists(atPath: modelsPath) {
            do { catalog = try ModelCatalog.load(file: YAMLFile.read(path: modelsPath)) } catch { errors.append(loadError(error, file: modelsPath)) }
        }
        for name in modelPrompts {
            let path = base + "/\(name).yaml"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            do { templates[name] = try PromptTemplate.load(path: path) } catch { errors.append(loadError(error, file: path)) }
        }
        guard errors.isEmpty, let replies else { throw LoadErrors(errors) }
        return PipelineConfiguration(policy: policy, replies: replies, prompts: templates, models: catalog, model: model)
    }

    private static func loadError(_ error: any Error, file: String) -> LoadError {
        if let error = error as? LoadError { return error }
        if let errors = error as? LoadErrors, let first = errors.errors.first { return first }
        return LoadError(file: file, line: 0, column: 0, message: "\(error)")
    }
}
