import Foundation

extension RunReport {
    /// Writes the JSON report of a stored run to `write` in chunks, byte for byte ``renderJSON()`` of the full
    /// report, with the per-scenario lines read from a cursor over the store and written one at a time (memory
    /// stays flat however many results the run has, unless its gates need them all); returns the report without
    /// lines (for its gates), nil when there is no such run.
    public static func streamJSON(run id: Int64, store: any RunStore, to write: ([UInt8]) throws -> Void) throws -> RunReport? {
        guard let run = try store.run(id) else { return nil }
        let report = try build(run: run, store: store, lines: .omitted)
        try report.streamJSON(to: write) { body in
            try store.forEachResult(runs: [id], suites: nil, failuresOnly: false) { result in try body(line(result)) }
        }
        return report
    }

    /// Writes this report's JSON with the lines `lines` hands over one at a time in place of ``results``.
    public func streamJSON(to write: ([UInt8]) throws -> Void, lines: (_ body: (Result) throws -> Void) throws -> Void) throws {
        var shell = self
        shell.results = []
        let text = try shell.renderJSON()
        // Top-level keys are the only ones indented by two spaces, and no string holds a raw newline: this is unique.
        let marker = "\n  \"results\" : [\n\n  ]"
        guard let range = text.range(of: marker) else { return try write(Array(text.utf8)) }
        try write(Array((text[..<range.lowerBound] + "\n  \"results\" : [").utf8))
        var writer = PrettyJSONWriter(elementsAt: 2)
        try withoutActuallyEscaping(write) { write in
            try lines { line in
                line.write(into: &writer)
                if writer.bytes.count >= 1 << 16 { try write(writer.take()) }
            }
        }
        if writer.elements == 0 { writer.newlineOnly() }
        try write(writer.take())
        try write(Array(("\n  ]" + text[range.upperBound...]).utf8))
    }
}

extension RunReport.Result {
    /// Writes the line as its `Codable` conformance encodes it (keys sorted, nil left out).
    func write(into writer: inout PrettyJSONWriter) {
        writer.object { json in
            if let actual {
                json.key("actual")
                json.object { labels in
                    labels.key("category"); labels.value(actual.category)
                    labels.key("churn_risk"); labels.value(actual.churnRisk)
                    labels.key("escalate"); labels.value(actual.escalate)
                    labels.key("priority"); labels.value(actual.priority)
                    labels.key("sentiment"); labels.value(actual.sentiment)
                    labels.key("team"); labels.value(actual.team)
                }
            }
            json.field("deciding_rule", decidingRule)
            json.field("error", error)
            json.field("error_class", errorClass)
            json.key("expected")
            json.object { labels in
                labels.field("category", expected.category)
                if let churnRisk = expected.churnRisk { labels.key("churn_risk"); labels.value(churnRisk) }
                if let escalate = expected.escalate { labels.key("escalate"); labels.value(escalate) }
                labels.field("priority", expected.priority)
                labels.field("sentiment", expected.sentiment)
                labels.field("team", expected.team)
            }
            json.key("failed_checks")
            json.array { checks in
                for check in failedChecks {
                    checks.object { outcome in
                        outcome.key("actual"); outcome.value(check.actual)
                        outcome.key("expected"); outcome.value(check.expected)
                        outcome.key("field"); outcome.value(check.field)
                        outcome.key("passed"); outcome.value(check.passed)
                    }
                }
            }
            json.key("id"); json.value(id)
            json.key("latency_ms"); json.value(latencyMs)
            json.key("passed"); json.value(passed)
            json.key("prompt_injection"); json.value(promptInjection)
            json.key("repeat"); json.value(`repeat`)
            json.key("status"); json.value(status)
            json.key("suite"); json.value(suite)
            json.field("why", why)
        }
    }
}
