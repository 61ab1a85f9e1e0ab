import Foundation
import TriageEngine
import TriageEval

extension Viewer {
    /// `/runs/ID/scenarios/SUITE/SCENARIO[?repeat=N]`: one scenario run with its ticket (read again from the
    /// run's suite file when unchanged), checks, decision, escalation trace, reply, model calls and the rendered
    /// request of each call as stored.
    func scenarioPage(run id: Int64, key: ResultKey) throws -> ViewerPage {
        typealias L = ViewerLayout
        guard let run = try store.run(id) else { return noRun(id) }
        guard let result = try store.result(run: id, key: key) else {
            return errorPage(status: 404, reason: "run #\(id) has no result for \(key.suite)/\(key.scenarioID) repeat \(key.repeatIndex)")
        }
        let name = "\(key.suite)/\(key.scenarioID)"
        var body = "<header>\n<h1><code>\(L.e(name))</code> \(L.statusBadge(result.status.rawValue))</h1>\n"
        body += "<p class=\"muted\">run \(L.link(.run(id), "#\(id)")) · repeat \(key.repeatIndex)"
        for other in [key.repeatIndex - 1, key.repeatIndex + 1] where other >= 0 {
            let otherKey = ResultKey(suite: key.suite, scenarioID: key.scenarioID, repeatIndex: other)
            if try store.result(run: id, key: otherKey) != nil {
                body += " · " + L.link(.scenario(run: id, suite: key.suite, scenario: key.scenarioID, repeatIndex: other), "repeat \(other)")
            }
        }
        body += String(format: " · %.1f ms", result.latencyMs)
        if !result.tags.isEmpty { body += " · tags " + result.tags.map { "<code>\(L.e($0))</code>" }.joined(separator: " ") }
        body += "</p>\n</header>\n"

        body += ticketSection(ScenarioLookup.find(suite: key.suite, id: key.scenarioID, sources: run.sources))

        body += "<section id=\"checks\">\n<h2>Checks</h2>\n"
        if let error = result.error {
            body += "<p class=\"error\">\(L.e(error))\(result.errorClass.map { " (" + L.e($0) + ")" } ?? "")</p>\n"
        }
        if result.checks.isEmpty {
            body += "<p class=\"muted\">No check ran.</p>\n"
        } else {
            body += "<table>\n<tr><th>Check</th><th>Expected</th><th>Actual</th><th></th></tr>\n"
            for check in result.checks {
                body += "<tr><td>\(L.e(check.field))</td><td><code>\(L.e(check.expected))</code></td><td\(check.passed ? "" : " class=\"bad\"")>\(L.e(check.actual))</td>"
                body += "<td>\(check.passed ? "✓" : "✗")</td></tr>\n"
            }
            body += "</table>\n"
        }
        body += "</section>\n"
        if let decision = result.decision { body += decisionSections(decision) }
        body += try callsSection(result.calls)
        return ViewerPage(status: 200, html: L.document(title: "\(name) · run #\(id)", trail: [L.link(.run(id), "run #\(id)"), L.e(name)], body: body))
    }

    /// The ticket as the suite file the run used states it, or why it cannot be shown.
    func ticketSection(_ lookup: ScenarioLookup) -> String {
        typealias L = ViewerLayout
        var out = "<section id=\"ticket\">\n<h2>Ticket</h2>\n"
        switch lookup {
        case .unavailable(let reason):
            out += "<p class=\"muted\">Not shown: \(L.e(reason)).</p>\n"
        case .found(let scenario, let path):
            let ticket = scenario.ticket
            out += "<p class=\"muted\"><code>\(L.e(ticket.channel))</code> · plan <code>\(L.e(ticket.plan))</code> · \(L.e(ticket.customer))"
            out += " · from <code>\(L.e(path)):\(scenario.line)</code></p>\n"
            if let subject = ticket.subject { out += "<p><strong>\(L.e(subject))</strong></p>\n" }
            for message in ticket.messages {
                out += "<p class=\"muted\">\(L.e(message.role.rawValue))</p>\n<pre>\(L.e(message.text))</pre>\n"
            }
        }
        return out + "</section>\n"
    }

    /// The decision: labels per stage, escalation, the rule trace and the reply.
    func decisionSections(_ decision: Decision) -> String {
        typealias L = ViewerLayout
        var out = "<section id=\"decision\">\n<h2>Decision</h2>\n<table>\n"
        out += "<tr><th>Stage</th><th>Category</th><th class=\"num\">Confidence</th><th>Sentiment</th><th>Churn risk</th><th>Reason</th></tr>\n"
        for (stage, classification) in [("stage 1", decision.stage1), ("stage 2", decision.stage2)] {
            guard let classification else { continue }
            out += "<tr><td>\(stage)</td><td><code>\(L.e(classification.category))</code></td><td class=\"num\">\(String(format: "%.2f", classification.confidence))</td>"
            out += "<td>\(L.e(classification.sentiment))</td><td>\(classification.churnRisk)</td><td>\(L.e(classification.reason))</td></tr>\n"
        }
        out += "</table>\n<p>"
        out += decision.escalate ? "Escalated to <code>\(L.e(decision.team ?? "none"))</code>" : "Not escalated"
        out += " · tier <code>\(L.e(decision.tier.rawValue))</code> · priority <code>\(L.e(decision.priority))</code>"
        if let sla = decision.slaHours { out += String(format: " · SLA %g h", sla) }
        out += "</p>\n"
        if !decision.inputSignals.isEmpty {
            out += "<p>Input signals: " + decision.inputSignals.map { "<code>\(L.e($0))</code>" }.joined(separator: " ") + "</p>\n"
        }
        if let finding = decision.promptInjection {
            out += "<p>\(L.badge("prompt injection", "err")) in \(L.e(finding.fields.joined(separator: ", "))): \(L.e(finding.matches.joined(separator: ", ")))</p>\n"
        }
        out += "</section>\n<section id=\"trace\">\n<h2>Escalation trace</h2>\n"
        out += "<p>Winner: \(decision.trace.winner.map { "<code>\(L.e($0))</code>" } ?? "none") — \(L.e(decision.trace.why))"
        if let rule = decision.trace.priorityRule { out += " · priority rule <code>\(L.e(rule))</code>" }
        out += "</p>\n"
        if !decision.trace.rules.isEmpty {
            out += "<table>\n<tr><th>Rule</th><th>Tier</th><th>Fired</th><th>Detail</th></tr>\n"
            for rule in decision.trace.rules {
                out += "<tr\(rule.fired ? "" : " class=\"dim\"")><td><code>\(L.e(rule.rule))</code></td><td>\(L.e(rule.tier.rawValue))</td>"
                out += "<td>\(rule.fired ? "yes" : "no")</td><td>\(L.e(rule.detail))</td></tr>\n"
            }
            out += "</table>\n"
        }
        out += "</section>\n<section id=\"reply\">\n<h2>Reply</h2>\n<pre>\(L.e(decision.reply.text))</pre>\n</section>\n"
        return out
    }

    /// The model calls, each with the request body the store keeps under its hash (pretty-printed when JSON).
    func callsSection(_ calls: [CallRecord]) throws -> String {
        typealias L = ViewerLayout
        var out = "<section id=\"calls\">\n<h2>Model calls (\(calls.count))</h2>\n"
        guard !calls.isEmpty else { return out + "<p class=\"muted\">This scenario made no model call (the built-in engine needs none).</p>\n</section>\n" }
        for (index, call) in calls.enumerated() {
            out += "<h3>\(index + 1). <code>\(L.e(call.purpose))</code> · \(L.e(call.provider)) <code>\(L.e(call.model))</code></h3>\n<p class=\"muted\">"
            out += "status \(call.status.map(String.init) ?? "none") · \(call.attempts) attempt\(call.attempts == 1 ? "" : "s")"
            out += String(format: " · %.1f ms · %d in / %d out tokens · $%.4f", call.latencyMs, call.inputTokens, call.outputTokens, call.costUSD)
            if call.cached { out += " · cached" }
            if let errorClass = call.errorClass { out += " · error <code>\(L.e(errorClass))</code>" }
            out += " · request <code>\(L.e(String(call.requestHash.prefix(12))))</code></p>\n"
            if let body = try store.request(hash: call.requestHash) {
                out += "<pre class=\"request\">\(L.e(Self.pretty(body)))</pre>\n"
            } else {
                out += "<p class=\"muted\">The store keeps no request body under this hash.</p>\n"
            }
        }
        return out + "</section>\n"
    }

    /// JSON re-indented for reading; other text as it is.
    static func pretty(_ body: String) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.utf8)),
              let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else { return body }
        return String(decoding: data, as: UTF8.self)
    }
}
