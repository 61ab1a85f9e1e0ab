import Foundation
import Testing
@testable import TriageEngine

/// The retry decision as a pure function, checked against tables.
@Suite struct RetryPolicyTests {
    @Test(arguments: [(429, true), (500, true), (502, true), (503, true), (504, true), (599, true),
                      (400, false), (401, false), (403, false), (404, false), (409, false), (422, false)])
    func retryableStatuses(status: Int, retryable: Bool) {
        #expect(RetryPolicy.isRetryable(status: status) == retryable)
    }

    /// Exponential back-off `0.5 s * 2^(n-1)`, capped at 20 s, without jitter.
    @Test(arguments: [(1, 500), (2, 1_000), (3, 2_000), (4, 4_000), (5, 8_000), (6, 16_000), (7, 20_000), (50, 20_000)])
    func backoffWithoutJitter(attempt: Int, milliseconds: Int64) {
        #expect(RetryPolicy().backoff(afterAttempt: attempt, jitterUnit: 0) == .milliseconds(milliseconds))
    }

    /// Jitter shortens a wait by up to `jitter` of itself: 20 % of 0.5 s at the extreme draw.
    @Test(arguments: [(1, 1.0, 400), (1, 0.5, 450), (2, 1.0, 800), (7, 1.0, 16_000), (7, 0.25, 19_000)])
    func backoffWithJitter(attempt: Int, unit: Double, milliseconds: Int64) {
        #expect(RetryPolicy(jitter: 0.2).backoff(afterAttempt: attempt, jitterUnit: unit) == .milliseconds(milliseconds))
    }

    /// Delta-seconds and the three HTTP-date forms, relative to Sun, 06 Nov 1994 08:49:37 GMT.
    @Test(arguments: [
        ("2", 2_000), ("0", 0), (" 120 ", 120_000), ("1.5", 1_500),
        ("Sun, 06 Nov 1994 08:49:47 GMT", 10_000),
        ("Sunday, 06-Nov-94 08:49:47 GMT", 10_000),
        ("Sun Nov  6 08:49:47 1994", 10_000),
        ("Sun, 06 Nov 1994 08:50:37 GMT", 60_000),
        ("Sun, 06 Nov 1994 08:49:00 GMT", 0),
    ] as [(String, Int64)])
    func retryAfterParses(header: String, milliseconds: Int64) {
        #expect(RetryPolicy.retryAfter(header, now: ProviderFixtures.now) == .milliseconds(milliseconds))
    }

    @Test(arguments: ["", "-1", "soon", "Sun, 99 Nov 1994 08:49:47 GMT", "2 seconds"])
    func retryAfterRejectsGarbage(header: String) {
        #expect(RetryPolicy.retryAfter(header, now: ProviderFixtures.now) == nil)
    }

    @Test func imfFixdateRoundTrips() {
        #expect(RetryPolicy.imfFixdate(ProviderFixtures.now) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(RetryPolicy.httpDate("Sun, 06 Nov 1994 08:49:37 GMT") == ProviderFixtures.now)
    }

    @Test(arguments: [(0, "0 s"), (300, "300 ms"), (1_000, "1 s"), (1_500, "1.5 s"), (60_000, "60 s"), (2_125, "2.125 s")] as [(Int64, String)])
    func formatsDurations(milliseconds: Int64, text: String) {
        #expect(RetryPolicy.format(.milliseconds(milliseconds)) == text)
    }

    struct DecisionCase: Sendable, CustomTestStringConvertible {
        var failure: RetryPolicy.Failure
        var attempt: Int
        var waitedSeconds: Int64 = 0
        var expected: RetryPolicy.Decision
        var testDescription: String { "\(failure) after attempt \(attempt), waited \(waitedSeconds) s -> \(expected)" }
    }

