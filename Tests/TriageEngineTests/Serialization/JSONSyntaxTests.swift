import Foundation
import Testing
@testable import TriageEngine

/// ``JSONSyntax`` accepts exactly what the full decode accepts, on whole answers, on every prefix of them
/// (a body cut short is what the transport retries), and on hostile texts.
@Suite("JSON syntax check")
struct JSONSyntaxTests {
    static let documents = [
        #"{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"stub","choices":[{"index":0,"message":{"role":"assistant","content":"{\"category\": \"billing\", \"confidence\": 0.92}"},"finish_reason":"stop"}],"usage":{"prompt_tokens":120,"completion_tokens":14,"total_tokens":134}}"#,
        #"{"data":[{"object":"embedding","index":0,"embedding":[0.0023064255,-0.009327292,-1.5e-3,2E+2,0]}],"usage":{"prompt_tokens":8}}"#,
        #"{"content":[{"type":"text","text":"Caf\u00e9 \ud83d\ude00 \"quoted\" \\ \/ \b\f\n\r\t"}],"stop_reason":"end_turn"}"#,
        " \n\t[1, -0, 0.5, -12.25e-3, true, false, null, \"\", {}, [], [[]], {\"a\": {\"b\": [null]}}] \r\n",
        "[1,]", "{\"a\": [1, 2, ], }", "\"just a string\"", "42", "-7.5", "true", "null", "{\"ü\": \"ßé\"}",
    ]

    static let hostile = [
        "", " ", "{", "}", "[", "]", "[,1]", "[,]", "{,}", "[1,,]", "[1,]]", "{\"a\"}", "{\"a\":}", "{a:1}", "{'a':1}", "[01]", "01", "-", "-a",
        "1.", ".5", "1e", "1e+", "+1", "0x10", "NaN", "Infinity", "tru", "nul", "truex", "[true false]", "{\"a\":1 \"b\":2}",
        "\"\\x\"", "\"\\u12\"", "\"\\uZZZZ\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"tab\there\"", "\"unterminated",
        "[1] [2]", "{} {}", "[1]]", "[[1]", "\u{0}", "[\"a\" : 1]", "{\"a\", 1}", "{1:2}",
    ]

    @Test func agreesWithTheFullDecodeOnAnswersEveryPrefixOfThemAndHostileTexts() {
        for text in Self.documents + Self.hostile {
            let data = Data(text.utf8)
            #expect(JSONSyntax.isValid(data) == (JSONValue.parse(data) != nil), "\(text)")
            for cut in 0..<data.count {
                let prefix = data.prefix(cut)
                #expect(JSONSyntax.isValid(prefix) == (JSONValue.parse(prefix) != nil), "\(text) cut at \(cut)")
            }
        }
        for text in Self.documents { #expect(JSONSyntax.isValid(Data(text.utf8)), "\(text)") }
        for text in Self.hostile { #expect(!JSONSyntax.isValid(Data(text.utf8)), "\(text)") }
    }

    @Test func invalidUTF8IsNotJSON() {
        let bytes = Data([UInt8(ascii: "\""), 0xC3, 0x28, UInt8(ascii: "\"")])
        #expect(!JSONSyntax.isValid(bytes))
        #expect(JSONValue.parse(bytes) == nil)
    }

    @Test func deepNestingIsCheckedWithoutRecursion() {
        let depth = 100_000
        let deep = Data((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8)
        #expect(JSONSyntax.isValid(deep))
        #expect(!JSONSyntax.isValid(deep.dropLast()))
    }
}
