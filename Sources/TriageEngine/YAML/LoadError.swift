import Foundation

/// An error in a rule, prompt, scenario or model file, positioned at a line and column.
///
/// Rendered the way compilers and Yams render errors, so a user can fix the file from the message alone:
/// ```
/// scenarios/core.yaml:42:15: error: unknown category "refund"; expected one of: billing, how_to
///       category: refund
///                 ^
/// ```
public struct LoadError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file the error is in, as the user named it.
    public let file: String
    /// 1-based line, or 0 when the error concerns the whole file.
    public let line: Int
    /// 1-based column (in Unicode scalars), or 0 when the error concerns the whole file.
    public let column: Int
    /// What is wrong and what was expected.
    public let message: String
    /// The offending line followed by a caret line, or empty.
    public let snippet: String

    /// Creates an error at a position; `source` is the file's text, used to quote the offending line with a
    /// caret under `caretColumn` (by default `column`; another when the quote is not the line as written,
    /// such as a line with its personal data redacted).
    public init(file: String, line: Int, column: Int, message: String, source: String? = nil, caretColumn: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        if let source, line > 0 {
            self.snippet = LoadError.snippet(source: source, line: line, column: caretColumn ?? column)
        } else {
            self.snippet = ""
        }
    }

    /// The full rendering: `file:line:column: error: message`, then the line and a caret.
    public var description: String {
        let position = line > 0 ? "\(file):\(line):\(column)" : file
        if snippet.isEmpty { return "\(position): error: \(message)" }
        return "\(position): error: \(message)\n\(snippet)"
    }

    static func snippet(source: String, line: Int, column: Int) -> String {
        var current = 1
        var text = Substring("")
        for candidate in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == line { text = candidate; break }
            current += 1
        }
        if text.hasSuffix("\r") { text = text.dropLast() }
        // Tabs become spaces and control characters U+FFFD, one scalar each, so the caret stays aligned and no
        // terminal escape from a hostile file reaches the user's terminal.
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\t" { cleaned.append(" ") } else if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { cleaned.append("\u{FFFD}") } else { cleaned.append(scalar) }
        }
        let expanded = String(cleaned)
        let caretColumn = max(0, min(column - 1, expanded.unicodeScalars.count))
        return expanded + "\n" + String(repeating: " ", count: caretColumn) + "^"
    }
}

/// Several load errors found in one pass, so a user sees every problem at once.
public struct LoadErrors: Error, CustomStringConvertible, Sendable {
    /// The errors in file order.
    public let errors: [LoadError]

    /// Wraps a non-empty list of errors.
    public init(_ errors: [LoadError]) { self.errors = errors }

    /// One error after another, separated by newlines.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
