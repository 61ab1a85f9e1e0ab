import Foundation

/// Prints a rendered report on standard output and, with `--output FILE`, also writes it there (exit 3 when
/// the file cannot be written): one behaviour for run, report, compare and drift.
func emitReport(_ text: String, output: String?) throws {
    FileHandle.standardOutput.write(Data(text.utf8))
    guard let output else { return }
    do { try text.write(toFile: output, atomically: true, encoding: .utf8) } catch {
        throw CommandFailure.incomplete("cannot write \(output): \(error.localizedDescription)")
    }
}
