extension Decision {
    /// The decision as JSON, byte-compatible in meaning with its `Codable` encoding, written fast.
    public func writeJSON(into writer: inout JSONWriter) {
        writer.object { w in
            w.key("stage1"); stage1.writeJSON(into: &w)
            if let stage2 { w.key("stage2"); stage2.writeJSON(into: &w) }
            w.field("classificationChanged", classificationChanged)
            w.field("escalate", escalate)
            w.field("team", team)
            w.field("tier", tier.rawValue)
            w.field("priority", priority)
            w.field("slaHours", slaHours)
            w.field("inputSignals", inputSignals)
            if let promptInjection {
                w.key("promptInjection")
                w.object { p in
                    p.field("fields", promptInjection.fields)
                    p.field("matches", promptInjection.matches)
                }
            }
            w.key("reply")
            w.object { r in
                r.field("text", reply.text)
                if reply.parts != [reply.text] { r.field("parts", reply.parts) }
            }
            w.key("trace")
            w.object { t in
                t.key("rules")
                t.array { list in
                    for rule in trace.rules {
                        list.object { e in
                            e.field("rule", rule.rule)
                            e.field("tier", rule.tier.rawValue)
                            e.field("fired", rule.fired)
                            if !rule.detail.isEmpty { e.field("detail", rule.detail) }
                        }
                    }
                }
                t.field("winner", trace.winner)
                t.field("why", trace.why)
                t.field("priorityRule", trace.priorityRule)
            }
        }
    }

    /// The decision as a JSON string.
    public var json: String {
        var writer = JSONWriter(capacity: 2048)
        writeJSON(into: &writer)
        return writer.string
    }
}

extension Classification {
    /// The classification as JSON (see ``Decision/writeJSON(into:)``).
    public func writeJSON(into writer: inout JSONWriter) {
        writer.object { w in
            w.field("category", category)
            w.field("confidence", confidence)
            w.field("sentiment", sentiment)
            w.field("sentimentScore", sentimentScore)
            w.field("churnRisk", churnRisk)
            w.field("suggestedPriority", suggestedPriority)
            w.field("signals", signals)
            w.field("reason", reason)
            w.key("scores")
            w.array { list in
                for score in scores {
                    list.object { s in
                        s.field("category", score.category)
                        s.field("score", score.score)
                    }
                }
            }
        }
    }
}
