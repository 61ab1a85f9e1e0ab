/// Follows a file's YAML events and finds the first that breaks ``YAMLFile/maxAliasExpandedNodes`` or
/// ``YAMLFile/maxDepth``: shared by ``YAMLFile/checkLimits()`` and the one-pass ``YAMLTreeBuilder``, so both
/// judge a file the same way. Each anchored node's expanded size and height are computed once, when it ends,
/// so a billion-laughs file costs one pass over its text, never its expansion.
struct YAMLLimitTracker {
    /// A limit an event breaks.
    enum Violation: Error {
        /// The alias named takes the file past the expansion limit.
        case aliasExpansion(String)
        /// The alias named nests the file past the depth limit.
        case aliasDepth(String)
        /// A node nests the file past the depth limit.
        case depth
    }

    private struct Open { var anchor: String?; var size: Int; var height: Int }
    private var sizes: [String: (size: Int, height: Int)] = [:]
    private var stack: [Open] = []
    private var expanded = 0

    /// Adds a finished node (of `size` nodes and `height` levels) to its parent.
    private mutating func finish(size: Int, height: Int) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].size += size
        stack[stack.count - 1].height = max(stack[stack.count - 1].height, height + 1)
    }

    /// An alias of `name`; an undefined one is left to the composer.
    mutating func alias(_ name: String) throws(Violation) {
        guard let target = sizes[name] else { return }
        expanded += target.size
        if expanded > YAMLFile.maxAliasExpandedNodes { throw .aliasExpansion(name) }
        if stack.count + target.height > YAMLFile.maxDepth { throw .aliasDepth(name) }
        finish(size: target.size, height: target.height)
    }

    /// A scalar, maybe anchored.
    mutating func scalar(anchor: String?) throws(Violation) {
        if stack.count + 1 > YAMLFile.maxDepth { throw .depth }
        if let anchor { sizes[anchor] = (1, 1) }
        finish(size: 1, height: 1)
    }

    /// The start of a sequence or mapping, maybe anchored.
    mutating func start(anchor: String?) throws(Violation) {
        if stack.count + 1 > YAMLFile.maxDepth { throw .depth }
        stack.append(Open(anchor: anchor, size: 1, height: 1))
    }

    /// The end of a sequence or mapping.
    mutating func end() {
        guard let node = stack.popLast() else { return }
        if let anchor = node.anchor { sizes[anchor] = (node.size, node.height) }
        finish(size: node.size, height: node.height)
    }
}
