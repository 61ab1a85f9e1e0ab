/// Where a model run's replies come from.
public enum ReplySource: String, CaseIterable, Sendable {
    /// The model drafts them.
    case model
    /// The reply templates fill them (one model call fewer per ticket).
    case templates
}
