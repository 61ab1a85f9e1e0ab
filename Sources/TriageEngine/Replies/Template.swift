/// A text with `{{variable}}` placeholders, parsed once and rendered many times.
public struct Template: Sendable, Equatable {
    enum Segment: Sendable, Equatable {
        case text(String)
        case variable(String)
    }

    let segments: [Segment]
    /// The template as written.
    public let source: String

    /// The variable names the template uses, in order of first use.
    public var variables: [String] {
        var seen: [String] = []
        for case let .variable(name) in segments where !seen.contains(name) { seen.append(name) }
        return seen
    }

    /// Parses a template; throws a message naming the problem (the caller positions it).
    public init(_ source: String) throws(TemplateError) {
        self.source = source
        var segments: [Segment] = []
        var rest = Substring(source)
        while let open = rest.range(of: "{{") {
            if open.lowerBound > rest.startIndex { segments.append(.text(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                throw TemplateError(message: "unclosed \"{{\" in template")
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else {
                throw TemplateError(message: "invalid variable name \"{{\(name)}}\" in template")
            }
            segments.append(.variable(name))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { segments.append(.text(String(rest))) }
        self.segments = segments
    }

    /// Renders with the given values; a variable without a value renders as empty text.
    public func render(_ values: [String: String]) -> String {
        render { values[$0] }
    }

    /// Renders with a variable's value given by `value` (nil: empty text).
    func render(_ value: (String) -> String?) -> String {
        var output = ""
        output.reserveCapacity(source.utf8.count + 64)
        for segment in segments {
            switch segment {
            case let .text(text): output += text
            case let .variable(name): output += value(name) ?? ""
            }
        }
        return output
    }
}

/// A template that does not parse.
public struct TemplateError: Error, Sendable, Equatable {
    /// What is wrong.
    public let message: String
}

import Foundation
