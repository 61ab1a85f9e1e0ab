import Foundation

/// The starting point `triage-eval init` writes: rules, prompts, a starter suite and a CI workflow, kept as
/// data in the `Init/Templates` resource folder (the rules and prompts are copies of the shipped ones; a test
/// keeps them equal).
public struct ProjectTemplate: Sendable {
    /// One file to write: where it goes in the project and what it holds.
    public struct File: Sendable, Equatable {
        /// The path relative to the project directory, e.g. `rules/taxonomy.yaml`.
        public var path: String
        /// The file's bytes.
        public var contents: Data
    }

    /// The files, sorted by path.
    public let files: [File]

    /// Where a template folder lands in the project when its name differs (resource folders cannot start with a dot).
    static let destinations = ["ci/": ".github/workflows/"]

    /// Loads the template shipped with the library.
    public static func shipped() throws -> ProjectTemplate {
        guard let root = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw ProjectInitError.missingTemplates
        }
        return try ProjectTemplate(directory: root)
    }

    /// Loads a template from a folder: every regular file under it, by relative path.
    public init(directory: URL) throws {
        let rootPath = directory.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: rootPath) else { throw ProjectInitError.missingTemplates }
        var files: [File] = []
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = rootPath + "/" + relative
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            var path = relative
            for (from, to) in Self.destinations where path.hasPrefix(from) { path = to + path.dropFirst(from.count) }
            files.append(File(path: path, contents: try Data(contentsOf: URL(fileURLWithPath: full))))
        }
        self.files = files.sorted { $0.path < $1.path }
    }

    /// Writes the template's files under `directory` (created if missing). With ``ExistingFiles/refuse`` it
    /// refuses before writing anything when any file already exists, naming the first; ``ExistingFiles/keep``
    /// writes only the files that are missing (an older project gains templates added since, such as
    /// `prompts/contradiction.yaml`); ``ExistingFiles/overwrite`` writes them all. Returns the paths written,
    /// relative to `directory`.
    @discardableResult
    public func write(to directory: String, existing: ExistingFiles = .refuse) throws -> [String] {
        let manager = FileManager.default
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        if existing == .refuse, let first = files.first(where: { manager.fileExists(atPath: base + "/" + $0.path) }) {
            throw ProjectInitError.fileExists(base + "/" + first.path)
        }
        var written: [String] = []
        for file in files {
            let url = URL(fileURLWithPath: base + "/" + file.path)
            if existing == .keep && manager.fileExists(atPath: url.path) { continue }
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.contents.write(to: url)
            } catch {
                throw ProjectInitError.cannotWrite(url.path, error.localizedDescription)
            }
            written.append(file.path)
        }
        return written
    }

    /// What ``write(to:existing:)`` does with a file that already exists.
    public enum ExistingFiles: Sendable {
        /// Write nothing and fail, naming the first such file (`init`).
        case refuse
        /// Leave it as it is and write the others (`init --missing`).
        case keep
        /// Overwrite it (`init --force`).
        case overwrite
    }
}
