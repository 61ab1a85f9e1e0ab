import Foundation
import Testing

/// `--format junit|csv|html` through the built binary.
@Suite("CLI report formats", .serialized)
struct FormatsCLITests {
    let fixtures = CLI.fixtures
    let scratch = ScratchDirectory()

    @Test func junitAndCSVGoToStandardOutputAndToOutput() throws {
        let db = scratch.database
        let file = scratch.file("report.xml")
        let junit = try CLI.run(["run", fixtures + "failing.yaml", "--db", db, "--format", "junit", "--output", file] + CLI.fixtureFiles)
        #expect(junit.status == 1)  // the suite's gate fails
        #expect(junit.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"triage-eval run #1\" tests=\"3\" failures=\"2\" errors=\"0\""))
        #expect(junit.stdout.contains("<failure message=\"category: expected billing, got how_to"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == junit.stdout)
        let csv = try CLI.run(["report", "1", "--db", db, "--format", "csv"])
        let lines = csv.stdout.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("suite,id,repeat,status,expected_category,actual_category,"))
        #expect(lines.count == 4)  // header, two scenarios, and the empty string after the last CRLF
        #expect(lines[1].hasPrefix("failing,"))
    }

    @Test func htmlForReportCompareDriftAndRun() throws {
        let db = scratch.database
        let suite = fixtures + "pass.yaml"
        #expect(try CLI.run(["run", suite, "--db", db] + CLI.fixtureFiles).status == 0)
        #expect(try CLI.run(["baseline", "set", "1", "--db", db]).status == 0)
        #expect(try CLI.run(["run", suite, "--db", db] + CLI.fixtureFiles + ["--rules", CompareDriftCLITests.regressedRules]).status == 1)

        // report: the run, its suite's drift (trend chart) and the comparison with the baseline (the flip).
        let report = try CLI.run(["report", "2", "--db", db, "--format", "html"])
        #expect(report.status == 1)
        #expect(report.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(report.stdout.contains("<div class=\"big\" id=\"accuracy\">66.7%</div>"))
        #expect(report.stdout.contains("<strong>baseline #1</strong> (run #1, builtin-lexical) → <strong>#2</strong>"))
        #expect(report.stdout.contains("<tr class=\"flip\"><td><span class=\"badge fail\">pass→fail</span></td><td><code>smoke/smoke-refund</code></td>"))
        #expect(report.stdout.contains("<svg class=\"trend\""))
        #expect(!report.stdout.contains("https://"))

        let compare = try CLI.run(["compare", "1", "2", "--db", db, "--format", "html"])
        #expect(compare.status == 0)
        #expect(compare.stdout.contains("<strong>#1</strong> (run #1, builtin-lexical) → <strong>#2</strong>"))
        #expect(compare.stdout.contains("<code>smoke/smoke-refund</code>"))

        let drift = try CLI.run(["drift", "--db", db, "--format", "html"])
        #expect(drift.status == 0)
        #expect(drift.stdout.components(separatedBy: "<!DOCTYPE html>").count == 2)
        #expect(drift.stdout.contains("<h2>Drift: smoke</h2>"))

        let file = scratch.file("run.html")
        let run = try CLI.run(["run", suite, "--db", db, "--format", "html", "--output", file] + CLI.fixtureFiles)
        #expect(run.status == 0)
        #expect(run.stdout.contains("<h1>triage-eval run #3 <span class=\"badge pass\">gates passed</span></h1>"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == run.stdout)
    }

    @Test func reportsAcrossRunsRefuseJUnitAndCSVWithExitTwo() throws {
        let db = scratch.database
        #expect(try CLI.run(["run", fixtures + "pass.yaml", "--db", db] + CLI.fixtureFiles).status == 0)
        let compare = try CLI.run(["compare", "1", "1", "--db", db, "--format", "junit"])
        #expect(compare.status == 2)
        #expect(compare.stderr.hasPrefix("Error: compare does not render junit; it renders text, markdown, json or html (junit lists one run's scenarios: use `report RUN --format junit`)\n"))
        let drift = try CLI.run(["drift", "--db", db, "--format", "csv"])
        #expect(drift.status == 2)
        #expect(drift.stderr.hasPrefix("Error: drift does not render csv; it renders text, markdown, json or html"))
        let variants = try CLI.run(["run", fixtures + "pass.yaml", "--db", db, "--variant", "a=rules:rules", "--variant", "b=rules:rules", "--format", "html"]
                                   + CLI.fixtureFiles)
        #expect(variants.status == 2)
        #expect(variants.stderr.contains("--variant prints comparisons, in text, markdown or json; for html, render the stored runs"))
    }
}
