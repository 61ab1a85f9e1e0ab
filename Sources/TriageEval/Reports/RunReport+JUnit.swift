import Foundation

extension RunReport {
    /// The report as JUnit XML for CI test reporters: one `<testsuite>` per suite with one `<testcase>` per
    /// scenario run (`classname` the suite, `name` the scenario id with `#repeat` after the first repeat,
    /// `time` its latency in seconds); a failed scenario has a `<failure>` whose message lists the failed checks
    /// and whose body holds expected and actual labels and the deciding rule, an errored one an `<error>`.
    /// Gates follow as a `gates` testsuite. The run id, commit and engine are `<properties>` of every suite.
    public func renderJUnit() -> String {
        var suiteNames = suites.map(\.name)
        for result in results where !suiteNames.contains(result.suite) { suiteNames.append(result.suite) }
        let timestamp = Self.junitTimestamp(run.startedAt)
        var body = ""
        var totals = (tests: 0, failures: 0, errors: 0, time: 0.0)
        for name in suiteNames {
            let subset = results.filter { $0.suite == name }
            let failures = subset.filter { $0.status == "failed" }.count
            let errors = subset.filter { $0.status == "errored" }.count
            let time = subset.reduce(0) { $0 + $1.latencyMs } / 1000
            totals = (totals.tests + subset.count, totals.failures + failures, totals.errors + errors, totals.time + time)
            body += "  <testsuite name=\"\(Markup.xml(name, attribute: true))\" tests=\"\(subset.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"0\" time=\"\(Self.seconds(time))\" timestamp=\"\(timestamp)\">\n"
            body += junitProperties(suite: name)
            for result in subset { body += junitCase(result) }
            body += "  </testsuite>\n"
        }
        if !gates.isEmpty {
            let failures = gates.filter { !$0.passed }.count
            totals = (totals.tests + gates.count, totals.failures + failures, totals.errors, totals.time)
            body += "  <testsuite name=\"gates\" tests=\"\(gates.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\" time=\"0.000\" timestamp=\"\(timestamp)\">\n"
            body += junitProperties()
            for gate in gates {
                let name = Markup.xml("\(gate.scope): \(gate.name)", attribute: true)
                if gate.passed {
                    body += "    <testcase classname=\"gates\" name=\"\(name)\" time=\"0.000\"/>\n"
                } else {
                    body += "    <testcase classname=\"gates\" name=\"\(name)\" time=\"0.000\">\n"
                    body += "      <failure message=\"\(Markup.xml(gate.summary, attribute: true))\" type=\"gate\">\(Markup.xml(gate.summary))</failure>\n"
                    body += "    </testcase>\n"
                }
            }
            body += "  </testsuite>\n"
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"triage-eval run #\(run.id)\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"\(totals.errors)\" time=\"\(Self.seconds(totals.time))\" timestamp=\"\(timestamp)\">\n"
        out += body
        out += "</testsuites>\n"
        return out
    }

    /// The checks a scenario run failed, one clause each: `category: expected billing, got how_to; reply: …`.
    public static func failureSummary(_ result: Result) -> String {
        result.failedChecks.map { check in
            check.field == "reply" ? "reply: \(check.expected) — \(check.actual)" : "\(check.field): expected \(check.expected), got \(check.actual)"
        }.joined(separator: "; ")
    }

    /// The run's properties, then its escalation rates: the run's, `suite`'s (when given) and each team's.
    func junitProperties(suite: String? = nil) -> String {
        var properties: [(String, String)] = [("run_id", String(run.id)), ("run_status", run.status), ("git_commit", run.gitCommit ?? ""),
                                              ("engine", run.engine.classifier), ("drafter", run.engine.drafter)]
        if let model = run.engine.model { properties.append(("model", model)) }
        properties.append(("tool_version", run.toolVersion))
        if let selectionLine { properties.append(("selection", selectionLine)) }
        properties.append(("prompt_injection_flagged", String(injection.flagged)))
        properties.append(("prompt_injection_changed", String(injection.changed)))
        properties.append(("escalation_rate", GateResult.format(escalation.rate)))
        if let quality {
            properties.append(("mean_health", quality.meanHealth.map { String(format: "%.1f", $0) } ?? "n/a"))
            properties.append(("quality_failed", String(quality.failed.count)))
        }
        if let row = escalation.suites.first(where: { $0.name == suite }) { properties.append(("escalation_rate.suite", GateResult.format(row.rate))) }
        for team in escalation.teams { properties.append(("escalation_rate.team.\(team.name)", GateResult.format(team.rate))) }
        return "    <properties>\n"
            + properties.map { "      <property name=\"\($0.0)\" value=\"\(Markup.xml($0.1, attribute: true))\"/>\n" }.joined()
            + "    </properties>\n"
    }

    func junitCase(_ result: Result) -> String {
        let name = result.id + (result.repeat > 0 ? "#\(result.repeat)" : "")
        let open = "    <testcase classname=\"\(Markup.xml(result.suite, attribute: true))\" name=\"\(Markup.xml(name, attribute: true))\" time=\"\(Self.seconds(result.latencyMs / 1000))\""
            + (result.promptInjection ? ">\n      <properties><property name=\"prompt_injection\" value=\"true\"/></properties>" : "")
        let close = result.promptInjection ? "\n    </testcase>\n" : "/>\n"
        switch result.status {
        case "passed":
            return open + close
        case "errored":
            let message = result.error ?? "errored"
            return open + (result.promptInjection ? "" : ">") + "\n      <error message=\"\(Markup.xml(message, attribute: true))\" type=\"errored\">\(Markup.xml(Self.junitDetail(result)))</error>\n    </testcase>\n"
        default:
            let summary = Self.failureSummary(result)
            let type = Array(Set(result.failedChecks.map(\.field))).sorted().joined(separator: ",")
            return open + (result.promptInjection ? "" : ">") + "\n      <failure message=\"\(Markup.xml(summary.isEmpty ? "failed" : summary, attribute: true))\" type=\"\(Markup.xml(type.isEmpty ? "failed" : type, attribute: true))\">"
                + Markup.xml(Self.junitDetail(result)) + "</failure>\n    </testcase>\n"
        }
    }

    /// The body of a failure or error: expected and actual labels, the failed checks, the deciding rule.
    static func junitDetail(_ result: Result) -> String {
        var lines: [String] = []
        if let error = result.error { lines.append("error: \(error)") }
        if result.promptInjection { lines.append("prompt injection: the ticket was flagged") }
        lines.append("expected: " + Expectation.fields.compactMap { field in result.expected.value(of: field).map { "\(field)=\($0)" } }.joined(separator: " "))
        if let actual = result.actual {
            lines.append("actual:   " + Expectation.fields.compactMap { field in actual.value(of: field).map { "\(field)=\($0)" } }.joined(separator: " "))
        } else {
            lines.append("actual:   (no decision)")
        }
        for check in result.failedChecks {
            lines.append(check.field == "reply" ? "reply: \(check.expected) — \(check.actual)" : "\(check.field): expected \(check.expected), got \(check.actual)")
        }
        if let rule = result.decidingRule {
            lines.append("deciding rule: \(rule)" + (result.why.map { " — \($0)" } ?? ""))
        } else if let why = result.why {
            lines.append("why: \(why)")
        }
        return "\n" + lines.joined(separator: "\n") + "\n      "
    }

    static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    static func junitTimestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
