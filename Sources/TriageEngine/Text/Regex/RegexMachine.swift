/// The Pike VM: simulates every thread of a ``RegexProgram`` in lock step over the text's scalars.
///
/// Threads are kept in priority order and each instruction holds at most one thread per position, so a
/// search takes at most about `3 × (text length + 1) × instruction count` steps and never backtracks. The
/// first thread to reach `match` wins over every lower-priority thread, which gives the same leftmost-first
/// spans as a backtracking engine.
struct RegexMachine {
    private let program: RegexProgram
    private let instructions: [RegexProgram.Instruction]
    /// Per instruction, the position for which it was last added to a thread list.
    private var seen: [Int]
    private var stack: [Int] = []
    /// Steps taken so far (instructions visited), for the linearity tests.
    private(set) var steps = 0

    init(_ program: RegexProgram) {
        self.program = program
        instructions = program.instructions
        seen = Array(repeating: -1, count: program.instructions.count)
    }

    /// The first (leftmost-first) match at or after `from`, as scalar offsets.
    mutating func firstMatch(in text: [UInt32], from: Int) -> Range<Int>? {
        for index in seen.indices { seen[index] = -1 }
        var current: [(pc: Int, start: Int)] = []
        var next: [(pc: Int, start: Int)] = []
        var matched: Range<Int>? = nil
        var position = from
        let count = text.count
        while true {
            if matched == nil && !(program.anchoredAtStart && position > 0) {
                if current.isEmpty, let (low, high) = program.firstScalars {
                    // No thread alive: skip to the next scalar that can start a match.
                    while position < count {
                        let value = text[position]
                        if value < 64 ? low & (1 << UInt64(value)) != 0 : value < 128 && high & (1 << UInt64(value - 64)) != 0 { break }
                        position += 1
                    }
                    if position >= count { return nil }
                }
                addThread(to: &current, pc: 0, start: position, at: position, text)
            }
            if current.isEmpty {
                // No thread alive: done once a match is found or no later start is possible; otherwise a start
                // that failed at once (an assertion such as `\b` that does not hold here) moves on.
                if matched != nil || position >= count || program.anchoredAtStart { break }
                position += 1
                continue
            }
            let scalar: UInt32? = position < count ? text[position] : nil
            for thread in current {
                steps += 1
                switch instructions[thread.pc] {
                case .match:
                    matched = thread.start..<position
                case let .scalar(value):
                    if scalar == value { addThread(to: &next, pc: thread.pc + 1, start: thread.start, at: position + 1, text) }
                case let .foldedScalar(value):
                    if let scalar, Self.folds(scalar, to: value) { addThread(to: &next, pc: thread.pc + 1, start: thread.start, at: position + 1, text) }
                case .anyButNewline:
                    if let scalar, !Self.isLineTerminator(scalar) { addThread(to: &next, pc: thread.pc + 1, start: thread.start, at: position + 1, text) }
                case .any:
                    if scalar != nil { addThread(to: &next, pc: thread.pc + 1, start: thread.start, at: position + 1, text) }
                case let .set(index):
                    if let scalar, program.classes[index].contains(scalar) { addThread(to: &next, pc: thread.pc + 1, start: thread.start, at: position + 1, text) }
                case .split, .jump, .assert:
                    break  // resolved in addThread
                }
                if case .match = instructions[thread.pc] { break }  // lower-priority threads lose
            }
            swap(&current, &next)
            next.removeAll(keepingCapacity: true)
            if position >= count { break }
            position += 1
        }
        return matched
    }

    /// Adds a thread and everything reachable from it without consuming a scalar, in priority order.
    private mutating func addThread(to list: inout [(pc: Int, start: Int)], pc: Int, start: Int, at position: Int, _ text: [UInt32]) {
        stack.append(pc)
        while let pc = stack.popLast() {
            steps += 1
            if seen[pc] == position { continue }
            seen[pc] = position
            switch instructions[pc] {
            case let .jump(target): stack.append(target)
            case let .split(first, second):
                stack.append(second)
                stack.append(first)
            case let .assert(kind):
                if Self.holds(kind, at: position, text) { stack.append(pc + 1) }
            default:
                list.append((pc, start))
            }
        }
    }

    static func folds(_ scalar: UInt32, to value: UInt32) -> Bool {
        if scalar < 128 { return (scalar >= 65 && scalar <= 90 ? scalar + 32 : scalar) == value }
        let lower = RegexCharacterClass.lowercase(scalar)
        return lower == value || RegexCharacterClass.lowercase(RegexCharacterClass.uppercase(scalar)) == value
    }

    static func isLineTerminator(_ scalar: UInt32) -> Bool {
        scalar == 0x0A || scalar == 0x0D || scalar == 0x85 || scalar == 0x2028 || scalar == 0x2029
    }

    static func holds(_ kind: RegexAssertion, at position: Int, _ text: [UInt32]) -> Bool {
        let count = text.count
        switch kind {
        case .textStart: return position == 0
        case .textEnd: return position == count
        case .textEndOrFinalNewline: return position == count || (position == count - 1 && text[position] == 0x0A)
        // As in ICU, not after a line break that ends the text: no line starts there.
        case .lineStart: return position == 0 || (position < count && text[position - 1] == 0x0A)
        case .lineEnd: return position == count || text[position] == 0x0A
        case .wordBoundary, .notWordBoundary:
            let before = position > 0 && RegexCharacterClass.isWord(text[position - 1])
            let after = position < count && RegexCharacterClass.isWord(text[position])
            return (before != after) == (kind == .wordBoundary)
        }
    }
}
