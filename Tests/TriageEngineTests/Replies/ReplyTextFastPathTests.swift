import Foundation
import Testing
@testable import TriageEngine

/// The byte fast paths of reply drafting and formatting give what the Character and Foundation code they
/// replaced gives, kept here as the reference, on edge and random texts.
@Suite("Reply text fast paths")
struct ReplyTextFastPathTests {
    /// The first name as it was computed before the byte path (Character whitespace).
    static func referenceFirstName(_ customer: String) -> String {
        customer.split(whereSeparator: { $0.isWhitespace }).first.map(String.init) ?? ""
    }

    @Test func firstNameMatchesCharacterSplit() {
        var checked = 0
        for text in EdgeTexts.all {
            let ticket = Ticket(id: "t", channel: "email", plan: "pro", customer: text, messages: [])
            #expect(ticket.customerFirstName == Self.referenceFirstName(text), "\(text.debugDescription)")
            checked += 1
        }
        // Every ASCII byte between two words, and in front of one.
        for byte in UInt8(0)..<0x80 {
            let between = "Ann" + String(decoding: [byte], as: UTF8.self) + "B."
            let before = String(decoding: [byte, byte], as: UTF8.self) + "Ann B."
            for text in [between, before] {
                let ticket = Ticket(id: "t", channel: "email", plan: "pro", customer: text, messages: [])
                #expect(ticket.customerFirstName == Self.referenceFirstName(text), "byte \(byte)")
                checked += 1
            }
        }
        #expect(checked == EdgeTexts.all.count + 256)
    }

    @Test func firstNameFallsBackOnlyForNonASCII() {
        var ascii = "  Priya N."
        #expect(ascii.withUTF8(Ticket.asciiFirstWord) == "Priya")
        var accented = "Zoë K."
        #expect(accented.withUTF8(Ticket.asciiFirstWord) == nil)
        var combining = "Ann\u{0301} B."
        #expect(combining.withUTF8(Ticket.asciiFirstWord) == nil)
        var empty = " \r\n "
        #expect(empty.withUTF8(Ticket.asciiFirstWord) == "")
    }

    @Test func joiningLinesMatchesFoundation() {
        for text in EdgeTexts.all {
            #expect(ChannelFormatter.joiningLines(text) == text.replacingOccurrences(of: "\n", with: " "), "\(text.debugDescription)")
        }
    }
}
