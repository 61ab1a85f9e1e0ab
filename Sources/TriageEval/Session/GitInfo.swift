import Foundation

/// The git commit of the working directory, for run provenance.
public enum GitInfo {
    /// `HEAD`'s commit, with `-dirty` when the tree has uncommitted changes; nil outside a repository.
    public static func currentCommit(directory: String = FileManager.default.currentDirectoryPath) -> String? {
        guard let commit = git(["rev-parse", "HEAD"], in: directory)?.trimmingCharacters(in: .whitespacesAndNewlines), commit.count >= 7 else {
            return nil
        }
        let status = git(["status", "--porcelain", "--untracked-files=no"], in: directory) ?? ""
        return status.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? commit : commit + "-dirty"
    }

    static func git(_ arguments: [String], in directory: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
