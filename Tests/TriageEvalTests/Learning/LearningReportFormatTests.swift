import Foundation
import Testing
@testable import TriageEval

/// `learn report` and `learn list` in every format, pinned as exact text.
@Suite("Learning: report and list formats")
struct LearningReportFormatTests {
    /// Three feedback and four correction items, two applied and re-checked, one still wrong on two fields.
    static let report = LearningReport(
        counts: [.feedback: [.pending: 1, .duplicate: 1, .rejected: 1], .correction: [.applied: 2, .approved: 1, .duplicate: 1]],
        checked: 2, correct: 1,
        fields: ["category": (1, 2), "escalate": (2, 2), "team": (1, 2), "priority": (0, 0)],
        wrong: [(conversation: "c-1029", fields: ["category", "team"])])

    static let empty = LearningReport(counts: [:], checked: 0, correct: 0, fields: [:], wrong: [])

    @Test func text() throws {
        #expect(try Self.report.rendered(as: .text) == """
            Learning queue
              source      pending   approved  rejected  applied   duplicate total
              feedback    1         0         1         0         1         3
              correction  0         1         0         2         1         4

            Applied items re-checked with the current rules and prompts: 2
              all labels right: 1/2 (50.0%)
              category: 1/2 (50.0%)
              escalate: 2/2 (100.0%)
              team: 1/2 (50.0%)
            Still wrong:
              c-1029: category, team

            """)
    }

    @Test func markdown() throws {
        #expect(try Self.report.rendered(as: .markdown) == """
            ## Learning queue

            | source | pending | approved | rejected | applied | duplicate | total |
            |---|---:|---:|---:|---:|---:|---:|
            | feedback | 1 | 0 | 1 | 0 | 1 | 3 |
            | correction | 0 | 1 | 0 | 2 | 1 | 4 |

            ### Applied items re-checked with the current rules and prompts

            2 re-checked; all labels right: 1/2 (50.0%)

            | field | right | labelled | share |
            |---|---:|---:|---:|
            | category | 1 | 2 | 50.0% |
            | escalate | 2 | 2 | 100.0% |
            | team | 1 | 2 | 50.0% |

            Still wrong:

            - `c-1029`: category, team

            """)
        #expect(try Self.empty.rendered(as: .markdown).hasSuffix("\n\nApplied items re-checked: none applied yet (`triage-eval learn apply --suite FILE`).\n"))
    }

    @Test func json() throws {
        #expect(try Self.report.rendered(as: .json) == """
            {
              "format_version" : 1,
              "items" : {
                "correction" : {
                  "applied" : 2,
                  "approved" : 1,
                  "duplicate" : 1,
                  "pending" : 0,
                  "rejected" : 0,
                  "total" : 4
                },
                "feedback" : {
                  "applied" : 0,
                  "approved" : 0,
                  "duplicate" : 1,
                  "pending" : 1,
                  "rejected" : 1,
                  "total" : 3
                }
              },
              "rechecked" : {
                "checked" : 2,
                "correct" : 1,
                "fields" : [
                  {
                    "field" : "category",
                    "labelled" : 2,
                    "right" : 1
                  },
                  {
                    "field" : "escalate",
                    "labelled" : 2,
                    "right" : 2
                  },
                  {
                    "field" : "team",
                    "labelled" : 2,
                    "right" : 1
                  },
                  {
                    "field" : "priority",
                    "labelled" : 0,
                    "right" : 0
                  }
                ],
                "wrong" : [
                  {
                    "conversation_id" : "c-1029",
                    "fields" : [
                      "category",
                      "team"
                    ]
                  }
                ]
              },
              "total" : 7
            }

            """)
        // An empty queue still has every source and status, at zero.
        let empty = try JSONSerialization.jsonObject(with: Data(try Self.empty.rendered(as: .json).utf8)) as? [String: Any]
        #expect((empty?["items"] as? [String: [String: Int]])?["feedback"] == ["pending": 0, "approved": 0, "rejected": 0, "applied": 0, "duplicate": 0, "total": 0])
        #expect(empty?["total"] as? Int == 0)
    }

    @Test func listJSONHasEveryKeyOnEveryItem() throws {
        var applied = RunStoreTests.learnItem("c-1", status: .applied)
        applied.id = 3
        applied.appliedSuite = "scenarios/learned.yaml"
        applied.decidedAt = RunStoreTests.date
        var feedback = RunStoreTests.learnItem("c-2", source: .feedback, expected: nil)
        feedback.id = 4
        let created = ISO8601DateFormatter().string(from: RunStoreTests.date)
        #expect(try LearnItem.listJSON([applied, feedback]) == """
            [
              {
                "applied_suite" : "scenarios/learned.yaml",
                "conversation_id" : "c-1",
                "created_at" : "\(created)",
                "decided_at" : "\(created)",
                "duplicate_of" : null,
                "expected" : {
                  "category" : "billing",
                  "escalate" : true,
                  "priority" : "high",
                  "team" : "billing"
                },
                "id" : 3,
                "predicted" : {
                  "category" : "how_to",
                  "escalate" : false,
                  "priority" : "low",
                  "team" : "none"
                },
                "reason" : null,
                "scenario_id" : "learned-c-1",
                "similarity" : 0.25,
                "source" : "correction",
                "status" : "applied"
              },
              {
                "applied_suite" : null,
                "conversation_id" : "c-2",
                "created_at" : "\(created)",
                "decided_at" : null,
                "duplicate_of" : null,
                "expected" : null,
                "id" : 4,
                "predicted" : {
                  "category" : "how_to",
                  "escalate" : false,
                  "priority" : "low",
                  "team" : "none"
                },
                "reason" : null,
                "scenario_id" : "learned-c-2",
                "similarity" : 0.25,
                "source" : "feedback",
                "status" : "pending"
              }
            ]

            """)
        #expect(try LearnItem.listJSON([]) == "[\n\n]\n")
    }
}
