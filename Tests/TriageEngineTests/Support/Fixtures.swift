import Foundation
@testable import TriageEngine

/// Paths and loaders shared by the engine tests.
enum Fixtures {
    /// The repository root (three levels above this file).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The shipped default policy.
    static let policy: Policy = try! PolicyLoader.load(directory: root + "/rules")

    /// The shipped reply templates.
    static let replies: ReplyTemplates = try! ReplyTemplates.load(path: root + "/prompts/replies.yaml", taxonomy: policy.taxonomy)

    /// The built-in pipeline over the shipped files.
    static let pipeline = TriagePipeline(policy: policy, replies: replies)

    /// A one-message ticket.
    static func ticket(_ text: String, channel: String = "email", plan: String = "pro", subject: String? = nil, customer: String = "Priya N.") -> Ticket {
        Ticket(id: "t", channel: channel, plan: plan, customer: customer, subject: subject, messages: [Message(role: .customer, text: text)])
    }

    /// Loads a policy whose taxonomy, lexicon or escalation text is replaced.
    static func policy(taxonomy: String? = nil, lexicon: String? = nil, escalation: String? = nil) throws -> Policy {
        func file(_ name: String, _ text: String?) throws -> YAMLFile {
            if let text { return YAMLFile(path: "rules/\(name)", text: text) }
            return try YAMLFile.read(path: root + "/rules/\(name)")
        }
        return try PolicyLoader.load(taxonomy: file("taxonomy.yaml", taxonomy), lexicon: file("lexicon.yaml", lexicon),
                                     escalation: file("escalation.yaml", escalation))
    }

    /// The shipped escalation.yaml text.
    static let escalationText = try! String(contentsOfFile: root + "/rules/escalation.yaml", encoding: .utf8)
    /// The shipped taxonomy.yaml text.
    static let taxonomyText = try! String(contentsOfFile: root + "/rules/taxonomy.yaml", encoding: .utf8)

    /// The error text a throwing call produced.
    static func errorText(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "no error" } catch { return "\(error)" }
    }
}
