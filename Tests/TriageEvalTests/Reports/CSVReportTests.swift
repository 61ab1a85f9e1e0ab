import Foundation
import Testing
import TriageEngine
@testable import TriageEval

/// The CSV renderer, read back with an RFC 4180 reader.
@Suite("CSV report")
struct CSVReportTests {
    @Test func headerAndRowsArePinned() {
        let csv = ReportFixtures.gated.renderCSV()
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines.count == 7)  // header, 5 rows, and the empty string after the last CRLF
        #expect(lines[0] == "suite,id,repeat,status,expected_category,actual_category,expected_escalate,actual_escalate,expected_team,actual_team,"
                + "expected_priority,actual_priority,expected_sentiment,actual_sentiment,expected_churn_risk,actual_churn_risk,failed_checks,deciding_rule,latency_ms,error,prompt_injection,health")
        #expect(lines[2] == "s,r2,0,failed,billing,how_to,true,false,,none,,normal,,neutral,,false,"
                + "\"category: expected billing, got how_to; escalate: expected true, got false\",,20.000,,false,")
        #expect(lines[3] == "s,r3,0,failed,how_to,how_to,false,true,,billing,,normal,,neutral,,false,\"escalate: expected false, got true\",billing-dispute,30.000,,false,")
        #expect(lines[5] == "s,r5,0,errored,how_to,,,,,,,,,,,,,,50.000,ModelError(timeout),false,")
        #expect(lines[6] == "")
    }

    @Test func fieldsWithCommaQuoteAndNewlineRoundTrip() throws {
        let report = ReportFixtures.hostile
        let rows = CSVReader.rows(report.renderCSV())
        #expect(rows.count == 6)
        #expect(rows.allSatisfy { $0.count == RunReport.csvHeader.count })
        #expect(rows[0] == RunReport.csvHeader)
        let column = { (name: String) in RunReport.csvHeader.firstIndex(of: name)! }
        // The id holds quotes and an apostrophe; the failed reply check holds a comma and quotes.
        #expect(rows[2][column("id")] == ReportFixtures.hostileID)
        #expect(rows[2][column("failed_checks")] == RunReport.failureSummary(report.results[1]))
        #expect(rows[2][column("failed_checks")].contains("reply: contains \"refund, today\""))
        // The error holds quotes, an ampersand and a newline, kept as they are, and control characters, shown as
        // their control pictures so they cannot act on a terminal or a spreadsheet.
        #expect(rows[5][column("error")] == ReportFixtures.hostileError.replacingOccurrences(of: "\u{1}", with: "␁").replacingOccurrences(of: "\u{0}", with: "␀"))
        #expect(rows[5][column("status")] == "errored")
    }
}
