import TriageEngine

extension SuiteLoader {
    /// What one load keeps once however often a suite repeats it: texts (messages, customers, subjects,
    /// assertion texts, tags) share one copy, and a reply `regex:` is compiled once per pattern. A large suite
    /// made of repeated tickets then holds each text once, not once per scenario.
    final class Pool {
        private var texts = Set<String>()
        private var regexes: [String: LinearRegex] = [:]

        /// The pool's copy of `text` (the first one seen that is equal to it).
        func text(_ text: String) -> String { texts.insert(text).memberAfterInsert }

        /// The expression compiled from `source` by `compile`, compiled only the first time a source is seen
        /// (a failed compile is not kept, so each failure throws its own positioned error).
        func regex(_ source: String, compile: () throws -> LinearRegex) rethrows -> LinearRegex {
            if let regex = regexes[source] { return regex }
            let regex = try compile()
            regexes[source] = regex
            return regex
        }
    }
}
