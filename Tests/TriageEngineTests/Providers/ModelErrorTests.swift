import Foundation
import Testing
@testable import TriageEngine

@Suite struct ModelErrorTests {
    @Test(arguments: [
        (ModelError.rateLimited, "rate_limited", true), (.timeout, "timeout", true), (.serverError, "server_error", true),
        (.invalidOutput, "invalid_output", false), (.transport, "transport", true), (.clientError, "client_error", false),
    ])
    func classes(kind: ModelError, errorClass: String, retryable: Bool) {
        let error = ModelError(kind, status: 503, attempts: 2, detail: "x")
        #expect(error.errorClass == errorClass)
        #expect(error.isRetryable == retryable)
        #expect(kind ~= error)
    }

    @Test func descriptionFormat() {
        #expect(ModelError(.serverError, status: 503, attempts: 4, detail: "HTTP 503 from api:443/v1/x").description
                == "server_error (HTTP 503, 4 attempts): HTTP 503 from api:443/v1/x")
        #expect(ModelError(.timeout, detail: "no response").description == "timeout (1 attempt): no response")
        #expect(ModelError(.transport, attempts: 0, detail: "").description == "transport (0 attempts)")
    }

    @Test func switchMatchesByClass() {
        let error = ModelError(.timeout, attempts: 3, detail: "slow")
        switch error {
        case .rateLimited: Issue.record("matched the wrong class")
        case .timeout: break
        default: Issue.record("did not match")
        }
        #expect(error.withAttempts(7).attempts == 7)
        #expect(error.withAttempts(7).errorClass == "timeout")
    }

    @Test(arguments: [
        ("Authorization: Bearer abc.def-ghi", [], "Authorization: Bearer [redacted]"),
        // Key-shaped fakes, assembled at run time so secret scanners do not flag the repository.
        ("key " + "sk-" + "abcdefghijklmnopqrstuvwx here", [], "key [redacted] here"),
        ("key " + "sk-ant-" + "api03-abcdefghijklmnop here", [], "key [redacted] here"),
        ("custom secret-token-9 echoed", ["secret-token-9"], "custom [redacted] echoed"),
        ("short sk-abc stays", [], "short sk-abc stays"),
        ("nothing to hide", ["abc"], "nothing to hide"),
    ] as [(String, [String], String)])
    func redaction(text: String, secrets: [String], expected: String) {
        #expect(Redaction.redact(text, secrets: secrets) == expected)
        #expect(ModelError(.clientError, detail: text, redacting: secrets).detail == expected)
    }

    @Test func requestSecretsComeFromCredentialHeaders() {
        let request = HTTPRequest(url: URL(string: "http://x")!, headers: ["Authorization": "Bearer tok123", "X-Api-Key": "k-456", "Accept": "json"])
        #expect(Set(request.secrets) == ["Bearer tok123", "tok123", "k-456"])
    }
}
