import Foundation

/// Where a value sits in a service's JSON answer: `$.decision.category`, `$.items[0].text`, or alternatives
/// tried in order, `$.stage2.category | $.stage1.category` (the first that is present and not null wins).
public struct AnswerPath: Sendable, Equatable, CustomStringConvertible {
    /// One step into the JSON: an object key or an array index.
    public enum Step: Sendable, Equatable {
        /// An object member.
        case key(String)
        /// An array element.
        case index(Int)
    }

    /// The alternatives, each a list of steps from the root.
    public let alternatives: [[Step]]
    /// The path as written.
    public let text: String

    /// Parses a path; the error text says what was expected.
    public init(_ text: String) throws(HTTPTargetConfigError) {
        var alternatives: [[Step]] = []
        for part in text.split(separator: "|", omittingEmptySubsequences: false) {
            alternatives.append(try Self.steps(part.trimmingCharacters(in: .whitespaces)))
        }
        self.alternatives = alternatives
        self.text = text
    }

    private static func steps(_ text: String) throws(HTTPTargetConfigError) -> [Step] {
        let expected = "expected a path such as $.decision.category or $.items[0].text"
        guard text.first == "$" else { throw HTTPTargetConfigError("invalid path \"\(text)\"; \(expected)") }
        var steps: [Step] = []
        var rest = text.dropFirst()[...]
        while let first = rest.first {
            if first == "." {
                rest = rest.dropFirst()
                let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                guard !name.isEmpty else { throw HTTPTargetConfigError("invalid path \"\(text)\"; a \".\" must be followed by a key; \(expected)") }
                steps.append(.key(String(name)))
                rest = rest.dropFirst(name.count)
            } else if first == "[" {
                rest = rest.dropFirst()
                let digits = rest.prefix { $0.isASCII && $0.isNumber }
                guard !digits.isEmpty, let index = Int(digits), rest.dropFirst(digits.count).first == "]" else {
                    throw HTTPTargetConfigError("invalid path \"\(text)\"; \"[\" must hold an index such as [0]; \(expected)")
                }
                steps.append(.index(index))
                rest = rest.dropFirst(digits.count + 1)
            } else {
                throw HTTPTargetConfigError("invalid path \"\(text)\"; unexpected \"\(first)\"; \(expected)")
            }
        }
        guard !steps.isEmpty else { throw HTTPTargetConfigError("invalid path \"\(text)\"; \(expected)") }
        return steps
    }

    /// The value at the first alternative that is present and not null, or nil.
    func resolve(in json: JSONValue) -> JSONValue? {
        for steps in alternatives {
            var node: JSONValue? = json
            for step in steps {
                switch step {
                case .key(let key): node = node?[key]
                case .index(let index): node = node?[index]
                }
            }
            if let node, node != .null { return node }
        }
        return nil
    }

    /// The path as written.
    public var description: String { text }
}
