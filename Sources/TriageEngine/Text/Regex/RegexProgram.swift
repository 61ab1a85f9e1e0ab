/// A compiled pattern: instructions for the Pike VM (``RegexMachine``), built from a ``RegexNode``.
///
/// Thompson's construction: every instruction is visited at most once per text position, so a search costs
/// at most a constant times `text length × instruction count`, whatever the pattern (no backtracking).
struct RegexProgram: Sendable {
    /// One VM instruction.
    enum Instruction: Sendable {
        /// Consume this scalar.
        case scalar(UInt32)
        /// Consume a scalar whose simple lowercase mapping is this (already lowercased) value.
        case foldedScalar(UInt32)
        /// Consume any scalar but a line terminator.
        case anyButNewline
        /// Consume any scalar.
        case any
        /// Consume a scalar of the class at this index of ``classes``.
        case set(Int)
        /// Continue at both; the first is preferred (leftmost-first priority).
        case split(Int, Int)
        /// Continue at this instruction.
        case jump(Int)
        /// Continue only where the assertion holds.
        case assert(RegexAssertion)
        /// A match ends here.
        case match
    }

    /// The most a counted repetition may repeat (`{m,n}` with m or n above it is rejected).
    static let maxRepeatCount = 1000
    /// The most instructions one pattern may compile to.
    static let maxInstructions = 20_000

    private(set) var instructions: [Instruction] = []
    private(set) var classes: [RegexCharacterClass] = []
    /// ASCII scalars a match can start with, or nil when unknown (non-ASCII, empty match possible, …).
    private(set) var firstScalars: (UInt64, UInt64)?
    /// Whether every match must start at the start of the text.
    private(set) var anchoredAtStart = false

    /// Compiles a parsed pattern; `limit` bounds the instruction count.
    init(_ node: RegexNode, limit: Int = RegexProgram.maxInstructions) throws(RegexSyntaxError) {
        guard node.instructionCount <= limit else { throw RegexSyntaxError(.tooLarge(limit), at: 0) }
        emit(node)
        instructions.append(.match)
        if case .assert(.textStart) = instructions.first { anchoredAtStart = true }
        firstScalars = computeFirstScalars()
    }

    private mutating func emit(_ node: RegexNode) {
        switch node {
        case .empty: break
        case let .scalar(value, caseInsensitive): instructions.append(caseInsensitive ? .foldedScalar(value) : .scalar(value))
        case let .any(dotAll): instructions.append(dotAll ? .any : .anyButNewline)
        case let .set(set):
            classes.append(set)
            instructions.append(.set(classes.count - 1))
        case let .assertion(kind): instructions.append(.assert(kind))
        case let .concatenation(nodes): for item in nodes { emit(item) }
        case let .alternation(nodes):
            var jumps: [Int] = []
            for (index, item) in nodes.enumerated() {
                if index < nodes.count - 1 {
                    let split = instructions.count
                    instructions.append(.split(split + 1, -1))
                    emit(item)
                    jumps.append(instructions.count)
                    instructions.append(.jump(-1))
                    instructions[split] = .split(split + 1, instructions.count)
                } else {
                    emit(item)
                }
            }
            for jump in jumps { instructions[jump] = .jump(instructions.count) }
        case let .repetition(body, min, max, greedy):
            // x{m,} is m-1 copies and a loop over the last one; x{m,n} is m copies and n-m optional ones.
            for _ in 0..<(max == nil && min > 0 ? min - 1 : min) { emit(body) }
            if let max {
                // Each optional copy nests in the previous one: x{1,3} = x(x(x)?)?
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(instructions.count)
                    instructions.append(.split(-1, -1))
                    emit(body)
                }
                let end = instructions.count
                for split in splits { instructions[split] = greedy ? .split(split + 1, end) : .split(end, split + 1) }
            } else if min > 0 {
                // x+: the last copy loops back to itself.
                let lastStart = instructions.count
                emit(body)
                let loop = instructions.count
                instructions.append(greedy ? .split(lastStart, loop + 1) : .split(loop + 1, lastStart))
            } else {
                let split = instructions.count
                instructions.append(.split(-1, -1))
                emit(body)
                instructions.append(.jump(split))
                let end = instructions.count
                instructions[split] = greedy ? .split(split + 1, end) : .split(end, split + 1)
            }
        }
    }

    /// The ASCII scalars that can start a match, found by following the start's epsilon closure.
    private func computeFirstScalars() -> (UInt64, UInt64)? {
        var low: UInt64 = 0
        var high: UInt64 = 0
        func add(_ value: UInt32) {
            if value < 64 { low |= 1 << UInt64(value) } else { high |= 1 << UInt64(value - 64) }
        }
        var seen = Set<Int>()
        var stack = [0]
        while let pc = stack.popLast() {
            guard seen.insert(pc).inserted else { continue }
            switch instructions[pc] {
            case let .scalar(value):
                guard value < 128 else { return nil }
                add(value)
            case let .foldedScalar(value):
                guard value < 128 else { return nil }
                add(value)
                add(RegexCharacterClass.uppercase(value))
                // Non-ASCII scalars that fold to ASCII (the Kelvin sign to k): no filter.
                if value == 0x6B || value == 0x73 { return nil }
            case .set, .any, .anyButNewline, .match: return nil
            case let .split(first, second): stack.append(second); stack.append(first)
            case let .jump(target): stack.append(target)
            case .assert: stack.append(pc + 1)
            }
        }
        return (low, high)
    }
}