    @Test(arguments: [
        DecisionCase(failure: .status(429, retryAfter: nil), attempt: 1, expected: .retry(after: .milliseconds(500))),
        DecisionCase(failure: .status(429, retryAfter: "2"), attempt: 1, expected: .retry(after: .seconds(2))),
        DecisionCase(failure: .status(503, retryAfter: "3"), attempt: 2, expected: .retry(after: .seconds(3))),
        DecisionCase(failure: .status(429, retryAfter: "Sun, 06 Nov 1994 08:49:44 GMT"), attempt: 1, expected: .retry(after: .seconds(7))),
        DecisionCase(failure: .status(429, retryAfter: "whenever"), attempt: 2, expected: .retry(after: .seconds(1))),
        DecisionCase(failure: .status(500, retryAfter: nil), attempt: 2, expected: .retry(after: .seconds(1))),
        DecisionCase(failure: .status(502, retryAfter: nil), attempt: 3, expected: .retry(after: .seconds(2))),
        DecisionCase(failure: .status(504, retryAfter: nil), attempt: 1, expected: .retry(after: .milliseconds(500))),
        DecisionCase(failure: .timeout, attempt: 1, expected: .retry(after: .milliseconds(500))),
        DecisionCase(failure: .transport, attempt: 2, expected: .retry(after: .seconds(1))),
        DecisionCase(failure: .status(400, retryAfter: nil), attempt: 1, expected: .stop(.notRetryable)),
        DecisionCase(failure: .status(401, retryAfter: nil), attempt: 1, expected: .stop(.notRetryable)),
        DecisionCase(failure: .status(404, retryAfter: "1"), attempt: 1, expected: .stop(.notRetryable)),
        DecisionCase(failure: .status(503, retryAfter: nil), attempt: 4, expected: .stop(.attemptsExhausted)),
        DecisionCase(failure: .timeout, attempt: 4, expected: .stop(.attemptsExhausted)),
        DecisionCase(failure: .status(429, retryAfter: "60"), attempt: 1, expected: .retry(after: .seconds(60))),
        DecisionCase(failure: .status(429, retryAfter: "61"), attempt: 1, expected: .stop(.budgetExhausted(nextWait: .seconds(61)))),
        DecisionCase(failure: .status(429, retryAfter: "30"), attempt: 2, waitedSeconds: 40,
                     expected: .stop(.budgetExhausted(nextWait: .seconds(30)))),
        DecisionCase(failure: .status(500, retryAfter: nil), attempt: 3, waitedSeconds: 59,
                     expected: .stop(.budgetExhausted(nextWait: .seconds(2)))),
    ])
    func decisions(_ testCase: DecisionCase) {
        let policy = RetryPolicy(jitter: 0)
        let decision = policy.decide(after: testCase.failure, attempt: testCase.attempt, waited: .seconds(testCase.waitedSeconds),
                                     now: ProviderFixtures.now, jitterUnit: 0.9)
        #expect(decision == testCase.expected)
    }

    /// `Retry-After` is honoured exactly: jitter applies only to computed back-off.
    @Test func retryAfterIgnoresJitter() {
        let decision = RetryPolicy(jitter: 1).decide(after: .status(429, retryAfter: "2"), attempt: 1, waited: .zero,
                                                     now: ProviderFixtures.now, jitterUnit: 0.99)
        #expect(decision == .retry(after: .seconds(2)))
    }

    /// A seeded generator gives reproducible waits inside the jitter band.
    @Test func seededJitterIsReproducibleAndBounded() {
        struct Counter: RandomNumberGenerator {
            var state: UInt64
            mutating func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state }
        }
        let policy = RetryPolicy(jitter: 0.2)
        var first = Counter(state: 7), second = Counter(state: 7)
        var waits: [Duration] = []
        for attempt in 1...3 {
            let a = policy.decide(after: .transport, attempt: attempt, waited: .zero, now: ProviderFixtures.now, using: &first)
            let b = policy.decide(after: .transport, attempt: attempt, waited: .zero, now: ProviderFixtures.now, using: &second)
            #expect(a == b)
            guard case .retry(let wait) = a else { Issue.record("expected a retry, got \(a)"); return }
            waits.append(wait)
        }
        #expect(waits[0] >= .milliseconds(400) && waits[0] <= .milliseconds(500))
        #expect(waits[1] >= .milliseconds(800) && waits[1] <= .milliseconds(1_000))
        #expect(waits[2] >= .milliseconds(1_600) && waits[2] <= .milliseconds(2_000))
    }

    @Test func initClampsNonsense() {
        let policy = RetryPolicy(maxAttempts: 0, jitter: 3)
        #expect(policy.maxAttempts == 1)
        #expect(policy.jitter == 1)
        #expect(RetryPolicy.noRetries.decide(after: .timeout, attempt: 1, waited: .zero, now: ProviderFixtures.now, jitterUnit: 0)
                == .stop(.attemptsExhausted))
    }
}
