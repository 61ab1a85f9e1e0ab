/// Why `triage-eval init` wrote nothing (or stopped part-way on a write error).
public struct ProjectInitError: Error, Equatable, CustomStringConvertible {
    private enum Code: Equatable { case fileExists, cannotWrite, missingTemplates }
    private let code: Code
    /// The file concerned, if any.
    public let path: String?
    /// The system's reason, for write errors.
    public let reason: String?

    /// A file the template would write already exists and `--force` was not given.
    public static func fileExists(_ path: String) -> ProjectInitError { ProjectInitError(code: .fileExists, path: path, reason: nil) }
    /// A file could not be written.
    public static func cannotWrite(_ path: String, _ reason: String) -> ProjectInitError { ProjectInitError(code: .cannotWrite, path: path, reason: reason) }
    /// The templates are not next to the binary (a broken install).
    public static let missingTemplates = ProjectInitError(code: .missingTemplates, path: nil, reason: nil)

    /// The message for standard error.
    public var description: String {
        switch code {
        case .fileExists: "\(path ?? "") already exists; nothing was written (use --force to overwrite, or --missing to write only the files that are missing)"
        case .cannotWrite: "cannot write \(path ?? ""): \(reason ?? "")"
        case .missingTemplates: "the init templates are missing from this installation (triage-eval_TriageEval.resources next to the binary)"
        }
    }
}
