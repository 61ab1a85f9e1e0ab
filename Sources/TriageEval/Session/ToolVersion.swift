/// The tool's version, stored with every run.
public enum ToolVersion {
    /// Semantic version.
    public static let current = "0.1.0"
}
