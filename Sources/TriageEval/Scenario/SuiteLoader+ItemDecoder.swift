import Foundation
import TriageEngine

extension SuiteLoader {
    /// Decodes a streamed suite's items into scenarios on a thread of its own while libyaml's pass builds the
    /// next items on the caller's, so a large suite's load keeps two cores busy: of the 2.7 s a 100,000-scenario
    /// suite took on one core, about 0.75 s is this decoding. Items are handed over in batches through a
    /// bounded queue (the builder waits when the decoder is that far behind, so memory stays bounded) and
    /// decoded in file order. The first failure of `decode` is kept, and thrown by the next ``add(_:)`` and by
    /// ``finish()``; after it the decoder drops what it is handed.
    final class ItemDecoder: @unchecked Sendable {
        /// Items handed over at a time.
        static let batchSize = 64
        /// Batches waiting for the decoder at most.
        static let queueLimit = 16

        private let condition = NSCondition()
        private var queue: [[YAMLNode]] = []
        private var closed = false
        private var finished = false
        private var failure: (any Error)?
        private var scenarios: [Scenario] = []
        private var pending: [YAMLNode] = []
        private let decode: (YAMLNode) throws -> Scenario

        /// Starts the decoding thread; `decode` runs only there, one item at a time, in file order.
        init(decode: @escaping (YAMLNode) throws -> Scenario) {
            self.decode = decode
            pending.reserveCapacity(Self.batchSize)
            let thread = Thread { [self] in work() }
            thread.name = "triage-eval-suite-decode"
            thread.start()
        }

        /// Hands one item on (the caller's thread only); throws the decoder's failure once there is one.
        func add(_ node: YAMLNode) throws {
            pending.append(node)
            if pending.count == Self.batchSize { try flush() }
        }

        /// Waits for every item handed on to be decoded and returns the scenarios in file order, or throws the
        /// first failure.
        func finish() throws -> [Scenario] {
            try? flush()
            condition.lock()
            defer { condition.unlock() }
            closed = true
            condition.broadcast()
            while !finished { condition.wait() }
            if let failure { throw failure }
            return scenarios
        }

        private func flush() throws {
            guard !pending.isEmpty else { return }
            condition.lock()
            defer { condition.unlock() }
            while queue.count >= Self.queueLimit && failure == nil { condition.wait() }
            if let failure { throw failure }
            queue.append(pending)
            pending = []
            pending.reserveCapacity(Self.batchSize)
            condition.broadcast()
        }

        private func work() {
            var decoded: [Scenario] = []
            var failed: (any Error)?
            while true {
                condition.lock()
                while queue.isEmpty && !closed { condition.wait() }
                if queue.isEmpty {
                    scenarios = decoded
                    finished = true
                    condition.broadcast()
                    condition.unlock()
                    return
                }
                let batch = queue.removeFirst()
                condition.broadcast()
                condition.unlock()
                guard failed == nil else { continue }
                do {
                    for node in batch { decoded.append(try decode(node)) }
                } catch {
                    failed = error
                    decoded = []
                    condition.lock()
                    failure = error
                    condition.broadcast()
                    condition.unlock()
                }
            }
        }
    }
}
