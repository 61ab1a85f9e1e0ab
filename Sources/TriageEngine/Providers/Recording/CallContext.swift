/// Task-local context for model calls, so the harness can collect the calls of one scenario without
/// threading parameters through the engine.
///
/// ```swift
/// let log = CallLog()
/// try await CallContext.$log.withValue(log) {
///     try await CallContext.$purpose.withValue("stage1") { try await model.complete(request) }
/// }
/// ```
public enum CallContext {
    /// Where model calls append their records; `nil` records nothing.
    @TaskLocal public static var log: CallLog?
    /// What the calls are for (`stage1`, `stage2`, `reply`, `embedding`, `judge`).
    @TaskLocal public static var purpose: String = "unspecified"
    /// Appended to every response-cache key, so a caller can keep several answers to the same request apart
    /// (the harness passes the repeat index, so each repeat of a scenario has its own entry). `"0"` by
    /// default: keys made before salts existed stay valid.
    @TaskLocal public static var cacheSalt: String = "0"
    /// Told of every call sent, ended and retried as it happens; `nil` tells no one.
    @TaskLocal public static var observer: (any CallObserver)?
}
