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
    /// Which repetition of a scenario this is; part of the cache key, so repeats are cached separately.
    @TaskLocal public static var repeatIndex: Int = 0
}
